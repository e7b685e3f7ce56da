/**
 * greatCircle, the readable reference (docs/algorithms.md): Vincenty's formula on a sphere, with
 * every term rearranged so that nothing cancels at short range, and angles reduced exactly in
 * degrees before conversion to radians — after GeographicLib's Math::sincosd and Math::AngDiff
 * (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013).
 *
 * The trigonometry is fdlibm's polynomial kernels (Sun Microsystems 1993, as ported by musl:
 * __sin.c, __cos.c, atan.c) rather than Math.sin/cos/atan2, so that every backend, scalar or SIMD,
 * evaluates the same operations and returns bit-identical results (native's AVX2 and AVX-512 batch
 * kernels fuse multiply-adds: a few ulps apart, docs/algorithms.md).
 */
import { PI_HI, PI_LO, PIO2_HI, PIO2_LO, atan01, cosKernel, sinKernel } from './fdlibm.js';

const RADIANS_PER_DEGREE = Math.PI / 180;
const DEGREES_TO_QUADRANTS = 1 / 90;

// centralAngle's reflections r -> π/2 - r (row 1) and r -> π - r (row 3), each in two parts, as
// HI + SIGN * (r - LO); rows 0 and 2 leave r as it is (0 + 1 * (r - 0) is r). Chosen by index,
// as above.
const REFLECT_HI = new Float64Array([0, PIO2_HI, 0, PI_HI]);
const REFLECT_SIGN = new Float64Array([1, -1, 1, -1]);
const REFLECT_LO = new Float64Array([0, PIO2_LO, 0, PI_LO]);

/** atan2(s, c) for s >= 0: the angle in [0, π]. */
function centralAngle(s: number, c: number): number {
  const a = Math.abs(c);
  const big = Math.max(s, a);
  const t = big === 0 ? 0 : Math.min(s, a) / big;
  const r = atan01(t);
  const octant = +(s > a); // the angle was taken from c/s: reflect about π/4
  const reflected = REFLECT_HI[octant]! + REFLECT_SIGN[octant]! * (r - REFLECT_LO[octant]!);
  const half = 2 + +(c < 0); // c < 0: the angle lies past π/2
  return REFLECT_HI[half]! + REFLECT_SIGN[half]! * (reflected - REFLECT_LO[half]!);
}

/**
 * x reduced exactly into [-180, 180]: fmod is exact, and so is the correction (Sterbenz). Within
 * ±540 the fmod is skipped: it would be the identity or the same exact x ∓ 360 (and `%` on
 * doubles is a slow library call in V8). Longitudes usually lie in [-180, 180] already, where
 * this is the identity: testing for that first is a branch that predicts well.
 */
function remainder360(x: number): number {
  if (x >= -180 && x <= 180) return x;
  return within180(x >= -540 && x <= 540 ? x : x % 360);
}

/** r for |r| <= 540 brought into [-180, 180]: r - 0, r - 360 or r + 360, without a branch. */
function within180(r: number): number {
  return r - 360 * (+(r > 180) - +(r < -180));
}

// Quadrant q mod 4 maps (sin r, cos r) to (sin x, cos x) = (s*SS + c*SC, s*CS + c*CC). Exact,
// since every coefficient is 0 or ±1, and free of the branch a switch would mispredict on
// random data (this alone made the kernel 20% faster).
const SS = new Float64Array([1, 0, -1, 0]);
const SC = new Float64Array([0, 1, 0, -1]);
const CS = new Float64Array([0, -1, 0, 1]);
const CC = new Float64Array([1, 0, -1, 0]);

/**
 * sin and cos of x degrees, |x| <= 270, into sines[at] and cosines[at]. Reducing exactly to a
 * quarter turn first makes sincosd(90) exactly (1, 0), which keeps polar and identical points exact.
 */
function sincosd(x: number, sines: Float64Array, cosines: Float64Array, at: number): void {
  const q = Math.floor(x * DEGREES_TO_QUADRANTS + 0.5);
  const radians = (x - q * 90) * RADIANS_PER_DEGREE;
  const s = sinKernel(radians);
  const c = cosKernel(radians);
  const k = q & 3;
  sines[at] = s * SS[k]! + c * SC[k]!;
  cosines[at] = s * CS[k]! + c * CC[k]!;
}

/**
 * lon2 - lon1 reduced mod 360 with no rounding error lost (Knuth's TwoSum keeps the error e).
 * |t| <= 360 needs no fmod test. With remainder360's in-range test: 74 → 69 ns a pair in the
 * batch kernel.
 */
function angDiff(lon1: number, lon2: number): number {
  const a = remainder360(-lon1);
  const b = remainder360(lon2);
  const t = a + b;
  const bb = t - a;
  const e = a - (t - bb) + (b - bb);
  return within180(t) + e;
}

/**
 * The central angle from the sines and cosines (in degrees, by sincosd) of lat1 (s1, c1), of
 * lat2 (c2), of lat2 - lat1 (sinDlat, cosDlat) and of half the longitude difference (sh, ch).
 */
function centralAngleOf(s1: number, c1: number, c2: number, sinDlat: number, cosDlat: number, sh: number, ch: number): number {
  const h = 2 * sh * sh; // 1 - cos(dlon), free of cancellation
  const x = c2 * (2 * sh * ch); // cos(lat2) sin(dlon)
  const y = sinDlat + s1 * c2 * h; // cos(lat1) sin(lat2) - sin(lat1) cos(lat2) cos(dlon)
  const z = cosDlat - c1 * c2 * h; // sin(lat1) sin(lat2) + cos(lat1) cos(lat2) cos(dlon)
  return centralAngle(Math.sqrt(x * x + y * y), z);
}

/** Scratch for greatCircle's sincosd results: lat1, lat2, lat2 - lat1, half the longitude difference. */
const SIN = new Float64Array(4);
const COS = new Float64Array(4);

export function greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, radius: number): number {
  sincosd(lat1, SIN, COS, 0);
  sincosd(lat2, SIN, COS, 1);
  sincosd(lat2 - lat1, SIN, COS, 2);
  sincosd(angDiff(lon1, lon2) * 0.5, SIN, COS, 3);
  return centralAngleOf(SIN[0]!, COS[0]!, COS[1]!, SIN[2]!, COS[2]!, SIN[3]!, COS[3]!) * radius;
}

/**
 * Pairs per block of the batch kernels. Their scratch (below, 8 columns of BLOCK doubles: 16 KiB)
 * stays in L1.
 */
const BLOCK = 256;
const [SIN_LAT1, COS_LAT1, SIN_LAT2, COS_LAT2, SIN_DLAT, COS_DLAT, SIN_HALF_DLON, COS_HALF_DLON] = Array.from(
  { length: 8 },
  () => new Float64Array(BLOCK),
) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];

// The batch kernels run greatCircle's steps as passes over a block, one loop per step. The whole
// per-pair computation is about 2,400 bytes of bytecode, over twice V8's inlining budget (920 per
// optimized function), so a loop calling greatCircle ran partly as calls and took 1.6 times as
// long as these passes, whose bodies are each inlined whole. Element k of a column is column[offset + k * step]; a
// broadcast column has step 0.

/**
 * sincosd of both latitudes into SIN_LAT1, COS_LAT1 and SIN_LAT2, COS_LAT2: one loop for the two
 * (69 → 67 ns a pair; three sincosd in one loop no longer inline whole, and ran slower).
 */
function latitudesPass(
  lat1: Float64Array,
  offset1: number,
  step1: number,
  lat2: Float64Array,
  offset2: number,
  step2: number,
  m: number,
): void {
  for (let k = 0; k < m; k++) {
    sincosd(lat1[offset1 + k * step1]!, SIN_LAT1, COS_LAT1, k);
    sincosd(lat2[offset2 + k * step2]!, SIN_LAT2, COS_LAT2, k);
  }
}

/** sincosd of values[offset + k * step], k < m, into sines[k], cosines[k]. */
function sincosdPass(values: Float64Array, offset: number, step: number, m: number, sines: Float64Array, cosines: Float64Array): void {
  for (let k = 0; k < m; k++) sincosd(values[offset + k * step]!, sines, cosines, k);
}

/** sincosd of the latitude differences lat2 - lat1 into SIN_DLAT, COS_DLAT. */
function latitudeDifferencePass(
  lat1: Float64Array,
  offset1: number,
  step1: number,
  lat2: Float64Array,
  offset2: number,
  step2: number,
  m: number,
): void {
  for (let k = 0; k < m; k++) sincosd(lat2[offset2 + k * step2]! - lat1[offset1 + k * step1]!, SIN_DLAT, COS_DLAT, k);
}

/** sincosd of half the longitude differences into SIN_HALF_DLON, COS_HALF_DLON. */
function longitudeDifferencePass(
  lon1: Float64Array,
  offset1: number,
  step1: number,
  lon2: Float64Array,
  offset2: number,
  step2: number,
  m: number,
): void {
  for (let k = 0; k < m; k++) {
    sincosd(angDiff(lon1[offset1 + k * step1]!, lon2[offset2 + k * step2]!) * 0.5, SIN_HALF_DLON, COS_HALF_DLON, k);
  }
}

/** The distances from the scratch columns, with lat1's sine and cosine at SIN_LAT1/COS_LAT1[k * step1], into out[at + k]. */
function distancePass(step1: number, m: number, radius: number, out: Float64Array, at: number): void {
  for (let k = 0; k < m; k++) {
    const i = k * step1;
    out[at + k] =
      centralAngleOf(SIN_LAT1[i]!, COS_LAT1[i]!, COS_LAT2[k]!, SIN_DLAT[k]!, COS_DLAT[k]!, SIN_HALF_DLON[k]!, COS_HALF_DLON[k]!) * radius;
  }
}

// Each step by itself, not by destructuring a mapped array: the array iterator's map checks
// deoptimized this function when the facade's calls were optimized, and the reoptimized code
// ran the batch 1.4 times as long until the next deoptimization.
const stepOf = (column: Float64Array): number => (column.length === 1 ? 0 : 1);

export function greatCircleMany(
  lon1: Float64Array,
  lat1: Float64Array,
  lon2: Float64Array,
  lat2: Float64Array,
  radius: number,
  out: Float64Array,
): void {
  // A length-1 input is broadcast: its step is 0.
  const i1 = stepOf(lon1),
    j1 = stepOf(lat1),
    i2 = stepOf(lon2),
    j2 = stepOf(lat2);
  for (let start = 0; start < out.length; start += BLOCK) {
    const m = Math.min(BLOCK, out.length - start);
    latitudesPass(lat1, start * j1, j1, lat2, start * j2, j2, m);
    latitudeDifferencePass(lat1, start * j1, j1, lat2, start * j2, j2, m);
    longitudeDifferencePass(lon1, start * i1, i1, lon2, start * i2, i2, m);
    distancePass(1, m, radius, out, start);
  }
}

export function greatCircleMatrix(
  lonsA: Float64Array,
  latsA: Float64Array,
  lonsB: Float64Array,
  latsB: Float64Array,
  radius: number,
  out: Float64Array,
): void {
  // Each latitude's sine and cosine is computed once per point instead of once per pair (B's
  // sines are not needed: the kernel uses cos(lat2) only).
  const [sinA, cosA] = [new Float64Array(latsA.length), new Float64Array(latsA.length)];
  const [sinB, cosB] = [new Float64Array(latsB.length), new Float64Array(latsB.length)];
  sincosdPass(latsA, 0, 1, latsA.length, sinA, cosA);
  sincosdPass(latsB, 0, 1, latsB.length, sinB, cosB);
  const nB = lonsB.length;
  for (let i = 0; i < lonsA.length; i++) {
    SIN_LAT1[0] = sinA[i]!;
    COS_LAT1[0] = cosA[i]!;
    for (let j = 0; j < nB; j += BLOCK) {
      const m = Math.min(BLOCK, nB - j);
      COS_LAT2.set(cosB.subarray(j, j + m));
      latitudeDifferencePass(latsA, i, 0, latsB, j, 1, m);
      longitudeDifferencePass(lonsA, i, 0, lonsB, j, 1, m);
      distancePass(0, m, radius, out, i * nB + j);
    }
  }
}

export function coordinatesInDomain(lon1: Float64Array, lat1: Float64Array, lon2: Float64Array, lat2: Float64Array): boolean {
  return longitudesAreFinite(lon1) && latitudesAreInRange(lat1) && longitudesAreFinite(lon2) && latitudesAreInRange(lat2);
}

/**
 * Whether the values are all finite. x - x is +0 for a finite x and NaN otherwise, and a NaN
 * carries through the sum, so one test covers four elements: the loop's own cost per iteration
 * is what a check this simple pays, so four elements an iteration cut it by a third
 * (docs/algorithms.md, "Measured choices").
 */
function longitudesAreFinite(values: Float64Array): boolean {
  const end = values.length;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    if (
      !(
        values[i]! -
          values[i]! +
          (values[i + 1]! - values[i + 1]!) +
          (values[i + 2]! - values[i + 2]!) +
          (values[i + 3]! - values[i + 3]!) ===
        0
      )
    )
      return false;
  }
  for (; i < end; i++) if (!(values[i]! - values[i]! === 0)) return false;
  return true;
}

/** Whether the values all lie in [-90, 90] (NaN does not); four per iteration, as above. */
function latitudesAreInRange(values: Float64Array): boolean {
  const end = values.length;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    if (!(Math.abs(values[i]!) <= 90 && Math.abs(values[i + 1]!) <= 90 && Math.abs(values[i + 2]!) <= 90 && Math.abs(values[i + 3]!) <= 90))
      return false;
  }
  for (; i < end; i++) if (!(Math.abs(values[i]!) <= 90)) return false;
  return true;
}
