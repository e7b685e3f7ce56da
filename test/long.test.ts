/**
 * The long runs (`npm run test:everywhere`, which CI runs too): the widest reference ranges of
 * prime_counts.tsv, counted once per backend, synchronously and on two threads.
 */
import { describe, expect, it } from 'vitest';
import { asyncApiFor, buildsFor } from './support/backends.js';
import { LONG_RANGE, primeCountRows } from './support/reference.js';

const WIDE = primeCountRows().filter(({ lo, hi }) => hi - lo > LONG_RANGE);

describe.each(buildsFor(['countPrimes']))('the widest reference ranges: $label', ({ backend, api }) => {
  const asyncApi = asyncApiFor(backend);
  it.for(WIDE)('counts $count primes in [$lo, $hi), sync and on two threads', async ({ lo, hi, count }) => {
    expect(api.countPrimes(lo, hi)).toBe(count);
    expect(await asyncApi.countPrimesAsync(lo, hi, { threads: 2 })).toBe(count);
  });
});
