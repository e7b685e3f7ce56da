/**
 * `numaccel bench`: every case of workloads.ts on every backend, SIMD variant and `auto`, each in a
 * fresh process, beside peer libraries, the seed's algorithms and primesieve, with the seed's
 * published figures. Reports medians with their spread, speed-ups over the TypeScript reference
 * and ratios to the fastest backend, and checks that `auto` is within 10% of the fastest forced
 * backend. `--select <file>` writes the table `auto` follows, derived from the same measurements.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BuildId } from '../builds.js';
import { BACKEND_NAMES, type BackendName } from '../contract.js';
import { nodeBuilds } from '../platform/node.js';
import { renderChart } from './bench-chart.js';
import { printReport, renderMarkdown } from './bench-report.js';
import { deriveSelection, writeSelection } from './calibrate.js';
import { BUSY_CORES, commandExists, findReference, measureCommand, measureImport, measureInChild, packageInstalled, type ImportCost, type MeasureSpec, type Patience, type WorkerResult } from './measure.js';
import { formatTime } from './table.js';
import { CASES, GROUPS, workScale, type Case, type Group, type Other } from './workloads.js';

const { version } = require('../../package.json') as { version: string };

/** `auto` passes when it is at most this much slower than the fastest forced backend. */
export const AUTO_TOLERANCE = 1.1;

export type RowKind = 'backend' | 'auto' | 'peer' | 'baseline' | 'external';

/** One target on one case. Times are for the case's nominal job (scaled when a quick run did less). */
export interface Row {
  readonly case: string;
  /** `native:<variant>`, `wasm:<variant>`, `js`, `auto` or `other:<id>`. */
  readonly target: string;
  readonly label: string;
  readonly kind: RowKind;
  readonly backend?: BackendName;
  readonly variant?: string;
  /** The build that forcing this backend (or `auto`) runs: the best variant the machine supports. */
  readonly isDefault?: boolean;
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  /** The interquartile range (first and third quartiles): the spread reported. */
  readonly q1Ms?: number;
  readonly q3Ms?: number;
  readonly samples?: number;
  readonly timesMs?: readonly number[];
  /** Work one run did, and the factor its times were multiplied by to give the nominal job. */
  readonly size?: number;
  readonly scale?: number;
  readonly checksum?: number;
  /** A peer or baseline whose checksum must match numaccel's (see Other.sameResult). */
  readonly sameResult?: boolean;
  /** Whether the checksum matches the other numaccel targets' (the same work was done). */
  readonly checksumOk?: boolean;
  /** For `auto`: the backend and variant serving the case's route. */
  readonly served?: string;
  readonly accuracy?: WorkerResult['accuracy'];
  /** CPU other processes used during the kept measurement, in cores, and the attempts it took. */
  readonly othersCores?: number;
  readonly attempts?: number;
  readonly note?: string;
  /** Why the row was not measured (a peer not installed, a command missing). */
  readonly skipped?: string;
  readonly error?: string;
  /** Speed-up over the js backend (the TypeScript reference) on the same case. */
  readonly vsJs?: number;
  /** This time over the fastest numaccel backend target (every variant) on the case: 1 is the best. */
  readonly vsBest?: number;
  /** Speed-up over the seed's compared figure for the same job (see Group.seed). */
  readonly vsSeed?: number;
}

export interface CaseInfo {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  readonly description: string;
  readonly route?: string;
  readonly nominal: number;
  readonly calls: number;
  readonly variants: boolean;
  readonly async: boolean;
}

export interface AutoCheck {
  readonly case: string;
  readonly served?: string;
  readonly autoMs: number;
  /** The fastest of the backends `setBackend` can force (each backend's default build). */
  readonly forcedTarget: string;
  readonly forcedMs: number;
  /** auto / fastest forced backend. */
  readonly ratio: number;
  readonly ok: boolean;
}

export interface BenchResults {
  readonly generatedBy: string;
  readonly version: string;
  readonly date: string;
  readonly mode: 'quick' | 'full';
  readonly machine: {
    readonly description: string;
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly platform: string;
    readonly node: string;
    readonly loadBefore: readonly number[];
    readonly loadAfter: readonly number[];
  };
  readonly durationSeconds: number;
  readonly groups: readonly Group[];
  readonly cases: readonly CaseInfo[];
  readonly rows: readonly Row[];
  readonly autoCheck: readonly AutoCheck[];
  /** What `require('numaccel')` adds to a bare Node start. */
  readonly importCost?: ImportCost;
  readonly notes: readonly string[];
}

export interface BenchOptions {
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly markdown?: string;
  readonly svg?: string;
  /** Write the table `auto` follows, derived from this run, to this file (and measure `auto` on it). */
  readonly select?: string;
  /** Re-render a saved --json run instead of measuring. */
  readonly from?: string;
  /** Comma-separated case ids: measure only these. */
  readonly only?: string;
}

// ---------------------------------------------------------------------------------------------
// What to measure

interface Target {
  readonly target: BuildId;
  readonly backend: BackendName;
  readonly variant: string;
  /** The backend's default build here: the one `auto` uses. */
  readonly isDefault: boolean;
}

/** Every build this machine runs: native's SIMD variants, both WebAssembly modules, js. */
function discoverTargets(notes: string[]): Target[] {
  const statuses = nodeBuilds();
  const defaults = new Set(BACKEND_NAMES.map((backend) => statuses.find((s) => s.build.backend === backend && s.state === 'loaded')?.build.id));
  const targets: Target[] = [];
  for (const status of statuses) {
    const { id, backend, variant } = status.build;
    if (status.state === 'loaded') targets.push({ target: id, backend, variant, isDefault: defaults.has(id) });
    else if (status.state === 'failed') notes.push(`${id} not measured: ${status.error.cause instanceof Error ? status.error.cause.message : String(status.error.cause)}`);
  }
  return targets;
}

interface Planned {
  readonly kase: Case;
  readonly row: Omit<Row, 'case'>;
  /** Absent for rows that are only reported (skipped). */
  readonly measure?: (log: (line: string) => void) => WorkerResult;
}

interface Settings {
  readonly iterations: number;
  readonly time: number;
  readonly warmupIterations: number;
  readonly warmupTime: number;
}

/** Samples per mode: at least `iterations` runs and at least `time` ms of them, after warm-up. */
const SETTINGS: Record<'quick' | 'full', Settings> = {
  // Warm-up by time as well: a short job reaches its steady state (V8's heap sized for its
  // allocations) only after some 100 ms of runs; primesBetween(0, 10^6) runs 3.5× slower before.
  quick: { iterations: 3, time: 100, warmupIterations: 1, warmupTime: 200 },
  full: { iterations: 9, time: 1000, warmupIterations: 2, warmupTime: 250 },
};

/**
 * Other processes' CPU use is noise: the full run waits up to a minute for quiet before each
 * measurement and measures up to 4 times while it is disturbed; the quick run measures at most twice.
 */
const PATIENCE: Record<'quick' | 'full', Patience> = { quick: { attempts: 2, waitMs: 0 }, full: { attempts: 4, waitMs: 60_000 } };

/** A case's own sample count (for long runs): exactly that many, with one warm-up when there are at least 3. */
function settingsFor(mode: 'quick' | 'full', samples: number | undefined): Settings {
  if (samples === undefined) return SETTINGS[mode];
  return { iterations: samples, time: 0, warmupIterations: samples >= 3 ? 1 : 0, warmupTime: 0 };
}

function labelOf(t: Target, kase: Case): string {
  if (t.backend === 'js') return 'js (TS reference)';
  if (t.backend === 'native' && !kase.variants) return 'native (every variant)';
  return `${t.backend} ${t.variant}`;
}

function plan(mode: 'quick' | 'full', cases: readonly Case[], targets: readonly Target[], notes: string[]): Planned[] {
  const reference = findReference();
  if (!reference) notes.push('accuracy column skipped: great_circle.tsv not found (set NUMACCEL_REFERENCE_DIR to the directory holding it)');
  const hasPrimesieve = commandExists('primesieve');
  if (!hasPrimesieve) notes.push('primesieve rows skipped: the `primesieve` command is not installed (Debian/Ubuntu: apt install primesieve)');
  const missing = new Set<string>();
  const planned: Planned[] = [];
  for (const kase of cases) {
    const size = kase.measured[mode];
    const scale = workScale(kase, size);
    const settings = settingsFor(mode, kase.samples?.[mode]);
    const spec = (target: string): MeasureSpec => ({ case: kase.id, target, size, ...settings, ...(kase.angle && reference ? { reference } : {}) });
    for (const t of targets) {
      if (!kase.variants && t.backend === 'native' && !t.isDefault) continue;
      planned.push({
        kase,
        row: { target: t.target, label: labelOf(t, kase), kind: 'backend', backend: t.backend, variant: t.variant, isDefault: t.isDefault, size, scale },
        measure: (log) => measureInChild(spec(t.target), PATIENCE[mode], log),
      });
    }
    planned.push({ kase, row: { target: 'auto', label: 'auto', kind: 'auto', size, scale }, measure: (log) => measureInChild(spec('auto'), PATIENCE[mode], log) });
    for (const [id, other] of Object.entries(kase.others ?? {})) {
      planned.push(planOther(mode, kase, id, other, hasPrimesieve, reference, missing));
    }
  }
  for (const name of missing) notes.push(`peer ${name} skipped: not installed (npm install --no-save ${name} to include it)`);
  return planned;
}

function planOther(mode: 'quick' | 'full', kase: Case, id: string, other: Other, hasPrimesieve: boolean, reference: string | undefined, missing: Set<string>): Planned {
  const size = other.size?.[mode] ?? kase.measured[mode];
  const scale = workScale(kase, size);
  const row = { target: `other:${id}`, label: other.label, kind: other.kind, size, scale, ...(other.note ? { note: other.note } : {}), ...(other.sameResult ? { sameResult: true } : {}) };
  if (other.package && !packageInstalled(other.package)) {
    missing.add(other.package);
    return { kase, row: { ...row, skipped: 'not installed' } };
  }
  if (other.command) {
    const command = other.command;
    if (!hasPrimesieve) return { kase, row: { ...row, skipped: `${command.file} not installed` } };
    return { kase, row, measure: () => measureCommand(command.file, command.args(size), command.seconds, mode === 'quick' ? 3 : 7) };
  }
  const settings = settingsFor(mode, other.samples?.[mode] ?? kase.samples?.[mode]);
  const spec: MeasureSpec = { case: kase.id, target: row.target, size, ...settings, ...(other.angle && reference ? { reference } : {}) };
  return { kase, row, measure: (log) => measureInChild(spec, PATIENCE[mode], log) };
}

// ---------------------------------------------------------------------------------------------
// Measuring

function measureRow(planned: Planned, index: number, total: number, log: (line: string) => void): Row {
  const { kase, row } = planned;
  const prefix = `[${String(index + 1).padStart(String(total).length)}/${total}] ${kase.id.padEnd(18)} ${row.label.padEnd(40)}`;
  if (!planned.measure) {
    log(`${prefix} skipped: ${row.skipped}`);
    return { case: kase.id, ...row };
  }
  try {
    const result = planned.measure(log);
    const scale = row.scale ?? 1;
    const scaled: Row = {
      case: kase.id,
      ...row,
      medianMs: result.medianMs * scale,
      minMs: result.minMs * scale,
      maxMs: result.maxMs * scale,
      q1Ms: result.q1Ms * scale,
      q3Ms: result.q3Ms * scale,
      samples: result.samples,
      timesMs: result.timesMs.map((t) => t * scale),
      ...(Number.isNaN(result.checksum) ? {} : { checksum: result.checksum }),
      ...(result.served ? { served: result.served } : {}),
      ...(result.accuracy ? { accuracy: result.accuracy } : {}),
      ...(result.othersCores !== undefined ? { othersCores: result.othersCores } : {}),
      ...(result.attempts !== undefined && result.attempts > 1 ? { attempts: result.attempts } : {}),
    };
    const scaleNote = scale === 1 ? '' : ` (runs of ${row.size?.toLocaleString('en-US')}, scaled ×${+scale.toPrecision(3)} to the job)`;
    const busy = (result.othersCores ?? 0) > BUSY_CORES ? `; BUSY: others used ${result.othersCores} cores` : '';
    log(`${prefix} ${formatTime(scaled.medianMs!).padStart(9)}  IQR ${formatTime(scaled.q1Ms!)}–${formatTime(scaled.q3Ms!)}, ${result.samples} runs${scaleNote}${result.served ? ` → ${result.served}` : ''}${busy}`);
    return scaled;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${prefix} FAILED: ${message}`);
    return { case: kase.id, ...row, error: message };
  }
}

function machineDescription(): BenchResults['machine'] {
  const cpus = os.cpus();
  const cpu = cpus[0]?.model.trim() ?? 'unknown CPU';
  let flags = '';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    flags = ['avx512f', 'avx2', 'fma'].filter((flag) => new RegExp(`\\b${flag}\\b`).test(info)).map((f) => f.toUpperCase()).join(', ');
  } catch {
    // not Linux: the flags are only decoration
  }
  const memoryGiB = Math.round(os.totalmem() / 2 ** 30);
  const platform = `${os.platform()} ${os.arch()}`;
  return {
    description: `${cpu}${flags ? ` (${flags})` : ''}, ${cpus.length} cores, ${memoryGiB} GiB, ${platform}, Node ${process.version}`,
    cpu,
    cores: cpus.length,
    memoryGiB,
    platform,
    node: process.version,
    loadBefore: os.loadavg().map((x) => +x.toFixed(2)),
    loadAfter: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Analysis: ratios, checksums, the auto check (pure functions of the rows, so --from recomputes them)

const measured = (row: Row): row is Row & { medianMs: number } => row.medianMs !== undefined && row.error === undefined;

function withoutAnalysis(row: Row): Row {
  const plain: { -readonly [K in keyof Row]: Row[K] } = { ...row };
  delete plain.vsJs;
  delete plain.vsBest;
  delete plain.vsSeed;
  delete plain.checksumOk;
  return plain;
}

/** Adds the ratios and checksum verdicts to every row, and checks auto against the forced backends. */
export function analyse(groups: readonly Group[], cases: readonly CaseInfo[], rows: readonly Row[]): { rows: Row[]; autoCheck: AutoCheck[] } {
  const out: Row[] = [];
  const autoCheck: AutoCheck[] = [];
  for (const kase of cases) {
    const mine = rows.filter((r) => r.case === kase.id);
    const backends = mine.filter((r) => r.kind === 'backend').filter(measured);
    const js = backends.find((r) => r.backend === 'js');
    const best = Math.min(...backends.map((r) => r.medianMs));
    const seed = groups.find((g) => g.id === kase.group)?.seed?.compare;
    // Every numaccel target does the same work on the same inputs: one checksum (js's, the reference).
    // Distances agree bit for bit except on native's FMA variants (a few ulps, docs/algorithms.md),
    // so a sum of distances must agree to the contract's accuracy, 1e-14; counts and primes exactly.
    const expected = (js ?? backends[0])?.checksum;
    const tolerance = kase.group === 'greatCircle' ? 1e-14 : 0;
    const sameChecksum = (checksum: number | undefined) =>
      checksum !== undefined && expected !== undefined && (checksum === expected || Math.abs(checksum - expected) <= tolerance * Math.abs(expected));
    for (const row of mine) {
      const plain = withoutAnalysis(row);
      if (!measured(row)) {
        out.push(plain);
        continue;
      }
      const compared = row.kind === 'backend' || row.kind === 'auto' || row.sameResult === true;
      out.push({
        ...plain,
        ...(js ? { vsJs: js.medianMs / row.medianMs } : {}),
        ...(Number.isFinite(best) ? { vsBest: row.medianMs / best } : {}),
        ...(seed ? { vsSeed: seed.ms / row.medianMs } : {}),
        // A peer's smaller quick run counts fewer primes: only equal work can be compared.
        ...(compared && expected !== undefined && row.size === (js ?? backends[0])?.size ? { checksumOk: sameChecksum(row.checksum) } : {}),
      });
    }
    const auto = mine.find((r) => r.kind === 'auto');
    const forced = backends.filter((r) => r.isDefault).sort((a, b) => a.medianMs - b.medianMs)[0];
    if (auto && measured(auto) && forced) {
      const ratio = auto.medianMs / forced.medianMs;
      autoCheck.push({
        case: kase.id,
        ...(auto.served ? { served: auto.served } : {}),
        autoMs: auto.medianMs,
        forcedTarget: forced.target,
        forcedMs: forced.medianMs,
        ratio,
        ok: ratio <= AUTO_TOLERANCE,
      });
    }
  }
  return { rows: out, autoCheck };
}

// ---------------------------------------------------------------------------------------------

function caseInfo(kase: Case): CaseInfo {
  return {
    id: kase.id,
    group: kase.group,
    title: kase.title,
    description: kase.description,
    ...(kase.route ? { route: kase.route } : {}),
    nominal: kase.nominal,
    calls: kase.calls,
    variants: kase.variants === true,
    async: kase.async === true,
  };
}

function measureAll(options: BenchOptions, log: (line: string) => void): BenchResults {
  const mode = options.quick ? 'quick' : 'full';
  const started = Date.now();
  const notes: string[] = [];
  const only = options.only?.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = only?.filter((id) => !CASES.some((c) => c.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`bench: unknown case ${unknown.join(', ')}; known: ${CASES.map((c) => c.id).join(', ')}`);
  const cases = CASES.filter((c) => !only || only.includes(c.id)).filter((c) => !(c.fullOnly && mode === 'quick'));
  if (mode === 'quick' && CASES.some((c) => c.fullOnly)) notes.push(`quick run: ${CASES.filter((c) => c.fullOnly).map((c) => c.id).join(', ')} not measured (the default run measures it)`);
  const machine = machineDescription();
  log(`numaccel bench (${mode}) on ${machine.description}`);
  if (machine.loadBefore[0]! > 0.5) log(`note: load average ${machine.loadBefore[0]} at the start: other work on this machine adds noise`);

  const planned = plan(mode, cases, discoverTargets(notes), notes);
  // With --select, `auto` must follow the table this run writes: measure it last, after writing.
  const order = options.select ? [...planned.filter((p) => p.row.kind !== 'auto'), ...planned.filter((p) => p.row.kind === 'auto')] : planned;
  const rows: Row[] = [];
  let selected = false;
  order.forEach((p, i) => {
    if (options.select && !selected && p.row.kind === 'auto') {
      select(rows);
      selected = true;
    }
    rows.push(measureRow(p, i, order.length, log));
  });
  if (options.select && !selected) select(rows);

  function select(sofar: Row[]): void {
    const info = cases.map(caseInfo);
    const table = deriveSelection(info, sofar, machine.description, new Date().toISOString().slice(0, 10));
    const file = writeSelection(table, options.select!);
    // The auto rows measured next follow the new table.
    process.env.NUMACCEL_SELECTION = path.resolve(options.select!);
    log(`wrote ${file}; the auto rows below follow it (point NUMACCEL_SELECTION or configure({ selection }) at it to use it)`);
  }

  const importCost = only ? undefined : measureImport(mode === 'quick' ? 10 : 30);
  if (importCost) log(`import: node -e 0 ${importCost.bareMs} ms; + require('numaccel') ${importCost.requireMs} ms; + its first call ${importCost.firstCallMs} ms (medians of ${importCost.runs})`);

  // Rows in plan order (auto beside the backends) whatever order they were measured in.
  const byPlan = planned.map((p) => rows.find((r) => r.case === p.kase.id && r.target === p.row.target)!);
  const info = cases.map(caseInfo);
  const { rows: analysed, autoCheck } = analyse(GROUPS, info, byPlan);
  return {
    generatedBy: `numaccel bench${options.quick ? ' --quick' : ''}${options.select ? ` --select ${options.select}` : ''}${options.only ? ` --only ${options.only}` : ''}`,
    version,
    date: new Date(started).toISOString(),
    mode,
    machine: { ...machine, loadAfter: os.loadavg().map((x) => +x.toFixed(2)) },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    groups: GROUPS.filter((g) => cases.some((c) => c.group === g.id)),
    cases: info,
    rows: analysed,
    autoCheck,
    ...(importCost ? { importCost } : {}),
    notes: [...notes, ...rowNotes(analysed)],
  };
}

/** Notes that follow from the rows: measurements disturbed by other processes, checksums that differ. */
const ROW_NOTE = /^(other processes used more than|\d+ measurement\(s\) were taken again|CHECKSUM MISMATCH)/;
function rowNotes(rows: readonly Row[]): string[] {
  const notes: string[] = [];
  const busy = rows.filter((r) => (r.othersCores ?? 0) > BUSY_CORES);
  if (busy.length > 0) notes.push(`other processes used more than ${BUSY_CORES} cores during ${busy.length} measurement(s) even after retries (marked "busy"): ${busy.map((r) => `${r.case} ${r.label}`).join(', ')}`);
  const retried = rows.filter((r) => (r.attempts ?? 1) > 1);
  if (retried.length > 0) notes.push(`${retried.length} measurement(s) were taken again because other processes used the CPU meanwhile; the quietest attempt is kept`);
  if (rows.some((r) => r.checksumOk === false)) notes.push('CHECKSUM MISMATCH: some targets did not compute the same results (marked ✗)');
  return notes;
}

export async function runBench(options: BenchOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(line + '\n');
  let results: BenchResults;
  if (options.from) {
    const saved = JSON.parse(fs.readFileSync(options.from, 'utf8')) as BenchResults;
    const analysed = analyse(saved.groups, saved.cases, saved.rows);
    results = { ...saved, ...analysed, notes: [...saved.notes.filter((n) => !ROW_NOTE.test(n)), ...rowNotes(analysed.rows)] };
    if (options.select) {
      const table = deriveSelection(results.cases, results.rows, results.machine.description, results.date.slice(0, 10));
      log(`wrote ${writeSelection(table, options.select)}`);
    }
  } else {
    results = measureAll(options, log);
  }
  if (options.markdown) fs.writeFileSync(options.markdown, renderMarkdown(results, options.svg));
  if (options.svg) fs.writeFileSync(options.svg, renderChart(results));
  if (options.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else printReport(results);
}
