// WebAssembly SIMD (f64x2) versions of the batch great-circle kernels: two lanes per step,
// every operation of geo.ts repeated lane-wise in the same order, branches replaced by
// comparisons and v128.bitselect. IEEE add/sub/mul/div/sqrt/floor/min/max are correctly rounded
// lane by lane exactly as their scalar forms, and WebAssembly has no implicit FMA, so each lane
// returns the same bits as the scalar kernel (docs/algorithms.md). Nothing here is compiled
// unless the module is built with SIMD (index.ts guards every call with ASC_FEATURE_SIMD).
//
// Differences in form, not in value:
// - atan01 selects the numerator and denominator of its argument reduction and divides once;
//   in range 0 that is t / 1, which is exactly t.
// - remainder360 skips fmod for lanes with |x| <= 540, where fmod is the identity below 360 and
//   x ∓ 360 (exact) up to 540, which the correction step produces anyway; any lane beyond 540
//   goes through the exact scalar `%`. (The only difference is the sign of a zero at x = -360,
//   which cannot reach the result: the longitude difference enters only through sh*sh and
//   (sh*ch)^2.)
// - The quadrant q (an integer-valued double in [-3, 3]) is turned into lane masks by adding
//   1.5·2^52, after which the low mantissa bits hold q in two's complement.
// - centralAngle's max(S, a) and min(S, a) use one comparison and selects (both operands are
//   finite and >= +0, so f64x2.max/min, which engines expand for NaN and -0, give the same).
// - The loops are split into passes over small blocks (see "Loop structure" below).

import {
  S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6,
  ATANHI0, ATANHI1, ATANLO0, ATANLO1,
  AT0, AT1, AT2, AT3, AT4, AT5, AT6, AT7, AT8, AT9, AT10,
  PIO2_HI, PIO2_LO, PI_HI, PI_LO, RADIANS_PER_DEGREE, DEGREES_TO_QUADRANTS,
  greatCircleInline, centralAngleFromParts,
} from "./geo";

// Vector constants come from this table in linear memory rather than from v128.const: V8 (11.x,
// Node 20) rematerializes every v128.const inside the loop with 3-4 instructions, while a load
// from the table is one instruction (and binaryen cannot fold it back into a constant).
// Entry i holds the constant in both lanes, at KTAB + 16·i.
// @ts-ignore: decorator
@lazy
const KTAB: usize = memory.data<f64>([
  S2, S2,
  S3, S3,
  S4, S4,
  S5, S5,
  S6, S6,
  S1, S1,
  C1, C1,
  C2, C2,
  C3, C3,
  C4, C4,
  C5, C5,
  C6, C6,
  0.5, 0.5,
  1.0, 1.0,
  0.4375, 0.4375,
  0.6875, 0.6875,
  2.0, 2.0,
  ATANHI0, ATANHI0,
  ATANHI1, ATANHI1,
  ATANLO0, ATANLO0,
  ATANLO1, ATANLO1,
  AT8, AT8,
  AT10, AT10,
  AT6, AT6,
  AT4, AT4,
  AT2, AT2,
  AT0, AT0,
  AT7, AT7,
  AT9, AT9,
  AT5, AT5,
  AT3, AT3,
  AT1, AT1,
  PIO2_HI, PIO2_HI,
  PIO2_LO, PIO2_LO,
  PI_HI, PI_HI,
  PI_LO, PI_LO,
  360.0, 360.0,
  180.0, 180.0,
  -180.0, -180.0,
  540.0, 540.0,
  DEGREES_TO_QUADRANTS, DEGREES_TO_QUADRANTS,
  90.0, 90.0,
  RADIANS_PER_DEGREE, RADIANS_PER_DEGREE,
  6755399441055744.0, 6755399441055744.0,
  reinterpret<f64>(1), reinterpret<f64>(1), // i64x2 (1, 1)
], 16);
const K_S2: usize = 0;
const K_S3: usize = 1;
const K_S4: usize = 2;
const K_S5: usize = 3;
const K_S6: usize = 4;
const K_S1: usize = 5;
const K_C1: usize = 6;
const K_C2: usize = 7;
const K_C3: usize = 8;
const K_C4: usize = 9;
const K_C5: usize = 10;
const K_C6: usize = 11;
const K_0_5: usize = 12;
const K_1: usize = 13;
const K_0_4375: usize = 14;
const K_0_6875: usize = 15;
const K_2: usize = 16;
const K_ATANHI0: usize = 17;
const K_ATANHI1: usize = 18;
const K_ATANLO0: usize = 19;
const K_ATANLO1: usize = 20;
const K_AT8: usize = 21;
const K_AT10: usize = 22;
const K_AT6: usize = 23;
const K_AT4: usize = 24;
const K_AT2: usize = 25;
const K_AT0: usize = 26;
const K_AT7: usize = 27;
const K_AT9: usize = 28;
const K_AT5: usize = 29;
const K_AT3: usize = 30;
const K_AT1: usize = 31;
const K_PIO2_HI: usize = 32;
const K_PIO2_LO: usize = 33;
const K_PI_HI: usize = 34;
const K_PI_LO: usize = 35;
const K_360: usize = 36;
const K_180: usize = 37;
const K_M180: usize = 38;
const K_540: usize = 39;
const K_DEGREES_TO_QUADRANTS: usize = 40;
const K_90: usize = 41;
const K_RADIANS_PER_DEGREE: usize = 42;
const K_6755399441055744: usize = 43;
const K_I64_ONE: usize = 44;

/** The table constant at index i (both lanes). */
// @ts-ignore: decorator
@inline
function kv(i: usize): v128 {
  return v128.load(KTAB + (i << 4));
}

/** A constant splat; used only for 0.0 (all-zero bits, which engines materialize cheaply). */
// @ts-ignore: decorator
@inline
function k2(x: f64): v128 {
  return f64x2.splat(x);
}

// @ts-ignore: decorator
@inline
function sinKernel2(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  // r = S2 + z*(S3 + z*S4) + z*w*(S5 + z*S6)
  const r = f64x2.add(
    f64x2.add(kv(K_S2), f64x2.mul(z, f64x2.add(kv(K_S3), f64x2.mul(z, kv(K_S4))))),
    f64x2.mul(f64x2.mul(z, w), f64x2.add(kv(K_S5), f64x2.mul(z, kv(K_S6)))),
  );
  const v = f64x2.mul(z, x);
  // x + v*(S1 + z*r)
  return f64x2.add(x, f64x2.mul(v, f64x2.add(kv(K_S1), f64x2.mul(z, r))));
}

// @ts-ignore: decorator
@inline
function cosKernel2(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  // r = z*(C1 + z*(C2 + z*C3)) + w*w*(C4 + z*(C5 + z*C6))
  const r = f64x2.add(
    f64x2.mul(z, f64x2.add(kv(K_C1), f64x2.mul(z, f64x2.add(kv(K_C2), f64x2.mul(z, kv(K_C3)))))),
    f64x2.mul(f64x2.mul(w, w), f64x2.add(kv(K_C4), f64x2.mul(z, f64x2.add(kv(K_C5), f64x2.mul(z, kv(K_C6)))))),
  );
  const hz = f64x2.mul(kv(K_0_5), z);
  const w1 = f64x2.sub(kv(K_1), hz);
  // w + (((1 - w) - hz) + z*r)
  return f64x2.add(w1, f64x2.add(f64x2.sub(f64x2.sub(kv(K_1), w1), hz), f64x2.mul(z, r)));
}

// @ts-ignore: decorator
@inline
function atan01x2(t: v128): v128 {
  const r0 = f64x2.lt(t, kv(K_0_4375));
  const r1 = f64x2.lt(t, kv(K_0_6875));
  // range 0: t / 1;  range 1: (2t - 1) / (2 + t);  range 2: (t - 1) / (t + 1)
  const num = v128.bitselect(t, v128.bitselect(
    f64x2.sub(f64x2.mul(kv(K_2), t), kv(K_1)), f64x2.sub(t, kv(K_1)), r1), r0);
  const den = v128.bitselect(kv(K_1), v128.bitselect(
    f64x2.add(kv(K_2), t), f64x2.add(t, kv(K_1)), r1), r0);
  const hi = v128.andnot(v128.bitselect(kv(K_ATANHI0), kv(K_ATANHI1), r1), r0);   // range 0: +0
  const lo = v128.andnot(v128.bitselect(kv(K_ATANLO0), kv(K_ATANLO1), r1), r0);
  const x = f64x2.div(num, den);
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  // s1 = z*(AT0 + w*(AT2 + w*(AT4 + w*(AT6 + w*(AT8 + w*AT10))))), evaluated inside out
  let u = f64x2.add(kv(K_AT8), f64x2.mul(w, kv(K_AT10)));
  u = f64x2.add(kv(K_AT6), f64x2.mul(w, u));
  u = f64x2.add(kv(K_AT4), f64x2.mul(w, u));
  u = f64x2.add(kv(K_AT2), f64x2.mul(w, u));
  const s1 = f64x2.mul(z, f64x2.add(kv(K_AT0), f64x2.mul(w, u)));
  // s2 = w*(AT1 + w*(AT3 + w*(AT5 + w*(AT7 + w*AT9))))
  let v = f64x2.add(kv(K_AT7), f64x2.mul(w, kv(K_AT9)));
  v = f64x2.add(kv(K_AT5), f64x2.mul(w, v));
  v = f64x2.add(kv(K_AT3), f64x2.mul(w, v));
  const s2 = f64x2.mul(w, f64x2.add(kv(K_AT1), f64x2.mul(w, v)));
  // hi - ((x*(s1 + s2) - lo) - x)
  return f64x2.sub(hi, f64x2.sub(f64x2.sub(f64x2.mul(x, f64x2.add(s1, s2)), lo), x));
}

// @ts-ignore: decorator
@inline
function centralAngle2(S: v128, C: v128): v128 {
  const a = f64x2.abs(C);
  // max(S, a) and min(S, a) by one comparison: S >= +0 (a square root of a sum of squares) and
  // a = |C| are finite and never -0, so no NaN or signed-zero case can make this differ from
  // f64x2.max/min, which engines expand to long sequences for exactly those cases.
  const sGreater = f64x2.gt(S, a);
  const big = v128.bitselect(S, a, sGreater);
  const small = v128.bitselect(a, S, sGreater);
  const t = v128.andnot(f64x2.div(small, big), f64x2.eq(big, k2(0.0)));  // big == 0 ? 0 : small / big
  let r = atan01x2(t);
  r = v128.bitselect(f64x2.sub(kv(K_PIO2_HI), f64x2.sub(r, kv(K_PIO2_LO))), r, sGreater);
  r = v128.bitselect(f64x2.sub(kv(K_PI_HI), f64x2.sub(r, kv(K_PI_LO))), r, f64x2.lt(C, k2(0.0)));
  return r;
}

/** The ±360 correction of remainder360, for lanes already in [-540, 540] (or fmod-reduced). */
// @ts-ignore: decorator
@inline
function correct360(x: v128): v128 {
  let r = v128.bitselect(f64x2.sub(x, kv(K_360)), x, f64x2.gt(x, kv(K_180)));
  r = v128.bitselect(f64x2.add(x, kv(K_360)), r, f64x2.lt(x, kv(K_M180)));
  return r;
}

/** remainder360 lane-wise: fast path for |x| <= 540, the exact scalar fmod for lanes beyond. */
// @ts-ignore: decorator
@inline
function remainder360x2(x: v128): v128 {
  if (v128.any_true(f64x2.gt(f64x2.abs(x), kv(K_540)))) x = fmodLanes(x);
  return correct360(x);
}

/** Rarely taken (out of line): replaces each lane with |x| > 540 by x % 360 (exact fmod). */
function fmodLanes(x: v128): v128 {
  const x0 = f64x2.extract_lane(x, 0);
  const x1 = f64x2.extract_lane(x, 1);
  if (Math.abs(x0) > 540.0) x = f64x2.replace_lane(x, 0, x0 % 360.0);
  if (Math.abs(x1) > 540.0) x = f64x2.replace_lane(x, 1, x1 % 360.0);
  return x;
}

// sincosd lane-wise, in the same inline steps as geo.ts.

// @ts-ignore: decorator
@inline
function sdQuadrant2(x: v128): v128 {
  return f64x2.floor(f64x2.add(f64x2.mul(x, kv(K_DEGREES_TO_QUADRANTS)), kv(K_0_5)));
}

// @ts-ignore: decorator
@inline
function sdReduce2(x: v128, q: v128): v128 {
  return f64x2.mul(f64x2.sub(x, f64x2.mul(q, kv(K_90))), kv(K_RADIANS_PER_DEGREE));
}

/** q (integer-valued, |q| <= 3) + 1.5·2^52: the low bits of each i64 lane are q mod 4. */
// @ts-ignore: decorator
@inline
function quadrantBits(q: v128): v128 {
  return f64x2.add(q, kv(K_6755399441055744));
}

/** quadSin: swap when bit 0 is set (i64x2.eq: engines lower i64x2.shr_s poorly), negate when bit 1 is set. */
// @ts-ignore: decorator
@inline
function quadSin2(bits: v128, s: v128, c: v128): v128 {
  const swap = i64x2.eq(v128.and(bits, kv(K_I64_ONE)), kv(K_I64_ONE));
  const sign = i64x2.shl(i64x2.shr_u(bits, 1), 63);
  return v128.xor(v128.bitselect(c, s, swap), sign);
}

/** quadCos: swap when bit 0 is set, negate when bit 1 of q + 1 is set. */
// @ts-ignore: decorator
@inline
function quadCos2(bits: v128, s: v128, c: v128): v128 {
  const swap = i64x2.eq(v128.and(bits, kv(K_I64_ONE)), kv(K_I64_ONE));
  const sign = i64x2.shl(i64x2.shr_u(i64x2.add(bits, kv(K_I64_ONE)), 1), 63);
  return v128.xor(v128.bitselect(s, c, swap), sign);
}

// Two copies of each broadcast value, so that a v128 load yields it in both lanes.
// @ts-ignore: decorator
@lazy
const BROADCAST: usize = memory.data(64, 16);

// @ts-ignore: decorator
@inline
function broadcastPtr(p: usize, slot: usize): usize {
  const v = load<f64>(p);
  const q = BROADCAST + (slot << 4);
  store<f64>(q, v);
  store<f64>(q, v, 8);
  return q;
}

// Loop structure. One loop body doing everything for a pair (four sincosd, an atan, a sqrt and
// two divisions: ~700 instructions, a ~200-cycle dependency chain, ~50 vector constants) runs
// badly on V8: its register allocator spills a third of the instructions, and the out-of-order
// window holds barely one iteration, so iterations hardly overlap. The kernels therefore work on
// blocks of up to BLOCK pairs in three passes through a scratch area in linear memory (L1-sized):
//   A. per pair: the exact degree reductions (remainder360, angDiff's TwoSum, the quadrant q and
//      the reduced argument r of each of the four sincosd), storing r and q;
//   B. one short loop over all stored r: sinKernel and cosKernel (few constants, short chains:
//      iterations overlap well);
//   C. per pair: the quadrant selections, the kernel's h, x, y, z, sqrt and centralAngle.
// Every lane still goes through exactly the operations of the scalar kernel, in the same order.
const BLOCK: i32 = 64;
// Scratch entry k (48 bytes): r, sinKernel(r), cosKernel(r). Entries 4j .. 4j + 3 belong to pair
// j of the block: lat1, lat2, lat2 - lat1, dlon / 2 (the matrix uses 2j, 2j + 1: dp, dlon / 2).
// @ts-ignore: decorator
@lazy
const ENTRIES: usize = memory.data(BLOCK * 4 * 48, 16);
// Quadrant bits (quadrantBits of q), 16 bytes per entry, same numbering.
// @ts-ignore: decorator
@lazy
const QBITS: usize = memory.data(BLOCK * 4 * 16, 16);
// Per pair: S = sqrt(x² + y²) and z, the arguments of centralAngle (32 bytes).
// @ts-ignore: decorator
@lazy
const SZ: usize = memory.data(BLOCK * 32, 16);

// @ts-ignore: decorator
@inline
function reduceInto(k: usize, x: v128): void {
  const q = sdQuadrant2(x);
  v128.store(ENTRIES + k * 48, sdReduce2(x, q));
  v128.store(QBITS + (k << 4), quadrantBits(q));
}

/** Pass B: sinKernel and cosKernel of the first `count` stored arguments. */
// @ts-ignore: decorator
@inline
function kernelsPass(count: usize): void {
  for (let e = ENTRIES, end = ENTRIES + count * 48; e < end; e += 48) {
    const r = v128.load(e);
    v128.store(e, sinKernel2(r), 16);
    v128.store(e, cosKernel2(r), 32);
  }
}

// @ts-ignore: decorator
@inline
function sinOf(k: usize): v128 {
  return quadSin2(v128.load(QBITS + (k << 4)), v128.load(ENTRIES + k * 48, 16), v128.load(ENTRIES + k * 48, 32));
}

// @ts-ignore: decorator
@inline
function cosOf(k: usize): v128 {
  return quadCos2(v128.load(QBITS + (k << 4)), v128.load(ENTRIES + k * 48, 16), v128.load(ENTRIES + k * 48, 32));
}

/** angDiff's second half (TwoSum; |t| <= 360 needs no fmod), halved: dlon * 0.5. */
// @ts-ignore: decorator
@inline
function halfDlon(a: v128, b: v128): v128 {
  const t = f64x2.add(a, b);
  const bb = f64x2.sub(t, a);
  const e = f64x2.add(f64x2.sub(a, f64x2.sub(t, bb)), f64x2.sub(b, bb));
  return f64x2.mul(f64x2.add(correct360(t), e), kv(K_0_5));
}

/** Pass C1 for pair j: the kernel's h, x, y, z from its sines and cosines; stores S and z. */
// @ts-ignore: decorator
@inline
function kernelSZ(j: usize, s1: v128, c1: v128, c2: v128, sdp: v128, cdp: v128, sh: v128, ch: v128): void {
  const h = f64x2.mul(f64x2.mul(kv(K_2), sh), sh);
  const x = f64x2.mul(c2, f64x2.mul(f64x2.mul(kv(K_2), sh), ch));
  const y = f64x2.add(sdp, f64x2.mul(f64x2.mul(s1, c2), h));
  const z = f64x2.sub(cdp, f64x2.mul(f64x2.mul(c1, c2), h));
  v128.store(SZ + (j << 5), f64x2.sqrt(f64x2.add(f64x2.mul(x, x), f64x2.mul(y, y))));
  v128.store(SZ + (j << 5), z, 16);
}

/**
 * Pass C2: out[j] = centralAngle(S, z) * R for the block's m pairs. Two pairs per iteration:
 * the chain sqrt → div → div → atan polynomial is long, and two independent chains in one body
 * overlap better than consecutive iterations do.
 */
// @ts-ignore: decorator
@inline
function anglePass(out: usize, m: usize, R: v128): void {
  let e = SZ;
  const end = SZ + (m << 5);
  for (; e + 32 < end; e += 64) {
    const A = centralAngle2(v128.load(e), v128.load(e, 16));
    const B = centralAngle2(v128.load(e, 32), v128.load(e, 48));
    v128.store(out, f64x2.mul(A, R));
    v128.store(out, f64x2.mul(B, R), 16);
    out += 32;
  }
  if (e < end) v128.store(out, f64x2.mul(centralAngle2(v128.load(e), v128.load(e, 16)), R));
}

/** SIMD greatCircleManyScalar (geo.ts): same arguments, same results. */
export function greatCircleManySimd(
  lon1: usize, lat1: usize, lon2: usize, lat2: usize, stepMask: i32, n: i32, radius: f64, out: usize,
): void {
  if (!(stepMask & 1)) lon1 = broadcastPtr(lon1, 0);
  if (!(stepMask & 2)) lat1 = broadcastPtr(lat1, 1);
  if (!(stepMask & 4)) lon2 = broadcastPtr(lon2, 2);
  if (!(stepMask & 8)) lat2 = broadcastPtr(lat2, 3);
  const d0 = <usize>((stepMask & 1) << 4);
  const d1 = <usize>((stepMask & 2) << 3);
  const d2 = <usize>((stepMask & 4) << 2);
  const d3 = <usize>((stepMask & 8) << 1);
  const R = f64x2.splat(radius);
  let pairs = n >> 1;
  while (pairs > 0) {
    const m = <usize>(pairs < BLOCK ? pairs : BLOCK);
    // A: reductions
    for (let j: usize = 0; j < m; ++j) {
      const la1 = v128.load(lat1), la2 = v128.load(lat2);
      reduceInto(4 * j, la1);
      reduceInto(4 * j + 1, la2);
      reduceInto(4 * j + 2, f64x2.sub(la2, la1));
      const a = remainder360x2(f64x2.neg(v128.load(lon1)));
      const b = remainder360x2(v128.load(lon2));
      reduceInto(4 * j + 3, halfDlon(a, b));
      lon1 += d0; lat1 += d1; lon2 += d2; lat2 += d3;
    }
    // B: polynomials
    kernelsPass(4 * m);
    // C1: selections and x, y, z;  C2: centralAngle
    for (let j: usize = 0; j < m; ++j) {
      const k: usize = 4 * j;
      kernelSZ(j, sinOf(k), cosOf(k), cosOf(k + 1), sinOf(k + 2), cosOf(k + 2), sinOf(k + 3), cosOf(k + 3));
    }
    anglePass(out, m, R);
    out += m << 4;
    pairs -= <i32>m;
  }
  if (n & 1) {
    store<f64>(out, greatCircleInline(load<f64>(lon1), load<f64>(lat1), load<f64>(lon2), load<f64>(lat2), radius));
  }
}

/** SIMD greatCircleTileScalar (geo.ts): same arguments, same results. */
export function greatCircleTileSimd(
  aRem: usize, aLat: usize, aSin: usize, aCos: usize, nA: i32,
  bRem: usize, bLat: usize, bCos: usize, nB: i32,
  radius: f64, out: usize,
): void {
  const R = f64x2.splat(radius);
  const allPairs = nB >> 1;
  for (let i = 0; i < nA; ++i) {
    const oi = <usize>i << 3;
    const as = load<f64>(aRem + oi), lat1s = load<f64>(aLat + oi);
    const s1s = load<f64>(aSin + oi), c1s = load<f64>(aCos + oi);
    const a = f64x2.splat(as), lat1 = f64x2.splat(lat1s);
    const s1 = f64x2.splat(s1s), c1 = f64x2.splat(c1s);
    let pairs = allPairs;
    let col: usize = 0; // byte offset of the block's first column
    while (pairs > 0) {
      const m = <usize>(pairs < BLOCK ? pairs : BLOCK);
      // A: reductions of lat2 - lat1 and dlon / 2
      for (let j: usize = 0; j < m; ++j) {
        const oj = col + (j << 4);
        reduceInto(2 * j, f64x2.sub(v128.load(bLat + oj), lat1));
        reduceInto(2 * j + 1, halfDlon(a, v128.load(bRem + oj)));
      }
      // B: polynomials
      kernelsPass(2 * m);
      // C1, C2
      for (let j: usize = 0; j < m; ++j) {
        const k: usize = 2 * j;
        kernelSZ(j, s1, c1, v128.load(bCos + col + (j << 4)), sinOf(k), cosOf(k), sinOf(k + 1), cosOf(k + 1));
      }
      anglePass(out, m, R);
      out += m << 4;
      col += m << 4;
      pairs -= <i32>m;
    }
    if (nB & 1) {
      store<f64>(out, centralAngleFromParts(
        as, load<f64>(bRem + col), lat1s, s1s, c1s, load<f64>(bLat + col), load<f64>(bCos + col),
      ) * radius);
      out += 8;
    }
  }
}
