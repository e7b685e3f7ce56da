// The series of Karney's geodesic algorithms at order 6: C. F. F. Karney, "Algorithms for
// geodesics", J. Geodesy 87 (2013) 43-55, arXiv:1109.4448, and GeographicLib's Geodesic.cpp
// (A1m1f, C1f, C1pf, A2m1f, C2f, A3coeff, C3coeff, C4coeff, SinCosSeries). The twin of
// src/backends/js/geodesic-series.ts, operation for operation.
//
// Differences of form only: the coefficient tables and the c[] arrays are static memory
// (addresses), and the ellipsoid is not an object passed around but the static fields of class E
// (wasm globals) for the last (a, f), which ellipsoid(a, f) updates, so that A3f, C3f and C4f
// take no E argument. Nothing allocates. The series every Newton step of the inverse evaluates
// (A1m1f, C1f, A2m1f, C2f, A3f, C3f, and sinCosSeries at the orders used) are the TS's loops
// unrolled, with the tables' coefficients as literals: the same operations in the same order
// (polyval's y·x + p, then the division by the divisor), ~15% faster in V8 than the loops over
// tables, partly because the divisions by a power of two (32, 512, 2048, 256) then compile to
// multiplications by the exact reciprocal, which round identically.

import { polyval } from "./fdlibm";

/** Series order: every expansion is carried to eps^6 (and n^6). */
export const ORDER = 6;
/** Length of a coefficient scratch array (index 0 is unused by the sine series). */
export const NC = ORDER + 1;

// Karney's Maxima output: each polynomial's integer coefficients (highest power first), then its
// divisor; exact in double. A1m1f, C1f, A2m1f and C2f carry theirs as literals (below).
// C1'[l] / eps^l, the reverted series for sigma in terms of tau (eqs. 20-21).
const C1P_COEFF: usize = memory.data<f64>([
  205, -432, 768, 1536, 4005, -4736, 3840, 12288, -225, 116, 384, -7173, 2695, 7680, 3467, 7680, 38081, 61440,
]);
// A3: the coefficient of eps^j (j = 5 down to 0) as a polynomial in n (eq. 24).
const A3_COEFF: usize = memory.data<f64>([-3, 128, -2, -3, 64, -1, -3, -1, 16, 3, -1, -2, 8, 1, -1, 2, 1, 1]);
// C3[l], l = 1..5: the coefficient of eps^j (j = 5 down to l) as a polynomial in n (eq. 25).
const C3_COEFF: usize = memory.data<f64>([
  3, 128, 2, 5, 128, -1, 3, 3, 64, -1, 0, 1, 8, -1, 1, 4, 5, 256, 1, 3, 128, -3, -2, 3, 64, 1, -3, 2, 32, 7, 512, -10, 9, 384, 5, -9, 5,
  192, 7, 512, -14, 7, 512, 21, 2560,
]);
// C4[l], l = 0..5: the coefficient of eps^j (j = 5 down to l) as a polynomial in n (eq. 63).
const C4_COEFF: usize = memory.data<f64>([
  97, 15015, 1088, 156, 45045, -224, -4784, 1573, 45045, -10656, 14144, -4576, -858, 45045, 64, 624, -4576, 6864, -3003, 15015, 100, 208,
  572, 3432, -12012, 30030, 45045, 1, 9009, -2944, 468, 135135, 5792, 1040, -1287, 135135, 5952, -11648, 9152, -2574, 135135, -64, -624,
  4576, -6864, 3003, 135135, 8, 10725, 1856, -936, 225225, -8448, 4992, -1144, 225225, -1440, 4160, -4576, 1716, 225225, -136, 63063, 1024,
  -208, 105105, 3584, -3328, 1144, 315315, -128, 135135, -2560, 832, 405405, 128, 99099,
]);

/** c[i] of an f64 array at address c. */
// @ts-ignore: decorator
@inline
export function at(c: usize, i: i32): f64 {
  return load<f64>(c + (<usize>i << 3));
}

/** c[i] = v. */
// @ts-ignore: decorator
@inline
export function put(c: usize, i: i32, v: f64): void {
  store<f64>(c + (<usize>i << 3), v);
}

/**
 * A1 - 1, the mean of dI1/dsigma less 1, as a function of eps (eq. 17): t = polyval(3, [1, 4, 64,
 * 0], eps²) / 256, then (t + eps) / (1 - eps).
 */
// @ts-ignore: decorator
@inline
export function A1m1f(eps: f64): f64 {
  const x = eps * eps;
  const t = (((1.0 * x + 4.0) * x + 64.0) * x + 0.0) / 256.0;
  return (t + eps) / (1 - eps);
}

/** A2 - 1 (eq. 42): t = polyval(3, [-11, -28, -192, 0], eps²) / 256, then (t - eps) / (1 + eps). */
// @ts-ignore: decorator
@inline
export function A2m1f(eps: f64): f64 {
  const x = eps * eps;
  const t = (((-11.0 * x + -28.0) * x + -192.0) * x + 0.0) / 256.0;
  return (t - eps) / (1 + eps);
}

/** c[l] = eps^l · (polynomial l in eps²) / divisor, l = 1..6: the shape of C1, C1' and C2. */
// @ts-ignore: decorator
@inline
function evenSeries(coeff: usize, eps: f64, c: usize): void {
  const eps2 = eps * eps;
  let d = eps;
  let o = 0;
  for (let l = 1; l <= ORDER; l++) {
    const m = (ORDER - l) >> 1; // order of the polynomial in eps²
    put(c, l, (d * polyval(m, coeff, o, eps2)) / at(coeff, o + m + 1));
    o += m + 2;
    d *= eps;
  }
}

/**
 * C1[1..6] (eq. 18) into c: evenSeries over the TS's C1_COEFF [-1, 6, -16, 32, -9, 64, -128, 2048,
 * 9, -16, 768, 3, -5, 512, -7, 1280, -7, 2048], unrolled.
 */
// @ts-ignore: decorator
@inline
export function C1f(eps: f64, c: usize): void {
  const eps2 = eps * eps;
  let d = eps;
  put(c, 1, (d * ((-1.0 * eps2 + 6.0) * eps2 + -16.0)) / 32.0);
  d *= eps;
  put(c, 2, (d * ((-9.0 * eps2 + 64.0) * eps2 + -128.0)) / 2048.0);
  d *= eps;
  put(c, 3, (d * (9.0 * eps2 + -16.0)) / 768.0);
  d *= eps;
  put(c, 4, (d * (3.0 * eps2 + -5.0)) / 512.0);
  d *= eps;
  put(c, 5, (d * -7.0) / 1280.0);
  d *= eps;
  put(c, 6, (d * -7.0) / 2048.0);
}

/** C1'[1..6] (eq. 21) into c (the direct problem's, once a call: the TS's loop). */
export function C1pf(eps: f64, c: usize): void {
  evenSeries(C1P_COEFF, eps, c);
}

/**
 * C2[1..6] (eq. 43) into c: evenSeries over the TS's C2_COEFF [1, 2, 16, 32, 35, 64, 384, 2048,
 * 15, 80, 768, 7, 35, 512, 63, 1280, 77, 2048], unrolled.
 */
// @ts-ignore: decorator
@inline
export function C2f(eps: f64, c: usize): void {
  const eps2 = eps * eps;
  let d = eps;
  put(c, 1, (d * ((1.0 * eps2 + 2.0) * eps2 + 16.0)) / 32.0);
  d *= eps;
  put(c, 2, (d * ((35.0 * eps2 + 64.0) * eps2 + 384.0)) / 2048.0);
  d *= eps;
  put(c, 3, (d * (15.0 * eps2 + 80.0)) / 768.0);
  d *= eps;
  put(c, 4, (d * (7.0 * eps2 + 35.0)) / 512.0);
  d *= eps;
  put(c, 5, (d * 63.0) / 1280.0);
  d *= eps;
  put(c, 6, (d * 77.0) / 2048.0);
}

// The A3, C3, C4 series' coefficients as polynomials in eps alone (the TS's E.A3x, E.C3x, E.C4x).
export const A3X: usize = memory.data(ORDER * 8, 8);
export const C3X: usize = memory.data(((ORDER * (ORDER - 1)) / 2) * 8, 8);
const C4X: usize = memory.data(((ORDER * (ORDER + 1)) / 2) * 8, 8);

/**
 * The constants of the last ellipsoid (GeographicLib's Geodesic constructor; the TS's Ellipsoid
 * object): the third flattening n, e², e'², b, the authalic radius squared c² (eq. 60), etol2.
 * Static fields: wasm globals, read as E.f1 exactly as the TS reads its E.
 */
export class E {
  static a: f64 = NaN; // NaN: no ellipsoid yet, the first ellipsoid() computes
  static f: f64 = NaN;
  static f1: f64 = 0;
  static e2: f64 = 0;
  static ep2: f64 = 0;
  static n: f64 = 0;
  static b: f64 = 0;
  static c2: f64 = 0;
  static etol2: f64 = 0;
}

/** The TS Ellipsoid constructor: E's fields and A3X, C3X, C4X for (a, f). */
function setEllipsoid(a: f64, f: f64): void {
  E.a = a;
  E.f = f;
  E.f1 = 1 - f;
  E.e2 = f * (2 - f);
  E.ep2 = E.e2 / (E.f1 * E.f1);
  E.n = f / (2 - f);
  E.b = a * E.f1;
  // c² = (a² + b² · atanh(e)/e) / 2 (eq. 60), atanh(e)/e = Σ e2^k / (2k + 1) by Horner, 16 terms.
  let s = 1.0 / 33;
  for (let k = 15; k >= 0; k--) s = s * E.e2 + 1.0 / <f64>(2 * k + 1);
  E.c2 = (a * a + E.b * E.b * s) / 2;
  // The really-short-line threshold: 0.1 · sqrt(eps) / sqrt(max(0.001, |f|) · min(1, 1 - f/2) / 2).
  const af = Math.abs(f);
  const big = af > 0.001 ? af : 0.001;
  const half = 1 - f / 2;
  const small = half < 1 ? half : 1.0;
  E.etol2 = (0.1 * 1.4901161193847656e-8) / Math.sqrt((big * small) / 2);
  const n = E.n;
  let o = 0;
  let k = 0;
  for (let j = ORDER - 1; j >= 0; j--) {
    const m = ORDER - j - 1 < j ? ORDER - j - 1 : j;
    put(A3X, k++, polyval(m, A3_COEFF, o, n) / at(A3_COEFF, o + m + 1));
    o += m + 2;
  }
  o = 0;
  k = 0;
  for (let l = 1; l < ORDER; l++) {
    for (let j = ORDER - 1; j >= l; j--) {
      const m = ORDER - j - 1 < j ? ORDER - j - 1 : j;
      put(C3X, k++, polyval(m, C3_COEFF, o, n) / at(C3_COEFF, o + m + 1));
      o += m + 2;
    }
  }
  o = 0;
  k = 0;
  for (let l = 0; l < ORDER; l++) {
    for (let j = ORDER - 1; j >= l; j--) {
      const m = ORDER - j - 1;
      put(C4X, k++, polyval(m, C4_COEFF, o, n) / at(C4_COEFF, o + m + 1));
      o += m + 2;
    }
  }
}

/** E becomes the ellipsoid (a, f), recomputed only when it differs from the last call's. */
// @ts-ignore: decorator
@inline
export function ellipsoid(a: f64, f: f64): void {
  const g = f + 0.0; // -0 -> +0, so that both share one set of constants
  if (a != E.a || g != E.f) setEllipsoid(a, g);
}

/** A3 (eq. 24) at eps: polyval(5, A3X, 0, eps) unrolled. */
// @ts-ignore: decorator
@inline
export function A3f(eps: f64): f64 {
  return ((((at(A3X, 0) * eps + at(A3X, 1)) * eps + at(A3X, 2)) * eps + at(A3X, 3)) * eps + at(A3X, 4)) * eps + at(A3X, 5);
}

/** C3[1..5] (eq. 25) into c: the TS's loop unrolled (mult = eps^l; polyval of order 5 - l over C3X). */
// @ts-ignore: decorator
@inline
export function C3f(eps: f64, c: usize): void {
  let mult = 1.0;
  mult *= eps;
  put(c, 1, mult * ((((at(C3X, 0) * eps + at(C3X, 1)) * eps + at(C3X, 2)) * eps + at(C3X, 3)) * eps + at(C3X, 4)));
  mult *= eps;
  put(c, 2, mult * (((at(C3X, 5) * eps + at(C3X, 6)) * eps + at(C3X, 7)) * eps + at(C3X, 8)));
  mult *= eps;
  put(c, 3, mult * ((at(C3X, 9) * eps + at(C3X, 10)) * eps + at(C3X, 11)));
  mult *= eps;
  put(c, 4, mult * (at(C3X, 12) * eps + at(C3X, 13)));
  mult *= eps;
  put(c, 5, mult * at(C3X, 14));
}

/** C4[0..5] (eq. 63) into c. */
export function C4f(eps: f64, c: usize): void {
  let mult = 1.0;
  let o = 0;
  for (let l = 0; l < ORDER; l++) {
    const m = ORDER - l - 1;
    put(c, l, mult * polyval(m, C4X, o, eps));
    o += m + 1;
    mult *= eps;
  }
}

/**
 * Clenshaw summation (Geodesic.cpp's SinCosSeries): sinp ? Σ_{l=1..n} c[l] sin(2l x)
 * : Σ_{l=0..n-1} c[l] cos((2l+1) x), from sin x and cos x, two terms per step. Inlined, so that
 * sinp and n are constants: the sine series of orders 6 and 5 (every Newton step) take the
 * unrolled branches, the same steps as the loop.
 */
// @ts-ignore: decorator
@inline
export function sinCosSeries(sinp: bool, sinx: f64, cosx: f64, c: usize, n: i32): f64 {
  const ar = 2 * (cosx - sinx) * (cosx + sinx); // 2 cos 2x
  let y0 = 0.0;
  let y1 = 0.0;
  if (sinp && n == 6) {
    y1 = ar * y0 - y1 + at(c, 6);
    y0 = ar * y1 - y0 + at(c, 5);
    y1 = ar * y0 - y1 + at(c, 4);
    y0 = ar * y1 - y0 + at(c, 3);
    y1 = ar * y0 - y1 + at(c, 2);
    y0 = ar * y1 - y0 + at(c, 1);
  } else if (sinp && n == 5) {
    y0 = at(c, 5);
    y1 = ar * y0 - y1 + at(c, 4);
    y0 = ar * y1 - y0 + at(c, 3);
    y1 = ar * y0 - y1 + at(c, 2);
    y0 = ar * y1 - y0 + at(c, 1);
  } else {
    let k = sinp ? n + 1 : n; // one beyond the last coefficient
    y0 = (n & 1) != 0 ? at(c, --k) : 0.0;
    for (let m = n >> 1; m > 0; m--) {
      y1 = ar * y0 - y1 + at(c, --k);
      y0 = ar * y1 - y0 + at(c, --k);
    }
  }
  return sinp ? 2 * sinx * cosx * y0 : cosx * (y0 - y1);
}
