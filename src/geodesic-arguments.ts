/**
 * The geodesic functions' argument checks and options (src/geodesic.ts), done once in the facade
 * as for every other function (src/arguments.ts): TypeError for a wrong type, RangeError for a
 * value out of range, naming the function, the argument and what is accepted.
 */
import { describe, toCoordinates, validateLatitude, validateLongitude, type OptionsResolver } from './arguments.js';

/** An ellipsoid of revolution: equatorial radius `a` in metres and flattening `f` = (a − b) / a. @category Geodesics */
export interface Ellipsoid {
  /** The equatorial radius (semi-major axis), metres. */
  readonly a: number;
  /** The flattening (a − b) / a: positive for an oblate ellipsoid, |f| <= MAX_FLATTENING. */
  readonly f: number;
}

/**
 * The named ellipsoids: WGS84 (NIMA TR8350.2, the GPS datum) and GRS80 (H. Moritz, "Geodetic
 * Reference System 1980"; the ellipsoid of ETRS89 and NAD83). They differ in f by 1.6e-11.
 * @category Geodesics
 */
export const ELLIPSOIDS = {
  /** WGS84: the GPS datum. */
  WGS84: { a: 6378137, f: 1 / 298.257223563 },
  /** GRS80: the ellipsoid of ETRS89 and NAD83. */
  GRS80: { a: 6378137, f: 1 / 298.257222101 },
} as const satisfies Record<string, Ellipsoid>;
/** The name of an ellipsoid in ELLIPSOIDS: 'WGS84' or 'GRS80'. @category Geodesics */
export type EllipsoidName = keyof typeof ELLIPSOIDS;

/**
 * The largest |f| accepted. Karney's series are truncated at order 6 in the third flattening n;
 * their error grows as n^7 and stays below double rounding for |f| <= 1/50 (Karney 2013, §9:
 * "|f| ≤ 1/50 ... errors ... less than 15 nanometres"); flatter or more prolate ellipsoids would
 * need the elliptic-integral formulation.
 * @category Geodesics
 */
export const MAX_FLATTENING = 1 / 50;

/** Metres in each distance unit: the international mile and nautical mile. @category Geodesics */
export const METRES_PER_UNIT = {
  /** Metres. */ m: 1,
  /** Kilometres. */ km: 1000,
  /** International miles. */ mi: 1609.344,
  /** International nautical miles. */ nmi: 1852,
} as const;
/** A unit of the geodesic functions' distances (areas: its square): 'm', 'km', 'mi' or 'nmi'. @category Geodesics */
export type GeodesicUnit = keyof typeof METRES_PER_UNIT;

/** The geodesic functions' options: the unit of the results and the ellipsoid. @category Geodesics */
export interface GeodesicOptions {
  /** The unit of distances (and of areas, squared): metres by default. */
  unit?: GeodesicUnit | undefined;
  /** The ellipsoid: 'WGS84' (default), 'GRS80', or { a, f } with a in metres and |f| <= 1/50. */
  ellipsoid?: EllipsoidName | Ellipsoid | undefined;
}

/** Options resolved for the kernels: the ellipsoid (a in metres) and metres per unit of the results. */
export interface ResolvedGeodesic {
  readonly a: number;
  readonly f: number;
  readonly metres: number;
}

const DEFAULT: ResolvedGeodesic = { a: ELLIPSOIDS.WGS84.a, f: ELLIPSOIDS.WGS84.f, metres: 1 };
const UNITS = Object.keys(METRES_PER_UNIT).map((unit) => JSON.stringify(unit));
const NAMES = Object.keys(ELLIPSOIDS).map((name) => JSON.stringify(name));

/** The options of the scalar geodesic functions, and of the batch ones besides out. */
const SCALAR_OPTIONS = ['unit', 'ellipsoid'] as const;
const BATCH_OPTIONS = ['unit', 'ellipsoid', 'out'] as const;

/** The geodesic functions' options (`accepted`: every option the caller takes, for the unknown-option check). */
export function resolveGeodesicOptions(fn: string, options: unknown, accepted: readonly string[] = SCALAR_OPTIONS): ResolvedGeodesic {
  if (options === undefined) return DEFAULT;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object like { unit, ellipsoid }, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).find((key) => !accepted.includes(key));
  if (unknown !== undefined) {
    const names = `${accepted.slice(0, -1).join(', ')} and ${accepted.at(-1)}`;
    throw new RangeError(`${fn}: unknown option ${JSON.stringify(unknown)}; the accepted options are ${names}`);
  }
  const { unit, ellipsoid } = options as { unit?: unknown; ellipsoid?: unknown };
  const { a, f } = resolveEllipsoid(fn, ellipsoid);
  return { a, f, metres: resolveUnit(fn, unit) };
}

function resolveUnit(fn: string, unit: unknown): number {
  if (unit === undefined) return 1;
  if (typeof unit !== 'string') throw new TypeError(`${fn}: options.unit must be a string (${UNITS.join(', ')}), got ${describe(unit)}`);
  if (!Object.hasOwn(METRES_PER_UNIT, unit))
    throw new RangeError(`${fn}: options.unit must be one of ${UNITS.join(', ')}, got ${describe(unit)}`);
  return METRES_PER_UNIT[unit as GeodesicUnit];
}

function resolveEllipsoid(fn: string, ellipsoid: unknown): Ellipsoid {
  if (ellipsoid === undefined) return ELLIPSOIDS.WGS84;
  if (typeof ellipsoid === 'string') {
    if (!Object.hasOwn(ELLIPSOIDS, ellipsoid)) {
      throw new RangeError(`${fn}: options.ellipsoid must be ${NAMES.join(' or ')} or { a, f }, got ${describe(ellipsoid)}`);
    }
    return ELLIPSOIDS[ellipsoid as EllipsoidName];
  }
  if (typeof ellipsoid !== 'object' || ellipsoid === null || Array.isArray(ellipsoid)) {
    throw new TypeError(`${fn}: options.ellipsoid must be ${NAMES.join(' or ')} or an object { a, f }, got ${describe(ellipsoid)}`);
  }
  const unknown = Object.keys(ellipsoid).find((key) => key !== 'a' && key !== 'f');
  if (unknown !== undefined) throw new RangeError(`${fn}: unknown key ${JSON.stringify(unknown)} in options.ellipsoid; give { a, f }`);
  const { a, f } = ellipsoid as { a?: unknown; f?: unknown };
  if (typeof a !== 'number') throw new TypeError(`${fn}: options.ellipsoid.a must be a number (metres), got ${describe(a)}`);
  if (!(a > 0 && a < Infinity))
    throw new RangeError(`${fn}: options.ellipsoid.a must be a positive finite number of metres, got ${describe(a)}`);
  if (typeof f !== 'number') throw new TypeError(`${fn}: options.ellipsoid.f must be a number (the flattening), got ${describe(f)}`);
  if (!(Math.abs(f) <= MAX_FLATTENING)) {
    throw new RangeError(
      `${fn}: options.ellipsoid.f must lie in [-1/50, 1/50], where the series serve full double accuracy, got ${describe(f)}`,
    );
  }
  return { a, f };
}

/** The batch geodesic functions' options besides out, for prepareManyArguments and validateMatrixArguments. */
export const resolveGeodesicBatchOptions: OptionsResolver<ResolvedGeodesic> = (fn, rest) => resolveGeodesicOptions(fn, rest, BATCH_OPTIONS);

/** An azimuth in degrees: any finite number. */
export function validateAzimuth(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number (degrees), got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${name} must be a finite number of degrees, got ${describe(value)}`);
}

/** A distance along the geodesic in the options' unit: any finite number (negative runs backwards). */
export function validateDistance(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${name} must be a finite number, got ${describe(value)}`);
}

/** Two points' coordinates (degrees), as for greatCircle. */
export function validatePoints(fn: string, lon1: unknown, lat1: unknown, lon2: unknown, lat2: unknown): void {
  validateLongitude(fn, 'lon1', lon1);
  validateLatitude(fn, 'lat1', lat1);
  validateLongitude(fn, 'lon2', lon2);
  validateLatitude(fn, 'lat2', lat2);
}

/** geodesicArea's vertices: two arrays of numbers of equal length, every element checked. */
export function validatePolygon(fn: string, lons: unknown, lats: unknown): [Float64Array, Float64Array] {
  const columns = (['lons', 'lats'] as const).map((name, k) => {
    const value = k === 0 ? lons : lats;
    if (typeof value === 'number') {
      throw new TypeError(`${fn}: ${name} must be an array of numbers (degrees, one per vertex), got ${describe(value)}`);
    }
    return toCoordinates(fn, name, value) as Float64Array;
  }) as [Float64Array, Float64Array];
  const [lonColumn, latColumn] = columns;
  if (lonColumn.length !== latColumn.length) {
    throw new RangeError(`${fn}: lats has ${latColumn.length} elements but lons has ${lonColumn.length}; give one of each per vertex`);
  }
  for (let i = 0; i < lonColumn.length; i++) {
    validateLongitude(fn, `lons[${i}]`, lonColumn[i]);
    validateLatitude(fn, `lats[${i}]`, latColumn[i]);
  }
  return columns;
}
