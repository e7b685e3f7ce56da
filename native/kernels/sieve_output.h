// numaccel — reading sieved segments: popcount for counting, and writing the primes out as
// doubles (unbounded, or capped at the room the caller has).
//
// Private to the sieve files of native/kernels/; internal linkage, as sieve_wheel.h explains.
#ifndef NUMACCEL_KERNELS_SIEVE_OUTPUT_H
#define NUMACCEL_KERNELS_SIEVE_OUTPUT_H

#include <cstddef>
#include <cstring>

#include "sieve_wheel.h"

namespace numaccel {
namespace {

// ---- popcount -------------------------------------------------------------------------------
u64 count_bits_generic(const u8* p, std::size_t n) noexcept {
    u64 total = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        u64 w;
        std::memcpy(&w, p + i, 8);
        // SWAR popcount (H. S. Warren, Hacker's Delight, 5-1).
        w = w - ((w >> 1) & 0x5555555555555555ULL);
        w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
        w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
        total += (w * 0x0101010101010101ULL) >> 56;
    }
    for (; i < n; ++i) {
        unsigned b = p[i];
        while (b != 0) {
            b &= b - 1;
            ++total;
        }
    }
    return total;
}

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
__attribute__((target("popcnt"))) u64 count_bits_popcnt(const u8* p, std::size_t n) noexcept {
    u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        u64 w[4];
        std::memcpy(w, p + i, 32);
        t0 += static_cast<u64>(__builtin_popcountll(w[0]));
        t1 += static_cast<u64>(__builtin_popcountll(w[1]));
        t2 += static_cast<u64>(__builtin_popcountll(w[2]));
        t3 += static_cast<u64>(__builtin_popcountll(w[3]));
    }
    for (; i < n; ++i) t0 += static_cast<u64>(__builtin_popcount(p[i]));
    return t0 + t1 + t2 + t3;
}

using CountBitsFn = u64 (*)(const u8*, std::size_t) noexcept;
CountBitsFn choose_count_bits() noexcept {
    __builtin_cpu_init();
    return __builtin_cpu_supports("popcnt") ? count_bits_popcnt : count_bits_generic;
}
u64 count_bits(const u8* p, std::size_t n) noexcept {
    static const CountBitsFn fn = choose_count_bits();
    return fn(p, n);
}
#else
u64 count_bits(const u8* p, std::size_t n) noexcept { return count_bits_generic(p, n); }
#endif

// ---- writing primes out ---------------------------------------------------------------------
// Primes 2, 3, 5 in [lo, hi): the wheel does not represent them.
inline unsigned tiny_prime_count(u64 lo, u64 hi) noexcept {
    unsigned c = 0;
    for (u64 p : {2, 3, 5}) c += (lo <= p && p < hi) ? 1 : 0;
    return c;
}

// Writes the primes of one sieved segment (see Sieve) to out, ascending; returns how many.
std::size_t write_primes(const u8* bytes, std::size_t len, u64 first_byte, double* out) noexcept {
    std::size_t n = 0;
    std::size_t i = 0;
#if (defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) || defined(_MSC_VER)
    for (; i + 8 <= len; i += 8) {
        u64 w;
        std::memcpy(&w, bytes + i, 8);  // little-endian: bits 8j..8j+7 are byte i + j
        const u64 base30 = 30 * (first_byte + i);
        while (w != 0) {
            const unsigned t = ctz64(w);
            out[n++] = static_cast<double>(base30 + 30 * (t >> 3) + kWheel[t & 7]);
            w &= w - 1;
        }
    }
#endif
    for (; i < len; ++i) {
        unsigned b = bytes[i];
        while (b != 0) {
            const unsigned t = ctz64(b);
            out[n++] = static_cast<double>(30 * (first_byte + i) + kWheel[t]);
            b &= b - 1;
        }
    }
    return n;
}

// Writes primes into out[0, capacity): first the wheel's own primes 2, 3, 5 (which the mod-30
// sieve does not represent), then the sieve's segments. It stops, setting overflow, rather than
// write past capacity; one popcount per segment checks the room first.
struct CappedPrimeWriter {
    double* out;
    std::size_t capacity;
    std::size_t n = 0;
    bool overflow = false;

    void wheel_primes(u64 lo, u64 hi) {
        for (u64 p : {2, 3, 5}) {
            if (lo <= p && p < hi) {
                if (n == capacity) {
                    overflow = true;
                    return;
                }
                out[n++] = static_cast<double>(p);
            }
        }
    }

    void operator()(const u8* bytes, std::size_t len, u64 first_byte) {
        if (overflow || count_bits(bytes, len) > capacity - n) {
            overflow = true;
            return;
        }
        n += write_primes(bytes, len, first_byte, out + n);
    }
};

}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_OUTPUT_H
