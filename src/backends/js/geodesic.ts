/**
 * Geodesics on an ellipsoid of revolution, the readable reference for every backend: C. F. F.
 * Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55, arXiv:1109.4448, as
 * implemented by GeographicLib 2.x's Geodesic.cpp and GeodesicLine.cpp (GenInverse, InverseStart,
 * Lambda12, Lengths, Astroid; GenDirect with arcmode false and no LONG_UNROLL), series at order 6.
 * Accurate to round-off (~15 nm on WGS84) for |f| <= 1/50.
 *
 * Bit-identical ports (AssemblyScript, C++ with -ffp-contract=off) must follow the same operation
 * order, the parenthesisation written here, and use only these elementary functions, all from
 * fdlibm.ts (never libm's or the language's): sincosd, sincosde (degrees, exact reduction),
 * sincos (radians, musl reduction incl. Payne–Hanek), atan2 (radians), atan2d, hypot (rescaled),
 * cbrt (musl), angNormalize, angDiff, angRound, remainder, copysign, signbit; plus the exact
 * IEEE operations sqrt, abs, floor. "max(0, v) + 0" is written as a ternary and yields +0 for
 * v = ±0; every other max/min is a ternary with GeographicLib's operand order. Loop and branch
 * structure (Newton on alp1 with bisection fallback) is GeographicLib's, so counts and exits
 * agree. The shared core passes results through one state object and typed-array slots, with no
 * allocation per call; Lengths, Lambda12 and the Newton loop are in geodesic-newton.ts. Equation
 * numbers are the paper's.
 */
import {
  PI,
  RADIANS_PER_DEGREE,
  SINCOS,
  ROUNDOFF,
  angDiff,
  angRound,
  atan2,
  atan2d,
  cbrt,
  copysign,
  hypot,
  signbit,
  sincos,
  sincosd,
  sincosde,
} from './fdlibm.js';
import { CA, DISTANCE, REDUCED_LENGTH, TINY, TOL0, TOL1, TOL2, XTHRESH, lengths, newton, st } from './geodesic-newton.js';
import { A3f, C4f, type Ellipsoid, ORDER, ellipsoid, sinCosSeries } from './geodesic-series.js';

/** The positive root k of k⁴ + 2k³ - (x² + y² - 1)k² - 2y²k - y² = 0 (eq. 55), for InverseStart. */
function astroid(x: number, y: number): number {
  const p = x * x;
  const q = y * y;
  const r = (p + q - 1) / 6;
  if (q === 0 && r <= 0) return 0; // y = 0 with |x| <= 1
  const S = (p * q) / 4; // r³ · s
  const r2 = r * r;
  const r3 = r * r2;
  const disc = S * (S + 2 * r3); // zero on the evolute p^(1/3) + q^(1/3) = 1
  let u = r;
  if (disc >= 0) {
    let T3 = S + r3;
    T3 += T3 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc); // the sign that avoids cancellation
    const T = cbrt(T3); // real root
    u += T + (T !== 0 ? r2 / T : 0);
  } else {
    const ang = atan2(Math.sqrt(-disc), -(S + r3)); // T is complex, u real
    sincos(ang / 3);
    u += 2 * r * SINCOS[1]!;
  }
  const v = Math.sqrt(u * u + q);
  const uv = u < 0 ? q / (v - u) : u + v; // u + v without cancellation
  const w = (uv - q) / (2 * v);
  return uv / (Math.sqrt(uv + w * w) + w);
}

/**
 * InverseStart: a starting alp1 for Newton (into salp1, calp1; returns -1), or for short lines
 * (the spherical solution with dnm at the mean latitude, eqs. 49-51) the answer: returns
 * sig12 >= 0 and sets salp2, calp2 and dnm. Nearly antipodal points solve the astroid (eq. 55)
 * and take alp1 from eqs. 56-57.
 */
function inverseStart(E: Ellipsoid, lam12: number, slam12: number, clam12: number): number {
  let sig = -1;
  // bet12 = bet2 - bet1 in [0, π); bet12a = bet2 + bet1 in (-π, 0]
  const sbet12 = st.sbet2 * st.cbet1 - st.cbet2 * st.sbet1;
  const cbet12 = st.cbet2 * st.cbet1 + st.sbet2 * st.sbet1;
  const sbet12a = st.sbet2 * st.cbet1 + st.cbet2 * st.sbet1;
  const shortline = cbet12 >= 0 && sbet12 < 0.5 && st.cbet2 * lam12 < 0.5;
  let somg12: number;
  let comg12: number;
  if (shortline) {
    let sbetm2 = (st.sbet1 + st.sbet2) * (st.sbet1 + st.sbet2);
    sbetm2 /= sbetm2 + (st.cbet1 + st.cbet2) * (st.cbet1 + st.cbet2); // sin²((bet1 + bet2)/2)
    st.dnm = Math.sqrt(1 + E.ep2 * sbetm2);
    sincos(lam12 / (E.f1 * st.dnm));
    somg12 = SINCOS[0]!;
    comg12 = SINCOS[1]!;
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
    let x: number;
    let y: number;
    let lamscale: number;
    let betscale: number;
    const lam12x = atan2(-slam12, -clam12); // lam12 - π
    if (f >= 0) {
      const k2 = st.sbet1 * st.sbet1 * E.ep2;
      const e = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
      lamscale = f * st.cbet1 * A3f(E, e) * PI;
      betscale = lamscale * st.cbet1;
      x = lam12x / lamscale;
      y = sbet12a / betscale;
    } else {
      const cbet12a = st.cbet2 * st.cbet1 - st.sbet2 * st.sbet1;
      const bet12a = atan2(sbet12a, cbet12a);
      // Lengths' inputs (eps = n, sig12 = π + bet12a, sig1 = (bet1, -cbet1), sig2 = bet2) go through
      // st, whose lambda12 fields are not yet set.
      st.eps = E.n;
      st.sig12 = PI + bet12a;
      st.ssig1 = st.sbet1;
      st.csig1 = -st.cbet1;
      st.ssig2 = st.sbet2;
      st.csig2 = st.cbet2;
      lengths(REDUCED_LENGTH);
      x = -1 + st.m12b / (st.cbet1 * st.cbet2 * st.m0 * PI);
      betscale = x < -0.01 ? sbet12a / x : -f * (st.cbet1 * st.cbet1) * PI;
      lamscale = betscale / st.cbet1;
      y = lam12x / lamscale;
    }
    if (y > -TOL1 && x > -1 - XTHRESH) {
      // Strip near the cut.
      if (f >= 0) {
        st.salp1 = -x < 1 ? -x : 1;
        st.calp1 = -Math.sqrt(1 - st.salp1 * st.salp1);
      } else {
        const lo = x > -TOL1 ? 0 : -1;
        st.calp1 = x > lo ? x : lo;
        st.salp1 = Math.sqrt(1 - st.calp1 * st.calp1);
      }
    } else {
      // Solve the astroid for omg12 and use the spherical formula for alp1.
      const k = astroid(x, y);
      const omg12a = lamscale * (f >= 0 ? (-x * k) / (1 + k) : (-y * (1 + k)) / k);
      sincos(omg12a);
      somg12 = SINCOS[0]!;
      comg12 = -SINCOS[1]!;
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

// Results of inverse(): the azimuths' sines and cosines and the area term.
export const INVERSE_AZIMUTHS = new Float64Array(4); // salp1, calp1, salp2, calp2

/**
 * GenInverse with outmask DISTANCE | AZIMUTH (| AREA when withArea): returns s12; the azimuths'
 * sines and cosines go to INVERSE_AZIMUTHS and, with withArea, S12 (eqs. 58-60) to areaOfLast().
 */
export function inverse(lon1: number, lat1: number, lon2: number, lat2: number, E: Ellipsoid, withArea: boolean): number {
  // The longitude difference, reduced exactly with its error (AngDiff), made non-negative.
  let lon12 = angDiff(lon1, lon2);
  let lon12s = ROUNDOFF[0]!;
  let lonsign = signbit(lon12) ? -1 : 1;
  lon12 *= lonsign;
  lon12s *= lonsign;
  const lam12 = lon12 * RADIANS_PER_DEGREE;
  sincosde(lon12, lon12s);
  const slam12 = SINCOS[0]!;
  const clam12 = SINCOS[1]!;
  lon12s = 180 - lon12 - lon12s; // the supplementary longitude difference
  // Latitudes very close to the equator count as on it; point 1 has the larger |latitude| and
  // lat1 <= -0 (swapp, latsign and lonsign record the symmetries used).
  let phi1 = angRound(lat1);
  let phi2 = angRound(lat2);
  const swapp = Math.abs(phi1) < Math.abs(phi2) ? -1 : 1;
  if (swapp < 0) {
    lonsign *= -1;
    const t = phi1;
    phi1 = phi2;
    phi2 = t;
  }
  const latsign = signbit(phi1) ? 1 : -1;
  phi1 *= latsign;
  phi2 *= latsign;
  // Reduced latitudes (eq. 6); cbet clamped to TINY so that poles keep a direction.
  const f1 = E.f1;
  sincosd(phi1);
  st.sbet1 = f1 * SINCOS[0]!;
  st.cbet1 = SINCOS[1]!;
  let h = hypot(st.sbet1, st.cbet1);
  st.sbet1 /= h;
  st.cbet1 /= h;
  st.cbet1 = st.cbet1 > TINY ? st.cbet1 : TINY;
  sincosd(phi2);
  st.sbet2 = f1 * SINCOS[0]!;
  st.cbet2 = SINCOS[1]!;
  h = hypot(st.sbet2, st.cbet2);
  st.sbet2 /= h;
  st.cbet2 /= h;
  st.cbet2 = st.cbet2 > TINY ? st.cbet2 : TINY;
  // Force bet2 = ±bet1 exactly when the sensitive measure of |bet1| - |bet2| vanishes.
  if (st.cbet1 < -st.sbet1) {
    if (st.cbet2 === st.cbet1) st.sbet2 = copysign(st.sbet1, st.sbet2);
  } else if (Math.abs(st.sbet2) === -st.sbet1) st.cbet2 = st.cbet1;
  st.dn1 = Math.sqrt(1 + E.ep2 * (st.sbet1 * st.sbet1));
  st.dn2 = Math.sqrt(1 + E.ep2 * (st.sbet2 * st.sbet2));

  let s12x = 0;
  let meridian = phi1 === -90 || slam12 === 0;
  let omg12 = 0;
  let somg12 = 2; // 2: not computed yet
  let comg12 = 0;
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
    st.sig12 = atan2((ys > 0 ? ys : 0) + 0, st.csig1 * st.csig2 + st.ssig1 * st.ssig2);
    st.eps = E.n;
    lengths(DISTANCE | REDUCED_LENGTH);
    s12x = st.s12b;
    let m12x = st.m12b;
    if (st.sig12 < TOL2 || m12x >= 0) {
      // st.sig12 < 3 tiny: two points at one pole; no negative s12 or m12 for short lines.
      if (st.sig12 < 3 * TINY || (st.sig12 < TOL0 && (s12x < 0 || m12x < 0))) st.sig12 = m12x = s12x = 0;
      s12x *= E.b;
    } else meridian = false; // m12 < 0: prolate and too close to antipodal
  }
  if (!meridian && st.sbet1 === 0 && (E.f <= 0 || lon12s >= E.f * 180)) {
    // Along the equator (also for lon12 up to (1 - f)·180 on oblate ellipsoids).
    st.calp1 = st.calp2 = 0;
    st.salp1 = st.salp2 = 1;
    s12x = E.a * lam12;
    st.sig12 = omg12 = lam12 / f1;
  } else if (!meridian) {
    st.sig12 = inverseStart(E, lam12, slam12, clam12);
    if (st.sig12 >= 0) {
      s12x = st.sig12 * E.b * st.dnm; // short line: st.salp2, st.calp2 and st.dnm set
      omg12 = lam12 / (f1 * st.dnm);
    } else {
      st.slam12 = slam12;
      st.clam12 = clam12;
      newton(E);
      lengths(DISTANCE);
      s12x = st.s12b * E.b;
      if (withArea) {
        sincos(st.domg12); // omg12 = lam12 - st.domg12
        somg12 = slam12 * SINCOS[1]! - clam12 * SINCOS[0]!;
        comg12 = clam12 * SINCOS[1]! + slam12 * SINCOS[0]!;
      }
    }
  }
  const s12 = 0 + s12x; // -0 -> +0
  if (withArea) {
    const salp0 = st.salp1 * st.cbet1;
    const calp0 = hypot(st.calp1, st.salp1 * st.sbet1);
    let S12 = 0;
    if (calp0 !== 0 && salp0 !== 0) {
      // The I4 integral (eqs. 58-59): S12 = A4 (B42 - B41), A4 = a² e² cos alp0 sin alp0.
      let s1 = st.sbet1,
        c1 = st.calp1 * st.cbet1,
        s2 = st.sbet2,
        c2 = st.calp2 * st.cbet2;
      const k2 = calp0 * calp0 * E.ep2;
      const e = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
      const A4 = E.a * E.a * calp0 * salp0 * E.e2;
      h = hypot(s1, c1);
      s1 /= h;
      c1 /= h;
      h = hypot(s2, c2);
      s2 /= h;
      c2 /= h;
      C4f(E, e, CA);
      S12 = A4 * (sinCosSeries(false, s2, c2, CA, ORDER) - sinCosSeries(false, s1, c1, CA, ORDER));
    }
    if (!meridian && somg12 === 2) {
      sincos(omg12);
      somg12 = SINCOS[0]!;
      comg12 = SINCOS[1]!;
    }
    let alp12: number;
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
      if (salp12 === 0 && calp12 < 0) {
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
  INVERSE_AZIMUTHS[0] = (swapp < 0 ? st.salp2 : st.salp1) * (swapp * lonsign);
  INVERSE_AZIMUTHS[1] = (swapp < 0 ? st.calp2 : st.calp1) * (swapp * latsign);
  INVERSE_AZIMUTHS[2] = (swapp < 0 ? st.salp1 : st.salp2) * (swapp * lonsign);
  INVERSE_AZIMUTHS[3] = (swapp < 0 ? st.calp1 : st.calp2) * (swapp * latsign);
  return s12;
}

/** S12 of the last inverse(..., withArea = true). */
export function areaOfLast(): number {
  return st.S12;
}

/** s12 (metres if a is), azi1, azi2 (degrees) into out[0..2]. */
export function geodesicInverse(lon1: number, lat1: number, lon2: number, lat2: number, a: number, f: number, out: Float64Array): void {
  out[0] = inverse(lon1, lat1, lon2, lat2, ellipsoid(a, f), false);
  out[1] = atan2d(INVERSE_AZIMUTHS[0]!, INVERSE_AZIMUTHS[1]!);
  out[2] = atan2d(INVERSE_AZIMUTHS[2]!, INVERSE_AZIMUTHS[3]!);
}

/** The same s12 as geodesicInverse, bit for bit, without computing the azimuths' final atan2. */
export function geodesicDistance(lon1: number, lat1: number, lon2: number, lat2: number, a: number, f: number): number {
  return inverse(lon1, lat1, lon2, lat2, ellipsoid(a, f), false);
}

export { geodesicDirect } from './geodesic-direct.js';

/** out[i] = geodesicDistance of pair i; a length-1 input is broadcast (step 0). */
export function geodesicDistanceMany(
  lon1: Float64Array,
  lat1: Float64Array,
  lon2: Float64Array,
  lat2: Float64Array,
  a: number,
  f: number,
  out: Float64Array,
): void {
  const E = ellipsoid(a, f);
  const i1 = lon1.length === 1 ? 0 : 1;
  const j1 = lat1.length === 1 ? 0 : 1;
  const i2 = lon2.length === 1 ? 0 : 1;
  const j2 = lat2.length === 1 ? 0 : 1;
  const n = out.length;
  for (let k = 0; k < n; k++) out[k] = inverse(lon1[k * i1]!, lat1[k * j1]!, lon2[k * i2]!, lat2[k * j2]!, E, false);
}

/** out[i * lonsB.length + j] = geodesicDistance(lonsA[i], latsA[i], lonsB[j], latsB[j]). */
export function geodesicDistanceMatrix(
  lonsA: Float64Array,
  latsA: Float64Array,
  lonsB: Float64Array,
  latsB: Float64Array,
  a: number,
  f: number,
  out: Float64Array,
): void {
  const E = ellipsoid(a, f);
  const nA = lonsA.length;
  const nB = lonsB.length;
  for (let i = 0; i < nA; i++) {
    const lon = lonsA[i]!;
    const lat = latsA[i]!;
    for (let j = 0; j < nB; j++) out[i * nB + j] = inverse(lon, lat, lonsB[j]!, latsB[j]!, E, false);
  }
}
