/**
 * The async geodesic functions on every backend (on its pool of worker threads): the synchronous
 * results bit for bit, the same errors, progress ending at exactly 1, and prompt aborts. Time
 * limits are guards against hangs, not speed assertions.
 */
import { describe, expect, it } from 'vitest';
import { asyncApiFor, buildsFor } from './support/backends.js';
import { expectSameArray } from './support/arrays.js';

const BUILDS = buildsFor(['geodesicDistanceMany', 'geodesicDistanceMatrix']).map((build) => ({
  ...build,
  asyncApi: asyncApiFor(build.backend),
}));

function randomCoordinates(count: number, seed: number): [Float64Array, Float64Array, Float64Array, Float64Array] {
  let state = seed;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return [0, 1, 2, 3].map((c) => Float64Array.from({ length: count }, () => (c % 2 === 0 ? next() * 720 - 360 : next() * 180 - 90))) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
}

describe.each(BUILDS)('async geodesics: $label', ({ api, asyncApi }) => {
  it('geodesicDistanceManyAsync and geodesicDistanceMatrixAsync equal the synchronous results bit for bit', async () => {
    const [lon1, lat1, lon2, lat2] = randomCoordinates(20_011, 5);
    const options = { unit: 'km', ellipsoid: 'GRS80' } as const;
    expectSameArray(
      await asyncApi.geodesicDistanceManyAsync(lon1, lat1, lon2, lat2, { ...options, threads: 2 }),
      api.geodesicDistanceMany(lon1, lat1, lon2, lat2, options),
      'many',
    );
    expectSameArray(
      await asyncApi.geodesicDistanceManyAsync(10, 20, lon2, lat2),
      api.geodesicDistanceMany(10, 20, lon2, lat2),
      'broadcast',
    );
    const [a, b] = [lon1.subarray(0, 131), lat1.subarray(0, 131)];
    const [c, d] = [lon2.subarray(0, 97), lat2.subarray(0, 97)];
    const out = new Float64Array(131 * 97);
    const matrix = await asyncApi.geodesicDistanceMatrixAsync(a, b, c, d, { unit: 'mi', out, threads: 2 });
    expect(matrix).toBe(out);
    expectSameArray(matrix, api.geodesicDistanceMatrix(a, b, c, d, { unit: 'mi' }), 'matrix');
    expect(await asyncApi.geodesicDistanceMatrixAsync([], [], c, d)).toEqual(new Float64Array(0));
  });

  it('reports progress ending at exactly 1, and rejects with an AbortError when aborted', async () => {
    const [lon1, lat1, lon2, lat2] = randomCoordinates(40_000, 9);
    const seen: number[] = [];
    await asyncApi.geodesicDistanceManyAsync(lon1, lat1, lon2, lat2, { threads: 2, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f > (seen[i - 1] ?? 0) && f <= 1)).toBe(true);
    await expect(asyncApi.geodesicDistanceManyAsync(lon1, lat1, lon2, lat2, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    const controller = new AbortController();
    const started = Date.now();
    // 2000 × 2000 geodesics take seconds on one thread: the abort must not wait for them.
    const [big, bigLat] = randomCoordinates(2000, 3);
    const job = asyncApi.geodesicDistanceMatrixAsync(big, bigLat, big, bigLat, { threads: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects bad arguments with the synchronous functions’ errors, named for the async function', async () => {
    await expect(asyncApi.geodesicDistanceManyAsync([0], [91], 0, 0)).rejects.toThrow(
      new RangeError('geodesicDistanceManyAsync: lat1[0] must be a finite number of degrees in [-90, 90], got 91'),
    );
    await expect(asyncApi.geodesicDistanceMatrixAsync([0], [0], [0], [0], { ellipsoid: 'Bessel' as never })).rejects.toThrow(
      new RangeError('geodesicDistanceMatrixAsync: options.ellipsoid must be "WGS84" or "GRS80" or { a, f }, got "Bessel"'),
    );
    await expect(asyncApi.geodesicDistanceManyAsync(0, 0, 0, 0, { radius: 1 } as never)).rejects.toThrow(RangeError);
  });
});
