import type { Backend, Kernels } from './contract.js';
import { LARGE_PRIME_CANDIDATE, ROUTES, type Route } from './selection.js';
import {
  resolveRadius,
  toCoordinates,
  validateLatitude,
  validateLatitudes,
  validateLongitude,
  validateLongitudes,
  validatePrimeCandidate,
  validatePrimeCandidates,
  validatePrimeListSize,
  validateRange,
  validateResultSize,
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
   * of radius 3956 (miles: the default radius); `{ radius }` or `{ unit: 'km' | 'm' | 'mi' | 'nmi' }`
   * (IUGG mean Earth radius) choose another.
   */
  greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, options?: GreatCircleOptions): number;
  /** checkPrime of every element: 1 where it is prime, else 0. */
  checkPrimes(values: PrimeCandidates): Uint8Array;
  /** The number of primes p with lo <= p < hi (half-open, like Python's range), 0 <= lo <= hi <= 2^53. */
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

/** The backend serving each route. */
export type RouteBackends = Readonly<Record<Route, Backend>>;

/** The public functions over the kernels that `resolveRoutes` names for each route, validating every argument first. */
export function createApi(resolveRoutes: () => RouteBackends): NumaccelApi {
  return {
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
    checkPrimes(values) {
      const candidates = validatePrimeCandidates('checkPrimes', values);
      const out = new Uint8Array(candidates.length);
      if (candidates.length > 0) resolveRoutes().checkPrimes.kernels.checkPrimes(candidates, out);
      return out;
    },
    countPrimes(lo, hi) {
      const [low, high] = validateRange('countPrimes', lo, hi);
      return resolveRoutes().countPrimes.kernels.countPrimes(low, high);
    },
    primesBetween(lo, hi) {
      const fn = 'primesBetween';
      const [low, high] = validateRange(fn, lo, hi);
      const bound = validatePrimeListSize(fn, low, high);
      const out = new Float64Array(bound);
      const count = resolveRoutes().primesBetween.kernels.primesBetween(low, high, out);
      return count === bound ? out : out.slice(0, count);
    },
    greatCircleMany(lon1, lat1, lon2, lat2, options) {
      const fn = 'greatCircleMany';
      const values = [lon1, lat1, lon2, lat2];
      const { columns, length, radius } = prepareManyArguments(fn, values, options);
      const out = new Float64Array(length);
      const { kernels } = resolveRoutes().greatCircleMany;
      // Block by block, each block checked just before the kernel reads it: the check brings the
      // block into the cache and the kernel finds it there, so a large batch comes from memory
      // once instead of twice. (An empty batch still has its broadcast numbers checked.)
      let start = 0;
      do {
        const end = Math.min(length, start + COORDINATE_BLOCK);
        const block = columns.map((column) => (column.length === 1 ? column : column.subarray(start, end))) as Columns;
        validateCoordinates(fn, MANY_NAMES, values, columns, kernels.coordinatesInDomain(...block));
        if (end > start) kernels.greatCircleMany(...block, radius, out.subarray(start, end));
        start = end;
      } while (start < length);
      return out;
    },
    greatCircleMatrix(lonsA, latsA, lonsB, latsB, options) {
      const { kernels } = resolveRoutes().greatCircleMatrix;
      const { columns, radius } = validateMatrixArguments('greatCircleMatrix', [lonsA, latsA, lonsB, latsB], options, kernels);
      const out = new Float64Array(columns[0].length * columns[2].length);
      if (out.length > 0) kernels.greatCircleMatrix(...columns, radius, out);
      return out;
    },
  };
}

type Columns = [Float64Array, Float64Array, Float64Array, Float64Array];

const MANY_NAMES = ['lon1', 'lat1', 'lon2', 'lat2'] as const;
const MATRIX_NAMES = ['lonsA', 'latsA', 'lonsB', 'latsB'] as const;

/**
 * Pairs per block of greatCircleMany: the five arrays' blocks take 640 KiB, inside a 1 MiB L2
 * (and the wasm backend's copy-in chunk is the same size).
 */
const COORDINATE_BLOCK = 16384;

const isLatitude = (name: string): boolean => name.startsWith('lat');

/**
 * Raises the error for bad coordinates unless `inDomain`, the answer of the backend's fast check
 * (Kernels.coordinatesInDomain) on the columns or on a block of them, is true. The arguments are
 * then scanned whole in argument order, so the error names the same element whatever the block
 * and the backend: the first bad one of the first argument that has one (a number argument is
 * named without an index).
 */
function validateCoordinates(fn: string, names: readonly string[], values: readonly unknown[], columns: readonly Float64Array[], inDomain: boolean): void {
  if (inDomain) return;
  columns.forEach((column, k) => {
    const value = values[k];
    (isLatitude(names[k]!) ? validateLatitudes : validateLongitudes)(fn, names[k]!, typeof value === 'number' ? value : column);
  });
}

/** Converts each coordinate argument to a Float64Array (a single number becomes a length-1 one), checking types only. */
function coordinateColumns(fn: string, names: readonly string[], values: readonly unknown[]): Columns {
  return names.map((name, i) => {
    const column = toCoordinates(fn, name, values[i]);
    return typeof column === 'number' ? Float64Array.of(column) : column;
  }) as Columns;
}

/**
 * greatCircleMany's arguments with their types and lengths checked but not their values: the
 * four columns (a length-1 column is broadcast by the kernels), the common length of the arrays
 * given (1 when all are single numbers), and the radius.
 */
function prepareManyArguments(fn: string, values: readonly unknown[], options: unknown): { columns: Columns; length: number; radius: number } {
  const columns = coordinateColumns(fn, MANY_NAMES, values);
  let length: number | undefined;
  let lengthFrom = '';
  values.forEach((value, i) => {
    if (typeof value === 'number') return;
    const n = columns[i]!.length;
    if (length === undefined) [length, lengthFrom] = [n, MANY_NAMES[i]!];
    else if (n !== length) {
      throw new RangeError(`${fn}: ${MANY_NAMES[i]} has ${n} elements but ${lengthFrom} has ${length}; give arrays of equal length, or single numbers to broadcast`);
    }
  });
  return { columns, length: length ?? 1, radius: resolveRadius(fn, options) };
}

/**
 * greatCircleMany's arguments, every element checked (by `kernels`' fast check, then as
 * validateCoordinates says): see prepareManyArguments.
 */
export function validateManyArguments(
  fn: string, values: readonly unknown[], options: unknown, kernels: Pick<Kernels, 'coordinatesInDomain'>,
): { columns: Columns; length: number; radius: number } {
  const prepared = prepareManyArguments(fn, values, options);
  validateCoordinates(fn, MANY_NAMES, values, prepared.columns, kernels.coordinatesInDomain(...prepared.columns));
  return prepared;
}

/** greatCircleMatrix's arguments: A's and B's columns (equal lengths), the radius; the result size checked. */
export function validateMatrixArguments(
  fn: string, values: readonly unknown[], options: unknown, kernels: Pick<Kernels, 'coordinatesInDomain'>,
): { columns: Columns; radius: number } {
  const columns = coordinateColumns(fn, MATRIX_NAMES, values);
  const radius = resolveRadius(fn, options);
  const [lonsA, latsA, lonsB, latsB] = columns;
  if (latsA.length !== lonsA.length) throw new RangeError(`${fn}: latsA has ${latsA.length} elements but lonsA has ${lonsA.length}; they must be equal`);
  if (latsB.length !== lonsB.length) throw new RangeError(`${fn}: latsB has ${latsB.length} elements but lonsB has ${lonsB.length}; they must be equal`);
  validateResultSize(fn, `the ${lonsA.length} × ${lonsB.length} matrix`, lonsA.length * lonsB.length);
  validateCoordinates(fn, MATRIX_NAMES, values, columns, kernels.coordinatesInDomain(...columns));
  return { columns, radius };
}

/** Every route served by the same backend. */
export function routesToOneBackend(backend: Backend): RouteBackends {
  return Object.fromEntries(ROUTES.map((route) => [route, backend])) as Record<Route, Backend>;
}
