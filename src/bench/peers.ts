/**
 * What numaccel is measured beside: peer libraries (turf, haversine-distance, geolib,
 * GeographicLib, is-prime, sieve-of-eratosthenes), baselines written here (the seed's trial
 * division, the plain haversine loops, each backend's kernel alone) and primesieve, each set
 * named for the case it joins in cases.ts. A peer is an optional devDependency, required only
 * inside `prepare` or `angle`, in the measurement child, when it is installed; a backend of the
 * kernels-alone rows likewise.
 */
import type { Backend, BackendName } from '../contract.js';
import type { Other, Run } from './case-types.js';
import { LARGEST_PRIME_BELOW_2_POW_53, POINT_COUNT, RADIUS, pairs, pointArrays, primesBelow, countIn, randomBelow2Pow32, randomPairs, strideSum } from './inputs.js';

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
// The others of each case, in the order of its rows

/** Beside checkPrime-1e6: the seed's check_prime, and is-prime, over the same integers. */
export const PRIMES_BELOW_1E6: Readonly<Record<string, Other>> = {
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
};

/** Beside primesBetween-1e6: a plain sieve. */
export const SIEVE_1E6: Readonly<Record<string, Other>> = {
  'sieve-of-eratosthenes': {
    kind: 'peer',
    sameResult: true,
    label: 'sieve-of-eratosthenes',
    package: 'sieve-of-eratosthenes',
    note: 'a plain sieve over a JS array of booleans',
    prepare: (size) => () => peer<SieveOfEratosthenes>('sieve-of-eratosthenes')(size).length,
  },
};

/** Beside greatCircle-5M: the two-point distance functions of npm. */
export const POINT_DISTANCES: Readonly<Record<string, Other>> = {
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
};

/** Beside greatCircleMany-5M: the plain haversine loops, and each backend's kernel without the facade. */
export const BATCH_DISTANCES: Readonly<Record<string, Other>> = {
  'haversine-loop': haversineLoop('into an array allocated once, outside the timed run (the loop alone)', false),
  'haversine-loop-new-array': haversineLoop('returning a new array from each run, as greatCircleMany does (the same job)', true),
  ...kernelsAlone(),
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
      return countIn(randomBelow2Pow32(size), (n) => n > 0 && isPrime(n));
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
};

/** Beside countPrimes(0, stop) on one thread: primesieve -t1, timed by itself. */
export function primesieve(stop: string): Readonly<Record<string, Other>> {
  return {
    primesieve: {
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
    },
  };
}
