/**
 * greatCircle, the readable reference (docs/algorithms.md): Vincenty's formula on a sphere, with
 * every term rearranged so that nothing cancels at short range, and angles reduced exactly in
 * degrees before conversion to radians — after GeographicLib's Math::sincosd and Math::AngDiff
 * (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013).
 */

const RADIANS_PER_DEGREE = Math.PI / 180;

/** x reduced exactly into [-180, 180] (fmod is exact; the correction is exact by Sterbenz). */
function remainder360(x: number): number {
  const r = x % 360;
  return r > 180 ? r - 360 : r < -180 ? r + 360 : r;
}

/**
 * sin and cos of x degrees, |x| <= 270. Reducing exactly to a quarter turn first makes
 * sincosd(90) exactly (1, 0), which keeps polar and identical points exact.
 * Writes into `out` (sin, cos) to stay allocation-free on the hot path.
 */
function sincosd(x: number, out: Float64Array, at: number): void {
  const q = Math.floor(x / 90 + 0.5);
  const radians = (x - q * 90) * RADIANS_PER_DEGREE;
  const s = Math.sin(radians);
  const c = Math.cos(radians);
  switch (q & 3) {
    case 0:
      out[at] = s;
      out[at + 1] = c;
      break;
    case 1:
      out[at] = c;
      out[at + 1] = -s;
      break;
    case 2:
      out[at] = -s;
      out[at + 1] = -c;
      break;
    default:
      out[at] = -c;
      out[at + 1] = s;
  }
}

/** lon2 - lon1 reduced mod 360 with no rounding error lost (Knuth's TwoSum keeps the error e). */
function angDiff(lon1: number, lon2: number): number {
  const a = remainder360(-lon1);
  const b = remainder360(lon2);
  const t = a + b;
  const bb = t - a;
  const e = a - (t - bb) + (b - bb);
  return remainder360(t) + e;
}

const trig = new Float64Array(8);

export function greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, radius: number): number {
  const dlon = angDiff(lon1, lon2);
  sincosd(lat1, trig, 0);
  sincosd(lat2, trig, 2);
  sincosd(lat2 - lat1, trig, 4);
  sincosd(dlon * 0.5, trig, 6);
  const s1 = trig[0]!, c1 = trig[1]!, c2 = trig[3]!;
  const sinDlat = trig[4]!, cosDlat = trig[5]!, sh = trig[6]!, ch = trig[7]!;
  const h = 2 * sh * sh; // 1 - cos(dlon), free of cancellation
  const x = c2 * (2 * sh * ch); // cos(lat2) sin(dlon)
  const y = sinDlat + s1 * c2 * h; // cos(lat1) sin(lat2) - sin(lat1) cos(lat2) cos(dlon)
  const z = cosDlat - c1 * c2 * h; // sin(lat1) sin(lat2) + cos(lat1) cos(lat2) cos(dlon)
  return Math.atan2(Math.sqrt(x * x + y * y), z) * radius;
}
