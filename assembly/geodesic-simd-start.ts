// The start of the SIMD geodesic batch (geodesic-simd.ts), two pairs at a time in f64x2 lanes:
// geodesic.ts inverse()'s prologue (angDiff, sincosde, angRound, the reduced latitudes) and
// InverseStart (short lines' omg12 included), operation for operation, on the common path only
// (as native/kernels/geodesic_impl_start.h). A lane is flagged when its pair meets a case this
// code does not reproduce — a longitude beyond ±180 or latitude beyond ±90 (or NaN), a zero or
// ±180 longitude difference, a zero latitude, an exact ±30 or ±45 degree sincosd argument, a
// zero sine out of sincosd (signed zeros), the forced bet2 = ±bet1, a zero reduced latitude
// (the equator), a meridian, a really short line (ssig12 < etol2), the nearly antipodal astroid
// start — and the caller computes that pair with the scalar inverse() from scratch, its exact
// result by definition. The other lanes leave exactly the state with which inverse() enters
// Newton's iteration.

import {
  K_ZERO, K_ONE, K_HALF, K_SIGN, K_ABS, K_180, K_360, K_90, K_1_16, K_RAD, K_MAGIC, K_TINY, K_45, K_30,
  K_PIO4, E_EP2, E_F1, E_LIM, E_ETOL2, SCS, kv, ev, hypotV, sinKernelV, cosKernelV, sincosLanes,
} from "./geodesic-simd-lanes";
import { E } from "./geodesic-series";

// The queue's fields (an f64 array of QCAP entries each): the start, then the pair's inputs.
export const Q_SBET1 = 0;
export const Q_CBET1 = 1;
export const Q_DN1 = 2;
export const Q_SBET2 = 3;
export const Q_CBET2 = 4;
export const Q_DN2 = 5;
export const Q_SALP1 = 6;
export const Q_CALP1 = 7;
export const Q_SLAM12 = 8;
export const Q_CLAM12 = 9;
export const Q_LON1 = 10;
export const Q_LAT1 = 11;
export const Q_LON2 = 12;
export const Q_LAT2 = 13;
export const Q_FIELDS = 14;
/** Pairs per block (queue capacity). */
export const QCAP = 512;

// The start of two pairs: field f (the queue's 0..9) at SV + 16f.
// @ts-ignore: decorator
@lazy
export const SV: usize = memory.data(10 * 16, 16);

/** TwoSum: s = u + v, its error at SCR. */
// @ts-ignore: decorator
@inline
function twoSumV(u: v128, v: v128, zero: v128): v128 {
  const s = f64x2.add(u, v);
  let up = f64x2.sub(s, v);
  let vpp = f64x2.sub(s, up);
  up = f64x2.sub(up, u);
  vpp = f64x2.sub(vpp, v);
  v128.store(SCR, v128.bitselect(f64x2.sub(zero, f64x2.add(up, vpp)), s, f64x2.ne(s, zero)));
  return s;
}
// Second results (TwoSum's error; sincosd's sine and cosine) at SCR, SCR + 16, SCR + 32.
// @ts-ignore: decorator
@lazy
const SCR: usize = memory.data(48, 16);

/** angRound for x != 0: |x| < 1/16 coarsened, the sign of x kept. */
// @ts-ignore: decorator
@inline
function angRoundV(x: v128): v128 {
  const z = kv(K_1_16);
  const y = v128.and(x, kv(K_ABS));
  const w = f64x2.sub(z, y);
  return v128.or(v128.bitselect(f64x2.sub(z, w), y, f64x2.gt(w, kv(K_ZERO))), v128.and(x, kv(K_SIGN)));
}


/**
 * sincosdTail(d, q): sine and cosine at SCR + 16, SCR + 32; returns the lanes with |d| = 30 or 45 or a
 * zero sine (the scalar's exact values and signed zeros).
 */
// @ts-ignore: decorator
@inline
function sincosdTailV(d: v128, q: v128): v128 {
  const r = f64x2.mul(d, kv(K_RAD));
  const s = sinKernelV(r);
  const c = cosKernelV(r);
  const ad = v128.and(d, kv(K_ABS));
  const bits = f64x2.add(q, kv(K_MAGIC)); // q in [-2, 2]: its two's complement in the low bits
  const odd = i64x2.shl(bits, 63);
  const half = i64x2.shl(i64x2.shr_u(bits, 1), 63);
  const swap = v128.and(v128.xor(s, c), i64x2.eq(odd, kv(K_SIGN)));
  const sinx = v128.xor(v128.xor(s, swap), half);
  v128.store(SCR, sinx, 16);
  v128.store(SCR, f64x2.add(v128.xor(v128.xor(c, swap), v128.xor(half, odd)), kv(K_ZERO)), 32);
  return v128.or(v128.or(f64x2.eq(ad, kv(K_45)), f64x2.eq(ad, kv(K_30))), f64x2.eq(sinx, kv(K_ZERO)));
}

/**
 * inverse()'s prologue and InverseStart for two pairs on the ellipsoid E (vectorEllipsoid() run),
 * lon1, lat1, lon2, lat2 at inp + 16·field: their Newton start into SV; returns the lanes to be
 * computed by the scalar inverse().
 */
export function startV(inp: usize): v128 {
  const lon1 = v128.load(inp), lat1 = v128.load(inp, 16), lon2 = v128.load(inp, 32), lat2 = v128.load(inp, 48);
  const zero = kv(K_ZERO);
  const one = kv(K_ONE);
  const abs = kv(K_ABS);
  const sign = kv(K_SIGN);
  const c180 = kv(K_180);
  const c90 = kv(K_90);
  // Out of range or NaN (remainder(x, 360) is the identity only for |x| <= 180).
  let bad = v128.not(v128.and(
    v128.and(f64x2.le(v128.and(lon1, abs), c180), f64x2.le(v128.and(lon2, abs), c180)),
    v128.and(f64x2.le(v128.and(lat1, abs), c90), f64x2.le(v128.and(lat2, abs), c90)),
  ));
  // angDiff: remainder(d, 360) of |d| <= 360 is d, or ±(|d| - 360) with d's sign.
  let d = twoSumV(v128.xor(lon1, sign), lon2, zero);
  let e = v128.load(SCR);
  const ad = v128.and(d, abs);
  d = v128.bitselect(d, v128.xor(f64x2.sub(ad, kv(K_360)), v128.and(d, sign)), f64x2.le(ad, c180));
  d = twoSumV(d, e, zero);
  e = v128.load(SCR);
  bad = v128.or(bad, v128.or(f64x2.eq(d, zero), f64x2.eq(v128.and(d, abs), c180)));
  // lonsign: lon12 = |d|, lon12s = e with the sign of d flipped where d < 0.
  const neg = v128.and(d, sign);
  const lon12 = v128.xor(d, neg);
  const lon12s = v128.xor(e, neg);
  const lam12 = f64x2.mul(lon12, kv(K_RAD));
  // sincosde(lon12, lon12s): lon12 in (0, 180) needs no fmod.
  let q = f64x2.floor(f64x2.add(f64x2.div(lon12, c90), kv(K_HALF)));
  let t = f64x2.add(f64x2.sub(lon12, f64x2.mul(c90, q)), lon12s);
  bad = v128.or(bad, f64x2.eq(t, zero));
  bad = v128.or(bad, sincosdTailV(angRoundV(t), q));
  const slam12 = v128.load(SCR, 16);
  const clam12 = v128.load(SCR, 32);
  // Latitudes: point 1 the larger |latitude|, made <= 0 (zero ones flagged).
  let phi1 = angRoundV(lat1);
  let phi2 = angRoundV(lat2);
  bad = v128.or(bad, v128.or(f64x2.eq(phi1, zero), f64x2.eq(phi2, zero)));
  const swp = f64x2.lt(v128.and(phi1, abs), v128.and(phi2, abs));
  const p1 = v128.bitselect(phi2, phi1, swp);
  const p2 = v128.bitselect(phi1, phi2, swp);
  const flip = v128.andnot(sign, p1); // the sign bit where phi1 > 0: latsign = -1
  phi1 = v128.xor(p1, flip);
  phi2 = v128.xor(p2, flip);
  bad = v128.or(bad, f64x2.eq(phi1, f64x2.neg(c90))); // meridian
  // Reduced latitudes (sincosd: |phi| <= 90 needs no fmod).
  const f1 = ev(E_F1);
  const tiny = kv(K_TINY);
  q = f64x2.floor(f64x2.add(f64x2.div(phi1, c90), kv(K_HALF)));
  bad = v128.or(bad, sincosdTailV(f64x2.sub(phi1, f64x2.mul(c90, q)), q));
  let sbet1 = f64x2.mul(f1, v128.load(SCR, 16));
  let cbet1 = v128.load(SCR, 32);
  let h = hypotV(sbet1, cbet1);
  sbet1 = f64x2.div(sbet1, h);
  cbet1 = f64x2.div(cbet1, h);
  cbet1 = v128.bitselect(cbet1, tiny, f64x2.gt(cbet1, tiny));
  q = f64x2.floor(f64x2.add(f64x2.div(phi2, c90), kv(K_HALF)));
  bad = v128.or(bad, sincosdTailV(f64x2.sub(phi2, f64x2.mul(c90, q)), q));
  let sbet2 = f64x2.mul(f1, v128.load(SCR, 16));
  let cbet2 = v128.load(SCR, 32);
  h = hypotV(sbet2, cbet2);
  sbet2 = f64x2.div(sbet2, h);
  cbet2 = f64x2.div(cbet2, h);
  cbet2 = v128.bitselect(cbet2, tiny, f64x2.gt(cbet2, tiny));
  // The forced bet2 = ±bet1, the equator and Newton with sbet1 = 0, meridians by slam12 = 0.
  bad = v128.or(bad, v128.or(f64x2.eq(cbet2, cbet1), f64x2.eq(v128.and(sbet2, abs), f64x2.neg(sbet1))));
  bad = v128.or(bad, v128.or(f64x2.eq(sbet1, zero), f64x2.eq(slam12, zero)));
  const ep2 = ev(E_EP2);
  v128.store(SV, sbet1, 0);
  v128.store(SV, cbet1, 16);
  v128.store(SV, f64x2.sqrt(f64x2.add(one, f64x2.mul(ep2, f64x2.mul(sbet1, sbet1)))), 32);
  v128.store(SV, sbet2, 48);
  v128.store(SV, cbet2, 64);
  v128.store(SV, f64x2.sqrt(f64x2.add(one, f64x2.mul(ep2, f64x2.mul(sbet2, sbet2)))), 80);
  v128.store(SV, slam12, 128);
  v128.store(SV, clam12, 144);
  // InverseStart: short lines take omg12 = lam12 / (f1 dnm) (sincos beyond π/4 by the scalar).
  const sbet12 = f64x2.sub(f64x2.mul(sbet2, cbet1), f64x2.mul(cbet2, sbet1));
  const cbet12 = f64x2.add(f64x2.mul(cbet2, cbet1), f64x2.mul(sbet2, sbet1));
  const sbet12a = f64x2.add(f64x2.mul(sbet2, cbet1), f64x2.mul(cbet2, sbet1));
  const shortline = v128.and(v128.and(f64x2.ge(cbet12, zero), f64x2.lt(sbet12, kv(K_HALF))),
    f64x2.lt(f64x2.mul(cbet2, lam12), kv(K_HALF)));
  let somg12 = slam12;
  let comg12 = clam12;
  if (v128.any_true(shortline)) {
    const sp = f64x2.add(sbet1, sbet2);
    const cp = f64x2.add(cbet1, cbet2);
    let sbetm2 = f64x2.mul(sp, sp);
    sbetm2 = f64x2.div(sbetm2, f64x2.add(sbetm2, f64x2.mul(cp, cp)));
    const x = f64x2.div(lam12, f64x2.mul(f1, f64x2.sqrt(f64x2.add(one, f64x2.mul(ep2, sbetm2)))));
    let so = v128.bitselect(x, sinKernelV(x), f64x2.eq(x, zero));
    let co = cosKernelV(x);
    const far = v128.andnot(shortline, f64x2.le(v128.and(x, abs), kv(K_PIO4)));
    if (v128.any_true(far)) {
      v128.store(SCS, x, 32);
      v128.store(SCS, far, 48);
      sincosLanes();
      so = v128.bitselect(v128.load(SCS), so, far);
      co = v128.bitselect(v128.load(SCS, 16), co, far);
    }
    somg12 = v128.bitselect(so, slam12, shortline);
    comg12 = v128.bitselect(co, clam12, shortline);
  }
  const salp1 = f64x2.mul(cbet2, somg12);
  const tt = f64x2.mul(f64x2.mul(cbet2, sbet1), f64x2.mul(somg12, somg12));
  const calp1 = v128.bitselect(
    f64x2.add(sbet12, f64x2.div(tt, f64x2.add(one, comg12))),
    f64x2.sub(sbet12a, f64x2.div(tt, f64x2.sub(one, comg12))),
    f64x2.ge(comg12, zero),
  );
  const ssig12 = hypotV(salp1, calp1);
  const csig12 = f64x2.add(f64x2.mul(sbet1, sbet2), f64x2.mul(f64x2.mul(cbet1, cbet2), comg12));
  bad = v128.or(bad, v128.and(shortline, f64x2.lt(ssig12, ev(E_ETOL2)))); // really short: the answer
  if (!(Math.abs(E.n) > 0.1)) {
    const spherical = v128.or(f64x2.ge(csig12, zero), f64x2.ge(ssig12, f64x2.mul(ev(E_LIM), f64x2.mul(cbet1, cbet1))));
    bad = v128.or(bad, v128.not(spherical)); // nearly antipodal: the astroid
  }
  const pos = v128.not(f64x2.le(salp1, zero)); // !(salp1 <= 0)
  h = hypotV(salp1, calp1);
  v128.store(SV, v128.bitselect(f64x2.div(salp1, h), one, pos), 96);
  v128.store(SV, v128.bitselect(f64x2.div(calp1, h), zero, pos), 112);
  return bad;
}
