// The segmented sieve itself (see sieve.ts): one run over [lo, hi), one segment at a time, which
// the entry points count or list and the base-prime cache collects.

import { CHUNK, SEG, SEG_SHIFT, WHEEL, RIDX, NEXTQ, OFFS, isqrt } from "./sieve-wheel";
import { presieve, setupPresieve } from "./sieve-presieve";
import { NBUCKETS, crossBuckets, push, setupBuckets } from "./sieve-buckets";
import { basePtr, baseCount, firstSieving, setupBasePrimes } from "./sieve-base-store";

const SMALL_LIMIT: u64 = 4096;      // sieving primes below this are crossed off chunk by chunk
const MEDIUM_LIMIT: u64 = 32768;    // below this once per segment; from here on, by bucket

export let ready = false;
let seg: usize = 0;                 // SEG + 16 bytes
// Small and medium sieving primes, 8 bytes each: u32 k, i32 (b << 3 | i), in 16 groups: the
// small primes ≡ W[g] (mod 30) in group g, the medium ones in group 8 + g.
let groups: usize = 0;
const GROUP_START: usize = memory.data(16 * 4);     // u32 first entry of group g
const GROUP_COUNT: usize = memory.data(16 * 4);     // u32 active entries of group g
const SMALL_GROUPS: i32 = 0;
const MEDIUM_GROUPS: i32 = 8;

// The current run: sieve bytes [runSb, runEb) for integers [runLo, runHi).
export let runLo: u64 = 0;
export let runHi: u64 = 0;
let runSb: u64 = 0;
export let runEb: u64 = 0;
export let curSb: u64 = 0;          // next segment's first byte
let lastSb: u64 = 0;                // the segment just sieved
let segNo: u32 = 0;
let cursor: i32 = 0;                // next base prime to activate
let cursorEnd: i32 = 0;             // base primes with p² < runHi
let firstMask: u32 = 0xFF;
let lastMask: u32 = 0xFF;

// @ts-ignore: decorator
@inline
function u64min(a: u64, b: u64): u64 {
  return a < b ? a : b;
}

/** The group of a small or medium sieving prime p. */
// @ts-ignore: decorator
@inline
function groupOf(p: u32): usize {
  return <usize>load<u8>(RIDX + p % 30) + <usize>(<u64>p < SMALL_LIMIT ? SMALL_GROUPS : MEDIUM_GROUPS);
}

/** Allocates the sieve's tables and buffers and the first base primes (once, at first use). */
export function setup(): void {
  setupBasePrimes();
  // Group capacities: the number of base primes of each size and residue class (the bootstrap
  // base primes already include every medium prime).
  const counts = memory.data(16 * 4);
  memory.fill(counts, 0, 64);
  let total: u32 = 0;
  for (let i = firstSieving; i < baseCount; ++i) {
    const p = load<u32>(basePtr + (<usize>i << 2));
    if (<u64>p >= MEDIUM_LIMIT) break;
    const g = groupOf(p);
    store<u32>(counts + (g << 2), load<u32>(counts + (g << 2)) + 1);
    total++;
  }
  let start: u32 = 0;
  for (let g: usize = 0; g < 16; ++g) {
    store<u32>(GROUP_START + (g << 2), start);
    start += load<u32>(counts + (g << 2));
  }
  groups = heap.alloc(<usize>total << 3);
  setupPresieve();
  seg = heap.alloc(<usize>SEG + 16);
  setupBuckets();
  ready = true;
}

/** Prepares the sieve of [lo, hi) (lo < hi); base primes must cover isqrt(hi - 1). */
export function runSetup(lo: u64, hi: u64): void {
  runLo = lo;
  runHi = hi;
  runSb = lo / 30;
  runEb = (hi + 29) / 30;
  curSb = runSb;
  segNo = 0;
  memory.fill(GROUP_COUNT, 0, 64);
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
    if (p < MEDIUM_LIMIT) {
      const b = <i32>(<i64>(p * (q / 30)) - <i64>sb);    // start of the period, may be < 0
      const g = groupOf(<u32>p);
      const cp = GROUP_COUNT + (g << 2);
      const idx = load<u32>(GROUP_START + (g << 2)) + load<u32>(cp);
      store<u32>(cp, load<u32>(cp) + 1);
      const e = groups + (<usize>idx << 3);
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
 * Sieves bytes [0, lim) of seg with the sieving primes of one residue group r (all
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

/** Sieves seg[0, lim) with the 8 groups from `first` on (SMALL_GROUPS or MEDIUM_GROUPS). */
function crossGroups(first: i32, seg: usize, lim: i32): void {
  for (let g = 0; g < 8; ++g) {
    const e = groups + (<usize>load<u32>(GROUP_START + (<usize>(first + g) << 2)) << 3);
    const end = e + (<usize>load<u32>(GROUP_COUNT + (<usize>(first + g) << 2)) << 3);
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

/**
 * Sieves the next segment of the run into seg[0, len) (a set bit is a prime in [runLo, runHi),
 * bytes up to the next multiple of 8 are zero) and returns len. Pre-sieving and the small
 * primes, which cross off most often, work one L1-sized chunk at a time.
 */
export function sieveSegment(): i32 {
  const sb = curSb;
  const len = <i32>u64min(<u64>SEG, runEb - sb);
  activate(sb, (sb + <u64>len) * 30);
  for (let c = 0; c < len; c += CHUNK) {
    const clen = min(CHUNK, len - c);
    presieve(seg + <usize>c, sb + <u64>c, clen);
    crossGroups(SMALL_GROUPS, seg + <usize>c, clen);
  }
  crossGroups(MEDIUM_GROUPS, seg, len);
  crossBuckets(seg, segNo);
  if (sb == runSb) store<u8>(seg, load<u8>(seg) & firstMask);
  if (sb + <u64>len == runEb) store<u8>(seg + <usize>(len - 1), load<u8>(seg + <usize>(len - 1)) & lastMask);
  memory.fill(seg + <usize>len, 0, <usize>(((len + 7) & ~7) - len));
  lastSb = sb;
  curSb = sb + <u64>len;
  segNo++;
  return len;
}

/** The number of primes in the sieved segment of len bytes. */
export function popcountSegment(len: i32): u64 {
  let c: u64 = 0;
  const end = seg + <usize>((len + 7) & ~7);
  for (let a = seg; a < end; a += 8) c += popcnt(load<u64>(a));
  return c;
}

/**
 * Writes the primes of the sieved segment's bytes [from, to) (from a multiple of 8) to out as T
 * (u32 for the base-prime cache, f64 for listings; both exact: a set bit's integer is below 2^53,
 * and below 2^32 where T is u32); returns how many.
 */
// @ts-ignore: decorator
@inline
export function listSegment<T>(from: i32, to: i32, out: usize): i32 {
  let n = 0;
  const words = (to + 7) >> 3;
  for (let w = from >> 3; w < words; ++w) {
    let bits = load<u64>(seg + (<usize>w << 3));
    if (!bits) continue;
    const base = <T>((lastSb + (<u64>w << 3)) * 30);
    while (bits) {
      const t = <usize>ctz(bits);
      store<T>(out + (<usize>n << alignof<T>()), base + <T>load<u32>(OFFS + (t << 2)));
      n++;
      bits &= bits - 1;
    }
  }
  return n;
}
