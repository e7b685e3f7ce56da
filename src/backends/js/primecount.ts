/**
 * primePi, nthPrime, nextPrime and prevPrime, the readable reference (docs/algorithms.md,
 * "primePi(x), nthPrime(n), nextPrime(n), prevPrime(n)").
 *
 * π(x) by the combinatorial method of Meissel, Lehmer, Lagarias, Miller and Odlyzko in the form
 * of Deléglise and Rivat:
 *
 *   J. C. Lagarias, V. S. Miller, A. M. Odlyzko, "Computing π(x): the Meissel–Lehmer method",
 *   Math. Comp. 44 (1985), 537–560;
 *   M. Deléglise, J. Rivat, "Computing π(x): the Meissel, Lehmer, Lagarias, Miller, Odlyzko
 *   method", Math. Comp. 65 (1996), 235–245.
 *
 * With y in [x^(1/3), √x], a = π(y), c = 7 (p_c = 17) and φ(u, b) the number of integers in
 * [1, u] with no prime factor among p_1 … p_b:
 *
 *   π(x) = φ(x, a) + a − 1 − P2,       P2 = Σ_{a<b≤π(√x)} (π(x/p_b) − b + 1),
 *   φ(x, a) = S1 + S2,                 S1 = Σ_{n≤y squarefree, lpf(n)>p_c} μ(n)·φ(x/n, c),
 *   S2 = Σ_{c<b<a} Σ_{m≤y<m·p_b, m squarefree, lpf(m)>p_b} −μ(m)·φ(x/(p_b·m), b−1).
 *
 * A special leaf u = x/(p_b·m) is trivial when u < p_b (φ = 1), easy when u < p_b² (m is a prime
 * q and φ = π(u) − b + 2) and hard otherwise; the hard ones come from a segmented sieve of
 * [0, x/y) that crosses off p_1, p_2, … in turn with a counter per block of the bitmap. The same
 * sieve, completed up to √(x/y), gives π(u) for P2 and for the easy leaves with u > y; a compact
 * π table up to y serves the rest. native/kernels/primecount.cc and assembly/primecount.ts do the
 * same steps with the same parameters, so the three backends agree exactly.
 *
 * Exactness in doubles: every integer here is at most 2^53. A quotient ⌊a/b⌋ is computed as
 * Math.floor(a / b) with a multiply-back test q·b > a that would catch a division rounded up to
 * the next integer (see floorDiv: for dividends up to 2^53 that cannot happen, and the test costs
 * nothing measurable, so it stays as a guard).
 * Products are formed only where they stay below 2^53 (p³ with p < x^(1/3), p·m with p, m <= y
 * <= √x), and sums that could pass 2^53 (S2 and P2 at x near 2^53: up to #leaves·x/y) are kept in
 * an ExactSum. The bit operations work on 32-bit words: a word covers 4 wheel bytes, 120 integers.
 *
 * One evaluation splits into parts that threads can compute (src/prime-pi-parts.ts adds them):
 * primePiLeaves(x, index, count) is S1 + a − 1 (index 0) plus the trivial and dense easy leaves of
 * every count-th b, primePiSieve(x, from, to) the sums of sieve segments [from, to), counted from
 * the part's start. primePiCombinatorial is leaves(0, 1) plus the sieve of every segment, whose
 * sums are then absolute. The parts of one x keep its tables (the last x only) for the next part.
 *
 * Here: S1, the trivial and dense easy leaves, the parts, primePi and nthPrime.
 * primecount-tables.ts has the wheel, the exact helpers and the φ, π and factor tables;
 * primecount-sieve.ts the segmented sieve (hard leaves, easy leaves with u > y, P2); next-prime.ts
 * nextPrime and prevPrime (re-exported).
 */
import { PRIME_PI_SIEVE_LAYOUT as LAYOUT } from '../../contract.js';
import { countPrimes, primesBetween } from './sieve.js';
import { leafBounds, segmentCount, sieveSegments, type PreparedPi } from './primecount-sieve.js';
import * as tables from './primecount-tables.js';

export { floorDiv } from './primecount-tables.js';
export { nextPrime, prevPrime } from './next-prime.js';

/** Below this, counting with the sieve is faster (measured: 3·10^5: sieve 0.09 ms, DR 0.29 ms; 10^6: 0.30 and 0.16 ms). */
const SIEVE_THRESHOLD = 1_000_000;
const TWO_POW_53 = 2 ** 53;
/** π(2^53) (OEIS A007053): the largest n whose prime is below 2^53. */
export const NTH_PRIME_LIMIT = 252_252_704_148_404;

// Local bindings, as in primecount-sieve.ts: no getter per use in the loops.
const { C, ExactSum, PC, PHI_OF_PERIOD, PHI_PERIOD, PiTable, floorDiv: div, getTables, icbrt, isqrt } = tables;
const { makeFactorTable, primesUpTo, valueOfIndex } = tables;

/** The same α as the other backends: y = α·x^(1/3) (docs/algorithms.md has the measurements). */
function defaultAlpha(x: number): number {
  return Math.max(1, 1.5 * Math.exp(0.16 * (Math.log(x) - 23)));
}

/**
 * The trivial leaves of b and its easy leaves with u <= y, for p_b > √y (m is then a prime q,
 * p_b < q <= y): trivial for q > x/p², easy for x/p³ < q <= x/p².
 */
function denseLeaves(b: number, x: number, y: number, a: number, primes: Uint32Array, table: tables.PiTable): number {
  const p = primes[b]!;
  const xp = div(x, p);
  const xp2 = div(xp, p);
  let sum = 0;
  const loTrivial = Math.max(p, xp2);
  if (loTrivial < y) sum += a - table.pi(loTrivial);
  const qLo = Math.max(p, div(xp2, p), div(xp, y + 1));
  const qHi = Math.min(y, xp2);
  if (qHi <= qLo) return sum;
  const shift = 2 - b; // φ = π(u) − b + 2
  // q <= √(x/p) (then u >= q): one leaf at a time.
  const split = Math.max(qLo, Math.min(isqrt(xp), qHi));
  const iSplit = table.pi(split);
  for (let i = table.pi(qLo) + 1; i <= iSplit; i++) sum += table.pi(div(xp, primes[i]!)) + shift;
  // q in (split, qHi]: many neighbours share π(u) (DR's clustered leaves); sum over the values:
  //   Σ_{A<q<=B} π(⌊xp/q⌋) = π(⌊xp/B⌋)·(π(B) − π(A)) + Σ_{xp/B < p_v <= xp/(A+1)} (π(⌊xp/p_v⌋) − π(A)).
  if (qHi > split) {
    const piA = iSplit;
    const piB = table.pi(qHi);
    const vEnd = table.pi(div(xp, split + 1));
    let v = table.pi(div(xp, qHi));
    sum += v * (piB - piA) + (piB - piA) * shift;
    for (v++; v <= vEnd; v++) sum += table.pi(div(xp, primes[v]!)) - piA;
  }
  return sum;
}

/** y = alpha·x^(1/3) clamped to [max(x^(1/3), 19), √x], zmax and the segment size of x. */
function parameters(x: number, alpha: number): { sqrtx: number; y: number; zmax: number; segLog2: number } {
  const x13 = icbrt(x);
  const sqrtx = isqrt(x);
  const y = Math.min(Math.max(Math.floor((alpha > 0 ? alpha : defaultAlpha(x)) * x13), x13, 19), sqrtx);
  const zmax = div(x, y + 1); // the largest argument of a special leaf or of P2
  let segLog2 = 12; // 2^segLog2 64-bit words per segment, as in the other backends
  while (segLog2 < 15 && 240 * 2 ** segLog2 < 2 * isqrt(zmax)) segLog2++;
  return { sqrtx, y, zmax, segLog2 };
}

/** The tables every part of x needs: the primes up to √x, π and the factors up to y, the leaf bounds. */
function prepare(x: number, alpha: number): PreparedPi {
  const { sqrtx, y, zmax, segLog2 } = parameters(x, alpha);
  const primes = primesUpTo(sqrtx);
  let a = 0; // π(y), by bisection of the sorted primes
  for (let hi = primes.length; hi - a > 1; ) {
    const mid = (a + hi) >>> 1;
    if (primes[mid]! <= y) a = mid;
    else hi = mid;
  }
  const piTable = new PiTable(primes, y, getTables().mask120); // π(u) for u <= y
  const factors = makeFactorTable(y, primes);
  const piSqrtY = piTable.pi(isqrt(y));
  const piSqrtZ = piTable.pi(isqrt(zmax)); // √zmax <= y
  const bounds = leafBounds(x, y, a, primes, piSqrtY, piSqrtZ);
  return { ...bounds, x, y, a, zmax, segLog2, primes, piTable, factors, piSqrtY, piSqrtZ };
}

/**
 * S1 + a − 1 (index 0 only) plus the trivial and dense easy leaves of every b in [first, a) with
 * (b − first) % count === index, first = max(π(√y), c) + 1: the share of the work without a sieve.
 */
function leaves(prepared: PreparedPi, index: number, count: number): bigint {
  const { x, y, a, primes, piTable, factors } = prepared;
  const sum = new ExactSum();
  if (index === 0) {
    // S1: the ordinary leaves.
    const { phiC } = getTables();
    for (let i = 0; i < factors.length; i++) {
      const v = factors[i]!;
      if (v > 2 * PC + 1) {
        const u = div(x, valueOfIndex(i));
        const q = div(u, PHI_PERIOD);
        const phi = q * PHI_OF_PERIOD + phiC[u - q * PHI_PERIOD]!;
        sum.add(v & 1 ? -phi : phi);
      }
    }
    sum.add(a - 1);
  }
  // Trivial leaves and easy leaves with u <= y.
  const first = Math.max(prepared.piSqrtY, C) + 1;
  for (let b = first + index; b < a; b += count) sum.add(denseLeaves(b, x, y, a, primes, piTable));
  return sum.value();
}

/**
 * π(x) by the Deléglise–Rivat algorithm itself, for integers 400 <= x <= 2^53, with
 * y = alpha·x^(1/3) clamped to [max(x^(1/3), 19), √x] (alpha <= 0: the tuned default). primePi
 * uses the sieve below 10^6; this entry point exists so that tests can run the combinatorial
 * code on small x. The leaves, then the hard leaves, easy leaves with u > y and P2 from one
 * segmented sieve of [0, zmax]; nothing is kept for later calls.
 */
export function primePiCombinatorial(x: number, alpha = 0): number {
  const prepared = prepare(x, alpha);
  const sums = sieveSegments(prepared, 0, Infinity);
  return Number(leaves(prepared, 0, 1) + sums[LAYOUT.hard]! + sums[LAYOUT.sparse]! - sums[LAYOUT.p2]!);
}

/** The prepared tables of the last x the parts worked on (one x at a time, as C++'s prepared(x)). */
let lastPrepared: PreparedPi | undefined;

function preparedFor(x: number): PreparedPi {
  if (lastPrepared?.x !== x) {
    lastPrepared = undefined; // let the old tables go before building the new ones
    lastPrepared = prepare(x, 0);
  }
  return lastPrepared;
}

/**
 * One share of π(x) that needs no sieve, for integers 400 <= x <= 2^53 and 0 <= index < count:
 * S1 + a − 1 (index 0 only) plus the trivial and dense easy leaves of the b with
 * (b − first) % count === index. Keeps x's tables for the next part.
 */
export function primePiLeaves(x: number, index: number, count: number): bigint {
  return leaves(preparedFor(x), index, count);
}

/**
 * The sums of segments [from, to) of π(x)'s sieve (clamped to the primePiSegments(x) there are),
 * for integers 400 <= x <= 2^53, with φ and π counted from the part's start, laid out as
 * PRIME_PI_SIEVE_LAYOUT (src/contract.ts) says. Keeps x's tables for the next part.
 */
export function primePiSieve(x: number, from: number, to: number): BigInt64Array {
  return sieveSegments(preparedFor(x), from, to);
}

/** The number of segments of π(x)'s sieve, which primePiSieve's parts split (parameters only, no tables). */
export function primePiSegments(x: number): number {
  const { zmax, segLog2 } = parameters(x, 0);
  return segmentCount(zmax, segLog2);
}

/** π(x), the number of primes <= x, for integers 0 <= x <= 2^53: the sieve below 10^6. */
export function primePi(x: number): number {
  if (x < SIEVE_THRESHOLD) return countPrimes(0, x + 1);
  return primePiCombinatorial(x, 0);
}

// ---------------------------------------------------------------------------------------------
// nthPrime

/** li(t) by Ramanujan's series. */
function li(t: number): number {
  const l = Math.log(t);
  let sum = 0;
  let term = 1;
  let inner = 0;
  for (let n = 1; n < 200; n++) {
    term *= l / n;
    if ((n - 1) % 2 === 0) inner += 1 / (n | 1);
    const add = ((n % 2 ? term : -term) / 2 ** (n - 1)) * inner;
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return 0.5772156649015329 + Math.log(l) + Math.sqrt(t) * sum;
}

/** Riemann's R(t) to three terms: enough for a starting point. */
const riemannR = (t: number): number => li(t) - 0.5 * li(Math.sqrt(t)) - li(Math.cbrt(t)) / 3;

/** R^{-1}(n) by Newton's method (R'(t) ≈ 1/ln t). */
function approxNthPrime(n: number): number {
  let t = n * Math.log(n) + n * Math.log(Math.log(n));
  for (let i = 0; i < 40; i++) {
    const step = (riemannR(t) - n) * Math.log(t);
    t -= step;
    if (Math.abs(step) < 1) break;
  }
  return t;
}

/** The k-th prime (k >= 1) of [lo, hi), ascending, which holds count >= k primes. */
function kthPrimeIn(lo: number, hi: number, k: number, count: number): number {
  const list = new Float64Array(count);
  primesBetween(lo, hi, list);
  return list[k - 1]!;
}

/**
 * The n-th prime, nthPrime(1) = 2, for integers 1 <= n <= π(2^53) = 252,252,704,148,404
 * (NTH_PRIME_LIMIT); returns -1 for any other n. Starts from R^{-1}(n), counts the primes up to
 * there with primePi, and walks to p_n window by window with countPrimes, listing the last
 * window with primesBetween.
 */
export function nthPrime(n: number): number {
  if (!(n >= 1 && n <= NTH_PRIME_LIMIT) || Math.floor(n) !== n) return -1;
  if (n < 100000) {
    // p_n < n (ln n + ln ln n) for n >= 6 (J. B. Rosser, 1941).
    const bound = n < 6 ? 14 : Math.floor(n * (Math.log(n) + Math.log(Math.log(n)))) + 2;
    return kthPrimeIn(0, bound, n, countPrimes(0, bound));
  }
  const guess = Math.floor(Math.min(Math.max(approxNthPrime(n), 2), TWO_POW_53 - 1));
  const count = primePi(guess);
  const logGuess = Math.log(guess);
  const width = (need: number): number => Math.floor((need * 1.1 + 64) * logGuess) + 1024;
  if (count >= n) {
    // The (count − n + 1)-th prime at or below guess, going down.
    for (let need = count - n + 1, hi = guess + 1; ; ) {
      const lo = Math.max(0, hi - width(need));
      const c = countPrimes(lo, hi);
      if (c >= need) return kthPrimeIn(lo, hi, c - need + 1, c);
      need -= c;
      hi = lo;
    }
  }
  for (let need = n - count, lo = guess + 1; ; ) {
    const hi = Math.min(TWO_POW_53, lo + width(need));
    const c = countPrimes(lo, hi);
    if (c >= need) return kthPrimeIn(lo, hi, need, c);
    need -= c;
    lo = hi;
  }
}
