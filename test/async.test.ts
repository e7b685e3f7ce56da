/**
 * The async batch functions, on every backend (the great-circle ones on every build): the same results as the synchronous ones, the
 * same validation errors, progress that ends at exactly 1, prompt aborts, and a process that exits
 * by itself afterwards. Nothing here asserts a speed; time limits are generous guards against hangs.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countsByPrimePi } from '../src/api.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { VARIANT_KERNELS } from '../src/builds.js';
import { asyncApiFor, buildsFor, CMAKE_LABEL, LOADED, type LoadedBackend } from './support/backends.js';
import { expectSameArray } from './support/arrays.js';

const withAsync = ({ label, backend, api }: LoadedBackend) => ({ label, backend, api, asyncApi: asyncApiFor(backend) });
// The async paths are one per backend; the great-circle kernels they run differ per build.
const BACKENDS = buildsFor(['checkPrimes', 'countPrimes', 'primesBetween']).map(withAsync);
const GEO_BUILDS = buildsFor(VARIANT_KERNELS).map(withAsync);

function randomCoordinates(count: number, seed: number): Float64Array[] {
  let state = seed;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return [0, 1, 2, 3].map((c) => Float64Array.from({ length: count }, () => (c % 2 === 0 ? next() * 720 - 360 : next() * 180 - 90)));
}

describe.each(BACKENDS)('async: $label', ({ backend, api, asyncApi }) => {
  it('countPrimesAsync and primesBetweenAsync equal the synchronous results, over many chunks', async () => {
    for (const [lo, hi] of [
      [0, 30_000_000],
      [2 ** 32 - 5_000_000, 2 ** 32 + 5_000_000],
      [2 ** 53 - 200_000, 2 ** 53],
      [7, 7],
    ] as const) {
      expect(await asyncApi.countPrimesAsync(lo, hi, { threads: 2 })).toBe(api.countPrimes(lo, hi));
      expectSameArray(await asyncApi.primesBetweenAsync(lo, hi, { threads: 2 }), api.primesBetween(lo, hi), `[${lo}, ${hi})`);
    }
  });

  it('checkPrimesAsync equals checkPrimes', async () => {
    const values = Float64Array.from({ length: 50_000 }, (_, i) => (i * 2_654_435_761) % 2 ** 40);
    expectSameArray(await asyncApi.checkPrimesAsync(values, { threads: 3 }), api.checkPrimes(values));
    expect(await asyncApi.checkPrimesAsync([])).toEqual(new Uint8Array(0));
  });

  it('computes on the arrays as they were at the call, even if the caller then changes or transfers them', async () => {
    const [lon1, lat1, lon2, lat2] = randomCoordinates(60_000, 11) as [Float64Array, Float64Array, Float64Array, Float64Array];
    const values = Float64Array.from({ length: 60_000 }, (_, i) => 2 * i + 1);
    const expected = {
      many: api.greatCircleMany(lon1, lat1, lon2, lat2),
      matrix: api.greatCircleMatrix(lon1.subarray(0, 300), lat1.subarray(0, 300), lon2.subarray(0, 200), lat2.subarray(0, 200)),
      primes: api.checkPrimes(values),
    };
    const many = asyncApi.greatCircleManyAsync(lon1, lat1, lon2, lat2, { threads: 2 });
    const matrix = asyncApi.greatCircleMatrixAsync(
      lon1.subarray(0, 300),
      lat1.subarray(0, 300),
      lon2.subarray(0, 200),
      lat2.subarray(0, 200),
      { threads: 2 },
    );
    const primes = asyncApi.checkPrimesAsync(values, { threads: 2 });
    lat1.fill(NaN); // never validated: must not reach a kernel
    structuredClone(lon2.buffer, { transfer: [lon2.buffer as ArrayBuffer] }); // detaches lon2: its memory may be freed
    values.fill(4);
    expect(lon2.length).toBe(0);
    expectSameArray(await many, expected.many, 'many');
    expectSameArray(await matrix, expected.matrix, 'matrix');
    expectSameArray(await primes, expected.primes, 'primes');
  });

  it('rejects with the error an onProgress callback throws, and stops', async () => {
    const boom = new Error('boom');
    const onProgress = () => {
      throw boom;
    };
    await expect(asyncApi.countPrimesAsync(0, 300_000_000, { threads: 2, onProgress })).rejects.toBe(boom);
    await expect(asyncApi.checkPrimesAsync([1, 2, 3], { onProgress })).rejects.toBe(boom);
  });

  it('reports monotone progress in [0, 1], some of it before the end, and ends at exactly 1', async () => {
    const seen: number[] = [];
    // Sieved, not counted by π(x) (narrower than 8·hi^(2/3)), and long enough for several
    // progress reports on native threads too (they are polled every 16 ms).
    const [lo, width] = backend.name === 'native' ? [1e13, 3e9] : [1e12, 2e8];
    expect(countsByPrimePi(lo, lo + width)).toBe(false);
    await asyncApi.countPrimesAsync(lo, lo + width, { threads: 2, onProgress: (f) => seen.push(f) });
    expect(seen.filter((f) => f < 1).length, 'progress before the end').toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(1);
    for (let i = 0; i < seen.length; i++) {
      expect(seen[i]).toBeGreaterThan(i === 0 ? 0 : seen[i - 1]!);
      expect(seen[i]).toBeLessThanOrEqual(1);
    }
  });

  it('rejects with an AbortError when aborted, before or during the work', async () => {
    await expect(asyncApi.countPrimesAsync(0, 1e6, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const started = Date.now();
    const job = asyncApi.countPrimesAsync(0, 2 ** 53, { threads: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5_000); // counting to 2^53 would take hours
  });

  it('rejects bad arguments and options with the same errors as the synchronous functions', async () => {
    const sameAsSync = async (run: () => Promise<unknown>, sync: () => unknown, fn: string) => {
      let expected: Error | undefined;
      try {
        sync();
      } catch (error) {
        expected = error as Error;
      }
      await expect(run()).rejects.toThrow(new (expected!.constructor as ErrorConstructor)(expected!.message.replace(/^(\w+):/, `${fn}:`)));
    };
    await sameAsSync(
      () => asyncApi.countPrimesAsync(-1, 5),
      () => api.countPrimes(-1, 5),
      'countPrimesAsync',
    );
    await sameAsSync(
      () => asyncApi.primesBetweenAsync(0, 2 ** 53),
      () => api.primesBetween(0, 2 ** 53),
      'primesBetweenAsync',
    );
    await sameAsSync(
      () => asyncApi.checkPrimesAsync([1, 2.5]),
      () => api.checkPrimes([1, 2.5]),
      'checkPrimesAsync',
    );
    await sameAsSync(
      () => asyncApi.greatCircleManyAsync([0], [91], 0, 0),
      () => api.greatCircleMany([0], [91], 0, 0),
      'greatCircleManyAsync',
    );
    await sameAsSync(
      () => asyncApi.greatCircleMatrixAsync([0], [0], [0], [0], { unit: 'ft' as never }),
      () => api.greatCircleMatrix([0], [0], [0], [0], { unit: 'ft' as never }),
      'greatCircleMatrixAsync',
    );
    await expect(asyncApi.countPrimesAsync(0, 10, { threads: 0 })).rejects.toThrow(
      new RangeError('countPrimesAsync: options.threads must be an integer in [1, 256], got 0'),
    );
    await expect(asyncApi.countPrimesAsync(0, 10, { signal: {} as never })).rejects.toThrow(
      new TypeError('countPrimesAsync: options.signal must be an AbortSignal, got an object'),
    );
    await expect(asyncApi.countPrimesAsync(0, 10, { onProgress: 1 as never })).rejects.toThrow(TypeError);
    await expect(asyncApi.countPrimesAsync(0, 10, { radius: 1 } as never)).rejects.toThrow(
      new RangeError('countPrimesAsync: unknown option "radius"; accepted options are threads, signal, onProgress'),
    );
  });
});

describe.each(GEO_BUILDS)('async great-circle kernels: $label', ({ api, asyncApi }) => {
  it('greatCircleManyAsync and greatCircleMatrixAsync equal the synchronous results bit for bit', async () => {
    const [lon1, lat1, lon2, lat2] = randomCoordinates(100_003, 7) as [Float64Array, Float64Array, Float64Array, Float64Array];
    expectSameArray(
      await asyncApi.greatCircleManyAsync(lon1, lat1, lon2, lat2, { threads: 2, unit: 'km' }),
      api.greatCircleMany(lon1, lat1, lon2, lat2, { unit: 'km' }),
      'many',
    );
    expectSameArray(await asyncApi.greatCircleManyAsync(10, 20, lon2, lat2), api.greatCircleMany(10, 20, lon2, lat2), 'broadcast');
    const [a, b] = [lon1.subarray(0, 301), lat1.subarray(0, 301)];
    const [c, d] = [lon2.subarray(0, 257), lat2.subarray(0, 257)];
    expectSameArray(
      await asyncApi.greatCircleMatrixAsync(a, b, c, d, { radius: 1 }),
      api.greatCircleMatrix(a, b, c, d, { radius: 1 }),
      'matrix',
    );
    expect(await asyncApi.greatCircleMatrixAsync([], [], c, d)).toEqual(new Float64Array(0));
  });
});

describe('async work and process lifetime', () => {
  it.for(LOADED.filter((b) => b.primary && b.label !== CMAKE_LABEL).map((b) => b.backend.name))(
    'the process exits by itself after async work on %s',
    (backend) => {
      const script = `
      const n = require(${JSON.stringify(PACKAGE_ROOT)});
      n.setBackend(${JSON.stringify(backend)});
      Promise.all([n.countPrimesAsync(0, 5e7), n.greatCircleMatrixAsync([0, 1], [0, 1], [2, 3], [2, 3])])
        .then(([count, matrix]) => console.log(JSON.stringify({ count, cells: matrix.length })));`;
      const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000, cwd: path.dirname(PACKAGE_ROOT) });
      expect(result.signal).toBeNull(); // not killed by the timeout
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ count: 3_001_134, cells: 4 });
    },
  );
});
