/**
 * Property-based equivalence (fast-check): every backend gives the same answers as an
 * independent oracle (checkPrime) or as the reference within the required accuracy (greatCircle),
 * on random inputs of every size and shape. Seeds are fixed so a failure reproduces exactly;
 * NUMACCEL_FC_RUNS raises the number of runs for a longer search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOADED, REFERENCE } from './support/backends.js';
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
  .tuple(fc.integer({ min: 2, max: 32 }), fc.integer({ min: 2, max: 32 }), fc.double({ min: 0.5, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }))
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
  fc.tuple(fc.double({ min: -max, max, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -12, max: 0 })).map(([x, e]) => x * 10 ** e);
const clampLat = (lat: number) => Math.max(-90, Math.min(90, lat));

type Pair = readonly [number, number, number, number];
const pairs: ReadonlyArray<readonly [string, fc.Arbitrary<Pair>]> = [
  ['random points', fc.tuple(longitude, latitude, longitude, latitude)],
  ['wrapped longitudes', fc.tuple(wrapped, latitude, wrapped, latitude)],
  [
    'tiny separations',
    fc.tuple(longitude, latitude, offset(1e-3), offset(1e-3)).map(([lon, lat, dlon, dlat]): Pair => [lon, lat, lon + dlon, clampLat(lat + dlat)]),
  ],
  [
    'near-antipodal points',
    fc.tuple(longitude, latitude, offset(1e-2), offset(1e-2)).map(([lon, lat, dlon, dlat]): Pair => [lon, lat, lon + 180 + dlon, clampLat(-lat + dlat)]),
  ],
  [
    'points near the poles',
    fc.tuple(longitude, fc.constantFrom(90, -90), offset(1e-2), longitude, latitude).map(([lon, pole, d, lon2, lat2]): Pair => [lon, pole - Math.sign(pole) * Math.abs(d), lon2, lat2]),
  ],
];

describe('greatCircle: all backends within the required accuracy of the reference', () => {
  it.for(pairs)('%s', ([, arbitrary]) => {
    fc.assert(
      fc.property(arbitrary, ([lon1, lat1, lon2, lat2]) => {
        const reference = REFERENCE.api.greatCircle(lon1, lat1, lon2, lat2, { radius: 1 });
        expect(reference).toBeGreaterThanOrEqual(0);
        expect(reference).toBeLessThanOrEqual(Math.PI);
        // Symmetry and identical points hold exactly in the reference.
        expect(REFERENCE.api.greatCircle(lon2, lat2, lon1, lat1, { radius: 1 })).toSatisfy((d: number) => withinAccuracy(d, reference));
        expect(REFERENCE.api.greatCircle(lon1, lat1, lon1, lat1, { radius: 1 })).toBe(0);
        for (const { label, api } of LOADED) {
          const got = api.greatCircle(lon1, lat1, lon2, lat2, { radius: 1 });
          expect(withinAccuracy(got, reference), `${label}: ${got} vs ${reference}`).toBe(true);
        }
      }),
      SETTINGS,
    );
  });
});
