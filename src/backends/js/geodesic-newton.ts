/**
 * The inverse geodesic problem's shared state and its Newton iteration (geodesic.ts's inverse()
 * uses them): GeographicLib's Lengths, Lambda12 and the Newton loop of GenInverse (Karney,
 * "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55, arXiv:1109.4448). The same operations
 * in the same order as GeographicLib and the ports (see geodesic.ts).
 *
 * Written for V8: none of these functions takes or returns a double; inputs and results go
 * through one state object, st. lengths, lambda12 and newton are too big for V8 to inline, and a
 * double passed to or returned from a call that is not inlined is boxed, a heap allocation (with
 * the GC, ~6-9% of geodesicDistanceMany's time when they took and returned doubles).
 */
import { PI, SINCOS, atan2, hypot, sincos } from './fdlibm.js';
import { A1m1f, A2m1f, A3f, C1f, C2f, C3f, type Ellipsoid, NC, ORDER, sinSeries5, sinSeries6 } from './geodesic-series.js';

// Tolerances (Geodesic.cpp's constructor), for doubles.
export const TINY = Math.sqrt(2.2250738585072014e-308); // sqrt(DBL_MIN): underflow guard
export const TOL0 = 2.220446049250313e-16; // DBL_EPSILON
export const TOL1 = 200 * TOL0;
export const TOL2 = Math.sqrt(TOL0);
const TOLB = TOL0; // bisection interval check
export const XTHRESH = 1000 * TOL2;
const MAXIT1 = 20;
const MAXIT2 = MAXIT1 + 53 + 10; // + digits + 10

export const DISTANCE = 1;
export const REDUCED_LENGTH = 2;

// Coefficient scratch (index 0 unused by the sine series).
export const CA = new Float64Array(NC);
const CB = new Float64Array(NC);

/**
 * The inverse problem's working state: GeographicLib's locals shared between GenInverse,
 * InverseStart, Lambda12 and Lengths (their outputs). Fields of one object, not module-level
 * variables: V8 stores doubles into an object's fields in place, but boxes every store to a
 * module-level variable (a fresh heap number each time).
 */
class InverseState {
  sbet1 = 0;
  cbet1 = 0;
  dn1 = 0;
  sbet2 = 0;
  cbet2 = 0;
  dn2 = 0;
  salp1 = 0;
  calp1 = 0;
  salp2 = 0;
  calp2 = 0;
  dnm = 0; // InverseStart, short lines
  sig12 = 0;
  ssig1 = 0;
  csig1 = 0;
  ssig2 = 0;
  csig2 = 0;
  eps = 0;
  domg12 = 0;
  dlam12 = 0; // Lambda12
  slam12 = 0; // sin and cos of the longitude difference (Lambda12's input)
  clam12 = 0;
  v = 0; // Lambda12's result, lam12(alp1) - lam12
  s12b = 0;
  m12b = 0;
  m0 = 0; // Lengths
  S12 = 0; // the area term of the last inverse with withArea
}
export const st = new InverseState();

/**
 * Geodesic.cpp's Lengths for st.eps, st.sig12, st.ssig1, st.csig1, st.dn1, st.ssig2, st.csig2,
 * st.dn2: s12/b = A1 (sig12 + B1) (eqs. 7, 17-18) into st.s12b (mask DISTANCE); the reduced
 * length m12/b via J = I1 - I2 (A2, C2 of eqs. 42-43) into st.m12b, st.m0. Its inputs come from
 * st rather than as arguments: the function is too big for V8 to inline, and each double passed
 * to a call that is not inlined is boxed, a heap allocation (8 per call, ~4 calls per pair).
 */
export function lengths(mask: number): void {
  const eps = st.eps;
  const sig12 = st.sig12;
  const ssig1 = st.ssig1;
  const csig1 = st.csig1;
  const ssig2 = st.ssig2;
  const csig2 = st.csig2;
  let m0x = 0;
  let J12 = 0;
  let A2 = 0;
  let A1 = A1m1f(eps);
  C1f(eps, CA);
  if ((mask & REDUCED_LENGTH) !== 0) {
    A2 = A2m1f(eps);
    C2f(eps, CB);
    m0x = A1 - A2;
    A2 = 1 + A2;
  }
  A1 = 1 + A1;
  if ((mask & DISTANCE) !== 0) {
    const B1 = sinSeries6(ssig2, csig2, CA) - sinSeries6(ssig1, csig1, CA);
    st.s12b = A1 * (sig12 + B1);
    if ((mask & REDUCED_LENGTH) !== 0) {
      const B2 = sinSeries6(ssig2, csig2, CB) - sinSeries6(ssig1, csig1, CB);
      J12 = m0x * sig12 + (A1 * B1 - A2 * B2);
    }
  } else if ((mask & REDUCED_LENGTH) !== 0) {
    for (let l = 1; l <= ORDER; l++) CB[l] = A1 * CA[l]! - A2 * CB[l]!;
    J12 = m0x * sig12 + (sinSeries6(ssig2, csig2, CB) - sinSeries6(ssig1, csig1, CB));
  }
  if ((mask & REDUCED_LENGTH) !== 0) {
    st.m0 = m0x;
    // (csig1 * ssig2) and (ssig1 * csig2) grouped for exact cancellation at coincident points.
    st.m12b = st.dn2 * (csig1 * ssig2) - st.dn1 * (ssig1 * csig2) - csig1 * csig2 * J12;
  }
}

/**
 * Lambda12: for the trial alp1 (calp1 possibly nudged), solve the triangle on the auxiliary
 * sphere (eqs. 5, 10-14) and put lam12(alp1) - lam12 into st.v via eta = omg12 - lam12 and the
 * longitude correction (eqs. 8, 23-25). Sets salp2, calp2, sig12, ssig1, csig1, ssig2, csig2,
 * eps, domg12. GeographicLib's diffp part (dlam12) is lambda12Derivative, called after the
 * convergence test (see the Newton loop).
 */
function lambda12(E: Ellipsoid): void {
  if (st.sbet1 === 0 && st.calp1 === 0) st.calp1 = -TINY; // break the degeneracy of the equatorial line
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
  st.salp2 = st.cbet2 !== st.cbet1 ? salp0 / st.cbet2 : st.salp1;
  // cos alp2 = sqrt(cos² alp1 cos² bet1 + (cos² bet2 - cos² bet1)) / cos bet2, the difference
  // of squares taken from whichever of cbet, sbet measures |bet1| - |bet2| better.
  const dsq = st.cbet1 < -st.sbet1 ? (st.cbet2 - st.cbet1) * (st.cbet1 + st.cbet2) : (st.sbet1 - st.sbet2) * (st.sbet1 + st.sbet2);
  st.calp2 =
    st.cbet2 !== st.cbet1 || Math.abs(st.sbet2) !== -st.sbet1
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
  st.sig12 = atan2((ys > 0 ? ys : 0) + 0, st.csig1 * st.csig2 + st.ssig1 * st.ssig2);
  const yo = comg1 * somg2 - somg1 * comg2;
  const somg12 = (yo > 0 ? yo : 0) + 0;
  const comg12 = comg1 * comg2 + somg1 * somg2;
  const slam120 = st.slam12;
  const clam120 = st.clam12;
  const eta = atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120);
  const k2 = calp0 * calp0 * E.ep2;
  st.eps = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
  C3f(E, st.eps, CA);
  const B312 = sinSeries5(st.ssig2, st.csig2, CA) - sinSeries5(st.ssig1, st.csig1, CA);
  st.domg12 = -E.f * A3f(E, st.eps) * salp0 * (st.sig12 + B312);
  st.v = eta + st.domg12;
}

/**
 * Lambda12's diffp part: dlam12 = d(lam12)/d(alp1) from the reduced length, for the state the
 * last lambda12 left.
 */
function lambda12Derivative(E: Ellipsoid): void {
  if (st.calp2 === 0) st.dlam12 = (-2 * E.f1 * st.dn1) / st.sbet1;
  else {
    lengths(REDUCED_LENGTH);
    st.dlam12 = st.m12b * (E.f1 / (st.calp2 * st.cbet2));
  }
}

/**
 * Newton on alp1 for lambda12(alp1) = lam12 (st.slam12, st.clam12), from InverseStart's alp1,
 * leaving the converged state in st. Its own function, not a loop inside inverse(): V8 gives
 * each optimized function one inlining budget, which inverse() spends on its set-up calls.
 */
export function newton(E: Ellipsoid): void {
  // Keep a bracket (alp1a, alp1b) of the root and bisect when Newton steps out of it or the
  // derivative is not positive.
  let numit = 0;
  let h: number;
  let salp1a = TINY,
    calp1a = 1,
    salp1b = TINY,
    calp1b = -1;
  let tripn = false;
  let tripb = false;
  for (; ; ++numit) {
    // GeographicLib's Lambda12(..., diffp = numit < MAXIT1), its derivative taken only once
    // the test below has decided on another step: on the last step (1 in ~3.6) dlam12, m12b
    // and m0 are never read; skipping that Lengths saves ~2-3% of geodesicDistanceMany's CPU time.
    lambda12(E);
    const v = st.v;
    if (tripb || !(Math.abs(v) >= (tripn ? 8 : 1) * TOL0) || numit === MAXIT2) break;
    if (numit < MAXIT1) lambda12Derivative(E);
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
        const sdalp1 = SINCOS[0]!;
        const cdalp1 = SINCOS[1]!;
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
}
