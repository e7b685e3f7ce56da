/**
 * Bad input gets the same clear error from every backend: validation happens once, in the
 * facade, so the class and the message must be identical whichever backend would have run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { radiusFromOptions, resolveRadius } from '../src/arguments.js';
import { LOADED } from './support/backends.js';
import { expectSameErrorEverywhere, outcome, type BadCall } from './support/bad-calls.js';

// `as never` passes deliberately ill-typed arguments, as untyped JavaScript callers would.
const BAD_CALLS: readonly BadCall[] = [
  {
    call: "checkPrime('7')",
    run: (a) => a.checkPrime('7' as never),
    error: TypeError,
    message: /^checkPrime: n must be a number or a bigint, got "7"$/,
  },
  {
    call: 'checkPrime()',
    run: (a) => (a.checkPrime as () => boolean)(),
    error: TypeError,
    message: /n must be a number or a bigint, got undefined/,
  },
  { call: 'checkPrime(null)', run: (a) => a.checkPrime(null as never), error: TypeError, message: /got null/ },
  {
    call: 'checkPrime(2.5)',
    run: (a) => a.checkPrime(2.5),
    error: RangeError,
    message: /^checkPrime: n must be a safe integer \(\|n\| <= 2\^53 - 1; pass a bigint for larger values\), got 2.5$/,
  },
  { call: 'checkPrime(NaN)', run: (a) => a.checkPrime(NaN), error: RangeError, message: /safe integer.*got NaN/ },
  { call: 'checkPrime(Infinity)', run: (a) => a.checkPrime(Infinity), error: RangeError, message: /got Infinity/ },
  { call: 'checkPrime(2 ** 53)', run: (a) => a.checkPrime(2 ** 53), error: RangeError, message: /got 9007199254740992$/ },
  {
    call: 'checkPrime(2n ** 64n)',
    run: (a) => a.checkPrime(2n ** 64n),
    error: RangeError,
    message: /^checkPrime: n must be below 2\^64 \(at most 18446744073709551615n\), got 18446744073709551616n$/,
  },
  {
    call: "greatCircle('0', 0, 0, 0)",
    run: (a) => a.greatCircle('0' as never, 0, 0, 0),
    error: TypeError,
    message: /^greatCircle: lon1 must be a number \(degrees\), got "0"$/,
  },
  {
    call: 'greatCircle(0, 0, 0)',
    run: (a) => (a.greatCircle as (...x: number[]) => number)(0, 0, 0),
    error: TypeError,
    message: /lat2 must be a number \(degrees\), got undefined/,
  },
  {
    call: 'greatCircle(0, 91, 0, 0)',
    run: (a) => a.greatCircle(0, 91, 0, 0),
    error: RangeError,
    message: /^greatCircle: lat1 must be a finite number of degrees in \[-90, 90\], got 91$/,
  },
  {
    call: 'greatCircle(0, 0, 0, -90.5)',
    run: (a) => a.greatCircle(0, 0, 0, -90.5),
    error: RangeError,
    message: /lat2 .*\[-90, 90\], got -90.5/,
  },
  { call: 'greatCircle(0, NaN, 0, 0)', run: (a) => a.greatCircle(0, NaN, 0, 0), error: RangeError, message: /lat1 .*got NaN/ },
  {
    call: 'greatCircle(Infinity, 0, 0, 0)',
    run: (a) => a.greatCircle(Infinity, 0, 0, 0),
    error: RangeError,
    message: /^greatCircle: lon1 must be a finite number of degrees, got Infinity$/,
  },
  {
    call: 'greatCircle(0, 0, -Infinity, 0)',
    run: (a) => a.greatCircle(0, 0, -Infinity, 0),
    error: RangeError,
    message: /lon2 .*got -Infinity/,
  },
  {
    call: 'greatCircle(0, 0, 1, 1, 5)',
    run: (a) => a.greatCircle(0, 0, 1, 1, 5 as never),
    error: TypeError,
    message: /^greatCircle: options must be an object like \{ radius \} or \{ unit \}, got 5$/,
  },
  {
    call: 'greatCircle(0, 0, 1, 1, null)',
    run: (a) => a.greatCircle(0, 0, 1, 1, null as never),
    error: TypeError,
    message: /options must be an object.*got null/,
  },
  {
    call: "greatCircle(..., { unit: 'furlong' })",
    run: (a) => a.greatCircle(0, 0, 1, 1, { unit: 'furlong' as never }),
    error: RangeError,
    message: /^greatCircle: options.unit must be one of 'km', 'm', 'mi', 'nmi', got "furlong"$/,
  },
  {
    call: 'greatCircle(..., { unit: 1 })',
    run: (a) => a.greatCircle(0, 0, 1, 1, { unit: 1 as never }),
    error: TypeError,
    message: /options.unit must be a string, got 1/,
  },
  {
    call: 'greatCircle(..., { radius: 0 })',
    run: (a) => a.greatCircle(0, 0, 1, 1, { radius: 0 }),
    error: RangeError,
    message: /^greatCircle: options.radius must be a positive finite number, got 0$/,
  },
  {
    call: 'greatCircle(..., { radius: -1 })',
    run: (a) => a.greatCircle(0, 0, 1, 1, { radius: -1 }),
    error: RangeError,
    message: /radius must be a positive finite number, got -1/,
  },
  {
    call: 'greatCircle(..., { radius: Infinity })',
    run: (a) => a.greatCircle(0, 0, 1, 1, { radius: Infinity }),
    error: RangeError,
    message: /got Infinity/,
  },
  {
    call: 'greatCircle(..., { radius: NaN })',
    run: (a) => a.greatCircle(0, 0, 1, 1, { radius: NaN }),
    error: RangeError,
    message: /got NaN/,
  },
  {
    call: "greatCircle(..., { radius: '1' })",
    run: (a) => a.greatCircle(0, 0, 1, 1, { radius: '1' as never }),
    error: TypeError,
    message: /options.radius must be a number, got "1"/,
  },
  {
    call: "greatCircle(..., { radius: 1, unit: 'km' })",
    run: (a) => a.greatCircle(0, 0, 1, 1, { radius: 1, unit: 'km' }),
    error: RangeError,
    message: /^greatCircle: options.radius and options.unit exclude each other; give one of them$/,
  },
  {
    call: 'greatCircle(..., [])',
    run: (a) => a.greatCircle(0, 0, 1, 1, [] as never),
    error: TypeError,
    message: /^greatCircle: options must be an object like \{ radius \} or \{ unit \}, got an array$/,
  },
  {
    call: "greatCircle(..., { unit: 'km', units: 'km' })",
    run: (a) => a.greatCircle(0, 0, 1, 1, { unit: 'km', units: 'km' } as never),
    error: RangeError,
    message: /^greatCircle: unknown option "units"; accepted options are radius and unit$/,
  },
  {
    call: "greatCircle(..., { units: 'km' })",
    run: (a) => a.greatCircle(0, 0, 1, 1, { units: 'km' } as never),
    error: RangeError,
    message: /^greatCircle: unknown option "units"; accepted options are radius and unit$/,
  },
  {
    call: "checkPrimes('2,3')",
    run: (a) => a.checkPrimes('2,3' as never),
    error: TypeError,
    message: /^checkPrimes: values must be an array of numbers or a typed array .*got "2,3"$/,
  },
  {
    call: "checkPrimes([1, '2'])",
    run: (a) => a.checkPrimes([1, '2'] as never),
    error: TypeError,
    message: /^checkPrimes: values\[1\] must be a number, got "2"$/,
  },
  {
    call: 'checkPrimes([1, 2.5])',
    run: (a) => a.checkPrimes([1, 2.5]),
    error: RangeError,
    message: /^checkPrimes: values\[1\] must be a safe integer .*got 2.5$/,
  },
  {
    call: 'checkPrimes(Float64Array.of(7, NaN))',
    run: (a) => a.checkPrimes(Float64Array.of(7, NaN)),
    error: RangeError,
    message: /values\[1\] must be a safe integer.*got NaN/,
  },
  {
    call: 'countPrimes(-1, 5)',
    run: (a) => a.countPrimes(-1, 5),
    error: RangeError,
    message: /^countPrimes: lo must be an integer in \[0, 2\^53\], got -1$/,
  },
  {
    call: 'countPrimes(0, 2 ** 53 + 2)',
    run: (a) => a.countPrimes(0, 2 ** 53 + 2),
    error: RangeError,
    message: /^countPrimes: hi must be an integer in \[0, 2\^53\], got 9007199254740994$/,
  },
  {
    call: 'countPrimes(0, 2n ** 60n)',
    run: (a) => a.countPrimes(0, 2n ** 60n),
    error: RangeError,
    message: /hi must be an integer in \[0, 2\^53\], got 1152921504606846976n/,
  },
  {
    call: 'countPrimes(10, 5)',
    run: (a) => a.countPrimes(10, 5),
    error: RangeError,
    message: /^countPrimes: hi must be at least lo \(10\), got 5$/,
  },
  {
    call: "countPrimes('0', 5)",
    run: (a) => a.countPrimes('0' as never, 5),
    error: TypeError,
    message: /^countPrimes: lo must be a number, got "0"$/,
  },
  { call: 'countPrimes(1.5, 5)', run: (a) => a.countPrimes(1.5, 5), error: RangeError, message: /lo must be an integer.*got 1.5/ },
  {
    call: 'primesBetween(0, 2 ** 53)',
    run: (a) => a.primesBetween(0, 2 ** 53),
    error: RangeError,
    message: /^primesBetween: \[0, 9007199254740992\) may hold up to [\d,]+ primes, more than the limit of 134,217,728 .*countPrimes/,
  },
  {
    call: 'greatCircleMany([0, 1], [0], [0, 1], [0, 1])',
    run: (a) => a.greatCircleMany([0, 1], [0], [0, 1], [0, 1]),
    error: RangeError,
    message: /^greatCircleMany: lat1 has 1 elements but lon1 has 2; give arrays of equal length, or single numbers to broadcast$/,
  },
  {
    call: "greatCircleMany([0, 'x'], 0, 0, 0)",
    run: (a) => a.greatCircleMany([0, 'x'] as never, 0, 0, 0),
    error: TypeError,
    message: /^greatCircleMany: lon1\[1\] must be a number \(degrees\), got "x"$/,
  },
  {
    call: 'greatCircleMany([0, 1], [0, 91], 0, 0)',
    run: (a) => a.greatCircleMany([0, 1], [0, 91], 0, 0),
    error: RangeError,
    message: /^greatCircleMany: lat1\[1\] must be a finite number of degrees in \[-90, 90\], got 91$/,
  },
  {
    call: 'greatCircleMany(0, 0, Float64Array.of(Infinity), 0)',
    run: (a) => a.greatCircleMany(0, 0, Float64Array.of(Infinity), 0),
    error: RangeError,
    message: /lon2\[0\] must be a finite number of degrees, got Infinity/,
  },
  {
    call: 'greatCircleMany([], NaN, [], [])',
    run: (a) => a.greatCircleMany([], NaN, [], []),
    error: RangeError,
    message: /^greatCircleMany: lat1 must be a finite number of degrees in \[-90, 90\], got NaN$/,
  },
  {
    call: 'greatCircleMany: lat2[39999] = 90.00000000000001',
    run: (a) => a.greatCircleMany(0, 0, new Float64Array(40_000), new Float64Array(40_000).fill(90).fill(90.00000000000001, 39_999)),
    error: RangeError,
    message: /^greatCircleMany: lat2\[39999\] must be a finite number of degrees in \[-90, 90\], got 90.00000000000001$/,
  },
  // Bad elements in several columns and blocks: the first bad element of the first column that has one.
  {
    call: 'greatCircleMany: lon1[20000] = NaN and lat1[5] = -91',
    run: (a) => a.greatCircleMany(new Float64Array(40_000).fill(NaN, 20_000, 20_001), new Float64Array(40_000).fill(-91, 5, 6), 0, 0),
    error: RangeError,
    message: /^greatCircleMany: lon1\[20000\] must be a finite number of degrees, got NaN$/,
  },
  {
    call: "greatCircleMany('0', 0, 0, 0)",
    run: (a) => a.greatCircleMany('0' as never, 0, 0, 0),
    error: TypeError,
    message: /^greatCircleMany: lon1 must be a number or an array of numbers \(degrees\), got "0"$/,
  },
  {
    call: "greatCircleMany(0, 0, 0, 0, { unit: 'ft' })",
    run: (a) => a.greatCircleMany(0, 0, 0, 0, { unit: 'ft' as never }),
    error: RangeError,
    message: /^greatCircleMany: options.unit must be one of/,
  },
  {
    call: 'greatCircleMatrix([0, 1], [0], [0], [0])',
    run: (a) => a.greatCircleMatrix([0, 1], [0], [0], [0]),
    error: RangeError,
    message: /^greatCircleMatrix: latsA has 1 elements but lonsA has 2; they must be equal$/,
  },
  {
    call: 'greatCircleMatrix(20000 × 20000)',
    run: (a) => a.greatCircleMatrix(new Float64Array(20_000), new Float64Array(20_000), new Float64Array(20_000), new Float64Array(20_000)),
    error: RangeError,
    message:
      /^greatCircleMatrix: the 20000 × 20000 matrix would have 400,000,000 elements, more than the limit of 134,217,728 \(1 GiB of Float64Array\)$/,
  },
];

describe('bad input', () => {
  it.for(BAD_CALLS)('$call throws the same error in every backend and through the facade', expectSameErrorEverywhere);

  it('accepts the boundary values', () => {
    for (const { api } of LOADED) {
      expect(api.checkPrime(Number.MAX_SAFE_INTEGER)).toBe(false); // 2^53 - 1 = 6361 · 69431 · 20394401
      expect(api.checkPrime(-Number.MAX_SAFE_INTEGER)).toBe(false);
      expect(api.checkPrime(2n ** 64n - 1n)).toBe(false);
      expect(api.greatCircle(-1e308, -90, 1e308, 90)).toBeGreaterThan(0);
      expect(api.greatCircle(0, 0, 1, 1, {})).toBe(api.greatCircle(0, 0, 1, 1));
      expect(api.greatCircle(0, 0, 1, 1, { radius: undefined, unit: 'km' })).toBeGreaterThan(0);
      expect(api.greatCircle(0, 0, 1, 1, { radius: Number.MIN_VALUE })).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('greatCircleMany coordinate checks', () => {
  // The facade checks blocks with a fast four-at-a-time test and rescans only to name the bad
  // element; any slip in that arithmetic (a skipped tail element, a wrong block bound) would let
  // a bad coordinate through or blame the wrong one. The expected outcome is computed here from
  // the rule itself: the first bad element of the first argument that has one.
  const NAMES = ['lon1', 'lat1', 'lon2', 'lat2'] as const;
  const isLatitude = (c: number) => c % 2 === 1;
  const isBad = (c: number, v: number) => (isLatitude(c) ? !(v >= -90 && v <= 90) : !Number.isFinite(v));
  const badValue = (c: number) =>
    fc.constantFrom(
      ...(isLatitude(c) ? [NaN, Infinity, -Infinity, 90.00000000000001, -90.00000000000001, 91, -1e300] : [NaN, Infinity, -Infinity]),
    );
  const goodValue = (c: number) =>
    isLatitude(c) ? fc.constantFrom(90, -90, -0, 0, 45.5, -89.999) : fc.constantFrom(-0, 0, 180, -540.5, 1e300, 12.25);
  const column = (c: number, length: number) =>
    fc.oneof(
      goodValue(c),
      fc
        .array(fc.oneof({ weight: 12, arbitrary: goodValue(c) }, { weight: 1, arbitrary: badValue(c) }), {
          minLength: length,
          maxLength: length,
        })
        .map((values) => Float64Array.from(values)),
      badValue(c),
    );
  const calls = fc
    .integer({ min: 0, max: 41 })
    .chain((length) => fc.tuple(column(0, length), column(1, length), column(2, length), column(3, length)));

  it('throws exactly when a coordinate is bad, naming the first bad element of the first argument that has one', () => {
    fc.assert(
      fc.property(calls, (columns) => {
        let expected: string | undefined;
        columns.forEach((value, c) => {
          if (expected !== undefined) return;
          const range = isLatitude(c) ? 'a finite number of degrees in [-90, 90]' : 'a finite number of degrees';
          if (typeof value === 'number') {
            if (isBad(c, value)) expected = `greatCircleMany: ${NAMES[c]} must be ${range}, got ${value}`;
            return;
          }
          const i = value.findIndex((v) => isBad(c, v));
          if (i >= 0) expected = `greatCircleMany: ${NAMES[c]}[${i}] must be ${range}, got ${value[i]}`;
        });
        for (const { label, api } of LOADED) {
          const result = outcome(() => api.greatCircleMany(...columns));
          if (expected === undefined) expect(result, label).toHaveProperty('value');
          else expect(result, label).toEqual({ class: 'RangeError', message: expected });
        }
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });
});

describe("greatCircle's options", () => {
  // resolveRadius takes well-formed options by a short path and sends the rest to the full check:
  // both must give the same radius, or the same error, for any options at all.
  const optionValue = fc.oneof(
    fc.constantFrom(undefined, null, 'km', 'm', 'mi', 'nmi', 'KM', 'furlong', '', 0, -1, 1, 6371, NaN, Infinity, 1e-300, '1'),
    fc.double(),
  );
  const options = fc.oneof(
    fc.constantFrom(undefined, null, 5, 'km', [], [1], () => 1, Object.create({ unit: 'km' }), Object.create({ units: 'km' })),
    fc.dictionary(fc.constantFrom('radius', 'unit', 'units', 'out', '0', 'toString'), optionValue, { maxKeys: 3 }),
  );
  const outcome = (run: () => number) => {
    try {
      return { radius: run() };
    } catch (error) {
      return { error: (error as Error).constructor.name, message: (error as Error).message };
    }
  };

  it('the short path agrees with the full check on every input', () => {
    fc.assert(
      fc.property(options, (given) => {
        const full =
          given === undefined
            ? { radius: resolveRadius('greatCircle', undefined) }
            : outcome(() => radiusFromOptions('greatCircle', given, 'radius and unit'));
        expect(outcome(() => resolveRadius('greatCircle', given))).toEqual(full);
      }),
      { numRuns: 2000 },
    );
  });
});
