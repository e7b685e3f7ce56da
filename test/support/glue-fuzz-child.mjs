// The child process of test/native-glue.test.ts: calls the addon's raw kernels (no facade, no
// validation in front of them) with generated garbage, and prints how many calls returned and
// how many threw, by error class. A crash (segfault, abort) kills this process, which the test
// sees. Arguments: the addon path or '' (node-gyp-build's pick), the number of calls, the seed.
import { createRequire } from 'node:module';
import fc from 'fast-check';

const require = createRequire(import.meta.url);
const [addonPath, callsText, seedText] = process.argv.slice(2);
const root = new URL('../..', import.meta.url).pathname;
const addon = addonPath ? require(addonPath) : require('node-gyp-build')(root);

const variants = Object.values(addon.variants);
const sync = [
  'checkPrime',
  'greatCircle',
  'checkPrimes',
  'countPrimes',
  'primesBetween',
  'coordinatesInDomain',
  'primePi',
  'primePiLeaves',
  'primePiSieve',
  'nthPrime',
  'nextPrime',
  'prevPrime',
  'geodesicInverse',
  'geodesicDistance',
  'geodesicDirect',
  'geodesicArea',
].map((name) => [name, addon[name]]);
for (const variant of variants)
  sync.push(
    ['greatCircleMany', variant.greatCircleMany],
    ['greatCircleMatrix', variant.greatCircleMatrix],
    ['geodesicDistanceMany', variant.geodesicDistanceMany],
    ['geodesicDistanceMatrix', variant.geodesicDistanceMatrix],
  );
const asyncKernels = ['checkPrimesAsync', 'countPrimesAsync', 'primesBetweenAsync'].map((name) => [name, addon[name]]);
for (const variant of variants)
  asyncKernels.push(['greatCircleManyAsync', variant.greatCircleManyAsync], ['greatCircleMatrixAsync', variant.greatCircleMatrixAsync]);

const detached = () => {
  const array = new Float64Array(8);
  structuredClone(array.buffer, { transfer: [array.buffer] });
  return array;
};
// Small numbers only where a valid call would do real work: the glue must reject garbage, not
// sieve to 2^53.
const number = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 7, 64, 1e6, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 2 ** 64, NaN, Infinity, -Infinity, 0.5, -1e300, 1e300),
  fc.integer({ min: -10, max: 100_000 }),
  fc.double(),
);
const typed = fc.oneof(
  fc.array(fc.double(), { maxLength: 40 }).map((v) => Float64Array.from(v)),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }).map((v) => Uint8Array.from(v)),
  fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { maxLength: 20 }).map((v) => BigUint64Array.from(v)),
  fc.array(fc.integer(), { maxLength: 20 }).map((v) => Int32Array.from(v)),
  fc.nat({ max: 40 }).map((n) => new Float64Array(new SharedArrayBuffer(8 * n))),
  fc.nat({ max: 8 }).map((n) => new Int32Array(new SharedArrayBuffer(4 * n))),
  fc.constant(null).map(detached),
  fc.constant(null).map(() => new Float64Array(new ArrayBuffer(64), 8, 3)),
  fc.constant(null).map(() => new DataView(new ArrayBuffer(16))),
);
const argument = fc.oneof(
  { weight: 3, arbitrary: number },
  { weight: 3, arbitrary: typed },
  fc.bigInt(),
  fc.constantFrom(undefined, null, true, 'abc', '7', {}, [], [1, 2], Symbol('s'), () => 1, new ArrayBuffer(8)),
);
const argumentLists = fc.array(argument, { maxLength: 10 });

const tally = {};
const count = (key) => (tally[key] = (tally[key] ?? 0) + 1);
const classOf = (error) => (error instanceof Error ? error.constructor.name : typeof error);

/** A valid-looking range call that would run for long: skipped (the glue takes such ranges). */
const heavy = (name, args) =>
  (/Primes/.test(name) && typeof args[0] === 'number' && typeof args[1] === 'number' && args[1] - args[0] > 1e7) ||
  (/^(primePi|nthPrime)/.test(name) && typeof args[0] === 'number' && args[0] > 1e9);

const pending = [];
fc.assert(
  fc.property(argumentLists, fc.nat(), (args, pick) => {
    const [name, kernel] = sync[pick % sync.length];
    if (!heavy(name, args)) {
      try {
        kernel(...args);
        count('returned');
      } catch (error) {
        count(`threw ${classOf(error)}`);
      }
    }
    const [asyncName, asyncKernel] = asyncKernels[pick % asyncKernels.length];
    if (heavy(asyncName, args)) return;
    try {
      const result = asyncKernel(...args);
      pending.push(
        Promise.resolve(result).then(
          () => count('resolved'),
          (error) => count(`rejected ${classOf(error)}`),
        ),
      );
    } catch (error) {
      count(`threw ${classOf(error)}`);
    }
  }),
  { numRuns: Number(callsText), seed: Number(seedText) },
);
await Promise.all(pending);
console.log(JSON.stringify(tally));
