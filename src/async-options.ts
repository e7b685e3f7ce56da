/**
 * The async functions' own options (threads, signal, onProgress), split from the function's
 * other options and checked once in the facade, as src/arguments.ts checks the rest.
 */
import { describe } from './arguments.js';
import type { Platform } from './platform.js';

/** The most threads one async call may use (native/async.h, kAsyncMaxThreads: a test checks they agree). */
export const MAX_THREADS = 256;
const ASYNC_OPTION_NAMES = ['threads', 'signal', 'onProgress'];

/** NUMACCEL_THREADS where it is a valid thread count, else the platform's parallelism. */
function defaultThreads(platform: Platform): number {
  const configured = Number(platform.env('NUMACCEL_THREADS'));
  return Number.isInteger(configured) && configured >= 1 && configured <= MAX_THREADS ? configured : platform.defaultThreads();
}

export interface Job {
  readonly threads: number;
  readonly signal: AbortSignal | undefined;
  readonly report: (fraction: number) => void;
}

/**
 * Splits the async options from the function's own (`extra`: greatCircle's radius and unit,
 * out), validating the async ones; the others are returned for the caller to validate. Any other
 * option is a RangeError naming them all.
 */
export function parseAsyncOptions(
  fn: string,
  options: unknown,
  extra: readonly string[],
  platform: Platform,
): { job: Job; rest: Record<string, unknown> | undefined } {
  if (options === undefined) return { job: { threads: defaultThreads(platform), signal: undefined, report: () => {} }, rest: undefined };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const { threads, signal, onProgress, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest).find((key) => !extra.includes(key));
  if (unknown !== undefined) {
    const accepted = [...ASYNC_OPTION_NAMES, ...extra];
    throw new RangeError(`${fn}: unknown option ${JSON.stringify(unknown)}; accepted options are ${accepted.join(', ')}`);
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
    job: {
      threads: (threads as number | undefined) ?? defaultThreads(platform),
      signal: signal as AbortSignal | undefined,
      report: onProgress ? report : () => {},
    },
    rest: Object.keys(rest).length > 0 ? rest : undefined,
  };
}
