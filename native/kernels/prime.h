// numaccel — deterministic 64-bit primality test (plain C++17, no Node-API).
// Algorithm contract: docs/algorithms.md, "checkPrime(n)". The TypeScript and WASM
// backends implement the same steps; results must agree exactly.
#ifndef NUMACCEL_KERNELS_PRIME_H
#define NUMACCEL_KERNELS_PRIME_H

#include <cstddef>
#include <cstdint>

namespace numaccel {

// True iff n is prime, for every 0 <= n < 2^64 (deterministic, no probabilistic error).
bool check_prime(std::uint64_t n) noexcept;

// out[i] = check_prime(v[i]) ? 1 : 0 for i < n. The values are safe integers (|v| < 2^53, which
// the caller has checked); negative ones are not prime.
void check_primes_f64(const double* v, std::size_t n, std::uint8_t* out) noexcept;

// out[i] = check_prime(v[i]) ? 1 : 0 for i < n.
void check_primes_u64(const std::uint64_t* v, std::size_t n, std::uint8_t* out) noexcept;

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_PRIME_H
