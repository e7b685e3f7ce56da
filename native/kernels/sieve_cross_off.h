// numaccel — the sieve's crossing-off loops: the unrolled block loop for small and medium
// sieving primes, and the one-multiple-at-a-time step for large ones (buckets, single segments).
//
// Private to the sieve files of native/kernels/; internal linkage, as sieve_wheel.h explains.
#ifndef NUMACCEL_KERNELS_SIEVE_CROSS_OFF_H
#define NUMACCEL_KERNELS_SIEVE_CROSS_OFF_H

#include <cstddef>

#include "sieve_wheel.h"

namespace numaccel {
namespace {

// q = p / 30 (the residue class RI = index of p mod 30 is implied by the list the prime is in),
// hit = byte offset of the next multiple to cross off, relative to the current chunk/segment,
// k = wheel index of that multiple's multiplier.
struct SievingPrime {
    u32 qk;  // q << 3 | k
    u32 hit;
};

// Crosses off the multiples of every prime in [first, last) inside seg[0, len), with the
// unrolled 8-multiples-per-block loop, and leaves each prime's state relative to seg + len.
template <int RI>
void cross_off_blocks(u8* seg, std::size_t len, SievingPrime* first, SievingPrime* last) noexcept {
    constexpr u32 R = kWheel[RI];
    constexpr u8 m0 = kTables.mask[RI][0], m1 = kTables.mask[RI][1], m2 = kTables.mask[RI][2], m3 = kTables.mask[RI][3];
    constexpr u8 m4 = kTables.mask[RI][4], m5 = kTables.mask[RI][5], m6 = kTables.mask[RI][6], m7 = kTables.mask[RI][7];
    for (SievingPrime* sp = first; sp != last; ++sp) {
        std::size_t hit = sp->hit;
        if (hit >= len) {
            sp->hit = static_cast<u32>(hit - len);
            continue;
        }
        const std::size_t q = sp->qk >> 3;
        unsigned k = sp->qk & 7;
        const std::size_t p = 30 * q + R;
        const std::size_t o[8] = {q * 1 + kTables.corr[RI][0],  q * 7 + kTables.corr[RI][1],
                                  q * 11 + kTables.corr[RI][2], q * 13 + kTables.corr[RI][3],
                                  q * 17 + kTables.corr[RI][4], q * 19 + kTables.corr[RI][5],
                                  q * 23 + kTables.corr[RI][6], q * 29 + kTables.corr[RI][7]};
        // First (partial) block: multiples k..7 of the block containing hit. The block base is
        // hit - o[k]; it may lie before seg, so offsets are formed as hit + (o[j] - o[k]).
        {
            const std::size_t ok = o[k];
            for (; k < 8; ++k) {
                const std::size_t at = hit + (o[k] - ok);
                if (at >= len) {
                    sp->qk = static_cast<u32>(q << 3 | k);
                    sp->hit = static_cast<u32>(at - len);
                    goto next_prime;
                }
                seg[at] &= kTables.mask[RI][k];
            }
            hit = hit - ok + p;  // base of the next block, inside or after seg
        }
        {
            // Whole blocks: all 8 multiples inside seg.
            const std::size_t o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3], o4 = o[4], o5 = o[5], o6 = o[6], o7 = o[7];
            if (hit + o7 < len) {
                const std::size_t stop = len - o7;  // blocks with base < stop are whole
                do {
                    u8* const b = seg + hit;
                    b[o0] &= m0;
                    b[o1] &= m1;
                    b[o2] &= m2;
                    b[o3] &= m3;
                    b[o4] &= m4;
                    b[o5] &= m5;
                    b[o6] &= m6;
                    b[o7] &= m7;
                    hit += p;
                } while (hit < stop);
            }
            // Last (partial) block.
            for (k = 0; k < 8; ++k) {
                const std::size_t at = hit + o[k];
                if (at >= len) {
                    sp->qk = static_cast<u32>(q << 3 | k);
                    sp->hit = static_cast<u32>(at - len);
                    break;
                }
                seg[at] &= kTables.mask[RI][k];
            }
            // (k < 8 always: the block is partial, so o[7] does not fit.)
        }
    next_prime:;
    }
}

// Crosses off the multiples of p = 30q + kWheel[ri] from seg[hit] on while inside seg[0, len);
// returns the offset of the next multiple (>= len) and updates k.
inline std::size_t cross_off_stepping(u8* seg, std::size_t len, std::size_t q, unsigned ri, unsigned& k,
                                      std::size_t hit) noexcept {
    unsigned kk = k;
    while (hit < len) {
        seg[hit] &= kTables.mask[ri][kk];
        hit += q * kWheelGap[kk] + kStepCorr.corr[ri][kk];
        kk = (kk + 1) & 7;
    }
    k = kk;
    return hit;
}

}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_CROSS_OFF_H
