// numaccel — segmented sieve of Eratosthenes on a bit-packed mod-30 wheel, step for step as in
// docs/algorithms.md ("The sieve"). The design follows the algorithms primesieve documents
// (K. Walisch, https://github.com/kimwalisch/primesieve, doc/ALGORITHMS.md):
//
//  - Wheel: one byte stands for 30 consecutive integers 30*i + {1, 7, 11, 13, 17, 19, 23, 29},
//    the residues coprime to 30 (bit b <-> kWheel[b]); 2, 3 and 5 are handled separately.
//  - Segments: the range is sieved in segments of kSegmentBytes (L2-sized) bytes, each processed
//    in chunks of kChunkBytes (L1-sized) for the small sieving primes.
//  - Pre-sieving: a chunk starts as the AND of a few precomputed repeating patterns in which the
//    multiples of the primes 7 .. 41 are already crossed off.
//  - Small sieving primes (below kSmallPrimeLimit) are crossed off chunk by chunk with an
//    unrolled loop per prime: a multiple p*m with m = 30*j + w_k (w_k coprime to 30) lies in byte
//    p*j + floor(p*w_k/30) at a bit that depends only on (p mod 30, k). So one "block" of p bytes
//    holds exactly 8 multiples at 8 fixed byte offsets with 8 fixed bit masks; the loop clears 8
//    bits and advances p bytes. Primes are kept in 8 lists by p mod 30, so the masks are
//    compile-time constants and the loop over a list has no data-dependent dispatch.
//  - Medium primes (up to kSegmentBytes) use the same block loop over the whole segment.
//  - Large primes (a few multiples per segment, or none) live in a bucket sieve (T. Oliveira e
//    Silva; primesieve's EratBig): one list per upcoming segment, so a segment only visits the
//    primes that have a multiple in it. A range that fits in one segment skips the buckets and
//    crosses the large primes off straight from the base-prime list.
//  - Counting: popcount of 64-bit words; the bytes straddling lo and hi are masked.
//  - Base primes up to sqrt(hi) come from the same sieve (seeded by a tiny plain sieve) and are
//    cached across calls in a snapshot that only grows, to what the largest sqrt(hi) needs.
//
// Every sieving prime's state is (byte offset of its next multiple relative to the current
// chunk or segment, index k of that multiple's multiplier class); the state lives in the
// per-call Sieve object, so concurrent calls share nothing but the immutable tables and the
// (mutex-guarded, copy-on-grow) base-prime snapshot. The multi-threaded async kernels use the
// same Sieve through SieveCursor (one per thread), which runs it piece by piece and can be
// stopped between segments (StopToken).
//
// The files: sieve_wheel.h (wheel tables, sizes), sieve_presieve.h/.cc (pre-sieving),
// sieve_cross_off.h (the crossing-off loops), sieve_buckets.h (the bucket ring),
// sieve_segmented.h (the Sieve class), sieve_output.h (popcount, writing primes out),
// sieve_base_primes.h/.cc (the base-prime cache), sieve_cursor.cc (SieveCursor); this file has
// the one-call entry points count_primes and primes_between.
#include "sieve.h"

#include <memory>

#include "sieve_base_primes.h"
#include "sieve_output.h"
#include "sieve_segmented.h"

namespace numaccel {

std::uint64_t count_primes(std::uint64_t lo, std::uint64_t hi) {
    if (hi <= lo) return 0;
    u64 count = tiny_prime_count(lo, hi);
    if (hi <= 7) return count;
    const std::shared_ptr<const SieveBasePrimes> base = sieve_base_primes(hi, nullptr);
    Sieve sieve(lo, hi, base->primes.data(), base->primes.size());
    auto sink = [&count](const u8* bytes, std::size_t len, u64) { count += count_bits(bytes, len); };
    sieve.run(sink);
    return count;
}

std::size_t primes_between(std::uint64_t lo, std::uint64_t hi, double* out, std::size_t capacity) {
    if (hi <= lo) return 0;
    CappedPrimeWriter writer{out, capacity};
    writer.wheel_primes(lo, hi);
    if (writer.overflow) return kPrimesOverflow;
    if (hi <= 7) return writer.n;
    const std::shared_ptr<const SieveBasePrimes> base = sieve_base_primes(hi, nullptr);
    Sieve sieve(lo, hi, base->primes.data(), base->primes.size());
    sieve.run(writer);
    return writer.overflow ? kPrimesOverflow : writer.n;
}

}  // namespace numaccel
