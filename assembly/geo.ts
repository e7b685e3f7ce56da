// Great-circle distance on a sphere: Vincenty's atan2 formula in a cancellation-free form, with
// exact degree reduction before any conversion to radians, and trigonometry by fixed polynomial
// kernels instead of a libm, so that every backend (and the SIMD kernels in geo-simd.ts) returns
// bit-identical results.
//
// Implements docs/algorithms.md ("greatCircle") operation for operation, in the order written
// there. Only + - * /, sqrt, floor, min/max, abs, comparisons/selects and the exact fmod (`%` on
// f64 is NativeMath.mod, a port of musl's fmod.c, which is exact) are used; all are correctly
// rounded IEEE operations, and WebAssembly never fuses a multiply-add, so the result is fully
// determined by the spec.
//
// Sources:
// - sinKernel, cosKernel, atan01, centralAngle: fdlibm.ts.
// - remainder360, sincosd, angDiff: after GeographicLib (C. F. F. Karney, "Algorithms for
//   geodesics", J. Geodesy 87 (2013), 43–55; Math::sincosd, Math::AngDiff, Math::sum, which is
//   Knuth's TwoSum, TAOCP vol. 2, §4.2.2).
//
// Layout: the scalar kernel `greatCircle` is split into "per-point" parts (remainder360 of each
// longitude, sincosd of each latitude) and `centralAngleFromParts` (everything that depends on
// both points). The batch kernels reuse exactly these functions, so scalar, batch and matrix
// results are the same bits.

import {
  S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6,
  ATANHI0, ATANHI1, ATANLO0, ATANLO1,
  AT0, AT1, AT2, AT3, AT4, AT5, AT6, AT7, AT8, AT9, AT10,
  PIO2_HI, PIO2_LO, PI_HI, PI_LO, RADIANS_PER_DEGREE, DEGREES_TO_QUADRANTS,
  sinKernel, cosKernel, atan01, centralAngle,
} from "./fdlibm";

// ---------------------------------------------------------------------------------------------
// Exact degree arithmetic (GeographicLib)

/** x reduced exactly to [-180, 180]: fmod is exact, the ±360 corrections exact by Sterbenz. */
// @ts-ignore: decorator
@inline
export function remainder360(x: f64): f64 {
  let r = x % 360.0;
  if (r > 180.0) r -= 360.0;
  else if (r < -180.0) r += 360.0;
  return r;
}

// sincosd(x), |x| <= 270, in three inline steps so that no pair of results has to be returned:
//   q = sdQuadrant(x); r = sdReduce(x, q); s = sinKernel(r); c = cosKernel(r);
//   sin = quadSin(q, s, c); cos = quadCos(q, s, c)
// quadSin/quadCos implement the table of docs/algorithms.md, by q mod 4:
//   0: (s, c)   1: (c, -s)   2: (-s, -c)   3: (-c, s)
// i.e. swap when q is odd, negate sin when q & 2, negate cos when (q + 1) & 2 (two's complement,
// so q = -1 behaves as 3).

/** The nearest quarter turn: floor(x * DEGREES_TO_QUADRANTS + 0.5). */
// @ts-ignore: decorator
@inline
export function sdQuadrant(x: f64): f64 {
  return Math.floor(x * DEGREES_TO_QUADRANTS + 0.5);
}

/** (x - q*90) * RADIANS_PER_DEGREE; x - q*90 is exact. */
// @ts-ignore: decorator
@inline
export function sdReduce(x: f64, q: f64): f64 {
  return (x - q * 90.0) * RADIANS_PER_DEGREE;
}

// @ts-ignore: decorator
@inline
export function quadSin(q: i32, s: f64, c: f64): f64 {
  const v = (q & 1) ? c : s;
  return (q & 2) ? -v : v;
}

// @ts-ignore: decorator
@inline
export function quadCos(q: i32, s: f64, c: f64): f64 {
  const v = (q & 1) ? s : c;
  return ((q + 1) & 2) ? -v : v;
}

/**
 * The central angle between two points given by their parts:
 *   a = remainder360(-lon1), b = remainder360(lon2) (the first two steps of angDiff),
 *   lat1 with (s1, c1) = sincosd(lat1), lat2 with c2 = cos of sincosd(lat2).
 * Continues angDiff (TwoSum, the last remainder360) and evaluates the kernel of
 * docs/algorithms.md; the result is in radians (multiply by the radius).
 */
// @ts-ignore: decorator
@inline
export function centralAngleFromParts(a: f64, b: f64, lat1: f64, s1: f64, c1: f64, lat2: f64, c2: f64): f64 {
  // angDiff, continued: Knuth's TwoSum, t + e == a + b exactly.
  const t = a + b;
  const bb = t - a;
  const e = (a - (t - bb)) + (b - bb);
  const dlon = remainder360(t) + e;           // degrees, in about [-180, 180]

  // (sdp, cdp) = sincosd(lat2 - lat1), the difference taken in degrees
  const dp = lat2 - lat1;
  const qp = sdQuadrant(dp);
  const rp = sdReduce(dp, qp);
  const sp = sinKernel(rp), cp = cosKernel(rp);
  const qpi = <i32>qp;
  const sdp = quadSin(qpi, sp, cp), cdp = quadCos(qpi, sp, cp);

  // (sh, ch) = sincosd(dlon * 0.5)
  const hl = dlon * 0.5;
  const qh = sdQuadrant(hl);
  const rh = sdReduce(hl, qh);
  const sv = sinKernel(rh), cv = cosKernel(rh);
  const qhi = <i32>qh;
  const sh = quadSin(qhi, sv, cv), ch = quadCos(qhi, sv, cv);

  const h = 2.0 * sh * sh;                    // 1 - cos(dlon), no cancellation
  const x = c2 * (2.0 * sh * ch);             // cos(lat2) sin(dlon)
  const y = sdp + s1 * c2 * h;                // cos(lat1) sin(lat2) - sin(lat1) cos(lat2) cos(dlon)
  const z = cdp - c1 * c2 * h;                // sin(lat1) sin(lat2) + cos(lat1) cos(lat2) cos(dlon)
  return centralAngle(Math.sqrt(x * x + y * y), z);
}

/** Central angle between (lon1, lat1) and (lon2, lat2) in degrees, times radius. */
// @ts-ignore: decorator
@inline
export function greatCircleInline(lon1: f64, lat1: f64, lon2: f64, lat2: f64, radius: f64): f64 {
  // angDiff(lon1, lon2), first half
  const a = remainder360(-lon1);
  const b = remainder360(lon2);
  // (s1, c1) = sincosd(lat1)
  const q1 = sdQuadrant(lat1);
  const r1 = sdReduce(lat1, q1);
  const sa = sinKernel(r1), ca = cosKernel(r1);
  const q1i = <i32>q1;
  const s1 = quadSin(q1i, sa, ca), c1 = quadCos(q1i, sa, ca);
  // c2 = cos part of sincosd(lat2) (s2 is not needed)
  const q2 = sdQuadrant(lat2);
  const r2 = sdReduce(lat2, q2);
  const sb = sinKernel(r2), cb = cosKernel(r2);
  const c2 = quadCos(<i32>q2, sb, cb);
  return centralAngleFromParts(a, b, lat1, s1, c1, lat2, c2) * radius;
}

/** Central angle between (lon1, lat1) and (lon2, lat2) in degrees, times radius. */
export function greatCircle(lon1: f64, lat1: f64, lon2: f64, lat2: f64, radius: f64): f64 {
  if (ASC_FEATURE_SIMD) return greatCircleOnePairSimd(lon1, lat1, lon2, lat2, radius);
  return greatCircleOnePair(lon1, lat1, lon2, lat2, radius);
}

// ---------------------------------------------------------------------------------------------
// The single-call kernel (the `greatCircle` export), branch-free
//
// The same operations as greatCircleInline, in the same order (so the same bits), in a form V8
// compiles well for one call at a time. V8 (11.x, Node 20) turns every f64 `select` and
// Math.max/min into a branch, and on random pairs the quadrant choices, S > |C|, C < 0, atan01's
// range and the ±360 correction of the longitude difference are coin flips: mispredictions were
// most of the ~100 ns a call cost. Here every choice is bitwise (and/xor with masks), fmod runs
// only for |x| > 540 (below it is the identity or the exact x ∓ 360, which the correction step
// produces anyway; the one difference, the sign of a zero at x = -360, cannot reach the result:
// see geo-simd.ts), atan01 divides once by a selected denominator (as geo-simd.ts and native),
// and with SIMD the four sincosd run as two f64x2 pairs (lat1, lat2) and (lat2 - lat1, dlon / 2),
// lane by lane the scalar operations. docs/algorithms.md, "Measured choices".

/** c ? a : b, bit for bit, without a branch. */
// @ts-ignore: decorator
@inline
function selectBits(c: bool, a: f64, b: f64): f64 {
  const m = -(<i64>c);
  const ab = reinterpret<i64>(a), bb = reinterpret<i64>(b);
  return reinterpret<f64>(bb ^ ((ab ^ bb) & m));
}

/** remainder360 without branches on the data; fmod only for |x| > 540. */
// @ts-ignore: decorator
@inline
function remainder360Bits(x: f64): f64 {
  let r = Math.abs(x) <= 540.0 ? x : x % 360.0;
  r = selectBits(r > 180.0, r - 360.0, r);
  return selectBits(r < -180.0, r + 360.0, r);
}

/** remainder360 for |x| <= 360 (the TwoSum of two reduced longitudes). */
// @ts-ignore: decorator
@inline
function remainder360SmallBits(x: f64): f64 {
  const r = selectBits(x > 180.0, x - 360.0, x);
  return selectBits(r < -180.0, r + 360.0, r);
}

/** The quadrant bits of q = sdQuadrant(x): the low bits of q + 1.5·2^52 are q in two's complement. */
// @ts-ignore: decorator
@inline
function quadrantBits(q: f64): i64 {
  return reinterpret<i64>(q + 6755399441055744.0);
}

/** quadSin by quadrant bits. */
// @ts-ignore: decorator
@inline
function quadSinBits(qb: i64, s: f64, c: f64): f64 {
  const sb = reinterpret<i64>(s), cb = reinterpret<i64>(c);
  const d = (sb ^ cb) & -(qb & 1);
  return reinterpret<f64>((sb ^ d) ^ ((qb & 2) << 62));
}

/** quadCos by quadrant bits. */
// @ts-ignore: decorator
@inline
function quadCosBits(qb: i64, s: f64, c: f64): f64 {
  const sb = reinterpret<i64>(s), cb = reinterpret<i64>(c);
  const d = (sb ^ cb) & -(qb & 1);
  return reinterpret<f64>((cb ^ d) ^ (((qb + 1) & 2) << 62));
}

/** atan01 with one division and bitwise selects; with SIMD its two Horner chains side by side. */
// @ts-ignore: decorator
@inline
function atan01Bits(t: f64): f64 {
  const small = t < 0.4375;
  const mid = t < 0.6875;
  const num = selectBits(mid, 2.0 * t - 1.0, t - 1.0);
  const den = selectBits(mid, 2.0 + t, t + 1.0);
  const x = selectBits(small, t, num / den);
  const hi = selectBits(small, 0.0, selectBits(mid, ATANHI0, ATANHI1));
  const lo = selectBits(small, 0.0, selectBits(mid, ATANLO0, ATANLO1));
  const z = x * x;
  const w = z * z;
  let s1: f64, s2: f64;
  if (ASC_FEATURE_SIMD) {
    // Both Horner chains side by side: lane 0 AT8, AT6, AT4, AT2 (then AT0), lane 1 AT7 .. AT1.
    const W = f64x2.splat(w);
    let p = f64x2.add(onePairK(K1_AT8_AT7), f64x2.mul(W, onePairK(K1_AT10_AT9)));
    p = f64x2.add(onePairK(K1_AT6_AT5), f64x2.mul(W, p));
    p = f64x2.add(onePairK(K1_AT4_AT3), f64x2.mul(W, p));
    p = f64x2.add(onePairK(K1_AT2_AT1), f64x2.mul(W, p));
    s1 = z * (AT0 + w * f64x2.extract_lane(p, 0));
    s2 = w * f64x2.extract_lane(p, 1);
  } else {
    s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
    s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  }
  return hi - ((x * (s1 + s2) - lo) - x);
}

/** centralAngle with bitwise selects. */
// @ts-ignore: decorator
@inline
function centralAngleBits(S: f64, C: f64): f64 {
  const a = Math.abs(C);
  const sgt = S > a;
  const big = selectBits(sgt, S, a);
  const small = selectBits(sgt, a, S);
  const t = small / selectBits(big == 0.0, 1.0, big);  // big == 0: small is +0 too
  let r = atan01Bits(t);
  r = selectBits(sgt, PIO2_HI - (r - PIO2_LO), r);
  return selectBits(C < 0.0, PI_HI - (r - PI_LO), r);
}

/** The end of the kernel from the sincosd results. */
// @ts-ignore: decorator
@inline
function finishBits(s1: f64, c1: f64, c2: f64, sdp: f64, cdp: f64, sh: f64, ch: f64, radius: f64): f64 {
  const h = 2.0 * sh * sh;
  const x = c2 * (2.0 * sh * ch);
  const y = sdp + s1 * c2 * h;
  const z = cdp - c1 * c2 * h;
  return centralAngleBits(Math.sqrt(x * x + y * y), z) * radius;
}

/** angDiff(lon1, lon2), branch-free. */
// @ts-ignore: decorator
@inline
function angDiffBits(lon1: f64, lon2: f64): f64 {
  const a = remainder360Bits(-lon1);
  const b = remainder360Bits(lon2);
  const t = a + b;
  const bb = t - a;
  const e = (a - (t - bb)) + (b - bb);
  return remainder360SmallBits(t) + e;
}

/** greatCircle without SIMD. */
function greatCircleOnePair(lon1: f64, lat1: f64, lon2: f64, lat2: f64, radius: f64): f64 {
  const dlon = angDiffBits(lon1, lon2);
  const q1 = sdQuadrant(lat1);
  const r1 = sdReduce(lat1, q1);
  const sa = sinKernel(r1), ca = cosKernel(r1);
  const q1b = quadrantBits(q1);
  const q2 = sdQuadrant(lat2);
  const r2 = sdReduce(lat2, q2);
  const sb = sinKernel(r2), cb = cosKernel(r2);
  const dp = lat2 - lat1;
  const qp = sdQuadrant(dp);
  const rp = sdReduce(dp, qp);
  const sp = sinKernel(rp), cp = cosKernel(rp);
  const qpb = quadrantBits(qp);
  const hl = dlon * 0.5;
  const qh = sdQuadrant(hl);
  const rh = sdReduce(hl, qh);
  const sv = sinKernel(rh), cv = cosKernel(rh);
  const qhb = quadrantBits(qh);
  return finishBits(
    quadSinBits(q1b, sa, ca), quadCosBits(q1b, sa, ca), quadCosBits(quadrantBits(q2), sb, cb),
    quadSinBits(qpb, sp, cp), quadCosBits(qpb, sp, cp), quadSinBits(qhb, sv, cv), quadCosBits(qhb, sv, cv), radius,
  );
}

// Constants of the SIMD single-call kernel, one 16-byte entry each (a table load is one
// instruction; V8 rematerializes a v128.const at every use). Only compiled into the SIMD build.
// @ts-ignore: decorator
@lazy
const ONE_PAIR_K: usize = memory.data<f64>([
  S1, S1, S2, S2, S3, S3, S4, S4, S5, S5, S6, S6,
  C1, C1, C2, C2, C3, C3, C4, C4, C5, C5, C6, C6,
  0.5, 0.5, 1.0, 1.0, 90.0, 90.0,
  DEGREES_TO_QUADRANTS, DEGREES_TO_QUADRANTS, RADIANS_PER_DEGREE, RADIANS_PER_DEGREE,
  6755399441055744.0, 6755399441055744.0,
  AT8, AT7, AT10, AT9, AT6, AT5, AT4, AT3, AT2, AT1,
], 16);
const K1_S1: usize = 0;
const K1_C1: usize = 6;
const K1_HALF: usize = 12;
const K1_ONE: usize = 13;
const K1_90: usize = 14;
const K1_DEGREES_TO_QUADRANTS: usize = 15;
const K1_RADIANS_PER_DEGREE: usize = 16;
const K1_MAGIC: usize = 17;
const K1_AT8_AT7: usize = 18;
const K1_AT10_AT9: usize = 19;
const K1_AT6_AT5: usize = 20;
const K1_AT4_AT3: usize = 21;
const K1_AT2_AT1: usize = 22;

// @ts-ignore: decorator
@inline
function onePairK(i: usize): v128 {
  return v128.load(ONE_PAIR_K + (i << 4));
}

/** Two sincosd side by side; returns the sines, the cosines in `ONE_PAIR_COS`. */
// @ts-ignore: decorator
@lazy
let ONE_PAIR_COS: v128 = i64x2.splat(0);
// @ts-ignore: decorator
@inline
function sincosd2(x: v128): v128 {
  // sdQuadrant, sdReduce
  const q = f64x2.floor(f64x2.add(f64x2.mul(x, onePairK(K1_DEGREES_TO_QUADRANTS)), onePairK(K1_HALF)));
  const r = f64x2.mul(f64x2.sub(x, f64x2.mul(q, onePairK(K1_90))), onePairK(K1_RADIANS_PER_DEGREE));
  const qb = f64x2.add(q, onePairK(K1_MAGIC));
  const z = f64x2.mul(r, r);
  const w = f64x2.mul(z, z);
  // sinKernel: x + v*(S1 + z*r'), r' = S2 + z*(S3 + z*S4) + z*w*(S5 + z*S6), v = z*x
  const sr = f64x2.add(
    f64x2.add(onePairK(K1_S1 + 1), f64x2.mul(z, f64x2.add(onePairK(K1_S1 + 2), f64x2.mul(z, onePairK(K1_S1 + 3))))),
    f64x2.mul(f64x2.mul(z, w), f64x2.add(onePairK(K1_S1 + 4), f64x2.mul(z, onePairK(K1_S1 + 5)))),
  );
  const s = f64x2.add(r, f64x2.mul(f64x2.mul(z, r), f64x2.add(onePairK(K1_S1), f64x2.mul(z, sr))));
  // cosKernel: r' = z*(C1 + z*(C2 + z*C3)) + w*w*(C4 + z*(C5 + z*C6)); hz = 0.5*z; w' = 1 - hz;
  // w' + (((1 - w') - hz) + z*r')
  const cr = f64x2.add(
    f64x2.mul(z, f64x2.add(onePairK(K1_C1), f64x2.mul(z, f64x2.add(onePairK(K1_C1 + 1), f64x2.mul(z, onePairK(K1_C1 + 2)))))),
    f64x2.mul(f64x2.mul(w, w), f64x2.add(onePairK(K1_C1 + 3), f64x2.mul(z, f64x2.add(onePairK(K1_C1 + 4), f64x2.mul(z, onePairK(K1_C1 + 5)))))),
  );
  const hz = f64x2.mul(onePairK(K1_HALF), z);
  const one = onePairK(K1_ONE);
  const w1 = f64x2.sub(one, hz);
  const c = f64x2.add(w1, f64x2.add(f64x2.sub(f64x2.sub(one, w1), hz), f64x2.mul(z, cr)));
  // quadSin / quadCos: swap when q is odd, negate sin when q & 2, cos when (q + 1) & 2
  const one64 = i64x2.splat(1), two64 = i64x2.splat(2);
  const d = v128.and(v128.xor(s, c), i64x2.neg(v128.and(qb, one64)));
  ONE_PAIR_COS = v128.xor(v128.xor(c, d), i64x2.shl(v128.and(i64x2.add(qb, one64), two64), 62));
  return v128.xor(v128.xor(s, d), i64x2.shl(v128.and(qb, two64), 62));
}

/** greatCircle with SIMD: sincosd of (lat1, lat2) and of (lat2 - lat1, dlon / 2) as f64x2 pairs. */
function greatCircleOnePairSimd(lon1: f64, lat1: f64, lon2: f64, lat2: f64, radius: f64): f64 {
  const dlon = angDiffBits(lon1, lon2);
  const sinA = sincosd2(f64x2.replace_lane(f64x2.splat(lat1), 1, lat2));
  const cosA = ONE_PAIR_COS;
  const sinB = sincosd2(f64x2.replace_lane(f64x2.splat(lat2 - lat1), 1, dlon * 0.5));
  const cosB = ONE_PAIR_COS;
  return finishBits(
    f64x2.extract_lane(sinA, 0), f64x2.extract_lane(cosA, 0), f64x2.extract_lane(cosA, 1),
    f64x2.extract_lane(sinB, 0), f64x2.extract_lane(cosB, 0), f64x2.extract_lane(sinB, 1), f64x2.extract_lane(cosB, 1),
    radius,
  );
}

// ---------------------------------------------------------------------------------------------
// Batch kernels, scalar versions (the SIMD versions are in geo-simd.ts)
//
// Same operations as greatCircle, reorganized over blocks of up to SBLOCK elements in passes
// through a scratch area, as in geo-simd.ts: A. the exact degree reductions (storing each of the
// four sincosd's reduced argument r and quadrant q); B. sinKernel and cosKernel of every stored r;
// C1. the quadrant selections and the kernel's h, x, y, z → S = sqrt(x² + y²), z;
// C2. centralAngle(S, z) × radius, two elements per iteration. Short loops with independent
// iterations let the CPU overlap the long per-element dependency chain (sqrt → div → div → atan
// polynomial), which the single-call form cannot; the result of each element is the same bits.

const SBLOCK: i32 = 128;
// Entry k: f64 r, sinKernel(r), cosKernel(r) (24 bytes); entries 4i .. 4i + 3 belong to element
// i of the block: lat1, lat2, lat2 - lat1, dlon / 2 (the matrix uses 2i, 2i + 1: dp, dlon / 2).
// @ts-ignore: decorator
@lazy
const S_ENTRIES: usize = memory.data(SBLOCK * 4 * 24, 16);
// Quadrant of entry k (i32).
// @ts-ignore: decorator
@lazy
const S_QUAD: usize = memory.data(SBLOCK * 4 * 4, 16);
// Per element: S and z, the arguments of centralAngle.
// @ts-ignore: decorator
@lazy
const S_SZ: usize = memory.data(SBLOCK * 16, 16);

// @ts-ignore: decorator
@inline
function reduceIntoS(k: usize, x: f64): void {
  const q = sdQuadrant(x);
  store<f64>(S_ENTRIES + k * 24, sdReduce(x, q));
  store<i32>(S_QUAD + (k << 2), <i32>q);
}

// @ts-ignore: decorator
@inline
function kernelsPassS(count: usize): void {
  for (let e = S_ENTRIES, end = S_ENTRIES + count * 24; e < end; e += 24) {
    const r = load<f64>(e);
    store<f64>(e, sinKernel(r), 8);
    store<f64>(e, cosKernel(r), 16);
  }
}

// @ts-ignore: decorator
@inline
function sinOfS(k: usize): f64 {
  return quadSin(load<i32>(S_QUAD + (k << 2)), load<f64>(S_ENTRIES + k * 24, 8), load<f64>(S_ENTRIES + k * 24, 16));
}

// @ts-ignore: decorator
@inline
function cosOfS(k: usize): f64 {
  return quadCos(load<i32>(S_QUAD + (k << 2)), load<f64>(S_ENTRIES + k * 24, 8), load<f64>(S_ENTRIES + k * 24, 16));
}

/** angDiff from its first half (a = remainder360(-lon1), b = remainder360(lon2)), halved. */
// @ts-ignore: decorator
@inline
function halfDlonS(a: f64, b: f64): f64 {
  const t = a + b;
  const bb = t - a;
  const e = (a - (t - bb)) + (b - bb);
  return (remainder360(t) + e) * 0.5;
}

/** Pass C1 for element i: h, x, y, z → S, z. */
// @ts-ignore: decorator
@inline
function kernelSZS(i: usize, s1: f64, c1: f64, c2: f64, sdp: f64, cdp: f64, sh: f64, ch: f64): void {
  const h = 2.0 * sh * sh;
  const x = c2 * (2.0 * sh * ch);
  const y = sdp + s1 * c2 * h;
  const z = cdp - c1 * c2 * h;
  store<f64>(S_SZ + (i << 4), Math.sqrt(x * x + y * y));
  store<f64>(S_SZ + (i << 4), z, 8);
}

/** Pass C2: out[i] = centralAngle(S, z) * radius for the block's m elements. */
// @ts-ignore: decorator
@inline
function anglePassS(out: usize, m: usize, radius: f64): void {
  let e = S_SZ;
  const end = S_SZ + (m << 4);
  for (; e + 16 < end; e += 32) {
    const A = centralAngle(load<f64>(e), load<f64>(e, 8));
    const B = centralAngle(load<f64>(e, 16), load<f64>(e, 24));
    store<f64>(out, A * radius);
    store<f64>(out, B * radius, 8);
    out += 16;
  }
  if (e < end) store<f64>(out, centralAngle(load<f64>(e), load<f64>(e, 8)) * radius);
}

/**
 * out[i] = greatCircle(lon1[i], lat1[i], lon2[i], lat2[i], radius) for i < n, all arrays f64 in
 * linear memory. Bit k of `stepMask` (k = 0..3 for lon1, lat1, lon2, lat2) is set when that array
 * advances; a clear bit broadcasts its element 0.
 */
export function greatCircleManyScalar(
  lon1: usize, lat1: usize, lon2: usize, lat2: usize, stepMask: i32, n: i32, radius: f64, out: usize,
): void {
  const d0 = <usize>((stepMask & 1) << 3);
  const d1 = <usize>((stepMask & 2) << 2);
  const d2 = <usize>((stepMask & 4) << 1);
  const d3 = <usize>(stepMask & 8);
  while (n > 0) {
    const m = <usize>(n < SBLOCK ? n : SBLOCK);
    // A: reductions
    for (let i: usize = 0; i < m; ++i) {
      const la1 = load<f64>(lat1), la2 = load<f64>(lat2);
      reduceIntoS(4 * i, la1);
      reduceIntoS(4 * i + 1, la2);
      reduceIntoS(4 * i + 2, la2 - la1);
      reduceIntoS(4 * i + 3, halfDlonS(remainder360(-load<f64>(lon1)), remainder360(load<f64>(lon2))));
      lon1 += d0; lat1 += d1; lon2 += d2; lat2 += d3;
    }
    // B: polynomials
    kernelsPassS(4 * m);
    // C1, C2
    for (let i: usize = 0; i < m; ++i) {
      const k: usize = 4 * i;
      kernelSZS(i, sinOfS(k), cosOfS(k), cosOfS(k + 1), sinOfS(k + 2), cosOfS(k + 2), sinOfS(k + 3), cosOfS(k + 3));
    }
    anglePassS(out, m, radius);
    out += m << 3;
    n -= <i32>m;
  }
}

/**
 * Per-point parts for the matrix kernel, in place: for i < n,
 *   lon[i] <- remainder360(negate ? -lon[i] : lon[i]),  sin[i], cos[i] <- sincosd(lat[i]).
 * Row points (A) are prepared with negate = 1 (angDiff's a = remainder360(-lon1)), column
 * points (B) with negate = 0 (b = remainder360(lon2)).
 */
export function geoPrepare(lon: usize, lat: usize, n: i32, negate: i32, sin: usize, cos: usize): void {
  for (let i = 0; i < n; ++i) {
    const o = <usize>i << 3;
    const l = load<f64>(lon + o);
    store<f64>(lon + o, remainder360(negate ? -l : l));
    const x = load<f64>(lat + o);
    const q = sdQuadrant(x);
    const r = sdReduce(x, q);
    const s = sinKernel(r), c = cosKernel(r);
    const qi = <i32>q;
    store<f64>(sin + o, quadSin(qi, s, c));
    store<f64>(cos + o, quadCos(qi, s, c));
  }
}

/**
 * out[i * nB + j] = central angle between prepared row point i and prepared column point j,
 * times radius, for i < nA, j < nB (see geoPrepare).
 */
export function greatCircleTileScalar(
  aRem: usize, aLat: usize, aSin: usize, aCos: usize, nA: i32,
  bRem: usize, bLat: usize, bCos: usize, nB: i32,
  radius: f64, out: usize,
): void {
  for (let r = 0; r < nA; ++r) {
    const oi = <usize>r << 3;
    const a = load<f64>(aRem + oi), lat1 = load<f64>(aLat + oi);
    const s1 = load<f64>(aSin + oi), c1 = load<f64>(aCos + oi);
    let left = nB;
    let col: usize = 0; // byte offset of the block's first column
    while (left > 0) {
      const m = <usize>(left < SBLOCK ? left : SBLOCK);
      for (let i: usize = 0; i < m; ++i) {
        const oj = col + (i << 3);
        reduceIntoS(2 * i, load<f64>(bLat + oj) - lat1);
        reduceIntoS(2 * i + 1, halfDlonS(a, load<f64>(bRem + oj)));
      }
      kernelsPassS(2 * m);
      for (let i: usize = 0; i < m; ++i) {
        const k: usize = 2 * i;
        kernelSZS(i, s1, c1, load<f64>(bCos + col + (i << 3)), sinOfS(k), cosOfS(k), sinOfS(k + 1), cosOfS(k + 1));
      }
      anglePassS(out, m, radius);
      out += m << 3;
      col += m << 3;
      left -= <i32>m;
    }
  }
}

/**
 * Whether |x| <= limit for the n doubles at `values` (false for NaN): limit 90 tests latitudes,
 * f64.MAX_VALUE finiteness. The coordinate check's scalar form (coordinatesInDomain, src/contract.ts).
 */
export function allWithinScalar(values: usize, n: i32, limit: f64): bool {
  for (let i = 0; i < n; ++i) {
    if (!(Math.abs(load<f64>(values + (<usize>i << 3))) <= limit)) return false;
  }
  return true;
}
