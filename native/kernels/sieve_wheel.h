// numaccel — the sieve's mod-30 wheel: the tables that map multiples of a sieving prime to bytes
// and bits, the segment sizes, and the integer helpers every part of the sieve shares.
//
// Private to the sieve files of native/kernels/. As in geo_impl.h, everything here has internal
// linkage (anonymous namespace): each translation unit compiles its own copy, so the hot loops
// are optimised exactly as if they were written in the file that runs them.
#ifndef NUMACCEL_KERNELS_SIEVE_WHEEL_H
#define NUMACCEL_KERNELS_SIEVE_WHEEL_H

#include <cstddef>
#include <cstdint>

#include "sieve.h"

namespace numaccel {
namespace {

using u8 = std::uint8_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;

// ---- wheel tables ---------------------------------------------------------------------------
constexpr u32 kWheel[8] = {1, 7, 11, 13, 17, 19, 23, 29};

constexpr int bit_of_residue(u32 r) noexcept {
    for (int b = 0; b < 8; ++b) {
        if (kWheel[b] == r) return b;
    }
    return -1;
}

// For a prime p = 30q + kWheel[RI] and a multiplier m = 30j + kWheel[k], the multiple p*m is in
// byte p*j + q*kWheel[k] + kCorr[RI][k] at bit kBit[RI][k]. kCorr[RI][8] and kWheel "8" = 31
// describe the first multiple of the next block (m = 30(j+1) + 1).
struct WheelTables {
    u8 corr[8][9];
    u8 mask[8][8];  // ~(1 << bit): the AND mask that crosses the multiple off
};

constexpr WheelTables make_wheel_tables() noexcept {
    WheelTables t{};
    for (int ri = 0; ri < 8; ++ri) {
        for (int k = 0; k < 8; ++k) {
            const u32 prod = kWheel[ri] * kWheel[k];
            t.corr[ri][k] = static_cast<u8>(prod / 30);
            t.mask[ri][k] = static_cast<u8>(~(1u << bit_of_residue(prod % 30)));
        }
        t.corr[ri][8] = static_cast<u8>(kWheel[ri]);  // floor(r * 31 / 30) = r for r < 30
    }
    return t;
}
constexpr WheelTables kTables = make_wheel_tables();

// Multiplier gap to the next wheel class: kWheel[k+1] - kWheel[k] (k = 7: 31 - 29).
constexpr u32 kWheelGap[8] = {6, 4, 2, 4, 2, 4, 6, 2};

// For r in [0, 30): the smallest d >= 0 with r + d coprime to 30 (r + d <= 31; 31 = 30 + 1).
struct NextCoprime {
    u8 delta[30];
    u8 index[30];  // wheel index of (r + delta) mod 30
};
constexpr NextCoprime make_next_coprime() noexcept {
    NextCoprime t{};
    for (u32 r = 0; r < 30; ++r) {
        u32 d = 0;
        while (bit_of_residue((r + d) % 30) < 0) ++d;
        t.delta[r] = static_cast<u8>(d);
        t.index[r] = static_cast<u8>(bit_of_residue((r + d) % 30));
    }
    return t;
}
constexpr NextCoprime kNext = make_next_coprime();

// Wheel index of a residue coprime to 30 (table form of bit_of_residue).
struct ResidueIndex {
    u8 index[30];
};
constexpr ResidueIndex make_residue_index() noexcept {
    ResidueIndex t{};
    for (u32 r = 0; r < 30; ++r) t.index[r] = static_cast<u8>(bit_of_residue(r) < 0 ? 0 : bit_of_residue(r));
    return t;
}
constexpr ResidueIndex kResidueIndex = make_residue_index();
inline int bit_of_residue_fast(u32 r) noexcept { return kResidueIndex.index[r]; }

// Byte distance from a multiple with multiplier class k to the next one, for p = 30q + kWheel[ri]:
// q * kWheelGap[k] + kStepCorr[ri][k].
struct StepCorr {
    u8 corr[8][8];
};
constexpr StepCorr make_step_corr() noexcept {
    StepCorr t{};
    for (int ri = 0; ri < 8; ++ri) {
        for (int k = 0; k < 8; ++k) t.corr[ri][k] = static_cast<u8>(kTables.corr[ri][k + 1] - kTables.corr[ri][k]);
    }
    return t;
}
constexpr StepCorr kStepCorr = make_step_corr();

// ---- sizes ----------------------------------------------------------------------------------
// Measured on an AMD EPYC (Zen 4: 32 KiB L1d, 1 MiB L2): primes up to ~4096 have many blocks per
// L1 chunk and gain from it; larger ones do better with one pass over the L2-resident segment.
// 256 KiB keeps the segment inside the L2 of most x86-64 CPUs.
constexpr std::size_t kChunkBytes = 32 * 1024;          // L1 data cache: 983,040 integers
constexpr std::size_t kSegmentBytes = 8 * kChunkBytes;  // L2-sized segment: 256 KiB
constexpr u32 kSmallPrimeLimit = 4096;                  // below: sieved chunk by chunk
static_assert(kSegmentBytes % kChunkBytes == 0, "segments are whole chunks");
static_assert(kSegmentBytes * 8 < (u64{1} << 29), "offsets must fit the packed state");
static_assert(kSieveSegmentIntegers == 30 * kSegmentBytes, "sieve.h describes the segment size");

// ---- integer helpers ------------------------------------------------------------------------
inline unsigned ctz64(u64 w) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctzll(w));
#else
    unsigned n = 0;
    while ((w & 1) == 0) {
        w >>= 1;
        ++n;
    }
    return n;
#endif
}

inline u64 isqrt(u64 n) noexcept {
    u64 r = 0;
    for (u64 bit = u64{1} << 31; bit != 0; bit >>= 1) {
        const u64 t = r | bit;
        if (t * t <= n) r = t;
    }
    return r;
}

}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_WHEEL_H
