/**
 * The measurements of `numaccel tour` (src/cli/tour.ts renders them): every workload of
 * tour-workloads.ts on every backend and through `auto`, each column and peer in a worker thread
 * of its own (tour-worker.ts: in one isolate, the call sites the backends share would see every
 * backend and slow each one down, as no user's process does), one at a time, a few rounds per
 * workload; and the verdicts a few samples support.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Other, SeedFigure } from '../bench/case-types.js';
import { GROUPS, findCase, workScale } from '../bench/cases.js';
import { commandExists, measureCommand, packageInstalled, quantile } from '../bench/measure.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { TourReply, TourRequest, TourWorkerData } from './tour-worker.js';
import { WORKLOADS, peerOf, sizeOf, type Workload } from './tour-workloads.js';

/** The columns: each backend's default build, then `auto`. */
export const TARGETS = ['native', 'wasm', 'js', 'auto'] as const;
export type Target = (typeof TARGETS)[number];

/** Medians closer than this factor are not told apart on a quick run, whatever the ranges say. */
export const NOISE_RATIO = 1.1;

/** The measuring thread, compiled (the tests, which run this module from src/, use it from dist/ too). */
const WORKER = path.join(PACKAGE_ROOT, 'dist', 'cli', 'tour-worker.js');

export interface TourOptions {
  /** Multiplies every job's size (the matrix's side by its square root): the tests run tiny tours. */
  readonly sizeFactor?: number;
  /** Timed rounds per workload (every target once a round, after one warm-up round): at least, at most. */
  readonly minRounds?: number;
  readonly maxRounds?: number;
  /** More rounds, up to maxRounds, until a workload's timed rounds have taken this long. */
  readonly budgetMs?: number;
  /** Run outside commands (primecount) when they are on the PATH. */
  readonly externals?: boolean;
  /** Called with a short description of what is running now. */
  readonly progress?: (text: string) => void;
}

/** Times of one target on one workload, scaled to the nominal job (ms). */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  readonly checksum?: number;
}
export type Cell = Timing | { readonly error: string };
export const isTiming = (cell: Cell | undefined): cell is Timing => cell !== undefined && 'medianMs' in cell;

/** 'not judged': other processes used the CPU while the workload was measured (more than BUSY). */
export type Verdict = 'faster' | 'slower' | 'within noise' | 'not judged';

/** Cores other processes may use during a workload before its comparisons are not judged. */
export const BUSY = 0.25;
/** auto's speed-up over another time (its time ÷ auto's) and whether a quick run can tell them apart. */
export interface Comparison {
  readonly speedup: number;
  readonly verdict: Verdict;
}

export interface TourRow {
  readonly case: string;
  readonly title: string;
  /** The work one run did (calls, pairs, a matrix's side, x), and the factor its times were multiplied by to give the whole job (1: none). */
  readonly size: number;
  readonly scale: number;
  readonly quadratic: boolean;
  readonly experiment: boolean;
  readonly cells: Readonly<Record<Target, Cell>>;
  /** Targets whose checksum differs from the js backend's (or the first measured): not the same work. */
  readonly mismatched: readonly Target[];
  /** The build serving each column's run: auto's choice, and each backend's default build. */
  readonly builds: Readonly<Partial<Record<Target, string>>>;
  /**
   * The factor two timings must differ by to be told apart: NOISE_RATIO, or more where auto and the
   * forced backend running the same build (`twin`), the same work timed twice, came out further apart.
   */
  readonly noise: number;
  readonly twin?: Target;
  /** CPU other processes used while the workload was measured, in cores (Linux; absent elsewhere). */
  readonly othersCores?: number;
  readonly seed?: SeedFigure;
  readonly peers: ReadonlyArray<{ readonly name: string; readonly cell: Cell | { readonly skipped: string } }>;
  readonly bestPeer?: { readonly name: string; readonly timing: Timing };
  readonly vsSeed?: Comparison;
  readonly vsPeer?: Comparison;
  /** auto against the fastest forced backend. */
  readonly vsFastest?: Comparison & { readonly target: Target };
}

export interface TourResult {
  readonly machine: string;
  readonly sizeFactor: number;
  readonly rounds: { readonly min: number; readonly max: number };
  /** CPU other processes used during the tour, in cores (Linux; absent elsewhere). */
  readonly othersCores?: number;
  readonly seconds: number;
  readonly rows: readonly TourRow[];
  readonly notes: readonly string[];
}

type Spread = Pick<Timing, 'medianMs' | 'minMs' | 'maxMs'>;

/**
 * Whether `a` is faster than `b` as far as a few samples can tell: only when their ranges do not
 * overlap and the medians differ by more than `noise` (NOISE_RATIO at least); otherwise 'within noise'.
 */
export function judge(a: Spread, b: Spread, noise = NOISE_RATIO): Verdict {
  if (a.maxMs < b.minMs && b.medianMs > a.medianMs * noise) return 'faster';
  if (b.maxMs < a.minMs && a.medianMs > b.medianMs * noise) return 'slower';
  return 'within noise';
}

/**
 * The noise of one workload, measured: auto and the forced backend whose default build auto runs
 * (its twin) do the same work on the same build, so their ratio is the noise of this run (the
 * machine's other load, a thread's luck); never less than NOISE_RATIO.
 */
export function noiseFloor(
  cells: Readonly<Record<Target, Cell>>,
  builds: Readonly<Partial<Record<Target, string>>>,
): { noise: number; twin?: Target } {
  const auto = cells.auto;
  const twin = (['native', 'wasm', 'js'] as const).find(
    (t) => builds.auto !== undefined && builds[t] === builds.auto && isTiming(cells[t]),
  );
  if (!twin || !isTiming(auto)) return { noise: NOISE_RATIO };
  const other = (cells[twin] as Timing).medianMs;
  return { noise: Math.max(NOISE_RATIO, auto.medianMs / other, other / auto.medianMs), twin };
}

function compare(auto: Timing, other: Spread, noise: number): Comparison {
  return { speedup: other.medianMs / auto.medianMs, verdict: judge(auto, other, noise) };
}

const point = (ms: number) => ({ medianMs: ms, minMs: ms, maxMs: ms });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

function timing(times: readonly number[], checksum: number | undefined): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    medianMs: quantile(sorted, 0.5),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
    runs: sorted.length,
    ...(checksum !== undefined ? { checksum } : {}),
  };
}

/** A measuring thread (tour-worker.ts), asked one thing at a time. */
class Thread {
  private readonly worker: Worker;
  private pending: { resolve(reply: TourReply): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;

  constructor(data: TourWorkerData) {
    this.worker = new Worker(WORKER, { workerData: data });
    this.worker.on('message', (reply: TourReply) => {
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failure = error;
      this.pending?.reject(error);
      this.pending = undefined;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the measuring thread exited (code ${code})`)));
  }

  ask(request: TourRequest): Promise<TourReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** A target's or a peer's run of one workload: its thread, and what it measured. */
interface Runner {
  readonly key: Target | number;
  readonly thread: Thread;
  readonly scale: number;
  readonly times: number[];
  checksum?: number;
  served?: string;
  error?: string;
}

/** Asks a runner's thread, recording an error (a missing kernel, a crash) on the runner. */
async function ask(runner: Runner, request: TourRequest): Promise<TourReply | undefined> {
  try {
    const reply = await runner.thread.ask(request);
    if ('error' in reply) runner.error = reply.error;
    else return reply;
  } catch (error) {
    runner.error = message(error);
  }
  return undefined;
}

type Settings = Required<Omit<TourOptions, 'progress'>>;

/** Every runner of one workload, measured in rounds, every runner once a round, after one warm-up round. */
async function measureRunners(runners: readonly Runner[], settings: Settings, say: (text: string) => void): Promise<void> {
  const alive = () => runners.filter((r) => r.error === undefined);
  const once = async (runner: Runner, keep: boolean) => {
    const reply = await ask(runner, { kind: 'run' });
    if (reply && 'ms' in reply) {
      if (keep) runner.times.push(reply.ms * runner.scale);
      runner.checksum = reply.value;
    }
  };
  say('warm-up');
  for (const runner of alive()) await once(runner, false);
  const started = performance.now();
  for (let round = 1; round <= settings.maxRounds; round++) {
    if (round > settings.minRounds && performance.now() - started >= settings.budgetMs) break;
    say(`round ${round}`);
    for (const runner of alive()) await once(runner, true);
  }
}

/** Checksums of counts must agree exactly, sums of distances to 1e-12 (native's FMA variants differ in the last bits). */
function sameChecksum(a: number, b: number): boolean {
  return a === b || (!Number.isInteger(b) && Math.abs(a - b) <= 1e-12 * Math.abs(b));
}

/** Where a peer is measured: in a thread of its own, by its own command, or not (with the reason). */
function peerPlan(other: Other, settings: Settings): 'thread' | 'command' | { skipped: string } {
  if (other.package && !packageInstalled(other.package)) return { skipped: `${other.package} is not installed` };
  if (!other.command) return 'thread';
  if (!settings.externals) return { skipped: 'outside commands are not run' };
  if (!commandExists(other.command.file)) return { skipped: `${other.command.file} is not on the PATH` };
  return 'command';
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

/** The cores other processes used since `busyBefore`: the machine's busy time less this process's own (all its threads). */
function othersCores(busyBefore: number | undefined, cpuBefore: NodeJS.CpuUsage, wallMs: number): { othersCores?: number } {
  const busyAfter = machineBusyMs();
  if (busyBefore === undefined || busyAfter === undefined) return {};
  const own = process.cpuUsage(cpuBefore);
  return { othersCores: Math.max(0, busyAfter - busyBefore - (own.user + own.system) / 1000) / wallMs };
}

/**
 * Runs the tour: every workload on every target, each target in a thread of its own for the whole
 * tour, and beside its peers, each in a thread of its own for the workload.
 */
export async function runTour(options: TourOptions = {}): Promise<TourResult> {
  const settings: Settings = {
    sizeFactor: options.sizeFactor ?? 1,
    minRounds: options.minRounds ?? 3,
    maxRounds: options.maxRounds ?? 7,
    budgetMs: options.budgetMs ?? 1200,
    externals: options.externals ?? true,
  };
  const started = performance.now();
  const busyBefore = machineBusyMs();
  const cpuBefore = process.cpuUsage();
  const notes = new Set<string>();
  const threads = Object.fromEntries(TARGETS.map((target) => [target, new Thread({ target })])) as Record<Target, Thread>;
  const unavailable = new Set<Target>();
  /** Peers shared by workloads (GeographicLib on both geodesic jobs) are measured once. */
  const peerCells = new Map<Other, Cell | { skipped: string }>();
  const rows: TourRow[] = [];
  try {
    for (const [index, workload] of WORKLOADS.entries()) {
      const kase = findCase(workload.case);
      const size = sizeOf(workload, kase, settings.sizeFactor);
      const scale = workload.fixed ? 1 : workScale(kase, size);
      const say = (text: string) => options.progress?.(`[${index + 1}/${WORKLOADS.length}] ${workload.title}: ${text}`);
      const prepare: TourRequest = { kind: 'prepare', workload: index, size };

      say('preparing');
      const runners: Runner[] = TARGETS.filter((t) => !unavailable.has(t)).map((target) => ({
        key: target,
        thread: threads[target],
        scale,
        times: [],
      }));
      const peers = workload.peers.map((peer, i) => ({ name: peer.name, other: peerOf(workload, kase, i) }));
      const peerThreads: Thread[] = [];
      for (const [i, { other }] of peers.entries()) {
        if (peerCells.has(other)) continue;
        const how = peerPlan(other, settings);
        if (how === 'thread') {
          const thread = new Thread({ workload: index, peer: i });
          peerThreads.push(thread);
          runners.push({ key: i, thread, scale, times: [] });
        } else if (how === 'command') {
          say(other.command!.file);
          try {
            const result = measureCommand(other.command!.file, other.command!.args(size), other.command!.seconds, settings.minRounds);
            peerCells.set(other, timing(result.timesMs, undefined));
          } catch (error) {
            peerCells.set(other, { error: message(error) });
          }
        } else peerCells.set(other, how);
      }
      // The inputs are built in every thread at once (untimed): only the runs are measured one at a time.
      await Promise.all(
        runners.map(async (runner) => {
          const reply = await ask(runner, prepare);
          if (reply && 'served' in reply && reply.served !== undefined) runner.served = reply.served;
        }),
      );

      const busyBefore = machineBusyMs();
      const cpuBefore = process.cpuUsage();
      const measuring = performance.now();
      await measureRunners(runners, settings, say);
      const others = othersCores(busyBefore, cpuBefore, performance.now() - measuring);

      const cells: Partial<Record<Target, Cell>> = {};
      const builds: Partial<Record<Target, string>> = {};
      for (const runner of runners) {
        const cell: Cell = runner.error !== undefined ? { error: runner.error } : timing(runner.times, runner.checksum);
        if (typeof runner.key === 'number') peerCells.set(peers[runner.key]!.other, cell);
        else {
          cells[runner.key] = cell;
          if (runner.served !== undefined) builds[runner.key] = runner.served;
        }
      }
      for (const target of TARGETS) {
        const cell = cells[target];
        // A backend that cannot be forced fails every workload alike: said once, not measured again.
        if (cell && 'error' in cell && /not available|could not be loaded/i.test(cell.error) && target !== 'auto') {
          unavailable.add(target);
          notes.add(`${target}: ${cell.error}`);
          cells[target] = { error: 'not available' };
        }
        cells[target] ??= { error: 'not available' };
      }
      await Promise.all([
        ...runners.filter((r) => typeof r.key === 'string').map((r) => ask(r, { kind: 'drop' })),
        ...peerThreads.map((t) => t.close()),
      ]);
      rows.push(finishRow(workload, kase, size, scale, cells as Record<Target, Cell>, builds, others, peers, peerCells, notes));
    }
  } finally {
    await Promise.all(TARGETS.map((target) => threads[target].close()));
  }
  return {
    machine: `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`,
    sizeFactor: settings.sizeFactor,
    rounds: { min: settings.minRounds, max: settings.maxRounds },
    ...othersCores(busyBefore, cpuBefore, performance.now() - started),
    seconds: (performance.now() - started) / 1000,
    rows,
    notes: [...notes],
  };
}

function finishRow(
  workload: Workload,
  kase: ReturnType<typeof findCase>,
  size: number,
  scale: number,
  cells: Record<Target, Cell>,
  builds: Partial<Record<Target, string>>,
  others: { othersCores?: number },
  peers: ReadonlyArray<{ name: string; other: Other }>,
  peerCells: ReadonlyMap<Other, Cell | { skipped: string }>,
  notes: Set<string>,
): TourRow {
  const failures = new Map<string, Target[]>();
  for (const target of TARGETS) {
    const cell = cells[target];
    if ('error' in cell && cell.error !== 'not available') failures.set(cell.error, [...(failures.get(cell.error) ?? []), target]);
  }
  for (const [error, targets] of failures) notes.add(`${workload.title} on ${targets.join(', ')}: ${error}`);
  const measured = TARGETS.filter((t) => isTiming(cells[t]));
  const reference = (isTiming(cells.js) ? cells.js : (cells[measured[0]!] as Timing | undefined))?.checksum;
  const mismatched = measured.filter((t) => {
    const checksum = (cells[t] as Timing).checksum;
    return reference !== undefined && checksum !== undefined && !sameChecksum(checksum, reference);
  });
  if (mismatched.length > 0) notes.add(`${workload.title}: ${mismatched.join(', ')} did not compute the same result as js (marked !)`);

  const peerRows = peers.map(({ name, other }) => ({ name, cell: peerCells.get(other)! }));
  for (const { name, cell } of peerRows) {
    if ('skipped' in cell) notes.add(`${name}: ${cell.skipped}`);
    else if ('error' in cell) notes.add(`${name} on ${workload.title}: ${cell.error}`);
  }
  const best = peerRows
    .filter((p): p is { name: string; cell: Timing } => isTiming(p.cell as Cell))
    .sort((a, b) => a.cell.medianMs - b.cell.medianMs)[0];
  const seed = GROUPS.find((g) => g.id === kase.group)?.seed?.compare;
  const auto = cells.auto;
  const forced = (['native', 'wasm', 'js'] as const)
    .filter((t) => isTiming(cells[t]) && !mismatched.includes(t))
    .sort((a, b) => (cells[a] as Timing).medianMs - (cells[b] as Timing).medianMs)[0];
  const autoOk = isTiming(auto) && !mismatched.includes('auto');
  const { noise, twin } = noiseFloor(cells, builds);
  // On a busy machine, nothing is judged: the other processes' load falls on some runs and not others.
  const busy = (others.othersCores ?? 0) > BUSY;
  const judged = (comparison: Comparison): Comparison => (busy ? { ...comparison, verdict: 'not judged' } : comparison);
  // auto behind the fastest backend is a wrong choice only on another build: on its own, it is noise.
  const vsFastest = (target: Target): Comparison =>
    builds[target] === builds.auto
      ? { speedup: (cells[target] as Timing).medianMs / (auto as Timing).medianMs, verdict: 'within noise' }
      : judged(compare(auto as Timing, cells[target] as Timing, noise));
  return {
    case: kase.id,
    title: workload.title,
    size,
    scale,
    quadratic: kase.quadratic === true,
    experiment: workload.experiment === true,
    cells,
    mismatched,
    builds,
    noise,
    ...(twin ? { twin } : {}),
    ...others,
    ...(seed ? { seed } : {}),
    peers: peerRows,
    ...(best ? { bestPeer: { name: best.name, timing: best.cell } } : {}),
    ...(autoOk && seed ? { vsSeed: judged(compare(auto, point(seed.ms), noise)) } : {}),
    ...(autoOk && best ? { vsPeer: judged(compare(auto, best.cell, noise)) } : {}),
    ...(autoOk && forced ? { vsFastest: { ...vsFastest(forced), target: forced } } : {}),
  };
}
