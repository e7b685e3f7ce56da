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

import {
  S1, S2, S3, S4, S5, S6, C1, C2, C3, C4, C5, C6,
  ATANHI0, ATANHI1, ATANLO0, ATANLO1,
  AT0, AT1, AT2, AT3, AT4, AT5, AT6, AT7, AT8, AT9, AT10,
  PIO2_HI, PIO2_LO, PI_HI, PI_LO, RADIANS_PER_DEGREE, DEGREES_TO_QUADRANTS,
  greatCircleInline, centralAngleFromParts,
} from "./geo";

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
    f64x2.add(k2(S2), f64x2.mul(z, f64x2.add(k2(S3), f64x2.mul(z, k2(S4))))),
    f64x2.mul(f64x2.mul(z, w), f64x2.add(k2(S5), f64x2.mul(z, k2(S6)))),
  );
  const v = f64x2.mul(z, x);
  // x + v*(S1 + z*r)
  return f64x2.add(x, f64x2.mul(v, f64x2.add(k2(S1), f64x2.mul(z, r))));
}

// @ts-ignore: decorator
@inline
function cosKernel2(x: v128): v128 {
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  // r = z*(C1 + z*(C2 + z*C3)) + w*w*(C4 + z*(C5 + z*C6))
  const r = f64x2.add(
    f64x2.mul(z, f64x2.add(k2(C1), f64x2.mul(z, f64x2.add(k2(C2), f64x2.mul(z, k2(C3)))))),
    f64x2.mul(f64x2.mul(w, w), f64x2.add(k2(C4), f64x2.mul(z, f64x2.add(k2(C5), f64x2.mul(z, k2(C6)))))),
  );
  const hz = f64x2.mul(k2(0.5), z);
  const w1 = f64x2.sub(k2(1.0), hz);
  // w + (((1 - w) - hz) + z*r)
  return f64x2.add(w1, f64x2.add(f64x2.sub(f64x2.sub(k2(1.0), w1), hz), f64x2.mul(z, r)));
}

// @ts-ignore: decorator
@inline
function atan01x2(t: v128): v128 {
  const r0 = f64x2.lt(t, k2(0.4375));
  const r1 = f64x2.lt(t, k2(0.6875));
  // range 0: t / 1;  range 1: (2t - 1) / (2 + t);  range 2: (t - 1) / (t + 1)
  const num = v128.bitselect(t, v128.bitselect(
    f64x2.sub(f64x2.mul(k2(2.0), t), k2(1.0)), f64x2.sub(t, k2(1.0)), r1), r0);
  const den = v128.bitselect(k2(1.0), v128.bitselect(
    f64x2.add(k2(2.0), t), f64x2.add(t, k2(1.0)), r1), r0);
  const hi = v128.bitselect(k2(0.0), v128.bitselect(k2(ATANHI0), k2(ATANHI1), r1), r0);
  const lo = v128.bitselect(k2(0.0), v128.bitselect(k2(ATANLO0), k2(ATANLO1), r1), r0);
  const x = f64x2.div(num, den);
  const z = f64x2.mul(x, x);
  const w = f64x2.mul(z, z);
  // s1 = z*(AT0 + w*(AT2 + w*(AT4 + w*(AT6 + w*(AT8 + w*AT10)))))
  const s1 = f64x2.mul(z, f64x2.add(k2(AT0), f64x2.mul(w, f64x2.add(k2(AT2), f64x2.mul(w, f64x2.add(k2(AT4),
    f64x2.mul(w, f64x2.add(k2(AT6), f64x2.mul(w, f64x2.add(k2(AT8), f64x2.mul(w, k2(AT10)))))))))))));
  // s2 = w*(AT1 + w*(AT3 + w*(AT5 + w*(AT7 + w*AT9))))
  const s2 = f64x2.mul(w, f64x2.add(k2(AT1), f64x2.mul(w, f64x2.add(k2(AT3), f64x2.mul(w, f64x2.add(k2(AT5),
    f64x2.mul(w, f64x2.add(k2(AT7), f64x2.mul(w, k2(AT9))))))))));
  // hi - ((x*(s1 + s2) - lo) - x)
  return f64x2.sub(hi, f64x2.sub(f64x2.sub(f64x2.mul(x, f64x2.add(s1, s2)), lo), x));
}

// @ts-ignore: decorator
@inline
function centralAngle2(S: v128, C: v128): v128 {
  const a = f64x2.abs(C);
  const big = f64x2.max(S, a);
  const small = f64x2.min(S, a);
  const t = v128.bitselect(k2(0.0), f64x2.div(small, big), f64x2.eq(big, k2(0.0)));
  let r = atan01x2(t);
  r = v128.bitselect(f64x2.sub(k2(PIO2_HI), f64x2.sub(r, k2(PIO2_LO))), r, f64x2.gt(S, a));
  r = v128.bitselect(f64x2.sub(k2(PI_HI), f64x2.sub(r, k2(PI_LO))), r, f64x2.lt(C, k2(0.0)));
  return r;
}

/** The ±360 correction of remainder360, for lanes already in [-540, 540] (or fmod-reduced). */
// @ts-ignore: decorator
@inline
function correct360(x: v128): v128 {
  let r = v128.bitselect(f64x2.sub(x, k2(360.0)), x, f64x2.gt(x, k2(180.0)));
  r = v128.bitselect(f64x2.add(x, k2(360.0)), r, f64x2.lt(x, k2(-180.0)));
  return r;
}

/** remainder360 lane-wise: fast path for |x| <= 540, the exact scalar fmod for lanes beyond. */
// @ts-ignore: decorator
@inline
function remainder360x2(x: v128): v128 {
  if (v128.any_true(f64x2.gt(f64x2.abs(x), k2(540.0)))) x = fmodLanes(x);
  return correct360(x);
}

/** Rarely taken (kept out of line): replaces each lane with |x| > 540 by x % 360 (exact fmod). */
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
  return f64x2.floor(f64x2.add(f64x2.mul(x, k2(DEGREES_TO_QUADRANTS)), k2(0.5)));
}

// @ts-ignore: decorator
@inline
function sdReduce2(x: v128, q: v128): v128 {
  return f64x2.mul(f64x2.sub(x, f64x2.mul(q, k2(90.0))), k2(RADIANS_PER_DEGREE));
}

/** q (integer-valued, |q| <= 3) + 1.5·2^52: the low bits of each i64 lane are q mod 4. */
// @ts-ignore: decorator
@inline
function quadrantBits(q: v128): v128 {
  return f64x2.add(q, k2(6755399441055744.0));
}

/** quadSin: swap when bit 0 is set, negate when bit 1 is set. */
// @ts-ignore: decorator
@inline
function quadSin2(bits: v128, s: v128, c: v128): v128 {
  const swap = i64x2.shr_s(i64x2.shl(bits, 63), 63);
  const sign = i64x2.shl(i64x2.shr_u(bits, 1), 63);
  return v128.xor(v128.bitselect(c, s, swap), sign);
}

/** quadCos: swap when bit 0 is set, negate when bit 1 of q + 1 is set. */
// @ts-ignore: decorator
@inline
function quadCos2(bits: v128, s: v128, c: v128): v128 {
  const swap = i64x2.shr_s(i64x2.shl(bits, 63), 63);
  const sign = i64x2.shl(i64x2.shr_u(i64x2.add(bits, i64x2.splat(1)), 1), 63);
  return v128.xor(v128.bitselect(s, c, swap), sign);
}

/** Lane-wise centralAngleFromParts (geo.ts). */
// @ts-ignore: decorator
@inline
function centralAngleFromParts2(a: v128, b: v128, lat1: v128, s1: v128, c1: v128, lat2: v128, c2: v128): v128 {
  const t = f64x2.add(a, b);
  const bb = f64x2.sub(t, a);
  const e = f64x2.add(f64x2.sub(a, f64x2.sub(t, bb)), f64x2.sub(b, bb));
  const dlon = f64x2.add(correct360(t), e);     // |t| <= 360: no fmod needed

  const dp = f64x2.sub(lat2, lat1);
  const qp = sdQuadrant2(dp);
  const rp = sdReduce2(dp, qp);
  const sp = sinKernel2(rp), cp = cosKernel2(rp);
  const bp = quadrantBits(qp);
  const sdp = quadSin2(bp, sp, cp), cdp = quadCos2(bp, sp, cp);

  const hl = f64x2.mul(dlon, k2(0.5));
  const qh = sdQuadrant2(hl);
  const rh = sdReduce2(hl, qh);
  const sv = sinKernel2(rh), cv = cosKernel2(rh);
  const bh = quadrantBits(qh);
  const sh = quadSin2(bh, sv, cv), ch = quadCos2(bh, sv, cv);

  const h = f64x2.mul(f64x2.mul(k2(2.0), sh), sh);
  const x = f64x2.mul(c2, f64x2.mul(f64x2.mul(k2(2.0), sh), ch));
  const y = f64x2.add(sdp, f64x2.mul(f64x2.mul(s1, c2), h));
  const z = f64x2.sub(cdp, f64x2.mul(f64x2.mul(c1, c2), h));
  return centralAngle2(f64x2.sqrt(f64x2.add(f64x2.mul(x, x), f64x2.mul(y, y))), z);
}

// Two copies of each broadcast value, so that a v128 load yields it in both lanes.
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
  const end = out + (<usize>(n >> 1) << 4);
  while (out < end) {
    const la1 = v128.load(lat1);
    const la2 = v128.load(lat2);
    const a = remainder360x2(f64x2.neg(v128.load(lon1)));
    const b = remainder360x2(v128.load(lon2));
    const q1 = sdQuadrant2(la1);
    const r1 = sdReduce2(la1, q1);
    const sa = sinKernel2(r1), ca = cosKernel2(r1);
    const b1 = quadrantBits(q1);
    const s1 = quadSin2(b1, sa, ca), c1 = quadCos2(b1, sa, ca);
    const q2 = sdQuadrant2(la2);
    const r2 = sdReduce2(la2, q2);
    const sb = sinKernel2(r2), cb = cosKernel2(r2);
    const c2 = quadCos2(quadrantBits(q2), sb, cb);
    v128.store(out, f64x2.mul(centralAngleFromParts2(a, b, la1, s1, c1, la2, c2), R));
    lon1 += d0; lat1 += d1; lon2 += d2; lat2 += d3;
    out += 16;
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
  const pairs = <usize>(nB >> 1) << 4;
  for (let i = 0; i < nA; ++i) {
    const oi = <usize>i << 3;
    const as = load<f64>(aRem + oi), lat1s = load<f64>(aLat + oi);
    const s1s = load<f64>(aSin + oi), c1s = load<f64>(aCos + oi);
    const a = f64x2.splat(as), lat1 = f64x2.splat(lat1s);
    const s1 = f64x2.splat(s1s), c1 = f64x2.splat(c1s);
    for (let oj: usize = 0; oj < pairs; oj += 16) {
      v128.store(out, f64x2.mul(centralAngleFromParts2(
        a, v128.load(bRem + oj), lat1, s1, c1, v128.load(bLat + oj), v128.load(bCos + oj),
      ), R));
      out += 16;
    }
    if (nB & 1) {
      store<f64>(out, centralAngleFromParts(
        as, load<f64>(bRem + pairs), lat1s, s1s, c1s, load<f64>(bLat + pairs), load<f64>(bCos + pairs),
      ) * radius);
      out += 8;
    }
  }
}
