// The known-answer probe every runtime runs (Node ESM and CommonJS, Deno, Bun, browser pages
// built by each bundler, workerd): plain JavaScript with no imports, handed the numaccel module
// it should exercise. It returns plain JSON; test/runtime/expected.ts computes the answers the
// probe must give from the reference data and the TypeScript backend, in Node.

/** Reference inputs: a sample of test/fixtures (numbers below 2^53 as numbers, others as strings). */
export async function runProbe(numaccel, { primes, distances, geodesic, async: asyncWork = true }) {
  const firstCall = numaccel.checkPrime(97); // answers at once, whatever is still loading
  const info = await numaccel.ready();
  const outcome = (run) => {
    try {
      return { value: run() };
    } catch (error) {
      return { error: error.name, message: error.message };
    }
  };
  const asNumberOrBigint = (n) => (typeof n === 'string' ? BigInt(n) : n);
  const perBackend = {};
  for (const backend of info.backends) {
    if (!backend.available) continue;
    const api = numaccel.withBackend(backend.name);
    perBackend[backend.name] = {
      build: backend.id,
      primes: primes.map((n) => api.checkPrime(asNumberOrBigint(n))),
      distances: distances.map(([lon1, lat1, lon2, lat2]) => api.greatCircle(lon1, lat1, lon2, lat2, { radius: 1 })),
      count: api.countPrimes(0, 1e6),
      many: Array.from(api.greatCircleMany([0, 10, -170], [0, 20, 89.5], 30, 40, { radius: 1 })),
      geodesic: api.geodesicInverse(...geodesic),
      geodesicDirect: api.geodesicDirect(geodesic[0], geodesic[1], 45, 1e7),
      geodesicArea: api.geodesicArea([0, 10, 10, 0], [0, 0, 10, 10], { unit: 'km' }),
    };
  }
  const result = {
    platform: info.platform,
    firstCall,
    mode: info.mode,
    builds: Object.fromEntries(info.builds.map((b) => [b.id, b.state])),
    selected: info.selected,
    perBackend,
    errors: [
      () => numaccel.checkPrime('7'),
      () => numaccel.checkPrime(2 ** 53),
      () => numaccel.greatCircle(0, 91, 0, 0),
      () => numaccel.countPrimes(5, 1),
      () => numaccel.greatCircleMany([0, 1], [0], 0, 0),
      () => numaccel.setBackend('gpu'),
      () => numaccel.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 6378137, f: 0.1 } }),
    ].map(outcome),
  };
  if (asyncWork) {
    const controller = new AbortController();
    const aborted = numaccel.countPrimesAsync(0, 1e9, { signal: controller.signal }).then(
      () => 'finished',
      (error) => error.name,
    );
    controller.abort();
    const progress = [];
    result.async = {
      count: await numaccel.countPrimesAsync(0, 2e6, { threads: 2, onProgress: (f) => progress.push(f) }),
      lastProgress: progress[progress.length - 1],
      matrix: Array.from(await numaccel.greatCircleMatrixAsync([0, 1], [0, 1], [2, 3], [2, 3], { radius: 1 })),
      primes: Array.from(await numaccel.checkPrimesAsync([1, 2, 3, 4, 97, 2 ** 31 - 1])),
      aborted: await aborted,
    };
  }
  return result;
}
