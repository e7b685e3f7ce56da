// The scalar start of the SIMD geodesic batch (geodesic-simd.ts): geodesic.ts inverse()'s
// prologue up to InverseStart, the same calls in the same order, for one pair. A pair that
// reaches Newton's iteration leaves its start (reduced latitudes, dn, alp1, lam12's sine and
// cosine) in the queue slot; every other pair (a meridian, a zero reduced latitude, a short
// line) is reported back, and the caller computes it with inverse() from scratch.

import { RADIANS_PER_DEGREE, SINCOS0, SINCOS1, ROUNDOFF0, angDiff, angRound, copysign, hypot, signbit, sincosd, sincosde } from "./fdlibm";
import { E } from "./geodesic-series";
import { inverseStart, st } from "./geodesic";

const TINY = reinterpret<f64>(0x2000000000000000); // geodesic.ts TINY

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

// @ts-ignore: decorator
@inline
function qput(q: usize, field: i32, slot: i32, v: f64): void {
  store<f64>(q + ((<usize>(field * QCAP + slot)) << 3), v);
}

/**
 * inverse()'s prologue and InverseStart for one pair on the ellipsoid E: true with the Newton
 * start in queue slot `slot`, or false when the pair takes another path (scalar inverse()).
 */
export function startPair(lon1: f64, lat1: f64, lon2: f64, lat2: f64, q: usize, slot: i32): bool {
  let lon12 = angDiff(lon1, lon2);
  let lon12s = ROUNDOFF0;
  const lonsign = signbit(lon12) ? -1.0 : 1.0;
  lon12 *= lonsign;
  lon12s *= lonsign;
  const lam12 = lon12 * RADIANS_PER_DEGREE;
  sincosde(lon12, lon12s);
  const slam12 = SINCOS0;
  const clam12 = SINCOS1;
  let phi1 = angRound(lat1);
  let phi2 = angRound(lat2);
  if (Math.abs(phi1) < Math.abs(phi2)) {
    const t = phi1;
    phi1 = phi2;
    phi2 = t;
  }
  const latsign = signbit(phi1) ? 1.0 : -1.0;
  phi1 *= latsign;
  phi2 *= latsign;
  if (phi1 == -90 || slam12 == 0) return false; // meridian
  const f1 = E.f1;
  sincosd(phi1);
  let sbet1 = f1 * SINCOS0;
  let cbet1 = SINCOS1;
  let h = hypot(sbet1, cbet1);
  sbet1 /= h;
  cbet1 /= h;
  cbet1 = cbet1 > TINY ? cbet1 : TINY;
  sincosd(phi2);
  let sbet2 = f1 * SINCOS0;
  let cbet2 = SINCOS1;
  h = hypot(sbet2, cbet2);
  sbet2 /= h;
  cbet2 /= h;
  cbet2 = cbet2 > TINY ? cbet2 : TINY;
  if (cbet1 < -sbet1) {
    if (cbet2 == cbet1) sbet2 = copysign(sbet1, sbet2);
  } else if (Math.abs(sbet2) == -sbet1) cbet2 = cbet1;
  // The equator, and Newton with sbet1 = 0 (Lambda12's calp1 nudge): the scalar code.
  if (sbet1 == 0) return false;
  st.sbet1 = sbet1;
  st.cbet1 = cbet1;
  st.sbet2 = sbet2;
  st.cbet2 = cbet2;
  st.dn1 = Math.sqrt(1 + E.ep2 * (sbet1 * sbet1));
  st.dn2 = Math.sqrt(1 + E.ep2 * (sbet2 * sbet2));
  if (inverseStart(lam12, slam12, clam12) >= 0) return false; // short line
  qput(q, Q_SBET1, slot, st.sbet1);
  qput(q, Q_CBET1, slot, st.cbet1);
  qput(q, Q_DN1, slot, st.dn1);
  qput(q, Q_SBET2, slot, st.sbet2);
  qput(q, Q_CBET2, slot, st.cbet2);
  qput(q, Q_DN2, slot, st.dn2);
  qput(q, Q_SALP1, slot, st.salp1);
  qput(q, Q_CALP1, slot, st.calp1);
  qput(q, Q_SLAM12, slot, slam12);
  qput(q, Q_CLAM12, slot, clam12);
  qput(q, Q_LON1, slot, lon1);
  qput(q, Q_LAT1, slot, lat1);
  qput(q, Q_LON2, slot, lon2);
  qput(q, Q_LAT2, slot, lat2);
  return true;
}
