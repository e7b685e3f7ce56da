/**
 * Property-based equivalence (fast-check): every backend gives the same answers as an
 * independent oracle (checkPrime) or as the reference within the required accuracy (greatCircle),
 * on random inputs of every size and shape. Seeds are fixed so a failure reproduces exactly;
 * NUMACCEL_FC_RUNS raises the number of runs for a longer search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOADED, REFERENCE } from './support/backends.js';
import { expectSameDistances } from './support/distances.js';
import { isPrimeOracle, nextPrimeOracle } from './support/oracle.js';
import { withinAccuracy } from './support/reference.js';

const RUNS = Number(process.env.NUMACCEL_FC_RUNS ?? 2000);
const SETTINGS = { numRuns: RUNS, seed: 20261121 };
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_U64 = 2n ** 64n - 1n;

/** Every backend agrees with the oracle; n is also passed as a number when it is a safe integer. */
function checkPrimeAgrees(n: bigint): void {
  const expected = isPrimeOracle(n);
  for (const { label, api } of LOADED) {
    expect(api.checkPrime(n), `${label} checkPrime(${n}n)`).toBe(expected);
    if (n <= MAX_SAFE && n >= -MAX_SAFE) expect(api.checkPrime(Number(n)), `${label} checkPrime(${n})`).toBe(expected);
  }
}

const nearPowerOfTwo = fc
  .tuple(fc.integer({ min: 1, max: 64 }), fc.bigInt({ min: -2000n, max: 2000n }))
  .map(([bits, offset]) => 2n ** BigInt(bits) + offset)
  .filter((n) => n >= 0n && n <= MAX_U64);

/** Products of two primes (the hardest composites for trial division), of every size up to 2^64. */
const semiprime = fc
  .tuple(
    fc.integer({ min: 2, max: 32 }),
    fc.integer({ min: 2, max: 32 }),
    fc.double({ min: 0.5, max: 1, noNaN: true }),
    fc.double({ min: 0.5, max: 1, noNaN: true }),
  )
  .map(([bitsA, bitsB, fa, fb]) => {
    const p = nextPrimeOracle(BigInt(Math.floor(fa * 2 ** bitsA)));
    const q = nextPrimeOracle(BigInt(Math.floor(fb * 2 ** bitsB)));
    return p * q;
  })
  .filter((n) => n <= MAX_U64);

describe('checkPrime: all backends agree with an independent oracle', () => {
  it.for([
    ['small integers', fc.bigInt({ min: -100n, max: 200_000n })],
    ['integers below 2^32', fc.bigInt({ min: 0n, max: 2n ** 32n })],
    ['safe integers', fc.bigInt({ min: 0n, max: MAX_SAFE })],
    ['odd integers near 2^53', fc.bigInt({ min: MAX_SAFE - 10n ** 9n, max: MAX_SAFE }).map((n) => n | 1n)],
    ['bigints below 2^64', fc.bigInt({ min: 0n, max: MAX_U64 })],
    ['odd bigints near 2^64', fc.bigInt({ min: MAX_U64 - 10n ** 12n, max: MAX_U64 }).map((n) => n | 1n)],
    ['integers near powers of two', nearPowerOfTwo],
    ['products of two primes', semiprime],
  ] as const)('%s', ([, arbitrary]) => {
    fc.assert(fc.property(arbitrary, checkPrimeAgrees), SETTINGS);
  });
});

const longitude = fc.double({ min: -180, max: 180, noNaN: true });
const latitude = fc.double({ min: -90, max: 90, noNaN: true });
const wrapped = fc.tuple(longitude, fc.integer({ min: -10_000, max: 10_000 })).map(([lon, turns]) => lon + 360 * turns);
const offset = (max: number) =>
  fc
    .tuple(fc.double({ min: -max, max, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -12, max: 0 }))
    .map(([x, e]) => x * 10 ** e);
const clampLat = (lat: number) => Math.max(-90, Math.min(90, lat));

type Pair = readonly [number, number, number, number];
const pairs: ReadonlyArray<readonly [string, fc.Arbitrary<Pair>]> = [
  ['random points', fc.tuple(longitude, latitude, longitude, latitude)],
  ['wrapped longitudes', fc.tuple(wrapped, latitude, wrapped, latitude)],
  [
    'tiny separations',
    fc
      .tuple(longitude, latitude, offset(1e-3), offset(1e-3))
      .map(([lon, lat, dlon, dlat]): Pair => [lon, lat, lon + dlon, clampLat(lat + dlat)]),
  ],
  [
    'near-antipodal points',
    fc
      .tuple(longitude, latitude, offset(1e-2), offset(1e-2))
      .map(([lon, lat, dlon, dlat]): Pair => [lon, lat, lon + 180 + dlon, clampLat(-lat + dlat)]),
  ],
  [
    'points near the poles',
    fc
      .tuple(longitude, fc.constantFrom(90, -90), offset(1e-2), longitude, latitude)
      .map(([lon, pole, d, lon2, lat2]): Pair => [lon, pole - Math.sign(pole) * Math.abs(d), lon2, lat2]),
  ],
];

describe('greatCircle: every backend bit-identical to the reference, which is within the required accuracy', () => {
  it.for(pairs)('%s', ([, arbitrary]) => {
    fc.assert(
      fc.property(arbitrary, ([lon1, lat1, lon2, lat2]) => {
        const reference = REFERENCE.api.greatCircle(lon1, lat1, lon2, lat2, { radius: 1 });
        expect(reference).toBeGreaterThanOrEqual(0);
        expect(reference).toBeLessThanOrEqual(Math.PI);
        // Symmetry and identical points hold exactly in the reference.
        expect(REFERENCE.api.greatCircle(lon2, lat2, lon1, lat1, { radius: 1 })).toSatisfy((d: number) => withinAccuracy(d, reference));
        expect(REFERENCE.api.greatCircle(lon1, lat1, lon1, lat1, { radius: 1 })).toBe(0);
        // Every backend evaluates the same operations (docs/algorithms.md), so results are equal.
        for (const { label, api } of LOADED) expect(api.greatCircle(lon1, lat1, lon2, lat2, { radius: 1 }), label).toBe(reference);
      }),
      SETTINGS,
    );
  });
});

describe('batch kernels agree with the scalar ones in every backend', () => {
  const anyPair = fc.oneof(...pairs.map(([, arbitrary]) => arbitrary));

  it('greatCircleMany equals greatCircle element by element, with any mix of broadcast numbers', () => {
    fc.assert(
      fc.property(fc.array(anyPair, { maxLength: 40 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (rows, broadcast) => {
        const columns = [0, 1, 2, 3].map((c) =>
          broadcast[c] && rows.length > 0 ? rows[0]![c]! : Float64Array.from(rows, (row) => row[c]!),
        );
        const at = (c: number, i: number) => (typeof columns[c] === 'number' ? columns[c] : columns[c]![i]!) as number;
        const [a, b, c, d] = columns as [Float64Array | number, Float64Array | number, Float64Array | number, Float64Array | number];
        const length = columns.every((col) => typeof col === 'number') ? 1 : rows.length;
        const expected = Array.from({ length }, (_, i) => REFERENCE.api.greatCircle(at(0, i), at(1, i), at(2, i), at(3, i), { radius: 1 }));
        for (const { label, backend, api } of LOADED)
          expectSameDistances(backend, api.greatCircleMany(a, b, c, d, { radius: 1 }), expected, label);
      }),
      { ...SETTINGS, numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('checkPrimes equals the oracle on arrays of integers of every size', () => {
    const integer = fc.oneof(
      fc.bigInt({ min: -1000n, max: 100_000n }),
      fc.bigInt({ min: 0n, max: MAX_SAFE }),
      nearPowerOfTwo.filter((n) => n <= MAX_SAFE),
      semiprime.filter((n) => n <= MAX_SAFE),
    );
    fc.assert(
      fc.property(fc.array(integer, { maxLength: 30 }), (values) => {
        const expected = Uint8Array.from(values, (n) => (isPrimeOracle(n) ? 1 : 0));
        for (const { label, api } of LOADED) {
          expect(api.checkPrimes(values.map(Number)), label).toEqual(expected);
          expect(api.checkPrimes(BigInt64Array.from(values)), label).toEqual(expected);
        }
      }),
      { ...SETTINGS, numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('countPrimes and primesBetween match the oracle on random windows anywhere below 2^53', () => {
    const window = fc
      .tuple(
        fc.oneof(
          fc.integer({ min: 0, max: 100_000 }),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          nearPowerOfTwo.filter((n) => n <= MAX_SAFE).map(Number),
        ),
        fc.integer({ min: 0, max: 400 }),
      )
      .map(([lo, width]) => [lo, Math.min(lo + width, 2 ** 53)] as const);
    fc.assert(
      fc.property(window, ([lo, hi]) => {
        const expected: number[] = [];
        for (let n = lo; n < hi; n++) if (isPrimeOracle(BigInt(n))) expected.push(n);
        for (const { label, api } of LOADED) {
          expect(Array.from(api.primesBetween(lo, hi)), label).toEqual(expected);
          expect(api.countPrimes(lo, hi), label).toBe(expected.length);
        }
      }),
      { ...SETTINGS, numRuns: Math.ceil(RUNS / 40) },
    );
  });
});

describe('coordinatesInDomain (the facade’s fast check) agrees with a plain test in every backend', () => {
  // Mostly valid values, with the boundaries and every kind of bad value, so that arrays with
  // exactly one bad element anywhere (a SIMD step or the tail) come up often.
  const coordinate = fc.oneof(
    { weight: 12, arbitrary: fc.double({ min: -90, max: 90, noNaN: true }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        90,
        -90,
        90.00000000000001,
        -90.00000000000001,
        -0,
        NaN,
        Infinity,
        -Infinity,
        Number.MAX_VALUE,
        -Number.MAX_VALUE,
        180,
        1e300,
      ),
    },
  );
  const column = fc.tuple(fc.array(coordinate, { maxLength: 40 }), fc.integer({ min: 0, max: 3 })).map(([values, offset]) => {
    const backing = new Float64Array(values.length + offset + 1).fill(NaN); // NaN around the view
    backing.set(values, offset);
    return backing.subarray(offset, offset + values.length);
  });
  const isLongitude = (v: number) => Number.isFinite(v);
  const isLatitude = (v: number) => v >= -90 && v <= 90;

  it('is true exactly when every longitude is finite and every latitude lies in [-90, 90]', () => {
    fc.assert(
      fc.property(column, column, column, column, (lon1, lat1, lon2, lat2) => {
        const expected = lon1.every(isLongitude) && lat1.every(isLatitude) && lon2.every(isLongitude) && lat2.every(isLatitude);
        for (const { label, backend } of LOADED) {
          expect(backend.kernels.coordinatesInDomain(lon1, lat1, lon2, lat2), label).toBe(expected);
        }
      }),
      SETTINGS,
    );
  });
});
