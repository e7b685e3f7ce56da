// numaccel — the base primes the sieve crosses off with (every prime up to sqrt(hi)), as the
// process-wide cache hands them out (sieve_base_primes.cc).
//
// Private to the sieve files of native/kernels/. SieveBasePrimes (declared in sieve.h) is one
// type for the whole library; base_prime_need has internal linkage, as sieve_wheel.h explains.
#ifndef NUMACCEL_KERNELS_SIEVE_BASE_PRIMES_H
#define NUMACCEL_KERNELS_SIEVE_BASE_PRIMES_H

#include <algorithm>
#include <vector>

#include "sieve.h"
#include "sieve_wheel.h"

namespace numaccel {

// A snapshot of the cache: immutable once published, so threads read it without locking.
struct SieveBasePrimes {
    std::vector<u32> primes;  // every prime <= limit, ascending
    u64 limit = 0;
};

namespace {

// The base primes needed to sieve below hi (> 7): every prime p with p*p < hi.
inline u64 base_prime_need(u64 hi) noexcept { return std::max<u64>(isqrt(hi - 1), 7); }

}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_BASE_PRIMES_H
