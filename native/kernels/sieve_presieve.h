// numaccel — the sieve's pre-sieve: a chunk starts as the AND of a few precomputed repeating
// patterns in which the multiples of the primes 7 .. 41 are already crossed off.
//
// Private to the sieve files of native/kernels/. Unlike sieve_wheel.h and the headers like it,
// this one has external linkage (namespace sieve_detail): the patterns are built once per process
// (sieve_presieve.cc) and shared by every translation unit that sieves.
#ifndef NUMACCEL_KERNELS_SIEVE_PRESIEVE_H
#define NUMACCEL_KERNELS_SIEVE_PRESIEVE_H

#include <cstddef>
#include <vector>

#include "sieve_wheel.h"

namespace numaccel {
namespace sieve_detail {

// Groups of primes whose multiples form patterns of period prod(group) bytes; each pattern is
// stored with kChunkBytes extra bytes so that any chunk is one contiguous read.
constexpr u32 kPreSieveGroups[][4] = {{7, 11, 13, 17}, {19, 23, 29, 0}, {31, 37, 41, 0}};
constexpr std::size_t kNumPreSieveGroups = sizeof(kPreSieveGroups) / sizeof(kPreSieveGroups[0]);
constexpr u32 kLargestPreSieved = 41;
constexpr u32 kFirstSievingPrime = 43;
// The first bytes (integers below 30 * kExactHeadBytes) get their exact prime bits after
// pre-sieving, which crossed off the pre-sieved primes themselves and left 1 set.
constexpr std::size_t kExactHeadBytes = kLargestPreSieved / 30 + 1;

class PreSieve {
  public:
    PreSieve();

    // Fills dst[0, len) with the pre-sieved bytes for global byte indices [first, first + len).
    void fill(u8* dst, u64 first, std::size_t len) const noexcept {
        const u8* src[kNumPreSieveGroups];
        for (std::size_t g = 0; g < kNumPreSieveGroups; ++g) {
            src[g] = pattern_[g].data() + first % period_[g];
        }
        static_assert(kNumPreSieveGroups == 3, "update the combining loop");
        const u8* a = src[0];
        const u8* b = src[1];
        const u8* c = src[2];
        for (std::size_t i = 0; i < len; ++i) dst[i] = static_cast<u8>(a[i] & b[i] & c[i]);
        for (u64 i = first; i < kExactHeadBytes && i < first + len; ++i) dst[i - first] = head_[i];
    }

  private:
    std::vector<u8> pattern_[kNumPreSieveGroups];
    std::size_t period_[kNumPreSieveGroups] = {};
    u8 head_[kExactHeadBytes] = {};
};

// The process-wide pre-sieve, built at first use.
const PreSieve& presieve();

}  // namespace sieve_detail
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_PRESIEVE_H
