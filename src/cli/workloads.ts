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
} satisfies Record<string, Workload>;

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
