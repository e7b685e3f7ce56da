/**
 * The tables and helpers of primecount.ts's π(x): the mod-30 wheel, exact integer helpers
 * (floorDiv, isqrt, icbrt, popcount, ExactSum), the tables shared by every call (φ(u, 7), the
 * pre-sieved pattern, the word masks), and those of one run: the primes up to √x, the π table up
 * to y and the factor table of the m <= y. The exactness argument is in primecount.ts.
 */
import { primesBetween } from './sieve.js';

export const WHEEL = [1, 7, 11, 13, 17, 19, 23, 29];
/** Residue (mod 30) → bit of the wheel byte; 0 where not coprime to 30 (never used there). */
export const BIT_OF = Uint8Array.from({ length: 30 }, (_, r) => Math.max(0, WHEEL.indexOf(r)));

/** φ(u, 7) repeats with period 2·3·5·7·11·13·17 = 510,510, gaining φ(510510) = 92,160 per period. */
export const PHI_PERIOD = 510510;
export const PHI_OF_PERIOD = 92160;
export const C = 7; // p_c = 17
export const PC = 17;

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

export function isqrt(n: number): number {
  let r = Math.floor(Math.sqrt(n));
  while (r * r > n) r--;
  while ((r + 1) * (r + 1) <= n) r++;
  return r;
}

export function icbrt(n: number): number {
  let r = Math.floor(Math.cbrt(n));
  while (r * r * r > n) r--;
  while ((r + 1) * (r + 1) * (r + 1) <= n) r++;
  return r;
}

/** SWAR popcount of a 32-bit word (H. S. Warren, Hacker's Delight, 5-1). */
export function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Sum of integers, exact beyond 2^53: `small` stays within ±2^52 and each addend within ±2^53,
 * so small + v is exact; whatever would grow past that moves into a BigInt.
 */
export class ExactSum {
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

export interface Tables {
  /** mask120[r]: the bits of the integers 0 … r of a 32-bit word (4 wheel bytes, 120 integers). */
  readonly mask120: Uint32Array;
  /** Wheel bytes with the multiples of 7, 11, 13, 17 cleared (themselves too): 17,017 bytes. */
  readonly pattern: Uint8Array;
  /** phiC[r] = #{1 <= k <= r : gcd(k, 510510) = 1}. */
  readonly phiC: Uint32Array;
}

let tables: Tables | undefined;

export function getTables(): Tables {
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

/** The primes up to `limit`, 1-based (primes[1] = 2), listed by the segmented sieve. */
export function primesUpTo(limit: number): Uint32Array {
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
export class PiTable {
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

// The factor table: for m <= y coprime to 210 (every m of a leaf has lpf(m) > 17), index
// 48·⌊m/210⌋ + (rank of m mod 210 among the 48 residues coprime to 210), value 0 when m is not
// squarefree, else 2·lpf(m) + (μ(m) == −1 ? 1 : 0), with lpf(1) = ∞. "m squarefree with
// lpf(m) > p" is then value > 2p + 1.
export const RESIDUES_210 = Array.from({ length: 210 }, (_, r) => r).filter((r) => r % 2 && r % 3 && r % 5 && r % 7);
const RANK_210 = Uint32Array.from({ length: 210 }, (_, r) => RESIDUES_210.filter((s) => s <= r).length);
const RESIDUE_OF_INDEX = Uint8Array.from(RESIDUES_210);

/** The largest factor-table index whose m is <= v (−1 for v = 0). */
export const floorIndex = (v: number): number => 48 * Math.floor(v / 210) + RANK_210[v % 210]! - 1;
export const valueOfIndex = (i: number): number => 210 * Math.floor(i / 48) + RESIDUE_OF_INDEX[i % 48]!;

export function makeFactorTable(y: number, primes: Uint32Array): Uint32Array {
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
