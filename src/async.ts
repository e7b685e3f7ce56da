/**
 * The async batch functions: same arguments, validation and results as the synchronous ones,
 * returned as promises, with the work off the event loop and spread over threads.
 *
 * - A backend with async kernels of its own (native: Node-API async work over a native thread
 *   pool) gets the whole job and a shared control array for cancellation and progress.
 * - The others run their synchronous kernels on chunks of the job, in a pool of worker threads
 *   with one instance of the build per worker (the platform's: piscina in Node, module Web
 *   Workers in browsers). Pools start on first use, are reused, and their idle threads do not
 *   keep the process alive.
 */
import { countsByPrimePi, type Coordinates, type PrimeCandidates, type ResultOptions, type RouteBackends } from './api.js';
import {
  validateManyArguments,
  validateMatrixArguments,
  validateNthPrimeIndex,
  validateOut,
  validatePrimeCandidates,
  validatePrimeListSize,
  validateRange,
  type Columns,
  type GreatCircleOptions,
} from './arguments.js';
import { coordinatesInDomain } from './backends/js/geo.js';
import { parseAsyncOptions, type Job } from './async-options.js';
import { primesWritten, type AsyncKernels, type Kernels } from './contract.js';
import { resolveGeodesicBatchOptions, type GeodesicOptions } from './geodesic-arguments.js';
import { inUnit } from './geodesic.js';
import { PRIME_PI_PARTS_FROM, addPrimePiParts, primePiParts } from './prime-pi-parts.js';
import type { BuildId } from './builds.js';
import type { Configuration, Platform, WorkerPool } from './platform.js';
import { transferablesOf, type PoolTask } from './pool-task.js';
import type { Route } from './selection.js';

/** What every async function takes besides its synchronous form's options: threads, cancellation, progress. @category Async */
export interface AsyncOptions {
  /** Threads to use: default NUMACCEL_THREADS, else the machine's available parallelism. */
  threads?: number | undefined;
  /** Aborting rejects the promise with an AbortError at once and stops the threads' work. */
  signal?: AbortSignal | undefined;
  /** Called with the fraction of the work done: monotone, in [0, 1], ending at exactly 1. */
  onProgress?: ((fraction: number) => void) | undefined;
}

/** The async batch functions: the synchronous ones' arguments and results, as promises, the work spread over threads. @category Async */
export interface NumaccelAsyncApi {
  /** checkPrimes on the pool's threads (native: its own threads). */
  checkPrimesAsync(values: PrimeCandidates, options?: AsyncOptions & ResultOptions<Uint8Array>): Promise<Uint8Array>;
  /** countPrimes on the pool's threads (native: its own threads). */
  countPrimesAsync(lo: number | bigint, hi: number | bigint, options?: AsyncOptions): Promise<number>;
  /** nthPrime on a thread of the pool, off the event loop (it takes seconds near the top of its range). */
  nthPrimeAsync(n: number | bigint, options?: AsyncOptions): Promise<number>;
  /** primesBetween on the pool's threads (native: its own threads). */
  primesBetweenAsync(lo: number | bigint, hi: number | bigint, options?: AsyncOptions & ResultOptions<Float64Array>): Promise<Float64Array>;
  /** greatCircleMany on the pool's threads (native: its own threads). */
  greatCircleManyAsync(
    lon1: Coordinates,
    lat1: Coordinates,
    lon2: Coordinates,
    lat2: Coordinates,
    options?: GreatCircleOptions & ResultOptions<Float64Array> & AsyncOptions,
  ): Promise<Float64Array>;
  /** greatCircleMatrix on the pool's threads (native: its own threads), a band of rows per chunk. */
  greatCircleMatrixAsync(
    lonsA: Coordinates,
    latsA: Coordinates,
    lonsB: Coordinates,
    latsB: Coordinates,
    options?: GreatCircleOptions & ResultOptions<Float64Array> & AsyncOptions,
  ): Promise<Float64Array>;
  /** geodesicDistanceMany on the pool's threads. */
  geodesicDistanceManyAsync(
    lon1: Coordinates,
    lat1: Coordinates,
    lon2: Coordinates,
    lat2: Coordinates,
    options?: GeodesicOptions & ResultOptions<Float64Array> & AsyncOptions,
  ): Promise<Float64Array>;
  /** geodesicDistanceMatrix on the pool's threads, a band of rows per chunk. */
  geodesicDistanceMatrixAsync(
    lonsA: Coordinates,
    latsA: Coordinates,
    lonsB: Coordinates,
    latsB: Coordinates,
    options?: GeodesicOptions & ResultOptions<Float64Array> & AsyncOptions,
  ): Promise<Float64Array>;
}

function abortError(fn: string): DOMException {
  return new DOMException(`${fn}: the operation was aborted`, 'AbortError');
}

// ---------------------------------------------------------------------------------------------
// Running a job on a backend's own threads

async function runNative<T>(fn: string, job: Job, start: (threads: number, control: Int32Array) => Promise<T>): Promise<T> {
  if (job.signal?.aborted) throw abortError(fn);
  const control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  const signal = job.signal;
  let onAbort: (() => void) | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  try {
    const result = await new Promise<T>((resolve, reject) => {
      // Cancels the threads (they stop at their next check) and rejects the call.
      const fail = (error: unknown) => {
        Atomics.store(control, 0, 1);
        reject(error);
      };
      onAbort = () => fail(abortError(fn));
      signal?.addEventListener('abort', onAbort, { once: true });
      poll = setInterval(() => {
        const total = Atomics.load(control, 2);
        try {
          if (total > 0) job.report(Math.min(Atomics.load(control, 1) / total, 1 - Number.EPSILON));
        } catch (error) {
          fail(error); // a throwing onProgress rejects the call instead of crashing the process
        }
      }, 16);
      poll.unref?.(); // Node: the pending async work keeps the process alive, not this timer
      start(job.threads, control).then(resolve, reject);
    });
    job.report(1);
    return result;
  } finally {
    clearInterval(poll);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

// ---------------------------------------------------------------------------------------------
// Running a job in chunks on the worker pool

/** The task of a chunk, without the build the pool adds. */
type ChunkTask = PoolTask extends infer T ? (T extends PoolTask ? Omit<T, 'build'> : never) : never;

interface Chunk<T> {
  readonly task: ChunkTask;
  /** Share of the whole job, for progress. */
  readonly weight: number;
  readonly done: (result: T) => void;
}

/** A job's chunks, made one at a time as threads free up: a huge range must not become a huge array. */
interface Chunks<T> {
  readonly count: number;
  readonly totalWeight: number;
  at(index: number): Chunk<T>;
}

async function runOnPool<T>(fn: string, pool: WorkerPool, build: BuildId, job: Job, chunks: Chunks<T>): Promise<void> {
  if (job.signal?.aborted) throw abortError(fn);
  const cancel = new AbortController(); // stops the chunks in flight: on abort, or when one fails
  const signal = job.signal;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let inFlight = 0;
      let finished = 0;
      let stopped = false;
      const fail = (error: unknown) => {
        if (stopped) return;
        stopped = true;
        cancel.abort();
        reject(error);
      };
      onAbort = () => fail(abortError(fn));
      signal?.addEventListener('abort', onAbort, { once: true });
      const launch = () => {
        while (!stopped && inFlight < job.threads && next < chunks.count) {
          const chunk = chunks.at(next++);
          inFlight++;
          pool
            .run({ ...chunk.task, build } as PoolTask, { signal: cancel.signal, transferList: transferablesOf(chunk.task as PoolTask) })
            .then((value) => {
              const result = value as T;
              if (stopped) return;
              // An exception here (making the next chunk, or a progress callback) would otherwise
              // reject only this callback's promise and leave the job pending forever.
              try {
                inFlight--;
                chunk.done(result);
                finished += chunk.weight;
                if (next === chunks.count && inFlight === 0) {
                  stopped = true;
                  resolve();
                } else {
                  job.report(Math.min(finished / chunks.totalWeight, 1 - Number.EPSILON));
                  launch();
                }
              } catch (error) {
                fail(error);
              }
            }, fail);
        }
      };
      if (chunks.count === 0) resolve();
      else launch();
    });
    job.report(1);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * [lo, hi) cut into pieces of `size` (the last may be shorter), each turned into a chunk by
 * `make(start, end, index)`; its weight is its length.
 */
function piecesOf<T>(
  lo: number,
  hi: number,
  size: number,
  make: (start: number, end: number, index: number) => Omit<Chunk<T>, 'weight'>,
): Chunks<T> {
  return {
    count: Math.ceil((hi - lo) / size),
    totalWeight: hi - lo,
    at(index) {
      const start = lo + index * size;
      const end = Math.min(start + size, hi);
      return { ...make(start, end, index), weight: end - start };
    },
  };
}

const clamp = (x: number, low: number, high: number) => Math.max(low, Math.min(high, x));

/** Roughly 8 chunks per thread, for balance and for progress, within sensible chunk sizes. */
const chunkSize = (units: number, threads: number, smallest: number, largest: number) =>
  clamp(Math.ceil(units / (8 * threads)), smallest, largest);

// ---------------------------------------------------------------------------------------------

/**
 * The kernels of an async call read its arrays after the call has returned, while the caller's
 * code runs on: a caller that then changed an array would hand them values that were never
 * validated, and one that transferred (detached) its buffer would leave native threads reading
 * freed memory. So async calls work on a private copy of each array the caller passed in, taken
 * at the call (an argument validation already converted is private already).
 */
function privateCopy<T extends Float64Array | BigUint64Array>(array: T, argument: unknown): T {
  return array === argument ? (array.slice() as T) : array;
}

const privateColumns = (columns: Columns, args: readonly unknown[]): Columns =>
  columns.map((column, i) => privateCopy(column, args[i])) as Columns;

/**
 * One async call, validated and with its private copies taken: the whole job on a build's own
 * threads, or the job cut into chunks for a pool of the build's workers (`pieces` names each
 * chunk's task and what to do with its result), and the call's result once every part is done.
 */
interface Prepared<T, R> {
  /** Absent where the build's own threads have no kernel for the job: it goes to the pool. */
  readonly own?: ((kernels: AsyncKernels, threads: number, control: Int32Array) => Promise<unknown>) | undefined;
  readonly pieces: (threads: number) => Chunks<R>;
  readonly result: () => T;
}

/** For each async function: its route, whether it takes greatCircle's options, and how it prepares its call. */
type Preparation<A extends unknown[], T> = {
  readonly route: Route;
  /** The positional arguments before the options. */
  readonly arity: A['length'];
  /** The function's own options beside the async ones. */
  readonly options: readonly string[];
  // The chunks' result type differs from function to function: each `done` knows its own.
  // biome-ignore lint/suspicious/noExplicitAny: each entry prepares its own result type
  prepare(fn: string, args: A, rest: Record<string, unknown> | undefined, check: Pick<Kernels, 'coordinatesInDomain'>): Prepared<T, any>;
};

type Args<K extends keyof NumaccelAsyncApi> = Parameters<NumaccelAsyncApi[K]> extends [...infer A, unknown?] ? A : never;
type Result<K extends keyof NumaccelAsyncApi> = Awaited<ReturnType<NumaccelAsyncApi[K]>>;

/** greatCircle's options and out, beside the async ones. */
const DISTANCE_OPTIONS = ['radius', 'unit', 'out'];
/** The geodesics' options and out, beside the async ones. */
const GEODESIC_OPTIONS = ['unit', 'ellipsoid', 'out'];

/**
 * The result in the caller's options.out, when given. The job computes into arrays of its own
 * and copies at the end: the caller holds `out` while the promise is pending and may change or
 * transfer it, which must not reach threads still writing (nor let them write freed memory).
 */
function filled<T extends Float64Array | Uint8Array>(given: T | undefined, result: T): T {
  if (!given) return result;
  given.set(result);
  return given;
}

/** Chunk sizes: elements for arrays, integers for ranges, rows for the matrix. */
const CHUNKS = {
  checkPrimes: [256, 1 << 16],
  range: [1 << 22, 1 << 26],
  greatCircleMany: [4096, 1 << 17],
  // A geodesic costs ~10 great circles: chunks of fewer pairs take as long.
  geodesicDistanceMany: [512, 1 << 14],
} as const;

/** Distances per matrix chunk: its rows are as many as fit. */
const MATRIX_CHUNK_CELLS = 1 << 18;
const GEODESIC_MATRIX_CHUNK_CELLS = 1 << 15;

const ASYNC_FUNCTIONS: { readonly [K in keyof NumaccelAsyncApi]: Preparation<Args<K>, Result<K>> } = {
  checkPrimesAsync: {
    arity: 1,
    route: 'checkPrimes',
    options: ['out'],
    prepare(fn, [values], rest) {
      const candidates = privateCopy(validatePrimeCandidates(fn, values), values);
      const given = validateOut(fn, rest?.['out'], Uint8Array, { length: candidates.length }, [['values', values]]);
      const out = new Uint8Array(candidates.length);
      return {
        own: (kernels, threads, control) => kernels.checkPrimesAsync(candidates, out, threads, control),
        pieces: (threads) =>
          piecesOf(0, candidates.length, chunkSize(candidates.length, threads, ...CHUNKS.checkPrimes), (a, b) => ({
            task: { kernel: 'checkPrimes', values: candidates.slice(a, b) },
            done: (result: Uint8Array) => out.set(result, a),
          })),
        result: () => filled(given, out),
      };
    },
  },
  countPrimesAsync: {
    arity: 2,
    route: 'countPrimes',
    options: [],
    prepare(fn, [lo, hi]) {
      const [low, high] = validateRange(fn, lo, hi);
      let count = 0;
      if (countsByPrimePi(low, high)) {
        // π(hi − 1) − π(lo − 1): each π in parts over the threads where x is large enough.
        const counts = [high - 1, low - 1].filter((x) => x >= 2).map((x, i) => ({ x, sign: i === 0 ? 1 : -1 }));
        let tasks: Omit<Chunk<number | bigint | BigInt64Array>, 'weight'>[] = [];
        return {
          pieces: (threads) => {
            tasks = counts.flatMap(({ x, sign }): typeof tasks => {
              if (threads < 2 || x < PRIME_PI_PARTS_FROM)
                return [{ task: { kernel: 'primePi', x }, done: (n) => void (count += sign * (n as number)) }];
              const parts = primePiParts(x, threads);
              const results: (bigint | BigInt64Array)[] = [];
              let left = parts.length;
              return parts.map((task, k) => ({
                task,
                done: (result) => {
                  results[k] = result as bigint | BigInt64Array;
                  if (--left > 0) return;
                  const leaves = results.filter((r): r is bigint => typeof r === 'bigint');
                  count +=
                    sign *
                    addPrimePiParts(
                      leaves,
                      results.filter((r): r is BigInt64Array => typeof r !== 'bigint'),
                    );
                },
              }));
            });
            return { count: tasks.length, totalWeight: tasks.length, at: (index) => ({ ...tasks[index]!, weight: 1 }) };
          },
          result: () => count,
        };
      }
      return {
        own: async (kernels, threads, control) => (count = await kernels.countPrimesAsync(low, high, threads, control)),
        pieces: (threads) =>
          piecesOf(low, high, chunkSize(high - low, threads, ...CHUNKS.range), (a, b) => ({
            task: { kernel: 'countPrimes', lo: a, hi: b },
            done: (n: number) => (count += n),
          })),
        result: () => count,
      };
    },
  },
  primesBetweenAsync: {
    arity: 2,
    route: 'primesBetween',
    options: ['out'],
    prepare(fn, [lo, hi], rest) {
      const [low, high] = validateRange(fn, lo, hi);
      const bound = validatePrimeListSize(fn, low, high);
      const given = validateOut(fn, rest?.['out'], Float64Array, { atLeast: bound, what: `[${low}, ${high})` }, []);
      let result: Float64Array | undefined;
      const parts: Float64Array[] = [];
      return {
        own: async (kernels, threads, control) => {
          const out = new Float64Array(bound);
          return (result = primesWritten(out, await kernels.primesBetweenAsync(low, high, out, threads, control)));
        },
        pieces: (threads) =>
          piecesOf(low, high, chunkSize(high - low, threads, ...CHUNKS.range), (a, b, i) => ({
            task: { kernel: 'primesBetween', lo: a, hi: b, bound: validatePrimeListSize(fn, a, b) },
            done: (primes: Float64Array) => (parts[i] = primes),
          })),
        result: () => {
          if (!result) {
            result = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
            let at = 0;
            for (const part of parts) {
              result.set(part, at);
              at += part.length;
            }
          }
          return given ? filled(given.subarray(0, result.length), result) : result;
        },
      };
    },
  },
  nthPrimeAsync: {
    arity: 1,
    route: 'countPrimes',
    options: [],
    prepare(fn, [n]) {
      const index = validateNthPrimeIndex(fn, n);
      let prime = 0;
      return {
        pieces: () => ({
          count: 1,
          totalWeight: 1,
          at: () => ({ task: { kernel: 'nthPrime', n: index }, weight: 1, done: (p: number) => (prime = p) }),
        }),
        result: () => prime,
      };
    },
  },
  greatCircleManyAsync: {
    arity: 4,
    route: 'greatCircleMany',
    options: DISTANCE_OPTIONS,
    prepare(fn, args, rest, check) {
      const { length, options: radius, columns, out: given } = validateManyArguments(fn, args, rest, check);
      const own = privateColumns(columns, args);
      const out = new Float64Array(length);
      return {
        own: (kernels, threads, control) => kernels.greatCircleManyAsync(...own, radius, out, threads, control),
        pieces: (threads) =>
          piecesOf(0, length, chunkSize(length, threads, ...CHUNKS.greatCircleMany), (a, b) => ({
            task: {
              kernel: 'greatCircleMany',
              columns: chunkColumns(own, length, a, b),
              radius,
              length: b - a,
            },
            done: (result: Float64Array) => out.set(result, a),
          })),
        result: () => filled(given, out),
      };
    },
  },
  greatCircleMatrixAsync: {
    arity: 4,
    route: 'greatCircleMatrix',
    options: DISTANCE_OPTIONS,
    prepare(fn, args, rest, check) {
      const { options: radius, columns, out: given } = validateMatrixArguments(fn, args, rest, check);
      const own = privateColumns(columns, args);
      const [rowsLon, rowsLat, colsLon, colsLat] = own;
      const width = colsLon.length;
      const out = new Float64Array(rowsLon.length * width);
      const rows = out.length === 0 ? 0 : rowsLon.length;
      return {
        own: (kernels, threads, control) => kernels.greatCircleMatrixAsync(...own, radius, out, threads, control),
        pieces: (threads) =>
          piecesOf(0, rows, chunkSize(rows, threads, 1, Math.max(1, Math.floor(MATRIX_CHUNK_CELLS / width))), (a, b) => ({
            task: {
              kernel: 'greatCircleMatrix',
              columns: [rowsLon.slice(a, b), rowsLat.slice(a, b), colsLon.slice(), colsLat.slice()],
              radius,
            },
            done: (result: Float64Array) => out.set(result, a * width),
          })),
        result: () => filled(given, out),
      };
    },
  },
  geodesicDistanceManyAsync: {
    arity: 4,
    route: 'geodesicDistanceMany',
    options: GEODESIC_OPTIONS,
    prepare(fn, args, rest, check) {
      const { length, options, columns, out: given } = validateManyArguments(fn, args, rest, check, resolveGeodesicBatchOptions);
      const { a, f, metres } = options;
      const own = privateColumns(columns, args);
      const out = new Float64Array(length);
      return {
        pieces: (threads) =>
          piecesOf(0, length, chunkSize(length, threads, ...CHUNKS.geodesicDistanceMany), (start, end) => ({
            task: { kernel: 'geodesicDistanceMany', columns: chunkColumns(own, length, start, end), a, f, length: end - start },
            done: (result: Float64Array) => out.set(result, start),
          })),
        result: () => filled(given, inUnit(out, metres)),
      };
    },
  },
  geodesicDistanceMatrixAsync: {
    arity: 4,
    route: 'geodesicDistanceMany',
    options: GEODESIC_OPTIONS,
    prepare(fn, args, rest, check) {
      const { options, columns, out: given } = validateMatrixArguments(fn, args, rest, check, resolveGeodesicBatchOptions);
      const { a, f, metres } = options;
      const [rowsLon, rowsLat, colsLon, colsLat] = privateColumns(columns, args);
      const width = colsLon.length;
      const out = new Float64Array(rowsLon.length * width);
      const rows = out.length === 0 ? 0 : rowsLon.length;
      return {
        pieces: (threads) =>
          piecesOf(0, rows, chunkSize(rows, threads, 1, Math.max(1, Math.floor(GEODESIC_MATRIX_CHUNK_CELLS / width))), (start, end) => ({
            task: {
              kernel: 'geodesicDistanceMatrix',
              columns: [rowsLon.slice(start, end), rowsLat.slice(start, end), colsLon.slice(), colsLat.slice()],
              a,
              f,
            },
            done: (result: Float64Array) => out.set(result, start * width),
          })),
        result: () => filled(given, inUnit(out, metres)),
      };
    },
  },
};

/** A chunk of the batch's columns: a broadcast (length-1) column goes whole, the others as the chunk's slice. */
function chunkColumns(columns: Columns, length: number, start: number, end: number): Columns {
  return columns.map((column) => (column.length === 1 && length !== 1 ? column.slice() : column.slice(start, end))) as Columns;
}

/**
 * The build whose fast coordinate check validates a call's arguments: the route's own when the
 * routes are settled, else the TypeScript one (the same answer: coordinatesInDomain has one
 * meaning in every build), so that validation and the private copies happen at the call, before
 * any wait for a build still loading.
 */
function checkerOf(routes: RouteBackends | Promise<RouteBackends>, route: Route): Pick<Kernels, 'coordinatesInDomain'> {
  return routes instanceof Promise ? { coordinatesInDomain } : routes[route].kernels;
}

/**
 * The async functions over the builds that `resolveRoutes` names for each route (it may wait for
 * builds still loading), on the platform's threads and pools. Every function takes one path:
 * options and arguments validated (private copies taken), then the build's own threads or its
 * pool, then the result.
 */
export function createAsyncApi(
  resolveRoutes: () => RouteBackends | Promise<RouteBackends>,
  platformOf: () => Platform,
  configOf: () => Configuration,
): NumaccelAsyncApi {
  const call = async <T>(fn: string, spec: Preparation<unknown[], T>, args: unknown[], given: unknown): Promise<T> => {
    const { job, rest } = parseAsyncOptions(fn, given, spec.options, platformOf());
    const routes = resolveRoutes();
    const prepared = spec.prepare(fn, args, rest, checkerOf(routes, spec.route));
    const backend = (await routes)[spec.route];
    const own = backend.asyncKernels;
    const start = prepared.own;
    if (own && start) {
      await runNative(fn, job, (threads, control) => start(own, threads, control));
    } else {
      const build = backend.build.id;
      await runOnPool(fn, platformOf().pool(build, configOf()), build, job, prepared.pieces(job.threads));
    }
    return prepared.result();
  };
  const api = Object.fromEntries(
    Object.entries(ASYNC_FUNCTIONS).map(([fn, spec]) => [
      fn,
      (...args: unknown[]) => call(fn, spec as Preparation<unknown[], unknown>, args.slice(0, spec.arity), args[spec.arity]),
    ]),
  );
  return api as unknown as NumaccelAsyncApi;
}
