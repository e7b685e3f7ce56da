/**
 * What `numaccel bench` measures: the cases (one job each, done by every backend, variant and
 * `auto`, and beside them by peer libraries and baselines), grouped as the seed texts' experiments
 * and the issue's workloads. Every run returns a checksum, so that no engine can drop the work as
 * dead code and every backend can be seen to have done the same work. Inputs come from a seeded
 * generator, so every process and every run sees the same numbers.
 *
 * This module is loaded both by the bench (for the descriptions) and by the measurement child
 * (for the runs); peers are required only inside `prepare`, in the child, when installed.
 */
import type { NumaccelApi, NumaccelAsyncApi } from '../index.js';
import type { Backend, BackendName } from '../contract.js';
import type { Route } from '../selection.js';

/** What a numaccel target offers a case: the validated sync and async functions. */
export type BenchApi = NumaccelApi & NumaccelAsyncApi;
/** One timed run; returns a checksum. */
export type Run = () => number | Promise<number>;
/** A size per mode: `quick` runs may do less of a job that scales linearly, and are scaled back. */
export interface Sized {
  readonly full: number;
  readonly quick: number;
}
/** A great-circle implementation under the accuracy check: central angle in radians, from degrees. */
export type AngleFunction = (lon1: number, lat1: number, lon2: number, lat2: number) => number;

/** A figure published in the seed texts (or measured on this machine class with CPython), in ms. */
export interface SeedFigure {
  readonly label: string;
  readonly ms: number;
}

export interface Group {
  readonly id: string;
  readonly title: string;
  /** The seed's figures for the same job, printed beside ours; `compare` is the one the "vs seed" column divides. */
  readonly seed?: { readonly figures: readonly SeedFigure[]; readonly compare: SeedFigure; readonly note?: string };
}

/** A peer library, a baseline written here (the seed's algorithm), or an outside command. */
export interface Other {
  readonly kind: 'peer' | 'baseline' | 'external';
  readonly label: string;
  /** npm package a peer needs; the row is skipped with a note when it is not installed. */
  readonly package?: string;
  /** Work one run does (default: the case's measured size); times are scaled to the case's nominal size. */
  readonly size?: Sized;
  readonly samples?: Partial<Sized>;
  readonly note?: string;
  /** Its checksum must equal numaccel's: the same job with the same answer (a count of primes). */
  readonly sameResult?: boolean;
  /** Builds the inputs (untimed) and returns one timed run. Not for `external`. */
  prepare?(size: number): Run;
  /** For the accuracy column. */
  angle?(): AngleFunction;
  /** For `external`: the command, its arguments, and the seconds it reports for the job. */
  readonly command?: { readonly file: string; args(size: number): string[]; seconds(stdout: string): number | undefined };
}

export interface Case {
  readonly id: string;
  readonly group: string;
  /** Short, for the chart and the summary table. */
  readonly title: string;
  readonly description: string;
  /** The route of `auto` this case measures (its forced-backend times feed the selection table). */
  readonly route?: Route;
  /** The job reported: every time is for this much work (calls, pairs, rows, ...). */
  readonly nominal: number;
  /** What one numaccel run does; when smaller than `nominal` the job is linear and times are scaled. */
  readonly measured: Sized;
  /** The work grows as size² (a size × size matrix) rather than linearly. */
  readonly quadratic?: boolean;
  /** API calls in the nominal job, for ns per call in the selection table. */
  readonly calls: number;
  /** The native SIMD variants run different kernels here (otherwise native is measured once). */
  readonly variants?: boolean;
  /**
   * An async function: measured on the builds whose async kernels are their own (native variants
   * with threads of their own; wasm's and js's worker pools load the default build).
   */
  readonly async?: boolean;
  /** Only in the default (thorough) run. */
  readonly fullOnly?: boolean;
  readonly samples?: Partial<Sized>;
  /** Builds the inputs (untimed) and returns one timed run over `size` units of work. */
  prepare(api: BenchApi, size: number): Run;
  /** For the accuracy column: the kernel under test on a unit sphere. */
  angle?(api: BenchApi): AngleFunction;
  readonly others?: Readonly<Record<string, Other>>;
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** mulberry32 (T. Ettinger, public domain): a small seeded generator, so inputs are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Columns = [Float64Array, Float64Array, Float64Array, Float64Array];

/** 2^20 random point pairs (lon1, lat1, lon2, lat2) over the whole sphere. */
const POINT_COUNT = 1 << 20;
function randomPairs(): Columns {
  const random = seededRandom(3956);
  const columns: Columns = [new Float64Array(POINT_COUNT), new Float64Array(POINT_COUNT), new Float64Array(POINT_COUNT), new Float64Array(POINT_COUNT)];
  for (let i = 0; i < POINT_COUNT; i++) {
    columns[0][i] = random() * 360 - 180;
    columns[1][i] = random() * 180 - 90;
    columns[2][i] = random() * 360 - 180;
    columns[3][i] = random() * 180 - 90;
  }
  return columns;
}

/** `length` pairs: the 2^20 random pairs repeated, in fresh arrays. */
function pairs(length: number): Columns {
  return randomPairs().map((column) => {
    const long = new Float64Array(length);
    for (let at = 0; at < length; at += column.length) long.set(column.subarray(0, Math.min(column.length, length - at)), at);
    return long;
  }) as Columns;
}

/** A sum over a spread-out sample of a result, as the checksum of a big array. */
function strideSum(values: Float64Array): number {
  const step = Math.max(1, Math.floor(values.length / 4099));
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i -= step) sum += values[i]!;
  return sum;
}

/** Uniform random integers in [0, 2^32). */
function randomBelow2Pow32(count: number): Float64Array {
  const random = seededRandom(32);
  return Float64Array.from({ length: count }, () => Math.floor(random() * 2 ** 32));
}

/** Uniform random odd integers in [2^53 - 2^32, 2^53). */
function randomOddNear2Pow53(count: number): Float64Array {
  const random = seededRandom(53);
  return Float64Array.from({ length: count }, () => 2 ** 53 - 1 - 2 * Math.floor(random() * 2 ** 31));
}

/** Uniform random odd bigints in [2^64 - 2^40, 2^64). */
function randomOddNear2Pow64(count: number): bigint[] {
  const random = seededRandom(64);
  return Array.from({ length: count }, () => 2n ** 64n - 1n - 2n * BigInt(Math.floor(random() * 2 ** 39)));
}

export const LARGEST_PRIME_BELOW_2_POW_53 = 9_007_199_254_740_881;

/**
 * The seed's check_prime (trial division by every integer from 2), with its off-by-one fixed:
 * the seed stopped before int(sqrt(x)) and so called 4, 9, 25, ... prime.
 */
export function isPrimeByTrialDivision(n: number): boolean {
  if (n < 2) return false;
  const limit = Math.floor(Math.sqrt(n));
  for (let divisor = 2; divisor <= limit; divisor++) if (n % divisor === 0) return false;
  return true;
}

/** The seed's radius (miles). */
const RADIUS = 3956;

/**
 * Each backend's greatCircleMany kernel called directly on preallocated output, as the haversine
 * loop runs: no argument checks and no allocation of the result. The difference to the backend's
 * own row is what the facade adds to a call. Backends are required in the child, when run.
 */
function kernelsAlone(): Record<string, Other> {
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
        label: `${name} kernel alone, no facade`,
        note: "the default build's kernel on preallocated output, without the facade's coordinate checks and result allocation",
        sameResult: true,
        prepare: (size) => {
          const kernel = load().kernels.greatCircleMany;
          const columns = pairs(size);
          const out = new Float64Array(size);
          return () => {
            kernel(...columns, RADIUS, out);
            return strideSum(out);
          };
        },
      },
    ]),
  );
}

/**
 * The baseline: a plain haversine loop over the same Float64Arrays, the fastest naive JS.
 * `newArray`: each run allocates its result, as greatCircleMany must (on the test VM the first
 * write to each 4 KiB page of a fresh 40 MB array costs ~4 ns per pair), rather than filling one
 * array allocated before timing.
 */
function haversineLoop(what: string, newArray: boolean): Other {
  return {
    kind: 'baseline',
    label: `plain TypeScript haversine loop, ${newArray ? 'new result array' : 'preallocated result'}`,
    note: `asin form over the same Float64Arrays, ${what}: the fastest naive JS, less accurate`,
    prepare: (size) => {
      const [lon1, lat1, lon2, lat2] = pairs(size);
      const preallocated = newArray ? undefined : new Float64Array(size);
      const rad = Math.PI / 180;
      return () => {
        const out = preallocated ?? new Float64Array(size);
        for (let i = 0; i < size; i++) {
          const dLat = (lat2[i]! - lat1[i]!) * rad;
          const dLon = (lon2[i]! - lon1[i]!) * rad;
          const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1[i]! * rad) * Math.cos(lat2[i]! * rad) * Math.sin(dLon / 2) ** 2;
          out[i] = 2 * RADIUS * Math.asin(Math.sqrt(h));
        }
        return strideSum(out);
      };
    },
    angle: () => (lon1, lat1, lon2, lat2) => {
      const rad = Math.PI / 180;
      const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
      return 2 * Math.asin(Math.sqrt(h));
    },
  };
}

/** Peers are optional devDependencies: required here, in the measurement child, only when installed. */
function peer<T>(name: string): T {
  return require(name) as T;
}

interface TurfDistance {
  distance(from: readonly number[], to: readonly number[], options?: { units?: string }): number;
}
type HaversineDistance = (a: readonly number[], b: readonly number[]) => number;
interface Geolib {
  getDistance(from: readonly number[], to: readonly number[], accuracy?: number): number;
}
interface GeographicLib {
  Geodesic: {
    Geodesic: new (a: number, f: number) => { Inverse(lat1: number, lon1: number, lat2: number, lon2: number, outmask?: number): { s12?: number } };
    DISTANCE: number;
  };
}
type IsPrime = (n: number) => boolean;
type SieveOfEratosthenes = (max: number) => number[];

/** haversine-distance and geolib use the equatorial radius, in metres. */
const WGS84_A = 6_378_137;

/** The points as [lon, lat] arrays, the form turf, haversine-distance and geolib all accept. */
function pointArrays(): [number[][], number[][]] {
  const [lon1, lat1, lon2, lat2] = randomPairs();
  return [Array.from(lon1, (lon, i) => [lon, lat1[i]!]), Array.from(lon2, (lon, i) => [lon, lat2[i]!])];
}

/** `calls` calls of a two-point distance function, cycling through the 2^20 pairs. */
function pointLoop(distance: (a: number[], b: number[]) => number, calls: number): Run {
  const [from, to] = pointArrays();
  return () => {
    let sum = 0;
    for (let i = 0; i < calls; i++) {
      const j = i & (POINT_COUNT - 1);
      sum += distance(from[j]!, to[j]!);
    }
    return sum;
  };
}

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
  { id: 'sieve', title: 'Counting primes on one thread, against primesieve' },
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
];

const primesieve = (stop: string): Other => ({
  kind: 'external',
  label: 'primesieve -t1 (C++)',
  note: `primesieve ${stop} -t1 -c, timed by itself`,
  command: {
    file: 'primesieve',
    args: (size) => [String(size), '-t1', '-c', '--time', '--no-status'],
    seconds: (stdout) => {
      const match = /Seconds:\s*([\d.]+)/.exec(stdout);
      return match ? Number(match[1]) : undefined;
    },
  },
});

/** The checkPrime-per-integer loop of experiment 1. */
function primesBelow(isPrime: (n: number) => boolean, size: number, from = 0): Run {
  return () => {
    let count = 0;
    for (let i = from; i < size; i++) if (isPrime(i)) count++;
    return count;
  };
}

function countIn(values: Float64Array, isPrime: (n: number) => boolean): Run {
  return () => {
    let count = 0;
    for (let i = 0; i < values.length; i++) if (isPrime(values[i]!)) count++;
    return count;
  };
}

const sum = (flags: Uint8Array) => flags.reduce((total, flag) => total + flag, 0);

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
    others: {
      'trial-division': {
        kind: 'baseline',
        sameResult: true,
        label: "the seed's trial division, in TypeScript",
        note: "check_prime from the seed, with its off-by-one fixed (it tested divisors up to, not including, int(sqrt(x)))",
        prepare: (size) => primesBelow(isPrimeByTrialDivision, size),
      },
      'is-prime': {
        kind: 'peer',
        sameResult: true,
        label: 'is-prime',
        package: 'is-prime',
        note: 'trial division by 6k ± 1; starts at 2 (it throws on 0)',
        prepare: (size) => primesBelow(peer<IsPrime>('is-prime'), size, 2),
      },
    },
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
    others: {
      'sieve-of-eratosthenes': {
        kind: 'peer',
        sameResult: true,
        label: 'sieve-of-eratosthenes',
        package: 'sieve-of-eratosthenes',
        note: 'a plain sieve over a JS array of booleans',
        prepare: (size) => () => peer<SieveOfEratosthenes>('sieve-of-eratosthenes')(size).length,
      },
    },
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
    samples: { full: 5 },
    prepare: (api, size) => {
      const [lon1, lat1, lon2, lat2] = randomPairs();
      return () => {
        let total = 0;
        for (let i = 0; i < size; i++) {
          const j = i & (POINT_COUNT - 1);
          total += api.greatCircle(lon1[j]!, lat1[j]!, lon2[j]!, lat2[j]!);
        }
        return total;
      };
    },
    angle: (api) => (lon1, lat1, lon2, lat2) => api.greatCircle(lon1, lat1, lon2, lat2, { radius: 1 }),
    others: {
      turf: {
        kind: 'peer',
        label: '@turf/distance',
        package: '@turf/distance',
        note: 'haversine with atan2; points as [lon, lat] arrays',
        samples: { full: 5 },
        prepare: (size) => {
          const { distance } = peer<TurfDistance>('@turf/distance');
          const options = { units: 'miles' };
          return pointLoop((a, b) => distance(a, b, options), size);
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
        samples: { full: 5 },
        prepare: (size) => pointLoop(peer<HaversineDistance>('haversine-distance'), size),
        angle: () => {
          const haversine = peer<HaversineDistance>('haversine-distance');
          return (lon1, lat1, lon2, lat2) => haversine([lon1, lat1], [lon2, lat2]) / WGS84_A;
        },
      },
      geolib: {
        kind: 'peer',
        label: 'geolib getDistance',
        package: 'geolib',
        note: 'law of cosines; called with accuracy 1e-6 m (its default rounds to whole metres)',
        size: { full: 5_000_000, quick: 100_000 },
        samples: { full: 3 },
        prepare: (size) => {
          const { getDistance } = peer<Geolib>('geolib');
          return pointLoop((a, b) => getDistance(a, b, 1e-6), size);
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
        size: { full: 5_000_000, quick: 100_000 },
        samples: { full: 3 },
        prepare: (size) => {
          const { Geodesic } = peer<GeographicLib>('geographiclib-geodesic');
          const sphere = new Geodesic.Geodesic(RADIUS, 0);
          const [lon1, lat1, lon2, lat2] = randomPairs();
          return () => {
            let total = 0;
            for (let i = 0; i < size; i++) {
              const j = i & (POINT_COUNT - 1);
              total += sphere.Inverse(lat1[j]!, lon1[j]!, lat2[j]!, lon2[j]!, Geodesic.DISTANCE).s12!;
            }
            return total;
          };
        },
        angle: () => {
          const { Geodesic } = peer<GeographicLib>('geographiclib-geodesic');
          const unit = new Geodesic.Geodesic(1, 0);
          return (lon1, lat1, lon2, lat2) => unit.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12!;
        },
      },
    },
  },
  {
    id: 'greatCircleMany-5M',
    group: 'greatCircle',
    title: 'greatCircleMany, one call on 5·10^6 pairs',
    description: 'greatCircleMany over 5,000,000 random point pairs in Float64Arrays, one call',
    route: 'greatCircleMany',
    nominal: 5_000_000,
    measured: { full: 5_000_000, quick: 1_000_000 },
    calls: 1,
    variants: true,
    prepare: (api, size) => {
      const columns = pairs(size);
      return () => strideSum(api.greatCircleMany(...columns));
    },
    angle: (api) => (lon1, lat1, lon2, lat2) => api.greatCircleMany([lon1], [lat1], [lon2], [lat2], { radius: 1 })[0]!,
    others: {
      'haversine-loop': haversineLoop('into an array allocated once, outside the timed run (the loop alone)', false),
      'haversine-loop-new-array': haversineLoop('returning a new array from each run, as greatCircleMany does (the same job)', true),
      ...kernelsAlone(),
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
    others: {
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
          return countIn(randomBelow2Pow32(size), (n) => n > 0 && isPrime(n));
        },
      },
    },
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
    others: {
      'trial-division': {
        kind: 'baseline',
        label: "the seed's trial division, in TypeScript",
        note: '9.5·10^7 divisions',
        size: { full: 1, quick: 1 },
        samples: { full: 3, quick: 1 },
        prepare: (size) => () => {
          let count = 0;
          for (let i = 0; i < size; i++) if (isPrimeByTrialDivision(LARGEST_PRIME_BELOW_2_POW_53)) count++;
          return count;
        },
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
          return () => {
            let count = 0;
            for (let i = 0; i < size; i++) if (isPrime(LARGEST_PRIME_BELOW_2_POW_53)) count++;
            return count;
          };
        },
      },
    },
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

  // 4. Sieving on one thread, against primesieve -t1.
  {
    id: 'countPrimes-1e9',
    group: 'sieve',
    title: 'countPrimes(0, 10^9)',
    description: 'countPrimes(0, 10^9) on one thread (50,847,534 primes)',
    route: 'countPrimes',
    nominal: 1e9,
    measured: { full: 1e9, quick: 1e9 },
    calls: 1,
    others: { primesieve: primesieve('1e9') },
    prepare: (api, size) => () => api.countPrimes(0, size),
  },
  {
    id: 'countPrimes-1e10',
    group: 'sieve',
    title: 'countPrimes(0, 10^10)',
    description: 'countPrimes(0, 10^10) on one thread (455,052,511 primes)',
    route: 'countPrimes',
    nominal: 1e10,
    measured: { full: 1e10, quick: 1e10 },
    calls: 1,
    fullOnly: true,
    samples: { full: 3 },
    others: { primesieve: primesieve('1e10') },
    prepare: (api, size) => () => api.countPrimes(0, size),
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
