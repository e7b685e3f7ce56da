// numaccel — counting and listing primes in [lo, hi) with a segmented sieve of Eratosthenes
// (plain C++17, no Node-API). Algorithm contract: docs/algorithms.md, "The sieve".
#ifndef NUMACCEL_KERNELS_SIEVE_H
#define NUMACCEL_KERNELS_SIEVE_H

#include <cstddef>
#include <cstdint>

namespace numaccel {

// Largest hi accepted by the functions below: 2^53 (every integer below it is a safe integer).
constexpr std::uint64_t kSieveLimit = std::uint64_t{1} << 53;

// The number of primes p with lo <= p < hi. Preconditions (checked by the callers):
// lo <= hi <= kSieveLimit. May throw std::bad_alloc.
std::uint64_t count_primes(std::uint64_t lo, std::uint64_t hi);

// Writes the primes in [lo, hi) in ascending order to out and returns how many it wrote; out
// must have room for all of them (count_primes(lo, hi), or any upper bound). Same preconditions.
// May throw std::bad_alloc.
std::size_t primes_between(std::uint64_t lo, std::uint64_t hi, double* out);

// The same, writing at most `capacity` values: returns kPrimesOverflow (and leaves out in an
// unspecified state) when [lo, hi) holds more primes than that.
constexpr std::size_t kPrimesOverflow = ~std::size_t{0};
std::size_t primes_between(std::uint64_t lo, std::uint64_t hi, double* out, std::size_t capacity);

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_H
