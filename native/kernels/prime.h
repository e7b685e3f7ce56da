// numaccel — deterministic 64-bit primality test (plain C++17, no Node-API).
// Algorithm contract: docs/algorithms.md, "checkPrime(n)". The TypeScript and WASM
// backends implement the same steps; results must agree exactly.
#ifndef NUMACCEL_KERNELS_PRIME_H
#define NUMACCEL_KERNELS_PRIME_H

#include <cstdint>

namespace numaccel {

// True iff n is prime, for every 0 <= n < 2^64 (deterministic, no probabilistic error).
bool check_prime(std::uint64_t n) noexcept;

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_PRIME_H
