/**
 * The geodesic functions: distances, azimuths, positions and areas on an ellipsoid (WGS84 by
 * default) by Karney's method (docs/algorithms.md, "Geodesics"), validated once here and served by
 * the build each route names. The kernels work in metres; the unit option scales results here, so
 * every backend returns the same bits.
 */
import {
  prepareManyArguments,
  runCheckedBlocks,
  validateLatitude,
  validateLongitude,
  validateMatrixArguments,
  type Coordinates,
  type ResultOptions,
} from './arguments.js';
import {
  resolveGeodesicBatchOptions,
  resolveGeodesicOptions,
  validateAzimuth,
  validateDistance,
  validatePoints,
  validatePolygon,
  type GeodesicOptions,
} from './geodesic-arguments.js';
import type { RouteBackends } from './selection.js';

/** The geodesic between two points: its length and the azimuths at its ends. @category Geodesics */
export interface GeodesicInverseResult {
  /** The length, in the options' unit (metres by default). */
  readonly distance: number;
  /** The azimuth at the first point, degrees clockwise from north in [-180, 180]. */
  readonly azimuth1: number;
  /** The azimuth at the second point, continuing the same direction, in [-180, 180]. */
  readonly azimuth2: number;
}

/** Where a geodesic of a given start, azimuth and length ends. @category Geodesics */
export interface GeodesicDirectResult {
  /** Longitude, degrees in [-180, 180]. */
  readonly lon: number;
  /** Latitude, degrees in [-90, 90]. */
  readonly lat: number;
  /** The azimuth there, degrees clockwise from north in [-180, 180]. */
  readonly azimuth: number;
}

/** A polygon on the ellipsoid, its edges geodesics. @category Geodesics */
export interface GeodesicAreaResult {
  /** The area, in the square of the options' unit: positive when traversed counter-clockwise. */
  readonly area: number;
  /** The perimeter, in the options' unit. */
  readonly perimeter: number;
}

/** The geodesic functions (part of NumaccelApi). @category Geodesics */
export interface GeodesicApi {
  /**
   * The shortest path on the ellipsoid between (lon1, lat1) and (lon2, lat2), degrees: its length
   * and its azimuths, as GeographicLib's Geodesic.Inverse (within 15 nm of it).
   */
  geodesicInverse(lon1: number, lat1: number, lon2: number, lat2: number, options?: GeodesicOptions): GeodesicInverseResult;
  /** geodesicInverse's distance, bit for bit, without the azimuths. */
  geodesicDistance(lon1: number, lat1: number, lon2: number, lat2: number, options?: GeodesicOptions): number;
  /**
   * The end of the geodesic leaving (lon1, lat1) at azimuth1 (degrees clockwise from north) and
   * running `distance` (the options' unit; any finite value, negative runs backwards).
   */
  geodesicDirect(lon1: number, lat1: number, azimuth1: number, distance: number, options?: GeodesicOptions): GeodesicDirectResult;
  /** geodesicDistance element by element; a single number is broadcast to the others' length. */
  geodesicDistanceMany(
    lon1: Coordinates,
    lat1: Coordinates,
    lon2: Coordinates,
    lat2: Coordinates,
    options?: GeodesicOptions & ResultOptions<Float64Array>,
  ): Float64Array;
  /** All pairs: element i * |B| + j is the geodesic distance from A[i] to B[j] (row-major). */
  geodesicDistanceMatrix(
    lonsA: Coordinates,
    latsA: Coordinates,
    lonsB: Coordinates,
    latsB: Coordinates,
    options?: GeodesicOptions & ResultOptions<Float64Array>,
  ): Float64Array;
  /**
   * The area and perimeter of the polygon through (lons[i], lats[i]) in order, closed back to
   * the first vertex, its edges geodesics. A ring around a pole and one across the antimeridian
   * work; fewer than three vertices enclose nothing.
   */
  geodesicArea(lons: Exclude<Coordinates, number>, lats: Exclude<Coordinates, number>, options?: GeodesicOptions): GeodesicAreaResult;
}

/** The kernels' three-value results (inverse, direct, area), reused: no call keeps it. */
const RESULT = new Float64Array(3);

/** Distances from metres into a unit of `metres` metres, in place (the identity for metres). */
export function inUnit(distances: Float64Array, metres: number): Float64Array {
  if (metres !== 1) for (let i = 0; i < distances.length; i++) distances[i] = distances[i]! / metres;
  return distances;
}

/** The geodesic functions over the builds `resolveRoutes` names, validating every argument first. */
export function createGeodesicApi(resolveRoutes: () => RouteBackends): GeodesicApi {
  return {
    geodesicInverse(lon1, lat1, lon2, lat2, options) {
      const fn = 'geodesicInverse';
      validatePoints(fn, lon1, lat1, lon2, lat2);
      const { a, f, metres } = resolveGeodesicOptions(fn, options);
      resolveRoutes().geodesicDistance.kernels.geodesicInverse(lon1, lat1, lon2, lat2, a, f, RESULT);
      return { distance: RESULT[0]! / metres, azimuth1: RESULT[1]!, azimuth2: RESULT[2]! };
    },
    geodesicDistance(lon1, lat1, lon2, lat2, options) {
      const fn = 'geodesicDistance';
      validatePoints(fn, lon1, lat1, lon2, lat2);
      const { a, f, metres } = resolveGeodesicOptions(fn, options);
      return resolveRoutes().geodesicDistance.kernels.geodesicDistance(lon1, lat1, lon2, lat2, a, f) / metres;
    },
    geodesicDirect(lon1, lat1, azimuth1, distance, options) {
      const fn = 'geodesicDirect';
      validateLongitude(fn, 'lon1', lon1);
      validateLatitude(fn, 'lat1', lat1);
      validateAzimuth(fn, 'azimuth1', azimuth1);
      validateDistance(fn, 'distance', distance);
      const { a, f, metres } = resolveGeodesicOptions(fn, options);
      const s12 = distance * metres;
      if (!Number.isFinite(s12)) throw new RangeError(`${fn}: distance ${distance} is past the largest finite number of metres`);
      resolveRoutes().geodesicDistance.kernels.geodesicDirect(lon1, lat1, azimuth1, s12, a, f, RESULT);
      return { lon: RESULT[0]!, lat: RESULT[1]!, azimuth: RESULT[2]! };
    },
    geodesicDistanceMany(lon1, lat1, lon2, lat2, options) {
      const fn = 'geodesicDistanceMany';
      const values = [lon1, lat1, lon2, lat2];
      const prepared = prepareManyArguments(fn, values, options, resolveGeodesicBatchOptions);
      const { columns, length } = prepared;
      const { a, f, metres } = prepared.options;
      const out = prepared.out ?? new Float64Array(length);
      const { kernels } = resolveRoutes().geodesicDistanceMany;
      runCheckedBlocks(fn, values, columns, length, kernels, (block, start, end) =>
        kernels.geodesicDistanceMany(...block, a, f, out.subarray(start, end)),
      );
      return inUnit(out, metres);
    },
    geodesicDistanceMatrix(lonsA, latsA, lonsB, latsB, options) {
      const fn = 'geodesicDistanceMatrix';
      const { kernels } = resolveRoutes().geodesicDistanceMany;
      const prepared = validateMatrixArguments(fn, [lonsA, latsA, lonsB, latsB], options, kernels, resolveGeodesicBatchOptions);
      const { columns } = prepared;
      const { a, f, metres } = prepared.options;
      const out = prepared.out ?? new Float64Array(columns[0].length * columns[2].length);
      if (out.length > 0) kernels.geodesicDistanceMatrix(...columns, a, f, out);
      return inUnit(out, metres);
    },
    geodesicArea(lons, lats, options) {
      const fn = 'geodesicArea';
      const [lonColumn, latColumn] = validatePolygon(fn, lons, lats);
      const { a, f, metres } = resolveGeodesicOptions(fn, options);
      resolveRoutes().geodesicDistance.kernels.geodesicArea(lonColumn, latColumn, a, f, RESULT);
      return { area: RESULT[0]! / (metres * metres), perimeter: RESULT[1]! / metres };
    },
  };
}
