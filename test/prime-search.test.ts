/**
 * The prime-counting functions through the public API: countPrimes by π(x) where that is faster
 * (the same answers as the sieve on both sides of the crossover), nthPrime, nextPrime and
 * prevPrime with their errors, the async forms, and the CLI's pi, nth, next and prev. The kernels
 * themselves, against OEIS values and primecount, are in test/primecount.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsByPrimePi } from '../src/api.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { asyncApiFor, buildsFor } from './support/backends.js';

const RUNS = Number(process.env.NUMACCEL_FC_RUNS ?? 2000) / 20;
const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
};

describe.each(buildsFor(['primePi', 'nthPrime', 'nextPrime', 'prevPrime']))(
  'prime counting through the API: $label',
  ({ backend, api }) => {
    const asyncApi = asyncApiFor(backend);

    it("countPrimes gives the sieve's answer whether it counts by π(x) or sieves, around the crossover", () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.double({ min: 0, max: 24, noNaN: true }), (hi, factor) => {
          const lo = Math.max(0, hi - Math.round(factor * Math.cbrt(hi) ** 2));
          if (hi - lo > 2e8) return; // the sieve side of the check would take seconds
          expect(api.countPrimes(lo, hi), `[${lo}, ${hi}) by ${countsByPrimePi(lo, hi) ? 'π(x)' : 'sieve'}`).toBe(
            backend.kernels.countPrimes(lo, hi),
          );
        }),
        { numRuns: RUNS, seed: 2026_12 },
      );
      expect(api.countPrimes(0, 10 ** 12)).toBe(37_607_912_018);
      expect(api.countPrimes(10 ** 12, 10 ** 12 + 10 ** 9)).toBe(36_190_991);
    });

    it('nthPrime, nextPrime and prevPrime answer, in the type given', async () => {
      expect([1, 2, 3, 1e6, 1e9].map((n) => api.nthPrime(n))).toEqual([2, 3, 5, 15_485_863, 22_801_763_489]);
      expect(api.nthPrime(10n)).toBe(29);
      expect(api.nextPrime(1_693_182_318_746_371)).toBe(1_693_182_318_747_503); // the maximal gap of 1132
      expect(api.prevPrime(1_693_182_318_747_503)).toBe(1_693_182_318_746_371);
      expect(api.nextPrime(-10)).toBe(2);
      expect(api.nextPrime(2n)).toBe(3n);
      expect(api.nextPrime(2n ** 64n - 60n)).toBe(2n ** 64n - 59n);
      expect(api.prevPrime(2n ** 64n - 1n)).toBe(2n ** 64n - 59n);
      expect(api.prevPrime(2 ** 53 - 1)).toBe(9_007_199_254_740_881);
      expect(await asyncApi.nthPrimeAsync(1e8)).toBe(2_038_074_743);
      expect(await asyncApi.countPrimesAsync(0, 10 ** 12, { threads: 2 })).toBe(37_607_912_018);
      expect(await asyncApi.countPrimesAsync(10 ** 12, 10 ** 12 + 10 ** 10, { threads: 2 })).toBe(
        api.countPrimes(10 ** 12, 10 ** 12 + 10 ** 10),
      );
    });

    it('refuses what has no answer in range, with a RangeError that says so', () => {
      expect(
        [
          () => api.nthPrime(0),
          () => api.nthPrime(252_252_704_148_405),
          () => api.nthPrime(1.5),
          () => api.nthPrime('7' as never),
          () => api.nextPrime(2 ** 53 - 1),
          () => api.nextPrime(2n ** 64n - 59n),
          () => api.nextPrime(2n ** 64n),
          () => api.nextPrime(0.5),
          () => api.prevPrime(2),
          () => api.prevPrime(-5n),
          () => api.prevPrime(null as never),
        ].map(outcome),
      ).toEqual([
        { error: 'RangeError', message: 'nthPrime: n must be an integer in [1, 252252704148404] (the primes below 2^53), got 0' },
        {
          error: 'RangeError',
          message: 'nthPrime: n must be an integer in [1, 252252704148404] (the primes below 2^53), got 252252704148405',
        },
        { error: 'RangeError', message: 'nthPrime: n must be an integer in [1, 252252704148404] (the primes below 2^53), got 1.5' },
        { error: 'TypeError', message: 'nthPrime: n must be a number or a bigint, got "7"' },
        {
          error: 'RangeError',
          message: 'nextPrime: the next prime after 9007199254740991 is past 2^53 - 1, the largest safe integer; pass n as a bigint',
        },
        { error: 'RangeError', message: 'nextPrime: there is no prime between 18446744073709551557n and 2^64' },
        { error: 'RangeError', message: 'nextPrime: n must be below 2^64 (at most 18446744073709551615n), got 18446744073709551616n' },
        { error: 'RangeError', message: 'nextPrime: n must be a safe integer (|n| <= 2^53 - 1; pass a bigint for larger values), got 0.5' },
        { error: 'RangeError', message: 'prevPrime: there is no prime below 2: n must be at least 3' },
        { error: 'RangeError', message: 'prevPrime: there is no prime below -5n: n must be at least 3' },
        { error: 'TypeError', message: 'prevPrime: n must be a number or a bigint, got null' },
      ]);
    });
  },
);

describe('the command line: pi, nth, next, prev', () => {
  const BIN = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

  it('answers, in text and in JSON, and names a bad argument', () => {
    expect(run('pi', '1e13').stdout).toBe('346065536839\n');
    expect(JSON.parse(run('pi', '100', '--json').stdout)).toEqual({ x: '100', pi: 25 });
    expect(run('nth', '1000000').stdout).toBe('15485863\n');
    expect(run('next', '18446744073709551556').stdout).toBe('18446744073709551557\n');
    expect(run('prev', '1000', '--backend', 'wasm').stdout).toBe('997\n');
    const bad = run('prev', '2');
    expect([bad.status, bad.stderr]).toEqual([1, 'numaccel: prevPrime: there is no prime below 2: n must be at least 3\n']);
    expect(run('pi', '-1').stderr).toBe('numaccel: pi: x must be an integer in [0, 2^53 - 1], got -1\n');
  });
});
