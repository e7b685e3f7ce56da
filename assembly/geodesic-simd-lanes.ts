// The f64x2 arithmetic of the SIMD geodesic batch (geodesic-simd.ts): Lambda12 with its reduced
// length, the Newton update and the final Lengths, each lane performing exactly the operations
// of geodesic.ts / geodesic-series.ts / fdlibm.ts in their order (the unrolled series, `x - 0`
// dropped as an identity, divisions by powers of two as multiplications by the exact reciprocal,
// which round identically). Lanes the vector code does not reproduce are redone with the scalar
// function: hypot beyond its rescaling thresholds, atan2 with a zero argument (signed zeros), a
// sincos argument beyond π/4 (the argument reduction). Constants come from tables in linear
// memory (see geo-simd.ts: V8 rematerializes v128.const at every use).

import {
  S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6, ATANHI0, ATANHI1, ATANLO0, ATANLO1,
  AT0, AT1, AT2, AT3, AT4, AT5, AT6, AT7, AT8, AT9, AT10, PIO2_HI, PIO2_LO, PI_HI, PI_LO,
  RADIANS_PER_DEGREE, SINCOS0, SINCOS1, atan2, hypot, sincos,
} from "./fdlibm";
import { A3X, C3X, E } from "./geodesic-series";

// @ts-ignore: decorator
@lazy
const KT: usize = memory.data<f64>([
  0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 0.5, 0.5, -0.0, -0.0,
  reinterpret<f64>(0x7FFFFFFFFFFFFFFF), reinterpret<f64>(0x7FFFFFFFFFFFFFFF),
  S1, S1, S2, S2, S3, S3, S4, S4, S5, S5, S6, S6,
  C1, C1, C2, C2, C3, C3, C4, C4, C5, C5, C6, C6,
  0.4375, 0.4375, 0.6875, 0.6875,
  reinterpret<f64>(reinterpret<u64>(2.0) ^ reinterpret<u64>(1.0)),
  reinterpret<f64>(reinterpret<u64>(2.0) ^ reinterpret<u64>(1.0)),
  reinterpret<f64>(reinterpret<u64>(ATANHI0) ^ reinterpret<u64>(ATANHI1)),
  reinterpret<f64>(reinterpret<u64>(ATANHI0) ^ reinterpret<u64>(ATANHI1)),
  ATANHI1, ATANHI1,
  reinterpret<f64>(reinterpret<u64>(ATANLO0) ^ reinterpret<u64>(ATANLO1)),
  reinterpret<f64>(reinterpret<u64>(ATANLO0) ^ reinterpret<u64>(ATANLO1)),
  ATANLO1, ATANLO1,
  AT0, AT0, AT1, AT1, AT2, AT2, AT3, AT3, AT4, AT4, AT5, AT5, AT6, AT6, AT7, AT7, AT8, AT8, AT9, AT9, AT10, AT10,
  PIO2_HI, PIO2_HI, PIO2_LO, PIO2_LO, PI_HI, PI_HI, PI_LO, PI_LO,
  0.7853981633974483, 0.7853981633974483,
  2.220446049250313e-16, 2.220446049250313e-16, 8 * 2.220446049250313e-16, 8 * 2.220446049250313e-16,
  16 * 2.220446049250313e-16, 16 * 2.220446049250313e-16,
  reinterpret<f64>(0x0190000000000000), reinterpret<f64>(0x0190000000000000), // 2^-998
  reinterpret<f64>(0x7E70000000000000), reinterpret<f64>(0x7E70000000000000), // 2^1000
  1.0 / 256, 1.0 / 256, 4.0, 4.0, 64.0, 64.0, -11.0, -11.0, -28.0, -28.0, -192.0, -192.0,
  6.0, 6.0, -16.0, -16.0, 1.0 / 32, 1.0 / 32, -9.0, -9.0, -128.0, -128.0, 1.0 / 2048, 1.0 / 2048,
  9.0, 9.0, 768.0, 768.0, 3.0, 3.0, -5.0, -5.0, 1.0 / 512, 1.0 / 512, -7.0, -7.0, 1280.0, 1280.0,
  16.0, 16.0, 35.0, 35.0, 384.0, 384.0, 15.0, 15.0, 80.0, 80.0, 7.0, 7.0, 63.0, 63.0, 77.0, 77.0,
  180.0, 180.0, 360.0, 360.0, 90.0, 90.0, 0.0625, 0.0625, RADIANS_PER_DEGREE, RADIANS_PER_DEGREE,
  6755399441055744.0, 6755399441055744.0, // 1.5·2^52: q + this holds the integer q in its low bits
  reinterpret<f64>(0x2000000000000000), reinterpret<f64>(0x2000000000000000), // TINY = 2^-511
  45.0, 45.0, 30.0, 30.0,
], 16);
export const K_ZERO = 0, K_ONE = 1, K_TWO = 2, K_HALF = 3, K_SIGN = 4, K_ABS = 5;
const K_S1 = 6, K_C1 = 12;
const K_0_4375 = 18, K_0_6875 = 19, K_2X1 = 20, K_HIX = 21, K_HI1 = 22, K_LOX = 23, K_LO1 = 24, K_AT0 = 25;
const K_PIO2_HI = 36, K_PIO2_LO = 37, K_PI_HI = 38, K_PI_LO = 39;
export const K_PIO4 = 40;
const K_TOL0 = 41, K_TOL0_8 = 42, K_TOL0_16 = 43, K_HYP_LO = 44, K_HYP_HI = 45;
const K_R256 = 46, K_4 = 47, K_64 = 48, K_M11 = 49, K_M28 = 50, K_M192 = 51;
const K_6 = 52, K_M16 = 53, K_R32 = 54, K_M9 = 55, K_M128 = 56, K_R2048 = 57;
const K_9 = 58, K_768 = 59, K_3 = 60, K_M5 = 61, K_R512 = 62, K_M7 = 63, K_1280 = 64;
const K_16 = 65, K_35 = 66, K_384 = 67, K_15 = 68, K_80 = 69, K_7 = 70, K_63 = 71, K_77 = 72;
export const K_180 = 73, K_360 = 74, K_90 = 75, K_1_16 = 76, K_RAD = 77, K_MAGIC = 78, K_TINY = 79, K_45 = 80, K_30 = 81;

// The ellipsoid's constants in both lanes: A3X[0..5], C3X[0..14], ep2, -f, f1, -2 f1, b,
// 6 |n| π (InverseStart's nearly antipodal test), etol2.
// @ts-ignore: decorator
@lazy
const EK: usize = memory.data(28 * 16, 16);
const E_A3 = 0, E_C3 = 6, E_NEGF = 22, E_NEG2F1 = 24;
export const E_EP2 = 21, E_F1 = 23, E_B = 25, E_LIM = 26, E_ETOL2 = 27;

/** EK from the ellipsoid E (geodesic-series.ts ellipsoid() must have run). */
export function vectorEllipsoid(): void {
  for (let i = 0; i < 6; i++) v128.store(EK + (<usize>(E_A3 + i) << 4), f64x2.splat(load<f64>(A3X + (<usize>i << 3))));
  for (let i = 0; i < 15; i++) v128.store(EK + (<usize>(E_C3 + i) << 4), f64x2.splat(load<f64>(C3X + (<usize>i << 3))));
  v128.store(EK + (<usize>E_EP2 << 4), f64x2.splat(E.ep2));
  v128.store(EK + (<usize>E_NEGF << 4), f64x2.splat(-E.f));
  v128.store(EK + (<usize>E_F1 << 4), f64x2.splat(E.f1));
  v128.store(EK + (<usize>E_NEG2F1 << 4), f64x2.splat(-2 * E.f1));
  v128.store(EK + (<usize>E_B << 4), f64x2.splat(E.b));
  v128.store(EK + (<usize>E_LIM << 4), f64x2.splat(6 * Math.abs(E.n) * PI_HI));
  v128.store(EK + (<usize>E_ETOL2 << 4), f64x2.splat(E.etol2));
}

// @ts-ignore: decorator
@inline
export function kv(i: i32): v128 {
  return v128.load(KT + (<usize>i << 4));
}
// @ts-ignore: decorator
@inline
export function ev(i: i32): v128 {
  return v128.load(EK + (<usize>i << 4));
}

// Lane state: field f of lane i at LANES + (f·W + i)·8, so vector j of a field is at + 16j.
/** Lanes in flight (two vectors per round: measured a few % faster than one, four or eight). */
export const W = 4;
export const FS: usize = W * 8; // a field's stride
// @ts-ignore: decorator
@lazy
export const LANES: usize = memory.data(19 * W * 8, 16);
// Fields 0..9 as the queue's (geodesic-simd-start.ts), then:
export const L_TRIPN = 10; // mask: the last step had |v| <= 16 tol0
export const L_SSIG1 = 11;
export const L_CSIG1 = 12;
export const L_SSIG2 = 13;
export const L_CSIG2 = 14;
export const L_SIG12 = 15;
export const L_EPS = 16;
export const L_CONV = 17; // mask: converged (the final state is fields 11..16)
export const L_ND = 18; // mask: the Newton step applied (salp1, calp1 updated)

// ---- elementary functions lane-wise ----

/** Scalar hypot for every lane (out of line: some lane outside the fast path's range). */
function hypotLanes(x: v128, y: v128): v128 {
  const r0 = hypot(f64x2.extract_lane(x, 0), f64x2.extract_lane(y, 0));
  const r1 = hypot(f64x2.extract_lane(x, 1), f64x2.extract_lane(y, 1));
  return f64x2.replace_lane(f64x2.splat(r0), 1, r1);
}

/**
 * fdlibm hypot: sqrt(x² + y²) (x·x = |x|·|x|) where 2^-998 <= x² + y² <= 2^1000, which rules out
 * both of its rescaling branches; other lanes (and NaN) by the scalar function.
 */
// @ts-ignore: decorator
@inline
export function hypotV(x: v128, y: v128): v128 {
  const s = f64x2.add(f64x2.mul(x, x), f64x2.mul(y, y));
  if (!i64x2.all_true(v128.and(f64x2.ge(s, kv(K_HYP_LO)), f64x2.le(s, kv(K_HYP_HI))))) return hypotLanes(x, y);
  return f64x2.sqrt(s);
}

/** fdlibm atan01 lane-wise (geo-simd.ts centralAngle2's form). */
// @ts-ignore: decorator
@inline
function atan01V(t: v128): v128 {
  const one = kv(K_ONE);
  const n0 = f64x2.ge(t, kv(K_0_4375));
  const r1 = f64x2.lt(t, kv(K_0_6875));
  const k = v128.xor(one, v128.and(kv(K_2X1), r1));
  const x = v128.bitselect(f64x2.div(f64x2.sub(f64x2.mul(k, t), one), f64x2.add(k, t)), t, n0);
  const hi = v128.and(v128.xor(kv(K_HI1), v128.and(kv(K_HIX), r1)), n0);
  const lo = v128.and(v128.xor(kv(K_LO1), v128.and(kv(K_LOX), r1)), n0);
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  let u = f64x2.add(kv(K_AT0 + 8), f64x2.mul(w, kv(K_AT0 + 10)));
  u = f64x2.add(kv(K_AT0 + 6), f64x2.mul(w, u));
  u = f64x2.add(kv(K_AT0 + 4), f64x2.mul(w, u));
  u = f64x2.add(kv(K_AT0 + 2), f64x2.mul(w, u));
  const s1 = f64x2.mul(z, f64x2.add(kv(K_AT0), f64x2.mul(w, u)));
  let v = f64x2.add(kv(K_AT0 + 7), f64x2.mul(w, kv(K_AT0 + 9)));
  v = f64x2.add(kv(K_AT0 + 5), f64x2.mul(w, v));
  v = f64x2.add(kv(K_AT0 + 3), f64x2.mul(w, v));
  const s2 = f64x2.mul(w, f64x2.add(kv(K_AT0 + 1), f64x2.mul(w, v)));
  return f64x2.sub(hi, f64x2.sub(f64x2.sub(f64x2.mul(x, f64x2.add(s1, s2)), lo), x));
}

/** Scalar atan2 for the lanes of m (out of line: a zero argument). */
function atan2Lanes(y: v128, x: v128, r: v128, m: v128): v128 {
  if (i64x2.extract_lane(m, 0) != 0) r = f64x2.replace_lane(r, 0, atan2(f64x2.extract_lane(y, 0), f64x2.extract_lane(x, 0)));
  if (i64x2.extract_lane(m, 1) != 0) r = f64x2.replace_lane(r, 1, atan2(f64x2.extract_lane(y, 1), f64x2.extract_lane(x, 1)));
  return r;
}

/** fdlibm atan2(y, x); lanes with y or x zero by the scalar function. */
// @ts-ignore: decorator
@inline
function atan2V(y: v128, x: v128): v128 {
  const abs = kv(K_ABS);
  const zero = kv(K_ZERO);
  const ay = v128.and(y, abs);
  const ax = v128.and(x, abs);
  const le = f64x2.le(ay, ax);
  let r = atan01V(f64x2.div(v128.bitselect(ay, ax, le), v128.bitselect(ax, ay, le)));
  r = v128.bitselect(r, f64x2.sub(kv(K_PIO2_HI), f64x2.sub(r, kv(K_PIO2_LO))), le);
  r = v128.bitselect(f64x2.sub(kv(K_PI_HI), f64x2.sub(r, kv(K_PI_LO))), r, f64x2.lt(x, zero));
  r = v128.xor(r, v128.and(y, kv(K_SIGN)));
  const z = v128.or(f64x2.eq(y, zero), f64x2.eq(x, zero));
  if (v128.any_true(z)) r = atan2Lanes(y, x, r, z);
  return r;
}

/** Clenshaw's sine series (sinCosSeries(true, ...)) of order 5; ar = 2 cos 2x, p = 2 sin x cos x. */
// @ts-ignore: decorator
@inline
function series5(ar: v128, p: v128, c1: v128, c2: v128, c3: v128, c4: v128, c5: v128): v128 {
  let y0 = c5;
  let y1 = f64x2.add(f64x2.mul(ar, y0), c4);
  y0 = f64x2.add(f64x2.sub(f64x2.mul(ar, y1), y0), c3);
  y1 = f64x2.add(f64x2.sub(f64x2.mul(ar, y0), y1), c2);
  y0 = f64x2.add(f64x2.sub(f64x2.mul(ar, y1), y0), c1);
  return f64x2.mul(p, y0);
}

/** The order-6 sine series (the scalar's first step ar·0 - 0 + c6 kept for the sign of a zero). */
// @ts-ignore: decorator
@inline
function series6(ar: v128, p: v128, c1: v128, c2: v128, c3: v128, c4: v128, c5: v128, c6: v128): v128 {
  let y1 = f64x2.add(f64x2.mul(ar, kv(K_ZERO)), c6);
  let y0 = f64x2.add(f64x2.mul(ar, y1), c5);
  y1 = f64x2.add(f64x2.sub(f64x2.mul(ar, y0), y1), c4);
  y0 = f64x2.add(f64x2.sub(f64x2.mul(ar, y1), y0), c3);
  y1 = f64x2.add(f64x2.sub(f64x2.mul(ar, y0), y1), c2);
  y0 = f64x2.add(f64x2.sub(f64x2.mul(ar, y1), y0), c1);
  return f64x2.mul(p, y0);
}

/** 2 cos 2x from sin x, cos x: 2·(c - s)·(c + s). */
// @ts-ignore: decorator
@inline
function arOf(s: v128, c: v128): v128 {
  return f64x2.mul(f64x2.mul(kv(K_TWO), f64x2.sub(c, s)), f64x2.add(c, s));
}

/** 2 sin x cos x, as the series' last step: (2·s)·c. */
// @ts-ignore: decorator
@inline
function pOf(s: v128, c: v128): v128 {
  return f64x2.mul(f64x2.mul(kv(K_TWO), s), c);
}

/** A1m1f(eps) given eps² = x. */
// @ts-ignore: decorator
@inline
function a1m1V(eps: v128, x: v128): v128 {
  const t = f64x2.mul(
    f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(x, kv(K_4)), x), kv(K_64)), x), kv(K_ZERO)),
    kv(K_R256),
  );
  return f64x2.div(f64x2.add(t, eps), f64x2.sub(kv(K_ONE), eps));
}

/** fdlibm sinKernel (|x| <= π/4). */
// @ts-ignore: decorator
@inline
export function sinKernelV(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  const r = f64x2.add(
    f64x2.add(kv(K_S1 + 1), f64x2.mul(z, f64x2.add(kv(K_S1 + 2), f64x2.mul(z, kv(K_S1 + 3))))),
    f64x2.mul(f64x2.mul(z, w), f64x2.add(kv(K_S1 + 4), f64x2.mul(z, kv(K_S1 + 5)))),
  );
  return f64x2.add(x, f64x2.mul(f64x2.mul(z, x), f64x2.add(kv(K_S1), f64x2.mul(z, r))));
}

/** fdlibm cosKernel (|x| <= π/4). */
// @ts-ignore: decorator
@inline
export function cosKernelV(x: v128): v128 {
  const one = kv(K_ONE);
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  const r = f64x2.add(
    f64x2.mul(z, f64x2.add(kv(K_C1), f64x2.mul(z, f64x2.add(kv(K_C1 + 1), f64x2.mul(z, kv(K_C1 + 2)))))),
    f64x2.mul(f64x2.mul(w, w), f64x2.add(kv(K_C1 + 3), f64x2.mul(z, f64x2.add(kv(K_C1 + 4), f64x2.mul(z, kv(K_C1 + 5)))))),
  );
  const hz = f64x2.mul(kv(K_HALF), z);
  const w1 = f64x2.sub(one, hz);
  return f64x2.add(w1, f64x2.add(f64x2.sub(f64x2.sub(one, w1), hz), f64x2.mul(z, r)));
}

// ---- Lambda12 and the Newton step ----

// @ts-ignore: decorator
@inline
function lf(L: usize, f: i32): v128 {
  return v128.load(L + <usize>f * FS);
}
// @ts-ignore: decorator
@inline
function sf(L: usize, f: i32, v: v128): void {
  v128.store(L + <usize>f * FS, v);
}

// sincosLanes' sines (lanes 0, 1), cosines, argument and lane mask.
// @ts-ignore: decorator
@lazy
export const SCS: usize = memory.data(64, 16);

/** Scalar sincos of the argument at SCS + 32, lanes of the mask at SCS + 48 (out of line: |x| > π/4). */
export function sincosLanes(): void {
  for (let k = 0; k < 2; k++) {
    const o = <usize>k << 3;
    if (load<u64>(SCS + o, 48) == 0) continue;
    sincos(load<f64>(SCS + o, 32));
    store<f64>(SCS + o, SINCOS0);
    store<f64>(SCS + o, SINCOS1, 16);
  }
}

/**
 * One Newton step for the two lanes of vector j: geodesic.ts lambda12(diffp = true) for the
 * trial alp1, the convergence test, and where the pure Newton step applies (dlam12 > 0,
 * |dalp1| < π, nsalp1 > 0) the new alp1; sets the L_CONV and L_ND masks.
 */
export function newtonStep(j: i32): void {
  const L = LANES + (<usize>j << 4);
  const zero = kv(K_ZERO);
  const one = kv(K_ONE);
  const sbet1 = lf(L, 0), cbet1 = lf(L, 1), sbet2 = lf(L, 3), cbet2 = lf(L, 4);
  const salp1 = lf(L, 6), calp1 = lf(L, 7);
  const salp0 = f64x2.mul(salp1, cbet1);
  const calp0 = hypotV(calp1, f64x2.mul(salp1, sbet1));
  let ssig1 = sbet1;
  const somg1 = f64x2.mul(salp0, sbet1);
  let csig1 = f64x2.mul(calp1, cbet1);
  const comg1 = csig1;
  let h = hypotV(ssig1, csig1);
  ssig1 = f64x2.div(ssig1, h);
  csig1 = f64x2.div(csig1, h);
  const dsq = v128.bitselect(
    f64x2.mul(f64x2.sub(cbet2, cbet1), f64x2.add(cbet1, cbet2)),
    f64x2.mul(f64x2.sub(sbet1, sbet2), f64x2.add(sbet1, sbet2)),
    f64x2.lt(cbet1, f64x2.neg(sbet1)),
  );
  const cc = f64x2.mul(calp1, cbet1);
  const gen = v128.or(f64x2.ne(cbet2, cbet1), f64x2.ne(f64x2.abs(sbet2), f64x2.neg(sbet1)));
  const calp2 = v128.bitselect(f64x2.div(f64x2.sqrt(f64x2.add(f64x2.mul(cc, cc), dsq)), cbet2), f64x2.abs(calp1), gen);
  let ssig2 = sbet2;
  const somg2 = f64x2.mul(salp0, sbet2);
  let csig2 = f64x2.mul(calp2, cbet2);
  const comg2 = csig2;
  h = hypotV(ssig2, csig2);
  ssig2 = f64x2.div(ssig2, h);
  csig2 = f64x2.div(csig2, h);
  const ys = f64x2.sub(f64x2.mul(csig1, ssig2), f64x2.mul(ssig1, csig2));
  const sig12 = atan2V(
    f64x2.add(v128.and(ys, f64x2.gt(ys, zero)), zero),
    f64x2.add(f64x2.mul(csig1, csig2), f64x2.mul(ssig1, ssig2)),
  );
  const yo = f64x2.sub(f64x2.mul(comg1, somg2), f64x2.mul(somg1, comg2));
  const somg12 = f64x2.add(v128.and(yo, f64x2.gt(yo, zero)), zero);
  const comg12 = f64x2.add(f64x2.mul(comg1, comg2), f64x2.mul(somg1, somg2));
  const slam = lf(L, 8), clam = lf(L, 9);
  const eta = atan2V(
    f64x2.sub(f64x2.mul(somg12, clam), f64x2.mul(comg12, slam)),
    f64x2.add(f64x2.mul(comg12, clam), f64x2.mul(somg12, slam)),
  );
  const k2 = f64x2.mul(f64x2.mul(calp0, calp0), ev(E_EP2));
  const eps = f64x2.div(k2, f64x2.add(f64x2.mul(kv(K_TWO), f64x2.add(one, f64x2.sqrt(f64x2.add(one, k2)))), k2));
  // C3f, A3f
  let mult = eps;
  const c31 = f64x2.mul(mult, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(
    f64x2.mul(ev(E_C3), eps), ev(E_C3 + 1)), eps), ev(E_C3 + 2)), eps), ev(E_C3 + 3)), eps), ev(E_C3 + 4)));
  mult = f64x2.mul(mult, eps);
  const c32 = f64x2.mul(mult, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(
    f64x2.mul(ev(E_C3 + 5), eps), ev(E_C3 + 6)), eps), ev(E_C3 + 7)), eps), ev(E_C3 + 8)));
  mult = f64x2.mul(mult, eps);
  const c33 = f64x2.mul(mult, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(ev(E_C3 + 9), eps), ev(E_C3 + 10)), eps), ev(E_C3 + 11)));
  mult = f64x2.mul(mult, eps);
  const c34 = f64x2.mul(mult, f64x2.add(f64x2.mul(ev(E_C3 + 12), eps), ev(E_C3 + 13)));
  mult = f64x2.mul(mult, eps);
  const c35 = f64x2.mul(mult, ev(E_C3 + 14));
  const ar1 = arOf(ssig1, csig1), p1 = pOf(ssig1, csig1);
  const ar2 = arOf(ssig2, csig2), p2 = pOf(ssig2, csig2);
  const B312 = f64x2.sub(series5(ar2, p2, c31, c32, c33, c34, c35), series5(ar1, p1, c31, c32, c33, c34, c35));
  const A3 = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(
    f64x2.mul(ev(E_A3), eps), ev(E_A3 + 1)), eps), ev(E_A3 + 2)), eps), ev(E_A3 + 3)), eps), ev(E_A3 + 4)), eps), ev(E_A3 + 5));
  const domg12 = f64x2.mul(f64x2.mul(f64x2.mul(ev(E_NEGF), A3), salp0), f64x2.add(sig12, B312));
  // Lengths(REDUCED_LENGTH): m12b, then dlam12.
  const e2 = f64x2.mul(eps, eps);
  let A1 = a1m1V(eps, e2);
  const t2 = f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(kv(K_M11), e2), kv(K_M28)), e2), kv(K_M192)), e2), zero), kv(K_R256));
  let A2 = f64x2.div(f64x2.sub(t2, eps), f64x2.add(one, eps));
  const m0x = f64x2.sub(A1, A2);
  A2 = f64x2.add(one, A2);
  A1 = f64x2.add(one, A1);
  // C1f and C2f (d = eps^l), combined at once: CB[l] = A1·C1[l] - A2·C2[l].
  let d = eps;
  const cb1 = f64x2.sub(
    f64x2.mul(A1, f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(f64x2.add(f64x2.neg(e2), kv(K_6)), e2), kv(K_M16))), kv(K_R32))),
    f64x2.mul(A2, f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(f64x2.add(e2, kv(K_TWO)), e2), kv(K_16))), kv(K_R32))));
  d = f64x2.mul(d, eps);
  const cb2 = f64x2.sub(
    f64x2.mul(A1, f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(kv(K_M9), e2), kv(K_64)), e2), kv(K_M128))), kv(K_R2048))),
    f64x2.mul(A2, f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(kv(K_35), e2), kv(K_64)), e2), kv(K_384))), kv(K_R2048))));
  d = f64x2.mul(d, eps);
  const cb3 = f64x2.sub(
    f64x2.mul(A1, f64x2.div(f64x2.mul(d, f64x2.add(f64x2.mul(kv(K_9), e2), kv(K_M16))), kv(K_768))),
    f64x2.mul(A2, f64x2.div(f64x2.mul(d, f64x2.add(f64x2.mul(kv(K_15), e2), kv(K_80))), kv(K_768))));
  d = f64x2.mul(d, eps);
  const cb4 = f64x2.sub(
    f64x2.mul(A1, f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(kv(K_3), e2), kv(K_M5))), kv(K_R512))),
    f64x2.mul(A2, f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(kv(K_7), e2), kv(K_35))), kv(K_R512))));
  d = f64x2.mul(d, eps);
  const cb5 = f64x2.sub(
    f64x2.mul(A1, f64x2.div(f64x2.mul(d, kv(K_M7)), kv(K_1280))),
    f64x2.mul(A2, f64x2.div(f64x2.mul(d, kv(K_63)), kv(K_1280))));
  d = f64x2.mul(d, eps);
  const cb6 = f64x2.sub(
    f64x2.mul(A1, f64x2.mul(f64x2.mul(d, kv(K_M7)), kv(K_R2048))),
    f64x2.mul(A2, f64x2.mul(f64x2.mul(d, kv(K_77)), kv(K_R2048))));
  const J12 = f64x2.add(f64x2.mul(m0x, sig12),
    f64x2.sub(series6(ar2, p2, cb1, cb2, cb3, cb4, cb5, cb6), series6(ar1, p1, cb1, cb2, cb3, cb4, cb5, cb6)));
  const m12b = f64x2.sub(
    f64x2.sub(f64x2.mul(lf(L, 5), f64x2.mul(csig1, ssig2)), f64x2.mul(lf(L, 2), f64x2.mul(ssig1, csig2))),
    f64x2.mul(f64x2.mul(csig1, csig2), J12));
  const dlam12 = v128.bitselect(
    f64x2.div(f64x2.mul(ev(E_NEG2F1), lf(L, 2)), sbet1),
    f64x2.mul(m12b, f64x2.div(ev(E_F1), f64x2.mul(calp2, cbet2))),
    f64x2.eq(calp2, zero),
  );
  const v = f64x2.add(eta, domg12);
  // The convergence test and the Newton step.
  const av = f64x2.abs(v);
  const conv = v128.not(f64x2.ge(av, v128.bitselect(kv(K_TOL0_8), kv(K_TOL0), lf(L, L_TRIPN))));
  const dalp1 = f64x2.div(f64x2.neg(v), dlam12);
  const ad = f64x2.abs(dalp1);
  let nd = v128.andnot(v128.and(f64x2.gt(dlam12, zero), f64x2.lt(ad, kv(K_PI_HI))), conv);
  // sincos(dalp1): the kernels (sin of a zero is the zero itself), lanes beyond π/4 by the scalar.
  let sd = v128.bitselect(dalp1, sinKernelV(dalp1), f64x2.eq(dalp1, zero));
  let cd = cosKernelV(dalp1);
  const far = v128.andnot(nd, f64x2.le(ad, kv(K_PIO4)));
  if (v128.any_true(far)) {
    v128.store(SCS, dalp1, 32);
    v128.store(SCS, far, 48);
    sincosLanes();
    sd = v128.bitselect(v128.load(SCS), sd, far);
    cd = v128.bitselect(v128.load(SCS, 16), cd, far);
  }
  const nsalp1 = f64x2.add(f64x2.mul(salp1, cd), f64x2.mul(calp1, sd));
  nd = v128.and(nd, f64x2.gt(nsalp1, zero));
  const ncalp1 = f64x2.sub(f64x2.mul(calp1, cd), f64x2.mul(salp1, sd));
  if (v128.any_true(nd)) {
    const hn = hypotV(nsalp1, ncalp1);
    sf(L, 6, v128.bitselect(f64x2.div(nsalp1, hn), salp1, nd));
    sf(L, 7, v128.bitselect(f64x2.div(ncalp1, hn), calp1, nd));
  }
  sf(L, L_TRIPN, f64x2.le(av, kv(K_TOL0_16)));
  sf(L, L_SSIG1, ssig1);
  sf(L, L_CSIG1, csig1);
  sf(L, L_SSIG2, ssig2);
  sf(L, L_CSIG2, csig2);
  sf(L, L_SIG12, sig12);
  sf(L, L_EPS, eps);
  sf(L, L_CONV, conv);
  sf(L, L_ND, nd);
}

/**
 * Lengths(DISTANCE) times b, 0 + s12 (geodesic.ts inverse()'s last steps) for the two final
 * states at FIN + 16j (fields of stride cap·8: eps, sig12, ssig1, csig1, ssig2, csig2).
 */
export function distanceV(fin: usize, stride: usize): v128 {
  const eps = v128.load(fin), sig12 = v128.load(fin + stride);
  const ssig1 = v128.load(fin + 2 * stride), csig1 = v128.load(fin + 3 * stride);
  const ssig2 = v128.load(fin + 4 * stride), csig2 = v128.load(fin + 5 * stride);
  const e2 = f64x2.mul(eps, eps);
  const A1 = f64x2.add(kv(K_ONE), a1m1V(eps, e2));
  let d = eps;
  const c1 = f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(f64x2.add(f64x2.neg(e2), kv(K_6)), e2), kv(K_M16))), kv(K_R32));
  d = f64x2.mul(d, eps);
  const c2 = f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(kv(K_M9), e2), kv(K_64)), e2), kv(K_M128))), kv(K_R2048));
  d = f64x2.mul(d, eps);
  const c3 = f64x2.div(f64x2.mul(d, f64x2.add(f64x2.mul(kv(K_9), e2), kv(K_M16))), kv(K_768));
  d = f64x2.mul(d, eps);
  const c4 = f64x2.mul(f64x2.mul(d, f64x2.add(f64x2.mul(kv(K_3), e2), kv(K_M5))), kv(K_R512));
  d = f64x2.mul(d, eps);
  const c5 = f64x2.div(f64x2.mul(d, kv(K_M7)), kv(K_1280));
  d = f64x2.mul(d, eps);
  const c6 = f64x2.mul(f64x2.mul(d, kv(K_M7)), kv(K_R2048));
  const B1 = f64x2.sub(
    series6(arOf(ssig2, csig2), pOf(ssig2, csig2), c1, c2, c3, c4, c5, c6),
    series6(arOf(ssig1, csig1), pOf(ssig1, csig1), c1, c2, c3, c4, c5, c6),
  );
  return f64x2.add(kv(K_ZERO), f64x2.mul(f64x2.mul(A1, f64x2.add(sig12, B1)), ev(E_B)));
}
