/**
 * The plain-JavaScript baselines, written as a careful user writes them: module-level functions
 * over typed arrays taking everything they use as arguments (no closure, no imported binding read
 * in a loop), `s * s` rather than `** 2`, and Math.min(1, ·) before asin. The benchmark's rows
 * (peers.ts) call them, and scripts/baseline-standalone.mjs times the same functions (from
 * dist/bench/baselines.js) outside the harness, to show that the harness does not slow them.
 *
 * This module imports nothing, so that what V8 sees of it is what a user's script would be.
 */

/**
 * The seed's check_prime (trial division by every integer from 2), with its off-by-one fixed:
 * the seed stopped before int(sqrt(x)) and so called 4, 9, 25, ... prime.
 */
export function isPrimeByTrialDivision(n: number): boolean {
  if (n < 2) return false;
  const limit = Math.floor(Math.sqrt(n));
  for (let divisor = 2; divisor <= limit; divisor++) if (n % divisor === 0) return false;
  return true;
}

/** The primes in [from, to), each integer tested by trial division. */
export function countPrimesByTrialDivision(from: number, to: number): number {
  let count = 0;
  for (let n = from; n < to; n++) if (isPrimeByTrialDivision(n)) count++;
  return count;
}

/** isPrimeByTrialDivision(n) `times` times: how many said prime. */
export function repeatTrialDivision(n: number, times: number): number {
  let count = 0;
  for (let i = 0; i < times; i++) if (isPrimeByTrialDivision(n)) count++;
  return count;
}

/**
 * out[i] = the haversine distance from (lon1[i], lat1[i]) to (lon2[i], lat2[i]), degrees in, on
 * a sphere of `radius`: the asin form, h clamped to 1 for near-antipodal pairs.
 */
export function haversineInto(
  lon1: Float64Array,
  lat1: Float64Array,
  lon2: Float64Array,
  lat2: Float64Array,
  radius: number,
  out: Float64Array,
): void {
  const rad = Math.PI / 180;
  const halfRad = Math.PI / 360;
  const diameter = 2 * radius;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = lat1[i]!;
    const b = lat2[i]!;
    const sLat = Math.sin((b - a) * halfRad);
    const sLon = Math.sin((lon2[i]! - lon1[i]!) * halfRad);
    const h = sLat * sLat + Math.cos(a * rad) * Math.cos(b * rad) * sLon * sLon;
    out[i] = diameter * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}

/** haversineInto into a new array, as greatCircleMany returns one. */
export function haversine(lon1: Float64Array, lat1: Float64Array, lon2: Float64Array, lat2: Float64Array, radius: number): Float64Array {
  const out = new Float64Array(lon1.length);
  haversineInto(lon1, lat1, lon2, lat2, radius, out);
  return out;
}

/** The haversine distances from one point (lon0, lat0) to every point of (lons, lats), in a new array; cos(lat0) once. */
export function haversineFrom(lon0: number, lat0: number, lons: Float64Array, lats: Float64Array, radius: number): Float64Array {
  const rad = Math.PI / 180;
  const halfRad = Math.PI / 360;
  const diameter = 2 * radius;
  const cos0 = Math.cos(lat0 * rad);
  const n = lons.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lat = lats[i]!;
    const sLat = Math.sin((lat - lat0) * halfRad);
    const sLon = Math.sin((lons[i]! - lon0) * halfRad);
    const h = sLat * sLat + cos0 * Math.cos(lat * rad) * sLon * sLon;
    out[i] = diameter * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  return out;
}

/**
 * All pairs, row-major as greatCircleMatrix: out[i * |B| + j] from A[i] to B[j], in a new array.
 * Each latitude's cosine is computed once per point, as numaccel's kernels do, not once per pair.
 */
export function haversineMatrix(
  lonsA: Float64Array,
  latsA: Float64Array,
  lonsB: Float64Array,
  latsB: Float64Array,
  radius: number,
): Float64Array {
  const rad = Math.PI / 180;
  const halfRad = Math.PI / 360;
  const diameter = 2 * radius;
  const nA = lonsA.length;
  const nB = lonsB.length;
  const cosB = new Float64Array(nB);
  for (let j = 0; j < nB; j++) cosB[j] = Math.cos(latsB[j]! * rad);
  const out = new Float64Array(nA * nB);
  for (let i = 0; i < nA; i++) {
    const lonA = lonsA[i]!;
    const latA = latsA[i]!;
    const cosA = Math.cos(latA * rad);
    const row = i * nB;
    for (let j = 0; j < nB; j++) {
      const sLat = Math.sin((latsB[j]! - latA) * halfRad);
      const sLon = Math.sin((lonsB[j]! - lonA) * halfRad);
      const h = sLat * sLat + cosA * cosB[j]! * sLon * sLon;
      out[row + j] = diameter * Math.asin(Math.min(1, Math.sqrt(h)));
    }
  }
  return out;
}
