// Prime counting π(x) for 0 <= x <= 2^53 by the combinatorial method of Meissel, Lehmer,
// Lagarias, Miller and Odlyzko in the form of Deléglise and Rivat, the n-th prime, and the next
// and previous primes (docs/algorithms.md, "primePi(x), nthPrime(n), nextPrime(n), prevPrime(n)"):
//
//   J. C. Lagarias, V. S. Miller, A. M. Odlyzko, "Computing π(x): the Meissel–Lehmer method",
//   Math. Comp. 44 (1985), 537–560;
//   M. Deléglise, J. Rivat, "Computing π(x): the Meissel, Lehmer, Lagarias, Miller, Odlyzko
//   method", Math. Comp. 65 (1996), 235–245.
//
// A port of native/kernels/primecount.cc, step for step (the same y, segments, counters and leaf
// sums), so the three backends agree exactly; see that file for the formulas. With y in
// [x^(1/3), √x], a = π(y), c = 7 (p_c = 17):
//   π(x) = S1 + S2 + a − 1 − P2, S1 the ordinary leaves (φ(u, c) from a table of one period
//   510,510), S2 the special leaves: trivial (φ = 1), easy (φ = π(u) − b + 2, from a π table up
//   to y or from the segmented sieve) and hard (from the segmented sieve of [0, x/y) with one
//   counter per block of 512 bits), P2 from the same segmented sieve.
// 64-bit unsigned integers throughout: exact, no floating point in the counting.
//
// π(x) in parts, for threads (native/kernels/primecount.h; src/prime-pi-parts.ts adds them):
// primePiLeaves(x, index, count) is a share of S1 + a − 1 + the trivial and dense easy leaves,
// primePiSieve(x, from, to) the sums of some segments of the sieve. primePiCombinatorial is
// computed through the same two: leaves(0, 1) and the sieve over all segments.
//
// Memory: every table of a run is allocated from the module's heap and freed at its end; the
// shared tables (510,510 u32 for φ(u, 7), 17,017 pattern bytes) stay allocated once built. The
// parts keep the tables of the last x they worked on (the run's state) for the next part of that
// x, until a part of another x or a primePiCombinatorial run frees them.
//
// Here: the leaf sums S1 and the trivial and dense easy leaves, the parts, primePi and nthPrime.
// primecount-tables.ts has the wheel, the shared tables and the state and tables of one run,
// primecount-sieve.ts the segmented sieve (hard leaves, easy leaves with u > y, P2), next-prime.ts
// nextPrime and prevPrime (re-exported here).

import { countPrimesRange } from "./sieve";
import { listPrimesStart, listPrimesNext, LIST_BATCH } from "./sieve-cursor";
import {
  C, PC, phiC, umin, umax, isqrt, X, Y, A, PI_SQRTY, prime, piSmall, facValue, facSize, facAt, startRun, endRun,
} from "./primecount-tables";
import {
  prepareSieve, releaseSieve, sieveSegments, sieveSumsLength, segmentedPass, SUM_HARD, SUM_SPARSE, SUM_P2,
} from "./primecount-sieve";

export { nextPrime, prevPrime } from "./next-prime";

/** Below this the sieve is faster (measured: 10^6: 0.08 ms both, 3·10^6: sieve 0.25 ms, DR 0.10 ms). */
const SIEVE_THRESHOLD: u64 = 1000000;
const NTH_LIMIT: u64 = 252252704148404;  // π(2^53)
const PRIME_PI_LIMIT: u64 = 9007199254740992;

// ---------------------------------------------------------------------------------------------
// Leaf sums

/** S1 = Σ μ(n)·φ(x/n, c) over squarefree n <= y with lpf(n) > p_c (n = 1 included). */
function ordinaryLeaves(): i64 {
  const threshold = <u32>(2 * PC + 1);
  let sum: i64 = 0;
  for (let i: i64 = 0; i < facSize; ++i) {
    const v = facAt(i);
    if (v > threshold) {
      const phi = <i64>phiC(X / facValue(i));
      sum += (v & 1) ? -phi : phi;
    }
  }
  return sum;
}

/** The trivial leaves of b and its easy leaves with u = x/(p_b·q) <= y (see primecount.cc). */
function denseLeaves(b: u64): i64 {
  const p = prime(b);
  const xp = X / p;
  const xp2 = xp / p;
  let sum: i64 = 0;
  // Trivial: q in (max(p, x/p²), y].
  const loTrivial = umax(p, xp2);
  if (loTrivial < Y) sum += <i64>(A - piSmall(loTrivial));
  // Easy with u <= y: q in (max(p, x/p³, x/(p·(y+1))), min(y, x/p²)].
  const qLo = umax(umax(p, xp2 / p), xp / (Y + 1));
  const qHi = umin(Y, xp2);
  if (qHi <= qLo) return sum;
  const shift: i64 = 2 - <i64>b;
  // q <= √(x/p) (then u >= q): one leaf at a time.
  const split = umax(qLo, umin(isqrt(xp), qHi));
  const iSplit = piSmall(split);
  for (let i = piSmall(qLo) + 1; i <= iSplit; ++i) sum += <i64>piSmall(xp / prime(i)) + shift;
  if (qHi > split) {
    // Σ_{A<q<=B} π(⌊xp/q⌋) = π(⌊xp/B⌋)·(π(B) − π(A)) + Σ_{xp/B < p_v <= xp/(A+1)} (π(⌊xp/p_v⌋) − π(A)).
    const piA = iSplit, piB = piSmall(qHi);
    const uLo = xp / qHi, uHi = xp / (split + 1);
    const vEnd = piSmall(uHi);
    let v = piSmall(uLo);
    let t: i64 = <i64>(v * (piB - piA)) + <i64>(piB - piA) * shift;
    for (++v; v <= vEnd; ++v) t += <i64>(piSmall(xp / prime(v)) - piA);
    sum += t;
  }
  return sum;
}

/**
 * Σ denseLeaves(b) over the b with p_b > √y (where m is a prime q, p_b < q <= y) and
 * (b − first) mod count == index, first the smallest such b.
 */
function trivialAndDenseEasyLeaves(index: u64, count: u64): i64 {
  let sum: i64 = 0;
  for (let b = umax(PI_SQRTY, C) + 1 + index; b < A; b += count) sum += denseLeaves(b);
  return sum;
}

/**
 * S1 + a − 1 (for index 0 only) plus the trivial and dense easy leaves of every b with
 * (b − first) mod count == index: a share of the work that needs no sieve.
 */
function leaves(index: u64, count: u64): i64 {
  const base: i64 = index == 0 ? ordinaryLeaves() + <i64>A - 1 : 0;
  return base + trivialAndDenseEasyLeaves(index, count);
}

// ---------------------------------------------------------------------------------------------
// The tables of one x

/** The tables every part of x needs (alpha <= 0: the tuned default). */
function prepare(x: u64, alpha: f64): void {
  startRun(x, alpha);
  prepareSieve();
}

function release(): void {
  releaseSieve();
  endRun();
}

// The parts' x, whose tables are the run's state while it is not 0, and their sieve result:
// one u64 (how many sums follow) and the sums (primecount-sieve.ts, SUM_*).
let partsX: u64 = 0;
let partsSums: usize = 0;

function releaseParts(): void {
  if (partsX == 0) return;
  heap.free(partsSums);
  release();
  partsX = 0;
  partsSums = 0;
}

/** Makes the tables of x (default parameters) the run's state, building them unless they are. */
function preparedParts(x: u64): void {
  if (partsX == x) return;
  releaseParts();
  prepare(x, 0);
  const n = sieveSumsLength();
  partsSums = heap.alloc(<usize>(n + 1) << 3);
  store<u64>(partsSums, n);
  partsX = x;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** The Deléglise–Rivat algorithm for 400 <= x <= 2^53 (alpha <= 0: the tuned default). */
export function primePiCombinatorial(x: u64, alpha: f64): u64 {
  releaseParts();  // the run's state is this run's
  prepare(x, alpha);
  const sums = heap.alloc(<usize>sieveSumsLength() << 3);
  segmentedPass(0, sieveSegments(), sums);
  const pi = leaves(0, 1) + load<i64>(sums + (SUM_HARD << 3)) + load<i64>(sums + (SUM_SPARSE << 3)) -
    load<i64>(sums + (SUM_P2 << 3));
  heap.free(sums);
  release();
  return <u64>pi;
}

/**
 * One share of π(x)'s sum that needs no sieve, for 400 <= x <= 2^53 and index < count: S1 + a − 1
 * (index 0 only) plus the trivial and dense easy leaves of the b with (b − first) mod count == index.
 */
export function primePiLeaves(x: u64, index: u64, count: u64): i64 {
  preparedParts(x);
  return leaves(index, count);
}

/**
 * The sums of segments [from, to) of π(x)'s sieve (clamped to the segments there are), for
 * 400 <= x <= 2^53: the address of a u64 n followed by the n i64 sums (SUM_*), valid until the
 * next part of another x or primePiCombinatorial run.
 */
export function primePiSieve(x: u64, from: u64, to: u64): usize {
  preparedParts(x);
  segmentedPass(from, to, partsSums + 8);
  return partsSums;
}

/** π(x) for 0 <= x <= 2^53: the sieve below 10^6, Deléglise–Rivat above. */
export function primePi(x: u64): u64 {
  if (x < SIEVE_THRESHOLD) return countPrimesRange(0, x + 1);
  return primePiCombinatorial(x, 0);
}

// ---- nth prime ------------------------------------------------------------------------------

function li(t: f64): f64 {
  const l = Math.log(t);
  let sum = 0.0, term = 1.0, inner = 0.0;
  for (let n = 1; n < 200; ++n) {
    term *= l / <f64>n;
    if ((n - 1) % 2 == 0) inner += 1.0 / <f64>(n | 1);
    const add = ((n % 2) ? term : -term) / Math.pow(2.0, <f64>(n - 1)) * inner;
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return 0.5772156649015329 + Math.log(l) + Math.sqrt(t) * sum;
}

function riemannR(t: f64): f64 {
  return li(t) - 0.5 * li(Math.sqrt(t)) - li(Math.cbrt(t)) / 3.0;
}

function approxNthPrime(n: f64): f64 {
  let t = n * Math.log(n) + n * Math.log(Math.log(n));
  for (let i = 0; i < 40; ++i) {
    const step = (riemannR(t) - n) * Math.log(t);
    t -= step;
    if (Math.abs(step) < 1) break;
  }
  return t;
}

/** The k-th prime (k >= 1, ascending) of [lo, hi), which holds at least k primes. */
function kthPrimeIn(lo: u64, hi: u64, k: u64): u64 {
  const buf = heap.alloc(<usize>LIST_BATCH << 3);
  listPrimesStart(lo, hi);
  let seen: u64 = 0;
  let result: u64 = 0;
  for (;;) {
    const n = listPrimesNext(buf);
    if (n < 0) break;
    if (result == 0 && seen + <u64>n >= k) {
      result = <u64>load<f64>(buf + (<usize>(k - seen - 1) << 3));
      // Finish the listing so the sieve's run state is released.
    }
    seen += <u64>n;
  }
  heap.free(buf);
  return result;
}

/** The n-th prime for 1 <= n <= π(2^53) (0 otherwise). */
export function nthPrime(n: u64): u64 {
  if (n == 0 || n > NTH_LIMIT) return 0;
  if (n < 100000) {
    const ln = Math.log(<f64>n);
    const bound: u64 = n < 6 ? 14 : <u64>(<f64>n * (ln + Math.log(ln))) + 2;
    return kthPrimeIn(0, bound, n);
  }
  const g = approxNthPrime(<f64>n);
  const gc = g < 2.0 ? 2.0 : g > <f64>(PRIME_PI_LIMIT - 1) ? <f64>(PRIME_PI_LIMIT - 1) : g;
  const guess = <u64>gc;
  const count = primePi(guess);
  const logGuess = Math.log(<f64>guess);
  if (count >= n) {
    let need = count - n + 1, hi = guess + 1;
    for (;;) {
      const width = <u64>((<f64>need * 1.1 + 64) * logGuess) + 1024;
      const lo = hi > width ? hi - width : 0;
      const c = countPrimesRange(lo, hi);
      if (c >= need) return kthPrimeIn(lo, hi, c - need + 1);
      need -= c;
      hi = lo;
    }
  }
  let need = n - count, lo = guess + 1;
  for (;;) {
    const width = <u64>((<f64>need * 1.1 + 64) * logGuess) + 1024;
    const hi = umin(PRIME_PI_LIMIT, lo + width);
    const c = countPrimesRange(lo, hi);
    if (c >= need) return kthPrimeIn(lo, hi, need);
    need -= c;
    lo = hi;
  }
  return 0;  // not reached
}
