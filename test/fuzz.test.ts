/**
 * Fuzzing every exported function with generated garbage: wrong types, NaN, ±Infinity, -0,
 * non-integers, unsafe integers, huge bigints, out-of-range latitudes, empty, mismatched,
 * detached, SharedArrayBuffer-backed and offset typed arrays, odd option objects and wrong
 * argument counts. Every call must either return a result or throw a TypeError/RangeError.
 *
 * The validation is the facade's, one code for every build, so it is fuzzed once, on the
 * reference; a call it lets through is then made on every build whose code of that kernel
 * differs (buildsFor), which must return exactly the reference's result. The native glue's own
 * checks, without the facade, are fuzzed by test/native-glue.test.ts.
 *
 * Seeded and reproducible: NUMACCEL_FUZZ_RUNS calls (10,000 in npm test, 100,000 in the long
 * runs); a longer search is `NUMACCEL_FUZZ_RUNS=2000000 npx vitest run test/fuzz.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumaccelApi } from '../src/api.js';
import { REFERENCE, buildsFor } from './support/backends.js';

const CALLS = Number(process.env.NUMACCEL_FUZZ_RUNS ?? 10_000);
/** Every synchronous function of the public API. */
const FUNCTIONS = Object.keys(REFERENCE.api) as (keyof NumaccelApi)[];
/** Each property run makes one call per function. */
const RUNS = Math.ceil(CALLS / FUNCTIONS.length);

const edgeNumbers = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  2,
  3,
  4,
  90,
  -90,
  90.000001,
  180,
  -180,
  360,
  540,
  1e300,
  -1e300,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  2 ** 64,
  0.5,
  1e-320,
  Number.NaN,
  Infinity,
  -Infinity,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  4_759_123_141,
  341_550_071_728_321,
);
const number = fc.oneof(edgeNumbers, fc.double(), fc.integer(), fc.double({ min: -200, max: 200 }));
const bigint = fc.oneof(fc.bigInt(), fc.constantFrom(-1n, 0n, 2n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 64n), 2n ** 200n));

/** Typed arrays of every backing: plain, offset views, SharedArrayBuffer, detached. */
function typedArrays<T>(values: fc.Arbitrary<T[]>, make: (values: T[]) => ArrayBufferView & { length: number }): fc.Arbitrary<unknown> {
  return fc.tuple(values, fc.constantFrom('plain', 'offset', 'shared', 'detached')).map(([items, backing]) => {
    const array = make(items) as unknown as Float64Array;
    const Ctor = array.constructor as unknown as new (buffer: ArrayBufferLike, offset?: number, length?: number) => Float64Array;
    switch (backing) {
      case 'offset': {
        const padded = new Ctor(new ArrayBuffer((array.length + 3) * array.BYTES_PER_ELEMENT));
        const view = new Ctor(padded.buffer, 2 * array.BYTES_PER_ELEMENT, array.length);
        view.set(array);
        return view;
      }
      case 'shared': {
        const view = new Ctor(new SharedArrayBuffer(array.byteLength));
        view.set(array);
        return view;
      }
      case 'detached':
        structuredClone(array.buffer, { transfer: [array.buffer as ArrayBuffer] });
        return array; // now of length 0
      default:
        return array;
    }
  });
}

const smallArray = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 12 });
const anyArgument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: number },
  { weight: 2, arbitrary: bigint },
  fc.constantFrom(undefined, null, true, '', '7', 'abc', Symbol('s'), () => 1),
  { weight: 2, arbitrary: smallArray(number) },
  smallArray(fc.oneof(number, fc.constant('x'), fc.constant(undefined))),
  typedArrays(smallArray(fc.double()), (v) => Float64Array.from(v)),
  typedArrays(smallArray(fc.double({ min: -90, max: 90, noNaN: true })), (v) => Float64Array.from(v)),
  typedArrays(smallArray(fc.integer()), (v) => Int32Array.from(v)),
  typedArrays(smallArray(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })), (v) => BigUint64Array.from(v)),
  typedArrays(smallArray(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), (v) => BigInt64Array.from(v)),
  fc.constantFrom(new Float32Array([1.5, 2]), new Uint8Array([2, 3]), new DataView(new ArrayBuffer(8)), new ArrayBuffer(8)),
  fc.record({ radius: fc.oneof(number, fc.constant('1')), unit: fc.constantFrom('km', 'm', 'mi', 'nmi', 'ft', 1) }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('radius', 'unit', 'units', 'threads', '__proto__x'), fc.oneof(number, fc.string()), { maxKeys: 3 }),
);

/** Argument lists: the usual count give or take, so missing and surplus arguments are covered. */
const argumentLists = fc.array(anyArgument, { minLength: 0, maxLength: 6 });

/** Valid work must stay small: a range at most 10^6 wide, an array at most 12 elements, nthPrime(n) for n <= 10^5. */
function isHeavy(name: keyof NumaccelApi, args: unknown[]): boolean {
  const [a, b] = args.map((arg) => (typeof arg === 'bigint' ? Number(arg) : arg));
  if (name === 'nthPrime') return typeof a === 'number' && a > 1e5;
  if (name !== 'countPrimes' && name !== 'primesBetween') return false;
  return typeof a === 'number' && typeof b === 'number' && b - a > 1e6;
}

type Outcome = { error: string; message: string } | { value: unknown };

function outcome(api: NumaccelApi, name: keyof NumaccelApi, args: unknown[]): Outcome {
  try {
    return { value: (api[name] as (...a: unknown[]) => unknown)(...args) };
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error; // anything else is a bug
    return { error: error.constructor.name, message: error.message };
  }
}

/** The builds to compare on each function's valid calls: those whose code of its kernel differs. */
const COMPARED = Object.fromEntries(FUNCTIONS.map((name) => [name, buildsFor([name]).filter((build) => build.api !== REFERENCE.api)]));

describe('fuzzing every function', () => {
  it(`${CALLS.toLocaleString('en-US')} calls: a TypeError/RangeError, or the reference's result on every build`, () => {
    fc.assert(
      fc.property(argumentLists, (args) => {
        for (const name of FUNCTIONS) {
          if (isHeavy(name, args)) continue;
          const expected = outcome(REFERENCE.api, name, args);
          if ('error' in expected) continue;
          for (const { label, api } of COMPARED[name]!) expect(outcome(api, name, args), `${label}.${name}`).toStrictEqual(expected);
        }
      }),
      { numRuns: RUNS, seed: 6_2026 },
    );
  });
});
