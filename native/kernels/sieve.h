// numaccel — counting and listing primes in [lo, hi) with a segmented sieve of Eratosthenes
// (plain C++17, no Node-API). Algorithm contract: docs/algorithms.md, "The sieve".
#ifndef NUMACCEL_KERNELS_SIEVE_H
#define NUMACCEL_KERNELS_SIEVE_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "stop.h"

namespace numaccel {

// Largest hi accepted by the functions below: 2^53 (every integer below it is a safe integer).
constexpr std::uint64_t kSieveLimit = std::uint64_t{1} << 53;

// The number of primes p with lo <= p < hi. Preconditions (checked by the callers):
// lo <= hi <= kSieveLimit. May throw std::bad_alloc.
std::uint64_t count_primes(std::uint64_t lo, std::uint64_t hi);

// Writes the primes in [lo, hi) in ascending order to out[0, capacity) and returns how many it
// wrote, or kPrimesOverflow (leaving out in an unspecified state) when [lo, hi) holds more than
// `capacity` primes. Same preconditions. May throw std::bad_alloc.
constexpr std::size_t kPrimesOverflow = ~std::size_t{0};
std::size_t primes_between(std::uint64_t lo, std::uint64_t hi, double* out, std::size_t capacity);

// ---- piecewise sieving (for the multi-threaded async kernels) ---------------------------------
// A large range is cut into pieces that several threads sieve; each thread keeps one cursor over
// a run of consecutive pieces, so it pays the sieve's set-up cost (placing every sieving prime up
// to sqrt(hi), the dominant cost of a short range near 2^53) once per run instead of per piece.

// Integers per sieve segment. A cursor started at `lo` can stop at any multiple of 30 whose
// distance from 30 * floor(lo / 30) is a multiple of this, and at its hi.
constexpr std::uint64_t kSieveSegmentIntegers = std::uint64_t{30} * 256 * 1024;

// An immutable snapshot of the shared base-prime cache (all primes up to some limit).
struct SieveBasePrimes;

// The base primes for sieving any range with hi <= `hi` (<= kSieveLimit), growing the
// process-wide cache when needed. The growth is done in pieces and polls `stop` (may be null)
// between them: returns nullptr when asked to stop (what was sieved is kept for the next call).
// Safe to call from any thread; may throw std::bad_alloc.
std::shared_ptr<const SieveBasePrimes> sieve_base_primes(std::uint64_t hi, const StopToken* stop);

// Sieves [lo, hi) (lo < hi <= kSieveLimit) piece by piece from lo on. `base` must come from
// sieve_base_primes(h) with h >= hi; `stop` (may be null) is polled once per segment and while
// placing the sieving primes. Each cursor owns all of its state (one per thread); only `base`
// is shared, read-only. May throw std::bad_alloc.
class SieveCursor {
  public:
    SieveCursor(std::uint64_t lo, std::uint64_t hi, std::shared_ptr<const SieveBasePrimes> base, const StopToken* stop);
    ~SieveCursor();
    SieveCursor(const SieveCursor&) = delete;
    SieveCursor& operator=(const SieveCursor&) = delete;

    // Sieves from where the previous piece ended (lo at first) to `to`, which must be hi or a
    // stopping point described at kSieveSegmentIntegers (std::invalid_argument otherwise).
    // count_to adds the number of primes to `count`; list_to appends them, in ascending order, to
    // `out`, or writes them to out[0, capacity) and sets `written` to their number
    // (kPrimesOverflow, and the cursor is unusable, when there are more). All return false when
    // `stop` asked to stop; the cursor must not be used after that.
    bool count_to(std::uint64_t to, std::uint64_t& count);
    bool list_to(std::uint64_t to, std::vector<double>& out);
    bool list_to(std::uint64_t to, double* out, std::size_t capacity, std::size_t& written);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_H
