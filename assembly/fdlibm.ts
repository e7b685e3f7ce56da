// The elementary functions every kernel of the WebAssembly backend shares: fdlibm's polynomial
// kernels for sin, cos and atan (Sun Microsystems 1993, as ported by musl libc: src/math/__sin.c,
// __cos.c, atan.c; coefficients copied bit for bit) and the central angle atan2(S, C) for S >= 0
// built on them. Used instead of a libm so that every backend (TypeScript, C++, this module,
// scalar and SIMD) evaluates the same operations and returns the same bits (docs/algorithms.md).
//
// The second half is the twin of src/backends/js/fdlibm.ts's geodesic functions, operation for
// operation: sincos in radians (musl's reduction, fdlibm-reduce.ts), sincosd, sincosde, atan2,
// atan2d, hypot, cbrt (musl), and GeographicLib's Math.cpp helpers (C. F. F. Karney, "Algorithms
// for geodesics", J. Geodesy 87 (2013) 43-55): twoSum, polyval, remainder, angNormalize, angDiff,
// angRound. Only + - * /, sqrt, abs, floor, fmod (`%` on f64 is NativeMath.mod, exact) and bit
// operations. Two results come back through module globals (no allocation): SINCOS0/SINCOS1 (the
// TS's SINCOS[0]/[1]) and ROUNDOFF0 (ROUNDOFF[0]); read them before the next call.

import { remPio2, REDUCED0, REDUCED1 } from "./fdlibm-reduce";

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

// ---------------------------------------------------------------------------------------------
// Geodesic elementary functions (src/backends/js/fdlibm.ts, same names and order)

export const PI = PI_HI; // 3.141592653589793

/** sin (SINCOS0) and cos (SINCOS1) of the last sincos, sincosd or sincosde. */
export let SINCOS0: f64 = 0;
export let SINCOS1: f64 = 0;
/** The rounding error of the last twoSum or angDiff. */
export let ROUNDOFF0: f64 = 0;

/** musl __sin(x, y, 1): sin(x + y) for a reduced argument with tail y, |x + y| <= π/4. */
// @ts-ignore: decorator
@inline
function sinKernelTail(x: f64, y: f64): f64 {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** musl __cos(x, y): cos(x + y) for a reduced argument with tail y. */
// @ts-ignore: decorator
@inline
function cosKernelTail(x: f64, y: f64): f64 {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const h = 1.0 - hz;
  return h + (1.0 - h - hz + (z * r - x * y));
}

/** sin x and cos x (radians, any finite x) into SINCOS0, SINCOS1: musl's sin and cos. */
export function sincos(x: f64): void {
  if (Math.abs(x) <= 0.7853981633974483) {
    // The kernel maps -0 to +0; musl returns x itself for |x| < 2^-26 (the same but that sign).
    SINCOS0 = x == 0 ? x : sinKernel(x);
    SINCOS1 = cosKernel(x);
    return;
  }
  const n = remPio2(x);
  const y0 = REDUCED0;
  const y1 = REDUCED1;
  const s = sinKernelTail(y0, y1);
  const c = cosKernelTail(y0, y1);
  const q = n & 3; // two's complement: n mod 4
  SINCOS0 = q == 0 ? s : q == 1 ? c : q == 2 ? -s : -c;
  SINCOS1 = q == 0 ? c : q == 1 ? -s : q == 2 ? -c : s;
}

// ---- Degrees (GeographicLib Math.cpp) ----

const SQRT_HALF = reinterpret<f64>(0x3FE6A09E667F3BCD); // sqrt(0.5)
const SQRT_THREE_QUARTERS = reinterpret<f64>(0x3FEBB67AE8584CAA); // sqrt(0.75)

/** Whether x has its sign bit set (-0 included). */
// @ts-ignore: decorator
@inline
export function signbit(x: f64): bool {
  return <bool>(reinterpret<u64>(x) >> 63);
}

/** |x| with the sign of y (C's copysign, by the bits; the TS spells it out). */
// @ts-ignore: decorator
@inline
export function copysign(x: f64, y: f64): f64 {
  return reinterpret<f64>((reinterpret<u64>(x) & 0x7fffffffffffffff) | (reinterpret<u64>(y) & 0x8000000000000000));
}

/** x reduced mod 360 to (-360, 360) exactly: fmod, skipped when it is the identity. */
// @ts-ignore: decorator
@inline
function fmod360(x: f64): f64 {
  return x > -360.0 && x < 360.0 ? x : x % 360.0;
}

/**
 * The tail of sincosd/sincosde: d (degrees, |d| <= 45 + ulp) in quadrant q, x for the sign of a
 * zero sine. ±45° and ±30° exact; cos is never -0 and a zero sine takes x's sign.
 */
function sincosdTail(d: f64, q: i32, x: f64): void {
  const r = d * RADIANS_PER_DEGREE;
  let s = sinKernel(r);
  let c = cosKernel(r);
  const ad = Math.abs(d);
  if (ad == 45.0) {
    c = SQRT_HALF;
    s = copysign(c, r);
  } else if (ad == 30.0) {
    c = SQRT_THREE_QUARTERS;
    s = copysign(0.5, r);
  }
  const k = q & 3; // q in [-4, 4]: two's complement, q mod 4
  let sinx = k == 0 ? s : k == 1 ? c : k == 2 ? -s : -c;
  const cosx = (k == 0 ? c : k == 1 ? -s : k == 2 ? -c : s) + 0.0;
  if (sinx == 0) sinx = copysign(sinx, x);
  SINCOS0 = sinx;
  SINCOS1 = cosx;
}

/** sin and cos of x degrees (any finite x): r = fmod(x, 360), q = floor(r/90 + 0.5), d = r - 90q. */
export function sincosd(x: f64): void {
  const r = fmod360(x);
  const q = Math.floor(r / 90.0 + 0.5);
  sincosdTail(r - 90.0 * q, <i32>q, x);
}

/** sin and cos of x + t degrees, t a small correction (GeographicLib's sincosde). */
export function sincosde(x: f64, t: f64): void {
  const r = fmod360(x);
  const q = Math.floor(r / 90.0 + 0.5);
  sincosdTail(angRound(r - 90.0 * q + t), <i32>q, x);
}

/** atan2(y, x) in radians, finite arguments, C's signed-zero rules. */
export function atan2(y: f64, x: f64): f64 {
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  let r: f64;
  if (ay <= ax) r = atan01(ax == 0 ? 0.0 : ay / ax);
  else r = PIO2_HI - (atan01(ax / ay) - PIO2_LO); // π/2 - atan(x/y)
  if (x < 0 || (ax == 0 && ay == 0 && signbit(x))) r = PI_HI - (r - PI_LO); // π - r
  return signbit(y) ? -r : r;
}

/** atan2(y, x) in degrees as GeographicLib's Math::atan2d (octant swap first: exact multiples of 45). */
export function atan2d(y: f64, x: f64): f64 {
  let q = 0;
  if (Math.abs(y) > Math.abs(x)) {
    const t = x;
    x = y;
    y = t;
    q = 2;
  }
  if (signbit(x)) {
    x = -x;
    q += 1;
  }
  const ang = (atan2(y, x) / PI) * 180.0;
  if (q == 1) return copysign(180.0, y) - ang;
  if (q == 2) return 90.0 - ang;
  if (q == 3) return -90.0 + ang;
  return ang;
}

const SCALE_UP = 4.149515568880993e180; // 2^600
const SCALE_DOWN = 2.409919865102884e-181; // 2^-600

/** sqrt(a·a + b·b), a = |x|, b = |y|, rescaled by 2^∓600 beyond 2^500 or below 2^-500. */
export function hypot(x: f64, y: f64): f64 {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (a > 3.273390607896142e150 || b > 3.273390607896142e150) {
    a = a * SCALE_DOWN;
    b = b * SCALE_DOWN;
    return Math.sqrt(a * a + b * b) * SCALE_UP;
  }
  if (a < 3.054936363499605e-151 && b < 3.054936363499605e-151) {
    a = a * SCALE_UP;
    b = b * SCALE_UP;
    return Math.sqrt(a * a + b * b) * SCALE_DOWN;
  }
  return Math.sqrt(a * a + b * b);
}

const CBRT_B1: u32 = 715094163; // (1023 - 1023/3 - 0.03306235651) · 2^20
const CBRT_B2: u32 = 696219795; // (1023 - 1023/3 - 54/3 - 0.03306235651) · 2^20
const CBRT_P0 = reinterpret<f64>(0x3FFE03E60F61E692); //  1.87595182427177009643
const CBRT_P1 = reinterpret<f64>(0xBFFE28E092F02420); // -1.88497979543377169875
const CBRT_P2 = reinterpret<f64>(0x3FF9F1604A49D6C2); //  1.621429720105354466140
const CBRT_P3 = reinterpret<f64>(0xBFE844CBBEE751D9); // -0.758397934778766047437
const CBRT_P4 = reinterpret<f64>(0x3FC2B000D4E4EDD7); //  0.145996192886612446982

/** The real cube root (musl cbrt.c), the 64-bit round-away step done on the whole word. */
export function cbrt(x: f64): f64 {
  let u = reinterpret<u64>(x);
  let hx = <u32>(u >> 32) & 0x7fffffff;
  if (hx >= 0x7ff00000) return x + x;
  if (hx < 0x00100000) {
    u = reinterpret<u64>(x * 18014398509481984.0); // 2^54: subnormal or zero
    hx = <u32>(u >> 32) & 0x7fffffff;
    if (hx == 0) return x;
    hx = hx / 3 + CBRT_B2;
  } else hx = hx / 3 + CBRT_B1;
  u = (u & 0x8000000000000000) | (<u64>hx << 32); // x's sign, the estimate's exponent and bits
  let t = reinterpret<f64>(u);
  let r = t * t * (t / x);
  t = t * (CBRT_P0 + r * (CBRT_P1 + r * CBRT_P2) + r * r * r * (CBRT_P3 + r * CBRT_P4));
  t = reinterpret<f64>((reinterpret<u64>(t) + 0x80000000) & 0xffffffffc0000000);
  const s = t * t; // exact
  r = x / s;
  const w = t + t; // exact
  r = (r - t) / (w + r); // r - t is exact
  return t + t * r;
}

// ---- GeographicLib's Math helpers ----

/** Knuth's TwoSum: returns s = round(u + v), and u + v - s into ROUNDOFF0. */
export function twoSum(u: f64, v: f64): f64 {
  const s = u + v;
  let up = s - v;
  let vpp = s - up;
  up -= u;
  vpp -= v;
  ROUNDOFF0 = s != 0 ? 0.0 - (up + vpp) : s;
  return s;
}

/** p[o]·x^n + p[o+1]·x^(n-1) + ... + p[o+n] by Horner's rule (n < 0: 0); p an f64 array's address. */
// @ts-ignore: decorator
@inline
export function polyval(n: i32, p: usize, o: i32, x: f64): f64 {
  let y = n < 0 ? 0.0 : load<f64>(p + (<usize>o << 3));
  for (let i = 1; i <= n; i++) y = y * x + load<f64>(p + (<usize>(o + i) << 3));
  return y;
}

/** IEEE remainder(x, y) for y > 0, exact; a zero result takes x's sign. */
export function remainder(x: f64, y: f64): f64 {
  if (2 * Math.abs(x) <= y) return x;
  const a = Math.abs(x % (2 * y));
  let b = a;
  if (2 * a > y) {
    b = a - y;
    if (2 * b >= y) b = b - y;
  }
  return signbit(x) ? -b : b;
}

/** x reduced to [-180, 180]; ±180 takes x's sign (GeographicLib's AngNormalize). */
export function angNormalize(x: f64): f64 {
  const y = remainder(x, 360.0);
  return Math.abs(y) == 180.0 ? copysign(180.0, x) : y;
}

/** y - x reduced to [-180, 180] (GeographicLib's AngDiff); the error e into ROUNDOFF0. */
export function angDiff(x: f64, y: f64): f64 {
  let d = twoSum(remainder(-x, 360.0), remainder(y, 360.0));
  let e = ROUNDOFF0;
  d = twoSum(remainder(d, 360.0), e);
  e = ROUNDOFF0;
  if (d == 0 || Math.abs(d) == 180.0) d = copysign(d, e == 0 ? y - x : -e);
  ROUNDOFF0 = e;
  return d;
}

/** x coarsened near zero (GeographicLib's AngRound): |x| < 1/16 to a multiple of 2^-57. */
// @ts-ignore: decorator
@inline
export function angRound(x: f64): f64 {
  const z = 0.0625;
  let y = Math.abs(x);
  const w = z - y;
  y = w > 0 ? z - w : y;
  return copysign(y, x);
}
