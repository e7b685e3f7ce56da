// Segmented sieve of Eratosthenes for countPrimes and primesBetween, 0 <= lo <= hi <= 2^53
// (docs/algorithms.md, "The sieve"), modelled on primesieve's documented design (Kim Walisch,
// https://github.com/kimwalisch/primesieve, doc/ALGORITHMS.md): a bit-packed mod-30 wheel,
// L1-sized segments, pre-sieving by copying precomputed patterns, per-segment crossing loops for
// small sieving primes and bucket lists (Tomás Oliveira e Silva's cache-friendly method) for the
// big ones, and counting by popcount.
//
// Layout. Byte j of the sieve stands for the 30 integers 30j .. 30j + 29; its bits 0..7 for
// 30j + 1, 7, 11, 13, 17, 19, 23, 29 (the residues coprime to 30). 2, 3 and 5 are handled
// separately. A segment is SEG = 32 KiB = 983,040 integers. A set bit after sieving is a prime.
//
// Sieving primes. A prime p = 30k + r (r coprime to 30) has its multiples p·q with q coprime to
// 30 in 8 classes by q mod 30 = W[i]; with q = 30j + W[i] the multiple lies in byte
// j·p + o_i, o_i = k·W[i] + floor(r·W[i] / 30), at a bit that depends only on (r, i). So the 8
// crossings of one "period" of p bytes sit at fixed offsets o_0 < … < o_7 with fixed masks.
// - Pre-sieved primes 7 … 101: never crossed off one by one. The segment starts as a copy
//   (memory.copy) of the repeating pattern of the multiples of 7, 11, 13, 17, 19 (period
//   7·11·13·17·19 = 323,323 bytes), ANDed with patterns for 23·29·31, 37·41·43, 47·53·59,
//   61·67·71, 73·79·83 and 89·97·101 (primesieve pre-sieves up to 163 the same way).
// - Small primes 103 <= p < 32,768: kept in 8 groups by r, so that offsets and masks are
//   compile-time constants of the group's loop; each prime's state is (k, period start b
//   relative to the segment, next class i). Per segment: finish the current period with
//   bounds checks, then whole periods unchecked (8 crossings per iteration), then the last
//   partial period with checks.
// - Big primes p >= 32,768 (needed only for hi > 2^30): each has at most a few multiples per
//   segment, so it sits in the bucket of the segment of its next multiple (a ring of 1,024
//   buckets, since the next multiple is at most p/5 bytes ≈ 580 segments ahead), as 8 bytes:
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
// Memory: ~2.5 MB of pre-sieve patterns, a 32 KiB segment, 4 KiB of bucket heads and ~28 KiB of
// small-prime state, allocated at first use; the base-prime cache (4 bytes per prime, ≤ 26 MB);
// bucket blocks (≤ 8 bytes per big sieving prime plus one partly filled block per bucket, ≤ 52 MB
// near 2^53), freed at the end of each run.

// ---------------------------------------------------------------------------------------------
// Constants and tables

const SEG: i32 = 32768;            // bytes per segment
const SEG_SHIFT: i32 = 15;
const SMALL_LIMIT: u64 = 32768;    // sieving primes below this use the per-segment loops
const FIRST_SIEVING_PRIME: u32 = 103; // primes 7 … 101 are pre-sieved
const NBUCKETS: u32 = 1024;        // ring of buckets (> the 580 segments a big prime can jump)
const BLOCK_BYTES: usize = 8192;   // bucket block: u32 next, u32 count, 1023 entries of 8 bytes
const BLOCK_CAP: u32 = 1023;
const BOOT_LIMIT: u32 = 65535;     // primes up to here from the plain bootstrap sieve
const MAX_BASE: u64 = 94906265;    // isqrt(2^53 - 1): the largest sieving prime ever needed

/** The residues coprime to 30, in bit order. */
const WHEEL: usize = memory.data<u8>([1, 7, 11, 13, 17, 19, 23, 29]);
/** Residue x (0..29) → its bit index, or 255 when x is not coprime to 30. */
const RIDX: usize = memory.data<u8>([
  255, 0, 255, 255, 255, 255, 255, 1, 255, 255, 255, 2, 255, 3, 255, 255, 255, 4, 255, 5, 255, 255, 255, 6,
  255, 255, 255, 255, 255, 7,
]);
/** Residue x (0..29) → distance to the next residue coprime to 30 (0 when x is one). */
const NEXTQ: usize = memory.data<u8>([
  1, 0, 5, 4, 3, 2, 1, 0, 3, 2, 1, 0, 1, 0, 3, 2, 1, 0, 1, 0, 3, 2, 1, 0, 5, 4, 3, 2, 1, 0,
]);
/**
 * Big-prime wheel steps, index (rIdx·8 + i): bits 0..7 the mask clearing multiple class i of a
 * prime ≡ W[rIdx] (mod 30); bits 8..15 the byte correction dc and bits 16..23 the multiplier
 * step dw, so that the next multiple is dw·k + dc bytes further (W[8] = 31 closes the wheel).
 */
const DT: usize = memory.data<u32>([
  0x0600FE, 0x0400FD, 0x0200FB, 0x0400F7, 0x0200EF, 0x0400DF, 0x0600BF, 0x02017F,
  0x0601FD, 0x0401DF, 0x0201EF, 0x0400FE, 0x02017F, 0x0401F7, 0x0601FB, 0x0201BF,
  0x0602FB, 0x0402EF, 0x0200FE, 0x0402BF, 0x0200FD, 0x04027F, 0x0602F7, 0x0201DF,
  0x0603F7, 0x0401FE, 0x0201BF, 0x0402DF, 0x0201FB, 0x0401FD, 0x06037F, 0x0201EF,
  0x0603EF, 0x04037F, 0x0201FD, 0x0402FB, 0x0201DF, 0x0403BF, 0x0603FE, 0x0201F7,
  0x0604DF, 0x0402F7, 0x02027F, 0x0402FD, 0x0202BF, 0x0402FE, 0x0604EF, 0x0201FB,
  0x0605BF, 0x0403FB, 0x0201F7, 0x04047F, 0x0201FE, 0x0403EF, 0x0605DF, 0x0201FD,
  0x06067F, 0x0404BF, 0x0202DF, 0x0404EF, 0x0202F7, 0x0404FB, 0x0606FD, 0x0201FE,
]);
/** Bit t (0..63) of a little-endian u64 of the sieve → integer offset 30·(t >> 3) + W[t & 7]. */
const OFFS: usize = memory.data<u32>([
  1, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 49, 53, 59, 61, 67, 71, 73, 77, 79, 83, 89,
  91, 97, 101, 103, 107, 109, 113, 119, 121, 127, 131, 133, 137, 139, 143, 149, 151, 157, 161, 163,
  167, 169, 173, 179, 181, 187, 191, 193, 197, 199, 203, 209, 211, 217, 221, 223, 227, 229, 233, 239,
]);
/** Pre-sieved primes in 7 groups (the first 5 primes form pattern 0, then 3 per pattern). */
const PRE_PRIMES: usize = memory.data<u8>([7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101]);
const NPATTERNS: i32 = 7;
/** Exact sieve bytes 0..3 (integers below 120, whose pre-sieved primes the patterns clear). */
const EXACT: usize = memory.data(4);

// ---------------------------------------------------------------------------------------------
// State

let ready = false;
let seg: usize = 0;                 // SEG + 16 bytes
const PAT: usize = memory.data(NPATTERNS * 4);      // u32 pointers to the patterns
const PATLEN: usize = memory.data(NPATTERNS * 4);   // u32 periods (bytes)
let heads: usize = 0;               // NBUCKETS u32 block pointers
let freeBlocks: usize = 0;          // singly linked via each block's first word
let small: usize = 0;               // small-prime state, 8 bytes each: u32 k, i32 (b << 3 | i)
const GROUP_START: usize = memory.data(8 * 4);      // u32 first entry of group g
const GROUP_COUNT: usize = memory.data(8 * 4);      // u32 active entries of group g

// Base-prime cache: every prime <= baseLimit, ascending, as u32.
let basePtr: usize = 0;
let baseCount: i32 = 0;
let baseLimit: u64 = 0;
let firstSieving: i32 = 0;          // index of 103

// The current run: sieve bytes [runSb, runEb) for integers [runLo, runHi).
let runLo: u64 = 0;
let runHi: u64 = 0;
let runSb: u64 = 0;
let runEb: u64 = 0;
let curSb: u64 = 0;                 // next segment's first byte
let lastSb: u64 = 0;                // the segment just sieved
let segNo: u32 = 0;
let cursor: i32 = 0;                // next base prime to activate
let cursorEnd: i32 = 0;             // base primes with p² < runHi
let firstMask: u32 = 0xFF;
let lastMask: u32 = 0xFF;

// ---------------------------------------------------------------------------------------------
// Setup

// @ts-ignore: decorator
@inline
function u64min(a: u64, b: u64): u64 {
  return a < b ? a : b;
}

/** floor(√n) for n < 2^64 (double estimate, then exact correction). */
function isqrt(n: u64): u64 {
  let r = <u64>Math.sqrt(<f64>n);
  while (r * r > n) r--;
  while ((r + 1) * (r + 1) <= n) r++;
  return r;
}

function setup(): void {
  // Bootstrap primes <= BOOT_LIMIT (plain Eratosthenes, one byte per integer).
  const n = <usize>BOOT_LIMIT + 1;
  const tmp = heap.alloc(n);
  memory.fill(tmp, 1, n);
  store<u8>(tmp, 0);
  store<u8>(tmp, 0, 1);
  for (let i: usize = 2; i * i < n; ++i) {
    if (load<u8>(tmp + i)) for (let j = i * i; j < n; j += i) store<u8>(tmp + j, 0);
  }
  let count = 0;
  for (let i: usize = 2; i < n; ++i) count += load<u8>(tmp + i);
  basePtr = heap.alloc(<usize>count << 2);
  baseCount = 0;
  for (let i: usize = 2; i < n; ++i) {
    if (load<u8>(tmp + i)) {
      if (<u32>i == FIRST_SIEVING_PRIME) firstSieving = baseCount;
      store<u32>(basePtr + (<usize>baseCount << 2), <u32>i);
      baseCount++;
    }
  }
  baseLimit = BOOT_LIMIT;
  // Exact bytes 0..3.
  for (let b = 0; b < 4; ++b) {
    let v = 0;
    for (let c = 0; c < 8; ++c) {
      const x = 30 * b + <i32>load<u8>(WHEEL + c);
      if (x > 1 && load<u8>(tmp + x)) v |= 1 << c;
    }
    store<u8>(EXACT + b, <u8>v);
  }
  heap.free(tmp);

  // Small-prime groups: capacity = number of small sieving primes in each residue class.
  const counts = memory.data(8 * 4);
  memory.fill(counts, 0, 32);
  let total: u32 = 0;
  for (let i = firstSieving; i < baseCount; ++i) {
    const p = load<u32>(basePtr + (<usize>i << 2));
    if (<u64>p >= SMALL_LIMIT) break;
    const g = <usize>load<u8>(RIDX + p % 30);
    store<u32>(counts + (g << 2), load<u32>(counts + (g << 2)) + 1);
    total++;
  }
  let start: u32 = 0;
  for (let g: usize = 0; g < 8; ++g) {
    store<u32>(GROUP_START + (g << 2), start);
    start += load<u32>(counts + (g << 2));
  }
  small = heap.alloc(<usize>total << 3);

  // Pre-sieve patterns: pattern j repeats with period P_j bytes (the product of its primes,
  // coprime to 30); it is stored SEG + 16 bytes longer so that any segment is one contiguous copy.
  let pi = 0;
  for (let j = 0; j < NPATTERNS; ++j) {
    const np = j == 0 ? 5 : 3;
    let period: usize = 1;
    for (let t = 0; t < np; ++t) period *= <usize>load<u8>(PRE_PRIMES + pi + t);
    const len = period + <usize>SEG + 16;
    const buf = heap.alloc(len);
    memory.fill(buf, 0xFF, len);
    for (let t = 0; t < np; ++t) {
      const p = <usize>load<u8>(PRE_PRIMES + pi + t);
      for (let c = 0; c < 8; ++c) {
        const w = <usize>load<u8>(WHEEL + c);
        let b: usize = 0;
        while ((<usize>30 * b + w) % p != 0) b++;
        const mask: i32 = ~(1 << c);
        for (; b < len; b += p) store<u8>(buf + b, load<u8>(buf + b) & mask);
      }
    }
    store<u32>(PAT + (<usize>j << 2), <u32>buf);
    store<u32>(PATLEN + (<usize>j << 2), <u32>period);
    pi += np;
  }

  seg = heap.alloc(<usize>SEG + 16);
  heads = heap.alloc(<usize>NBUCKETS << 2);
  memory.fill(heads, 0, <usize>NBUCKETS << 2);
  ready = true;
}

// ---------------------------------------------------------------------------------------------
// Bucket blocks

// @ts-ignore: decorator
@inline
function push(bucket: u32, w0: u32, w1: u32): void {
  const hp = heads + (<usize>bucket << 2);
  let h = <usize>load<u32>(hp);
  let c: u32 = 0;
  if (h != 0) c = load<u32>(h, 4);
  if (h == 0 || c == BLOCK_CAP) {
    let nb = freeBlocks;
    if (nb != 0) freeBlocks = <usize>load<u32>(nb);
    else nb = heap.alloc(BLOCK_BYTES);
    store<u32>(nb, <u32>h);
    h = nb;
    c = 0;
    store<u32>(hp, <u32>h);
  }
  store<u64>(h + 8 + (<usize>c << 3), <u64>w0 | (<u64>w1 << 32));
  store<u32>(h, c + 1, 4);
}

/** Returns every bucket block (and the free list) to the allocator. */
function releaseBlocks(): void {
  for (let b: usize = 0; b < <usize>NBUCKETS; ++b) {
    let h = <usize>load<u32>(heads + (b << 2));
    while (h) {
      const next = <usize>load<u32>(h);
      heap.free(h);
      h = next;
    }
    store<u32>(heads + (b << 2), 0);
  }
  let h = freeBlocks;
  while (h) {
    const next = <usize>load<u32>(h);
    heap.free(h);
    h = next;
  }
  freeBlocks = 0;
}

// ---------------------------------------------------------------------------------------------
// Base-prime cache

/** Rosser–Schoenfeld (1962): π(x) < 1.25506·x / ln x for x > 1. */
function piUpperBound(x: u64): u64 {
  const xf = <f64>x;
  return <u64>(1.25506 * xf / Math.log(xf)) + 16;
}

/** Makes the cache hold every prime <= limit (limit <= MAX_BASE). */
function ensureBasePrimes(limit: u64): void {
  if (limit <= baseLimit) return;
  let target = baseLimit * 2;
  if (target < limit) target = limit;
  if (target > MAX_BASE) target = MAX_BASE;
  const cap = piUpperBound(target);
  const np = heap.alloc(<usize>cap << 2);
  memory.copy(np, basePtr, <usize>baseCount << 2);
  heap.free(basePtr);
  basePtr = np;
  // The sieve of (baseLimit, target] needs primes up to √target < 2^14: all cached already.
  runSetup(baseLimit + 1, target + 1);
  while (curSb < runEb) {
    const len = sieveSegment();
    baseCount += listSegmentU32(len, basePtr + (<usize>baseCount << 2));
  }
  releaseBlocks();
  baseLimit = target;
}

// ---------------------------------------------------------------------------------------------
// Runs

/** Prepares the sieve of [lo, hi) (lo < hi); base primes must cover isqrt(hi - 1). */
function runSetup(lo: u64, hi: u64): void {
  runLo = lo;
  runHi = hi;
  runSb = lo / 30;
  runEb = (hi + 29) / 30;
  curSb = runSb;
  segNo = 0;
  memory.fill(GROUP_COUNT, 0, 32);
  // Sieving primes: 103 <= p <= isqrt(hi - 1) (binary search for the end).
  const s = isqrt(hi - 1);
  let a = firstSieving, b = baseCount;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (<u64>load<u32>(basePtr + (<usize>m << 2)) <= s) a = m + 1;
    else b = m;
  }
  cursor = firstSieving;
  cursorEnd = a;
  // Masks for the partial first and last bytes.
  firstMask = 0;
  lastMask = 0;
  const fb = runSb * 30, lb = (runEb - 1) * 30;
  for (let c = 0; c < 8; ++c) {
    const w = <u64>load<u8>(WHEEL + c);
    if (fb + w >= lo) firstMask |= 1 << c;
    if (lb + w < hi) lastMask |= 1 << c;
  }
}

/** Activates the sieving primes with p² < segEndNum for the segment starting at byte sb. */
function activate(sb: u64, segEndNum: u64): void {
  const x0 = sb * 30;
  while (cursor < cursorEnd) {
    const p = <u64>load<u32>(basePtr + (<usize>cursor << 2));
    const pp = p * p;
    if (pp >= segEndNum) break;
    cursor++;
    // First multiple p·q >= max(p², x0) with q coprime to 30.
    const x = pp > x0 ? pp : x0;
    let q = (x + p - 1) / p;
    let qr = <u32>(q % 30);
    const d = <u32>load<u8>(NEXTQ + qr);
    q += d;
    qr += d;
    if (qr >= 30) qr -= 30;
    const i = <u32>load<u8>(RIDX + qr);
    const k = <u32>(p / 30);
    const ri = <u32>load<u8>(RIDX + <u32>(p % 30));
    if (p < SMALL_LIMIT) {
      const b = <i32>(<i64>(p * (q / 30)) - <i64>sb);    // start of the period, may be < 0
      const cp = GROUP_COUNT + (<usize>ri << 2);
      const idx = load<u32>(GROUP_START + (<usize>ri << 2)) + load<u32>(cp);
      store<u32>(cp, load<u32>(cp) + 1);
      const e = small + (<usize>idx << 3);
      store<u32>(e, k);
      store<i32>(e, (b << 3) | <i32>i, 4);
    } else {
      const mb = p * q / 30;                                // byte of the multiple
      if (mb >= runEb) continue;                            // beyond the range: never needed
      const rel = mb - sb;
      push((segNo + <u32>(rel >> SEG_SHIFT)) & (NBUCKETS - 1), (k << 3) | ri,
        (<u32>(rel & <u64>(SEG - 1)) << 3) | i);
    }
  }
}

// @ts-ignore: decorator
@inline
function clearBit(seg: usize, pos: i32, mask: u32): void {
  const a = seg + <usize>pos;
  store<u8>(a, load<u8>(a) & mask);
}

/**
 * Crosses off, from class i on, the multiples in the period starting at byte b, stopping at the
 * first one at or beyond lim; returns the class it stopped at, or 8 when the period is done.
 */
// @ts-ignore: decorator
@inline
function checkedRun(
  seg: usize, lim: i32, b: i32, i: i32,
  o0: i32, o1: i32, o2: i32, o3: i32, o4: i32, o5: i32, o6: i32, o7: i32,
  m0: u32, m1: u32, m2: u32, m3: u32, m4: u32, m5: u32, m6: u32, m7: u32,
): i32 {
  switch (i) {
    case 0: { const q = b + o0; if (q >= lim) return 0; clearBit(seg, q, m0); }
    case 1: { const q = b + o1; if (q >= lim) return 1; clearBit(seg, q, m1); }
    case 2: { const q = b + o2; if (q >= lim) return 2; clearBit(seg, q, m2); }
    case 3: { const q = b + o3; if (q >= lim) return 3; clearBit(seg, q, m3); }
    case 4: { const q = b + o4; if (q >= lim) return 4; clearBit(seg, q, m4); }
    case 5: { const q = b + o5; if (q >= lim) return 5; clearBit(seg, q, m5); }
    case 6: { const q = b + o6; if (q >= lim) return 6; clearBit(seg, q, m6); }
    case 7: { const q = b + o7; if (q >= lim) return 7; clearBit(seg, q, m7); }
  }
  return 8;
}

/**
 * Sieves bytes [0, lim) of the segment with the small primes of one residue group r (all
 * offsets' fractional parts c1..c7 and masks m0..m7 are constants of the group).
 */
// @ts-ignore: decorator
@inline
function crossGroup(
  e: usize, end: usize, seg: usize, lim: i32, r: i32,
  c1: i32, c2: i32, c3: i32, c4: i32, c5: i32, c6: i32, c7: i32,
  m0: u32, m1: u32, m2: u32, m3: u32, m4: u32, m5: u32, m6: u32, m7: u32,
): void {
  for (; e < end; e += 8) {
    const k = load<i32>(e);
    const st = load<i32>(e, 4);
    let b = st >> 3;
    let i = st & 7;
    const p = k * 30 + r;
    const o0 = k, o1 = k * 7 + c1, o2 = k * 11 + c2, o3 = k * 13 + c3;
    const o4 = k * 17 + c4, o5 = k * 19 + c5, o6 = k * 23 + c6, o7 = k * 29 + c7;
    if (i != 0) {
      i = checkedRun(seg, lim, b, i, o0, o1, o2, o3, o4, o5, o6, o7, m0, m1, m2, m3, m4, m5, m6, m7);
      if (i < 8) {
        store<i32>(e, ((b - lim) << 3) | i, 4);
        continue;
      }
      b += p;
    }
    const bl = lim - o7;
    while (b < bl) {
      const s = seg + <usize>b;
      store<u8>(s + <usize>o0, load<u8>(s + <usize>o0) & m0);
      store<u8>(s + <usize>o1, load<u8>(s + <usize>o1) & m1);
      store<u8>(s + <usize>o2, load<u8>(s + <usize>o2) & m2);
      store<u8>(s + <usize>o3, load<u8>(s + <usize>o3) & m3);
      store<u8>(s + <usize>o4, load<u8>(s + <usize>o4) & m4);
      store<u8>(s + <usize>o5, load<u8>(s + <usize>o5) & m5);
      store<u8>(s + <usize>o6, load<u8>(s + <usize>o6) & m6);
      store<u8>(s + <usize>o7, load<u8>(s + <usize>o7) & m7);
      b += p;
    }
    i = checkedRun(seg, lim, b, 0, o0, o1, o2, o3, o4, o5, o6, o7, m0, m1, m2, m3, m4, m5, m6, m7);
    store<i32>(e, ((b - lim) << 3) | i, 4);
  }
}

function crossSmall(lim: i32): void {
  for (let g = 0; g < 8; ++g) {
    const e = small + (<usize>load<u32>(GROUP_START + (<usize>g << 2)) << 3);
    const end = e + (<usize>load<u32>(GROUP_COUNT + (<usize>g << 2)) << 3);
    if (e == end) continue;
    // Offsets floor(r·W[i]/30) for i = 1..7 and masks for classes 0..7, per r = W[g].
    switch (g) {
      case 0: crossGroup(e, end, seg, lim, 1, 0, 0, 0, 0, 0, 0, 0, 0xFE, 0xFD, 0xFB, 0xF7, 0xEF, 0xDF, 0xBF, 0x7F); break;
      case 1: crossGroup(e, end, seg, lim, 7, 1, 2, 3, 3, 4, 5, 6, 0xFD, 0xDF, 0xEF, 0xFE, 0x7F, 0xF7, 0xFB, 0xBF); break;
      case 2: crossGroup(e, end, seg, lim, 11, 2, 4, 4, 6, 6, 8, 10, 0xFB, 0xEF, 0xFE, 0xBF, 0xFD, 0x7F, 0xF7, 0xDF); break;
      case 3: crossGroup(e, end, seg, lim, 13, 3, 4, 5, 7, 8, 9, 12, 0xF7, 0xFE, 0xBF, 0xDF, 0xFB, 0xFD, 0x7F, 0xEF); break;
      case 4: crossGroup(e, end, seg, lim, 17, 3, 6, 7, 9, 10, 13, 16, 0xEF, 0x7F, 0xFD, 0xFB, 0xDF, 0xBF, 0xFE, 0xF7); break;
      case 5: crossGroup(e, end, seg, lim, 19, 4, 6, 8, 10, 12, 14, 18, 0xDF, 0xF7, 0x7F, 0xFD, 0xBF, 0xFE, 0xEF, 0xFB); break;
      case 6: crossGroup(e, end, seg, lim, 23, 5, 8, 9, 13, 14, 17, 22, 0xBF, 0xFB, 0xF7, 0x7F, 0xFE, 0xEF, 0xDF, 0xFD); break;
      default: crossGroup(e, end, seg, lim, 29, 6, 10, 12, 16, 18, 22, 28, 0x7F, 0xBF, 0xDF, 0xEF, 0xF7, 0xFB, 0xFD, 0xFE); break;
    }
  }
}

/** Crosses off the big primes of this segment's bucket and files each under its next segment. */
function crossBuckets(): void {
  const hp = heads + (<usize>(segNo & (NBUCKETS - 1)) << 2);
  let h = <usize>load<u32>(hp);
  store<u32>(hp, 0);
  const s = seg;
  while (h) {
    const end = h + 8 + (<usize>load<u32>(h, 4) << 3);
    for (let e = h + 8; e < end; e += 8) {
      const w0 = load<u32>(e);
      const w1 = load<u32>(e, 4);
      const k = w0 >> 3;
      const dt = DT + (<usize>(w0 & 7) << 5);
      let pos = w1 >> 3;
      let i = w1 & 7;
      do {
        const d = load<u32>(dt + (<usize>i << 2));
        const a = s + <usize>pos;
        store<u8>(a, load<u8>(a) & d);
        pos += k * (d >> 16) + ((d >> 8) & 0xFF);
        i = (i + 1) & 7;
      } while (pos < <u32>SEG);
      push((segNo + (pos >> SEG_SHIFT)) & (NBUCKETS - 1), w0, ((pos & <u32>(SEG - 1)) << 3) | i);
    }
    const next = <usize>load<u32>(h);
    store<u32>(h, <u32>freeBlocks);
    freeBlocks = h;
    h = next;
  }
}

/** Fills seg[0, len) with the pre-sieve patterns for the segment starting at byte sb. */
function presieve(sb: u64, len: i32): void {
  const n = <usize>((len + 15) & ~15);
  memory.copy(seg, <usize>load<u32>(PAT) + <usize>(sb % <u64>load<u32>(PATLEN)), n);
  const p1 = <usize>load<u32>(PAT, 4) + <usize>(sb % <u64>load<u32>(PATLEN, 4));
  const p2 = <usize>load<u32>(PAT, 8) + <usize>(sb % <u64>load<u32>(PATLEN, 8));
  const p3 = <usize>load<u32>(PAT, 12) + <usize>(sb % <u64>load<u32>(PATLEN, 12));
  const p4 = <usize>load<u32>(PAT, 16) + <usize>(sb % <u64>load<u32>(PATLEN, 16));
  const p5 = <usize>load<u32>(PAT, 20) + <usize>(sb % <u64>load<u32>(PATLEN, 20));
  const p6 = <usize>load<u32>(PAT, 24) + <usize>(sb % <u64>load<u32>(PATLEN, 24));
  if (ASC_FEATURE_SIMD) {
    for (let o: usize = 0; o < n; o += 16) {
      const v = v128.and(
        v128.and(v128.and(v128.load(seg + o), v128.load(p1 + o)), v128.and(v128.load(p2 + o), v128.load(p3 + o))),
        v128.and(v128.and(v128.load(p4 + o), v128.load(p5 + o)), v128.load(p6 + o)),
      );
      v128.store(seg + o, v);
    }
  } else {
    for (let o: usize = 0; o < n; o += 8) {
      const v = (load<u64>(seg + o) & load<u64>(p1 + o)) & (load<u64>(p2 + o) & load<u64>(p3 + o))
        & ((load<u64>(p4 + o) & load<u64>(p5 + o)) & load<u64>(p6 + o));
      store<u64>(seg + o, v);
    }
  }
}

/**
 * Sieves the next segment of the run into seg[0, len) (a set bit is a prime in [runLo, runHi),
 * bytes up to the next multiple of 8 are zero) and returns len.
 */
function sieveSegment(): i32 {
  const sb = curSb;
  const len = <i32>u64min(<u64>SEG, runEb - sb);
  presieve(sb, len);
  if (sb < 4) {
    for (let b = sb; b < 4 && b < sb + <u64>len; ++b) store<u8>(seg + <usize>(b - sb), load<u8>(EXACT + <usize>b));
  }
  activate(sb, (sb + <u64>len) * 30);
  crossSmall(len);
  crossBuckets();
  if (sb == runSb) store<u8>(seg, load<u8>(seg) & firstMask);
  if (sb + <u64>len == runEb) store<u8>(seg + <usize>(len - 1), load<u8>(seg + <usize>(len - 1)) & lastMask);
  memory.fill(seg + <usize>len, 0, <usize>(((len + 7) & ~7) - len));
  lastSb = sb;
  curSb = sb + <u64>len;
  segNo++;
  return len;
}

function popcountSegment(len: i32): u64 {
  let c: u64 = 0;
  const end = seg + <usize>((len + 7) & ~7);
  for (let a = seg; a < end; a += 8) c += popcnt(load<u64>(a));
  return c;
}

/** Writes the primes of the sieved segment as u32 to out; returns how many. */
function listSegmentU32(len: i32, out: usize): i32 {
  let n = 0;
  const words = (len + 7) >> 3;
  for (let w = 0; w < words; ++w) {
    let bits = load<u64>(seg + (<usize>w << 3));
    if (!bits) continue;
    const base = <u32>((lastSb + (<u64>w << 3)) * 30);
    while (bits) {
      const t = <usize>ctz(bits);
      store<u32>(out + (<usize>n << 2), base + load<u32>(OFFS + (t << 2)));
      n++;
      bits &= bits - 1;
    }
  }
  return n;
}

/** Writes the primes of the sieved segment as f64 to out; returns how many. */
function listSegmentF64(len: i32, out: usize): i32 {
  let n = 0;
  const words = (len + 7) >> 3;
  for (let w = 0; w < words; ++w) {
    let bits = load<u64>(seg + (<usize>w << 3));
    if (!bits) continue;
    const base = <f64>((lastSb + (<u64>w << 3)) * 30);   // exact: < 2^53 whenever a bit is set
    while (bits) {
      const t = <usize>ctz(bits);
      store<f64>(out + (<usize>n << 3), base + <f64>load<u32>(OFFS + (t << 2)));
      n++;
      bits &= bits - 1;
    }
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Entry points (lo, hi integers, 0 <= lo <= hi <= 2^53, validated by the facade)

/** Number of primes p with lo <= p < hi. */
export function countPrimesRange(lo: u64, hi: u64): u64 {
  if (listActive) { releaseBlocks(); listActive = false; }  // shares the run state
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

// Listing is resumable, one segment per call, so the caller can copy each batch out of linear
// memory without ever needing a buffer for the whole range.
let listActive = false;
let listPending = false;   // 2, 3, 5 not yet written

/** Starts listing the primes in [lo, hi); a running listing is abandoned. */
export function listPrimesStart(lo: u64, hi: u64): void {
  if (listActive) releaseBlocks();
  listActive = hi > lo;
  if (!listActive) return;
  if (!ready) setup();
  ensureBasePrimes(isqrt(hi - 1));
  runSetup(lo, hi);
  listPending = true;
}

/** At most LIST_BATCH primes per call: one segment holds at most 8·SEG candidates, plus 2, 3, 5. */
export const LIST_BATCH: i32 = 8 * SEG + 3;

/**
 * Writes the next batch of primes (ascending, as f64) to out, which has room for LIST_BATCH,
 * and returns how many (possibly 0); returns -1 once the listing is complete.
 */
export function listPrimesNext(out: usize): i32 {
  if (!listActive) return -1;
  let n = 0;
  if (listPending) {
    listPending = false;
    if (runLo <= 2 && runHi > 2) { store<f64>(out, 2.0); n++; }
    if (runLo <= 3 && runHi > 3) { store<f64>(out + (<usize>n << 3), 3.0); n++; }
    if (runLo <= 5 && runHi > 5) { store<f64>(out + (<usize>n << 3), 5.0); n++; }
  }
  if (curSb < runEb) {
    n += listSegmentF64(sieveSegment(), out + (<usize>n << 3));
  } else if (n == 0) {
    releaseBlocks();
    listActive = false;
    return -1;
  }
  return n;
}
