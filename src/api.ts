import type { Kernels } from './contract.js';
import { LARGE_PRIME_CANDIDATE, ROUTES, type Route } from './selection.js';
import {
  primeCountUpperBound,
  resolveRadius,
  toCoordinates,
  validateLatitude,
  validateLatitudes,
  validateLongitude,
  validateLongitudes,
  validatePrimeCandidate,
  validatePrimeCandidates,
  validateRange,
  validateResultSize,
  MAX_RESULT_ELEMENTS,
  type GreatCircleOptions,
} from './validate.js';

/** Integers for checkPrimes: an array of numbers or an integer typed array (BigInt ones included). */
export type PrimeCandidates =
  | readonly number[]
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array
  | BigInt64Array | BigUint64Array;

/** Coordinates (degrees) for the batch distance functions: one number, or an array of them. */
export type Coordinates = number | readonly number[] | Float64Array | Float32Array | Int32Array | Int16Array | Int8Array;

/** The public functions; `withBackend(name)` in the facade returns the same set bound to one backend. */
export interface NumaccelApi {
  /** Whether the integer n is prime: false below 2; n a safe integer or a bigint below 2^64. */
  checkPrime(n: number | bigint): boolean;
  /**
   * Great-circle distance between (lon1, lat1) and (lon2, lat2) in degrees. By default on a sphere
   * of radius 3956 (miles, the seed's); `{ radius }` or `{ unit: 'km' | 'm' | 'mi' | 'nmi' }`
   * (IUGG mean Earth radius) choose another.
   */
  greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, options?: GreatCircleOptions): number;
  /** checkPrime of every element: 1 where it is prime, else 0. */
  checkPrimes(values: PrimeCandidates): Uint8Array;
  /** The number of primes p with lo <= p < hi (half-open, like the seed's range), 0 <= lo <= hi <= 2^53. */
  countPrimes(lo: number | bigint, hi: number | bigint): number;
  /** The primes p with lo <= p < hi, ascending. Refuses ranges that may hold more than 2^27 primes. */
  primesBetween(lo: number | bigint, hi: number | bigint): Float64Array;
  /**
   * greatCircle element by element over arrays of equal length; a single number is broadcast to
   * the others' length (one point to many).
   */
  greatCircleMany(lon1: Coordinates, lat1: Coordinates, lon2: Coordinates, lat2: Coordinates, options?: GreatCircleOptions): Float64Array;
  /** All pairs: element i * |B| + j is the distance from A[i] to B[j] (row-major). */
  greatCircleMatrix(lonsA: Coordinates, latsA: Coordinates, lonsB: Coordinates, latsB: Coordinates, options?: GreatCircleOptions): Float64Array;
}

export type RouteKernels = Readonly<Record<Route, Kernels>>;

/** The public functions over the kernels that `resolveRoutes` names for each route, validating every argument first. */
export function createApi(resolveRoutes: () => RouteKernels): NumaccelApi {
  return {
    checkPrime(n) {
      const value = validatePrimeCandidate('checkPrime', 'n', n);
      if (typeof value === 'number') {
        if (value < 2) return false;
        const routes = resolveRoutes();
        return (value < LARGE_PRIME_CANDIDATE ? routes.checkPrime : routes.checkPrimeLarge).checkPrime(value);
      }
      if (value < 2n) return false;
      return resolveRoutes().checkPrimeLarge.checkPrime(value);
    },
    greatCircle(lon1, lat1, lon2, lat2, options) {
      const fn = 'greatCircle';
      validateLongitude(fn, 'lon1', lon1);
      validateLatitude(fn, 'lat1', lat1);
      validateLongitude(fn, 'lon2', lon2);
      validateLatitude(fn, 'lat2', lat2);
      const radius = resolveRadius(fn, options);
      return resolveRoutes().greatCircle.greatCircle(lon1, lat1, lon2, lat2, radius);
    },
    checkPrimes(values) {
      const candidates = validatePrimeCandidates('checkPrimes', values);
      const out = new Uint8Array(candidates.length);
      if (candidates.length > 0) resolveRoutes().checkPrimes.checkPrimes(candidates, out);
      return out;
    },
    countPrimes(lo, hi) {
      const [low, high] = validateRange('countPrimes', lo, hi);
      return resolveRoutes().countPrimes.countPrimes(low, high);
    },
    primesBetween(lo, hi) {
      const fn = 'primesBetween';
      const [low, high] = validateRange(fn, lo, hi);
      const bound = primeCountUpperBound(low, high);
      if (bound > MAX_RESULT_ELEMENTS) {
        throw new RangeError(
          `${fn}: [${low}, ${high}) may hold up to ${bound.toLocaleString('en-US')} primes, more than the limit of ` +
            `${MAX_RESULT_ELEMENTS.toLocaleString('en-US')} (1 GiB of Float64Array); count them with countPrimes or ask for a narrower range`,
        );
      }
      const out = new Float64Array(bound);
      const count = resolveRoutes().primesBetween.primesBetween(low, high, out);
      return count === bound ? out : out.slice(0, count);
    },
    greatCircleMany(lon1, lat1, lon2, lat2, options) {
      const fn = 'greatCircleMany';
      const columns = coordinateColumns(fn, [['lon1', lon1], ['lat1', lat1], ['lon2', lon2], ['lat2', lat2]]);
      const radius = resolveRadius(fn, options);
      let length: number | undefined;
      let lengthFrom = '';
      for (const [name, column] of columns) {
        if (typeof column === 'number') continue;
        if (length === undefined) [length, lengthFrom] = [column.length, name];
        else if (column.length !== length) {
          throw new RangeError(`${fn}: ${name} has ${column.length} elements but ${lengthFrom} has ${length}; give arrays of equal length, or single numbers to broadcast`);
        }
      }
      const out = new Float64Array(length ?? 1);
      if (out.length > 0) {
        const [a, b, c, d] = columns.map(([, column]) => asArray(column)) as [Float64Array, Float64Array, Float64Array, Float64Array];
        resolveRoutes().greatCircleMany.greatCircleMany(a, b, c, d, radius, out);
      }
      return out;
    },
    greatCircleMatrix(lonsA, latsA, lonsB, latsB, options) {
      const fn = 'greatCircleMatrix';
      const columns = coordinateColumns(fn, [['lonsA', lonsA], ['latsA', latsA], ['lonsB', lonsB], ['latsB', latsB]]);
      const radius = resolveRadius(fn, options);
      const [a, b, c, d] = columns.map(([, column]) => asArray(column)) as [Float64Array, Float64Array, Float64Array, Float64Array];
      if (b.length !== a.length) throw new RangeError(`${fn}: latsA has ${b.length} elements but lonsA has ${a.length}; they must be equal`);
      if (d.length !== c.length) throw new RangeError(`${fn}: latsB has ${d.length} elements but lonsB has ${c.length}; they must be equal`);
      validateResultSize(fn, `the ${a.length} × ${c.length} matrix`, a.length * c.length);
      const out = new Float64Array(a.length * c.length);
      if (out.length > 0) resolveRoutes().greatCircleMatrix.greatCircleMatrix(a, b, c, d, radius, out);
      return out;
    },
  };
}

/** Validates named coordinate arguments (longitudes finite, latitudes in [-90, 90]), in order. */
function coordinateColumns(fn: string, args: ReadonlyArray<readonly [string, unknown]>): Array<[string, Float64Array | number]> {
  return args.map(([name, value]) => {
    const column = toCoordinates(fn, name, value);
    if (name.startsWith('lat')) validateLatitudes(fn, name, column);
    else validateLongitudes(fn, name, column);
    return [name, column];
  });
}

const asArray = (column: Float64Array | number): Float64Array => (typeof column === 'number' ? Float64Array.of(column) : column);

/** Every route served by the same kernels. */
export function routesToOneBackend(kernels: Kernels): RouteKernels {
  return Object.fromEntries(ROUTES.map((route) => [route, kernels])) as Record<Route, Kernels>;
}
