// The segmented sieve of primecount.ts's π(x) (Deléglise–Rivat): a pass over segments [from, to)
// of [0, x/y] that sums their hard special leaves, easy leaves with u > y and P2 terms, with φ and
// π counted from the first segment's start (native/kernels/primecount_impl.h, DelegliseRivat::
// sieve; the pass over all segments gives the sums themselves). prepareSieve sets the bounds of
// the leaves of each b once per x, for every pass of that x; releaseSieve frees them.

import {
  WHEEL, BIT_OF, PATTERN_BYTES, C, PATTERN, mask240, umin, umax,
  X, Y, A, ZMAX, PI_SQRTY, PI_SQRTZ, SEG_LOG2, nPrimes, prime, piSmall, floorIndex, facValue, facAt,
} from "./primecount-tables";

// ---------------------------------------------------------------------------------------------
// The segmented sieve: hard leaves, then (fully sieved) sparse easy leaves and P2

const BLOCK_LOG2: u32 = 3;   // 2^3 u64 words (512 bits) per counter

let seg: usize = 0;        // u64 words
let counters: usize = 0;   // u32 per block
let nextOff: usize = 0;    // u32: 8 per sieving prime
let total: i64 = 0;
let qw: u64 = 0;           // running count of set bits in words [0, qw)
let qcount: i64 = 0;
let segLo: u64 = 0;

// @ts-ignore: decorator
@inline
function word(w: u64): u64 {
  return load<u64>(seg + (<usize>w << 3));
}

function countTo(u: u64): i64 {
  const t = u - segLo;
  const w = t / 240;
  if (w > qw) {
    const blockWords: u64 = 1 << BLOCK_LOG2;
    while (qw < w && (qw & (blockWords - 1))) qcount += <i64>popcnt<u64>(word(qw++));
    while (qw + blockWords <= w) {
      qcount += <i64>load<u32>(counters + (<usize>(qw >> BLOCK_LOG2) << 2));
      qw += blockWords;
    }
    while (qw < w) qcount += <i64>popcnt<u64>(word(qw++));
  }
  return qcount + <i64>popcnt<u64>(word(w) & mask240(t - 240 * w));
}

function initPrime(b: u64, loByte: u64): void {
  const p = prime(b);
  const st = nextOff + (<usize>(8 * b) << 2);
  for (let k: u32 = 0; k < 8; ++k) {
    const off = p * <u64>load<u8>(WHEEL + k) / 30;
    const j: u64 = loByte > off ? (loByte - off + p - 1) / p : 0;
    store<u32>(st + (<usize>k << 2), <u32>(p * j + off - loByte));
  }
}

function crossCounted(b: u64, segBytes: u32): void {
  const p = <u32>prime(b);
  const pr = p % 30;
  const st = nextOff + (<usize>(8 * b) << 2);
  const shift: u32 = 3 + BLOCK_LOG2;
  let removed: i64 = 0;
  for (let k: u32 = 0; k < 8; ++k) {
    const bit = <u32>load<u8>(BIT_OF + (pr * <u32>load<u8>(WHEEL + k)) % 30);
    const mask = ~(<u32>1 << bit);
    let i = load<u32>(st + (<usize>k << 2));
    for (; i < segBytes; i += p) {
      const v = <u32>load<u8>(seg + <usize>i);
      const was = (v >> bit) & 1;
      store<u8>(seg + <usize>i, <u8>(v & mask));
      const c = counters + (<usize>(i >> shift) << 2);
      store<u32>(c, load<u32>(c) - was);
      removed += <i64>was;
    }
    store<u32>(st + (<usize>k << 2), i - segBytes);
  }
  total -= removed;
}

function crossPlain(b: u64, segBytes: u32): void {
  const p = <u32>prime(b);
  const pr = p % 30;
  const st = nextOff + (<usize>(8 * b) << 2);
  for (let k: u32 = 0; k < 8; ++k) {
    const bit = <u32>load<u8>(BIT_OF + (pr * <u32>load<u8>(WHEEL + k)) % 30);
    const mask = <u8>~(<u32>1 << bit);
    let i = load<u32>(st + (<usize>k << 2));
    for (; i < segBytes; i += p) store<u8>(seg + <usize>i, load<u8>(seg + <usize>i) & mask);
    store<u32>(st + (<usize>k << 2), i - segBytes);
  }
}

// Where segmentedPass puts its sums (i64 each): PRIME_PI_SIEVE_LAYOUT in src/contract.ts. The
// hard leaves (φ counted from L, the first segment's start), the easy leaves with u > y and the
// P2 terms (π counted from L unless absolute), how many π lookups those two made, π(end − 1)
// (less π(L − 1) unless absolute; 0 when no segment reached past y), absolute (0 or 1), then per
// b = 8 … B_HARD (bLength = B_HARD − 7 of them) φ(end − 1, b − 1) − φ(L − 1, b − 1), then per b
// the sum of the signs of b's hard leaves in the segments.
export const SUM_HARD: usize = 0, SUM_SPARSE: usize = 1, SUM_P2: usize = 2;
export const SUM_SPARSE_TERMS: usize = 3, SUM_P2_TERMS: usize = 4, SUM_PI_END: usize = 5;
export const SUM_ABSOLUTE: usize = 6, SUM_PHI: usize = 7;

let s2Hard: i64 = 0;
let s2Sparse: i64 = 0;
let p2Sum: i64 = 0;
let sparseTerms: u64 = 0;
let p2Terms: u64 = 0;
let hardSigns: i64 = 0;  // hardLeaves: the sum of the signs of the leaves it added

// The state of the pass across segments. The work of one pass is split into functions that run
// once per segment or per (segment, b), not one long loop: V8 compiles WebAssembly first with its
// baseline compiler and moves a function to optimized code only for the calls after it got hot
// (there is no on-stack replacement for WebAssembly), so a single call running the whole pass
// would stay in baseline code to the end (π(2^53): 13.7 s instead of 5.5 s).
let WORDS: u64 = 0;
let N_BLOCKS: u64 = 0;
let SEG_BYTES: u32 = 0;
let SEG_SPAN: u64 = 0;
let B_HARD: u64 = 0;      // prepareSieve: the b with hard leaves are C + 1 … B_HARD
let N_SIEVE: u64 = 0;
let umaxArr: usize = 0;
let B_SPARSE_FIRST: u64 = 0;
let B_SPARSE_END: u64 = 0;
let eLo: usize = 0;
let eHi: usize = 0;
let prefix: usize = 0;
let phi: usize = 0;      // i64 per b: φ(lo − 1, b − 1) − φ(L − 1, b − 1)
let signs: usize = 0;    // i64 per b: the sum of the signs of b's hard leaves so far
let inited: u64 = 0;
let bMax: u64 = 0;
let piLo: u64 = 0;       // π(lo − 1) (less π(L − 1) unless piAbsolute), beyond y
let piStarted = false;
let piAbsolute = false;  // π counted from 0: the first π segment starts at or below y + 1
let p2Index: u64 = 0;
let piBase: u64 = 0;   // π(lo − 1) (+3 for 2, 3, 5 in the first segment)

/** The hard leaves of b in the segment [segLo, hi), before p_b is crossed off. */
function hardLeaves(b: u64, hi: u64, phiB: i64): i64 {
  const lo = segLo;
  const p = prime(b);
  const xp = X / p;
  qw = 0;
  qcount = 0;
  let sum: i64 = 0, leafSigns: i64 = 0;
  if (b <= PI_SQRTY) {
    // m squarefree, lpf(m) > p, y/p < m <= y, lo <= x/(p·m) < hi.
    const mLo = umax(xp / hi, Y / p);
    const mHi = lo == 0 ? Y : umin(xp / lo, Y);
    const threshold = <u32>(2 * p + 1);
    const iEnd = floorIndex(mLo);
    for (let i: i64 = mHi > mLo ? floorIndex(mHi) : iEnd; i > iEnd; --i) {
      const v = facAt(i);
      if (v > threshold) {
        // Σ ±(phiB + count) = Σ ±count + phiB·Σ ±1.
        const count = countTo(xp / facValue(i));
        sum += (v & 1) ? count : -count;
        leafSigns += (v & 1) ? 1 : -1;
      }
    }
    sum += phiB * leafSigns;
  } else {
    // m = q prime, p < q <= min(y, x/p³).
    const qLim = umin(Y, xp / p / p);
    const qLo = umax(p, xp / hi);
    const qHi = lo == 0 ? qLim : umin(qLim, xp / lo);
    if (qHi > qLo) {
      const iEnd = piSmall(qLo);
      const iStart = piSmall(qHi);
      for (let i = iStart; i > iEnd; --i) sum += phiB + countTo(xp / prime(i));
      leafSigns = <i64>(iStart - iEnd);
    }
  }
  hardSigns = leafSigns;
  return sum;
}

// @ts-ignore: decorator
@inline
function piSeg(u: u64): u64 {
  const t = u - segLo;
  const w = t / 240;
  return piBase + <u64>load<u32>(prefix + (<usize>w << 2)) + popcnt<u64>(word(w) & mask240(t - 240 * w));
}

/** The easy leaves of b with u > y in the (fully sieved) segment: Σ (π(u) − b + 2). */
function sparseLeaves(b: u64, hi: u64): i64 {
  const lo = segLo;
  const eh = load<u64>(eHi + (<usize>(b - B_SPARSE_FIRST) << 3));
  const el = load<u64>(eLo + (<usize>(b - B_SPARSE_FIRST) << 3));
  if (eh <= el) return 0;
  const xp = X / prime(b);
  const qLo = umax(el, xp / hi);
  const qHi = lo == 0 ? eh : umin(eh, xp / lo);
  if (qHi <= qLo) return 0;
  const shift: i64 = 2 - <i64>b;
  const iEnd = piSmall(qLo);
  const iStart = piSmall(qHi);
  let sum: i64 = 0;
  for (let i = iStart; i > iEnd; --i) sum += <i64>piSeg(xp / prime(i)) + shift;
  sparseTerms += iStart - iEnd;
  return sum;
}

function processSegment(lo: u64): void {
  const hi = umin(lo + SEG_SPAN, ZMAX + 1);
  const loByte = lo / 30;
  segLo = lo;
  // Pre-sieved wheel bytes: 2, 3, 5 (the wheel) and 7, 11, 13, 17 are crossed off.
  let off = <u32>(loByte % PATTERN_BYTES);
  for (let filled: u32 = 0; filled < SEG_BYTES;) {
    const n = min<u32>(PATTERN_BYTES - off, SEG_BYTES - filled);
    memory.copy(seg + filled, PATTERN + off, n);
    filled += n;
    off = 0;
  }
  while (bMax > C && load<u64>(umaxArr + (<usize>bMax << 3)) < lo) bMax--;
  while (inited < bMax) initPrime(++inited, loByte);

  // Hard special leaves: for b = c+1, c+2, …, the bitmap holds the integers free of
  // p_1 … p_{b−1}; count up to each leaf, then cross off p_b keeping the counters.
  if (bMax > C) {
    total = 0;
    for (let blk: u64 = 0; blk < N_BLOCKS; ++blk) {
      let n: u32 = 0;
      for (let w = blk << BLOCK_LOG2; w < (blk + 1) << BLOCK_LOG2; ++w) n += <u32>popcnt<u64>(word(w));
      store<u32>(counters + (<usize>blk << 2), n);
      total += <i64>n;
    }
    for (let b = C + 1; b <= bMax; ++b) {
      const phiB = load<i64>(phi + (<usize>b << 3));
      s2Hard += hardLeaves(b, hi, phiB);
      const at = signs + (<usize>b << 3);
      store<i64>(at, load<i64>(at) + hardSigns);
      store<i64>(phi + (<usize>b << 3), phiB + total);
      crossCounted(b, SEG_BYTES);
    }
  }
  // The other sieving primes that have a state keep crossing off.
  for (let b = umax(bMax, C) + 1; b <= inited; ++b) crossPlain(b, SEG_BYTES);
  if (hi <= Y + 1) return;  // no π(u) with u > y in this segment

  // Complete the sieve up to √hi; put the sieving primes back (each was crossed off as its own
  // first multiple) and remove 1: the bitmap then holds the primes in [lo, hi).
  while (inited < N_SIEVE && prime(inited + 1) * prime(inited + 1) < hi) {
    initPrime(++inited, loByte);
    crossPlain(inited, SEG_BYTES);
  }
  if (lo == 0) store<u8>(seg, load<u8>(seg) & 0xFE);
  const restoreEnd = umax(inited, C);
  for (let i: u64 = 4; i <= restoreEnd; ++i) {
    const p = prime(i);
    if (p >= hi) break;
    if (p < lo) continue;
    const at = seg + <usize>((p - lo) / 30);
    store<u8>(at, load<u8>(at) | <u8>(1 << load<u8>(BIT_OF + <usize>(p % 30))));
  }
  if (!piStarted) {
    // π(lo − 1) from the table where lo − 1 <= y; otherwise counted from here.
    piStarted = true;
    piAbsolute = lo <= Y + 1;
    piLo = lo == 0 || !piAbsolute ? 0 : piSmall(lo - 1);
  }
  piBase = piLo + (lo == 0 ? 3 : 0);
  let running: u32 = 0;
  const usedWords = (hi - lo + 239) / 240;
  for (let w: u64 = 0; w < usedWords; ++w) {
    store<u32>(prefix + (<usize>w << 2), running);
    running += <u32>popcnt<u64>(word(w));
  }
  for (let b = B_SPARSE_FIRST; b < B_SPARSE_END; ++b) s2Sparse += sparseLeaves(b, hi);
  // P2: π(x/p) − (b − 1) for a < b <= π(√x), x/p in [lo, hi).
  while (p2Index > A) {
    const u = X / prime(p2Index);
    if (u >= hi) break;
    p2Sum += <i64>piSeg(u) - <i64>(p2Index - 1);
    p2Terms++;
    p2Index--;
  }
  piLo = piSeg(hi - 1);  // = piBase + running, except past zmax in the last word
}

/** The bounds of the leaves of each b for the passes over the current run (startRun's x). */
export function prepareSieve(): void {
  WORDS = (<u64>1) << SEG_LOG2;
  N_BLOCKS = WORDS >> BLOCK_LOG2;
  SEG_BYTES = <u32>(8 * WORDS);
  SEG_SPAN = 240 * WORDS;

  // The b with hard leaves: all b <= π(√y), then those with a prime q in (p_b, x/p_b³].
  let bHard: u64 = C;
  for (let b = C + 1; b < A; ++b) {
    if (b <= PI_SQRTY) { bHard = b; continue; }
    const p = prime(b);
    if (prime(b + 1) <= umin(Y, X / p / p / p)) bHard = b; else break;
  }
  B_HARD = bHard;
  N_SIEVE = umax(bHard, PI_SQRTZ);
  // umax[b]: an upper bound for the hard leaves of every b' >= b (non-increasing in b).
  umaxArr = heap.alloc(<usize>(bHard + 2) << 3);
  store<u64>(umaxArr + (<usize>(bHard + 1) << 3), 0);
  for (let b = bHard; b > C; --b) {
    const p = prime(b);
    const xp = X / p;
    const u = b <= PI_SQRTY ? xp / (Y / p + 1) : xp / prime(b + 1);
    store<u64>(umaxArr + (<usize>b << 3), umax(u, load<u64>(umaxArr + (<usize>(b + 1) << 3))));
  }
  // The b with easy leaves u > y: q in (eLo, eHi].
  B_SPARSE_FIRST = umax(PI_SQRTY, C) + 1;
  B_SPARSE_END = B_SPARSE_FIRST;
  while (B_SPARSE_END <= PI_SQRTZ && B_SPARSE_END < A) B_SPARSE_END++;
  const nSparse = B_SPARSE_END - B_SPARSE_FIRST;
  eLo = heap.alloc(<usize>(nSparse + 1) << 3);
  eHi = heap.alloc(<usize>(nSparse + 1) << 3);
  for (let b = B_SPARSE_FIRST; b < B_SPARSE_END; ++b) {
    const p = prime(b);
    const xp = X / p;
    store<u64>(eLo + (<usize>(b - B_SPARSE_FIRST) << 3), umax(p, xp / p / p));
    store<u64>(eHi + (<usize>(b - B_SPARSE_FIRST) << 3), umin(umin(Y, xp / p), xp / (Y + 1)));
  }
}

/** Frees what prepareSieve allocated. */
export function releaseSieve(): void {
  heap.free(umaxArr);
  heap.free(eLo);
  heap.free(eHi);
}

/** The segments of the sieve of [0, zmax]: segment s covers [s·span, (s + 1)·span). */
export function sieveSegments(): u64 {
  return ZMAX / SEG_SPAN + 1;
}

/** How many i64 sums segmentedPass writes: SUM_PHI + 2·bLength. */
export function sieveSumsLength(): u64 {
  return <u64>SUM_PHI + 2 * (B_HARD - C);
}

/**
 * The sums of segments [from, to) of the sieve (clamped to [0, sieveSegments())) into `out`
 * (sieveSumsLength() i64, laid out as SUM_* says), with φ and π counted from the first segment's
 * start L = from·span.
 */
export function segmentedPass(from: u64, to: u64, out: usize): void {
  to = umin(to, sieveSegments());
  from = umin(from, to);
  const bHard = B_HARD;
  seg = heap.alloc(<usize>(WORDS + 1) << 3);
  counters = heap.alloc(<usize>N_BLOCKS << 2);
  prefix = heap.alloc(<usize>WORDS << 2);
  phi = heap.alloc(<usize>(bHard + 2) << 3);
  memory.fill(phi, 0, <usize>(bHard + 2) << 3);
  signs = heap.alloc(<usize>(bHard + 2) << 3);
  memory.fill(signs, 0, <usize>(bHard + 2) << 3);
  nextOff = heap.alloc(<usize>(8 * (N_SIEVE + 1)) << 2);
  inited = C;  // the sieving primes 8 … inited have their state
  bMax = bHard;
  piLo = 0;
  piStarted = false;
  piAbsolute = false;
  p2Index = nPrimes;  // P2: p = prime(p2Index), descending, past the p with x/p < L
  while (p2Index > A && X / prime(p2Index) < from * SEG_SPAN) p2Index--;
  s2Hard = 0;
  s2Sparse = 0;
  p2Sum = 0;
  sparseTerms = 0;
  p2Terms = 0;

  for (let lo: u64 = from * SEG_SPAN; lo < to * SEG_SPAN; lo += SEG_SPAN) processSegment(lo);

  store<i64>(out + (SUM_HARD << 3), s2Hard);
  store<i64>(out + (SUM_SPARSE << 3), s2Sparse);
  store<i64>(out + (SUM_P2 << 3), p2Sum);
  store<u64>(out + (SUM_SPARSE_TERMS << 3), sparseTerms);
  store<u64>(out + (SUM_P2_TERMS << 3), p2Terms);
  store<u64>(out + (SUM_PI_END << 3), piLo);
  store<u64>(out + (SUM_ABSOLUTE << 3), piAbsolute ? 1 : 0);
  const bLength = <usize>(bHard - C);
  for (let k: usize = 0; k < bLength; ++k) {
    const b = <usize>C + 1 + k;
    store<i64>(out + ((SUM_PHI + k) << 3), load<i64>(phi + (b << 3)));
    store<i64>(out + ((SUM_PHI + bLength + k) << 3), load<i64>(signs + (b << 3)));
  }

  heap.free(seg);
  heap.free(counters);
  heap.free(prefix);
  heap.free(phi);
  heap.free(signs);
  heap.free(nextOff);
}
