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
 */
import { checkPrime } from './prime.js';
import { countPrimes, primesBetween } from './sieve.js';

const WHEEL = [1, 7, 11, 13, 17, 19, 23, 29];
/** Residue (mod 30) → bit of the wheel byte; 0 where not coprime to 30 (never used there). */
const BIT_OF = Uint8Array.from({ length: 30 }, (_, r) => Math.max(0, WHEEL.indexOf(r)));

/** φ(u, 7) repeats with period 2·3·5·7·11·13·17 = 510,510, gaining φ(510510) = 92,160 per period. */
const PHI_PERIOD = 510510;
const PHI_OF_PERIOD = 92160;
const C = 7; // p_c = 17
const PC = 17;
/** Below this, counting with the sieve is faster (measured: 3·10^5: sieve 0.09 ms, DR 0.29 ms; 10^6: 0.30 and 0.16 ms). */
const SIEVE_THRESHOLD = 1_000_000;
const TWO_POW_53 = 2 ** 53;
/** π(2^53) (OEIS A007053): the largest n whose prime is below 2^53. */
export const NTH_PRIME_LIMIT = 252_252_704_148_404;

/** The largest prime below 2^64 (2^64 − 59); nextPrime of it or anything larger has no answer. */
const LARGEST_U64_PRIME = 18446744073709551557n;
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * ⌊a/b⌋ for integers 0 <= a <= 2^53, 1 <= b, exactly. The double quotient t = a/b is rounded to
 * nearest; if ⌊t⌋ = q − 1, t lies at least 1/b below q, and the rounding error is at most half an
 * ulp of t, which is below t·2^−53 <= 1/b, so the rounded value stays below q (and, q − 1 being
 * representable, at or above q − 1): Math.floor gives q − 1. (Dividends above 2^53, themselves
 * rounded, break this: ⌊(2^54 + 2)/3⌋ comes out one too small.) The multiply-back test q·b > a
 * guards the other direction, the one a division that rounded up to the next integer would take,
 * at no measurable cost (π(10^14): 2.4 s either way).
 */
export function floorDiv(a: number, b: number): number {
  const q = Math.floor(a / b);
  return q * b > a ? q - 1 : q;
}
const div = floorDiv;

function isqrt(n: number): number {
  let r = Math.floor(Math.sqrt(n));
  while (r * r > n) r--;
  while ((r + 1) * (r + 1) <= n) r++;
  return r;
}

function icbrt(n: number): number {
  let r = Math.floor(Math.cbrt(n));
  while (r * r * r > n) r--;
  while ((r + 1) * (r + 1) * (r + 1) <= n) r++;
  return r;
}

/** SWAR popcount of a 32-bit word (H. S. Warren, Hacker's Delight, 5-1). */
function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Sum of integers, exact beyond 2^53: `small` stays within ±2^52 and each addend within ±2^53,
 * so small + v is exact; whatever would grow past that moves into a BigInt.
 */
class ExactSum {
  private big = 0n;
  private small = 0;
  add(v: number): void {
    const s = this.small + v;
    if (s > 2 ** 52 || s < -(2 ** 52)) {
      this.big += BigInt(s);
      this.small = 0;
    } else {
      this.small = s;
    }
  }
  value(): bigint {
    return this.big + BigInt(this.small);
  }
}

// ---------------------------------------------------------------------------------------------
// Tables shared by every call, built on first use.

interface Tables {
  /** mask120[r]: the bits of the integers 0 … r of a 32-bit word (4 wheel bytes, 120 integers). */
  readonly mask120: Uint32Array;
  /** Wheel bytes with the multiples of 7, 11, 13, 17 cleared (themselves too): 17,017 bytes. */
  readonly pattern: Uint8Array;
  /** phiC[r] = #{1 <= k <= r : gcd(k, 510510) = 1}. */
  readonly phiC: Uint32Array;
}

let tables: Tables | undefined;

function getTables(): Tables {
  if (tables) return tables;
  const mask120 = new Uint32Array(120);
  for (let r = 0; r < 120; r++) {
    let m = 0;
    for (let j = 0; j < 4; j++) for (let k = 0; k < 8; k++) if (30 * j + WHEEL[k]! <= r) m |= 1 << (8 * j + k);
    mask120[r] = m >>> 0;
  }
  const pattern = new Uint8Array(7 * 11 * 13 * 17);
  for (let i = 0; i < pattern.length; i++) {
    let bits = 0;
    for (let k = 0; k < 8; k++) {
      const n = 30 * i + WHEEL[k]!;
      if (n % 7 && n % 11 && n % 13 && n % 17) bits |= 1 << k;
    }
    pattern[i] = bits;
  }
  const phiC = new Uint32Array(PHI_PERIOD);
  for (let r = 0, count = 0; r < PHI_PERIOD; r++) {
    if (r % 2 && r % 3 && r % 5 && r % 7 && r % 11 && r % 13 && r % 17) count++;
    phiC[r] = count;
  }
  return (tables = { mask120, pattern, phiC });
}

/** The same α as the other backends: y = α·x^(1/3) (docs/algorithms.md has the measurements). */
function defaultAlpha(x: number): number {
  return Math.max(1, 1.5 * Math.exp(0.16 * (Math.log(x) - 23)));
}

/** The primes up to `limit`, 1-based (primes[1] = 2), listed by the segmented sieve. */
function primesUpTo(limit: number): Uint32Array {
  const capacity = Math.floor((1.25506 * (limit + 2)) / Math.log(limit + 2)) + 64;
  const primes = new Uint32Array(capacity);
  const chunk = 2 ** 21;
  const buffer = new Float64Array(Math.floor(Math.min(chunk, limit + 1) / 2) + 8);
  let n = 0;
  for (let lo = 0; lo <= limit; lo += chunk) {
    const count = primesBetween(lo, Math.min(limit + 1, lo + chunk), buffer);
    for (let i = 0; i < count; i++) primes[++n] = buffer[i]!;
  }
  return primes.subarray(0, n + 1);
}

/** π(u) for 0 <= u <= limit: a bit per integer coprime to 30 and a count per 32-bit word. */
class PiTable {
  private readonly bits: Uint32Array;
  private readonly counts: Uint32Array;
  private readonly mask120: Uint32Array;

  constructor(primes: Uint32Array, limit: number, mask120: Uint32Array) {
    const words = Math.floor(limit / 120) + 1;
    this.bits = new Uint32Array(words);
    this.counts = new Uint32Array(words);
    this.mask120 = mask120;
    for (let i = 4; i < primes.length && primes[i]! <= limit; i++) {
      const p = primes[i]!;
      const w = Math.floor(p / 120);
      this.bits[w]! |= 1 << (8 * Math.floor((p - 120 * w) / 30) + BIT_OF[p % 30]!);
    }
    for (let w = 0, running = 3; w < words; w++) {
      this.counts[w] = running; // 2, 3 and 5 are not in the wheel
      running += popcount(this.bits[w]!);
    }
  }

  pi(u: number): number {
    if (u < 5) return (0x22100 >> (4 * u)) & 0xf;
    const w = (u / 120) | 0; // u <= y < 2^31: truncation is the floor, and cheaper in V8

    return this.counts[w]! + popcount(this.bits[w]! & this.mask120[u - 120 * w]!);
  }
}

/**
 * The trivial leaves of b and its easy leaves with u <= y, for p_b > √y (m is then a prime q,
 * p_b < q <= y): trivial for q > x/p², easy for x/p³ < q <= x/p².
 */
function denseLeaves(b: number, x: number, y: number, a: number, primes: Uint32Array, table: PiTable): number {
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

// The factor table: for m <= y coprime to 210 (every m of a leaf has lpf(m) > 17), index
// 48·⌊m/210⌋ + (rank of m mod 210 among the 48 residues coprime to 210), value 0 when m is not
// squarefree, else 2·lpf(m) + (μ(m) == −1 ? 1 : 0), with lpf(1) = ∞. "m squarefree with
// lpf(m) > p" is then value > 2p + 1.
const RESIDUES_210 = Array.from({ length: 210 }, (_, r) => r).filter((r) => r % 2 && r % 3 && r % 5 && r % 7);
const RANK_210 = Uint32Array.from({ length: 210 }, (_, r) => RESIDUES_210.filter((s) => s <= r).length);
const RESIDUE_OF_INDEX = Uint8Array.from(RESIDUES_210);

/** The largest factor-table index whose m is <= v (−1 for v = 0). */
const floorIndex = (v: number): number => 48 * Math.floor(v / 210) + RANK_210[v % 210]! - 1;
const valueOfIndex = (i: number): number => 210 * Math.floor(i / 48) + RESIDUE_OF_INDEX[i % 48]!;

function makeFactorTable(y: number, primes: Uint32Array): Uint32Array {
  const size = floorIndex(y) + 1;
  const lpf = new Uint32Array(size);
  const mu = new Int8Array(size).fill(1);
  for (let i = 5; i < primes.length && primes[i]! <= y; i++) {
    const p = primes[i]!;
    const kmax = Math.floor(y / p);
    for (let k = 0; valueOfIndex(k) <= kmax; k++) {
      const j = floorIndex(p * valueOfIndex(k));
      if (lpf[j] === 0) lpf[j] = p;
      mu[j] = -mu[j]!;
    }
    if (p * p <= y) {
      const kmax2 = Math.floor(y / (p * p));
      for (let k = 0; valueOfIndex(k) <= kmax2; k++) mu[floorIndex(p * p * valueOfIndex(k))] = 0;
    }
  }
  const table = new Uint32Array(size);
  for (let j = 0; j < size; j++) {
    const l = j === 0 ? 0x7fffffff : lpf[j]!; // index 0 is m = 1
    table[j] = mu[j] === 0 ? 0 : 2 * l + (mu[j]! < 0 ? 1 : 0);
  }
  return table;
}

// ---------------------------------------------------------------------------------------------

/** One counter per 512 bits of the bitmap, as in the other backends. */
const BLOCK_BYTES = 64;
const BLOCK_WORDS = BLOCK_BYTES / 4;

/**
 * The segmented sieve of [0, zmax] (mod-30 wheel bitmap, 32-bit words of 120 integers). In each
 * segment, for b = c+1, c+2, … while some b' >= b has hard leaves there: the hard leaves of b,
 * then p_b crossed off keeping a counter per block; then the sieve is completed up to √hi and a
 * prefix count per word gives π(u) for the easy leaves with u > y and for P2. The work is split
 * into a method per segment and per (segment, b), which V8 optimizes after the first calls.
 */
class SegmentedSieve {
  readonly s2Hard = new ExactSum();
  readonly s2Sparse = new ExactSum();
  readonly p2 = new ExactSum();

  private readonly segBytes: number;
  private readonly segSpan: number;
  private readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private readonly counters: Int32Array;
  private readonly prefix: Uint32Array;
  /** phi[b] = φ(lo − 1, b − 1) for the current segment's lo. */
  private readonly phi: Float64Array;
  /** next[8b + k]: byte offset (from the segment start) of the next multiple p_b·m, m ≡ WHEEL[k] (mod 30). */
  private readonly next: Uint32Array;
  private readonly bitOfClass: Uint8Array;
  /** umax[b]: an upper bound for the hard leaves of every b' >= b (non-increasing in b). */
  private readonly umax: Float64Array;
  private readonly nSieve: number;
  /** The b with easy leaves u > y, and their q range (eLo, eHi]. */
  private readonly bSparseFirst: number;
  private readonly bSparseEnd: number;
  private readonly eLo: Float64Array;
  private readonly eHi: Float64Array;

  private lo = 0;
  private hi = 0;
  private total = 0; // set bits in the segment
  private inited = C; // the sieving primes 8 … inited have their state
  private bMax: number;
  private piLo = 0; // π(lo − 1), once the segments reach beyond y
  private piStarted = false;
  private base = 0; // π(lo − 1), plus 3 (2, 3, 5) in the first segment
  private p2Index: number; // P2: p = primes[p2Index], descending

  constructor(
    private readonly x: number,
    private readonly y: number,
    private readonly a: number,
    private readonly zmax: number,
    segLog2: number,
    private readonly primes: Uint32Array,
    private readonly piTable: PiTable,
    private readonly factors: Uint32Array,
    private readonly piSqrtY: number,
    piSqrtZ: number,
    private readonly mask120: Uint32Array,
    private readonly pattern: Uint8Array,
  ) {
    this.segBytes = 8 * 2 ** segLog2;
    this.segSpan = 30 * this.segBytes;
    // The b with hard leaves: all b <= π(√y), then those with a prime q in (p_b, x/p_b³].
    let bHard = C;
    for (let b = C + 1; b < a; b++) {
      if (b <= piSqrtY) {
        bHard = b;
        continue;
      }
      const p = primes[b]!;
      if (primes[b + 1]! <= Math.min(y, div(div(div(x, p), p), p))) bHard = b;
      else break;
    }
    this.bMax = bHard;
    this.nSieve = Math.max(bHard, piSqrtZ);
    this.umax = new Float64Array(bHard + 2);
    for (let b = bHard; b > C; b--) {
      const p = primes[b]!;
      const xp = div(x, p);
      const u = b <= piSqrtY ? div(xp, div(y, p) + 1) : div(xp, primes[b + 1]!);
      this.umax[b] = Math.max(u, this.umax[b + 1]!);
    }
    this.bSparseFirst = Math.max(piSqrtY, C) + 1;
    this.bSparseEnd = Math.max(this.bSparseFirst, Math.min(piSqrtZ + 1, a));
    this.eLo = new Float64Array(this.bSparseEnd - this.bSparseFirst);
    this.eHi = new Float64Array(this.eLo.length);
    for (let b = this.bSparseFirst; b < this.bSparseEnd; b++) {
      const p = primes[b]!;
      const xp = div(x, p);
      this.eLo[b - this.bSparseFirst] = Math.max(p, div(div(xp, p), p));
      this.eHi[b - this.bSparseFirst] = Math.min(y, div(xp, p), div(xp, y + 1));
    }
    this.bytes = new Uint8Array(this.segBytes);
    this.words = new Uint32Array(this.bytes.buffer);
    this.counters = new Int32Array(this.segBytes / BLOCK_BYTES);
    this.prefix = new Uint32Array(this.segBytes / 4);
    this.phi = new Float64Array(bHard + 2);
    this.next = new Uint32Array(8 * (this.nSieve + 1));
    this.bitOfClass = new Uint8Array(8 * (this.nSieve + 1));
    for (let b = 4; b <= this.nSieve; b++) {
      for (let k = 0; k < 8; k++) this.bitOfClass[8 * b + k] = BIT_OF[(primes[b]! * WHEEL[k]!) % 30]!;
    }
    this.p2Index = primes.length - 1;
  }

  run(): void {
    for (let lo = 0; lo <= this.zmax; lo += this.segSpan) this.segment(lo);
  }

  private segment(lo: number): void {
    const { bytes, pattern, segBytes } = this;
    const hi = Math.min(lo + this.segSpan, this.zmax + 1);
    this.lo = lo;
    this.hi = hi;
    const loByte = lo / 30;
    // Pre-sieved wheel bytes: 2, 3, 5 (the wheel) and 7, 11, 13, 17 are crossed off.
    for (let filled = 0, off = loByte % pattern.length; filled < segBytes; off = 0) {
      const n = Math.min(pattern.length - off, segBytes - filled);
      bytes.set(pattern.subarray(off, off + n), filled);
      filled += n;
    }
    while (this.bMax > C && this.umax[this.bMax]! < lo) this.bMax--;
    while (this.inited < this.bMax) this.initPrime(++this.inited, loByte);

    // Hard special leaves: for b = c+1, c+2, …, the bitmap holds the integers free of
    // p_1 … p_{b−1}; count up to each leaf, then cross off p_b keeping the counters.
    if (this.bMax > C) {
      const { counters, words } = this;
      let total = 0;
      for (let blk = 0; blk < counters.length; blk++) {
        let n = 0;
        for (let w = blk * BLOCK_WORDS; w < (blk + 1) * BLOCK_WORDS; w++) n += popcount(words[w]!);
        counters[blk] = n;
        total += n;
      }
      this.total = total;
      for (let b = C + 1; b <= this.bMax; b++) {
        const phiB = this.phi[b]!;
        this.s2Hard.add(b <= this.piSqrtY ? this.compositeLeaves(b, phiB) : this.primeLeaves(b, phiB));
        this.phi[b] = phiB + this.total;
        this.crossCounted(b);
      }
    }
    // The other sieving primes that have a state keep crossing off.
    for (let b = Math.max(this.bMax, C) + 1; b <= this.inited; b++) this.crossPlain(b);
    if (hi <= this.y + 1) return; // no π(u) with u > y in this segment

    // Complete the sieve up to √hi: the bitmap then holds the primes in [lo, hi), once the
    // sieving primes themselves (crossed off as their own first multiple) are put back and 1 is
    // removed.
    const primes = this.primes;
    while (this.inited < this.nSieve && primes[this.inited + 1]! * primes[this.inited + 1]! < hi) {
      this.initPrime(++this.inited, loByte);
      this.crossPlain(this.inited);
    }
    if (lo === 0) bytes[0]! &= ~1;
    for (let i = 4; i <= Math.max(this.inited, C) && primes[i]! < hi; i++) {
      const p = primes[i]!;
      if (p >= lo) bytes[Math.floor((p - lo) / 30)]! |= 1 << BIT_OF[p % 30]!;
    }
    if (!this.piStarted) {
      this.piStarted = true;
      this.piLo = lo === 0 ? 0 : this.piTable.pi(lo - 1);
    }
    this.base = this.piLo + (lo === 0 ? 3 : 0);
    const { prefix, words } = this;
    let running = 0;
    const usedWords = Math.ceil((hi - lo) / 120);
    for (let w = 0; w < usedWords; w++) {
      prefix[w] = running;
      running += popcount(words[w]!);
    }
    for (let b = this.bSparseFirst; b < this.bSparseEnd; b++) this.s2Sparse.add(this.sparseLeaves(b));
    this.p2.add(this.p2Terms());
    this.piLo = this.base + running;
  }

  private initPrime(b: number, loByte: number): void {
    const p = this.primes[b]!;
    for (let k = 0; k < 8; k++) {
      const off = Math.floor((p * WHEEL[k]!) / 30); // byte of p·WHEEL[k]
      const j = loByte > off ? Math.ceil((loByte - off) / p) : 0;
      this.next[8 * b + k] = p * j + off - loByte;
    }
  }

  /**
   * The hard leaves of a b <= π(√y): m squarefree, lpf(m) > p, y/p < m <= y, lo <= x/(p·m) < hi,
   * each −μ(m)·φ(x/(p·m), b − 1). They come in ascending order of u: a running count of the set
   * bits in words [0, qw) only moves forward, a block (counter) at a time where it can.
   */
  private compositeLeaves(b: number, phiB: number): number {
    const { lo, hi, y, factors, words, counters, mask120 } = this;
    const p = this.primes[b]!;
    const xp = div(this.x, p);
    const mLo = Math.max(div(xp, hi), div(y, p));
    const mHi = lo === 0 ? y : Math.min(div(xp, lo), y);
    const threshold = 2 * p + 1;
    const iEnd = floorIndex(mLo);
    let qw = 0;
    let qcount = 0;
    let sum = 0;
    for (let i = mHi > mLo ? floorIndex(mHi) : iEnd; i > iEnd; i--) {
      const v = factors[i]!;
      if (v <= threshold) continue;
      const t = div(xp, valueOfIndex(i)) - lo;
      const w = (t / 120) | 0; // t < the segment span < 2^31
      if (w > qw) {
        while (qw < w && qw % BLOCK_WORDS !== 0) qcount += popcount(words[qw++]!);
        while (qw + BLOCK_WORDS <= w) {
          qcount += counters[qw / BLOCK_WORDS]!;
          qw += BLOCK_WORDS;
        }
        while (qw < w) qcount += popcount(words[qw++]!);
      }
      const phiU = phiB + qcount + popcount(words[w]! & mask120[t - 120 * w]!);
      sum += v & 1 ? phiU : -phiU;
    }
    return sum;
  }

  /** The hard leaves of a b > π(√y): m = q prime, p < q <= min(y, x/p³), each +φ(x/(p·q), b − 1). */
  private primeLeaves(b: number, phiB: number): number {
    const { lo, hi, y, primes, words, counters, mask120 } = this;
    const p = primes[b]!;
    const xp = div(this.x, p);
    const qLim = Math.min(y, div(div(xp, p), p));
    const qLo = Math.max(p, div(xp, hi));
    const qHi = lo === 0 ? qLim : Math.min(qLim, div(xp, lo));
    if (qHi <= qLo) return 0;
    const iEnd = this.piTable.pi(qLo);
    let qw = 0;
    let qcount = 0;
    let sum = 0;
    for (let i = this.piTable.pi(qHi); i > iEnd; i--) {
      const t = div(xp, primes[i]!) - lo;
      const w = (t / 120) | 0;
      if (w > qw) {
        while (qw < w && qw % BLOCK_WORDS !== 0) qcount += popcount(words[qw++]!);
        while (qw + BLOCK_WORDS <= w) {
          qcount += counters[qw / BLOCK_WORDS]!;
          qw += BLOCK_WORDS;
        }
        while (qw < w) qcount += popcount(words[qw++]!);
      }
      sum += phiB + qcount + popcount(words[w]! & mask120[t - 120 * w]!);
    }
    return sum;
  }

  /** Crosses off p_b's multiples, each clearing its bit once and decrementing its block's counter. */
  private crossCounted(b: number): void {
    const { bytes, counters, next, segBytes } = this;
    const p = this.primes[b]!;
    let total = this.total;
    for (let k = 0; k < 8; k++) {
      const bit = this.bitOfClass[8 * b + k]!;
      const mask = ~(1 << bit);
      let i = next[8 * b + k]!;
      for (; i < segBytes; i += p) {
        const v = bytes[i]!;
        const was = (v >> bit) & 1;
        bytes[i] = v & mask;
        counters[i >> 6]! -= was; // BLOCK_BYTES = 64
        total -= was;
      }
      next[8 * b + k] = i - segBytes;
    }
    this.total = total;
  }

  private crossPlain(b: number): void {
    const { bytes, next, segBytes } = this;
    const p = this.primes[b]!;
    for (let k = 0; k < 8; k++) {
      const mask = ~(1 << this.bitOfClass[8 * b + k]!);
      let i = next[8 * b + k]!;
      for (; i < segBytes; i += p) bytes[i]! &= mask;
      next[8 * b + k] = i - segBytes;
    }
  }

  /** π(u) for u in the (fully sieved) segment. */
  private piSeg(u: number): number {
    const t = u - this.lo;
    const w = (t / 120) | 0;
    return this.base + this.prefix[w]! + popcount(this.words[w]! & this.mask120[t - 120 * w]!);
  }

  /** The easy leaves of b with u > y in the segment: Σ (π(u) − b + 2). */
  private sparseLeaves(b: number): number {
    const el = this.eLo[b - this.bSparseFirst]!;
    const eh = this.eHi[b - this.bSparseFirst]!;
    if (eh <= el) return 0;
    const { lo, hi, primes } = this;
    const xp = div(this.x, primes[b]!);
    const qLo = Math.max(el, div(xp, hi));
    const qHi = lo === 0 ? eh : Math.min(eh, div(xp, lo));
    if (qHi <= qLo) return 0;
    const shift = 2 - b;
    const iEnd = this.piTable.pi(qLo);
    let sum = 0;
    for (let i = this.piTable.pi(qHi); i > iEnd; i--) sum += this.piSeg(div(xp, primes[i]!)) + shift;
    return sum;
  }

  /** P2's terms π(x/p) − (b − 1) for a < b <= π(√x) with x/p in the segment. */
  private p2Terms(): number {
    let sum = 0;
    for (; this.p2Index > this.a; this.p2Index--) {
      const u = div(this.x, this.primes[this.p2Index]!);
      if (u >= this.hi) break;
      sum += this.piSeg(u) - (this.p2Index - 1);
    }
    return sum;
  }
}

/**
 * π(x) by the Deléglise–Rivat algorithm itself, for integers 400 <= x <= 2^53, with
 * y = alpha·x^(1/3) clamped to [max(x^(1/3), 19), √x] (alpha <= 0: the tuned default). primePi
 * uses the sieve below 10^6; this entry point exists so that tests can run the combinatorial
 * code on small x.
 */
export function primePiCombinatorial(x: number, alpha = 0): number {
  const { mask120, pattern, phiC } = getTables();
  const x13 = icbrt(x);
  const sqrtx = isqrt(x);
  const y = Math.min(Math.max(Math.floor((alpha > 0 ? alpha : defaultAlpha(x)) * x13), x13, 19), sqrtx);
  const zmax = div(x, y + 1); // the largest argument of a special leaf or of P2
  let segLog2 = 12; // 2^segLog2 64-bit words per segment, as in the other backends
  while (segLog2 < 15 && 240 * 2 ** segLog2 < 2 * isqrt(zmax)) segLog2++;

  const primes = primesUpTo(sqrtx);
  let a = 0; // π(y), by bisection of the sorted primes
  for (let hi = primes.length; hi - a > 1; ) {
    const mid = (a + hi) >>> 1;
    if (primes[mid]! <= y) a = mid;
    else hi = mid;
  }
  const piTable = new PiTable(primes, y, mask120); // π(u) for u <= y
  const factors = makeFactorTable(y, primes);
  const piSqrtY = piTable.pi(isqrt(y));
  const piSqrtZ = piTable.pi(isqrt(zmax)); // √zmax <= y

  // S1: the ordinary leaves.
  const s1 = new ExactSum();
  for (let i = 0; i < factors.length; i++) {
    const v = factors[i]!;
    if (v > 2 * PC + 1) {
      const u = div(x, valueOfIndex(i));
      const q = div(u, PHI_PERIOD);
      const phi = q * PHI_OF_PERIOD + phiC[u - q * PHI_PERIOD]!;
      s1.add(v & 1 ? -phi : phi);
    }
  }

  // Trivial leaves and easy leaves with u <= y.
  const s2Dense = new ExactSum();
  for (let b = Math.max(piSqrtY, C) + 1; b < a; b++) s2Dense.add(denseLeaves(b, x, y, a, primes, piTable));

  // Hard leaves, easy leaves with u > y, and P2: one segmented sieve of [0, zmax].
  const sieve = new SegmentedSieve(x, y, a, zmax, segLog2, primes, piTable, factors, piSqrtY, piSqrtZ, mask120, pattern);
  sieve.run();
  const { s2Hard, s2Sparse, p2 } = sieve;

  const result = s1.value() + s2Dense.value() + s2Hard.value() + s2Sparse.value() + BigInt(a - 1) - p2.value();
  return Number(result);
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
    const add = (((n % 2 ? term : -term) / 2 ** (n - 1)) * inner);
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

// ---------------------------------------------------------------------------------------------
// nextPrime / prevPrime: a mod-210 wheel over the candidates, checkPrime (deterministic
// Miller–Rabin, prime.ts) on each.

/** GAPS_210[i]: from the i-th residue coprime to 210 to the next (the last wraps: 211 − 209). */
const GAPS_210 = RESIDUES_210.map((r, i) => (i === 47 ? 211 : RESIDUES_210[i + 1]!) - r);
/** The index of the first residue >= r, and of the last <= r (r >= 1), for r in [0, 210). */
const AT_OR_AFTER_210 = Array.from({ length: 210 }, (_, r) => RESIDUES_210.findIndex((s) => s >= r));
const AT_OR_BEFORE_210 = Array.from({ length: 210 }, (_, r) => Math.max(0, RESIDUES_210.filter((s) => s <= r).length - 1));

function nextPrimeNumber(n: number): number {
  if (n < 7) return n < 2 ? 2 : n < 3 ? 3 : n < 5 ? 5 : 7;
  let m = n + 1;
  const r = m % 210;
  let i = AT_OR_AFTER_210[r]!;
  m += RESIDUES_210[i]! - r;
  for (;;) {
    if (m > Number.MAX_SAFE_INTEGER) return -1;
    if (checkPrime(m)) return m;
    m += GAPS_210[i]!;
    i = i === 47 ? 0 : i + 1;
  }
}

function prevPrimeNumber(n: number): number {
  if (n <= 11) return n <= 2 ? -1 : n <= 3 ? 2 : n <= 5 ? 3 : n <= 7 ? 5 : 7;
  let m = n - 1;
  const r = m % 210;
  let i: number;
  if (r === 0) {
    m -= 1; // 210k − 1 ≡ 209, the last residue
    i = 47;
  } else {
    i = AT_OR_BEFORE_210[r]!;
    m -= r - RESIDUES_210[i]!;
  }
  while (!checkPrime(m)) {
    i = i === 0 ? 47 : i - 1;
    m -= GAPS_210[i]!;
  }
  return m;
}

function nextPrimeBigInt(n: bigint): bigint {
  if (n >= LARGEST_U64_PRIME) return -1n;
  let m = n + 1n;
  const r = Number(m % 210n);
  let i = AT_OR_AFTER_210[r]!;
  m += BigInt(RESIDUES_210[i]! - r);
  while (!checkPrime(m)) {
    m += BigInt(GAPS_210[i]!);
    i = i === 47 ? 0 : i + 1;
  }
  return m;
}

function prevPrimeBigInt(n: bigint): bigint {
  let m = n - 1n;
  const r = Number(m % 210n);
  let i: number;
  if (r === 0) {
    m -= 1n;
    i = 47;
  } else {
    i = AT_OR_BEFORE_210[r]!;
    m -= BigInt(r - RESIDUES_210[i]!);
  }
  while (!checkPrime(m)) {
    i = i === 0 ? 47 : i - 1;
    m -= BigInt(GAPS_210[i]!);
  }
  return m;
}

/**
 * The smallest prime > n, for a non-negative safe integer or a bigint in [0, 2^64); the result
 * has the type of n. Sentinel: -1 for a number n whose next prime is above 2^53 − 1 (n >=
 * 2^53 − 111), -1n for a bigint n >= 2^64 − 59 (no prime in [n + 1, 2^64)).
 */
export function nextPrime(n: number): number;
export function nextPrime(n: bigint): bigint;
export function nextPrime(n: number | bigint): number | bigint;
export function nextPrime(n: number | bigint): number | bigint {
  if (typeof n === 'number') return nextPrimeNumber(n);
  if (n <= MAX_SAFE_BIGINT) {
    const p = nextPrimeNumber(Number(n));
    if (p !== -1) return BigInt(p);
  }
  return nextPrimeBigInt(n);
}

/**
 * The largest prime < n, for a non-negative safe integer or a bigint in [0, 2^64); the result
 * has the type of n. Sentinel: -1 (or -1n) for n <= 2.
 */
export function prevPrime(n: number): number;
export function prevPrime(n: bigint): bigint;
export function prevPrime(n: number | bigint): number | bigint;
export function prevPrime(n: number | bigint): number | bigint {
  if (typeof n === 'number') return prevPrimeNumber(n);
  if (n <= MAX_SAFE_BIGINT + 1n) return BigInt(prevPrimeNumber(Number(n)));
  return prevPrimeBigInt(n);
}
