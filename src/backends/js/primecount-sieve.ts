/**
 * The segmented sieve of primecount.ts's π(x) (Deléglise–Rivat): one pass over [0, x/y) that
 * sums the hard special leaves, the easy leaves with u > y, and P2.
 */
import * as tables from './primecount-tables.js';

// Local bindings: where a loader reaches another module's exports through getters (vitest,
// esbuild's CommonJS output), each use in the hot loops would pay for one (π(10^13): 0.31 s
// instead of 0.21 s).
const { BIT_OF, C, ExactSum, WHEEL, floorDiv: div, floorIndex, popcount, valueOfIndex } = tables;

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
export class SegmentedSieve {
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
    private readonly piTable: tables.PiTable,
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
