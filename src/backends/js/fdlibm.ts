/**
 * The project's own elementary functions, shared by the great-circle and geodesic kernels. Every
 * function is plain IEEE double arithmetic in a fixed order (no fused multiply-add: the C++ is
 * compiled with -ffp-contract=off), plus only the exact operations sqrt, abs, floor, trunc and
 * fmod (JS `%` on doubles), so that the AssemblyScript and C++ ports return the same bits.
 * Math.min/max/round/sign/hypot/sin/... are deliberately not used: their NaN, -0 and tie rules
 * differ between JS, C++ and AssemblyScript. Comparisons are written out as ternaries.
 *
 * Sources: fdlibm (Sun Microsystems 1993) as ported by musl: __sin.c, __cos.c, atan.c,
 * __rem_pio2.c, __rem_pio2_large.c (k_rem_pio2.c), cbrt.c; GeographicLib's Math.cpp
 * (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55, arXiv:1109.4448):
 * sincosd, sincosde, atan2d, AngNormalize, AngDiff, AngRound, sum, polyval.
 *
 * The fdlibm parts carry this notice, which its licence asks to preserve:
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunSoft, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this software is freely granted,
 *   provided that this notice is preserved.
 *
 * Two results are returned through module-level slots (no allocation in hot code):
 * sincos, sincosd and sincosde write SINCOS[0] = sin, SINCOS[1] = cos; twoSum and angDiff write
 * their rounding error to ROUNDOFF[0]. Read them before the next call.
 */

export const SINCOS = new Float64Array(2);
export const ROUNDOFF = new Float64Array(1);

export const PI = 3.141592653589793;
export const RADIANS_PER_DEGREE = PI / 180; // GeographicLib's Math::degree()

// fdlibm/musl __sin.c: sin(x) on |x| <= π/4.
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
// fdlibm/musl __cos.c: cos(x) on |x| <= π/4.
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;
// fdlibm/musl atan.c: atan(1/2) and atan(1) in two parts, and the polynomial on |x| < 7/16.
const ATANHI0 = 4.63647609000806093515e-1;
const ATANHI1 = 7.85398163397448278999e-1;
const ATANLO0 = 2.26987774529616870924e-17;
const ATANLO1 = 3.06161699786838301793e-17;
const AT0 = 3.33333333333329318027e-1;
const AT1 = -1.99999999998764832476e-1;
const AT2 = 1.42857142725034663711e-1;
const AT3 = -1.1111110405462355788e-1;
const AT4 = 9.09088713343650656196e-2;
const AT5 = -7.69187620504482999495e-2;
const AT6 = 6.66107313738753120669e-2;
const AT7 = -5.83357013379057348645e-2;
const AT8 = 4.97687799461593236017e-2;
const AT9 = -3.6531572744216915527e-2;
const AT10 = 1.62858201153657823623e-2;
// π/2 and π in two parts (musl atan2.c).
export const PIO2_HI = 1.570796326794896558;
export const PIO2_LO = 6.12323399573676603587e-17;
export const PI_HI = 3.141592653589793116;
export const PI_LO = 1.2246467991473532072e-16;

/** musl __sin(x, 0, 0): sin(x) for |x| <= π/4. */
export function sinKernel(x: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x + v * (S1 + z * r);
}

/** musl __cos(x, 0): cos(x) for |x| <= π/4. */
export function cosKernel(x: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + z * r);
}

/** musl __sin(x, y, 1): sin(x + y) for a reduced argument with tail y, |x + y| <= π/4. */
function sinKernelTail(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** musl __cos(x, y): cos(x + y) for a reduced argument with tail y. */
function cosKernelTail(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const h = 1 - hz;
  return h + (1 - h - hz + (z * r - x * y));
}

// atan01's three reduction ranges, musl's x = t, (2t - 1)/(2 + t) and (t - 1)/(t + 1), as
// x = (t*A + B) / (t*C + D) with the range's row of coefficients: the same roundings (t*1 + 0 is t,
// t*0 + 1 is 1), chosen by index: branches on random data mispredict.
const ATAN_A = new Float64Array([1, 2, 1]);
const ATAN_B = new Float64Array([0, -1, -1]);
const ATAN_C = new Float64Array([0, 1, 1]);
const ATAN_D = new Float64Array([1, 2, 1]);
const ATAN_HI = new Float64Array([0, ATANHI0, ATANHI1]);
const ATAN_LO = new Float64Array([0, ATANLO0, ATANLO1]);

/** atan(t) for 0 <= t <= 1, by musl's reduction ranges (the same bits as musl's atan there). */
export function atan01(t: number): number {
  const k = +(t >= 0.4375) + +(t >= 0.6875);
  const x = (t * ATAN_A[k]! + ATAN_B[k]!) / (t * ATAN_C[k]! + ATAN_D[k]!);
  const z = x * x;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  return ATAN_HI[k]! - (x * (s1 + s2) - ATAN_LO[k]! - x);
}

// ---- Bit access (ports: memcpy / reinterpret<u64>) and powers of two ----

const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: word 1
const LO = 1 - HI;

/** The high 32 bits of x's IEEE representation (sign, exponent, top of the mantissa). */
function highWord(x: number): number {
  BITS[0] = x;
  return WORDS[HI]!;
}

/** 2^e exactly, for -1022 <= e <= 1023 (a scalbn by multiplication with it is exact). */
function pow2(e: number): number {
  WORDS[HI] = (e + 1023) << 20;
  WORDS[LO] = 0;
  return BITS[0]!;
}

// ---- Argument reduction mod π/2 (musl __rem_pio2 and __rem_pio2_large) ----

const INVPIO2 = 6.36619772367581382433e-1; // 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 - PIO2_1
const PIO2_2 = 6.0771005063039659766e-11; // second 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // π/2 - (PIO2_1 + PIO2_2)
const PIO2_3 = 2.0222662487111664558e-21; // third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // π/2 - (PIO2_1 + PIO2_2 + PIO2_3)
const TOINT = 6755399441055744; // 1.5 * 2^52: x + TOINT - TOINT rounds x to an integer (nearest, even)
const TWO24 = 16777216;
const TWON24 = 5.9604644775390625e-8;
const MEDIUM_LIMIT = 1647099; // musl's bound, high word 0x413921fb (≈ 2^20·π/2): n < 2^20, n·PIO2_1 exact

/** y0 + y1, the reduced argument of the last remPio2. */
const REDUCED = new Float64Array(2);

/** 2/π in 24-bit pieces (fdlibm k_rem_pio2.c's ipio2, the 66 entries doubles need). */
const IPIO2 = new Int32Array([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7, 0x246e3a, 0x424dd2,
  0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353,
  0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e,
  0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20,
  0x9af436, 0x1da9e3, 0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b,
  0xc08c6b,
]);
/** π/2 in 24-bit pieces. */
const PIO2_PARTS = new Float64Array([
  1.57079625129699707031, 7.54978941586159635335e-8, 5.39030252995776476554e-15, 3.28200341580791294123e-22, 1.27065575308067607349e-29,
  1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
]);
const TX = new Float64Array(3);
const F = new Float64Array(20);
const Q = new Float64Array(20);
const FQ = new Float64Array(20);
const IQ = new Int32Array(20);

/** Σ_j TX[j] · F[jx + i - j], j = 0..jx, summed in that order. */
function product(jx: number, i: number): number {
  let fw = 0;
  for (let j = 0; j <= jx; j++) fw += TX[j]! * F[jx + i - j]!;
  return fw;
}

/**
 * fdlibm's __kernel_rem_pio2 at double precision (prec 1, jk = 4): the exact Payne–Hanek
 * reduction of x = Σ TX[i]·2^(e0 - 24i) (positive) into REDUCED; returns n mod 8. All double
 * arithmetic with floor and exact scalings; the integer work is on int32 values below 2^24.
 */
function remPio2Large(e0: number, nx: number): number {
  const jk = 4;
  const jx = nx - 1;
  const jv = e0 - 3 < 0 ? 0 : Math.floor((e0 - 3) / 24);
  let q0 = e0 - 24 * (jv + 1);
  for (let i = 0, j = jv - jx; i <= jx + jk; i++, j++) F[i] = j < 0 ? 0 : IPIO2[j]!;
  for (let i = 0; i <= jk; i++) Q[i] = product(jx, i);
  let jz = jk;
  let z = 0;
  let n = 0;
  let ih = 0;
  for (;;) {
    // Distill Q into 24-bit integers IQ, most significant last.
    z = Q[jz]!;
    for (let i = 0, j = jz; j > 0; i++, j--) {
      const fw = Math.trunc(TWON24 * z);
      IQ[i] = Math.trunc(z - TWO24 * fw);
      z = Q[j - 1]! + fw;
    }
    z = z * pow2(q0);
    z -= 8 * Math.floor(z * 0.125); // n mod 8 is all that matters
    n = Math.trunc(z);
    z -= n;
    ih = 0;
    if (q0 > 0) {
      const i = IQ[jz - 1]! >> (24 - q0);
      n += i;
      IQ[jz - 1] = IQ[jz - 1]! - (i << (24 - q0));
      ih = IQ[jz - 1]! >> (23 - q0);
    } else if (q0 === 0) ih = IQ[jz - 1]! >> 23;
    else if (z >= 0.5) ih = 2;
    if (ih > 0) {
      // The fraction is >= 1/2: take 1 - fraction, and n + 1.
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const j = IQ[i]!;
        if (carry === 0) {
          if (j !== 0) {
            carry = 1;
            IQ[i] = 0x1000000 - j;
          }
        } else IQ[i] = 0xffffff - j;
      }
      if (q0 === 1) IQ[jz - 1] = IQ[jz - 1]! & 0x7fffff;
      else if (q0 === 2) IQ[jz - 1] = IQ[jz - 1]! & 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= pow2(q0);
      }
    }
    if (z !== 0) break;
    let j = 0;
    for (let i = jz - 1; i >= jk; i--) j |= IQ[i]!;
    if (j !== 0) break;
    // Cancellation ate every computed bit: bring in k more terms of 2/π and start over.
    let k = 1;
    while (IQ[jk - k] === 0) k++;
    for (let i = jz + 1; i <= jz + k; i++) {
      F[jx + i] = IPIO2[jv + i]!;
      Q[i] = product(jx, i);
    }
    jz += k;
  }
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (IQ[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = z * pow2(-q0);
    if (z >= TWO24) {
      const fw = Math.trunc(TWON24 * z);
      IQ[jz] = Math.trunc(z - TWO24 * fw);
      jz += 1;
      q0 += 24;
      IQ[jz] = fw;
    } else IQ[jz] = Math.trunc(z);
  }
  let fw = pow2(q0);
  for (let i = jz; i >= 0; i--) {
    Q[i] = fw * IQ[i]!;
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jk && k <= jz - i; k++) fw += PIO2_PARTS[k]! * Q[i + k]!;
    FQ[jz - i] = fw;
  }
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += FQ[i]!;
  REDUCED[0] = ih === 0 ? fw : -fw;
  fw = FQ[0]! - fw;
  for (let i = 1; i <= jz; i++) fw += FQ[i]!;
  REDUCED[1] = ih === 0 ? fw : -fw;
  return n & 7;
}

/**
 * musl __rem_pio2 for |x| > π/4: x - n·π/2 into REDUCED[0] + REDUCED[1], returns n (any sign;
 * only n & 3 is used). Medium |x|: Cody–Waite with π/2 in three 33-bit parts, a further part
 * only when the previous one cancelled (exponent drop > 16, then > 49 bits). Huge |x|: exact.
 */
function remPio2(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (Math.abs(x) < MEDIUM_LIMIT) {
    const fn = x * INVPIO2 + TOINT - TOINT;
    let r = x - fn * PIO2_1;
    let w = fn * PIO2_1T; // first round, good to 85 bits
    const j = ix >>> 20;
    let y0 = r - w;
    let i = j - ((highWord(y0) >>> 20) & 0x7ff);
    if (i > 16) {
      let t = r; // second round, good to 118 bits
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y0 = r - w;
      i = j - ((highWord(y0) >>> 20) & 0x7ff);
      if (i > 49) {
        t = r; // third round, good to 151 bits: covers all cases
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
    REDUCED[0] = y0;
    REDUCED[1] = r - y0 - w;
    return fn;
  }
  // |x| = z · 2^e0 with z in [2^23, 2^24), cut into three 24-bit pieces.
  const e0 = (ix >>> 20) - 1046;
  let z = Math.abs(x) * pow2(-e0);
  for (let i = 0; i < 2; i++) {
    TX[i] = Math.trunc(z);
    z = (z - TX[i]!) * TWO24;
  }
  TX[2] = z;
  let nx = 3;
  while (TX[nx - 1] === 0) nx--;
  const n = remPio2Large(e0, nx);
  if (x < 0) {
    REDUCED[0] = -REDUCED[0]!;
    REDUCED[1] = -REDUCED[1]!;
    return -n;
  }
  return n;
}

/**
 * sin x and cos x (radians, any finite x) into SINCOS: musl's sin and cos, whose reductions are
 * exact for every double, so that geodesicDirect stays right for any distance.
 */
export function sincos(x: number): void {
  if (Math.abs(x) <= 0.7853981633974483) {
    // The kernel maps -0 to +0; musl returns x itself for |x| < 2^-26, which is the kernel's
    // value there except for that sign.
    SINCOS[0] = x === 0 ? x : sinKernel(x);
    SINCOS[1] = cosKernel(x);
    return;
  }
  const n = remPio2(x);
  const y0 = REDUCED[0]!;
  const y1 = REDUCED[1]!;
  const s = sinKernelTail(y0, y1);
  const c = cosKernelTail(y0, y1);
  const q = n & 3; // n is an integer of either sign: two's-complement & 3 is n mod 4
  SINCOS[0] = q === 0 ? s : q === 1 ? c : q === 2 ? -s : -c;
  SINCOS[1] = q === 0 ? c : q === 1 ? -s : q === 2 ? -c : s;
}

// ---- Degrees (GeographicLib Math.cpp) ----

const SQRT_HALF = Math.sqrt(0.5);
const SQRT_THREE_QUARTERS = Math.sqrt(0.75);

/** Whether x has its sign bit set (-0 included). */
export function signbit(x: number): boolean {
  return x < 0 || (x === 0 && 1 / x < 0);
}

/** |x| with the sign of y (C's copysign; ports use the native one). */
export function copysign(x: number, y: number): number {
  return signbit(y) ? -Math.abs(x) : Math.abs(x);
}

/** x reduced mod 360 to (-360, 360) exactly: fmod, skipped when it is the identity. */
function fmod360(x: number): number {
  return x > -360 && x < 360 ? x : x % 360;
}

/**
 * The tail of sincosd/sincosde: d (degrees, |d| <= 45 + ulp) in quadrant q, x for the sign of a
 * zero sine. ±45° and ±30° are exact, as are multiples of 90°; cos is never -0 and a zero sine
 * takes x's sign (C99 F.10.1.12-13, as GeographicLib).
 */
function sincosdTail(d: number, q: number, x: number): void {
  const r = d * RADIANS_PER_DEGREE;
  let s = sinKernel(r);
  let c = cosKernel(r);
  const ad = Math.abs(d);
  if (ad === 45) {
    c = SQRT_HALF;
    s = copysign(c, r);
  } else if (ad === 30) {
    c = SQRT_THREE_QUARTERS;
    s = copysign(0.5, r);
  }
  const k = q & 3; // q in [-4, 4]: two's-complement & 3 is q mod 4
  let sinx = k === 0 ? s : k === 1 ? c : k === 2 ? -s : -c;
  const cosx = (k === 0 ? c : k === 1 ? -s : k === 2 ? -c : s) + 0;
  if (sinx === 0) sinx = copysign(sinx, x);
  SINCOS[0] = sinx;
  SINCOS[1] = cosx;
}

/**
 * sin and cos of x degrees (any finite x) into SINCOS. The reduction is exact: r = fmod(x, 360),
 * q = floor(r/90 + 0.5), d = r - 90q (exact), then the kernels on d·π/180.
 */
export function sincosd(x: number): void {
  const r = fmod360(x);
  const q = Math.floor(r / 90 + 0.5);
  sincosdTail(r - 90 * q, q, x);
}

/** sin and cos of x + t degrees, t a small correction (GeographicLib's sincosde), into SINCOS. */
export function sincosde(x: number, t: number): void {
  const r = fmod360(x);
  const q = Math.floor(r / 90 + 0.5);
  sincosdTail(angRound(r - 90 * q + t), q, x);
}

/** atan2(y, x) in radians, finite arguments, C's signed-zero rules. */
export function atan2(y: number, x: number): number {
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  let r: number;
  if (ay <= ax) r = atan01(ax === 0 ? 0 : ay / ax);
  else r = PIO2_HI - (atan01(ax / ay) - PIO2_LO); // π/2 - atan(x/y)
  if (x < 0 || (ax === 0 && ay === 0 && signbit(x))) r = PI_HI - (r - PI_LO); // π - r; atan2(y ≠ 0, -0) is ±π/2
  return signbit(y) ? -r : r;
}

/**
 * atan2(y, x) in degrees as GeographicLib's Math::atan2d: the arguments are swapped and
 * reflected into the first octant first, so that 0, ±45, ±90, ±135 and ±180 come out exact.
 */
export function atan2d(y: number, x: number): number {
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
  const ang = (atan2(y, x) / PI) * 180;
  if (q === 1) return copysign(180, y) - ang;
  if (q === 2) return 90 - ang;
  if (q === 3) return -90 + ang;
  return ang;
}

const SCALE_UP = 4.149515568880993e180; // 2^600
const SCALE_DOWN = 2.409919865102884e-181; // 2^-600

/**
 * sqrt(x² + y²), computed as sqrt(a·a + b·b) (a = |x|, b = |y|; the sum is commutative), rescaled
 * by 2^∓600 when the larger exceeds 2^500 or both are below 2^-500, so that the squares neither
 * overflow nor lose everything to underflow. Only those rare cases branch.
 */
export function hypot(x: number, y: number): number {
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

const CBRT_B1 = 715094163; // (1023 - 1023/3 - 0.03306235651) · 2^20
const CBRT_B2 = 696219795; // (1023 - 1023/3 - 54/3 - 0.03306235651) · 2^20
const CBRT_P0 = 1.87595182427177009643;
const CBRT_P1 = -1.88497979543377169875;
const CBRT_P2 = 1.62142972010535446614;
const CBRT_P3 = -0.758397934778766047437;
const CBRT_P4 = 0.145996192886612446982;

/**
 * The real cube root (musl cbrt.c): a 5-bit estimate from the exponent bits, a polynomial to 23
 * bits, rounded away from zero to 23 bits, then one Newton step (error < 0.667 ulp).
 */
export function cbrt(x: number): number {
  BITS[0] = x;
  let hx = WORDS[HI]! & 0x7fffffff;
  if (hx >= 0x7ff00000) return x + x;
  if (hx < 0x00100000) {
    BITS[0] = x * 18014398509481984; // 2^54: subnormal or zero
    hx = WORDS[HI]! & 0x7fffffff;
    if (hx === 0) return x;
    hx = Math.floor(hx / 3) + CBRT_B2;
  } else hx = Math.floor(hx / 3) + CBRT_B1;
  WORDS[HI] = (WORDS[HI]! & 0x80000000) | hx; // the sign of x, the estimate's exponent and bits
  WORDS[LO] = 0;
  let t = BITS[0]!;
  let r = t * t * (t / x);
  t = t * (CBRT_P0 + r * (CBRT_P1 + r * CBRT_P2) + r * r * r * (CBRT_P3 + r * CBRT_P4));
  // The 64-bit pattern + 0x80000000, then & 0xffffffffc0000000, on the two 32-bit words.
  BITS[0] = t;
  const low = WORDS[LO]! + 0x80000000;
  const carry = low >= 0x100000000 ? 1 : 0;
  WORDS[LO] = (low - carry * 0x100000000) & 0xc0000000;
  WORDS[HI] = WORDS[HI]! + carry;
  t = BITS[0]!;
  const s = t * t; // exact
  r = x / s;
  const w = t + t; // exact
  r = (r - t) / (w + r); // r - t is exact
  return t + t * r;
}

// ---- GeographicLib's Math helpers ----

/** Knuth's TwoSum: returns s = round(u + v), and u + v - s into ROUNDOFF[0] (signed like s if s = 0). */
export function twoSum(u: number, v: number): number {
  const s = u + v;
  let up = s - v;
  let vpp = s - up;
  up -= u;
  vpp -= v;
  ROUNDOFF[0] = s !== 0 ? 0 - (up + vpp) : s;
  return s;
}

/** p[o]·x^n + p[o+1]·x^(n-1) + ... + p[o+n] by Horner's rule (n < 0: 0). */
export function polyval(n: number, p: Float64Array, o: number, x: number): number {
  let y = n < 0 ? 0 : p[o]!;
  for (let i = 1; i <= n; i++) y = y * x + p[o + i]!;
  return y;
}

/**
 * IEEE remainder(x, y) for y > 0: x - n·y with n the integer nearest x/y, ties to even; exact.
 * From fmod(x, 2y) = ±a, a in [0, 2y): n = 0, 1 or 2 by 2a > y and 2(a - y) >= y (both exact,
 * a - y by Sterbenz). A zero result takes x's sign. |x| <= y/2 returns x at once (the same bits).
 */
export function remainder(x: number, y: number): number {
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
export function angNormalize(x: number): number {
  const y = remainder(x, 360);
  return Math.abs(y) === 180 ? copysign(180, x) : y;
}

/**
 * y - x reduced to [-180, 180] with nothing lost (GeographicLib's AngDiff): returns d and puts
 * the error e into ROUNDOFF[0], d + e = y - x mod 360 exactly. d = 0 or ±180 gets the sign of
 * y - x (if e = 0) or of -e.
 */
export function angDiff(x: number, y: number): number {
  let d = twoSum(remainder(-x, 360), remainder(y, 360));
  let e = ROUNDOFF[0]!;
  d = twoSum(remainder(d, 360), e);
  e = ROUNDOFF[0]!;
  if (d === 0 || Math.abs(d) === 180) d = copysign(d, e === 0 ? y - x : -e);
  ROUNDOFF[0] = e;
  return d;
}

/**
 * x coarsened near zero (GeographicLib's AngRound): |x| < 1/16 is rounded to a multiple of
 * 2^-57 by (1/16 - (1/16 - |x|)), so that tiny angles cannot create near-singular cases.
 */
export function angRound(x: number): number {
  const z = 0.0625;
  let y = Math.abs(x);
  const w = z - y;
  y = w > 0 ? z - w : y;
  return copysign(y, x);
}
