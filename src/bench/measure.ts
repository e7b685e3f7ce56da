/**
 * Runs one measurement in a fresh Node process (measure-worker.mts), so that V8's type feedback
 * and the heap of one target cannot slow down or speed up another's, and times outside commands
 * (primesieve) by the time they report themselves.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { GeodesicAccuracy } from './geodesic-accuracy.js';

/** What the child is asked to do. */
export interface MeasureSpec {
  readonly case: string;
  /** `auto`, `js`, `native:<variant>`, `wasm:<variant>` or `other:<id>`. */
  readonly target: string;
  /** Work per run (see Case.measured). */
  readonly size: number;
  /** tinybench: at least this many samples, and at least `time` ms of them. */
  readonly iterations: number;
  readonly time: number;
  readonly warmupIterations: number;
  readonly warmupTime: number;
  /** great_circle.tsv, for the accuracy column. */
  readonly reference?: string;
  /** geodesic_inverse.tsv, for the geodesic accuracy table. */
  readonly geodesicReference?: string;
}

/** What the child prints: times of one run of `size` (not yet scaled to the nominal job). */
export interface WorkerResult {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** The interquartile range: first and third quartiles. */
  readonly q1Ms: number;
  readonly q3Ms: number;
  /** The 90th percentile of the samples. */
  readonly p90Ms: number;
  /** The first call in the fresh process, before any warm-up (absent for outside commands). */
  readonly firstMs?: number;
  readonly samples: number;
  /** Every sample, when there are few. */
  readonly timesMs: readonly number[];
  readonly checksum: number;
  /** For `auto`: the backend (and variant) serving the case's route. */
  readonly served?: string;
  /** Worst error against great_circle.tsv, in metres on the Earth, and the count of non-finite results. */
  readonly accuracy?: { readonly worstMetres: number; readonly nonFinite: number };
  /** Worst distance errors against geodesic_inverse.tsv (GeodSolve), in all and per tag. */
  readonly geodesicAccuracy?: GeodesicAccuracy;
  /** CPU time the child used (all its threads), in ms. */
  readonly cpuMs?: number;
  /**
   * CPU used by other processes while the child ran, in cores (0.5: half a core, on average);
   * absent where the system's CPU counters cannot be read (Linux only).
   */
  readonly othersCores?: number;
  /** Measurements taken (more than 1 when the machine was busy and the measurement was retried; the quietest is kept). */
  readonly attempts?: number;
  /** With several processes: each process's median (the result is the fastest process's). */
  readonly processMediansMs?: readonly number[];
}

/** Others' CPU use (in cores) above which a measurement is retried: it would be noise, not speed. */
export const BUSY_CORES = 0.15;

/** How hard to avoid other processes' CPU use: measurements per row at most, and the wait for quiet before each. */
export interface Patience {
  readonly attempts: number;
  readonly waitMs: number;
}

/** Busy CPU time of the whole machine so far, in ms (Linux: /proc/stat), or undefined elsewhere. */
function machineBusyMs(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) * 10; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const WORKER = path.join(__dirname, 'measure-worker.mjs');

/**
 * Waits (at most `maxMs`) until other processes leave the CPU alone: less than BUSY_CORES used by
 * everything else over 300 ms. Returns whether it is quiet; without CPU counters, at once.
 */
export function waitForQuiet(maxMs: number, log: (line: string) => void = () => {}): boolean {
  const started = performance.now();
  let told = false;
  for (;;) {
    const before = machineBusyMs();
    const t0 = performance.now();
    sleep(300);
    const after = machineBusyMs();
    if (before === undefined || after === undefined) return true;
    const others = (after - before) / (performance.now() - t0);
    if (others <= BUSY_CORES) return true;
    if (performance.now() - started >= maxMs) return false;
    if (!told) log(`    waiting for other processes to leave the CPU (they use ${others.toFixed(2)} cores)...`);
    told = true;
  }
}

/** One row measured in several processes (Case.processes): the fastest one, with every process's median. */
export function fastestProcess(results: readonly WorkerResult[]): WorkerResult {
  const fastest = results.reduce((best, result) => (result.medianMs < best.medianMs ? result : best));
  return results.length === 1 ? fastest : { ...fastest, processMediansMs: results.map((r) => r.medianMs) };
}

/**
 * Measures in a fresh child process. Where the machine's CPU counters can be read, a measurement
 * during which other processes used more than BUSY_CORES of the CPU is taken again (a few times,
 * after a pause); the quietest attempt is kept, and reports how busy the machine was.
 */
export function measureInChild(
  spec: MeasureSpec,
  patience: Patience = { attempts: 1, waitMs: 0 },
  log: (line: string) => void = () => {},
): WorkerResult {
  let best: WorkerResult | undefined;
  let attempts = 0;
  while (attempts < patience.attempts) {
    if (patience.waitMs > 0) waitForQuiet(patience.waitMs, log);
    const result = runChild(spec);
    attempts++;
    if (!best || (result.othersCores ?? 0) < (best.othersCores ?? 0)) best = result;
    if ((result.othersCores ?? 0) <= BUSY_CORES) break;
    if (attempts < patience.attempts)
      log(`    other processes used ${result.othersCores!.toFixed(2)} cores during ${spec.case} on ${spec.target}: measuring again`);
  }
  return { ...best!, attempts };
}

function runChild(spec: MeasureSpec): WorkerResult {
  // A forced backend in the user's environment must not leak into `auto` (other targets ignore it).
  const env = { ...process.env, NUMACCEL_BACKEND: 'auto' };
  const busyBefore = machineBusyMs();
  const started = performance.now();
  const child = spawnSync(process.execPath, [WORKER, JSON.stringify(spec)], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = performance.now() - started;
  const busyAfter = machineBusyMs();
  if (child.status !== 0) {
    const reason = child.stderr?.trim().split('\n').pop() || child.error?.message || `exit ${child.status ?? child.signal}`;
    throw new Error(`${spec.case} on ${spec.target}: ${reason}`);
  }
  const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as WorkerResult;
  if (busyBefore === undefined || busyAfter === undefined || result.cpuMs === undefined) return result;
  // The machine's busy time minus the child's own is what everything else used (10 ms granularity).
  const othersCores = Math.max(0, busyAfter - busyBefore - result.cpuMs) / wallMs;
  return { ...result, othersCores: +othersCores.toFixed(3) };
}

/** The seconds an outside command reports for its job, over `runs` runs (after one warm-up run). */
export function measureCommand(
  file: string,
  args: readonly string[],
  seconds: (stdout: string) => number | undefined,
  runs: number,
): WorkerResult {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const child = spawnSync(file, args, { encoding: 'utf8' });
    const value = child.status === 0 ? seconds(child.stdout) : undefined;
    if (value === undefined) throw new Error(`${file} ${args.join(' ')} failed: ${child.error?.message ?? child.stderr.trim()}`);
    if (i > 0) times.push(value * 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    medianMs: quantile(sorted, 0.5),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
    q1Ms: quantile(sorted, 0.25),
    q3Ms: quantile(sorted, 0.75),
    p90Ms: quantile(sorted, 0.9),
    samples: sorted.length,
    timesMs: times,
    checksum: NaN,
  };
}

/** The q-quantile of ascending samples, interpolating linearly between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

/** What importing numaccel adds to a bare Node start, in ms (medians of alternating runs). */
export interface ImportCost {
  readonly runs: number;
  /** `node -e 0` */
  readonly bareMs: number;
  /** `node -e "require('numaccel')"` */
  readonly requireMs: number;
  /** `node -e "require('numaccel').checkPrime(7)"`: the first call loads every backend. */
  readonly firstCallMs: number;
}

export function measureImport(runs: number): ImportCost {
  const root = JSON.stringify(PACKAGE_ROOT);
  const scripts = ['0', `require(${root})`, `require(${root}).checkPrime(7)`];
  const times: number[][] = scripts.map(() => []);
  for (let i = -2; i < runs; i++) {
    scripts.forEach((script, k) => {
      const started = performance.now();
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`node -e ${script} failed: ${child.stderr.trim()}`);
      if (i >= 0) times[k]!.push(performance.now() - started);
    });
  }
  const [bareMs, requireMs, firstCallMs] = times.map(
    (t) =>
      +quantile(
        [...t].sort((a, b) => a - b),
        0.5,
      ).toFixed(1),
  ) as [number, number, number];
  return { runs, bareMs, requireMs, firstCallMs };
}

/** Whether a command is on the PATH (it runs, whatever its exit code). */
export function commandExists(file: string): boolean {
  return spawnSync(file, ['--version'], { encoding: 'utf8' }).error === undefined;
}

/** Whether an optional package (a peer) can be loaded from here; one without a main module (geodesy) by its package.json. */
export function packageInstalled(name: string): boolean {
  return [name, `${name}/package.json`].some((specifier) => {
    try {
      require.resolve(specifier);
      return true;
    } catch {
      return false;
    }
  });
}
