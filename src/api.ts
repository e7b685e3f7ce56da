import {
  prepareManyArguments,
  runCheckedBlocks,
  resolveRadius,
  validateLatitude,
  validateLongitude,
  validateMatrixArguments,
  validateOut,
  outOption,
  describe,
  validateNthPrimeIndex,
  validatePrimeCandidate,
  validatePrimeCandidates,
  validatePrimeListSize,
  validateRange,
  type Coordinates,
  type GreatCircleOptions,
  type PrimeCandidates,
  type ResultOptions,
} from './arguments.js';
import { primesWritten, type Kernels } from './contract.js';
import { createGeodesicApi, type GeodesicApi } from './geodesic.js';
import type { Backend } from './builds.js';
import { LARGE_PRIME_CANDIDATE, ROUTES, type Route, type RouteBackends } from './selection.js';

export type { Coordinates, PrimeCandidates, ResultOptions } from './arguments.js';
export type { RouteBackends } from './selection.js';

/**
 * The public functions; `withBackend(name)` in the facade returns the same set bound to one backend.
 * @category Backends
 */
export interface NumaccelApi extends GeodesicApi {
  /** Whether the integer n is prime: false below 2; n a safe integer or a bigint below 2^64. */
  checkPrime(n: number | bigint): boolean;
  /**
   * Great-circle distance between (lon1, lat1) and (lon2, lat2) in degrees. By default on a sphere
   * of radius 3956 (miles: the default radius); `{ radius }` or `{ unit: 'km' | 'm' | 'mi' | 'nmi' }`
   * (IUGG mean Earth radius) choose another.
   */
  greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, options?: GreatCircleOptions): number;
  /** checkPrime of every element: 1 where it is prime, else 0 (into `options.out` when given, which it returns). */
  checkPrimes(values: PrimeCandidates, options?: ResultOptions<Uint8Array>): Uint8Array;
  /** The number of primes p with lo <= p < hi (half-open, like Python's range), 0 <= lo <= hi <= 2^53. */
  countPrimes(lo: number | bigint, hi: number | bigint): number;
  /**
   * The primes p with lo <= p < hi, ascending. Refuses ranges that may hold more than 2^27 primes.
   * With `options.out` (at least primesBetweenCapacity(lo, hi) elements), returns the view of it
   * the primes fill.
   */
  primesBetween(lo: number | bigint, hi: number | bigint, options?: ResultOptions<Float64Array>): Float64Array;
  /**
   * greatCircle element by element over arrays of equal length; a single number is broadcast to
   * the others' length (one point to many).
   */
  greatCircleMany(
    lon1: Coordinates,
    lat1: Coordinates,
    lon2: Coordinates,
    lat2: Coordinates,
    options?: GreatCircleOptions & ResultOptions<Float64Array>,
  ): Float64Array;
  /** The n-th prime: nthPrime(1) === 2, for 1 <= n <= NTH_PRIME_LIMIT (every prime below 2^53). */
  nthPrime(n: number | bigint): number;
  /**
   * The smallest prime > n, of n's type: n a safe integer or a bigint below 2^64 (below 2, the
   * answer is 2). A RangeError where that prime is past 2^53 - 1 (a number: pass a bigint) or 2^64.
   */
  nextPrime<T extends number | bigint>(n: T): T;
  /** The largest prime < n, of n's type (n as for nextPrime); a RangeError for n <= 2. */
  prevPrime<T extends number | bigint>(n: T): T;
  /** All pairs: element i * |B| + j is the distance from A[i] to B[j] (row-major). */
  greatCircleMatrix(
    lonsA: Coordinates,
    latsA: Coordinates,
    lonsB: Coordinates,
    latsB: Coordinates,
    options?: GreatCircleOptions & ResultOptions<Float64Array>,
  ): Float64Array;
}

/** The public functions over the kernels that `resolveRoutes` names for each route, validating every argument first. */
export function createApi(resolveRoutes: () => RouteBackends): NumaccelApi {
  return {
    ...createGeodesicApi(resolveRoutes),
    checkPrime(n) {
      const value = validatePrimeCandidate('checkPrime', 'n', n);
      if (typeof value === 'number') {
        if (value < 2) return false;
        const routes = resolveRoutes();
        return (value < LARGE_PRIME_CANDIDATE ? routes.checkPrime : routes.checkPrimeLarge).kernels.checkPrime(value);
      }
      if (value < 2n) return false;
      return resolveRoutes().checkPrimeLarge.kernels.checkPrime(value);
    },
    greatCircle(lon1, lat1, lon2, lat2, options) {
      const fn = 'greatCircle';
      validateLongitude(fn, 'lon1', lon1);
      validateLatitude(fn, 'lat1', lat1);
      validateLongitude(fn, 'lon2', lon2);
      validateLatitude(fn, 'lat2', lat2);
      const radius = resolveRadius(fn, options);
      return resolveRoutes().greatCircle.kernels.greatCircle(lon1, lat1, lon2, lat2, radius);
    },
    checkPrimes(values, options) {
      const fn = 'checkPrimes';
      const candidates = validatePrimeCandidates(fn, values);
      const out =
        validateOut(fn, outOption(fn, options), Uint8Array, { length: candidates.length }, [['values', values]]) ??
        new Uint8Array(candidates.length);
      if (candidates.length > 0) resolveRoutes().checkPrimes.kernels.checkPrimes(candidates, out);
      return out;
    },
    countPrimes(lo, hi) {
      const [low, high] = validateRange('countPrimes', lo, hi);
      const { kernels } = resolveRoutes().countPrimes;
      return countsByPrimePi(low, high) ? primesBelow(kernels, high) - primesBelow(kernels, low) : kernels.countPrimes(low, high);
    },
    nthPrime(n) {
      return resolveRoutes().countPrimes.kernels.nthPrime(validateNthPrimeIndex('nthPrime', n));
    },
    nextPrime(n) {
      const fn = 'nextPrime';
      const value = validatePrimeCandidate(fn, 'n', n);
      if (value < 2) return (typeof value === 'number' ? 2 : 2n) as typeof n;
      const next = resolveRoutes().checkPrimeLarge.kernels.nextPrime(value);
      if (next === -1)
        throw new RangeError(`${fn}: the next prime after ${value} is past 2^53 - 1, the largest safe integer; pass n as a bigint`);
      if (next === -1n) throw new RangeError(`${fn}: there is no prime between ${value}n and 2^64`);
      return next as typeof n;
    },
    prevPrime(n) {
      const fn = 'prevPrime';
      const value = validatePrimeCandidate(fn, 'n', n);
      if (value <= 2) throw new RangeError(`${fn}: there is no prime below ${describe(value)}: n must be at least 3`);
      return resolveRoutes().checkPrimeLarge.kernels.prevPrime(value) as typeof n;
    },
    primesBetween(lo, hi, options) {
      const fn = 'primesBetween';
      const [low, high] = validateRange(fn, lo, hi);
      const bound = validatePrimeListSize(fn, low, high);
      const given = validateOut(fn, outOption(fn, options), Float64Array, { atLeast: bound, what: `[${low}, ${high})` }, []);
      const out = given ?? new Float64Array(bound);
      const count = resolveRoutes().primesBetween.kernels.primesBetween(low, high, out);
      return given ? given.subarray(0, count) : primesWritten(out, count);
    },
    greatCircleMany(lon1, lat1, lon2, lat2, options) {
      const fn = 'greatCircleMany';
      const values = [lon1, lat1, lon2, lat2];
      const { columns, length, options: radius, out: given } = prepareManyArguments(fn, values, options);
      const out = given ?? new Float64Array(length);
      const { kernels } = resolveRoutes().greatCircleMany;
      runCheckedBlocks(fn, values, columns, length, kernels, (block, start, end) =>
        kernels.greatCircleMany(...block, radius, out.subarray(start, end)),
      );
      return out;
    },
    greatCircleMatrix(lonsA, latsA, lonsB, latsB, options) {
      const { kernels } = resolveRoutes().greatCircleMatrix;
      const {
        columns,
        options: radius,
        out: given,
      } = validateMatrixArguments('greatCircleMatrix', [lonsA, latsA, lonsB, latsB], options, kernels);
      const out = given ?? new Float64Array(columns[0].length * columns[2].length);
      if (out.length > 0) kernels.greatCircleMatrix(...columns, radius, out);
      return out;
    },
  };
}

/**
 * Whether countPrimes(lo, hi) is faster as π(hi - 1) - π(lo - 1), by Deléglise–Rivat, than by
 * sieving [lo, hi): the combinatorial count costs about hi^(2/3), the sieve the range's length.
 * The factor is measured (docs/algorithms.md, "Measured choices"): below it the sieve wins.
 */
export function countsByPrimePi(lo: number, hi: number): boolean {
  return hi - lo > COMBINATORIAL_FACTOR * Math.cbrt(hi) ** 2;
}

/** Ranges wider than this many times hi^(2/3) are counted by π(x); see countsByPrimePi. */
const COMBINATORIAL_FACTOR = 8;

/** The primes below n: π(n - 1). */
const primesBelow = (kernels: Kernels, n: number): number => (n <= 2 ? 0 : kernels.primePi(n - 1));

/** Every route served by the same backend. */
export function routesToOneBackend(backend: Backend): RouteBackends {
  return Object.fromEntries(ROUTES.map((route) => [route, backend])) as Record<Route, Backend>;
}
