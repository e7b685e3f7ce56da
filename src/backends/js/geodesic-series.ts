/**
 * The series of Karney's geodesic algorithms at order 6 (GeographicLib's
 * GEOGRAPHICLIB_GEODESIC_ORDER = 6): C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87
 * (2013) 43-55, arXiv:1109.4448, and GeographicLib's Geodesic.cpp (A1m1f, C1f, C1pf, A2m1f, C2f,
 * A3coeff, C3coeff, C4coeff, SinCosSeries). The coefficient tables are Karney's Maxima output:
 * each polynomial's integer coefficients (highest power first) followed by its divisor, so that
 * they are exact in double; a coefficient is the polynomial's value divided by the divisor.
 *
 * Ports: the same loops in the same order; polyval is Horner's rule (fdlibm.ts). Here the loops
 * that run on every Newton step (evenSeries, C3f, A3f, and the sine series as sinSeries6 and
 * sinSeries5) are unrolled by hand into the same operations in the same order: V8 does not unroll
 * them, and their index arithmetic and variable-length inner loops cost more than the arithmetic
 * (unrolled, geodesicDistanceMany takes ~25% less time).
 */
import { polyval } from './fdlibm.js';

/** Series order: every expansion is carried to eps^6 (and n^6). */
export const ORDER = 6;
/** Length of a coefficient scratch array (index 0 is unused by the sine series). */
export const NC = ORDER + 1;

// A1 - 1 = (t + eps) / (1 - eps), t a polynomial in eps² (eq. 17).
const A1M1_COEFF = new Float64Array([1, 4, 64, 0, 256]);
// C1[l] / eps^l, polynomials in eps² (eq. 18).
const C1_COEFF = new Float64Array([-1, 6, -16, 32, -9, 64, -128, 2048, 9, -16, 768, 3, -5, 512, -7, 1280, -7, 2048]);
// C1'[l] / eps^l, the reverted series for sigma in terms of tau (eqs. 20-21).
const C1P_COEFF = new Float64Array([
  205, -432, 768, 1536, 4005, -4736, 3840, 12288, -225, 116, 384, -7173, 2695, 7680, 3467, 7680, 38081, 61440,
]);
// A2 - 1 = (t - eps) / (1 + eps) (eq. 42).
const A2M1_COEFF = new Float64Array([-11, -28, -192, 0, 256]);
// C2[l] / eps^l (eq. 43).
const C2_COEFF = new Float64Array([1, 2, 16, 32, 35, 64, 384, 2048, 15, 80, 768, 7, 35, 512, 63, 1280, 77, 2048]);
// A3: the coefficient of eps^j (j = 5 down to 0) as a polynomial in n (eq. 24).
const A3_COEFF = new Float64Array([-3, 128, -2, -3, 64, -1, -3, -1, 16, 3, -1, -2, 8, 1, -1, 2, 1, 1]);
// C3[l], l = 1..5: the coefficient of eps^j (j = 5 down to l) as a polynomial in n (eq. 25).
const C3_COEFF = new Float64Array([
  3, 128, 2, 5, 128, -1, 3, 3, 64, -1, 0, 1, 8, -1, 1, 4, 5, 256, 1, 3, 128, -3, -2, 3, 64, 1, -3, 2, 32, 7, 512, -10, 9, 384, 5, -9, 5,
  192, 7, 512, -14, 7, 512, 21, 2560,
]);
// C4[l], l = 0..5: the coefficient of eps^j (j = 5 down to l) as a polynomial in n (eq. 63).
const C4_COEFF = new Float64Array([
  97, 15015, 1088, 156, 45045, -224, -4784, 1573, 45045, -10656, 14144, -4576, -858, 45045, 64, 624, -4576, 6864, -3003, 15015, 100, 208,
  572, 3432, -12012, 30030, 45045, 1, 9009, -2944, 468, 135135, 5792, 1040, -1287, 135135, 5952, -11648, 9152, -2574, 135135, -64, -624,
  4576, -6864, 3003, 135135, 8, 10725, 1856, -936, 225225, -8448, 4992, -1144, 225225, -1440, 4160, -4576, 1716, 225225, -136, 63063, 1024,
  -208, 105105, 3584, -3328, 1144, 315315, -128, 135135, -2560, 832, 405405, 128, 99099,
]);

/** A1 - 1, the mean of dI1/dsigma less 1, as a function of eps (eq. 17). */
export function A1m1f(eps: number): number {
  const t = polyval(3, A1M1_COEFF, 0, eps * eps) / A1M1_COEFF[4]!;
  return (t + eps) / (1 - eps);
}

/** A2 - 1 (eq. 42). */
export function A2m1f(eps: number): number {
  const t = polyval(3, A2M1_COEFF, 0, eps * eps) / A2M1_COEFF[4]!;
  return (t - eps) / (1 + eps);
}

/**
 * c[l] = eps^l · (polynomial l in eps²) / divisor, l = 1..6: the shape of C1, C1' and C2. The
 * polynomials have degrees 2, 2, 1, 1, 0, 0 and follow each other in coeff, each with its divisor;
 * unrolled: c[l] = (eps^l · polyval(m, coeff, o, eps²)) / coeff[o + m + 1], eps^l = eps^(l-1) · eps.
 */
function evenSeries(coeff: Float64Array, eps: number, c: Float64Array): void {
  const eps2 = eps * eps;
  let d = eps;
  c[1] = (d * ((coeff[0]! * eps2 + coeff[1]!) * eps2 + coeff[2]!)) / coeff[3]!;
  d *= eps;
  c[2] = (d * ((coeff[4]! * eps2 + coeff[5]!) * eps2 + coeff[6]!)) / coeff[7]!;
  d *= eps;
  c[3] = (d * (coeff[8]! * eps2 + coeff[9]!)) / coeff[10]!;
  d *= eps;
  c[4] = (d * (coeff[11]! * eps2 + coeff[12]!)) / coeff[13]!;
  d *= eps;
  c[5] = (d * coeff[14]!) / coeff[15]!;
  d *= eps;
  c[6] = (d * coeff[16]!) / coeff[17]!;
}

/** C1[1..6] (eq. 18) into c. */
export function C1f(eps: number, c: Float64Array): void {
  evenSeries(C1_COEFF, eps, c);
}

/** C1'[1..6] (eq. 21) into c. */
export function C1pf(eps: number, c: Float64Array): void {
  evenSeries(C1P_COEFF, eps, c);
}

/** C2[1..6] (eq. 43) into c. */
export function C2f(eps: number, c: Float64Array): void {
  evenSeries(C2_COEFF, eps, c);
}

/**
 * An ellipsoid's constants (GeographicLib's Geodesic constructor): the third flattening n, e²,
 * e'², b, the authalic radius squared c² (eq. 60), etol2, and the A3, C3, C4 series' coefficients
 * as polynomials in eps alone (their n-dependence evaluated once).
 */
export class Ellipsoid {
  readonly f1: number;
  readonly e2: number;
  readonly ep2: number;
  readonly n: number;
  readonly b: number;
  readonly c2: number;
  readonly etol2: number;
  readonly A3x = new Float64Array(ORDER);
  readonly C3x = new Float64Array((ORDER * (ORDER - 1)) / 2);
  readonly C4x = new Float64Array((ORDER * (ORDER + 1)) / 2);

  constructor(
    readonly a: number,
    readonly f: number,
  ) {
    this.f1 = 1 - f;
    this.e2 = f * (2 - f);
    this.ep2 = this.e2 / (this.f1 * this.f1);
    this.n = f / (2 - f);
    this.b = a * this.f1;
    // c² = (a² + b² · atanh(e)/e) / 2 (eq. 60); atanh(e)/e for e² > 0 and atan(|e|)/|e| for
    // e² < 0 are both Σ e2^k / (2k + 1), summed by Horner over 16 terms (|e2| <= 0.04 here).
    let s = 1 / 33;
    for (let k = 15; k >= 0; k--) s = s * this.e2 + 1 / (2 * k + 1);
    this.c2 = (a * a + this.b * this.b * s) / 2;
    // The really-short-line threshold (Geodesic.cpp): 0.1 · sqrt(eps) / sqrt(max(0.001, |f|) ·
    // min(1, 1 - f/2) / 2).
    const af = Math.abs(f);
    const big = af > 0.001 ? af : 0.001;
    const half = 1 - f / 2;
    const small = half < 1 ? half : 1;
    this.etol2 = (0.1 * 1.4901161193847656e-8) / Math.sqrt((big * small) / 2);
    const n = this.n;
    let o = 0;
    let k = 0;
    for (let j = ORDER - 1; j >= 0; j--) {
      const m = ORDER - j - 1 < j ? ORDER - j - 1 : j;
      this.A3x[k++] = polyval(m, A3_COEFF, o, n) / A3_COEFF[o + m + 1]!;
      o += m + 2;
    }
    o = 0;
    k = 0;
    for (let l = 1; l < ORDER; l++) {
      for (let j = ORDER - 1; j >= l; j--) {
        const m = ORDER - j - 1 < j ? ORDER - j - 1 : j;
        this.C3x[k++] = polyval(m, C3_COEFF, o, n) / C3_COEFF[o + m + 1]!;
        o += m + 2;
      }
    }
    o = 0;
    k = 0;
    for (let l = 0; l < ORDER; l++) {
      for (let j = ORDER - 1; j >= l; j--) {
        const m = ORDER - j - 1;
        this.C4x[k++] = polyval(m, C4_COEFF, o, n) / C4_COEFF[o + m + 1]!;
        o += m + 2;
      }
    }
  }
}

let last = new Ellipsoid(6378137, 1 / 298.257223563);

/** The constants of the ellipsoid (a, f), recomputed only when they differ from the last call's. */
export function ellipsoid(a: number, f: number): Ellipsoid {
  const g = f + 0; // -0 -> +0, so that both share one set of constants
  if (a !== last.a || g !== last.f) last = new Ellipsoid(a, g);
  return last;
}

/** A3 (eq. 24) at eps. */
export function A3f(e: Ellipsoid, eps: number): number {
  const p = e.A3x; // polyval(5, A3x, 0, eps), unrolled
  return ((((p[0]! * eps + p[1]!) * eps + p[2]!) * eps + p[3]!) * eps + p[4]!) * eps + p[5]!;
}

/**
 * C3[1..5] (eq. 25) into c: c[l] = eps^l · polyval(5 - l, C3x, o, eps), the polynomials of degrees
 * 4, 3, 2, 1, 0 following each other in C3x; unrolled, eps^l = eps^(l-1) · eps.
 */
export function C3f(e: Ellipsoid, eps: number, c: Float64Array): void {
  const p = e.C3x;
  let mult = eps; // 1 · eps
  c[1] = mult * ((((p[0]! * eps + p[1]!) * eps + p[2]!) * eps + p[3]!) * eps + p[4]!);
  mult *= eps;
  c[2] = mult * (((p[5]! * eps + p[6]!) * eps + p[7]!) * eps + p[8]!);
  mult *= eps;
  c[3] = mult * ((p[9]! * eps + p[10]!) * eps + p[11]!);
  mult *= eps;
  c[4] = mult * (p[12]! * eps + p[13]!);
  mult *= eps;
  c[5] = mult * p[14]!;
}

/** C4[0..5] (eq. 63) into c. */
export function C4f(e: Ellipsoid, eps: number, c: Float64Array): void {
  let mult = 1;
  let o = 0;
  for (let l = 0; l < ORDER; l++) {
    const m = ORDER - l - 1;
    c[l] = mult * polyval(m, e.C4x, o, eps);
    o += m + 1;
    mult *= eps;
  }
}

/**
 * Clenshaw summation (Geodesic.cpp's SinCosSeries): sinp ? Σ_{l=1..n} c[l] sin(2l x)
 * : Σ_{l=0..n-1} c[l] cos((2l+1) x), from sin x and cos x, two terms per step.
 */
export function sinCosSeries(sinp: boolean, sinx: number, cosx: number, c: Float64Array, n: number): number {
  let k = sinp ? n + 1 : n; // one beyond the last coefficient
  const ar = 2 * (cosx - sinx) * (cosx + sinx); // 2 cos 2x
  let y0 = (n & 1) !== 0 ? c[--k]! : 0;
  let y1 = 0;
  for (let m = n >> 1; m > 0; m--) {
    y1 = ar * y0 - y1 + c[--k]!;
    y0 = ar * y1 - y0 + c[--k]!;
  }
  return sinp ? 2 * sinx * cosx * y0 : cosx * (y0 - y1);
}

/**
 * sinCosSeries(true, sinx, cosx, c, 6) unrolled, the same operations in the same order (for
 * Lengths, on every Newton step).
 */
export function sinSeries6(sinx: number, cosx: number, c: Float64Array): number {
  const ar = 2 * (cosx - sinx) * (cosx + sinx);
  let y0 = 0;
  let y1 = 0;
  y1 = ar * y0 - y1 + c[6]!;
  y0 = ar * y1 - y0 + c[5]!;
  y1 = ar * y0 - y1 + c[4]!;
  y0 = ar * y1 - y0 + c[3]!;
  y1 = ar * y0 - y1 + c[2]!;
  y0 = ar * y1 - y0 + c[1]!;
  return 2 * sinx * cosx * y0;
}

/** sinCosSeries(true, sinx, cosx, c, 5) unrolled likewise (for Lambda12). */
export function sinSeries5(sinx: number, cosx: number, c: Float64Array): number {
  const ar = 2 * (cosx - sinx) * (cosx + sinx);
  let y0 = c[5]!;
  let y1 = 0;
  y1 = ar * y0 - y1 + c[4]!;
  y0 = ar * y1 - y0 + c[3]!;
  y1 = ar * y0 - y1 + c[2]!;
  y0 = ar * y1 - y0 + c[1]!;
  return 2 * sinx * cosx * y0;
}
