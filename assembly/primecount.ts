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
// Memory: every table of a run is allocated from the module's heap and freed at its end; the
// shared tables (510,510 u32 for φ(u, 7), 17,017 pattern bytes) stay allocated once built.

import { countPrimesRange } from "./sieve";
import { listPrimesStart, listPrimesNext, LIST_BATCH } from "./sieve-cursor";
import { checkPrime } from "./prime";

// ---------------------------------------------------------------------------------------------
// Constants and shared tables

const WHEEL: usize = memory.data<u8>([1, 7, 11, 13, 17, 19, 23, 29]);
/** Residue (mod 30) → its bit; 0 where not coprime to 30 (never used there). */
const BIT_OF: usize = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 3, 0, 0, 0, 4, 0, 5, 0, 0, 0, 6, 0, 0, 0, 0, 0, 7,
]);
const PHI_PERIOD: u64 = 510510;       // 2·3·5·7·11·13·17
const PHI_OF_PERIOD: u64 = 92160;     // φ(510510)
const PATTERN_BYTES: u32 = 17017;     // 7·11·13·17 wheel bytes
const C: u64 = 7;                     // p_c = 17
const PC: u64 = 17;
/** Below this the sieve is faster (measured: 10^6: 0.08 ms both, 3·10^6: sieve 0.25 ms, DR 0.10 ms). */
const SIEVE_THRESHOLD: u64 = 1000000;
const NTH_LIMIT: u64 = 252252704148404;  // π(2^53)
const PRIME_PI_LIMIT: u64 = 9007199254740992;

let tablesReady = false;
let MASK240: usize = 0;   // 240 u64: bits of the integers 0 … r of a 240-integer word
let PATTERN: usize = 0;   // wheel bytes with the multiples of 7, 11, 13, 17 cleared
let PHI_C: usize = 0;     // 510,510 u32: #{1 <= k <= r : gcd(k, 510510) = 1}

function setupTables(): void {
  MASK240 = heap.alloc(240 << 3);
  for (let r: u32 = 0; r < 240; ++r) {
    let m: u64 = 0;
    for (let j: u32 = 0; j < 8; ++j) {
      for (let k: u32 = 0; k < 8; ++k) {
        if (<u32>30 * j + <u32>load<u8>(WHEEL + k) <= r) m |= (<u64>1) << (8 * j + k);
      }
    }
    store<u64>(MASK240 + (<usize>r << 3), m);
  }
  PATTERN = heap.alloc(PATTERN_BYTES);
  for (let i: u32 = 0; i < PATTERN_BYTES; ++i) {
    let bits: u32 = 0;
    for (let k: u32 = 0; k < 8; ++k) {
      const n = 30 * i + <u32>load<u8>(WHEEL + k);
      if (n % 7 && n % 11 && n % 13 && n % 17) bits |= 1 << k;
    }
    store<u8>(PATTERN + i, <u8>bits);
  }
  PHI_C = heap.alloc(<usize>PHI_PERIOD << 2);
  let count: u32 = 0;
  for (let r: u32 = 0; r < <u32>PHI_PERIOD; ++r) {
    if (r % 2 && r % 3 && r % 5 && r % 7 && r % 11 && r % 13 && r % 17) count++;
    store<u32>(PHI_C + (<usize>r << 2), count);
  }
  tablesReady = true;
}

// @ts-ignore: decorator
@inline
function mask240(r: u64): u64 {
  return load<u64>(MASK240 + (<usize>r << 3));
}

// @ts-ignore: decorator
@inline
function phiC(u: u64): u64 {
  const q = u / PHI_PERIOD;
  return q * PHI_OF_PERIOD + <u64>load<u32>(PHI_C + (<usize>(u - q * PHI_PERIOD) << 2));
}

// @ts-ignore: decorator
@inline
function umin(a: u64, b: u64): u64 {
  return a < b ? a : b;
}

// @ts-ignore: decorator
@inline
function umax(a: u64, b: u64): u64 {
  return a > b ? a : b;
}

function isqrt(n: u64): u64 {
  let r = <u64>Math.sqrt(<f64>n);
  while (r > 0 && r * r > n) r--;
  while ((r + 1) * (r + 1) <= n) r++;
  return r;
}

function icbrt(n: u64): u64 {  // n <= 2^53: (r + 1)^3 cannot overflow
  let r = <u64>Math.cbrt(<f64>n);
  while (r > 0 && r * r * r > n) r--;
  while ((r + 1) * (r + 1) * (r + 1) <= n) r++;
  return r;
}

function defaultAlpha(x: u64): f64 {
  const alpha = 1.5 * Math.exp(0.16 * (Math.log(<f64>x) - 23.0));
  return alpha > 1.0 ? alpha : 1.0;
}

// ---------------------------------------------------------------------------------------------
// The state of one run

let X: u64 = 0;
let Y: u64 = 0;
let SQRTX: u64 = 0;
let ZMAX: u64 = 0;
let A: u64 = 0;
let PI_SQRTY: u64 = 0;
let PI_SQRTZ: u64 = 0;
let SEG_LOG2: u32 = 12;
const BLOCK_LOG2: u32 = 3;

let primes: usize = 0;     // u32, 1-based: primes[1] = 2, … up to √x
let nPrimes: u64 = 0;      // the largest index
let piBits: usize = 0;     // π table up to y: u64 bits and u32 counts per 240 integers
let piCount: usize = 0;
let fac: usize = 0;        // factor table (u32 per m <= y coprime to 210)
let facSize: i64 = 0;
const RESIDUE210: usize = memory.data(48);
const RANK210: usize = memory.data(210 * 4);
let wheel210Ready = false;

// @ts-ignore: decorator
@inline
function prime(i: u64): u64 {
  return <u64>load<u32>(primes + (<usize>i << 2));
}

/** π(u) for 0 <= u <= y. */
// @ts-ignore: decorator
@inline
function piSmall(u: u64): u64 {
  if (u < 5) return (<u64>0x22100 >> (4 * u)) & 0xF;
  const w = u / 240;
  return <u64>load<u32>(piCount + (<usize>w << 2)) +
    popcnt<u64>(load<u64>(piBits + (<usize>w << 3)) & mask240(u - 240 * w));
}

function setupWheel210(): void {
  let n: u32 = 0;
  for (let r: u32 = 0; r < 210; ++r) {
    if (r % 2 && r % 3 && r % 5 && r % 7) store<u8>(RESIDUE210 + n++, <u8>r);
    store<u32>(RANK210 + (<usize>r << 2), n);
  }
  wheel210Ready = true;
}

/** The largest factor-table index whose m is <= v (−1 for v = 0). */
// @ts-ignore: decorator
@inline
function floorIndex(v: u64): i64 {
  return <i64>((v / 210) * 48 + <u64>load<u32>(RANK210 + (<usize>(v % 210) << 2))) - 1;
}

// @ts-ignore: decorator
@inline
function facValue(index: i64): u64 {
  return <u64>(index / 48) * 210 + <u64>load<u8>(RESIDUE210 + <usize>(index % 48));
}

/** primes ≤ limit, from the sieve's listing, into `primes` (1-based). */
function buildPrimes(limit: u64): void {
  const xf = <f64>(limit + 2);
  const cap = <u64>(1.25506 * xf / Math.log(xf)) + 64;
  primes = heap.alloc(<usize>cap << 2);
  store<u32>(primes, 0);
  let n: u64 = 0;
  const buf = heap.alloc(<usize>LIST_BATCH << 3);
  listPrimesStart(0, limit + 1);
  for (;;) {
    const k = listPrimesNext(buf);
    if (k < 0) break;
    for (let i = 0; i < k; ++i) {
      n++;
      store<u32>(primes + (<usize>n << 2), <u32>load<f64>(buf + (<usize>i << 3)));
    }
  }
  heap.free(buf);
  nPrimes = n;
}

function buildPiTable(limit: u64): void {
  const words = <usize>(limit / 240 + 1);
  piBits = heap.alloc(words << 3);
  piCount = heap.alloc(words << 2);
  memory.fill(piBits, 0, words << 3);
  for (let i: u64 = 4; i <= nPrimes; ++i) {
    const p = prime(i);
    if (p > limit) break;
    const at = piBits + (<usize>(p / 240) << 3);
    store<u64>(at, load<u64>(at) | ((<u64>1) << (8 * ((p % 240) / 30) + <u64>load<u8>(BIT_OF + <usize>(p % 30)))));
  }
  let running: u32 = 3;
  for (let w: usize = 0; w < words; ++w) {
    store<u32>(piCount + (w << 2), running);
    running += <u32>popcnt<u64>(load<u64>(piBits + (w << 3)));
  }
}

/** value(m) = 0 when m is not squarefree, else 2·lpf(m) + (μ(m) == −1); lpf(1) = ∞. */
function buildFactorTable(y: u64): void {
  if (!wheel210Ready) setupWheel210();
  facSize = floorIndex(y) + 1;
  const size = <usize>facSize;
  const lpf = heap.alloc(size << 2);
  const mu = heap.alloc(size);
  memory.fill(lpf, 0, size << 2);
  memory.fill(mu, 1, size);
  for (let i: u64 = 5; i <= nPrimes; ++i) {
    const p = prime(i);
    if (p > y) break;
    const kmax = y / p;
    for (let k: i64 = 0; facValue(k) <= kmax; ++k) {
      const j = <usize>floorIndex(p * facValue(k));
      if (load<u32>(lpf + (j << 2)) == 0) store<u32>(lpf + (j << 2), <u32>p);
      store<i8>(mu + j, -load<i8>(mu + j));
    }
    if (p * p <= y) {
      const kmax2 = y / (p * p);
      for (let k: i64 = 0; facValue(k) <= kmax2; ++k) store<i8>(mu + <usize>floorIndex(p * p * facValue(k)), 0);
    }
  }
  fac = heap.alloc(size << 2);
  for (let j: usize = 0; j < size; ++j) {
    const l: u64 = j == 0 ? 0x7FFFFFFF : <u64>load<u32>(lpf + (j << 2));
    const m = load<i8>(mu + j);
    store<u32>(fac + (j << 2), m == 0 ? 0 : <u32>(2 * l + (m < 0 ? 1 : 0)));
  }
  heap.free(lpf);
  heap.free(mu);
}

// @ts-ignore: decorator
@inline
function facAt(i: i64): u32 {
  return load<u32>(fac + (<usize>i << 2));
}

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

/** Σ denseLeaves(b) over the b with p_b > √y (where m is a prime q, p_b < q <= y). */
function trivialAndDenseEasyLeaves(): i64 {
  let sum: i64 = 0;
  for (let b = umax(PI_SQRTY, C) + 1; b < A; ++b) sum += denseLeaves(b);
  return sum;
}

// ---------------------------------------------------------------------------------------------
// The segmented sieve: hard leaves, then (fully sieved) sparse easy leaves and P2

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

let s2Hard: i64 = 0;
let s2Sparse: i64 = 0;
let p2Sum: i64 = 0;

// The state of the pass across segments. The work of one pass is split into functions that run
// once per segment or per (segment, b), not one long loop: V8 compiles WebAssembly first with its
// baseline compiler and moves a function to optimized code only for the calls after it got hot
// (there is no on-stack replacement for WebAssembly), so a single call running the whole pass
// would stay in baseline code to the end (π(2^53): 13.7 s instead of 5.5 s).
let WORDS: u64 = 0;
let N_BLOCKS: u64 = 0;
let SEG_BYTES: u32 = 0;
let SEG_SPAN: u64 = 0;
let B_HARD: u64 = 0;
let N_SIEVE: u64 = 0;
let umaxArr: usize = 0;
let B_SPARSE_FIRST: u64 = 0;
let B_SPARSE_END: u64 = 0;
let eLo: usize = 0;
let eHi: usize = 0;
let prefix: usize = 0;
let phi: usize = 0;
let inited: u64 = 0;
let bMax: u64 = 0;
let piLo: u64 = 0;
let piStarted = false;
let p2Index: u64 = 0;
let piBase: u64 = 0;   // π(lo − 1) (+3 for 2, 3, 5 in the first segment)

/** The hard leaves of b in the segment [segLo, hi), before p_b is crossed off. */
function hardLeaves(b: u64, hi: u64, phiB: i64): i64 {
  const lo = segLo;
  const p = prime(b);
  const xp = X / p;
  qw = 0;
  qcount = 0;
  let sum: i64 = 0;
  if (b <= PI_SQRTY) {
    // m squarefree, lpf(m) > p, y/p < m <= y, lo <= x/(p·m) < hi.
    const mLo = umax(xp / hi, Y / p);
    const mHi = lo == 0 ? Y : umin(xp / lo, Y);
    const threshold = <u32>(2 * p + 1);
    const iEnd = floorIndex(mLo);
    for (let i: i64 = mHi > mLo ? floorIndex(mHi) : iEnd; i > iEnd; --i) {
      const v = facAt(i);
      if (v > threshold) {
        const phiU = phiB + countTo(xp / facValue(i));
        sum += (v & 1) ? phiU : -phiU;
      }
    }
  } else {
    // m = q prime, p < q <= min(y, x/p³).
    const qLim = umin(Y, xp / p / p);
    const qLo = umax(p, xp / hi);
    const qHi = lo == 0 ? qLim : umin(qLim, xp / lo);
    if (qHi > qLo) {
      const iEnd = piSmall(qLo);
      for (let i = piSmall(qHi); i > iEnd; --i) sum += phiB + countTo(xp / prime(i));
    }
  }
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
  let sum: i64 = 0;
  for (let i = piSmall(qHi); i > iEnd; --i) sum += <i64>piSeg(xp / prime(i)) + shift;
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
    piStarted = true;
    piLo = lo == 0 ? 0 : piSmall(lo - 1);
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
    p2Index--;
  }
  piLo = piBase + <u64>running;
}

function segmentedPass(): void {
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

  seg = heap.alloc(<usize>(WORDS + 1) << 3);
  counters = heap.alloc(<usize>N_BLOCKS << 2);
  prefix = heap.alloc(<usize>WORDS << 2);
  phi = heap.alloc(<usize>(bHard + 2) << 3);
  memory.fill(phi, 0, <usize>(bHard + 2) << 3);
  nextOff = heap.alloc(<usize>(8 * (N_SIEVE + 1)) << 2);
  inited = C;  // the sieving primes 8 … inited have their state
  bMax = bHard;
  piLo = 0;
  piStarted = false;
  p2Index = nPrimes;  // P2: p = prime(p2Index), descending
  s2Hard = 0;
  s2Sparse = 0;
  p2Sum = 0;

  for (let lo: u64 = 0; lo <= ZMAX; lo += SEG_SPAN) processSegment(lo);

  heap.free(umaxArr);
  heap.free(eLo);
  heap.free(eHi);
  heap.free(seg);
  heap.free(counters);
  heap.free(prefix);
  heap.free(phi);
  heap.free(nextOff);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** The Deléglise–Rivat algorithm for 400 <= x <= 2^53 (alpha <= 0: the tuned default). */
export function primePiCombinatorial(x: u64, alpha: f64): u64 {
  if (!tablesReady) setupTables();
  X = x;
  const x13 = icbrt(x);
  const a = alpha > 0 ? alpha : defaultAlpha(x);
  let y = <u64>(a * <f64>x13);
  SQRTX = isqrt(x);
  y = umax(umax(y, x13), 19);
  Y = umin(y, SQRTX);
  ZMAX = x / (Y + 1);
  SEG_LOG2 = 12;
  while (SEG_LOG2 < 15 && ((<u64>240) << SEG_LOG2) < 2 * isqrt(ZMAX)) SEG_LOG2++;

  buildPrimes(SQRTX);
  // a = π(y): the primes list is sorted.
  let lo: u64 = 0, hi: u64 = nPrimes + 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (prime(mid) <= Y) lo = mid; else hi = mid;
  }
  A = lo;
  buildPiTable(Y);
  buildFactorTable(Y);
  PI_SQRTY = piSmall(isqrt(Y));
  PI_SQRTZ = piSmall(isqrt(ZMAX));
  const s1 = ordinaryLeaves();
  const s2Dense = trivialAndDenseEasyLeaves();
  segmentedPass();
  const pi = s1 + s2Dense + s2Hard + s2Sparse + <i64>A - 1 - p2Sum;
  heap.free(primes);
  heap.free(piBits);
  heap.free(piCount);
  heap.free(fac);
  return <u64>pi;
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

// ---- next / previous prime ------------------------------------------------------------------

const GAP210: usize = memory.data(48);
const AT_OR_AFTER: usize = memory.data(210);
const AT_OR_BEFORE: usize = memory.data(210);
let gapsReady = false;

function setupGaps(): void {
  if (!wheel210Ready) setupWheel210();
  for (let i = 0; i < 48; ++i) {
    const next: i32 = i == 47 ? 211 : <i32>load<u8>(RESIDUE210 + i + 1);
    store<u8>(GAP210 + i, <u8>(next - <i32>load<u8>(RESIDUE210 + i)));
  }
  for (let r = 0; r < 210; ++r) {
    let i = 0;
    while (i < 48 && <i32>load<u8>(RESIDUE210 + i) < r) i++;
    store<u8>(AT_OR_AFTER + r, <u8>i);
    let j = 47;
    while (j > 0 && <i32>load<u8>(RESIDUE210 + j) > r) j--;
    store<u8>(AT_OR_BEFORE + r, <u8>j);
  }
  gapsReady = true;
}

/** The smallest prime > n, or 0 when there is none below 2^64 (n >= 2^64 − 59). */
export function nextPrime(n: u64): u64 {
  if (n < 7) return n < 2 ? 2 : n < 3 ? 3 : n < 5 ? 5 : 7;
  if (n >= 18446744073709551557) return 0;
  if (!gapsReady) setupGaps();
  let m = n + 1;
  const r = <i32>(m % 210);
  let i = <i32>load<u8>(AT_OR_AFTER + r);
  m += <u64>((i == 48 ? 211 : <i32>load<u8>(RESIDUE210 + i)) - r);
  if (i == 48) i = 0;
  while (!checkPrime(m)) {
    m += <u64>load<u8>(GAP210 + i);
    i = i == 47 ? 0 : i + 1;
  }
  return m;
}

/** The largest prime < n, or 0 when there is none (n <= 2). */
export function prevPrime(n: u64): u64 {
  if (n <= 11) return n <= 2 ? 0 : n <= 3 ? 2 : n <= 5 ? 3 : n <= 7 ? 5 : 7;
  if (!gapsReady) setupGaps();
  let m = n - 1;
  const r = <i32>(m % 210);
  let i = <i32>load<u8>(AT_OR_BEFORE + r);
  if (r == 0) {
    m -= 1;
    i = 47;
  } else {
    m -= <u64>(r - <i32>load<u8>(RESIDUE210 + i));
  }
  while (!checkPrime(m)) {
    i = i == 0 ? 47 : i - 1;
    m -= <u64>load<u8>(GAP210 + i);
  }
  return m;
}
