/**
 * The measured workloads, shared by `npm start` (the seed's experiments) and the calibration that
 * `auto` follows. Each returns a checksum so that no engine can drop the work as dead code, and
 * so that every backend can be seen to have done the same work.
 */
import type { NumaccelApi } from '../api.js';

/** mulberry32 (T. Ettinger, public domain): a small seeded generator, so inputs are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 2^20 random point pairs; distance loops cycle through them, so nothing is loop-invariant. */
const POINT_COUNT = 1 << 20;
function randomPoints(): Float64Array[] {
  const random = seededRandom(3956);
  const columns = [new Float64Array(POINT_COUNT), new Float64Array(POINT_COUNT), new Float64Array(POINT_COUNT), new Float64Array(POINT_COUNT)];
  for (let i = 0; i < POINT_COUNT; i++) {
    columns[0]![i] = random() * 360 - 180;
    columns[1]![i] = random() * 180 - 90;
    columns[2]![i] = random() * 360 - 180;
    columns[3]![i] = random() * 180 - 90;
  }
  return columns;
}

/** Odd integers spread uniformly over [2^32, 2^53): the arithmetic-bound side of checkPrime. */
function largeOddIntegers(count: number): Float64Array {
  const random = seededRandom(53);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = 2 ** 32 + Math.floor(random() * (2 ** 53 - 2 ** 32) / 2) * 2 + 1;
  return values;
}

export const LARGEST_PRIME_BELOW_2_POW_53 = 9_007_199_254_740_881;

/**
 * The seed's check_prime (trial division by every integer from 2), with its off-by-one fixed:
 * the seed stopped before int(sqrt(x)) and so called 4, 9, 25, ... prime. The baseline that
 * Miller–Rabin is measured against.
 */
export function isPrimeByTrialDivision(n: number): boolean {
  if (n < 2) return false;
  const limit = Math.floor(Math.sqrt(n));
  for (let divisor = 2; divisor <= limit; divisor++) if (n % divisor === 0) return false;
  return true;
}

export interface Workload {
  readonly description: string;
  /** Calls made by one run. */
  readonly calls: number;
  /** Builds the inputs (untimed) and returns one timed run, which returns a checksum. */
  prepare(api: NumaccelApi): () => number;
}

export const WORKLOADS = {
  primesBelowMillion: {
    description: 'checkPrime(i) for every i < 1,000,000, one call each (seed experiment 1)',
    calls: 1_000_000,
    prepare: (api) => () => {
      let count = 0;
      for (let i = 0; i < 1_000_000; i++) if (api.checkPrime(i)) count++;
      return count;
    },
  },
  largeOddIntegers: {
    description: 'checkPrime(n) for 20,000 random odd n in [2^32, 2^53)',
    calls: 20_000,
    prepare: (api) => {
      const values = largeOddIntegers(20_000);
      return () => {
        let count = 0;
        for (let i = 0; i < values.length; i++) if (api.checkPrime(values[i]!)) count++;
        return count;
      };
    },
  },
  primeNear2Pow53: {
    description: 'checkPrime(9,007,199,254,740,881), the largest prime below 2^53, 1,000 calls',
    calls: 1_000,
    prepare: (api) => () => {
      let count = 0;
      for (let i = 0; i < 1_000; i++) if (api.checkPrime(LARGEST_PRIME_BELOW_2_POW_53)) count++;
      return count;
    },
  },
  trialDivisionNear2Pow53: {
    description: "the seed's trial division (corrected to include the square root) on the same prime, 1 call",
    calls: 1,
    prepare: () => () => (isPrimeByTrialDivision(LARGEST_PRIME_BELOW_2_POW_53) ? 1 : 0),
  },
  greatCircleMillion: {
    description: 'greatCircle on 1,000,000 varied point pairs, one call each',
    calls: 1_000_000,
    prepare: (api) => greatCircleLoop(api, 1_000_000),
  },
  greatCircleFiveMillion: {
    description: '5,000,000 greatCircle calls on varied points (seed experiment 3)',
    calls: 5_000_000,
    prepare: (api) => greatCircleLoop(api, 5_000_000),
  },
  checkPrimesBatch: {
    description: 'checkPrimes over 100,000 random odd integers below 2^53, one call',
    calls: 1,
    prepare: (api) => {
      const random = seededRandom(100_000);
      const values = Float64Array.from({ length: 100_000 }, () => Math.floor(random() * 2 ** 52) * 2 + 1);
      return () => api.checkPrimes(values).reduce((sum, isPrime) => sum + isPrime, 0);
    },
  },
  countPrimesTo1e8: {
    description: 'countPrimes(0, 10^8), one call',
    calls: 1,
    prepare: (api) => () => api.countPrimes(0, 1e8),
  },
  primesBetweenTo1e7: {
    description: 'primesBetween(0, 10^7), one call',
    calls: 1,
    prepare: (api) => () => api.primesBetween(0, 1e7).length,
  },
  greatCircleManyMillion: {
    description: 'greatCircleMany over 1,000,000 varied point pairs, one call',
    calls: 1,
    prepare: (api) => {
      const [lon1, lat1, lon2, lat2] = randomPoints().map((column) => column.subarray(0, 1_000_000)) as [Float64Array, Float64Array, Float64Array, Float64Array];
      return () => api.greatCircleMany(lon1, lat1, lon2, lat2)[999_999]!;
    },
  },
  greatCircleMatrix1000: {
    description: 'greatCircleMatrix of 1,000 × 1,000 varied points, one call',
    calls: 1,
    prepare: (api) => {
      const [lon, lat] = randomPoints().map((column) => column.subarray(0, 1_000)) as [Float64Array, Float64Array];
      return () => api.greatCircleMatrix(lon, lat, lon, lat)[123_456]!;
    },
  },
  greatCircleManyFourMillion: {
    description: 'greatCircleMany over 4,000,000 varied point pairs, one call',
    calls: 1,
    prepare: (api) => {
      const columns = fourMillionPairs();
      return () => api.greatCircleMany(...columns)[3_999_999]!;
    },
  },
  haversineLoopFourMillion: {
    description: 'the peer baseline: a plain TypeScript haversine loop over the same 4,000,000 pairs in Float64Arrays',
    calls: 1,
    prepare: () => {
      const [lon1, lat1, lon2, lat2] = fourMillionPairs();
      const out = new Float64Array(lon1.length);
      const rad = Math.PI / 180;
      return () => {
        for (let i = 0; i < out.length; i++) {
          const dLat = (lat2[i]! - lat1[i]!) * rad;
          const dLon = (lon2[i]! - lon1[i]!) * rad;
          const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1[i]! * rad) * Math.cos(lat2[i]! * rad) * Math.sin(dLon / 2) ** 2;
          out[i] = 2 * 3956 * Math.asin(Math.sqrt(h));
        }
        return out[3_999_999]!;
      };
    },
  },
  countPrimesTo1e9: {
    description: 'countPrimes(0, 10^9), one call',
    calls: 1,
    prepare: (api) => () => api.countPrimes(0, 1e9),
  },
} satisfies Record<string, Workload>;

/** 4,000,000 pairs: the 2^20 random points four times over, in fresh arrays. */
function fourMillionPairs(): [Float64Array, Float64Array, Float64Array, Float64Array] {
  return randomPoints().map((column) => {
    const long = new Float64Array(4_000_000);
    for (let at = 0; at < long.length; at += column.length) long.set(column.subarray(0, Math.min(column.length, long.length - at)), at);
    return long;
  }) as [Float64Array, Float64Array, Float64Array, Float64Array];
}

export type WorkloadName = keyof typeof WORKLOADS;

function greatCircleLoop(api: NumaccelApi, calls: number): () => number {
  const [lon1, lat1, lon2, lat2] = randomPoints() as [Float64Array, Float64Array, Float64Array, Float64Array];
  return () => {
    let sum = 0;
    for (let i = 0; i < calls; i++) {
      const j = i & (POINT_COUNT - 1);
      sum += api.greatCircle(lon1[j]!, lat1[j]!, lon2[j]!, lat2[j]!);
    }
    return sum;
  };
}
