/**
 * The contract suite: written once, run against every backend (tfjs/simdutf style). Each backend
 * is driven through the public API bound to it alone, so validation is exercised as users see it.
 */
import { describe, expect, it } from 'vitest';
import { KERNEL_NAMES } from '../src/contract.js';
import { EARTH_RADIUS } from '../src/validate.js';
import { LOADED } from './support/backends.js';
import { greatCircleRows, primeCountRows, primeRows, withinAccuracy } from './support/reference.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const PRIMES = primeRows();
const GREAT_CIRCLES = greatCircleRows();

describe.each(LOADED)('contract: $label backend', ({ backend, api }) => {
  it('implements every kernel of the contract', () => {
    for (const name of KERNEL_NAMES) expect(typeof backend.kernels[name], name).toBe('function');
  });

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
});
