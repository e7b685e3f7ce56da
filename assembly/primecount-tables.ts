// The tables and the state of one run of primecount.ts's π(x) (Deléglise–Rivat): the mod-30
// wheel, the tables shared by every call (φ(u, 7) over one period, the pre-sieved pattern, the
// word masks), the integer helpers, and the run's parameters (x, y, a, …), primes up to √x, π
// table up to y and factor table of the m <= y, which startRun builds and endRun frees (between
// the two, primecount.ts's π(x) in parts keeps them for the next part of the same x). The
// globals of the run live here with the code that sets them; the other files only read them.

import { listPrimesStart, listPrimesNext, LIST_BATCH } from "./sieve-cursor";

// ---------------------------------------------------------------------------------------------
// Constants and shared tables

export const WHEEL: usize = memory.data<u8>([1, 7, 11, 13, 17, 19, 23, 29]);
/** Residue (mod 30) → its bit; 0 where not coprime to 30 (never used there). */
export const BIT_OF: usize = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 3, 0, 0, 0, 4, 0, 5, 0, 0, 0, 6, 0, 0, 0, 0, 0, 7,
]);
const PHI_PERIOD: u64 = 510510;              // 2·3·5·7·11·13·17
const PHI_OF_PERIOD: u64 = 92160;            // φ(510510)
export const PATTERN_BYTES: u32 = 17017;     // 7·11·13·17 wheel bytes
export const C: u64 = 7;                     // p_c = 17
export const PC: u64 = 17;

let tablesReady = false;
let MASK240: usize = 0;          // 240 u64: bits of the integers 0 … r of a 240-integer word
export let PATTERN: usize = 0;   // wheel bytes with the multiples of 7, 11, 13, 17 cleared
let PHI_C: usize = 0;            // 510,510 u32: #{1 <= k <= r : gcd(k, 510510) = 1}

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
export function mask240(r: u64): u64 {
  return load<u64>(MASK240 + (<usize>r << 3));
}

// @ts-ignore: decorator
@inline
export function phiC(u: u64): u64 {
  const q = u / PHI_PERIOD;
  return q * PHI_OF_PERIOD + <u64>load<u32>(PHI_C + (<usize>(u - q * PHI_PERIOD) << 2));
}

// @ts-ignore: decorator
@inline
export function umin(a: u64, b: u64): u64 {
  return a < b ? a : b;
}

// @ts-ignore: decorator
@inline
export function umax(a: u64, b: u64): u64 {
  return a > b ? a : b;
}

export function isqrt(n: u64): u64 {
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

export let X: u64 = 0;
export let Y: u64 = 0;
let SQRTX: u64 = 0;
export let ZMAX: u64 = 0;
export let A: u64 = 0;
export let PI_SQRTY: u64 = 0;
export let PI_SQRTZ: u64 = 0;
export let SEG_LOG2: u32 = 12;

let primes: usize = 0;          // u32, 1-based: primes[1] = 2, … up to √x
export let nPrimes: u64 = 0;    // the largest index
let piBits: usize = 0;          // π table up to y: u64 bits and u32 counts per 240 integers
let piCount: usize = 0;
let fac: usize = 0;             // factor table (u32 per m <= y coprime to 210)
export let facSize: i64 = 0;
export const RESIDUE210: usize = memory.data(48);
const RANK210: usize = memory.data(210 * 4);
export let wheel210Ready = false;

// @ts-ignore: decorator
@inline
export function prime(i: u64): u64 {
  return <u64>load<u32>(primes + (<usize>i << 2));
}

/** π(u) for 0 <= u <= y. */
// @ts-ignore: decorator
@inline
export function piSmall(u: u64): u64 {
  if (u < 5) return (<u64>0x22100 >> (4 * u)) & 0xF;
  const w = u / 240;
  return <u64>load<u32>(piCount + (<usize>w << 2)) +
    popcnt<u64>(load<u64>(piBits + (<usize>w << 3)) & mask240(u - 240 * w));
}

export function setupWheel210(): void {
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
export function floorIndex(v: u64): i64 {
  return <i64>((v / 210) * 48 + <u64>load<u32>(RANK210 + (<usize>(v % 210) << 2))) - 1;
}

// @ts-ignore: decorator
@inline
export function facValue(index: i64): u64 {
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
export function facAt(i: i64): u32 {
  return load<u32>(fac + (<usize>i << 2));
}

/** Sets the parameters of a run for x and builds its tables (alpha <= 0: the tuned default). */
export function startRun(x: u64, alpha: f64): void {
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
}

/** Frees the tables of the run. */
export function endRun(): void {
  heap.free(primes);
  heap.free(piBits);
  heap.free(piCount);
  heap.free(fac);
}
