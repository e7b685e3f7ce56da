/**
 * The area and perimeter of a geodesic polygon, as GeographicLib's PolygonArea (AddPoint for
 * each vertex, then Compute(reverse = false, sign = true)): the edges' S12 (Karney, "Algorithms
 * for geodesics", eqs. 58-60, from the same inverse() as the distances) summed in GeographicLib's
 * Accumulator (double-double), the crossings of the antimeridian counted by transit(), and the
 * total reduced mod the ellipsoid's area 4π c² (AreaReduce). Ports: the same order of additions.
 */
import { PI, ROUNDOFF, angDiff, angNormalize, remainder, twoSum } from './fdlibm.js';
import { areaOfLast, inverse } from './geodesic.js';
import { type Ellipsoid, ellipsoid } from './geodesic-series.js';

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
 * One edge (lon1, lat1) -> (lon2, lat2) as PolygonArea adds it: its length to PERIMETER, its S12
 * to AREA; returns its transit() (the caller counts the crossings).
 */
function addEdge(lon1: number, lat1: number, lon2: number, lat2: number, E: Ellipsoid): number {
  accAdd(PERIMETER, inverse(lon1, lat1, lon2, lat2, E, true));
  accAdd(AREA, areaOfLast());
  return transit(lon1, lon2);
}

/**
 * AreaReduce(reverse = false, sign = true) into out: reduce AREA mod area0 (then renormalise),
 * add half the ellipsoid for an odd number of crossings, flip to counter-clockwise positive, and
 * centre; out[0] = area, out[1] = perimeter.
 */
function areaReduce(crossings: number, area0: number, out: Float64Array): void {
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

/**
 * out[0] = area (m² if a is in m; signed, positive counter-clockwise, in (-A/2, A/2] with A the
 * ellipsoid's area), out[1] = perimeter, of the polygon with vertices (lons[i], lats[i]) joined by
 * geodesics, closed from the last vertex back to the first. Fewer than 2 vertices: 0 and 0.
 * (The wasm port streams the vertices: Begin, Add per chunk, End; the same addEdge calls in the
 * same order.)
 */
export function geodesicArea(lons: Float64Array, lats: Float64Array, a: number, f: number, out: Float64Array): void {
  const n = lons.length;
  if (n < 2) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  const E = ellipsoid(a, f);
  AREA[0] = AREA[1] = 0;
  PERIMETER[0] = PERIMETER[1] = 0;
  let crossings = 0;
  // Edges (i-1) -> i as AddPoint adds them; the closing edge last, as Compute does.
  for (let i = 1; i < n; i++) crossings += addEdge(lons[i - 1]!, lats[i - 1]!, lons[i]!, lats[i]!, E);
  crossings += addEdge(lons[n - 1]!, lats[n - 1]!, lons[0]!, lats[0]!, E);
  areaReduce(crossings, 4 * PI * E.c2, out);
}
