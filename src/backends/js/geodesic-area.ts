/**
 * The area and perimeter of a geodesic polygon, as GeographicLib's PolygonArea (AddPoint for
 * each vertex, then Compute(reverse = false, sign = true)): the edges' S12 (Karney, "Algorithms
 * for geodesics", eqs. 58-60, from the same inverse() as the distances) summed in GeographicLib's
 * Accumulator (double-double), the crossings of the antimeridian counted by transit(), and the
 * total reduced mod the ellipsoid's area 4π c² (AreaReduce). Ports: the same order of additions.
 */
import { PI, ROUNDOFF, angDiff, angNormalize, remainder, twoSum } from './fdlibm.js';
import { areaOfLast, inverse } from './geodesic.js';
import { ellipsoid } from './geodesic-series.js';

/** An Accumulator: the sum held as acc[0] + acc[1] (Shewchuk's two-term representation). */
function accAdd(acc: Float64Array, y: number): void {
  const z = twoSum(y, acc[1]!); // accumulate from the least significant end
  const u = ROUNDOFF[0]!;
  acc[0] = twoSum(z, acc[0]!);
  acc[1] = ROUNDOFF[0]!;
  if (acc[0] === 0)
    acc[0] = u; // then acc[1] is 0 too
  else acc[1] = acc[1]! + u;
}

/**
 * +1 or -1 if the edge lon1 -> lon2 crosses the prime meridian eastwards or westwards (longitude
 * ±0 counts as positive), otherwise 0 (PolygonArea::transit).
 */
function transit(lon1: number, lon2: number): number {
  const lon12 = angDiff(lon1, lon2);
  const l1 = angNormalize(lon1);
  const l2 = angNormalize(lon2);
  if (lon12 > 0 && ((l1 < 0 && l2 >= 0) || (l1 > 0 && l2 === 0))) return 1;
  return lon12 < 0 && l1 >= 0 && l2 < 0 ? -1 : 0;
}

const AREA = new Float64Array(2);
const PERIMETER = new Float64Array(2);

/**
 * out[0] = area (m² if a is in m; signed, positive counter-clockwise, in (-A/2, A/2] with A the
 * ellipsoid's area), out[1] = perimeter, of the polygon with vertices (lons[i], lats[i]) joined by
 * geodesics, closed from the last vertex back to the first. Fewer than 2 vertices: 0 and 0.
 */
export function geodesicArea(lons: Float64Array, lats: Float64Array, a: number, f: number, out: Float64Array): void {
  const n = lons.length;
  if (n < 2) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const E = ellipsoid(a, f);
  const area0 = 4 * PI * E.c2;
  AREA[0] = AREA[1] = 0;
  PERIMETER[0] = PERIMETER[1] = 0;
  let crossings = 0;
  for (let i = 1; i < n; i++) {
    // Edges (i-1) -> i as AddPoint adds them; the closing edge last, as Compute does.
    accAdd(PERIMETER, inverse(lons[i - 1]!, lats[i - 1]!, lons[i]!, lats[i]!, E, true));
    accAdd(AREA, areaOfLast());
    crossings += transit(lons[i - 1]!, lons[i]!);
  }
  accAdd(PERIMETER, inverse(lons[n - 1]!, lats[n - 1]!, lons[0]!, lats[0]!, E, true));
  accAdd(AREA, areaOfLast());
  crossings += transit(lons[n - 1]!, lons[0]!);
  // AreaReduce(reverse = false, sign = true): reduce mod area0 (then renormalise), add half the
  // ellipsoid for an odd number of crossings, flip to counter-clockwise positive, and centre.
  AREA[0] = remainder(AREA[0]!, area0);
  accAdd(AREA, 0);
  if ((crossings & 1) !== 0) accAdd(AREA, ((AREA[0]! < 0 ? 1 : -1) * area0) / 2);
  AREA[0] = AREA[0]! * -1;
  AREA[1] = AREA[1]! * -1;
  if (AREA[0]! > area0 / 2) accAdd(AREA, -area0);
  else if (AREA[0]! <= -area0 / 2) accAdd(AREA, area0);
  out[0] = 0 + AREA[0]!;
  out[1] = PERIMETER[0]!;
}
