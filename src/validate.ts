/**
 * Argument validation, done once in the facade so every backend raises the same error for the
 * same bad input: TypeError for a wrong type, RangeError for a value out of range, each message
 * naming the function, the argument and what is accepted.
 */

export const MAX_UINT64 = 2n ** 64n - 1n;

/** The seed's default radius (miles), kept so that greatCircle(-72.345, 34.323, -61.823, 54.826) is 1503.39. */
export const SEED_RADIUS_MILES = 3956;

/** IUGG mean Earth radius R1 = 6371.0088 km (H. Moritz, "Geodetic Reference System 1980"). */
const MEAN_EARTH_RADIUS_KM = 6371.0088;
export const EARTH_RADIUS = {
  km: MEAN_EARTH_RADIUS_KM,
  m: MEAN_EARTH_RADIUS_KM * 1000,
  mi: MEAN_EARTH_RADIUS_KM / 1.609344, // international mile
  nmi: MEAN_EARTH_RADIUS_KM / 1.852, // international nautical mile
} as const;
export type DistanceUnit = keyof typeof EARTH_RADIUS;

export interface GreatCircleOptions {
  /** Sphere radius, any positive finite number; the distance comes out in its unit. */
  radius?: number | undefined;
  /** A unit for the IUGG mean Earth radius. Give `radius` or `unit`, not both. */
  unit?: DistanceUnit | undefined;
}

/** A short, unambiguous rendering of a bad value for error messages. */
export function describe(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return String(value);
  }
}

/** The integer argument of checkPrime: a safe-integer number or a bigint below 2^64. */
export function validatePrimeCandidate(fn: string, name: string, n: unknown): number | bigint {
  if (typeof n === 'number') {
    if (!Number.isSafeInteger(n)) {
      throw new RangeError(
        `${fn}: ${name} must be a safe integer (|${name}| <= 2^53 - 1; pass a bigint for larger values), got ${describe(n)}`,
      );
    }
    return n;
  }
  if (typeof n === 'bigint') {
    if (n > MAX_UINT64) {
      throw new RangeError(`${fn}: ${name} must be below 2^64 (at most 18446744073709551615n), got ${describe(n)}`);
    }
    return n;
  }
  throw new TypeError(`${fn}: ${name} must be a number or a bigint, got ${describe(n)}`);
}

export function validateLongitude(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number (degrees), got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${name} must be a finite number of degrees, got ${describe(value)}`);
}

export function validateLatitude(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number (degrees), got ${describe(value)}`);
  if (!(value >= -90 && value <= 90)) {
    throw new RangeError(`${fn}: ${name} must be a finite number of degrees in [-90, 90], got ${describe(value)}`);
  }
}

const OPTION_NAMES = ['radius', 'unit'];

/** The sphere radius selected by greatCircle's options (the seed's 3956 miles when none are given). */
export function resolveRadius(fn: string, options: unknown): number {
  if (options === undefined) return SEED_RADIUS_MILES;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object like { radius } or { unit }, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new RangeError(`${fn}: unknown option ${JSON.stringify(key)}; accepted options are radius and unit`);
    }
  }
  const { radius, unit } = options as { radius?: unknown; unit?: unknown };
  if (radius !== undefined && unit !== undefined) {
    throw new RangeError(`${fn}: options.radius and options.unit exclude each other; give one of them`);
  }
  if (radius !== undefined) {
    if (typeof radius !== 'number') throw new TypeError(`${fn}: options.radius must be a number, got ${describe(radius)}`);
    if (!(radius > 0 && radius < Infinity)) {
      throw new RangeError(`${fn}: options.radius must be a positive finite number, got ${describe(radius)}`);
    }
    return radius;
  }
  if (unit !== undefined) {
    if (typeof unit !== 'string') throw new TypeError(`${fn}: options.unit must be a string, got ${describe(unit)}`);
    if (!Object.hasOwn(EARTH_RADIUS, unit)) {
      throw new RangeError(`${fn}: options.unit must be one of 'km', 'm', 'mi', 'nmi', got ${describe(unit)}`);
    }
    return EARTH_RADIUS[unit as DistanceUnit];
  }
  return SEED_RADIUS_MILES;
}
