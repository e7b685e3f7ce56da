// Great-circle distance on a sphere: Vincenty's atan2 formula in a cancellation-free form, with
// exact degree reduction before any conversion to radians.
//
// Implements docs/algorithms.md ("greatCircle") step for step; the TypeScript and C++ backends
// implement the same steps and the test suite compares them to within a few ULPs.
//
// The helpers follow GeographicLib (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87
// (2013), 43–55; GeographicLib Math::sincosd, Math::AngDiff, Math::sum — Knuth's TwoSum).
//
// In AssemblyScript `Math` is NativeMath (a port of musl's libm), and `%` on f64 is an exact
// fmod (NativeMath.mod, musl's fmod.c).

/** π / 180, correctly rounded. */
const DEG_TO_RAD: f64 = 0.017453292519943295;

// Results of sincosd, returned through globals (no allocation, no multi-value needed).
let sinOut: f64 = 0;
let cosOut: f64 = 0;

/**
 * x reduced to [-180, 180] exactly: fmod is exact, and the ±360 corrections are exact by
 * Sterbenz's lemma.
 */
// @ts-ignore: decorator
@inline
function remainder360(x: f64): f64 {
  let r = x % 360.0;
  if (r > 180.0) r -= 360.0;
  else if (r < -180.0) r += 360.0;
  return r;
}

/**
 * sin and cos of x degrees (|x| <= 270), after GeographicLib's Math::sincosd: reduce exactly to
 * a quarter turn before converting to radians, so that sincosd(90) = (1, 0) exactly.
 * Stores the results in sinOut / cosOut.
 */
// @ts-ignore: decorator
@inline
function sincosd(x: f64): void {
  const q = Math.floor(x / 90.0 + 0.5);
  const r = x - q * 90.0;            // exact
  const rad = r * DEG_TO_RAD;
  const s = Math.sin(rad);
  const c = Math.cos(rad);
  switch (<i32>q & 3) {              // two's complement: q = -1 → 3
    case 0: { sinOut = s; cosOut = c; break; }
    case 1: { sinOut = c; cosOut = -s; break; }
    case 2: { sinOut = -s; cosOut = -c; break; }
    default: { sinOut = -c; cosOut = s; break; }
  }
}

/**
 * lon2 - lon1 reduced mod 360 with no rounding error lost, after GeographicLib's Math::AngDiff:
 * Knuth's TwoSum gives t + e == a + b exactly.
 */
// @ts-ignore: decorator
@inline
function angDiff(lon1: f64, lon2: f64): f64 {
  const a = remainder360(-lon1);
  const b = remainder360(lon2);
  const t = a + b;
  const bb = t - a;
  const e = (a - (t - bb)) + (b - bb);
  const d = remainder360(t);
  return d + e;
}

/** Central angle between (lon1, lat1) and (lon2, lat2) in degrees, times radius. */
export function greatCircle(lon1: f64, lat1: f64, lon2: f64, lat2: f64, radius: f64): f64 {
  const dlon = angDiff(lon1, lon2);   // degrees, in about [-180, 180]
  sincosd(lat1);
  const s1 = sinOut, c1 = cosOut;
  sincosd(lat2);
  const s2 = sinOut, c2 = cosOut;
  sincosd(lat2 - lat1);               // difference taken in degrees
  const sdp = sinOut, cdp = cosOut;
  sincosd(dlon * 0.5);
  const sh = sinOut, ch = cosOut;
  const h = 2.0 * sh * sh;            // 1 - cos(dlon), no cancellation
  const x = c2 * (2.0 * sh * ch);     // cos(lat2) sin(dlon)
  const y = sdp + s1 * c2 * h;        // cos(lat1) sin(lat2) - sin(lat1) cos(lat2) cos(dlon)
  const z = cdp - c1 * c2 * h;        // sin(lat1) sin(lat2) + cos(lat1) cos(lat2) cos(dlon)
  const sigma = Math.atan2(Math.sqrt(x * x + y * y), z);
  return sigma * radius;
}
