/**
 * options.out: the batch functions fill a caller's array and return it (primesBetween: the view
 * its primes fill), with the same results as allocating calls, on every build whose code of the
 * kernel differs, sync and async; a wrong type is a TypeError, a wrong length or an array that
 * shares memory with an input a RangeError; and a synchronous call with out allocates nothing
 * proportional to its size.
 */
import { describe, expect, it } from 'vitest';
import { VARIANT_KERNELS } from '../src/builds.js';
import { primesBetweenCapacity } from '../src/index.js';
import { expectSameArray } from './support/arrays.js';
import { asyncApiFor, buildsFor, type LoadedBackend } from './support/backends.js';

const withAsync = (build: LoadedBackend) => ({ ...build, asyncApi: asyncApiFor(build.backend) });

function coordinates(n: number): [Float64Array, Float64Array, Float64Array, Float64Array] {
  let state = 12345;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return [0, 1, 2, 3].map((c) => Float64Array.from({ length: n }, () => (c % 2 === 0 ? next() * 360 - 180 : next() * 180 - 90))) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
}

describe.each(buildsFor(VARIANT_KERNELS).map(withAsync))('options.out of the distance functions: $label', ({ api, asyncApi }) => {
  const [lon1, lat1, lon2, lat2] = coordinates(40_003);

  it("fills and returns the caller's array, as the allocating call computes it", async () => {
    const out = new Float64Array(40_003);
    expect(api.greatCircleMany(lon1, lat1, lon2, lat2, { unit: 'km', out })).toBe(out);
    expectSameArray(out, api.greatCircleMany(lon1, lat1, lon2, lat2, { unit: 'km' }));
    const matrix = new Float64Array(300 * 200);
    expect(
      api.greatCircleMatrix(lon1.subarray(0, 300), lat1.subarray(0, 300), lon2.subarray(0, 200), lat2.subarray(0, 200), { out: matrix }),
    ).toBe(matrix);
    expectSameArray(
      matrix,
      api.greatCircleMatrix(lon1.subarray(0, 300), lat1.subarray(0, 300), lon2.subarray(0, 200), lat2.subarray(0, 200)),
    );
    const asyncOut = new Float64Array(40_003);
    expect(await asyncApi.greatCircleManyAsync(lon1, lat1, 0, 0, { out: asyncOut, threads: 2 })).toBe(asyncOut);
    expectSameArray(asyncOut, api.greatCircleMany(lon1, lat1, 0, 0));
  });
});

describe.each(buildsFor(['checkPrimes', 'primesBetween']).map(withAsync))(
  'options.out of the prime functions: $label',
  ({ api, asyncApi }) => {
    it("checkPrimes fills the caller's Uint8Array; primesBetween returns the view of out its primes fill", async () => {
      const values = Float64Array.from({ length: 10_000 }, (_, i) => 2 ** 40 + i);
      const flags = new Uint8Array(10_000);
      expect(api.checkPrimes(values, { out: flags })).toBe(flags);
      expectSameArray(flags, api.checkPrimes(values));
      const asyncFlags = new Uint8Array(10_000);
      expect(await asyncApi.checkPrimesAsync(values, { out: asyncFlags })).toBe(asyncFlags);
      expectSameArray(asyncFlags, flags);

      const out = new Float64Array(primesBetweenCapacity(1e9, 1e9 + 1e6));
      const primes = api.primesBetween(1e9, 1e9 + 1e6, { out });
      expect(primes.buffer).toBe(out.buffer);
      expect(primes.byteOffset).toBe(0);
      expectSameArray(primes, api.primesBetween(1e9, 1e9 + 1e6));
      const asyncPrimes = await asyncApi.primesBetweenAsync(1e9, 1e9 + 1e6, { out: new Float64Array(out.length), threads: 2 });
      expectSameArray(asyncPrimes, primes);
    });
  },
);

describe('options.out errors and allocation', () => {
  const [{ api, asyncApi }] = buildsFor(['checkPrimes']).map(withAsync);
  const [lon, lat] = coordinates(10);

  it('names options.out in a TypeError for the wrong type, a RangeError for the wrong length or shared memory', async () => {
    expect(() => api.greatCircleMany(lon, lat, 0, 0, { out: [] as never })).toThrow(
      new TypeError('greatCircleMany: options.out must be a Float64Array, got an array'),
    );
    expect(() => api.greatCircleMany(lon, lat, 0, 0, { out: new Float64Array(9) })).toThrow(
      new RangeError('greatCircleMany: options.out has 9 elements, but the result has 10'),
    );
    expect(() => api.greatCircleMany(lon, lat, 0, 0, { out: lat })).toThrow(
      new RangeError('greatCircleMany: options.out shares memory with lat1; give it an array of its own'),
    );
    const buffer = new Float64Array(20);
    expect(() => api.greatCircleMany(buffer.subarray(5, 15), 0, 0, 0, { out: buffer.subarray(0, 10) })).toThrow(/shares memory with lon1/);
    expect(api.greatCircleMany(buffer.subarray(10, 20), 0, 0, 0, { out: buffer.subarray(0, 10) })).toHaveLength(10);
    expect(() => api.greatCircleMatrix(lon, lat, lon, lat, { out: new Float64Array(10) })).toThrow(
      new RangeError('greatCircleMatrix: options.out has 10 elements, but the result has 100'),
    );
    expect(() => api.greatCircleMany(lon, lat, 0, 0, { out: new Float64Array(10), units: 'km' } as never)).toThrow(
      new RangeError('greatCircleMany: unknown option "units"; accepted options are radius, unit and out'),
    );
    expect(() => api.checkPrimes([1, 2], { out: new Float64Array(2) as never })).toThrow(
      new TypeError('checkPrimes: options.out must be a Uint8Array, got an object'),
    );
    expect(() => api.checkPrimes([1, 2], { radius: 1 } as never)).toThrow(
      new RangeError('checkPrimes: unknown option "radius"; the accepted option is out'),
    );
    expect(() => api.primesBetween(0, 100, { out: new Float64Array(10) })).toThrow(
      new RangeError(`primesBetween: options.out has 10 elements, but [0, 100) may need ${primesBetweenCapacity(0, 100)}`),
    );
    await expect(asyncApi.checkPrimesAsync([1, 2], { out: new Uint8Array(3) })).rejects.toThrow(
      new RangeError('checkPrimesAsync: options.out has 3 elements, but the result has 2'),
    );
    await expect(asyncApi.countPrimesAsync(0, 10, { out: new Float64Array(1) } as never)).rejects.toThrow(
      new RangeError('countPrimesAsync: unknown option "out"; accepted options are threads, signal, onProgress'),
    );
  });

  it.for(buildsFor(VARIANT_KERNELS))('a 10^6-pair greatCircleMany with out allocates no array of its size: $label', ({ api: build }) => {
    const [lon1, lat1] = coordinates(1_000_000);
    const out = new Float64Array(1_000_000);
    build.greatCircleMany(lon1, lat1, 0, 0, { out }); // warm: the wasm backend's scratch memory
    const before = process.memoryUsage().arrayBuffers;
    build.greatCircleMany(lon1, lat1, 0, 0, { out });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(out.byteLength / 8);
  });
});
