// WebAssembly SIMD (f64x2) versions of the batch great-circle kernels: two lanes per step,
// every operation of geo.ts repeated lane-wise in the same order, branches replaced by
// comparisons and selects. IEEE add/sub/mul/div/sqrt/floor are correctly rounded lane by lane
// exactly as their scalar forms, and WebAssembly has no implicit FMA, so each lane returns the
// same bits as the scalar kernel (docs/algorithms.md). Nothing here is compiled unless the module
// is built with SIMD (index.ts guards every call with ASC_FEATURE_SIMD).
//
// Differences in form, not in value:
// - atan01 divides once, by a selected denominator: ranges 1 and 2 are (k·t - 1) / (k + t) with
//   k = 2 or 1 (1·t = t and 1 + t = t + 1 exactly), and range 0 takes t itself (t / 1 = t).
// - remainder360 skips fmod while every lane of the block has |x| <= 540, where fmod is the
//   identity below 360 and x ∓ 360 (exact) up to 540, which the correction step produces anyway;
//   otherwise the block's longitudes are redone with the exact scalar `%` for lanes beyond 540.
//   (The only difference is the sign of a zero at x = -360, which cannot reach the result: the
//   longitude difference enters only through sh*sh and (sh*ch)^2.) The correction x ∓ 360 is
//   computed as x - (±360), the sign taken from x: the same IEEE sum.
// - Negation is a flip of the sign bit (as f64.neg); the quadrant q (an integer-valued double in
//   [-3, 3]) is turned into lane masks by adding 1.5·2^52, after which the low mantissa bits
//   hold q in two's complement.
// - centralAngle's max(S, a) and min(S, a) are f64x2.pmax/pmin (one maxpd/minpd): both operands
//   are finite and >= +0, so no NaN or signed-zero case can make them differ from max/min, which
//   engines expand to long sequences for exactly those cases.
// - Selects are bitwise (and/or/xor with lane masks); the loops are split into passes over small
//   blocks (see "Loop structure" below), and cosKernel reuses sinKernel's z = r*r and w = z*z.

import {
  S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6,
  ATANHI0, ATANHI1, ATANLO0, ATANLO1,
  AT0, AT1, AT2, AT3, AT4, AT5, AT6, AT7, AT8, AT9, AT10,
  PIO2_HI, PIO2_LO, PI_HI, PI_LO, RADIANS_PER_DEGREE, DEGREES_TO_QUADRANTS,
} from "./fdlibm";
import { greatCircleInline, centralAngleFromParts, allWithinScalar } from "./geo";

// Vector constants come from this table in linear memory rather than from v128.const: V8 (11.x,
// Node 20) rematerializes every v128.const at each use inside a loop with 3-4 instructions, while
// a table load is one instruction (binaryen cannot fold it back into a constant). Loops with few
// constants load them once before the loop, into locals that V8 then keeps in registers.
// Entry i holds the constant in both lanes, at KTAB + 16·i.
// @ts-ignore: decorator
@lazy
const KTAB: usize = memory.data<f64>([
  S1, S1,
  S2, S2,
  S3, S3,
  S4, S4,
  S5, S5,
  S6, S6,
  C1, C1,
  C2, C2,
  C3, C3,
  C4, C4,
  C5, C5,
  C6, C6,
  0.5, 0.5,
  1.0, 1.0,
  2.0, 2.0,
  0.4375, 0.4375,
  0.6875, 0.6875,
  ATANHI1, ATANHI1,
  ATANLO1, ATANLO1,
  AT0, AT0,
  AT1, AT1,
  AT2, AT2,
  AT3, AT3,
  AT4, AT4,
  AT5, AT5,
  AT6, AT6,
  AT7, AT7,
  AT8, AT8,
  AT9, AT9,
  AT10, AT10,
  PIO2_HI, PIO2_HI,
  PIO2_LO, PIO2_LO,
  PI_HI, PI_HI,
  PI_LO, PI_LO,
  180.0, 180.0,
  360.0, 360.0,
  540.0, 540.0,
  90.0, 90.0,
  DEGREES_TO_QUADRANTS, DEGREES_TO_QUADRANTS,
  RADIANS_PER_DEGREE, RADIANS_PER_DEGREE,
  6755399441055744.0, 6755399441055744.0, // 1.5·2^52
  -0.0, -0.0,                             // the sign bit
  reinterpret<f64>(0x7FFFFFFFFFFFFFFF), reinterpret<f64>(0x7FFFFFFFFFFFFFFF), // all but the sign bit
  // bit patterns a ^ b, for selecting a or b by one and and one xor
  reinterpret<f64>(reinterpret<u64>(2.0) ^ reinterpret<u64>(1.0)),
  reinterpret<f64>(reinterpret<u64>(2.0) ^ reinterpret<u64>(1.0)),
  reinterpret<f64>(reinterpret<u64>(ATANHI0) ^ reinterpret<u64>(ATANHI1)),
  reinterpret<f64>(reinterpret<u64>(ATANHI0) ^ reinterpret<u64>(ATANHI1)),
  reinterpret<f64>(reinterpret<u64>(ATANLO0) ^ reinterpret<u64>(ATANLO1)),
  reinterpret<f64>(reinterpret<u64>(ATANLO0) ^ reinterpret<u64>(ATANLO1)),
], 16);
const K_S1: usize = 0;
const K_S2: usize = 1;
const K_S3: usize = 2;
const K_S4: usize = 3;
const K_S5: usize = 4;
const K_S6: usize = 5;
const K_C1: usize = 6;
const K_C2: usize = 7;
const K_C3: usize = 8;
const K_C4: usize = 9;
const K_C5: usize = 10;
const K_C6: usize = 11;
const K_0_5: usize = 12;
const K_1: usize = 13;
const K_2: usize = 14;
const K_0_4375: usize = 15;
const K_0_6875: usize = 16;
const K_ATANHI1: usize = 17;
const K_ATANLO1: usize = 18;
const K_AT0: usize = 19;
const K_AT1: usize = 20;
const K_AT2: usize = 21;
const K_AT3: usize = 22;
const K_AT4: usize = 23;
const K_AT5: usize = 24;
const K_AT6: usize = 25;
const K_AT7: usize = 26;
const K_AT8: usize = 27;
const K_AT9: usize = 28;
const K_AT10: usize = 29;
const K_PIO2_HI: usize = 30;
const K_PIO2_LO: usize = 31;
const K_PI_HI: usize = 32;
const K_PI_LO: usize = 33;
const K_180: usize = 34;
const K_360: usize = 35;
const K_540: usize = 36;
const K_90: usize = 37;
const K_DEGREES_TO_QUADRANTS: usize = 38;
const K_RADIANS_PER_DEGREE: usize = 39;
const K_MAGIC: usize = 40;
const K_SIGN: usize = 41;
const K_ABS: usize = 42;
const K_2_XOR_1: usize = 43;
const K_ATANHI_XOR: usize = 44;
const K_ATANLO_XOR: usize = 45;

/** The table constant at index i (both lanes). */
// @ts-ignore: decorator
@inline
function kv(i: usize): v128 {
  return v128.load(KTAB + (i << 4));
}

/** m ? a : b, given b and a ^ b (bitwise, lane masks m). */
// @ts-ignore: decorator
@inline
function selectXor(m: v128, aXorB: v128, b: v128): v128 {
  return v128.xor(b, v128.and(aXorB, m));
}

// Loop structure. One loop body doing everything for a pair (four sincosd, an atan, a sqrt and
// two divisions: ~700 instructions, a ~200-cycle dependency chain, ~50 vector constants) runs
// badly on V8: its register allocator spills a third of the instructions, and the out-of-order
// window holds barely one iteration, so iterations hardly overlap. The kernels therefore work on
// blocks of up to BLOCK pairs in passes through a scratch area in linear memory (L1-sized), each
// a short loop with independent iterations and, where possible, its constants in registers.
// Measured on Node 20 (x64), splitting further kept paying: small bodies spill less, V8 unrolls
// them, and their TurboFan schedule (all loads first) costs less:
//   A1. longitudes: remainder360 of -lon1 and lon2, angDiff, dlon / 2 into entry 3's argument;
//   A2. latitudes: the quadrant q and the reduced argument r of all four sincosd;
//   B. sinKernel of every stored r, then cosKernel (each loop's constants fit in registers);
//   Q. the quadrant selections of every entry, in place;
//   C1. per pair: the kernel's h, x, y, z and S = sqrt(x² + y²);
//   C2. centralAngle(S, z) × radius, four pairs per iteration (its ~120-cycle dependency chain
//       needs several chains in flight; separate loops for atan01's reduction and polynomial
//       were slower).
// Every lane still goes through exactly the operations of the scalar kernel, in the same order.
const BLOCK: i32 = 64;
// Scratch entry k (64 bytes): r, quadrant bits (q + 1.5·2^52), sinKernel(r), cosKernel(r).
// Entries 4j .. 4j + 3 belong to pair j of the block: lat1, lat2, lat2 - lat1, dlon / 2 (the
// matrix uses 2j, 2j + 1: lat2 - lat1, dlon / 2).
const ENTRY: usize = 64;
const E_R: usize = 0;
const E_Q: usize = 16;
const E_SIN: usize = 32;
const E_COS: usize = 48;
// @ts-ignore: decorator
@lazy
const ENTRIES: usize = memory.data(BLOCK * 4 * <i32>ENTRY, 16);
// Per pair: S = sqrt(x² + y²) and z, the arguments of centralAngle (32 bytes).
// @ts-ignore: decorator
@lazy
const SZ: usize = memory.data(BLOCK * 32, 16);

/** Entry at p <- sdReduce(x, q) and the quadrant bits of q = sdQuadrant(x). */
// @ts-ignore: decorator
@inline
function reduceAt(p: usize, offset: usize, x: v128, dq: v128, half: v128, ninety: v128, rad: v128, magic: v128): void {
  const q = f64x2.floor(f64x2.add(f64x2.mul(x, dq), half));
  v128.store(p + offset, f64x2.mul(f64x2.sub(x, f64x2.mul(q, ninety)), rad), E_R);
  v128.store(p + offset, f64x2.add(q, magic), E_Q);
}

/** remainder360's ±360 correction for |x| <= 540 given ax = |x|: x - (±360), the sign of x. */
// @ts-ignore: decorator
@inline
function correct360(x: v128, ax: v128, sign: v128, c180: v128, c360: v128): v128 {
  return f64x2.sub(x, v128.and(v128.or(c360, v128.and(x, sign)), f64x2.gt(ax, c180)));
}

/** angDiff's second half (TwoSum; |t| <= 360 needs no fmod), halved: dlon * 0.5. */
// @ts-ignore: decorator
@inline
function halfDlon(a: v128, b: v128, sign: v128, abs: v128, c180: v128, c360: v128, half: v128): v128 {
  // TwoSum: t + e == a + b exactly
  const t = f64x2.add(a, b);
  const bb = f64x2.sub(t, a);
  const e = f64x2.add(f64x2.sub(a, f64x2.sub(t, bb)), f64x2.sub(b, bb));
  return f64x2.mul(f64x2.add(correct360(t, v128.and(t, abs), sign, c180, c360), e), half);
}

/**
 * Pass A1 for the pair at p: a = remainder360(x), b = remainder360(y) (x = -lon1, y = lon2, with
 * fmod already applied where |x| > 540), then dlon / 2 into entry 3's argument slot. Returns the
 * lanes with |x| or |y| > 540.
 */
// @ts-ignore: decorator
@inline
function lonReduce(p: usize, x: v128, y: v128, sign: v128, abs: v128, c180: v128, c360: v128, c540: v128, half: v128): v128 {
  const ax = v128.and(x, abs), ay = v128.and(y, abs);
  const a = correct360(x, ax, sign, c180, c360);
  const b = correct360(y, ay, sign, c180, c360);
  v128.store(p, halfDlon(a, b, sign, abs, c180, c360, half), 3 * ENTRY + E_R);
  return v128.or(f64x2.gt(ax, c540), f64x2.gt(ay, c540));
}

/** Replaces each lane with |x| > 540 by x % 360 (exact fmod); out of line, rarely needed. */
function fmodLanes(x: v128): v128 {
  const x0 = f64x2.extract_lane(x, 0);
  const x1 = f64x2.extract_lane(x, 1);
  if (Math.abs(x0) > 540.0) x = f64x2.replace_lane(x, 0, x0 % 360.0);
  if (Math.abs(x1) > 540.0) x = f64x2.replace_lane(x, 1, x1 % 360.0);
  return x;
}

/**
 * Pass A1, longitudes of m pairs: dlon / 2 into the argument slot of entry 3 of each pair. With
 * exact = false, fmod is skipped and the result has nonzero lanes if some |x| > 540 (the block
 * must then be redone exactly).
 */
// @ts-ignore: decorator
@inline
function lonPass(lon1: usize, d0: usize, lon2: usize, d2: usize, m: usize, exact: bool): v128 {
  const sign = kv(K_SIGN), abs = kv(K_ABS), c180 = kv(K_180), c360 = kv(K_360), c540 = kv(K_540), half = kv(K_0_5);
  let beyond = f64x2.splat(0.0);
  for (let p = ENTRIES, end = ENTRIES + m * 4 * ENTRY; p < end; p += 4 * ENTRY) {
    let x = v128.xor(v128.load(lon1), sign), y = v128.load(lon2);  // x = -lon1
    if (exact) {
      x = fmodLanes(x);
      y = fmodLanes(y);
    }
    beyond = v128.or(beyond, lonReduce(p, x, y, sign, abs, c180, c360, c540, half));
    lon1 += d0;
    lon2 += d2;
  }
  return beyond;
}

/** lonPass with the exact fmod, out of line (only blocks with some |x| > 540 need it). */
function lonPassExact(lon1: usize, d0: usize, lon2: usize, d2: usize, m: usize): void {
  lonPass(lon1, d0, lon2, d2, m, true);
}

/**
 * Pass A2 for m pairs: the reductions of lat1, lat2, lat2 - lat1 and of dlon / 2 (stored by
 * pass A1) into entries 0 .. 3 of each pair.
 */
// @ts-ignore: decorator
@inline
function latPass(lat1: usize, d1: usize, lat2: usize, d3: usize, m: usize): void {
  const half = kv(K_0_5), dq = kv(K_DEGREES_TO_QUADRANTS), ninety = kv(K_90);
  const rad = kv(K_RADIANS_PER_DEGREE), magic = kv(K_MAGIC);
  for (let p = ENTRIES, end = ENTRIES + m * 4 * ENTRY; p < end; p += 4 * ENTRY) {
    const la1 = v128.load(lat1), la2 = v128.load(lat2);
    reduceAt(p, 0, la1, dq, half, ninety, rad, magic);
    reduceAt(p, ENTRY, la2, dq, half, ninety, rad, magic);
    reduceAt(p, 2 * ENTRY, f64x2.sub(la2, la1), dq, half, ninety, rad, magic);
    reduceAt(p, 3 * ENTRY, v128.load(p, 3 * ENTRY + E_R), dq, half, ninety, rad, magic);
    lat1 += d1;
    lat2 += d3;
  }
}

/**
 * Pass B: sinKernel of the first `count` entries' r, then their cosKernel. The sine loop leaves
 * z = r*r in the r slot and w = z*z in the cosine slot, which is all the cosine needs.
 */
// @ts-ignore: decorator
@inline
function kernelsPass(count: usize): void {
  const end = ENTRIES + count * ENTRY;
  const s1 = kv(K_S1), s2 = kv(K_S2), s3 = kv(K_S3), s4 = kv(K_S4), s5 = kv(K_S5), s6 = kv(K_S6);
  for (let p = ENTRIES; p < end; p += ENTRY) {
    const x = v128.load(p, E_R);
    const z = f64x2.mul(x, x);
    const w = f64x2.mul(z, z);
    // r = S2 + z*(S3 + z*S4) + z*w*(S5 + z*S6)
    const r = f64x2.add(
      f64x2.add(s2, f64x2.mul(z, f64x2.add(s3, f64x2.mul(z, s4)))),
      f64x2.mul(f64x2.mul(z, w), f64x2.add(s5, f64x2.mul(z, s6))),
    );
    const v = f64x2.mul(z, x);
    // x + v*(S1 + z*r)
    v128.store(p, f64x2.add(x, f64x2.mul(v, f64x2.add(s1, f64x2.mul(z, r)))), E_SIN);
    v128.store(p, z, E_R);
    v128.store(p, w, E_COS);
  }
  const c1 = kv(K_C1), c2 = kv(K_C2), c3 = kv(K_C3), c4 = kv(K_C4), c5 = kv(K_C5), c6 = kv(K_C6);
  const half = kv(K_0_5), one = kv(K_1);
  for (let p = ENTRIES; p < end; p += ENTRY) {
    const z = v128.load(p, E_R);
    const w = v128.load(p, E_COS);
    // r = z*(C1 + z*(C2 + z*C3)) + w*w*(C4 + z*(C5 + z*C6))
    const r = f64x2.add(
      f64x2.mul(z, f64x2.add(c1, f64x2.mul(z, f64x2.add(c2, f64x2.mul(z, c3))))),
      f64x2.mul(f64x2.mul(w, w), f64x2.add(c4, f64x2.mul(z, f64x2.add(c5, f64x2.mul(z, c6))))),
    );
    const hz = f64x2.mul(half, z);
    const w1 = f64x2.sub(one, hz);
    // w + (((1 - w) - hz) + z*r)
    v128.store(p, f64x2.add(w1, f64x2.add(f64x2.sub(f64x2.sub(one, w1), hz), f64x2.mul(z, r))), E_COS);
  }
}

// Quadrant selection (quadSin, quadCos) from the entry's bits: q odd (bit 0) swaps s and c; sin
// is negated when bit 1 of q is set, cos when bit 1 of q + 1 is, i.e. bit 1 xor bit 0. The bits
// are moved to the sign position by shifts (i64x2.shr_s, which would spread them over the lane,
// has no single SSE instruction), the swap is s ^ ((s ^ c) & mask).

/** Bit 0 of q at the sign position. */
// @ts-ignore: decorator
@inline
function oddBit(bits: v128): v128 {
  return i64x2.shl(bits, 63);
}

/** Bit 1 of q at the sign position. */
// @ts-ignore: decorator
@inline
function halfTurnBit(bits: v128): v128 {
  return i64x2.shl(i64x2.shr_u(bits, 1), 63);
}

/** (s ^ c) where q is odd, else 0: xor it into s and c to swap them. */
// @ts-ignore: decorator
@inline
function swapDelta(s: v128, c: v128, odd: v128, sign: v128): v128 {
  return v128.and(v128.xor(s, c), i64x2.eq(odd, sign));
}

/** quadSin from s, its swapDelta w and halfTurnBit n. */
// @ts-ignore: decorator
@inline
function quadSin2(s: v128, w: v128, n: v128): v128 {
  return v128.xor(v128.xor(s, w), n);
}

/** quadCos from c, its swapDelta w, halfTurnBit n and oddBit o. */
// @ts-ignore: decorator
@inline
function quadCos2(c: v128, w: v128, n: v128, o: v128): v128 {
  return v128.xor(v128.xor(c, w), v128.xor(n, o));
}

/** Pass C1 for pair j: the kernel's h, x, y, z from its sines and cosines; stores S and z. */
// @ts-ignore: decorator
@inline
function kernelSZ(j: usize, two: v128, s1: v128, c1: v128, c2: v128, sdp: v128, cdp: v128, sh: v128, ch: v128): void {
  const sh2 = f64x2.mul(two, sh);
  const h = f64x2.mul(sh2, sh);
  const x = f64x2.mul(c2, f64x2.mul(sh2, ch));
  const y = f64x2.add(sdp, f64x2.mul(f64x2.mul(s1, c2), h));
  const z = f64x2.sub(cdp, f64x2.mul(f64x2.mul(c1, c2), h));
  v128.store(SZ + (j << 5), f64x2.sqrt(f64x2.add(f64x2.mul(x, x), f64x2.mul(y, y))));
  v128.store(SZ + (j << 5), z, 16);
}

/** Pass Q: the quadrant selections of the first `count` entries, in place. */
// @ts-ignore: decorator
@inline
function quadrantPass(count: usize): void {
  const sign = kv(K_SIGN);
  for (let p = ENTRIES, end = ENTRIES + count * ENTRY; p < end; p += ENTRY) {
    const bits = v128.load(p, E_Q), s = v128.load(p, E_SIN), c = v128.load(p, E_COS);
    const o = oddBit(bits), n = halfTurnBit(bits), d = swapDelta(s, c, o, sign);
    v128.store(p, quadSin2(s, d, n), E_SIN);
    v128.store(p, quadCos2(c, d, n, o), E_COS);
  }
}

/** centralAngle(S, C), given its constants (see anglePass). */
// @ts-ignore: decorator
@inline
function centralAngle2(S: v128, C: v128, abs: v128, k04375: v128, k06875: v128, one: v128, twoXorOne: v128,
  hiXor: v128, hi1: v128, loXor: v128, lo1: v128,
  at0: v128, at1: v128, at2: v128, at3: v128, at4: v128, at5: v128, at6: v128, at7: v128, at8: v128, at9: v128, at10: v128,
  pio2hi: v128, pio2lo: v128, pihi: v128, pilo: v128): v128 {
  const a = v128.and(C, abs);
  const big = f64x2.pmax(S, a);
  const t = v128.andnot(f64x2.div(f64x2.pmin(S, a), big), f64x2.eq(big, f64x2.splat(0.0)));
  // atan01(t)
  const n0 = f64x2.ge(t, k04375);  // not range 0
  const r1 = f64x2.lt(t, k06875);
  // range 1: (2t - 1) / (2 + t);  range 2: (t - 1) / (t + 1);  range 0: t
  const k = selectXor(r1, twoXorOne, one);
  const x = v128.bitselect(f64x2.div(f64x2.sub(f64x2.mul(k, t), one), f64x2.add(k, t)), t, n0);
  const hi = v128.and(selectXor(r1, hiXor, hi1), n0);   // range 0: +0
  const lo = v128.and(selectXor(r1, loXor, lo1), n0);
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  // s1 = z*(AT0 + w*(AT2 + w*(AT4 + w*(AT6 + w*(AT8 + w*AT10))))), evaluated inside out
  let u = f64x2.add(at8, f64x2.mul(w, at10));
  u = f64x2.add(at6, f64x2.mul(w, u));
  u = f64x2.add(at4, f64x2.mul(w, u));
  u = f64x2.add(at2, f64x2.mul(w, u));
  const s1 = f64x2.mul(z, f64x2.add(at0, f64x2.mul(w, u)));
  // s2 = w*(AT1 + w*(AT3 + w*(AT5 + w*(AT7 + w*AT9))))
  let v = f64x2.add(at7, f64x2.mul(w, at9));
  v = f64x2.add(at5, f64x2.mul(w, v));
  v = f64x2.add(at3, f64x2.mul(w, v));
  const s2 = f64x2.mul(w, f64x2.add(at1, f64x2.mul(w, v)));
  // hi - ((x*(s1 + s2) - lo) - x)
  let r = f64x2.sub(hi, f64x2.sub(f64x2.sub(f64x2.mul(x, f64x2.add(s1, s2)), lo), x));
  r = v128.bitselect(f64x2.sub(pio2hi, f64x2.sub(r, pio2lo)), r, f64x2.gt(S, a));
  r = v128.bitselect(f64x2.sub(pihi, f64x2.sub(r, pilo)), r, f64x2.lt(C, f64x2.splat(0.0)));
  return r;
}

/**
 * Pass C2: out[j] = centralAngle(S, z) * R for the block's m pairs, four per iteration (see
 * "Loop structure"). The constants are loaded before the loop and passed in, so that V8 sees loop
 * invariants (spilled once, reloaded from the stack) rather than table loads, which its scheduler
 * would hoist to the top of the body and spill anew in every iteration.
 */
// @ts-ignore: decorator
@inline
function anglePass(out: usize, m: usize, R: v128): void {
  const abs = kv(K_ABS), k04375 = kv(K_0_4375), k06875 = kv(K_0_6875), one = kv(K_1), twoXorOne = kv(K_2_XOR_1);
  const hiXor = kv(K_ATANHI_XOR), hi1 = kv(K_ATANHI1), loXor = kv(K_ATANLO_XOR), lo1 = kv(K_ATANLO1);
  const at0 = kv(K_AT0), at1 = kv(K_AT1), at2 = kv(K_AT2), at3 = kv(K_AT3), at4 = kv(K_AT4), at5 = kv(K_AT5);
  const at6 = kv(K_AT6), at7 = kv(K_AT7), at8 = kv(K_AT8), at9 = kv(K_AT9), at10 = kv(K_AT10);
  const pio2hi = kv(K_PIO2_HI), pio2lo = kv(K_PIO2_LO), pihi = kv(K_PI_HI), pilo = kv(K_PI_LO);
  let e = SZ;
  const end = SZ + (m << 5);
  for (; e + 96 < end; e += 128) {
    const A0 = centralAngle2(v128.load(e, 0), v128.load(e, 16), abs, k04375, k06875, one, twoXorOne, hiXor, hi1, loXor, lo1,
      at0, at1, at2, at3, at4, at5, at6, at7, at8, at9, at10, pio2hi, pio2lo, pihi, pilo);
    const A1 = centralAngle2(v128.load(e, 32), v128.load(e, 48), abs, k04375, k06875, one, twoXorOne, hiXor, hi1, loXor, lo1,
      at0, at1, at2, at3, at4, at5, at6, at7, at8, at9, at10, pio2hi, pio2lo, pihi, pilo);
    const A2 = centralAngle2(v128.load(e, 64), v128.load(e, 80), abs, k04375, k06875, one, twoXorOne, hiXor, hi1, loXor, lo1,
      at0, at1, at2, at3, at4, at5, at6, at7, at8, at9, at10, pio2hi, pio2lo, pihi, pilo);
    const A3 = centralAngle2(v128.load(e, 96), v128.load(e, 112), abs, k04375, k06875, one, twoXorOne, hiXor, hi1, loXor, lo1,
      at0, at1, at2, at3, at4, at5, at6, at7, at8, at9, at10, pio2hi, pio2lo, pihi, pilo);
    v128.store(out, f64x2.mul(A0, R), 0);
    v128.store(out, f64x2.mul(A1, R), 16);
    v128.store(out, f64x2.mul(A2, R), 32);
    v128.store(out, f64x2.mul(A3, R), 48);
    out += 64;
  }
  for (; e < end; e += 32, out += 16) {
    v128.store(out, f64x2.mul(centralAngle2(v128.load(e), v128.load(e, 16), abs, k04375, k06875, one, twoXorOne, hiXor, hi1, loXor, lo1,
      at0, at1, at2, at3, at4, at5, at6, at7, at8, at9, at10, pio2hi, pio2lo, pihi, pilo), R));
  }
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
    // A1, A2: reductions
    if (v128.any_true(lonPass(lon1, d0, lon2, d2, m, false))) lonPassExact(lon1, d0, lon2, d2, m);
    latPass(lat1, d1, lat2, d3, m);
    lon1 += m * d0; lat1 += m * d1; lon2 += m * d2; lat2 += m * d3;
    // B: polynomials;  Q: quadrant selections
    kernelsPass(4 * m);
    quadrantPass(4 * m);
    // C1: x, y, z;  C2: centralAngle
    {
      const two = kv(K_2);
      for (let j: usize = 0, p = ENTRIES; j < m; ++j, p += 4 * ENTRY) {
        kernelSZ(j, two, v128.load(p, E_SIN), v128.load(p, E_COS), v128.load(p, ENTRY + E_COS),
          v128.load(p, 2 * ENTRY + E_SIN), v128.load(p, 2 * ENTRY + E_COS),
          v128.load(p, 3 * ENTRY + E_SIN), v128.load(p, 3 * ENTRY + E_COS));
      }
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
      // A: reductions of lat2 - lat1 and dlon / 2 (entries 0, 1 of each pair)
      {
        const sign = kv(K_SIGN), abs = kv(K_ABS), c180 = kv(K_180), c360 = kv(K_360), half = kv(K_0_5);
        const dq = kv(K_DEGREES_TO_QUADRANTS), ninety = kv(K_90), rad = kv(K_RADIANS_PER_DEGREE), magic = kv(K_MAGIC);
        for (let j: usize = 0, p = ENTRIES; j < m; ++j, p += 2 * ENTRY) {
          const oj = col + (j << 4);
          reduceAt(p, 0, f64x2.sub(v128.load(bLat + oj), lat1), dq, half, ninety, rad, magic);
          reduceAt(p, ENTRY, halfDlon(a, v128.load(bRem + oj), sign, abs, c180, c360, half), dq, half, ninety, rad, magic);
        }
      }
      // B, Q
      kernelsPass(2 * m);
      quadrantPass(2 * m);
      // C1, C2
      {
        const two = kv(K_2);
        for (let j: usize = 0, p = ENTRIES; j < m; ++j, p += 2 * ENTRY) {
          kernelSZ(j, two, s1, c1, v128.load(bCos + col + (j << 4)),
            v128.load(p, E_SIN), v128.load(p, E_COS), v128.load(p, ENTRY + E_SIN), v128.load(p, ENTRY + E_COS));
        }
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

/** allWithinScalar (geo.ts), eight elements per step with one branch, as native/kernels/geo.cc. */
export function allWithinSimd(values: usize, n: i32, limit: f64): bool {
  const bound = f64x2.splat(limit);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = values + (<usize>i << 3);
    const a = f64x2.le(f64x2.abs(v128.load(p)), bound);
    const b = f64x2.le(f64x2.abs(v128.load(p, 16)), bound);
    const c = f64x2.le(f64x2.abs(v128.load(p, 32)), bound);
    const d = f64x2.le(f64x2.abs(v128.load(p, 48)), bound);
    if (!i64x2.all_true(v128.and(v128.and(a, b), v128.and(c, d)))) return false;
  }
  return allWithinScalar(values + (<usize>i << 3), n - i, limit);
}
