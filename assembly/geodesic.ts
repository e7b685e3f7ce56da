// Geodesics on an ellipsoid of revolution: C. F. F. Karney, "Algorithms for geodesics",
// J. Geodesy 87 (2013) 43-55, arXiv:1109.4448, as GeographicLib 2.x's Geodesic.cpp and
// GeodesicLine.cpp (GenInverse, InverseStart, Lambda12, Lengths, Astroid; GenDirect without
// LONG_UNROLL), series at order 6. The twin of src/backends/js/geodesic.ts, function for function
// and operation for operation (the same parenthesisation, ternaries for max/min in GeographicLib's
// operand order, every `+ 0`), on fdlibm.ts's elementary functions only, so that the results are
// the TypeScript reference's bits. Equation numbers are the paper's.
//
// Differences of form only: the TS's state object `st` is class st's static fields (wasm
// globals), the ellipsoid is class E (geodesic-series.ts) rather than a parameter, arrays are
// static memory (addresses), and the batch entry points take byte addresses. Nothing allocates.

import {
  PI, RADIANS_PER_DEGREE, SINCOS0, SINCOS1, ROUNDOFF0,
  angDiff, angNormalize, angRound, atan2, atan2d, cbrt, copysign, hypot, signbit, sincos, sincosd, sincosde,
} from "./fdlibm";
import { A1m1f, A2m1f, A3f, C1f, C1pf, C2f, C3f, C4f, E, NC, ORDER, at, ellipsoid, put, sinCosSeries } from "./geodesic-series";

// Tolerances (Geodesic.cpp's constructor), for doubles.
const TINY = reinterpret<f64>(0x2000000000000000); // sqrt(DBL_MIN) = 2^-511: underflow guard
const TOL0 = 2.220446049250313e-16; // DBL_EPSILON
const TOL1 = 200 * TOL0;
const TOL2 = reinterpret<f64>(0x3E50000000000000); // sqrt(DBL_EPSILON) = 2^-26
const TOLB = TOL0; // bisection interval check
const XTHRESH = 1000 * TOL2;
const MAXIT1 = 20;
const MAXIT2 = MAXIT1 + 53 + 10; // + digits + 10

const DISTANCE = 1;
const REDUCED_LENGTH = 2;

// Coefficient scratch (index 0 unused by the sine series).
const CA: usize = memory.data(NC * 8, 8);
const CB: usize = memory.data(NC * 8, 8);

/**
 * The inverse problem's working state: GeographicLib's locals shared between GenInverse,
 * InverseStart, Lambda12 and Lengths (their outputs); the TS's InverseState object `st`.
 */
class st {
  static sbet1: f64 = 0; static cbet1: f64 = 0; static dn1: f64 = 0;
  static sbet2: f64 = 0; static cbet2: f64 = 0; static dn2: f64 = 0;
  static salp1: f64 = 0; static calp1: f64 = 0; static salp2: f64 = 0; static calp2: f64 = 0;
  static dnm: f64 = 0; // InverseStart, short lines
  static sig12: f64 = 0; static ssig1: f64 = 0; static csig1: f64 = 0; static ssig2: f64 = 0; static csig2: f64 = 0;
  static eps: f64 = 0; static domg12: f64 = 0; static dlam12: f64 = 0; // Lambda12
  static s12b: f64 = 0; static m12b: f64 = 0; static m0: f64 = 0; // Lengths
  static S12: f64 = 0; // the area term of the last inverse with withArea
}

/**
 * Geodesic.cpp's Lengths: s12/b = A1 (sig12 + B1) (eqs. 7, 17-18) into st.s12b (mask DISTANCE);
 * the reduced length m12/b via J = I1 - I2 (A2, C2 of eqs. 42-43) into st.m12b, st.m0.
 */
function lengths(eps: f64, sig12: f64, ssig1: f64, csig1: f64, dn1: f64, ssig2: f64, csig2: f64, dn2: f64, mask: i32): void {
  let m0x = 0.0;
  let J12 = 0.0;
  let A2 = 0.0;
  let A1 = A1m1f(eps);
  C1f(eps, CA);
  if ((mask & REDUCED_LENGTH) != 0) {
    A2 = A2m1f(eps);
    C2f(eps, CB);
    m0x = A1 - A2;
    A2 = 1 + A2;
  }
  A1 = 1 + A1;
  if ((mask & DISTANCE) != 0) {
    const B1 = sinCosSeries(true, ssig2, csig2, CA, ORDER) - sinCosSeries(true, ssig1, csig1, CA, ORDER);
    st.s12b = A1 * (sig12 + B1);
    if ((mask & REDUCED_LENGTH) != 0) {
      const B2 = sinCosSeries(true, ssig2, csig2, CB, ORDER) - sinCosSeries(true, ssig1, csig1, CB, ORDER);
      J12 = m0x * sig12 + (A1 * B1 - A2 * B2);
    }
  } else if ((mask & REDUCED_LENGTH) != 0) {
    for (let l = 1; l <= ORDER; l++) put(CB, l, A1 * at(CA, l) - A2 * at(CB, l));
    J12 = m0x * sig12 + (sinCosSeries(true, ssig2, csig2, CB, ORDER) - sinCosSeries(true, ssig1, csig1, CB, ORDER));
  }
  if ((mask & REDUCED_LENGTH) != 0) {
    st.m0 = m0x;
    // (csig1 * ssig2) and (ssig1 * csig2) grouped for exact cancellation at coincident points.
    st.m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * J12;
  }
}

/** The positive root k of k⁴ + 2k³ - (x² + y² - 1)k² - 2y²k - y² = 0 (eq. 55), for InverseStart. */
function astroid(x: f64, y: f64): f64 {
  const p = x * x;
  const q = y * y;
  const r = (p + q - 1) / 6;
  if (q == 0 && r <= 0) return 0; // y = 0 with |x| <= 1
  const S = (p * q) / 4; // r³ · s
  const r2 = r * r;
  const r3 = r * r2;
  const disc = S * (S + 2 * r3); // zero on the evolute p^(1/3) + q^(1/3) = 1
  let u = r;
  if (disc >= 0) {
    let T3 = S + r3;
    T3 += T3 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc); // the sign that avoids cancellation
    const T = cbrt(T3); // real root
    u += T + (T != 0 ? r2 / T : 0.0);
  } else {
    const ang = atan2(Math.sqrt(-disc), -(S + r3)); // T is complex, u real
    sincos(ang / 3);
    u += 2 * r * SINCOS1;
  }
  const v = Math.sqrt(u * u + q);
  const uv = u < 0 ? q / (v - u) : u + v; // u + v without cancellation
  const w = (uv - q) / (2 * v);
  return uv / (Math.sqrt(uv + w * w) + w);
}

/**
 * InverseStart: a starting alp1 for Newton (into salp1, calp1; returns -1), or for short lines
 * (eqs. 49-51) the answer: returns sig12 >= 0 and sets salp2, calp2 and dnm. Nearly antipodal
 * points solve the astroid (eq. 55) and take alp1 from eqs. 56-57.
 */
function inverseStart(lam12: f64, slam12: f64, clam12: f64): f64 {
  let sig = -1.0;
  // bet12 = bet2 - bet1 in [0, π); bet12a = bet2 + bet1 in (-π, 0]
  const sbet12 = st.sbet2 * st.cbet1 - st.cbet2 * st.sbet1;
  const cbet12 = st.cbet2 * st.cbet1 + st.sbet2 * st.sbet1;
  const sbet12a = st.sbet2 * st.cbet1 + st.cbet2 * st.sbet1;
  const shortline = cbet12 >= 0 && sbet12 < 0.5 && st.cbet2 * lam12 < 0.5;
  let somg12: f64;
  let comg12: f64;
  if (shortline) {
    let sbetm2 = (st.sbet1 + st.sbet2) * (st.sbet1 + st.sbet2);
    sbetm2 /= sbetm2 + (st.cbet1 + st.cbet2) * (st.cbet1 + st.cbet2); // sin²((bet1 + bet2)/2)
    st.dnm = Math.sqrt(1 + E.ep2 * sbetm2);
    sincos(lam12 / (E.f1 * st.dnm));
    somg12 = SINCOS0;
    comg12 = SINCOS1;
  } else {
    somg12 = slam12;
    comg12 = clam12;
  }
  st.salp1 = st.cbet2 * somg12;
  st.calp1 =
    comg12 >= 0
      ? sbet12 + (st.cbet2 * st.sbet1 * (somg12 * somg12)) / (1 + comg12)
      : sbet12a - (st.cbet2 * st.sbet1 * (somg12 * somg12)) / (1 - comg12);
  const ssig12 = hypot(st.salp1, st.calp1);
  const csig12 = st.sbet1 * st.sbet2 + st.cbet1 * st.cbet2 * comg12;
  if (shortline && ssig12 < E.etol2) {
    // Really short lines.
    st.salp2 = st.cbet1 * somg12;
    st.calp2 = sbet12 - st.cbet1 * st.sbet2 * (comg12 >= 0 ? (somg12 * somg12) / (1 + comg12) : 1 - comg12);
    const h = hypot(st.salp2, st.calp2);
    st.salp2 /= h;
    st.calp2 /= h;
    sig = atan2(ssig12, csig12);
  } else if (Math.abs(E.n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * Math.abs(E.n) * PI * (st.cbet1 * st.cbet1)) {
    // The zeroth-order spherical approximation is good enough.
  } else {
    // Nearly antipodal: scale to x, y with the antipode at the origin and the singular point
    // at y = 0, x = -1.
    const f = E.f;
    let x: f64;
    let y: f64;
    let lamscale: f64;
    let betscale: f64;
    const lam12x = atan2(-slam12, -clam12); // lam12 - π
    if (f >= 0) {
      const k2 = st.sbet1 * st.sbet1 * E.ep2;
      const e = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
      lamscale = f * st.cbet1 * A3f(e) * PI;
      betscale = lamscale * st.cbet1;
      x = lam12x / lamscale;
      y = sbet12a / betscale;
    } else {
      const cbet12a = st.cbet2 * st.cbet1 - st.sbet2 * st.sbet1;
      const bet12a = atan2(sbet12a, cbet12a);
      lengths(E.n, PI + bet12a, st.sbet1, -st.cbet1, st.dn1, st.sbet2, st.cbet2, st.dn2, REDUCED_LENGTH);
      x = -1 + st.m12b / (st.cbet1 * st.cbet2 * st.m0 * PI);
      betscale = x < -0.01 ? sbet12a / x : -f * (st.cbet1 * st.cbet1) * PI;
      lamscale = betscale / st.cbet1;
      y = lam12x / lamscale;
    }
    if (y > -TOL1 && x > -1 - XTHRESH) {
      // Strip near the cut.
      if (f >= 0) {
        st.salp1 = -x < 1 ? -x : 1.0;
        st.calp1 = -Math.sqrt(1 - st.salp1 * st.salp1);
      } else {
        const lo = x > -TOL1 ? 0.0 : -1.0;
        st.calp1 = x > lo ? x : lo;
        st.salp1 = Math.sqrt(1 - st.calp1 * st.calp1);
      }
    } else {
      // Solve the astroid for omg12 and use the spherical formula for alp1.
      const k = astroid(x, y);
      const omg12a = lamscale * (f >= 0 ? (-x * k) / (1 + k) : (-y * (1 + k)) / k);
      sincos(omg12a);
      somg12 = SINCOS0;
      comg12 = -SINCOS1;
      st.salp1 = st.cbet2 * somg12;
      st.calp1 = sbet12a - (st.cbet2 * st.sbet1 * (somg12 * somg12)) / (1 - comg12);
    }
  }
  if (!(st.salp1 <= 0)) {
    const h = hypot(st.salp1, st.calp1);
    st.salp1 /= h;
    st.calp1 /= h;
  } else {
    st.salp1 = 1;
    st.calp1 = 0;
  }
  return sig;
}

/**
 * Lambda12: for the trial alp1 (calp1 possibly nudged), solve the triangle on the auxiliary
 * sphere (eqs. 5, 10-14) and return lam12(alp1) - lam12 via eta = omg12 - lam12 and the
 * longitude correction (eqs. 8, 23-25). Sets salp2, calp2, sig12, ssig1, csig1, ssig2, csig2,
 * eps, domg12, and with diffp dlam12 = d(lam12)/d(alp1) from the reduced length.
 */
function lambda12(slam120: f64, clam120: f64, diffp: bool): f64 {
  if (st.sbet1 == 0 && st.calp1 == 0) st.calp1 = -TINY; // break the degeneracy of the equatorial line
  const salp0 = st.salp1 * st.cbet1; // sin alp0 = sin alp1 cos bet1
  const calp0 = hypot(st.calp1, st.salp1 * st.sbet1);
  st.ssig1 = st.sbet1; // tan bet1 = tan sig1 cos alp1
  const somg1 = salp0 * st.sbet1;
  st.csig1 = st.calp1 * st.cbet1;
  const comg1 = st.csig1;
  let h = hypot(st.ssig1, st.csig1);
  st.ssig1 /= h;
  st.csig1 /= h;
  // Enforce symmetry for |bet2| = -bet1, which otherwise yields singularities in Newton.
  st.salp2 = st.cbet2 != st.cbet1 ? salp0 / st.cbet2 : st.salp1;
  // cos alp2 = sqrt(cos² alp1 cos² bet1 + (cos² bet2 - cos² bet1)) / cos bet2, the difference
  // of squares taken from whichever of cbet, sbet measures |bet1| - |bet2| better.
  const dsq = st.cbet1 < -st.sbet1 ? (st.cbet2 - st.cbet1) * (st.cbet1 + st.cbet2) : (st.sbet1 - st.sbet2) * (st.sbet1 + st.sbet2);
  st.calp2 =
    st.cbet2 != st.cbet1 || Math.abs(st.sbet2) != -st.sbet1
      ? Math.sqrt(st.calp1 * st.cbet1 * (st.calp1 * st.cbet1) + dsq) / st.cbet2
      : Math.abs(st.calp1);
  st.ssig2 = st.sbet2;
  const somg2 = salp0 * st.sbet2;
  st.csig2 = st.calp2 * st.cbet2;
  const comg2 = st.csig2;
  h = hypot(st.ssig2, st.csig2);
  st.ssig2 /= h;
  st.csig2 /= h;
  // sig12 = sig2 - sig1 and omg12 = omg2 - omg1, both limited to [0, π].
  const ys = st.csig1 * st.ssig2 - st.ssig1 * st.csig2;
  st.sig12 = atan2((ys > 0 ? ys : 0.0) + 0.0, st.csig1 * st.csig2 + st.ssig1 * st.ssig2);
  const yo = comg1 * somg2 - somg1 * comg2;
  const somg12 = (yo > 0 ? yo : 0.0) + 0.0;
  const comg12 = comg1 * comg2 + somg1 * somg2;
  const eta = atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120);
  const k2 = calp0 * calp0 * E.ep2;
  st.eps = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
  C3f(st.eps, CA);
  const B312 = sinCosSeries(true, st.ssig2, st.csig2, CA, ORDER - 1) - sinCosSeries(true, st.ssig1, st.csig1, CA, ORDER - 1);
  st.domg12 = -E.f * A3f(st.eps) * salp0 * (st.sig12 + B312);
  if (diffp) {
    if (st.calp2 == 0) st.dlam12 = (-2 * E.f1 * st.dn1) / st.sbet1;
    else {
      lengths(st.eps, st.sig12, st.ssig1, st.csig1, st.dn1, st.ssig2, st.csig2, st.dn2, REDUCED_LENGTH);
      st.dlam12 = st.m12b * (E.f1 / (st.calp2 * st.cbet2));
    }
  }
  return eta + st.domg12;
}

/** Results of inverse(): the azimuths' sines and cosines (salp1, calp1, salp2, calp2). */
export const INVERSE_AZIMUTHS: usize = memory.data(4 * 8, 8);

/**
 * GenInverse with outmask DISTANCE | AZIMUTH (| AREA when withArea) for the ellipsoid E:
 * returns s12; the azimuths' sines and cosines go to INVERSE_AZIMUTHS and, with withArea, S12
 * (eqs. 58-60) to areaOfLast().
 */
export function inverse(lon1: f64, lat1: f64, lon2: f64, lat2: f64, withArea: bool): f64 {
  // The longitude difference, reduced exactly with its error (AngDiff), made non-negative.
  let lon12 = angDiff(lon1, lon2);
  let lon12s = ROUNDOFF0;
  let lonsign = signbit(lon12) ? -1.0 : 1.0;
  lon12 *= lonsign;
  lon12s *= lonsign;
  const lam12 = lon12 * RADIANS_PER_DEGREE;
  sincosde(lon12, lon12s);
  const slam12 = SINCOS0;
  const clam12 = SINCOS1;
  lon12s = 180 - lon12 - lon12s; // the supplementary longitude difference
  // Latitudes very close to the equator count as on it; point 1 has the larger |latitude| and
  // lat1 <= -0 (swapp, latsign and lonsign record the symmetries used).
  let phi1 = angRound(lat1);
  let phi2 = angRound(lat2);
  const swapp = Math.abs(phi1) < Math.abs(phi2) ? -1.0 : 1.0;
  if (swapp < 0) {
    lonsign *= -1;
    const t = phi1;
    phi1 = phi2;
    phi2 = t;
  }
  const latsign = signbit(phi1) ? 1.0 : -1.0;
  phi1 *= latsign;
  phi2 *= latsign;
  // Reduced latitudes (eq. 6); cbet clamped to TINY so that poles keep a direction.
  const f1 = E.f1;
  sincosd(phi1);
  st.sbet1 = f1 * SINCOS0;
  st.cbet1 = SINCOS1;
  let h = hypot(st.sbet1, st.cbet1);
  st.sbet1 /= h;
  st.cbet1 /= h;
  st.cbet1 = st.cbet1 > TINY ? st.cbet1 : TINY;
  sincosd(phi2);
  st.sbet2 = f1 * SINCOS0;
  st.cbet2 = SINCOS1;
  h = hypot(st.sbet2, st.cbet2);
  st.sbet2 /= h;
  st.cbet2 /= h;
  st.cbet2 = st.cbet2 > TINY ? st.cbet2 : TINY;
  // Force bet2 = ±bet1 exactly when the sensitive measure of |bet1| - |bet2| vanishes.
  if (st.cbet1 < -st.sbet1) {
    if (st.cbet2 == st.cbet1) st.sbet2 = copysign(st.sbet1, st.sbet2);
  } else if (Math.abs(st.sbet2) == -st.sbet1) st.cbet2 = st.cbet1;
  st.dn1 = Math.sqrt(1 + E.ep2 * (st.sbet1 * st.sbet1));
  st.dn2 = Math.sqrt(1 + E.ep2 * (st.sbet2 * st.sbet2));

  let s12x = 0.0;
  let meridian = phi1 == -90 || slam12 == 0;
  let omg12 = 0.0;
  let somg12 = 2.0; // 2: not computed yet
  let comg12 = 0.0;
  if (meridian) {
    // Both points on one meridian: the geodesic may be the meridian itself.
    st.calp1 = clam12;
    st.salp1 = slam12;
    st.calp2 = 1;
    st.salp2 = 0;
    st.ssig1 = st.sbet1;
    st.csig1 = st.calp1 * st.cbet1;
    st.ssig2 = st.sbet2;
    st.csig2 = st.calp2 * st.cbet2;
    const ys = st.csig1 * st.ssig2 - st.ssig1 * st.csig2;
    st.sig12 = atan2((ys > 0 ? ys : 0.0) + 0.0, st.csig1 * st.csig2 + st.ssig1 * st.ssig2);
    lengths(E.n, st.sig12, st.ssig1, st.csig1, st.dn1, st.ssig2, st.csig2, st.dn2, DISTANCE | REDUCED_LENGTH);
    s12x = st.s12b;
    let m12x = st.m12b;
    if (st.sig12 < TOL2 || m12x >= 0) {
      // st.sig12 < 3 tiny: two points at one pole; no negative s12 or m12 for short lines.
      if (st.sig12 < 3 * TINY || (st.sig12 < TOL0 && (s12x < 0 || m12x < 0))) {
        s12x = 0;
        m12x = 0;
        st.sig12 = 0;
      }
      s12x *= E.b;
    } else meridian = false; // m12 < 0: prolate and too close to antipodal
  }
  if (!meridian && st.sbet1 == 0 && (E.f <= 0 || lon12s >= E.f * 180)) {
    // Along the equator (also for lon12 up to (1 - f)·180 on oblate ellipsoids).
    st.calp1 = st.calp2 = 0;
    st.salp1 = st.salp2 = 1;
    s12x = E.a * lam12;
    st.sig12 = omg12 = lam12 / f1;
  } else if (!meridian) {
    st.sig12 = inverseStart(lam12, slam12, clam12);
    if (st.sig12 >= 0) {
      s12x = st.sig12 * E.b * st.dnm; // short line: st.salp2, st.calp2 and st.dnm set
      omg12 = lam12 / (f1 * st.dnm);
    } else {
      // Newton on alp1 for lambda12(alp1) = lam12, keeping a bracket (alp1a, alp1b) of the
      // root and bisecting when Newton steps out of it or the derivative is not positive.
      let numit = 0;
      let salp1a = TINY, calp1a = 1.0, salp1b = TINY, calp1b = -1.0;
      let tripn = false;
      let tripb = false;
      for (; ; ++numit) {
        const v = lambda12(slam12, clam12, numit < MAXIT1);
        if (tripb || !(Math.abs(v) >= (tripn ? 8.0 : 1.0) * TOL0) || numit == MAXIT2) break;
        if (v > 0 && (numit > MAXIT1 || st.calp1 / st.salp1 > calp1b / salp1b)) {
          salp1b = st.salp1;
          calp1b = st.calp1;
        } else if (v < 0 && (numit > MAXIT1 || st.calp1 / st.salp1 < calp1a / salp1a)) {
          salp1a = st.salp1;
          calp1a = st.calp1;
        }
        if (numit < MAXIT1 && st.dlam12 > 0) {
          const dalp1 = -v / st.dlam12;
          if (Math.abs(dalp1) < PI) {
            sincos(dalp1);
            const sdalp1 = SINCOS0;
            const cdalp1 = SINCOS1;
            const nsalp1 = st.salp1 * cdalp1 + st.calp1 * sdalp1;
            if (nsalp1 > 0) {
              st.calp1 = st.calp1 * cdalp1 - st.salp1 * sdalp1;
              st.salp1 = nsalp1;
              h = hypot(st.salp1, st.calp1);
              st.salp1 /= h;
              st.calp1 /= h;
              // Slope -> 0 can spoil quadratic convergence: then converge on epsilon.
              tripn = Math.abs(v) <= 16 * TOL0;
              continue;
            }
          }
        }
        // Bisect: the midpoint of the bracket.
        st.salp1 = (salp1a + salp1b) / 2;
        st.calp1 = (calp1a + calp1b) / 2;
        h = hypot(st.salp1, st.calp1);
        st.salp1 /= h;
        st.calp1 /= h;
        tripn = false;
        tripb = Math.abs(salp1a - st.salp1) + (calp1a - st.calp1) < TOLB || Math.abs(st.salp1 - salp1b) + (st.calp1 - calp1b) < TOLB;
      }
      lengths(st.eps, st.sig12, st.ssig1, st.csig1, st.dn1, st.ssig2, st.csig2, st.dn2, DISTANCE);
      s12x = st.s12b * E.b;
      if (withArea) {
        sincos(st.domg12); // omg12 = lam12 - st.domg12
        somg12 = slam12 * SINCOS1 - clam12 * SINCOS0;
        comg12 = clam12 * SINCOS1 + slam12 * SINCOS0;
      }
    }
  }
  const s12 = 0 + s12x; // -0 -> +0
  if (withArea) {
    const salp0 = st.salp1 * st.cbet1;
    const calp0 = hypot(st.calp1, st.salp1 * st.sbet1);
    let S12 = 0.0;
    if (calp0 != 0 && salp0 != 0) {
      // The I4 integral (eqs. 58-59): S12 = A4 (B42 - B41), A4 = a² e² cos alp0 sin alp0.
      let s1 = st.sbet1, c1 = st.calp1 * st.cbet1, s2 = st.sbet2, c2 = st.calp2 * st.cbet2;
      const k2 = calp0 * calp0 * E.ep2;
      const e = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
      const A4 = E.a * E.a * calp0 * salp0 * E.e2;
      h = hypot(s1, c1);
      s1 /= h;
      c1 /= h;
      h = hypot(s2, c2);
      s2 /= h;
      c2 /= h;
      C4f(e, CA);
      S12 = A4 * (sinCosSeries(false, s2, c2, CA, ORDER) - sinCosSeries(false, s1, c1, CA, ORDER));
    }
    if (!meridian && somg12 == 2) {
      sincos(omg12);
      somg12 = SINCOS0;
      comg12 = SINCOS1;
    }
    let alp12: f64;
    if (!meridian && comg12 > -0.7071 && st.sbet2 - st.sbet1 < 1.75) {
      // omg12 < 3π/4 and a moderate latitude difference: tan(alp12/2) from tan(omg12/2) and
      // the half-angle tangents of bet1, bet2, accurate for short edges.
      const domg = 1 + comg12;
      const dbet1 = 1 + st.cbet1;
      const dbet2 = 1 + st.cbet2;
      alp12 = 2 * atan2(somg12 * (st.sbet1 * dbet2 + st.sbet2 * dbet1), domg * (st.sbet1 * st.sbet2 + dbet1 * dbet2));
    } else {
      // alp12 = alp2 - alp1; the signed-zero fix keeps alp1 = ±180, alp2 = 0 at -180.
      let salp12 = st.salp2 * st.calp1 - st.calp2 * st.salp1;
      let calp12 = st.calp2 * st.calp1 + st.salp2 * st.salp1;
      if (salp12 == 0 && calp12 < 0) {
        salp12 = TINY * st.calp1;
        calp12 = -1;
      }
      alp12 = atan2(salp12, calp12);
    }
    S12 += E.c2 * alp12; // eq. 58: c² (alp2 - alp1) + the I4 term
    S12 *= swapp * lonsign * latsign;
    st.S12 = S12 + 0;
  }
  // Undo the canonical transformation for the azimuths (swapping the points back first).
  store<f64>(INVERSE_AZIMUTHS, (swapp < 0 ? st.salp2 : st.salp1) * (swapp * lonsign));
  store<f64>(INVERSE_AZIMUTHS, (swapp < 0 ? st.calp2 : st.calp1) * (swapp * latsign), 8);
  store<f64>(INVERSE_AZIMUTHS, (swapp < 0 ? st.salp1 : st.salp2) * (swapp * lonsign), 16);
  store<f64>(INVERSE_AZIMUTHS, (swapp < 0 ? st.calp1 : st.calp2) * (swapp * latsign), 24);
  return s12;
}

/** S12 of the last inverse(..., withArea = true). */
export function areaOfLast(): f64 {
  return st.S12;
}

/** s12 (metres if a is), azi1, azi2 (degrees) into out[0..2] (out: an address). */
export function geodesicInverse(lon1: f64, lat1: f64, lon2: f64, lat2: f64, a: f64, f: f64, out: usize): void {
  ellipsoid(a, f);
  store<f64>(out, inverse(lon1, lat1, lon2, lat2, false));
  store<f64>(out, atan2d(load<f64>(INVERSE_AZIMUTHS), load<f64>(INVERSE_AZIMUTHS, 8)), 8);
  store<f64>(out, atan2d(load<f64>(INVERSE_AZIMUTHS, 16), load<f64>(INVERSE_AZIMUTHS, 24)), 16);
}

/** The same s12 as geodesicInverse, bit for bit, without computing the azimuths' final atan2. */
export function geodesicDistance(lon1: f64, lat1: f64, lon2: f64, lat2: f64, a: f64, f: f64): f64 {
  ellipsoid(a, f);
  return inverse(lon1, lat1, lon2, lat2, false);
}

const C1A: usize = memory.data(NC * 8, 8);
const C1PA: usize = memory.data(NC * 8, 8);
const C3A: usize = memory.data(NC * 8, 8);

/**
 * lon2 (reduced to [-180, 180]), lat2, azi2 into out[0..2]; any finite s12 (negative too).
 * GeodesicLine's LineInit and GenPosition (arcmode false, no LONG_UNROLL): sig12 from s12 by the
 * reverted series (eqs. 20-21) plus, for |f| > 0.01, one Newton step on eq. 7.
 */
export function geodesicDirect(lon1: f64, lat1: f64, azi1: f64, s12: f64, a: f64, f: f64, out: usize): void {
  ellipsoid(a, f);
  sincosd(angRound(angNormalize(azi1))); // AngRound guards salp0 against underflow; -0 -> +0
  const sa1 = SINCOS0;
  const ca1 = SINCOS1;
  sincosd(angRound(lat1));
  let sb1 = E.f1 * SINCOS0;
  let cb1 = SINCOS1;
  const h = hypot(sb1, cb1);
  sb1 /= h;
  cb1 /= h;
  cb1 = cb1 > TINY ? cb1 : TINY;
  const salp0 = sa1 * cb1; // alp0 in [0, π/2 - |bet1|]
  const calp0 = hypot(ca1, sa1 * sb1);
  // sig1 from tan bet1 = tan sig1 cos alp1, omg1 from tan omg1 = sin alp0 tan sig1 (eqs. 11-12).
  let ss1 = sb1;
  const somg1 = salp0 * sb1;
  let cs1 = sb1 != 0 || ca1 != 0 ? cb1 * ca1 : 1.0;
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
  const stau1 = ss1 * SINCOS1 + cs1 * SINCOS0; // tau1 = sig1 + B11
  const ctau1 = cs1 * SINCOS1 - ss1 * SINCOS0;
  C1pf(e, C1PA);
  C3f(e, C3A);
  const A3c = -E.f * salp0 * A3f(e);
  const B31 = sinCosSeries(true, ss1, cs1, C3A, ORDER - 1);
  // sig12 from tau12 = s12 / (b A1), by the reverted series.
  const tau12 = s12 / (E.b * (1 + A1m1));
  sincos(tau12);
  const s = SINCOS0;
  const c = SINCOS1;
  const B12 = -sinCosSeries(true, stau1 * c + ctau1 * s, ctau1 * c - stau1 * s, C1PA, ORDER);
  let sig = tau12 - (B12 - B11);
  sincos(sig);
  let ssig12 = SINCOS0;
  let csig12 = SINCOS1;
  if (Math.abs(E.f) > 0.01) {
    // The reverted series loses accuracy beyond |f| = 0.01: one Newton step on s(sig12).
    const ss2 = ss1 * csig12 + cs1 * ssig12;
    const cs2 = cs1 * csig12 - ss1 * ssig12;
    const B12n = sinCosSeries(true, ss2, cs2, C1A, ORDER);
    const serr = (1 + A1m1) * (sig + (B12n - B11)) - s12 / E.b;
    sig = sig - serr / Math.sqrt(1 + k2 * (ss2 * ss2));
    sincos(sig);
    ssig12 = SINCOS0;
    csig12 = SINCOS1;
  }
  const ss2 = ss1 * csig12 + cs1 * ssig12; // sig2 = sig1 + sig12
  let cs2 = cs1 * csig12 - ss1 * ssig12;
  const sbet = calp0 * ss2; // sin bet2 = cos alp0 sin sig2
  let cbet = hypot(salp0, calp0 * cs2);
  if (cbet == 0) cbet = cs2 = TINY; // salp0 = 0 and csig2 = 0: break the degeneracy
  // tan omg2 = sin alp0 tan sig2; omg12 = omg2 - omg1 reduced by atan2 (no unrolling).
  const somg2 = salp0 * ss2;
  const comg2 = cs2;
  const omg12 = atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1);
  const lam12 = omg12 + A3c * (sig + (sinCosSeries(true, ss2, cs2, C3A, ORDER - 1) - B31));
  const lon12 = lam12 / RADIANS_PER_DEGREE;
  store<f64>(out, angNormalize(angNormalize(lon1) + angNormalize(lon12)));
  store<f64>(out, atan2d(sbet, E.f1 * cbet), 8);
  store<f64>(out, atan2d(salp0, calp0 * cs2), 16); // tan alp0 = cos sig2 tan alp2
}

/**
 * out[k] = geodesicDistance of pair k < n (f64 arrays at byte addresses). Bit k of stepMask
 * (lon1, lat1, lon2, lat2) set = that array advances, clear = its element 0 is broadcast.
 */
export function geodesicDistanceMany(lon1: usize, lat1: usize, lon2: usize, lat2: usize, stepMask: i32, n: i32, a: f64, f: f64, out: usize): void {
  ellipsoid(a, f);
  const i1 = stepMask & 1, j1 = (stepMask >> 1) & 1, i2 = (stepMask >> 2) & 1, j2 = (stepMask >> 3) & 1;
  for (let k = 0; k < n; k++) put(out, k, inverse(at(lon1, k * i1), at(lat1, k * j1), at(lon2, k * i2), at(lat2, k * j2), false));
}

/** out[i * nB + j] (row-major nA × nB) = geodesicDistance(aLon[i], aLat[i], bLon[j], bLat[j]). */
export function geodesicDistanceTile(aLon: usize, aLat: usize, nA: i32, bLon: usize, bLat: usize, nB: i32, a: f64, f: f64, out: usize): void {
  ellipsoid(a, f);
  for (let i = 0; i < nA; i++) {
    const lon = at(aLon, i);
    const lat = at(aLat, i);
    for (let j = 0; j < nB; j++) put(out, i * nB + j, inverse(lon, lat, at(bLon, j), at(bLat, j), false));
  }
}
