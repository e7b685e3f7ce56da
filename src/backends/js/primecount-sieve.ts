/**
 * The segmented sieve of primecount.ts's π(x) (Deléglise–Rivat): a pass over segments [from, to)
 * of [0, x/y) that sums the hard special leaves, the easy leaves with u > y, and P2. The whole
 * sieve (from = 0, to = all) gives absolute sums; a part of it counts φ and π from its first
 * segment's start and says how to complete them (PRIME_PI_SIEVE_LAYOUT in src/contract.ts).
 */
import { PRIME_PI_SIEVE_LAYOUT as LAYOUT } from '../../contract.js';
import * as tables from './primecount-tables.js';

// Local bindings: where a loader reaches another module's exports through getters (vitest,
// esbuild's CommonJS output), each use in the hot loops would pay for one (π(10^13): 0.31 s
// instead of 0.21 s).
const { BIT_OF, C, ExactSum, WHEEL, floorDiv: div, floorIndex, getTables, popcount, valueOfIndex } = tables;

/** One counter per 512 bits of the bitmap, as in the other backends. */
const BLOCK_BYTES = 64;
const BLOCK_WORDS = BLOCK_BYTES / 4;

/** The integers a segment covers: 2^segLog2 64-bit words of 240 integers (as in the other backends). */
export const segmentSpan = (segLog2: number): number => 240 * 2 ** segLog2;

/** The number of segments of the sieve of [0, zmax]: segment s covers [s·span, (s + 1)·span). */
export const segmentCount = (zmax: number, segLog2: number): number => Math.floor(zmax / segmentSpan(segLog2)) + 1;

/** Where the hard and the sparse easy leaves of each b lie: what every part of the sieve reads. */
export interface LeafBounds {
  /** The largest b with hard leaves (C when there is none). */
  readonly bHard: number;
  /** The sieving primes p_4 … p_nSieve: those of the hard leaves and those up to √zmax. */
  readonly nSieve: number;
  /** umax[b]: an upper bound for the hard leaves of every b' >= b (non-increasing in b). */
  readonly umax: Float64Array;
  /** The b with easy leaves u > y, bSparseFirst <= b < bSparseEnd, and their q range (eLo, eHi]. */
  readonly bSparseFirst: number;
  readonly bSparseEnd: number;
  readonly eLo: Float64Array;
  readonly eHi: Float64Array;
}

/**
 * The state of one x that the leaves and every sieve part read (primecount.ts builds it, and
 * keeps the last one for the parts): the parameters, the primes up to √x, π up to y, the factor
 * table of the m <= y and the leaf bounds.
 */
export interface PreparedPi extends LeafBounds {
  readonly x: number;
  readonly y: number;
  /** π(y). */
  readonly a: number;
  /** The largest argument of a special leaf or of P2: ⌊x/(y + 1)⌋. */
  readonly zmax: number;
  readonly segLog2: number;
  readonly primes: Uint32Array;
  readonly piTable: tables.PiTable;
  readonly factors: Uint32Array;
  readonly piSqrtY: number;
  readonly piSqrtZ: number;
}

/** The leaf bounds of x with y, a = π(y), the primes up to √x, π(√y) and π(√zmax). */
export function leafBounds(x: number, y: number, a: number, primes: Uint32Array, piSqrtY: number, piSqrtZ: number): LeafBounds {
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
  const umax = new Float64Array(bHard + 2);
  for (let b = bHard; b > C; b--) {
    const p = primes[b]!;
    const xp = div(x, p);
    const u = b <= piSqrtY ? div(xp, div(y, p) + 1) : div(xp, primes[b + 1]!);
    umax[b] = Math.max(u, umax[b + 1]!);
  }
  const bSparseFirst = Math.max(piSqrtY, C) + 1;
  const bSparseEnd = Math.max(bSparseFirst, Math.min(piSqrtZ + 1, a));
  const eLo = new Float64Array(bSparseEnd - bSparseFirst);
  const eHi = new Float64Array(eLo.length);
  for (let b = bSparseFirst; b < bSparseEnd; b++) {
    const p = primes[b]!;
    const xp = div(x, p);
    eLo[b - bSparseFirst] = Math.max(p, div(div(xp, p), p));
    eHi[b - bSparseFirst] = Math.min(y, div(xp, p), div(xp, y + 1));
  }
  return { bHard, nSieve: Math.max(bHard, piSqrtZ), umax, bSparseFirst, bSparseEnd, eLo, eHi };
}

/**
 * The sums of segments [from, to) of x's sieve (clamped: to <= the segment count, from <= to),
 * laid out as PRIME_PI_SIEVE_LAYOUT says. With from = 0 and every segment they are absolute:
 * π(x) = leaves + hard + sparse − p2.
 */
export function sieveSegments(prepared: PreparedPi, from: number, to: number): BigInt64Array {
  to = Math.min(to, segmentCount(prepared.zmax, prepared.segLog2));
  from = Math.min(from, to);
  const sieve = new SegmentedSieve(prepared, from);
  sieve.run(to);
  return sieve.sums();
}

/**
 * The segmented sieve of [0, zmax] (mod-30 wheel bitmap, 32-bit words of 120 integers), over the
 * segments [from, to). In each segment, for b = c+1, c+2, … while some b' >= b has hard leaves
 * there: the hard leaves of b, then p_b crossed off keeping a counter per block; then the sieve is
 * completed up to √hi and a prefix count per word gives π(u) for the easy leaves with u > y and
 * for P2. φ(·, b − 1) is counted from the first segment's start L (phi[b] starts at 0), and so is
 * π unless the first segment that reaches past y starts at or below y + 1 (then π(lo − 1) comes
 * from the table: absolute). The work is split into a method per segment and per (segment, b),
 * which V8 optimizes after the first calls.
 */
class SegmentedSieve {
  private readonly s2Hard = new ExactSum();
  private readonly s2Sparse = new ExactSum();
  private readonly p2 = new ExactSum();
  /** The π lookups of the sparse easy leaves and the P2 terms summed. */
  private sparseTerms = 0;
  private p2Count = 0;

  private readonly x: number;
  private readonly y: number;
  private readonly a: number;
  private readonly zmax: number;
  private readonly primes: Uint32Array;
  private readonly piTable: tables.PiTable;
  private readonly factors: Uint32Array;
  private readonly piSqrtY: number;
  private readonly mask120: Uint32Array;
  private readonly pattern: Uint8Array;
  private readonly segBytes: number;
  private readonly segSpan: number;
  private readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private readonly counters: Int32Array;
  private readonly prefix: Uint32Array;
  /** phi[b] = φ(lo − 1, b − 1) − φ(L − 1, b − 1) for the current segment's lo. */
  private readonly phi: Float64Array;
  /** sign[b]: the sum of the signs of b's hard leaves so far. */
  private readonly sign: Float64Array;
  /** next[8b + k]: byte offset (from the segment start) of the next multiple p_b·m, m ≡ WHEEL[k] (mod 30). */
  private readonly next: Uint32Array;
  private readonly bitOfClass: Uint8Array;
  private readonly bHard: number;
  /** umax[b]: an upper bound for the hard leaves of every b' >= b (non-increasing in b). */
  private readonly umax: Float64Array;
  private readonly nSieve: number;
  /** The b with easy leaves u > y, and their q range (eLo, eHi]. */
  private readonly bSparseFirst: number;
  private readonly bSparseEnd: number;
  private readonly eLo: Float64Array;
  private readonly eHi: Float64Array;

  private lo: number;
  private hi = 0;
  private total = 0; // set bits in the segment
  private inited = C; // the sieving primes 8 … inited have their state
  private bMax: number;
  private piLo = 0; // π(lo − 1) (less π(L − 1) unless absolute), once the segments reach beyond y
  private piStarted = false;
  private absolute = false;
  private base = 0; // π(lo − 1), plus 3 (2, 3, 5) in the first segment
  private p2Index: number; // P2: p = primes[p2Index], descending

  constructor(prepared: PreparedPi, from: number) {
    const { mask120, pattern } = getTables();
    const { x, a, primes, nSieve } = prepared;
    this.x = x;
    this.y = prepared.y;
    this.a = a;
    this.zmax = prepared.zmax;
    this.primes = primes;
    this.piTable = prepared.piTable;
    this.factors = prepared.factors;
    this.piSqrtY = prepared.piSqrtY;
    this.mask120 = mask120;
    this.pattern = pattern;
    this.bHard = prepared.bHard;
    this.umax = prepared.umax;
    this.nSieve = nSieve;
    this.bSparseFirst = prepared.bSparseFirst;
    this.bSparseEnd = prepared.bSparseEnd;
    this.eLo = prepared.eLo;
    this.eHi = prepared.eHi;
    this.segBytes = 8 * 2 ** prepared.segLog2;
    this.segSpan = 30 * this.segBytes;
    this.lo = from * this.segSpan;
    this.bMax = this.bHard;
    this.bytes = new Uint8Array(this.segBytes);
    this.words = new Uint32Array(this.bytes.buffer);
    this.counters = new Int32Array(this.segBytes / BLOCK_BYTES);
    this.prefix = new Uint32Array(this.segBytes / 4);
    this.phi = new Float64Array(this.bHard + 2);
    this.sign = new Float64Array(this.bHard + 2);
    this.next = new Uint32Array(8 * (nSieve + 1));
    this.bitOfClass = new Uint8Array(8 * (nSieve + 1));
    for (let b = 4; b <= nSieve; b++) {
      for (let k = 0; k < 8; k++) this.bitOfClass[8 * b + k] = BIT_OF[(primes[b]! * WHEEL[k]!) % 30]!;
    }
    // P2's terms with x/p below L belong to earlier parts.
    let p2Index = primes.length - 1;
    while (p2Index > a && div(x, primes[p2Index]!) < this.lo) p2Index--;
    this.p2Index = p2Index;
  }

  /** Sieves the segments from the first one's start up to segment `to` (exclusive). */
  run(to: number): void {
    for (let lo = this.lo; lo < to * this.segSpan; lo += this.segSpan) this.segment(lo);
  }

  /** The sums, laid out as PRIME_PI_SIEVE_LAYOUT says. */
  sums(): BigInt64Array {
    const bLength = this.bHard - C;
    const out = new BigInt64Array(LAYOUT.phi + 2 * bLength);
    out[LAYOUT.hard] = this.s2Hard.value();
    out[LAYOUT.sparse] = this.s2Sparse.value();
    out[LAYOUT.p2] = this.p2.value();
    out[LAYOUT.sparseTerms] = BigInt(this.sparseTerms);
    out[LAYOUT.p2Terms] = BigInt(this.p2Count);
    out[LAYOUT.piEnd] = BigInt(this.piStarted ? this.piLo : 0);
    out[LAYOUT.absolute] = this.absolute ? 1n : 0n;
    for (let b = C + 1; b <= this.bHard; b++) {
      out[LAYOUT.phi + b - C - 1] = BigInt(this.phi[b]!);
      out[LAYOUT.phi + bLength + b - C - 1] = BigInt(this.sign[b]!);
    }
    return out;
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
      // π(lo − 1) from the table where lo − 1 <= y; otherwise counted from here.
      this.piStarted = true;
      this.absolute = lo <= this.y + 1;
      this.piLo = lo === 0 || !this.absolute ? 0 : this.piTable.pi(lo - 1);
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
    this.piLo = this.piSeg(hi - 1); // = base + running, except past zmax in the last word
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
   * bits in words [0, qw) only moves forward, a block (counter) at a time where it can. Adds the
   * leaves' signs (+1 where μ(m) = −1) to sign[b].
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
    let signs = 0;
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
      if (v & 1) {
        sum += phiU;
        signs++;
      } else {
        sum -= phiU;
        signs--;
      }
    }
    this.sign[b]! += signs;
    return sum;
  }

  /**
   * The hard leaves of a b > π(√y): m = q prime, p < q <= min(y, x/p³), each +φ(x/(p·q), b − 1)
   * (and +1 in sign[b]).
   */
  private primeLeaves(b: number, phiB: number): number {
    const { lo, hi, y, primes, words, counters, mask120 } = this;
    const p = primes[b]!;
    const xp = div(this.x, p);
    const qLim = Math.min(y, div(div(xp, p), p));
    const qLo = Math.max(p, div(xp, hi));
    const qHi = lo === 0 ? qLim : Math.min(qLim, div(xp, lo));
    if (qHi <= qLo) return 0;
    const iEnd = this.piTable.pi(qLo);
    const iStart = this.piTable.pi(qHi);
    this.sign[b]! += iStart - iEnd;
    let qw = 0;
    let qcount = 0;
    let sum = 0;
    for (let i = iStart; i > iEnd; i--) {
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
    const iStart = this.piTable.pi(qHi);
    this.sparseTerms += iStart - iEnd;
    let sum = 0;
    for (let i = iStart; i > iEnd; i--) sum += this.piSeg(div(xp, primes[i]!)) + shift;
    return sum;
  }

  /** P2's terms π(x/p) − (b − 1) for a < b <= π(√x) with x/p in the segment. */
  private p2Terms(): number {
    let sum = 0;
    const start = this.p2Index;
    for (; this.p2Index > this.a; this.p2Index--) {
      const u = div(this.x, this.primes[this.p2Index]!);
      if (u >= this.hi) break;
      sum += this.piSeg(u) - (this.p2Index - 1);
    }
    this.p2Count += start - this.p2Index;
    return sum;
  }
}
