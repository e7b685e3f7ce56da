import { BUILD_IDS, figuresOf, type Backend, type BuildId } from './builds.js';
import { KERNEL_NAMES, type KernelName } from './contract.js';

/**
 * How the facade routes calls: each route is one kernel (on one class of inputs, for checkPrime),
 * and `auto` picks a build per route. checkPrime has two routes because call overhead decides small inputs (V8
 * inlines the TypeScript kernel, a Node-API call costs ~60 ns) while arithmetic decides large ones.
 * @category Backends
 */
export type Route = 'checkPrimeLarge' | Exclude<KernelName, keyof typeof SERVED_BY>;

/**
 * Kernels served by the build of another route: the coordinate check by that of the batch
 * kernel it checks, π(x) and the n-th prime by countPrimes' (their time is the same sieve's and
 * arithmetic's), the neighbouring primes by checkPrimeLarge's (Miller–Rabin decides their time),
 * the other geodesic kernels by the distance's (Karney's inverse decides their time, per edge
 * for the area), the geodesic matrix by the batch's (the same per-pair kernel).
 */
export const SERVED_BY = {
  coordinatesInDomain: 'greatCircleMany',
  primePi: 'countPrimes',
  primePiLeaves: 'countPrimes',
  primePiSieve: 'countPrimes',
  nthPrime: 'countPrimes',
  nextPrime: 'checkPrimeLarge',
  prevPrime: 'checkPrimeLarge',
  geodesicInverse: 'geodesicDistance',
  geodesicDirect: 'geodesicDistance',
  geodesicArea: 'geodesicDistance',
  geodesicDistanceMatrix: 'geodesicDistanceMany',
} as const;

/**
 * Every kernel of the contract is a route, checkPrime two of them, but those SERVED_BY another.
 * @category Backends
 */
export const ROUTES: readonly Route[] = KERNEL_NAMES.flatMap((kernel): Route[] =>
  kernel === 'checkPrime' ? ['checkPrime', 'checkPrimeLarge'] : Object.hasOwn(SERVED_BY, kernel) ? [] : [kernel as Route],
);

/** The backend serving each route. */
export type RouteBackends = Readonly<Record<Route, Backend>>;

/** checkPrime inputs at or above this (and every bigint) take the checkPrimeLarge route. */
export const LARGE_PRIME_CANDIDATE = 2 ** 32;

/**
 * A benchmark result that `auto` follows (src/auto-selection.json, or a table written by
 * `numaccel bench --select`): each build's time per call on each route. Every build is listed,
 * those that share a route's kernel with another build under that build's figure.
 * @category Backends
 */
export interface SelectionTable {
  /** The command that wrote it and how it measured. */
  readonly generatedBy: string;
  /** The day of the measurement (YYYY-MM-DD). */
  readonly date: string;
  /** The CPU, cores, memory, OS and Node version of the machine measured. */
  readonly machine: string;
  /** The Node version that ran it. */
  readonly node: string;
  /** Per route: what was measured, and each build's time per call. */
  readonly routes: Readonly<
    Record<
      Route,
      {
        /** The cases measured. */
        readonly workload: string;
        /** Nanoseconds per call of each build (the geometric mean over the cases). */
        readonly nsPerCall: Readonly<Partial<Record<BuildId, number>>>;
      }
    >
  >;
}

/**
 * Measured differences below this fraction are ties, won by the build first in priority order
 * (src/builds.ts: native, wasm, js): the same job's median moves by up to 5% from one process to
 * the next (docs/algorithms.md, "Measured choices"), so a smaller margin would let every --select
 * run flip such a route on noise.
 */
export const TIE_MARGIN = 0.05;

/**
 * For each route, the available build with the lowest measured time per call, or the first in
 * priority order within TIE_MARGIN of it; a route with no measurement for any available build
 * falls back to the first available in priority order. A build the table has no figure of takes
 * those of the build it is `measuredAs` (src/builds.ts).
 */
export function chooseRoutes(table: SelectionTable, available: readonly BuildId[]): Record<Route, BuildId> {
  if (available.length === 0) throw new Error('numaccel: no backend is available');
  const ranked = BUILD_IDS.filter((id) => available.includes(id));
  const choice = {} as Record<Route, BuildId>;
  for (const route of ROUTES) {
    const measured = table.routes[route]?.nsPerCall ?? {};
    const time = (id: BuildId) => figuresOf(id, measured) ?? Infinity;
    const fastest = Math.min(...ranked.map(time));
    // With nothing measured, fastest is Infinity and the first ranked build matches.
    choice[route] = ranked.find((id) => time(id) <= fastest * (1 + TIE_MARGIN))!;
  }
  return choice;
}

/** Whether `value` has the shape of a selection table (for tables read from a file or given to configure). */
export function isSelectionTable(value: unknown): value is SelectionTable {
  const routes = (value as SelectionTable | null)?.routes;
  return typeof routes === 'object' && routes !== null && ROUTES.every((route) => typeof routes[route]?.nsPerCall === 'object');
}
