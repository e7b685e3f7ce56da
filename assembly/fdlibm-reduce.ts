// Argument reduction mod π/2 for sincos (fdlibm.ts): musl's __rem_pio2 (Cody–Waite for medium
// |x|) and fdlibm's __kernel_rem_pio2 (Payne–Hanek, exact for every double). The twin of the
// "Argument reduction" part of src/backends/js/fdlibm.ts (remPio2, remPio2Large, product),
// operation for operation: double arithmetic in the same order, floor, exact scalings by powers
// of two, and int32 integer work on values below 2^24.
//
// The fdlibm parts carry this notice, which its licence asks to preserve:
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunSoft, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted,
//   provided that this notice is preserved.
//
// Results: remPio2 returns n and leaves the reduced argument in REDUCED0 + REDUCED1 (module
// globals: no allocation). The TypeScript's typed arrays are static memory here (memory.data).

const INVPIO2 = reinterpret<f64>(0x3FE45F306DC9C883); // 6.36619772367581382433e-01, 53 bits of 2/π
const PIO2_1 = reinterpret<f64>(0x3FF921FB54400000); // 1.57079632673412561417e+00, first 33 bits of π/2
const PIO2_1T = reinterpret<f64>(0x3DD0B4611A626331); // 6.07710050650619224932e-11, π/2 - PIO2_1
const PIO2_2 = reinterpret<f64>(0x3DD0B4611A600000); // 6.07710050630396597660e-11, second 33 bits
const PIO2_2T = reinterpret<f64>(0x3BA3198A2E037073); // 2.02226624879595063154e-21, π/2 - (PIO2_1 + PIO2_2)
const PIO2_3 = reinterpret<f64>(0x3BA3198A2E000000); // 2.02226624871116645580e-21, third 33 bits
const PIO2_3T = reinterpret<f64>(0x397B839A252049C1); // 8.47842766036889956997e-32, the rest
const TOINT: f64 = 6755399441055744.0; // 1.5 · 2^52: (x + TOINT) - TOINT rounds x to an integer
const TWO24: f64 = 16777216.0;
const TWON24: f64 = 5.9604644775390625e-8;
const MEDIUM_LIMIT: f64 = 1647099.0; // musl's bound (high word 0x413921fb): n < 2^20, n·PIO2_1 exact

/** The reduced argument of the last remPio2: REDUCED0 + REDUCED1 (the TS's REDUCED[0], [1]). */
export let REDUCED0: f64 = 0;
export let REDUCED1: f64 = 0;

/** 2/π in 24-bit pieces (fdlibm k_rem_pio2.c's ipio2, the 66 entries doubles need). */
const IPIO2: usize = memory.data<i32>([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7, 0x246e3a, 0x424dd2,
  0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353,
  0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e,
  0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20,
  0x9af436, 0x1da9e3, 0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b,
  0xc08c6b,
]);
/** π/2 in 24-bit pieces (k_rem_pio2.c's PIo2). */
const PIO2_PARTS: usize = memory.data<f64>([
  1.57079625129699707031e+00, 7.54978941586159635335e-08, 5.39030252995776476554e-15, 3.28200341580791294123e-22,
  1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
]);
const TX: usize = memory.data(3 * 8, 8);
const F: usize = memory.data(20 * 8, 8);
const Q: usize = memory.data(20 * 8, 8);
const FQ: usize = memory.data(20 * 8, 8);
const IQ: usize = memory.data(20 * 4, 4);

// Element access to the static arrays above: a[i] for doubles and int32.
// @ts-ignore: decorator
@inline function getF64(a: usize, i: i32): f64 { return load<f64>(a + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function setF64(a: usize, i: i32, v: f64): void { store<f64>(a + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline function getI32(a: usize, i: i32): i32 { return load<i32>(a + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setI32(a: usize, i: i32, v: i32): void { store<i32>(a + (<usize>i << 2), v); }

/** The high 32 bits of x's IEEE representation (TS: highWord). */
// @ts-ignore: decorator
@inline function highWord(x: f64): u32 { return <u32>(reinterpret<u64>(x) >> 32); }

/** 2^e exactly, for -1022 <= e <= 1023 (TS: pow2). */
// @ts-ignore: decorator
@inline function pow2(e: i32): f64 { return reinterpret<f64>(<u64>(e + 1023) << 52); }

/** Σ_j TX[j] · F[jx + i - j], j = 0..jx, summed in that order (TS: product). */
function product(jx: i32, i: i32): f64 {
  let fw: f64 = 0;
  for (let j = 0; j <= jx; j++) fw += getF64(TX, j) * getF64(F, jx + i - j);
  return fw;
}

/**
 * fdlibm's __kernel_rem_pio2 at double precision (prec 1, jk = 4), as TS remPio2Large: the exact
 * Payne–Hanek reduction of x = Σ TX[i]·2^(e0 - 24i) (positive) into REDUCED0 + REDUCED1;
 * returns n mod 8. The TS's Math.trunc is floor here (every argument is non-negative) or the
 * int32 conversion (values below 2^24).
 */
function remPio2Large(e0: i32, nx: i32): i32 {
  const jk = 4;
  const jx = nx - 1;
  const jv = e0 - 3 < 0 ? 0 : (e0 - 3) / 24; // floor: e0 - 3 >= 0
  let q0 = e0 - 24 * (jv + 1);
  for (let i = 0, j = jv - jx; i <= jx + jk; i++, j++) setF64(F, i, j < 0 ? 0 : <f64>getI32(IPIO2, j));
  for (let i = 0; i <= jk; i++) setF64(Q, i, product(jx, i));
  let jz = jk;
  let z: f64 = 0;
  let n: i32 = 0;
  let ih: i32 = 0;
  for (;;) {
    // Distill Q into 24-bit integers IQ, most significant last.
    z = getF64(Q, jz);
    for (let i = 0, j = jz; j > 0; i++, j--) {
      const fw = Math.floor(TWON24 * z);
      setI32(IQ, i, <i32>(z - TWO24 * fw));
      z = getF64(Q, j - 1) + fw;
    }
    z = z * pow2(q0);
    z -= 8 * Math.floor(z * 0.125); // n mod 8 is all that matters
    n = <i32>z;
    z -= <f64>n;
    ih = 0;
    if (q0 > 0) {
      const i = getI32(IQ, jz - 1) >> (24 - q0);
      n += i;
      setI32(IQ, jz - 1, getI32(IQ, jz - 1) - (i << (24 - q0)));
      ih = getI32(IQ, jz - 1) >> (23 - q0);
    } else if (q0 == 0) ih = getI32(IQ, jz - 1) >> 23;
    else if (z >= 0.5) ih = 2;
    if (ih > 0) {
      // The fraction is >= 1/2: take 1 - fraction, and n + 1.
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const j = getI32(IQ, i);
        if (carry == 0) {
          if (j != 0) {
            carry = 1;
            setI32(IQ, i, 0x1000000 - j);
          }
        } else setI32(IQ, i, 0xffffff - j);
      }
      if (q0 == 1) setI32(IQ, jz - 1, getI32(IQ, jz - 1) & 0x7fffff);
      else if (q0 == 2) setI32(IQ, jz - 1, getI32(IQ, jz - 1) & 0x3fffff);
      if (ih == 2) {
        z = 1 - z;
        if (carry != 0) z -= pow2(q0);
      }
    }
    if (z != 0) break;
    let j = 0;
    for (let i = jz - 1; i >= jk; i--) j |= getI32(IQ, i);
    if (j != 0) break;
    // Cancellation ate every computed bit: bring in k more terms of 2/π and start over.
    let k = 1;
    while (getI32(IQ, jk - k) == 0) k++;
    for (let i = jz + 1; i <= jz + k; i++) {
      setF64(F, jx + i, <f64>getI32(IPIO2, jv + i));
      setF64(Q, i, product(jx, i));
    }
    jz += k;
  }
  if (z == 0) {
    jz -= 1;
    q0 -= 24;
    while (getI32(IQ, jz) == 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = z * pow2(-q0);
    if (z >= TWO24) {
      const fw = Math.floor(TWON24 * z);
      setI32(IQ, jz, <i32>(z - TWO24 * fw));
      jz += 1;
      q0 += 24;
      setI32(IQ, jz, <i32>fw);
    } else setI32(IQ, jz, <i32>z);
  }
  let fw = pow2(q0);
  for (let i = jz; i >= 0; i--) {
    setF64(Q, i, fw * <f64>getI32(IQ, i));
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jk && k <= jz - i; k++) fw += getF64(PIO2_PARTS, k) * getF64(Q, i + k);
    setF64(FQ, jz - i, fw);
  }
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += getF64(FQ, i);
  REDUCED0 = ih == 0 ? fw : -fw;
  fw = getF64(FQ, 0) - fw;
  for (let i = 1; i <= jz; i++) fw += getF64(FQ, i);
  REDUCED1 = ih == 0 ? fw : -fw;
  return n & 7;
}

/**
 * musl __rem_pio2 for |x| > π/4 (TS remPio2): x - n·π/2 into REDUCED0 + REDUCED1, returns n
 * (any sign; only n & 3 is used). Medium |x|: Cody–Waite with π/2 in three 33-bit parts, a
 * further part only when the previous one cancelled (exponent drop > 16, then > 49 bits).
 */
export function remPio2(x: f64): i32 {
  const ix = highWord(x) & 0x7fffffff;
  if (Math.abs(x) < MEDIUM_LIMIT) {
    const fn = x * INVPIO2 + TOINT - TOINT; // (x·2/π + TOINT) - TOINT: binaryen keeps both steps
    let r = x - fn * PIO2_1;
    let w = fn * PIO2_1T; // first round, good to 85 bits
    const j = ix >>> 20;
    let y0 = r - w;
    let i = <i32>j - <i32>((highWord(y0) >>> 20) & 0x7ff);
    if (i > 16) {
      let t = r; // second round, good to 118 bits
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y0 = r - w;
      i = <i32>j - <i32>((highWord(y0) >>> 20) & 0x7ff);
      if (i > 49) {
        t = r; // third round, good to 151 bits: covers all cases
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
    REDUCED0 = y0;
    REDUCED1 = r - y0 - w;
    return <i32>fn;
  }
  // |x| = z · 2^e0 with z in [2^23, 2^24), cut into three 24-bit pieces.
  const e0 = <i32>(ix >>> 20) - 1046;
  let z = Math.abs(x) * pow2(-e0);
  for (let i = 0; i < 2; i++) {
    setF64(TX, i, Math.floor(z));
    z = (z - getF64(TX, i)) * TWO24;
  }
  setF64(TX, 2, z);
  let nx = 3;
  while (getF64(TX, nx - 1) == 0) nx--;
  const n = remPio2Large(e0, nx);
  if (x < 0) {
    REDUCED0 = -REDUCED0;
    REDUCED1 = -REDUCED1;
    return -n;
  }
  return n;
}
