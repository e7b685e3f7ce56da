// The elementary functions every kernel of the WebAssembly backend shares: fdlibm's polynomial
// kernels for sin, cos and atan (Sun Microsystems 1993, as ported by musl libc: src/math/__sin.c,
// __cos.c, atan.c; coefficients copied bit for bit) and the central angle atan2(S, C) for S >= 0
// built on them. Used instead of a libm so that every backend (TypeScript, C++, this module,
// scalar and SIMD) evaluates the same operations and returns the same bits (docs/algorithms.md).

// ---------------------------------------------------------------------------------------------
// Constants (docs/algorithms.md gives them as bit patterns; reinterpret folds to f64 literals).

// sinKernel (musl __sin.c)
export const S1 = reinterpret<f64>(0xBFC5555555555549); // -1.66666666666666324348e-01
export const S2 = reinterpret<f64>(0x3F8111111110F8A6); //  8.33333333332248946124e-03
export const S3 = reinterpret<f64>(0xBF2A01A019C161D5); // -1.98412698298579493134e-04
export const S4 = reinterpret<f64>(0x3EC71DE357B1FE7D); //  2.75573137070700676789e-06
export const S5 = reinterpret<f64>(0xBE5AE5E68A2B9CEB); // -2.50507602534068634195e-08
export const S6 = reinterpret<f64>(0x3DE5D93A5ACFD57C); //  1.58969099521155010221e-10
// cosKernel (musl __cos.c)
export const C1 = reinterpret<f64>(0x3FA555555555554C); //  4.16666666666666019037e-02
export const C2 = reinterpret<f64>(0xBF56C16C16C15177); // -1.38888888888741095749e-03
export const C3 = reinterpret<f64>(0x3EFA01A019CB1590); //  2.48015872894767294178e-05
export const C4 = reinterpret<f64>(0xBE927E4F809C52AD); // -2.75573143513906633035e-07
export const C5 = reinterpret<f64>(0x3E21EE9EBDB4B1C4); //  2.08757232129817482790e-09
export const C6 = reinterpret<f64>(0xBDA8FAE9BE8838D4); // -1.13596475577881948265e-11
// atan01 (musl atan.c)
export const ATANHI0 = reinterpret<f64>(0x3FDDAC670561BB4F); // 4.63647609000806093515e-01 atan(1/2) hi
export const ATANHI1 = reinterpret<f64>(0x3FE921FB54442D18); // 7.85398163397448278999e-01 atan(1)   hi
export const ATANLO0 = reinterpret<f64>(0x3C7A2B7F222F65E2); // 2.26987774529616870924e-17
export const ATANLO1 = reinterpret<f64>(0x3C81A62633145C07); // 3.06161699786838301793e-17
export const AT0 = reinterpret<f64>(0x3FD555555555550D); //  3.33333333333329318027e-01
export const AT1 = reinterpret<f64>(0xBFC999999998EBC4); // -1.99999999998764832476e-01
export const AT2 = reinterpret<f64>(0x3FC24924920083FF); //  1.42857142725034663711e-01
export const AT3 = reinterpret<f64>(0xBFBC71C6FE231671); // -1.11111104054623557880e-01
export const AT4 = reinterpret<f64>(0x3FB745CDC54C206E); //  9.09088713343650656196e-02
export const AT5 = reinterpret<f64>(0xBFB3B0F2AF749A6D); // -7.69187620504482999495e-02
export const AT6 = reinterpret<f64>(0x3FB10D66A0D03D51); //  6.66107313738753120669e-02
export const AT7 = reinterpret<f64>(0xBFADDE2D52DEFD9A); // -5.83357013379057348645e-02
export const AT8 = reinterpret<f64>(0x3FA97B4B24760DEB); //  4.97687799461593236017e-02
export const AT9 = reinterpret<f64>(0xBFA2B4442C6A6C2F); // -3.65315727442169155270e-02
export const AT10 = reinterpret<f64>(0x3F90AD3AE322DA11); //  1.62858201153657823623e-02
// π/2 and π split into high and low parts
export const PIO2_HI = reinterpret<f64>(0x3FF921FB54442D18); // 1.57079632679489655800e+00
export const PIO2_LO = reinterpret<f64>(0x3C91A62633145C07); // 6.12323399573676603587e-17
export const PI_HI = reinterpret<f64>(0x400921FB54442D18); // 3.14159265358979311600e+00
export const PI_LO = reinterpret<f64>(0x3CA1A62633145C07); // 1.22464679914735320717e-16
// Degree conversions
export const RADIANS_PER_DEGREE = reinterpret<f64>(0x3F91DF46A2529D39); // π/180 rounded
export const DEGREES_TO_QUADRANTS = reinterpret<f64>(0x3F86C16C16C16C17); // 1/90 rounded

// ---------------------------------------------------------------------------------------------
// Polynomial kernels (fdlibm / musl)

/** sin(x) for |x| <= π/4 (musl __sin.c with iy = 0). */
// @ts-ignore: decorator
@inline
export function sinKernel(x: f64): f64 {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x + v * (S1 + z * r);
}

/** cos(x) for |x| <= π/4 (musl __cos.c with y = 0). */
// @ts-ignore: decorator
@inline
export function cosKernel(x: f64): f64 {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + z * r);
}

/** atan(t) for 0 <= t <= 1: musl atan.c restricted to its ranges id = -1, 0, 1. */
// @ts-ignore: decorator
@inline
export function atan01(t: f64): f64 {
  let x: f64, hi: f64, lo: f64;
  if (t < 0.4375) {
    x = t; hi = 0.0; lo = 0.0;
  } else if (t < 0.6875) {
    x = (2.0 * t - 1.0) / (2.0 + t); hi = ATANHI0; lo = ATANLO0;
  } else {
    x = (t - 1.0) / (t + 1.0); hi = ATANHI1; lo = ATANLO1;
  }
  const z = x * x;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  return hi - ((x * (s1 + s2) - lo) - x);
}

/** atan2(S, C) for S >= 0 (the central angle from its sine S >= 0 and cosine C). */
// @ts-ignore: decorator
@inline
export function centralAngle(S: f64, C: f64): f64 {
  const a = Math.abs(C);
  const big = Math.max(S, a);
  const small = Math.min(S, a);
  const t = big == 0.0 ? 0.0 : small / big;
  let r = atan01(t);
  if (S > a) r = PIO2_HI - (r - PIO2_LO);  // π/2 - r
  if (C < 0.0) r = PI_HI - (r - PI_LO);    // π - r
  return r;
}
