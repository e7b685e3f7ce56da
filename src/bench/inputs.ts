/**
 * The benchmark's data: inputs from a seeded generator, so that every process and every run sees
 * the same numbers; the loops and checksums that numaccel and its peers share, so that both walk
 * the inputs the same way; and great_circle.tsv, the reference of the accuracy column.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { Run } from './case-types.js';

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

// ---------------------------------------------------------------------------------------------
// Points

export type Columns = [Float64Array, Float64Array, Float64Array, Float64Array];

/** 2^20 random point pairs (lon1, lat1, lon2, lat2) over the whole sphere. */
export const POINT_COUNT = 1 << 20;
export function randomPairs(): Columns {
  const random = seededRandom(3956);
  const columns: Columns = [
    new Float64Array(POINT_COUNT),
    new Float64Array(POINT_COUNT),
    new Float64Array(POINT_COUNT),
    new Float64Array(POINT_COUNT),
  ];
  for (let i = 0; i < POINT_COUNT; i++) {
    columns[0][i] = random() * 360 - 180;
    columns[1][i] = random() * 180 - 90;
    columns[2][i] = random() * 360 - 180;
    columns[3][i] = random() * 180 - 90;
  }
  return columns;
}

/** `length` pairs: the 2^20 random pairs repeated, in fresh arrays. */
export function pairs(length: number): Columns {
  return randomPairs().map((column) => {
    const long = new Float64Array(length);
    for (let at = 0; at < length; at += column.length) long.set(column.subarray(0, Math.min(column.length, length - at)), at);
    return long;
  }) as Columns;
}

/** The points as [lon, lat] arrays, the form turf, haversine-distance and geolib all accept. */
export function pointArrays(): [number[][], number[][]] {
  const [lon1, lat1, lon2, lat2] = randomPairs();
  return [Array.from(lon1, (lon, i) => [lon, lat1[i]!]), Array.from(lon2, (lon, i) => [lon, lat2[i]!])];
}

/** The seed's radius (miles). */
export const RADIUS = 3956;

// ---------------------------------------------------------------------------------------------
// Integers

/** Uniform random integers in [0, 2^32). */
export function randomBelow2Pow32(count: number): Float64Array {
  const random = seededRandom(32);
  return Float64Array.from({ length: count }, () => Math.floor(random() * 2 ** 32));
}

/** Uniform random odd integers in [2^53 - 2^32, 2^53). */
export function randomOddNear2Pow53(count: number): Float64Array {
  const random = seededRandom(53);
  return Float64Array.from({ length: count }, () => 2 ** 53 - 1 - 2 * Math.floor(random() * 2 ** 31));
}

/** Uniform random odd bigints in [2^64 - 2^40, 2^64). */
export function randomOddNear2Pow64(count: number): bigint[] {
  const random = seededRandom(64);
  return Array.from({ length: count }, () => 2n ** 64n - 1n - 2n * BigInt(Math.floor(random() * 2 ** 39)));
}

export const LARGEST_PRIME_BELOW_2_POW_53 = 9_007_199_254_740_881;

// ---------------------------------------------------------------------------------------------
// Loops and checksums shared by numaccel's runs and the peers'

/** The checkPrime-per-integer loop of experiment 1: counts the primes in [from, size). */
export function primesBelow(isPrime: (n: number) => boolean, size: number, from = 0): Run {
  return () => {
    let count = 0;
    for (let i = from; i < size; i++) if (isPrime(i)) count++;
    return count;
  };
}

/** Counts the primes among `values`, one call each. */
export function countIn(values: Float64Array, isPrime: (n: number) => boolean): Run {
  return () => {
    let count = 0;
    for (let i = 0; i < values.length; i++) if (isPrime(values[i]!)) count++;
    return count;
  };
}

/** A sum over a spread-out sample of a result, as the checksum of a big array. */
export function strideSum(values: Float64Array): number {
  const step = Math.max(1, Math.floor(values.length / 4099));
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i -= step) sum += values[i]!;
  return sum;
}

/** The number of flags set, as the checksum of checkPrimes. */
export const sum = (flags: Uint8Array) => flags.reduce((total, flag) => total + flag, 0);

// ---------------------------------------------------------------------------------------------
// Reference data: great_circle.tsv

/**
 * A reference file in NUMACCEL_REFERENCE_DIR, else in test/fixtures/: great_circle.tsv for the
 * accuracy column (the package ships it), geodesic_inverse.tsv for the geodesic accuracy (the
 * repository only).
 */
export function findReference(name = 'great_circle.tsv'): string | undefined {
  const dirs = [process.env.NUMACCEL_REFERENCE_DIR, path.join(PACKAGE_ROOT, 'test', 'fixtures')];
  return dirs
    .filter((dir): dir is string => !!dir)
    .map((dir) => path.join(dir, name))
    .find((file) => fs.existsSync(file));
}

/** The rows of great_circle.tsv: lon1, lat1, lon2, lat2 in degrees and the exact central angle in radians. */
export function readReference(file: string): number[][] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([lon1, lat1, lon2, lat2, , angle]) => [lon1, lat1, lon2, lat2, angle].map(Number));
}
