/**
 * The contract suite: written once, run against every build whose code of the kernel under test
 * differs (tfjs/simdutf style). Each build is driven through the public API bound to it alone, so
 * validation is exercised as users see it.
 */
import { describe, expect, it } from 'vitest';
import { countsByPrimePi } from '../src/api.js';
import { VARIANT_KERNELS } from '../src/builds.js';
import { seededRandom } from '../src/bench/inputs.js';
import { EARTH_RADIUS } from '../src/arguments.js';
import { buildsFor } from './support/backends.js';
import { isPrimeOracle } from './support/oracle.js';
import { expectSameDistances } from './support/distances.js';
import { LONG_RANGE, greatCircleRows, primeCountRows, primeRows, withinAccuracy } from './support/reference.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const PRIMES = primeRows();
const GREAT_CIRCLES = greatCircleRows();

// Kernels with one code path per backend run once per backend; the batch great-circle kernels,
// which have SIMD variants, on every build.
describe.each(buildsFor(['checkPrime', 'greatCircle', 'checkPrimes', 'countPrimes', 'primesBetween']))('contract: $label', ({ api }) => {
  describe('checkPrime', () => {
    it(`agrees with every row of primes.tsv (${PRIMES.length} numbers below 2^64), as bigint and as number`, () => {
      const wrong: string[] = [];
      for (const { n, isPrime, tag } of PRIMES) {
        if (api.checkPrime(n) !== isPrime) wrong.push(`${n}n (${tag})`);
        if (n <= MAX_SAFE && api.checkPrime(Number(n)) !== isPrime) wrong.push(`${n} (${tag})`);
      }
      expect(wrong).toEqual([]);
    });

    it("rejects the seed's false primes: 0, 1, squares of primes and small composites", () => {
      for (const n of [0, 1, 4, 9, 15, 25, 35, 49, 121, 169, 10201, 10403]) expect(api.checkPrime(n), String(n)).toBe(false);
      for (const n of [2, 3, 5, 7, 97, 101, 10007]) expect(api.checkPrime(n), String(n)).toBe(true);
    });

    it('calls every negative number and bigint non-prime', () => {
      for (const n of [-1, -2, -3, -7, -97, -Number.MAX_SAFE_INTEGER]) expect(api.checkPrime(n)).toBe(false);
      for (const n of [-2n, -7n, -(2n ** 64n - 59n), -(2n ** 100n)]) expect(api.checkPrime(n)).toBe(false);
    });

    it('is not fooled by strong pseudoprimes to many small bases', () => {
      // Strong pseudoprime to bases 2..19 (the first 8 primes are not enough below 2^53).
      expect(api.checkPrime(341_550_071_728_321)).toBe(false);
      // Strong pseudoprime to bases 2..37 except... the 9 first primes fail at 3,825,123,056,546,413,051.
      expect(api.checkPrime(3_825_123_056_546_413_051n)).toBe(false);
      // Largest primes below 2^53 and 2^64; the largest 64-bit values.
      expect(api.checkPrime(9_007_199_254_740_881)).toBe(true);
      expect(api.checkPrime(18_446_744_073_709_551_557n)).toBe(true);
      expect(api.checkPrime(18_446_744_073_709_551_615n)).toBe(false);
    });

    it.for(primeCountRows().filter(({ lo, hi }) => hi - lo <= 1_000_000))(
      'counts $count primes in [$lo, $hi), one call per integer',
      ({ lo, hi, count }) => {
        let found = 0;
        for (let n = lo; n < hi; n++) if (api.checkPrime(n)) found++;
        expect(found).toBe(count);
      },
    );
  });

  describe('greatCircle', () => {
    it(`is within 1e-14 relative of every exact angle in great_circle.tsv (${GREAT_CIRCLES.length} pairs), 0 for identical points`, () => {
      const wrong: string[] = [];
      for (const row of GREAT_CIRCLES) {
        const got = api.greatCircle(row.lon1, row.lat1, row.lon2, row.lat2, { radius: 1 });
        const ok = row.tag === 'same' ? got === 0 : withinAccuracy(got, row.angle);
        if (!ok) wrong.push(`${row.tag} ${row.lon1},${row.lat1} -> ${row.lon2},${row.lat2}: ${got} vs ${row.angle}`);
      }
      expect(wrong).toEqual([]);
    });

    it("reproduces the seed's example: 1503.3934477840 miles on a 3956-mile sphere", () => {
      expect(api.greatCircle(-72.345, 34.323, -61.823, 54.826)).toBeCloseTo(1503.393447784, 9);
    });

    it('scales with the radius and the unit of the IUGG mean Earth radius', () => {
      const angle = api.greatCircle(-72.345, 34.323, -61.823, 54.826, { radius: 1 });
      for (const unit of ['km', 'm', 'mi', 'nmi'] as const) {
        expect(api.greatCircle(-72.345, 34.323, -61.823, 54.826, { unit })).toBeCloseTo(angle * EARTH_RADIUS[unit], 6);
      }
      expect(api.greatCircle(0, 0, 180, 0, { radius: 2 })).toBeCloseTo(2 * Math.PI, 14);
    });

    it('gives exactly 0 for identical points, whatever the longitude wrapping, and at the poles', () => {
      expect(api.greatCircle(12.5, 45, 12.5, 45)).toBe(0);
      expect(api.greatCircle(-180, 10, 180, 10)).toBe(0);
      expect(api.greatCircle(10, 20, 10 + 360 * 1000, 20)).toBe(0);
      expect(api.greatCircle(0, 90, 123, 90)).toBe(0);
      expect(api.greatCircle(-45, -90, 45, -90)).toBe(0);
    });

    it('does not lose short distances across the antimeridian to rounding (1 mm on Earth)', () => {
      // About 1e-8 degrees apart, written on opposite sides of the antimeridian; both
      // differences to 180 are exact (Sterbenz), so their sum is the separation to one rounding.
      const east = 179.999999995;
      const west = -179.999999995;
      const separation = 180 - east + (west + 180);
      const d = api.greatCircle(east, 0, west, 0, { unit: 'm' });
      expect(Math.abs(d / (separation * (Math.PI / 180) * EARTH_RADIUS.m) - 1)).toBeLessThan(1e-14);
    });
  });

  describe('checkPrimes', () => {
    const safe = PRIMES.filter(({ n }) => n <= MAX_SAFE);

    it('agrees with primes.tsv for Float64Array, number[] and BigUint64Array input', () => {
      const expected = Uint8Array.from(safe, ({ isPrime }) => (isPrime ? 1 : 0));
      expect(api.checkPrimes(Float64Array.from(safe, ({ n }) => Number(n)))).toEqual(expected);
      expect(api.checkPrimes(safe.map(({ n }) => Number(n)))).toEqual(expected);
      expect(api.checkPrimes(BigUint64Array.from(PRIMES, ({ n }) => n))).toEqual(
        Uint8Array.from(PRIMES, ({ isPrime }) => (isPrime ? 1 : 0)),
      );
    });

    it('takes integer typed arrays, negative values and views with a byte offset', () => {
      const small = [-7, -2, 0, 1, 2, 3, 4, 5, 9, 97, 2147483647];
      const expected = Uint8Array.from(small, (n) => (isPrimeOracle(BigInt(n)) ? 1 : 0));
      expect(api.checkPrimes(Int32Array.from(small))).toEqual(expected);
      expect(api.checkPrimes(BigInt64Array.from(small, BigInt))).toEqual(expected);
      expect(api.checkPrimes(Uint32Array.from([2, 4, 4294967291]))).toEqual(Uint8Array.of(1, 0, 1));
      const backing = Float64Array.from([4, 5, 6, 7, 8, 9, 10, 11]);
      expect(api.checkPrimes(backing.subarray(3, 7))).toEqual(Uint8Array.of(1, 0, 0, 0));
      expect(api.checkPrimes(new BigUint64Array([4n, 5n, 2n ** 64n - 59n]).subarray(1))).toEqual(Uint8Array.of(1, 1));
      expect(api.checkPrimes([])).toEqual(new Uint8Array(0));
    });
  });

  describe('countPrimes and primesBetween', () => {
    // The widest reference range, [0, 10^10), is counted by the long runs (test/long.test.ts).
    it.for(primeCountRows().filter(({ lo, hi }) => hi - lo <= LONG_RANGE))('counts $count primes in [$lo, $hi)', ({ lo, hi, count }) => {
      expect(api.countPrimes(lo, hi)).toBe(count);
    });

    it.for(primeCountRows().filter(({ lo, hi }) => hi - lo <= 10_000_000))('lists the $count primes in [$lo, $hi)', ({ lo, hi, count }) => {
      const primes = api.primesBetween(lo, hi);
      expect(primes.length).toBe(count);
      for (let i = 1; i < primes.length; i++) if (!(primes[i - 1]! < primes[i]!)) expect.fail(`not ascending at ${i}`);
    });

    it('lists exactly the primes of random windows, including across 2^32 and up to 2^53', () => {
      const windows: Array<[number, number]> = [
        [0, 1000],
        [2 ** 32 - 1500, 2 ** 32 + 1500],
        [2 ** 53 - 3000, 2 ** 53],
        [2 ** 53 - 1, 2 ** 53],
        [999_983, 1_000_003],
        [4_759_123_141 - 500, 4_759_123_141 + 500],
        [10 ** 15 + 7, 10 ** 15 + 2007],
      ];
      for (const [lo, hi] of windows) {
        const expected: number[] = [];
        for (let n = lo; n < hi; n++) if (isPrimeOracle(BigInt(n))) expected.push(n);
        expect(Array.from(api.primesBetween(lo, hi)), `[${lo}, ${hi})`).toEqual(expected);
        expect(api.countPrimes(lo, hi), `[${lo}, ${hi})`).toBe(expected.length);
      }
    });

    it('sieves windows where large sieving primes start far ahead, as π(x) counts them', () => {
      // Just above 32768² = 1,073,741,824 the sieving primes past one segment (32,768) begin at
      // p², several segments past lo; the other windows reach primes up to 3.2·10^6.
      for (const [lo, hi] of [
        [1_073_000_000, 1_080_000_000],
        [2 ** 40, 2 ** 40 + 20_000_000],
        [10 ** 13, 10 ** 13 + 10_000_000],
      ] as const) {
        expect(countsByPrimePi(lo, hi)).toBe(false); // sieved, while [0, lo) and [0, hi) go by π(x)
        expect(api.countPrimes(lo, hi), `[${lo}, ${hi})`).toBe(api.countPrimes(0, hi) - api.countPrimes(0, lo));
      }
    });

    it('handles empty and tiny ranges at the wheel edges', () => {
      for (let lo = 0; lo < 40; lo++) {
        for (let hi = lo; hi < 40; hi++) {
          const expected = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37].filter((p) => p >= lo && p < hi);
          expect(Array.from(api.primesBetween(lo, hi)), `[${lo}, ${hi})`).toEqual(expected);
          expect(api.countPrimes(lo, hi), `[${lo}, ${hi})`).toBe(expected.length);
        }
      }
    });
  });
});

describe.each(buildsFor(VARIANT_KERNELS))('contract: $label', ({ backend, api }) => {
  describe('greatCircleMany and greatCircleMatrix', () => {
    const rows = GREAT_CIRCLES;
    const column = (pick: (row: (typeof rows)[number]) => number) => Float64Array.from(rows, pick);
    const [lon1, lat1, lon2, lat2] = [column((r) => r.lon1), column((r) => r.lat1), column((r) => r.lon2), column((r) => r.lat2)];

    // "equals greatCircle": bit for bit, or within a few ulps on variants with FMA (support/distances.ts).
    it('equals greatCircle element by element on every reference pair', () => {
      const many = api.greatCircleMany(lon1, lat1, lon2, lat2, { radius: 1 });
      expectSameDistances(
        backend,
        many,
        rows.map((row) => api.greatCircle(row.lon1, row.lat1, row.lon2, row.lat2, { radius: 1 })),
        'reference rows',
      );
    });

    it('handles every length through the vector tails, and views with a byte offset', () => {
      for (let length = 0; length <= 33; length++) {
        // every tail of the widest step (AVX-512: 2 × 8 lanes), twice
        const at = 7; // an odd offset into the backing arrays
        const many = api.greatCircleMany(
          lon1.subarray(at, at + length),
          lat1.subarray(at, at + length),
          lon2.subarray(at, at + length),
          lat2.subarray(at, at + length),
        );
        expectSameDistances(
          backend,
          many,
          Array.from({ length }, (_, i) => api.greatCircle(lon1[at + i]!, lat1[at + i]!, lon2[at + i]!, lat2[at + i]!)),
          `length ${length}`,
        );
      }
    });

    it('broadcasts single numbers (one point to many) and accepts plain arrays', () => {
      const fromNewYork = api.greatCircleMany(-74.006, 40.7128, lon2, lat2, { unit: 'km' });
      expectSameDistances(
        backend,
        fromNewYork,
        rows.map((row) => api.greatCircle(-74.006, 40.7128, row.lon2, row.lat2, { unit: 'km' })),
        'from New York',
      );
      expectSameDistances(
        backend,
        api.greatCircleMany([0, 10], 0, [0, 0], [0, 0], { radius: 1 }),
        [0, api.greatCircle(10, 0, 0, 0, { radius: 1 })],
        'plain arrays',
      );
      expectSameDistances(backend, api.greatCircleMany(1, 2, 3, 4), [api.greatCircle(1, 2, 3, 4)], 'numbers only');
    });

    it('equals greatCircle across blocks: 40,000 pairs (the facade checks and computes 16,384 at a time), a 2 × 600 matrix', () => {
      const n = 40_000;
      const random = seededRandom(2026);
      const [lons1, lats1, lons2, lats2] = [180, 90, 180, 90].map((range) =>
        Float64Array.from({ length: n }, () => (2 * random() - 1) * range),
      ) as [Float64Array, Float64Array, Float64Array, Float64Array];
      const pairwise = (lonsB: Float64Array | number, latsB: Float64Array | number, count: number) =>
        Float64Array.from({ length: count }, (_, i) =>
          api.greatCircle(
            lons1[i]!,
            lats1[i]!,
            typeof lonsB === 'number' ? lonsB : lonsB[i]!,
            typeof latsB === 'number' ? latsB : latsB[i]!,
          ),
        );
      expectSameDistances(backend, api.greatCircleMany(lons1, lats1, lons2, lats2), pairwise(lons2, lats2, n), 'pairs');
      expectSameDistances(backend, api.greatCircleMany(lons1, lats1, 12.5, -33.25), pairwise(12.5, -33.25, n), 'to one point');
      // And a matrix row longer than the TS kernel's 256-pair blocks.
      const matrix = api.greatCircleMatrix(lons1.subarray(0, 2), lats1.subarray(0, 2), lons2.subarray(0, 600), lats2.subarray(0, 600));
      for (let i = 0; i < 2; i++) {
        expectSameDistances(
          backend,
          matrix.subarray(i * 600, (i + 1) * 600),
          Float64Array.from({ length: 600 }, (_, j) => api.greatCircle(lons1[i]!, lats1[i]!, lons2[j]!, lats2[j]!)),
          `matrix row ${i}`,
        );
      }
    });

    it('fills the matrix row by row: element i*|B| + j is A[i] to B[j]', () => {
      for (const [nA, nB] of [
        [0, 5],
        [5, 0],
        [1, 1],
        [3, 5],
        [17, 9],
        [4, 33],
      ] as const) {
        const matrix = api.greatCircleMatrix(
          lon1.subarray(0, nA),
          lat1.subarray(0, nA),
          lon2.subarray(3, 3 + nB),
          lat2.subarray(3, 3 + nB),
          { radius: 1 },
        );
        const expected = Array.from({ length: nA * nB }, (_, k) => {
          const [i, j] = [Math.floor(k / nB), k % nB];
          return api.greatCircle(lon1[i]!, lat1[i]!, lon2[3 + j]!, lat2[3 + j]!, { radius: 1 });
        });
        expectSameDistances(backend, matrix, expected, `${nA} × ${nB}`);
      }
    });
  });
});
