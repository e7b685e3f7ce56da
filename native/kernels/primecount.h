// numaccel — combinatorial prime counting (Deléglise–Rivat), nth prime, next/previous prime
// (plain C++17, no Node-API). Algorithm contract: docs/algorithms.md, "primePi(x), nthPrime(n),
// nextPrime(n), prevPrime(n)". The TypeScript reference (src/backends/js/primecount.ts) and the
// AssemblyScript port (assembly/primecount.ts) implement the same steps; results agree exactly.
#ifndef NUMACCEL_KERNELS_PRIMECOUNT_H
#define NUMACCEL_KERNELS_PRIMECOUNT_H

#include <cstdint>
#include <vector>

namespace numaccel {

// Largest x accepted by prime_pi: 2^53.
constexpr std::uint64_t kPrimePiLimit = std::uint64_t{1} << 53;

// pi(2^53) = 252,252,704,148,404 (OEIS A007053): nth_prime accepts 1 <= n <= this.
constexpr std::uint64_t kNthPrimeLimit = 252252704148404ULL;

// The number of primes <= x, for 0 <= x <= 2^53 (the caller checks the range). x below 2·10^6
// uses the sieve (count_primes); larger x the Deléglise–Rivat algorithm. May throw std::bad_alloc.
std::uint64_t prime_pi(std::uint64_t x);

// The Deléglise–Rivat algorithm itself, for 400 <= x <= 2^53, with y = alpha * x^(1/3) clamped
// to [max(x^(1/3), 19), sqrt(x)]; alpha <= 0 picks the tuned default. Exposed so that tests can
// run the combinatorial code on small x, and for tuning. May throw std::bad_alloc.
std::uint64_t prime_pi_combinatorial(std::uint64_t x, double alpha);

// ---- π(x) in parts, for threads (src/prime-pi-parts.ts combines them) -----------------------
// The parts use the default parameters; each thread keeps the tables of the last x it worked on
// (the primes up to √x and the π and factor tables up to y: about 30 MB at 2^53) for its next part.

// S1 + a − 1 (index 0 only) plus the trivial and dense easy leaves of the b with
// (b − first) mod count == index, for 400 <= x <= 2^53 and index < count. May throw std::bad_alloc.
std::int64_t prime_pi_leaves(std::uint64_t x, std::uint64_t index, std::uint64_t count);

// The number of segments of the sieve of [0, x/y] that prime_pi_sieve splits.
std::uint64_t prime_pi_segments(std::uint64_t x);

// The hard leaves, the easy leaves with u > y, and P2 from segments [from, to) of the sieve,
// with φ(·, b − 1) and π counted from the first segment's start L: the whole sum adds
// φ(L − 1, b − 1)·sign[b] per b, and π(L − 1) times sparse_terms and p2_terms unless absolute.
struct PrimePiSieveSums {
    std::int64_t hard = 0, sparse = 0, p2 = 0;
    std::uint64_t sparse_terms = 0, p2_terms = 0;
    std::uint64_t pi_end = 0;        // π(end − 1), less π(L − 1) unless absolute; 0 without π segments
    bool absolute = false;           // π counted from 0 (the first π segment starts at or below y + 1)
    std::vector<std::int64_t> phi;   // per b = 8, 9, …: φ(end − 1, b − 1) − φ(L − 1, b − 1)
    std::vector<std::int64_t> sign;  // per b: Σ of the signs of b's hard leaves in the segments
};
PrimePiSieveSums prime_pi_sieve(std::uint64_t x, std::uint64_t from, std::uint64_t to);

// The n-th prime (nth_prime(1) == 2) for 1 <= n <= kNthPrimeLimit; 0 for any other n.
// May throw std::bad_alloc.
std::uint64_t nth_prime(std::uint64_t n);

// The smallest prime > n, or 0 when there is none below 2^64 (n >= 2^64 - 59).
std::uint64_t next_prime(std::uint64_t n) noexcept;

// The largest prime < n, or 0 when there is none (n <= 2).
std::uint64_t prev_prime(std::uint64_t n) noexcept;

namespace detail {
// prime_pi_combinatorial with the sieve's segment size (2^segment_words_log2 64-bit words, 0 for
// the default) and counter block (2^block_words_log2 words) chosen: for tuning and tests only.
std::uint64_t prime_pi_tuned(std::uint64_t x, double alpha, unsigned segment_words_log2, unsigned block_words_log2);
}  // namespace detail

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_PRIMECOUNT_H
