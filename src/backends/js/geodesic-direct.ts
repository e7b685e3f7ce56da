/**
 * The direct geodesic problem, GeographicLib's GeodesicLine (LineInit and GenPosition with arcmode
 * false, no LONG_UNROLL), on the same elementary functions and series as geodesic.ts (whose
 * header states the porting rules); moved out of geodesic.ts, which re-exports it, to keep each
 * file under 600 lines. The operations and their order are unchanged.
 */
import { RADIANS_PER_DEGREE, SINCOS, angNormalize, angRound, atan2, atan2d, hypot, sincos, sincosd } from './fdlibm.js';
import { A1m1f, A3f, C1f, C1pf, C3f, NC, ORDER, ellipsoid, sinCosSeries } from './geodesic-series.js';

const TINY = Math.sqrt(2.2250738585072014e-308); // sqrt(DBL_MIN), as in geodesic.ts

const C1A = new Float64Array(NC);
const C1PA = new Float64Array(NC);
const C3A = new Float64Array(NC);

/**
 * lon2 (reduced to [-180, 180]), lat2, azi2 into out[0..2]; any finite s12 (negative too).
 * GeodesicLine's LineInit and GenPosition (arcmode false, no LONG_UNROLL): sig12 from s12 by the
 * reverted series (eqs. 20-21) plus, for |f| > 0.01, one Newton step on eq. 7.
 */
export function geodesicDirect(lon1: number, lat1: number, azi1: number, s12: number, a: number, f: number, out: Float64Array): void {
  const E = ellipsoid(a, f);
  sincosd(angRound(angNormalize(azi1))); // AngRound guards salp0 against underflow; -0 -> +0
  const sa1 = SINCOS[0]!;
  const ca1 = SINCOS[1]!;
  sincosd(angRound(lat1));
  let sb1 = E.f1 * SINCOS[0]!;
  let cb1 = SINCOS[1]!;
  const h = hypot(sb1, cb1);
  sb1 /= h;
  cb1 /= h;
  cb1 = cb1 > TINY ? cb1 : TINY;
  const salp0 = sa1 * cb1; // alp0 in [0, π/2 - |bet1|]
  const calp0 = hypot(ca1, sa1 * sb1);
  // sig1 from tan bet1 = tan sig1 cos alp1, omg1 from tan omg1 = sin alp0 tan sig1 (eqs. 11-12).
  let ss1 = sb1;
  const somg1 = salp0 * sb1;
  let cs1 = sb1 !== 0 || ca1 !== 0 ? cb1 * ca1 : 1;
  const comg1 = cs1;
  const hs = hypot(ss1, cs1);
  ss1 /= hs;
  cs1 /= hs;
  const k2 = calp0 * calp0 * E.ep2;
  const e = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
  const A1m1 = A1m1f(e);
  C1f(e, C1A);
  const B11 = sinCosSeries(true, ss1, cs1, C1A, ORDER);
  sincos(B11);
  const stau1 = ss1 * SINCOS[1]! + cs1 * SINCOS[0]!; // tau1 = sig1 + B11
  const ctau1 = cs1 * SINCOS[1]! - ss1 * SINCOS[0]!;
  C1pf(e, C1PA);
  C3f(E, e, C3A);
  const A3c = -E.f * salp0 * A3f(E, e);
  const B31 = sinCosSeries(true, ss1, cs1, C3A, ORDER - 1);
  // sig12 from tau12 = s12 / (b A1), by the reverted series.
  const tau12 = s12 / (E.b * (1 + A1m1));
  sincos(tau12);
  const s = SINCOS[0]!;
  const c = SINCOS[1]!;
  const B12 = -sinCosSeries(true, stau1 * c + ctau1 * s, ctau1 * c - stau1 * s, C1PA, ORDER);
  let sig = tau12 - (B12 - B11);
  sincos(sig);
  let ssig12 = SINCOS[0]!;
  let csig12 = SINCOS[1]!;
  if (Math.abs(E.f) > 0.01) {
    // The reverted series loses accuracy beyond |f| = 0.01: one Newton step on s(sig12).
    const ss2 = ss1 * csig12 + cs1 * ssig12;
    const cs2 = cs1 * csig12 - ss1 * ssig12;
    const B12n = sinCosSeries(true, ss2, cs2, C1A, ORDER);
    const serr = (1 + A1m1) * (sig + (B12n - B11)) - s12 / E.b;
    sig = sig - serr / Math.sqrt(1 + k2 * (ss2 * ss2));
    sincos(sig);
    ssig12 = SINCOS[0]!;
    csig12 = SINCOS[1]!;
  }
  const ss2 = ss1 * csig12 + cs1 * ssig12; // sig2 = sig1 + sig12
  let cs2 = cs1 * csig12 - ss1 * ssig12;
  const sbet = calp0 * ss2; // sin bet2 = cos alp0 sin sig2
  let cbet = hypot(salp0, calp0 * cs2);
  if (cbet === 0) cbet = cs2 = TINY; // salp0 = 0 and csig2 = 0: break the degeneracy
  // tan omg2 = sin alp0 tan sig2; omg12 = omg2 - omg1 reduced by atan2 (no unrolling).
  const somg2 = salp0 * ss2;
  const comg2 = cs2;
  const omg12 = atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1);
  const lam12 = omg12 + A3c * (sig + (sinCosSeries(true, ss2, cs2, C3A, ORDER - 1) - B31));
  const lon12 = lam12 / RADIANS_PER_DEGREE;
  out[0] = angNormalize(angNormalize(lon1) + angNormalize(lon12));
  out[1] = atan2d(sbet, E.f1 * cbet);
  out[2] = atan2d(salp0, calp0 * cs2); // tan alp0 = cos sig2 tan alp2
}
