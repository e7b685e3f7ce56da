// Segmented sieve of Eratosthenes for countPrimes and primesBetween, 0 <= lo <= hi <= 2^53
// (docs/algorithms.md, "The sieve"), modelled on primesieve's documented design (Kim Walisch,
// https://github.com/kimwalisch/primesieve, doc/ALGORITHMS.md): a bit-packed mod-30 wheel,
// L1-sized segments, pre-sieving by copying precomputed patterns, per-segment crossing loops for
// small sieving primes and bucket lists (Tomás Oliveira e Silva's cache-friendly method) for the
// big ones, and counting by popcount.
//
// Layout. Byte j of the sieve stands for the 30 integers 30j .. 30j + 29; its bits 0..7 for
// 30j + 1, 7, 11, 13, 17, 19, 23, 29 (the residues coprime to 30). 2, 3 and 5 are handled
// separately. A segment is SEG = 256 KiB (L2-sized), sieved in chunks of CHUNK = 32 KiB = 983,040
// integers (L1-sized). A set bit after sieving is a prime.
//
// Sieving primes. A prime p = 30k + r (r coprime to 30) has its multiples p·q with q coprime to
// 30 in 8 classes by q mod 30 = W[i]; with q = 30j + W[i] the multiple lies in byte
// j·p + o_i, o_i = k·W[i] + floor(r·W[i] / 30), at a bit that depends only on (r, i). So the 8
// crossings of one "period" of p bytes sit at fixed offsets o_0 < … < o_7 with fixed masks.
// - Pre-sieved primes 7 … 101: never crossed off one by one. Each chunk starts as a copy
//   (memory.copy) of the repeating pattern of the multiples of 7, 11, 13, 17, 19 (period
//   7·11·13·17·19 = 323,323 bytes), ANDed with patterns for 23·29·31, 37·41·43, 47·53·59,
//   61·67·71, 73·79·83 and 89·97·101 (primesieve pre-sieves up to 163 the same way).
// - Small primes 103 <= p < 4,096 (crossed off chunk by chunk, while the chunk is in L1) and
//   medium primes 4,096 <= p < 32,768 (once per segment, so that each prime's per-call work is
//   spread over 8 times the bytes): kept in 8 groups by r each, so that offsets and masks are
//   compile-time constants of the group's loop; each prime's state is (k, period start b
//   relative to the chunk or segment, next class i). Per chunk or segment: finish the current
//   period with bounds checks, then whole periods unchecked (8 crossings per iteration), then
//   the last partial period with checks.
// - Big primes p >= 32,768 (needed only for hi > 2^30): each has at most a few multiples per
//   segment, so it sits in the bucket of the segment of its next multiple (a ring of 128
//   buckets, since the next multiple is at most p/5 bytes ≈ 73 segments ahead), as 8 bytes:
//   (k, r) and (byte offset in that segment, class i). Buckets are linked 8 KiB blocks from the
//   allocator, recycled through a free list and returned to it when a run ends.
// Sieving primes are activated when the sieve first reaches p², starting at the first multiple
// >= max(p², start of range) with q coprime to 30.
//
// Base primes (sieving primes up to √hi, at most √(2^53) ≈ 9.49e7, about 5.4 million) are
// cached in linear memory as u32 across calls: primes below 2^16 from a plain Eratosthenes at
// first use, more from this same segmented sieve (which needs only primes up to √9.49e7 < 2^16)
// whenever a larger √hi is asked for; the cache grows only as √hi requires (doubling, capped at
// √(2^53)).
//
// Memory: ~2.3 MB of pre-sieve patterns, a 256 KiB segment, 512 bytes of bucket heads and ~28 KiB
// of small and medium prime state, allocated at first use; the base-prime cache (4 bytes per prime, ≤ 26 MB);
// bucket blocks (≤ 8 bytes per big sieving prime plus one partly filled block per bucket, ≤ 52 MB
// near 2^53), freed at the end of each run.
//
// The files: sieve-wheel.ts (the wheel tables), sieve-presieve.ts (pre-sieving), sieve-buckets.ts
// (the bucket ring), sieve-base-primes.ts (the base-prime cache), sieve-segmented.ts (one run of
// the sieve, segment by segment), sieve-cursor.ts (the resumable listing behind primesBetween);
// this file has countPrimes.

import { isqrt } from "./sieve-wheel";
import { curSb, popcountSegment, ready, runEb, runSetup, setup, sieveSegment } from "./sieve-segmented";
import { releaseBlocks } from "./sieve-buckets";
import { ensureBasePrimes } from "./sieve-base-primes";
import { endListing } from "./sieve-cursor";

/** Number of primes p with lo <= p < hi (integers, 0 <= lo <= hi <= 2^53, validated by the facade). */
export function countPrimesRange(lo: u64, hi: u64): u64 {
  endListing();
  if (hi <= lo) return 0;
  let count: u64 = 0;
  if (lo <= 2 && hi > 2) count++;
  if (lo <= 3 && hi > 3) count++;
  if (lo <= 5 && hi > 5) count++;
  if (!ready) setup();
  ensureBasePrimes(isqrt(hi - 1));
  runSetup(lo, hi);
  while (curSb < runEb) count += popcountSegment(sieveSegment());
  releaseBlocks();
  return count;
}
