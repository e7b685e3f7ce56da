/**
 * π(x) in parts (src/prime-pi-parts.ts): on every backend the parts add up to π(x) however they
 * are cut, each part equals the TypeScript reference's exactly, and countPrimesAsync spreads one
 * π(x) over its threads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIME_PI_SIEVE_LAYOUT } from '../src/contract.js';
import { primePiSegments } from '../src/backends/js/primecount.js';
import { PRIME_PI_PARTS_FROM, addPrimePiParts, primePiParts, type PrimePiPart } from '../src/prime-pi-parts.js';
import { asyncApiFor, buildsFor, REFERENCE } from './support/backends.js';
import type { Kernels } from '../src/contract.js';

const BUILDS = buildsFor(['primePiLeaves', 'primePiSieve']);
const SEED = 20261201;

/** π(x) from parts cut at the given segment bounds, with the leaves in `leafCount` shares. */
function piFromCuts(kernels: Kernels, x: number, leafCount: number, cuts: readonly number[]): number {
  const leaves = Array.from({ length: leafCount }, (_, i) => kernels.primePiLeaves(x, i, leafCount));
  const bounds = [0, ...cuts, Math.max(primePiSegments(x), ...cuts)];
  const sieves = bounds.slice(1).map((to, k) => kernels.primePiSieve(x, bounds[k]!, to));
  return addPrimePiParts(leaves, sieves);
}

function runPart(kernels: Kernels, part: PrimePiPart): bigint | BigInt64Array {
  return part.kernel === 'primePiLeaves'
    ? kernels.primePiLeaves(part.x, part.index, part.count)
    : kernels.primePiSieve(part.x, part.from, part.to);
}

// π(x) at the edges of the combinatorial range and at published values (OEIS A006880, A007053).
const KNOWN: readonly [number, number][] = [
  [400, 78],
  [1000, 168],
  [1e8, 5761455],
  [2 ** 32, 203280221],
  [1e10, 455052511],
  [1e12, 37607912018],
];

describe.each(BUILDS)('π(x) in parts: $label', ({ backend }) => {
  const kernels = backend.kernels;

  it('adds up to the published π(x) for the parts the facade makes, on 1 to 5 threads', () => {
    for (const [x, pi] of KNOWN) {
      for (const threads of [1, 2, 5]) {
        const parts = primePiParts(x, threads);
        const results = parts.map((part) => runPart(kernels, part));
        const leaves = results.filter((r): r is bigint => typeof r === 'bigint');
        const sieves = results.filter((r): r is BigInt64Array => typeof r !== 'bigint');
        expect(addPrimePiParts(leaves, sieves), `x = ${x}, ${threads} threads`).toBe(pi);
      }
    }
  });

  it('adds up to primePi(x) however the segments and leaves are cut, empty and clamped parts included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 3e10 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
        (x, leafCount, rawCuts) => {
          const segments = primePiSegments(x);
          const cuts = rawCuts.map((c) => Math.min(c, segments + 3)).sort((a, b) => a - b);
          expect(piFromCuts(kernels, x, leafCount, cuts)).toBe(kernels.primePi(x));
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('returns the same parts as the TypeScript reference, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 1e11 }), fc.nat(40), fc.nat(40), fc.integer({ min: 1, max: 6 }), (x, a, b, count) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(kernels.primePiSieve(x, from, to)).toEqual(REFERENCE.backend.kernels.primePiSieve(x, from, to));
        for (let index = 0; index < count; index++) {
          expect(kernels.primePiLeaves(x, index, count)).toBe(REFERENCE.backend.kernels.primePiLeaves(x, index, count));
        }
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('lays the sieve sums out as PRIME_PI_SIEVE_LAYOUT says: one φ and one sign per b, absolute from the start', () => {
    const x = 1e12;
    const whole = kernels.primePiSieve(x, 0, primePiSegments(x));
    expect((whole.length - PRIME_PI_SIEVE_LAYOUT.phi) % 2).toBe(0);
    expect(whole[PRIME_PI_SIEVE_LAYOUT.absolute]).toBe(1n);
    const tail = kernels.primePiSieve(x, 5, primePiSegments(x));
    expect(tail[PRIME_PI_SIEVE_LAYOUT.absolute]).toBe(0n); // starts past y: π counted from there
    expect(tail.length).toBe(whole.length);
  });

  it('countPrimesAsync spreads one π(x) over its threads and gives the sync count', async () => {
    const asyncApi = asyncApiFor(backend);
    expect(PRIME_PI_PARTS_FROM).toBeLessThanOrEqual(1e12);
    expect(primePiParts(1e12, 2).length).toBeGreaterThan(2);
    const seen: number[] = [];
    await expect(asyncApi.countPrimesAsync(0, 1e12 + 1, { threads: 2, onProgress: (f) => seen.push(f) })).resolves.toBe(37607912018);
    expect(seen.length).toBeGreaterThan(2); // one step per part
    await expect(asyncApi.countPrimesAsync(1e11, 1e12, { threads: 2 })).resolves.toBe(37607912018 - 4118054813);
  });
});
