/**
 * The tour's workloads (src/cli/tour.ts): cases of the bench at the tour's sizes, each with the
 * peers shown beside it. Read by the tour and by its measuring threads (tour-worker.ts).
 */
import type { Case, Other } from '../bench/case-types.js';
import { haversineMatrix } from '../bench/baselines.js';
import { RADIUS, randomPairs, strideSum, type Columns } from '../bench/inputs.js';

/** One workload of the tour: a case of the bench, at the tour's size, with the peers shown beside it. */
export interface Workload {
  /** A case of src/bench/cases.ts. */
  readonly case: string;
  /** Short, for the table. */
  readonly title: string;
  /** Work per run (the case's nominal job, or less, its times scaled back to it). */
  readonly size: number;
  /** The job is one number (π(x)): a run of another size is another job, never scaled. */
  readonly fixed?: boolean;
  /** The seed's own experiment, done its way (one call per value): counted in the summary's seed clause. */
  readonly experiment?: boolean;
  /** Peers and baselines: the case's `others` by id, or one of the tour's own, with a short name. */
  readonly peers: ReadonlyArray<{ readonly name: string; readonly id?: string; readonly other?: Other }>;
}

/** A plain haversine matrix loop over the same random points (the matrix case has no peer of its own). */
const MATRIX_LOOP: Other = {
  kind: 'baseline',
  label: 'plain TypeScript haversine matrix loop',
  prepare: (size) => {
    const [lon, lat] = randomPairs().map((column) => column.slice(0, size)) as Columns;
    return () => strideSum(haversineMatrix(lon, lat, lon, lat, RADIUS));
  },
};

export const WORKLOADS: readonly Workload[] = [
  {
    case: 'checkPrime-1e6',
    title: 'checkPrime(i), one call per i < 10^6',
    size: 1_000_000,
    experiment: true,
    peers: [{ name: 'is-prime', id: 'is-prime' }],
  },
  {
    case: 'primesBetween-1e6',
    title: 'primesBetween(0, 10^6), one call',
    size: 1_000_000,
    peers: [{ name: 'sieve-of-eratosthenes', id: 'sieve-of-eratosthenes' }],
  },
  {
    case: 'greatCircle-5M',
    title: 'greatCircle, 5·10^6 calls',
    size: 1_000_000,
    experiment: true,
    peers: [
      { name: 'haversine-distance', id: 'haversine-distance' },
      { name: '@turf/distance', id: 'turf' },
    ],
  },
  {
    case: 'greatCircleMany-5M',
    title: 'greatCircleMany, 5·10^6 pairs',
    size: 1_000_000,
    peers: [{ name: 'haversine loop (TS)', id: 'haversine-loop-new-array' }],
  },
  {
    case: 'matrix-4000',
    title: 'greatCircleMatrix, 4000 × 4000',
    size: 2000,
    experiment: true,
    peers: [{ name: 'haversine loop (TS)', other: MATRIX_LOOP }],
  },
  { case: 'primePi-1e13', title: 'countPrimes: π(10^13)', size: 1e13, fixed: true, peers: [{ name: 'primecount -t1', id: 'primecount' }] },
  {
    case: 'geodesicDistance-1M',
    title: 'geodesicDistance, 10^6 calls',
    size: 200_000,
    peers: [{ name: 'geographiclib-geodesic', id: 'geographiclib' }],
  },
  {
    case: 'geodesicDistanceMany-1M-out',
    title: 'geodesicDistanceMany, 10^6 pairs',
    size: 200_000,
    peers: [{ name: 'geographiclib-geodesic', id: 'geographiclib' }],
  },
];

/** The size a run does: the workload's, times the factor (a matrix's side by its square root). */
export function sizeOf(workload: Workload, kase: Case, factor: number): number {
  if (factor === 1) return workload.size;
  return Math.max(2, Math.round(workload.size * (kase.quadratic ? Math.sqrt(factor) : factor)));
}

/** A workload's peer, resolved: the tour's own, or the case's `others` entry. */
export function peerOf(workload: Workload, kase: Case, index: number): Other {
  const peer = workload.peers[index]!;
  const other = peer.other ?? kase.others?.[peer.id!];
  if (!other) throw new Error(`tour: case ${kase.id} has no peer ${peer.id}`);
  return other;
}
