// The area and perimeter of a geodesic polygon, as GeographicLib's PolygonArea (AddPoint for each
// vertex, then Compute(reverse = false, sign = true)): the twin of
// src/backends/js/geodesic-area.ts. The edges' S12 (Karney, "Algorithms for geodesics",
// J. Geodesy 87 (2013) 43-55, eqs. 58-60, from the same inverse() as the distances) summed in
// GeographicLib's Accumulator (double-double), the crossings of the prime meridian counted by
// transit(), and the total reduced mod the ellipsoid's area 4π c² (AreaReduce).
//
// Streamed, so that polygons of any size pass through the caller's fixed scratch: areaBegin,
// areaAdd per chunk of vertices, areaEnd. They make the TS geodesicArea's addEdge calls in the
// same order (edges 0→1, …, (n-2)→(n-1), then the closing edge (n-1)→0) and the same areaReduce.

import { PI, ROUNDOFF0, angDiff, angNormalize, remainder, twoSum } from "./fdlibm";
import { areaOfLast, inverse } from "./geodesic";
import { E, ellipsoid } from "./geodesic-series";

/** An Accumulator at address acc: the sum held as acc[0] + acc[1]. */
function accAdd(acc: usize, y: f64): void {
  const z = twoSum(y, load<f64>(acc, 8)); // accumulate from the least significant end
  const u = ROUNDOFF0;
  store<f64>(acc, twoSum(z, load<f64>(acc)));
  store<f64>(acc, ROUNDOFF0, 8);
  if (load<f64>(acc) == 0)
    store<f64>(acc, u); // then acc[1] is 0 too
  else store<f64>(acc, load<f64>(acc, 8) + u, 8);
}

/**
 * +1 or -1 if the edge lon1 -> lon2 crosses the prime meridian eastwards or westwards (longitude
 * ±0 counts as positive), otherwise 0 (PolygonArea::transit).
 */
function transit(lon1: f64, lon2: f64): i32 {
  const lon12 = angDiff(lon1, lon2);
  const l1 = angNormalize(lon1);
  const l2 = angNormalize(lon2);
  if (lon12 > 0 && ((l1 < 0 && l2 >= 0) || (l1 > 0 && l2 == 0))) return 1;
  return lon12 < 0 && l1 >= 0 && l2 < 0 ? -1 : 0;
}

const AREA: usize = memory.data(16, 8);
const PERIMETER: usize = memory.data(16, 8);

/** One edge as PolygonArea adds it: its length to PERIMETER, its S12 to AREA; returns its transit(). */
function addEdge(lon1: f64, lat1: f64, lon2: f64, lat2: f64): i32 {
  accAdd(PERIMETER, inverse(lon1, lat1, lon2, lat2, true));
  accAdd(AREA, areaOfLast());
  return transit(lon1, lon2);
}

/** AreaReduce(reverse = false, sign = true) into out[0] = area, out[1] = perimeter. */
function areaReduce(crossings: i32, area0: f64, out: usize): void {
  store<f64>(AREA, remainder(load<f64>(AREA), area0));
  accAdd(AREA, 0);
  if ((crossings & 1) != 0) accAdd(AREA, ((load<f64>(AREA) < 0 ? 1.0 : -1.0) * area0) / 2);
  store<f64>(AREA, load<f64>(AREA) * -1);
  store<f64>(AREA, load<f64>(AREA, 8) * -1, 8);
  if (load<f64>(AREA) > area0 / 2) accAdd(AREA, -area0);
  else if (load<f64>(AREA) <= -area0 / 2) accAdd(AREA, area0);
  store<f64>(out, 0 + load<f64>(AREA));
  store<f64>(out, load<f64>(PERIMETER), 8);
}

// The stream's state: the ellipsoid, the vertices seen (counted up to 2), the crossings, the
// first vertex (for the closing edge) and the last one.
let areaA: f64 = 0;
let areaF: f64 = 0;
let vertices: i32 = 0;
let crossings: i32 = 0;
let lon0: f64 = 0;
let lat0: f64 = 0;
let lonLast: f64 = 0;
let latLast: f64 = 0;

/** Starts a polygon on the ellipsoid (a, f). */
export function areaBegin(a: f64, f: f64): void {
  areaA = a;
  areaF = f;
  vertices = 0;
  crossings = 0;
  store<f64>(AREA, 0);
  store<f64>(AREA, 0, 8);
  store<f64>(PERIMETER, 0);
  store<f64>(PERIMETER, 0, 8);
}

/** Appends the n vertices (lons[i], lats[i]) (f64 arrays at byte addresses), adding an edge each. */
export function areaAdd(lons: usize, lats: usize, n: i32): void {
  ellipsoid(areaA, areaF);
  for (let i = 0; i < n; i++) {
    const lon = load<f64>(lons + (<usize>i << 3));
    const lat = load<f64>(lats + (<usize>i << 3));
    if (vertices == 0) {
      lon0 = lon;
      lat0 = lat;
      vertices = 1;
    } else {
      crossings += addEdge(lonLast, latLast, lon, lat);
      vertices = 2;
    }
    lonLast = lon;
    latLast = lat;
  }
}

/** Closes the polygon: out[0] = area, out[1] = perimeter (0 and 0 for fewer than 2 vertices). */
export function areaEnd(out: usize): void {
  if (vertices < 2) {
    store<f64>(out, 0);
    store<f64>(out, 0, 8);
    return;
  }
  ellipsoid(areaA, areaF);
  crossings += addEdge(lonLast, latLast, lon0, lat0);
  areaReduce(crossings, 4 * PI * E.c2, out);
}
