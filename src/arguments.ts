/**
 * Argument validation, done once in the facade so every backend raises the same error for the
 * same bad input: TypeError for a wrong type, RangeError for a value out of range, each message
 * naming the function, the argument and what is accepted. Also the preparation that goes with
 * it: coordinates converted to Float64Array columns and the radius resolved (the async options:
 * src/async-options.ts).
 */
import { BATCH_BLOCK, NTH_PRIME_LIMIT, type Kernels } from './contract.js';

/** Integers for checkPrimes: an array of numbers or an integer typed array (BigInt ones included). @category Primes */
export type PrimeCandidates =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | BigInt64Array
  | BigUint64Array;

/** Coordinates (degrees) for the batch distance functions: one number, or an array of them. @category Arguments and results */
export type Coordinates = number | readonly number[] | Float64Array | Float32Array | Int32Array | Int16Array | Int8Array;

/**
 * A caller's array for the result: the function fills it and returns it (primesBetween: the
 * view its primes fill), allocating nothing proportional to the call's size. It must have the
 * result's type and length and share no memory with the inputs.
 * @category Arguments and results
 */
export interface ResultOptions<T> {
  /** The array to fill: the result's type, and its length (primesBetween: at least primesBetweenCapacity). */
  out?: T | undefined;
}

export const MAX_UINT64 = 2n ** 64n - 1n;

/** The default radius, 3956 miles: greatCircle(-72.345, 34.323, -61.823, 54.826) is 1503.39 miles. @category Great circles */
export const DEFAULT_RADIUS_MILES = 3956;

/** IUGG mean Earth radius R1 = 6371.0088 km (H. Moritz, "Geodetic Reference System 1980"). */
const MEAN_EARTH_RADIUS_KM = 6371.0088;
/** The IUGG mean Earth radius in each unit `{ unit }` accepts. @category Great circles */
export const EARTH_RADIUS = {
  /** Kilometres. */ km: MEAN_EARTH_RADIUS_KM,
  /** Metres. */ m: MEAN_EARTH_RADIUS_KM * 1000,
  /** International miles. */ mi: MEAN_EARTH_RADIUS_KM / 1.609344,
  /** International nautical miles. */ nmi: MEAN_EARTH_RADIUS_KM / 1.852,
} as const;
/** A unit of the great-circle functions: 'km', 'm', 'mi' or 'nmi'. @category Great circles */
export type DistanceUnit = keyof typeof EARTH_RADIUS;

/** The great-circle functions' options: the sphere, by radius or unit (default: radius 3956, miles). @category Great circles */
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

// The checks of one coordinate stay a few bytes of bytecode, with the messages in functions of
// their own: V8 inlines a function only while everything it inlines stays under a budget (920
// bytes of bytecode, Node 20), and with the messages inline, scalar greatCircle with options went
// over it: the caller's loop then boxed every argument and result (~50 ns a call, measured).
export function validateLongitude(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throwBadLongitude(fn, name, value);
}

export function validateLatitude(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= -90 && value <= 90)) throwBadLatitude(fn, name, value);
}

function throwBadLongitude(fn: string, name: string, value: unknown): never {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number (degrees), got ${describe(value)}`);
  throw new RangeError(`${fn}: ${name} must be a finite number of degrees, got ${describe(value)}`);
}

function throwBadLatitude(fn: string, name: string, value: unknown): never {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number (degrees), got ${describe(value)}`);
  throw new RangeError(`${fn}: ${name} must be a finite number of degrees in [-90, 90], got ${describe(value)}`);
}

const OPTION_NAMES = ['radius', 'unit'];

/**
 * The sphere radius selected by greatCircle's options (the default radius, 3956 miles, when none
 * are given). `accepted` names the options of the calling function in messages. Small enough for
 * V8 to inline into the caller, with well-formed options taken by a short path that V8 inlines
 * too: as one function, a scalar greatCircle call spent ~20 of its ~75 ns here without options
 * and ~50 ns more with `{ unit: 'km' }` (Node 20, measured).
 */
export function resolveRadius(fn: string, options: unknown, accepted = 'radius and unit'): number {
  if (options === undefined) return DEFAULT_RADIUS_MILES;
  const radius = radiusFromWellFormedOptions(options);
  // biome-ignore lint/suspicious/noSelfCompare: NaN is the short path's answer for options it does not handle
  return radius === radius ? radius : radiusFromOptions(fn, options, accepted);
}

/**
 * The radius that well-formed options select, or NaN for anything else, which radiusFromOptions
 * then checks and reports. It accepts only what radiusFromOptions accepts, with the same result:
 * for…in sees every key Object.keys sees (and inherited ones, which send the call to the full
 * check), and the units are compared as literals, without allocating a list of keys.
 */
function radiusFromWellFormedOptions(options: unknown): number {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return NaN;
  for (const key in options) if (key !== 'radius' && key !== 'unit') return NaN;
  const { radius, unit } = options as { radius?: unknown; unit?: unknown };
  if (unit === undefined) {
    if (radius === undefined) return DEFAULT_RADIUS_MILES;
    return typeof radius === 'number' && radius > 0 && radius < Infinity ? radius : NaN;
  }
  if (radius !== undefined) return NaN;
  switch (unit) {
    case 'km':
      return EARTH_RADIUS.km;
    case 'm':
      return EARTH_RADIUS.m;
    case 'mi':
      return EARTH_RADIUS.mi;
    case 'nmi':
      return EARTH_RADIUS.nmi;
    default:
      return NaN;
  }
}

/** The full check of greatCircle's options, with the message for every bad input (exported for the test that the short path agrees with it). */
export function radiusFromOptions(fn: string, options: unknown, accepted: string): number {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object like { radius } or { unit }, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new RangeError(`${fn}: unknown option ${JSON.stringify(key)}; accepted options are ${accepted}`);
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
  return DEFAULT_RADIUS_MILES;
}

// ---------------------------------------------------------------------------------------------
// options.out: a caller's array for a batch function's result, so that a call allocates nothing
// proportional to its size.

/** The batch distance functions' options, as resolveRadius names them. */
export const DISTANCE_BATCH_OPTIONS = 'radius, unit and out';

/** Splits options.out from the other options (which are checked as before). */
export function splitOut(options: unknown): { out: unknown; rest: unknown } {
  if (typeof options !== 'object' || options === null || Array.isArray(options) || !Object.hasOwn(options, 'out'))
    return { out: undefined, rest: options };
  const { out, ...rest } = options as Record<string, unknown>;
  return { out, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

/** options.out of a function whose only option it is (checkPrimes, primesBetween). */
export function outOption(fn: string, options: unknown): unknown {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object like { out }, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).find((key) => key !== 'out');
  if (unknown !== undefined) throw new RangeError(`${fn}: unknown option ${JSON.stringify(unknown)}; the accepted option is out`);
  return (options as { out?: unknown }).out;
}

const sharesMemory = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;

/**
 * options.out when given: a `type` array of exactly `size.length` elements (or at least
 * `size.atLeast`), sharing no memory with any of `inputs` (a result written over its own inputs
 * would read values it already overwrote).
 */
export function validateOut<T extends Float64Array | Uint8Array>(
  fn: string,
  out: unknown,
  type: { new (length: number): T; readonly name: string },
  size: { readonly length: number } | { readonly atLeast: number; readonly what: string },
  inputs: ReadonlyArray<readonly [string, unknown]>,
): T | undefined {
  if (out === undefined) return undefined;
  if (!(out instanceof type)) throw new TypeError(`${fn}: options.out must be a ${type.name}, got ${describe(out)}`);
  if ('length' in size && out.length !== size.length) {
    throw new RangeError(`${fn}: options.out has ${out.length} elements, but the result has ${size.length}`);
  }
  if ('atLeast' in size && out.length < size.atLeast) {
    throw new RangeError(`${fn}: options.out has ${out.length} elements, but ${size.what} may need ${size.atLeast}`);
  }
  for (const [name, input] of inputs) {
    if (ArrayBuffer.isView(input) && sharesMemory(input, out))
      throw new RangeError(`${fn}: options.out shares memory with ${name}; give it an array of its own`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Batch arguments. Every element is checked, and an error names its index.

/** The largest result a batch call allocates: 2^27 elements, 1 GiB of Float64Array. @category Arguments and results */
export const MAX_RESULT_ELEMENTS = 2 ** 27;

type NumericTypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

function isNumericTypedArray(value: unknown): value is NumericTypedArray {
  return (
    ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array)
  );
}

/**
 * checkPrimes' values as the kernels take them: a Float64Array of safe integers (passed through
 * uncopied when it already is one) or a BigUint64Array (negative BigInt64Array elements, which are
 * not prime, become 0).
 */
export function validatePrimeCandidates(fn: string, values: unknown): Float64Array | BigUint64Array {
  if (values instanceof BigUint64Array) return values;
  if (values instanceof BigInt64Array) return BigUint64Array.from(values, (v) => (v < 0n ? 0n : v));
  if (Array.isArray(values) || isNumericTypedArray(values)) {
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (typeof v !== 'number') throw new TypeError(`${fn}: values[${i}] must be a number, got ${describe(v)}`);
      if (!Number.isSafeInteger(v)) {
        throw new RangeError(
          `${fn}: values[${i}] must be a safe integer (|n| <= 2^53 - 1; pass a BigUint64Array for larger values), got ${describe(v)}`,
        );
      }
    }
    return values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
  }
  throw new TypeError(
    `${fn}: values must be an array of numbers or a typed array (Float64Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array, ...), got ${describe(values)}`,
  );
}

/** A bound of a sieve range: an integer in [0, 2^53] (a bigint is accepted and converted). */
/** nthPrime's n: an integer in [1, NTH_PRIME_LIMIT] (the primes below 2^53), as a number or a bigint. */
export function validateNthPrimeIndex(fn: string, value: unknown): number {
  const n = typeof value === 'bigint' && value >= 1n && value <= BigInt(NTH_PRIME_LIMIT) ? Number(value) : value;
  if (typeof n !== 'number' && typeof n !== 'bigint') throw new TypeError(`${fn}: n must be a number or a bigint, got ${describe(value)}`);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > NTH_PRIME_LIMIT) {
    throw new RangeError(`${fn}: n must be an integer in [1, ${NTH_PRIME_LIMIT}] (the primes below 2^53), got ${describe(value)}`);
  }
  return n;
}

function validateRangeBound(fn: string, name: string, value: unknown): number {
  const n = typeof value === 'bigint' && value >= 0n && value <= 2n ** 53n ? Number(value) : value;
  if (typeof n !== 'number' && typeof n !== 'bigint') throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 2 ** 53) {
    throw new RangeError(`${fn}: ${name} must be an integer in [0, 2^53], got ${describe(value)}`);
  }
  return n;
}

/** [lo, hi) with 0 <= lo <= hi <= 2^53. */
export function validateRange(fn: string, lo: unknown, hi: unknown): [number, number] {
  const low = validateRangeBound(fn, 'lo', lo);
  const high = validateRangeBound(fn, 'hi', hi);
  if (high < low) throw new RangeError(`${fn}: hi must be at least lo (${low}), got ${high}`);
  return [low, high];
}

/**
 * An upper bound on the number of primes in [lo, hi), for sizing primesBetween's result before
 * sieving: the smallest of
 * - y/2 + 2 (every prime but 2 is odd), with y = hi - lo;
 * - 2y / ln y (Brun–Titchmarsh as proved by H. L. Montgomery and R. C. Vaughan, "The large sieve",
 *   Mathematika 20, 1973: π(x + y) - π(x) <= 2y / ln y for y > 1);
 * - π(hi) - π(lo) bounded by x/ln x · (1 + 1.2762/ln x) above (P. Dusart 1999, x > 1) and x/ln x
 *   below (J. B. Rosser and L. Schoenfeld 1962, x >= 17).
 */
export function primeCountUpperBound(lo: number, hi: number): number {
  const y = hi - lo;
  let bound = Math.floor(y / 2) + 2;
  if (y > 1) bound = Math.min(bound, Math.floor((2 * y) / Math.log(y)) + 1);
  if (hi > 17) {
    const lnHi = Math.log(hi);
    const upper = (hi / lnHi) * (1 + 1.2762 / lnHi);
    const lower = lo >= 17 ? lo / Math.log(lo) : 0;
    bound = Math.min(bound, Math.ceil(upper - lower) + 1);
  }
  return Math.max(0, Math.min(bound, y));
}

/**
 * The size primesBetween allocates for [lo, hi): the upper bound, refused before allocating when
 * it passes MAX_RESULT_ELEMENTS.
 */
export function validatePrimeListSize(fn: string, lo: number, hi: number): number {
  const bound = primeCountUpperBound(lo, hi);
  if (bound > MAX_RESULT_ELEMENTS) {
    throw new RangeError(
      `${fn}: [${lo}, ${hi}) may hold up to ${bound.toLocaleString('en-US')} primes, more than the limit of ` +
        `${MAX_RESULT_ELEMENTS.toLocaleString('en-US')} (1 GiB of Float64Array); count them with countPrimes or ask for a narrower range`,
    );
  }
  return bound;
}

/** A coordinate argument of a batch call: a number (broadcast) or an array of numbers. */
export function toCoordinates(fn: string, name: string, value: unknown): Float64Array | number {
  if (typeof value === 'number') return value;
  if (value instanceof Float64Array) return value;
  if (Array.isArray(value) || isNumericTypedArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') throw new TypeError(`${fn}: ${name}[${i}] must be a number (degrees), got ${describe(value[i])}`);
    }
    return Float64Array.from(value as ArrayLike<number>);
  }
  throw new TypeError(`${fn}: ${name} must be a number or an array of numbers (degrees), got ${describe(value)}`);
}

export function validateLongitudes(fn: string, name: string, values: Float64Array | number): void {
  if (typeof values === 'number') return validateLongitude(fn, name, values);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!))
      throw new RangeError(`${fn}: ${name}[${i}] must be a finite number of degrees, got ${describe(values[i])}`);
  }
}

export function validateLatitudes(fn: string, name: string, values: Float64Array | number): void {
  if (typeof values === 'number') return validateLatitude(fn, name, values);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= -90 && v <= 90))
      throw new RangeError(`${fn}: ${name}[${i}] must be a finite number of degrees in [-90, 90], got ${describe(v)}`);
  }
}

/** The size of a result, refused before allocating when it passes MAX_RESULT_ELEMENTS. */
export function validateResultSize(fn: string, what: string, elements: number): void {
  if (elements > MAX_RESULT_ELEMENTS) {
    throw new RangeError(
      `${fn}: ${what} would have ${elements.toLocaleString('en-US')} elements, more than the limit of ${MAX_RESULT_ELEMENTS.toLocaleString('en-US')} (1 GiB of Float64Array)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The batch great-circle functions' coordinate arguments

export type Columns = [Float64Array, Float64Array, Float64Array, Float64Array];

export const MANY_NAMES = ['lon1', 'lat1', 'lon2', 'lat2'] as const;
export const MATRIX_NAMES = ['lonsA', 'latsA', 'lonsB', 'latsB'] as const;

const isLatitude = (name: string): boolean => name.startsWith('lat');

/**
 * Raises the error for bad coordinates unless `inDomain`, the answer of the backend's fast check
 * (Kernels.coordinatesInDomain) on the columns or on a block of them, is true. The arguments are
 * then scanned whole in argument order, so the error names the same element whatever the block
 * and the backend: the first bad one of the first argument that has one (a number argument is
 * named without an index).
 */
export function validateCoordinates(
  fn: string,
  names: readonly string[],
  values: readonly unknown[],
  columns: readonly Float64Array[],
  inDomain: boolean,
): void {
  if (inDomain) return;
  columns.forEach((column, k) => {
    const value = values[k];
    (isLatitude(names[k]!) ? validateLatitudes : validateLongitudes)(fn, names[k]!, typeof value === 'number' ? value : column);
  });
}

/** Resolves a batch distance function's options other than out: greatCircle's radius, the geodesics' ellipsoid and unit. */
export type OptionsResolver<P> = (fn: string, rest: unknown) => P;

const radiusOfBatch: OptionsResolver<number> = (fn, rest) => resolveRadius(fn, rest, DISTANCE_BATCH_OPTIONS);

/** A batch call's arguments checked: the columns, the common length, the resolved options and options.out. */
export interface PreparedMany<P> {
  readonly columns: Columns;
  readonly length: number;
  readonly options: P;
  readonly out: Float64Array | undefined;
}

/**
 * Runs a batch kernel block by block (BATCH_BLOCK pairs), each block checked by `check` (the
 * serving build's coordinatesInDomain) just before `run` reads it: the check brings the block into
 * the cache and the kernel finds it there, so a large batch comes from memory once instead of
 * twice. An empty batch still has its broadcast numbers checked.
 */
export function runCheckedBlocks(
  fn: string,
  values: readonly unknown[],
  columns: Columns,
  length: number,
  check: Pick<Kernels, 'coordinatesInDomain'>,
  run: (block: Columns, start: number, end: number) => void,
): void {
  let start = 0;
  do {
    const end = Math.min(length, start + BATCH_BLOCK);
    const block = columns.map((column) => (column.length === 1 ? column : column.subarray(start, end))) as Columns;
    validateCoordinates(fn, MANY_NAMES, values, columns, check.coordinatesInDomain(...block));
    if (end > start) run(block, start, end);
    start = end;
  } while (start < length);
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
export function prepareManyArguments<P = number>(
  fn: string,
  values: readonly unknown[],
  options: unknown,
  resolveOptions: OptionsResolver<P> = radiusOfBatch as OptionsResolver<P>,
): PreparedMany<P> {
  const { out, rest } = splitOut(options);
  const columns = coordinateColumns(fn, MANY_NAMES, values);
  let length: number | undefined;
  let lengthFrom = '';
  values.forEach((value, i) => {
    if (typeof value === 'number') return;
    const n = columns[i]!.length;
    if (length === undefined) [length, lengthFrom] = [n, MANY_NAMES[i]!];
    else if (n !== length) {
      throw new RangeError(
        `${fn}: ${MANY_NAMES[i]} has ${n} elements but ${lengthFrom} has ${length}; give arrays of equal length, or single numbers to broadcast`,
      );
    }
  });
  const resolved = resolveOptions(fn, rest);
  const n = length ?? 1;
  return {
    columns,
    length: n,
    options: resolved,
    out: validateOut(
      fn,
      out,
      Float64Array,
      { length: n },
      MANY_NAMES.map((name, i) => [name, values[i]] as const),
    ),
  };
}

/**
 * greatCircleMany's arguments, every element checked (by `kernels`' fast check, then as
 * validateCoordinates says): see prepareManyArguments.
 */
export function validateManyArguments<P = number>(
  fn: string,
  values: readonly unknown[],
  options: unknown,
  kernels: Pick<Kernels, 'coordinatesInDomain'>,
  resolveOptions: OptionsResolver<P> = radiusOfBatch as OptionsResolver<P>,
): PreparedMany<P> {
  const prepared = prepareManyArguments(fn, values, options, resolveOptions);
  validateCoordinates(fn, MANY_NAMES, values, prepared.columns, kernels.coordinatesInDomain(...prepared.columns));
  return prepared;
}

/** greatCircleMatrix's arguments: A's and B's columns (equal lengths), the radius; the result size checked. */
export function validateMatrixArguments<P = number>(
  fn: string,
  values: readonly unknown[],
  options: unknown,
  kernels: Pick<Kernels, 'coordinatesInDomain'>,
  resolveOptions: OptionsResolver<P> = radiusOfBatch as OptionsResolver<P>,
): { columns: Columns; options: P; out: Float64Array | undefined } {
  const { out, rest } = splitOut(options);
  const columns = coordinateColumns(fn, MATRIX_NAMES, values);
  const resolved = resolveOptions(fn, rest);
  const [lonsA, latsA, lonsB, latsB] = columns;
  if (latsA.length !== lonsA.length)
    throw new RangeError(`${fn}: latsA has ${latsA.length} elements but lonsA has ${lonsA.length}; they must be equal`);
  if (latsB.length !== lonsB.length)
    throw new RangeError(`${fn}: latsB has ${latsB.length} elements but lonsB has ${lonsB.length}; they must be equal`);
  validateResultSize(fn, `the ${lonsA.length} × ${lonsB.length} matrix`, lonsA.length * lonsB.length);
  validateCoordinates(fn, MATRIX_NAMES, values, columns, kernels.coordinatesInDomain(...columns));
  const size = { length: lonsA.length * lonsB.length };
  return {
    columns,
    options: resolved,
    out: validateOut(
      fn,
      out,
      Float64Array,
      size,
      MATRIX_NAMES.map((name, i) => [name, values[i]] as const),
    ),
  };
}
