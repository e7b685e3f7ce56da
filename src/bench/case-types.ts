/**
 * What a benchmark case is: one job, done by every backend, variant and `auto` (`prepare` with a
 * numaccel API), and beside them by peer libraries and baselines (`others`), grouped as the seed
 * texts' experiments and the issue's workloads. Every run returns a checksum, so that no engine
 * can drop the work as dead code and every backend can be seen to have done the same work.
 *
 * The cases themselves are in cases.ts, their inputs in inputs.ts, the peers in peers.ts.
 */
import type { NumaccelApi, NumaccelAsyncApi } from '../index.js';
import type { Route } from '../selection.js';
import type { GeodesicDistances } from './geodesic-accuracy.js';

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
  /** For the geodesic accuracy table (geodesic-accuracy.ts). */
  geodesic?(): GeodesicDistances;
  /**
   * For `external`: the command, its arguments, and the seconds it reports for the job; `build`
   * makes the command first (when it is a program of the repository), throwing why it cannot.
   */
  readonly command?: {
    readonly file: string;
    args(size: number): string[];
    seconds(stdout: string): number | undefined;
    build?(): void;
  };
}

export interface Case {
  readonly id: string;
  readonly group: string;
  /** Short, for the chart and the summary table. */
  readonly title: string;
  readonly description: string;
  /** The route of `auto` this case measures (its forced-backend times feed the selection table). */
  readonly route?: Route;
  /** The route that serves this case, for a case that is not to feed the selection table. */
  readonly servedBy?: Route;
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
  /** npm package holding the case's data (a devDependency): every row is skipped with a note when it is not installed. */
  readonly package?: string;
  readonly samples?: Partial<Sized>;
  /**
   * Fresh processes per target (default 1), for every row of the case, taken in rounds over the
   * rows: the row keeps the process with the lowest median and reports each process's median. A
   * process on this class of VM runs at one of two speeds (up to 1.6× apart) for its whole life,
   * so with one process per target a close comparison is a coin flip.
   */
  readonly processes?: Partial<Sized>;
  /** Builds the inputs (untimed) and returns one timed run over `size` units of work. */
  prepare(api: BenchApi, size: number): Run;
  /** For the accuracy column: the kernel under test on a unit sphere. */
  angle?(api: BenchApi): AngleFunction;
  /** For the geodesic accuracy table: the function under test, in metres. */
  geodesic?(api: BenchApi): GeodesicDistances;
  readonly others?: Readonly<Record<string, Other>>;
}
