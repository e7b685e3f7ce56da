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
import { validateManyArguments, validateMatrixArguments, type Coordinates, type PrimeCandidates, type RouteBackends } from './api.js';
import type { BuildId } from './builds.js';
import { coordinatesInDomain } from './backends/js/geo.js';
import type { Backend, Kernels } from './contract.js';
import type { Configuration, Platform } from './platform.js';
import { transferablesOf, type PoolTask } from './pool-task.js';
import { describe, validatePrimeCandidates, validatePrimeListSize, validateRange, type GreatCircleOptions } from './validate.js';

export interface AsyncOptions {
  /** Threads to use: default NUMACCEL_THREADS, else the machine's available parallelism. */
  threads?: number | undefined;
  /** Aborting rejects the promise with an AbortError at once and stops the threads' work. */
  signal?: AbortSignal | undefined;
  /** Called with the fraction of the work done: monotone, in [0, 1], ending at exactly 1. */
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface NumaccelAsyncApi {
  checkPrimesAsync(values: PrimeCandidates, options?: AsyncOptions): Promise<Uint8Array>;
  countPrimesAsync(lo: number | bigint, hi: number | bigint, options?: AsyncOptions): Promise<number>;
  primesBetweenAsync(lo: number | bigint, hi: number | bigint, options?: AsyncOptions): Promise<Float64Array>;
  greatCircleManyAsync(lon1: Coordinates, lat1: Coordinates, lon2: Coordinates, lat2: Coordinates, options?: GreatCircleOptions & AsyncOptions): Promise<Float64Array>;
  greatCircleMatrixAsync(lonsA: Coordinates, latsA: Coordinates, lonsB: Coordinates, latsB: Coordinates, options?: GreatCircleOptions & AsyncOptions): Promise<Float64Array>;
}

/** The most threads one async call may use (native/async.cc has the same limit). */
export const MAX_THREADS = 256;
const ASYNC_OPTION_NAMES = ['threads', 'signal', 'onProgress'];

/** NUMACCEL_THREADS where it is a valid thread count, else the platform's parallelism. */
function defaultThreads(platform: Platform): number {
  const configured = Number(platform.env('NUMACCEL_THREADS'));
  return Number.isInteger(configured) && configured >= 1 && configured <= MAX_THREADS ? configured : platform.defaultThreads();
}

interface Job {
  readonly threads: number;
  readonly signal: AbortSignal | undefined;
  readonly report: (fraction: number) => void;
}

/**
 * Splits the async options from the rest (greatCircle's radius/unit), validating them. Options
 * other than the async ones are returned for the caller to validate; `allowRest` false makes
 * them an error here.
 */
function parseAsyncOptions(fn: string, options: unknown, allowRest: boolean, platform: Platform): { job: Job; rest: Record<string, unknown> | undefined } {
  if (options === undefined) return { job: { threads: defaultThreads(platform), signal: undefined, report: () => {} }, rest: undefined };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const { threads, signal, onProgress, ...rest } = options as Record<string, unknown>;
  if (!allowRest) {
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new RangeError(`${fn}: unknown option ${JSON.stringify(unknown)}; accepted options are ${ASYNC_OPTION_NAMES.join(', ')}`);
  }
  if (threads !== undefined) {
    if (typeof threads !== 'number') throw new TypeError(`${fn}: options.threads must be a number, got ${describe(threads)}`);
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
      throw new RangeError(`${fn}: options.threads must be an integer in [1, ${MAX_THREADS}], got ${describe(threads)}`);
    }
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${fn}: options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError(`${fn}: options.onProgress must be a function, got ${describe(onProgress)}`);
  }
  // Progress only ever moves forward, and stops short of 1 until the job has finished.
  let reported = 0;
  const report = (fraction: number) => {
    const clamped = Math.min(fraction, 1);
    if (clamped > reported) {
      reported = clamped;
      (onProgress as (fraction: number) => void)(clamped);
    }
  };
  return {
    job: { threads: (threads as number | undefined) ?? defaultThreads(platform), signal: signal as AbortSignal | undefined, report: onProgress ? report : () => {} },
    rest: allowRest && Object.keys(rest).length > 0 ? rest : allowRest ? {} : undefined,
  };
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

type WorkerPoolOf = ReturnType<Platform['pool']>;

interface Chunk<T> {
  readonly task: PoolTask;
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

async function runOnPool<T>(fn: string, pool: WorkerPoolOf, job: Job, chunks: Chunks<T>): Promise<void> {
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
          pool.run(chunk.task, { signal: cancel.signal, transferList: transferablesOf(chunk.task) }).then((value) => {
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
function piecesOf<T>(lo: number, hi: number, size: number, make: (start: number, end: number, index: number) => Omit<Chunk<T>, 'weight'>): Chunks<T> {
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
/**
 * The build whose fast coordinate check validates a call's arguments: the route's own when the
 * routes are settled, else the TypeScript one (the same answer: coordinatesInDomain has one
 * meaning in every build), so that validation and the private copies happen at the call, before
 * any wait for a build still loading.
 */
function checkerOf(routes: RouteBackends | Promise<RouteBackends>, route: 'greatCircleMany' | 'greatCircleMatrix'): Pick<Kernels, 'coordinatesInDomain'> {
  return routes instanceof Promise ? { coordinatesInDomain } : routes[route].kernels;
}

function privateCopy<T extends Float64Array | BigUint64Array>(array: T, argument: unknown): T {
  return array === argument ? (array.slice() as T) : array;
}

/**
 * The async functions over the builds that `resolveRoutes` names for each route (it may wait for
 * builds still loading), on the platform's threads and pools.
 */
export function createAsyncApi(
  resolveRoutes: () => RouteBackends | Promise<RouteBackends>, platformOf: () => Platform, configOf: () => Configuration,
): NumaccelAsyncApi {
  const nativeAsync = (backend: Backend) => backend.asyncKernels;
  const poolOf = (build: BuildId): WorkerPoolOf => platformOf().pool(build, configOf());
  const options = (fn: string, given: unknown, allowRest: boolean) => parseAsyncOptions(fn, given, allowRest, platformOf());

  return {
    async checkPrimesAsync(values, given) {
      const fn = 'checkPrimesAsync';
      const { job } = options(fn, given, false);
      const candidates = privateCopy(validatePrimeCandidates(fn, values), values);
      const backend = (await resolveRoutes()).checkPrimes;
      const out = new Uint8Array(candidates.length);
      const own = nativeAsync(backend);
      if (own) {
        await runNative(fn, job, (threads, control) => own.checkPrimesAsync(candidates, out, threads, control));
        return out;
      }
      const size = chunkSize(candidates.length, job.threads, 256, 1 << 16);
      await runOnPool<Uint8Array>(
        fn,
        poolOf(backend.build.id),
        job,
        piecesOf(0, candidates.length, size, (a, b) => ({ task: { build: backend.build.id, kernel: 'checkPrimes', values: candidates.slice(a, b) }, done: (result) => out.set(result, a) })),
      );
      return out;
    },

    async countPrimesAsync(lo, hi, given) {
      const fn = 'countPrimesAsync';
      const { job } = options(fn, given, false);
      const [low, high] = validateRange(fn, lo, hi);
      const backend = (await resolveRoutes()).countPrimes;
      const own = nativeAsync(backend);
      if (own) return runNative(fn, job, (threads, control) => own.countPrimesAsync(low, high, threads, control));
      let count = 0;
      const size = chunkSize(high - low, job.threads, 1 << 22, 1 << 26);
      await runOnPool<number>(
        fn,
        poolOf(backend.build.id),
        job,
        piecesOf(low, high, size, (a, b) => ({ task: { build: backend.build.id, kernel: 'countPrimes', lo: a, hi: b }, done: (n) => (count += n) })),
      );
      return count;
    },

    async primesBetweenAsync(lo, hi, given) {
      const fn = 'primesBetweenAsync';
      const { job } = options(fn, given, false);
      const [low, high] = validateRange(fn, lo, hi);
      const bound = validatePrimeListSize(fn, low, high);
      const backend = (await resolveRoutes()).primesBetween;
      const own = nativeAsync(backend);
      if (own) {
        const out = new Float64Array(bound);
        const count = await runNative(fn, job, (threads, control) => own.primesBetweenAsync(low, high, out, threads, control));
        return count === bound ? out : out.slice(0, count);
      }
      const size = chunkSize(high - low, job.threads, 1 << 22, 1 << 26);
      const parts: Float64Array[] = [];
      await runOnPool<Float64Array>(
        fn,
        poolOf(backend.build.id),
        job,
        piecesOf(low, high, size, (a, b, i) => ({
          task: { build: backend.build.id, kernel: 'primesBetween', lo: a, hi: b, bound: validatePrimeListSize(fn, a, b) },
          done: (primes) => (parts[i] = primes),
        })),
      );
      const out = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
      parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
      return out;
    },

    async greatCircleManyAsync(lon1, lat1, lon2, lat2, given) {
      const fn = 'greatCircleManyAsync';
      const { job, rest } = options(fn, given, true);
      const args = [lon1, lat1, lon2, lat2];
      const routes = resolveRoutes();
      const { length, radius, ...validated } = validateManyArguments(fn, args, rest, checkerOf(routes, 'greatCircleMany'));
      const columns = validated.columns.map((column, i) => privateCopy(column, args[i])) as typeof validated.columns;
      const backend = (await routes).greatCircleMany;
      const out = new Float64Array(length);
      const own = nativeAsync(backend);
      if (own) {
        await runNative(fn, job, (threads, control) => own.greatCircleManyAsync(...columns, radius, out, threads, control));
        return out;
      }
      const size = chunkSize(length, job.threads, 4096, 1 << 17);
      await runOnPool<Float64Array>(
        fn,
        poolOf(backend.build.id),
        job,
        piecesOf(0, length, size, (a, b) => ({
          task: {
            build: backend.build.id,
            kernel: 'greatCircleMany',
            // A broadcast (length-1) column goes whole; the others as the chunk's slice.
            columns: columns.map((column) => (column.length === 1 && length !== 1 ? column.slice() : column.slice(a, b))) as [Float64Array, Float64Array, Float64Array, Float64Array],
            radius,
            length: b - a,
          },
          done: (result) => out.set(result, a),
        })),
      );
      return out;
    },

    async greatCircleMatrixAsync(lonsA, latsA, lonsB, latsB, given) {
      const fn = 'greatCircleMatrixAsync';
      const { job, rest } = options(fn, given, true);
      const args = [lonsA, latsA, lonsB, latsB];
      const routes = resolveRoutes();
      const { radius, ...validated } = validateMatrixArguments(fn, args, rest, checkerOf(routes, 'greatCircleMatrix'));
      const columns = validated.columns.map((column, i) => privateCopy(column, args[i])) as typeof validated.columns;
      const backend = (await routes).greatCircleMatrix;
      const [rowsLon, rowsLat, colsLon, colsLat] = columns;
      const width = colsLon.length;
      const out = new Float64Array(rowsLon.length * width);
      const own = nativeAsync(backend);
      if (own) {
        await runNative(fn, job, (threads, control) => own.greatCircleMatrixAsync(...columns, radius, out, threads, control));
        return out;
      }
      if (out.length === 0) {
        job.report(1);
        return out;
      }
      const rows = chunkSize(rowsLon.length, job.threads, 1, Math.max(1, Math.floor((1 << 18) / width)));
      await runOnPool<Float64Array>(
        fn,
        poolOf(backend.build.id),
        job,
        piecesOf(0, rowsLon.length, rows, (a, b) => ({
          task: { build: backend.build.id, kernel: 'greatCircleMatrix', columns: [rowsLon.slice(a, b), rowsLat.slice(a, b), colsLon.slice(), colsLat.slice()], radius },
          done: (result) => out.set(result, a * width),
        })),
      );
      return out;
    },
  };
}
