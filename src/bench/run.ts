/**
 * `numaccel bench`: every case of cases.ts on every backend, SIMD variant and `auto`, each in a
 * fresh process, beside peer libraries, the seed's algorithms and primesieve, with the seed's
 * published figures. Reports medians with their spread, speed-ups over the TypeScript reference
 * and ratios to the fastest backend, and checks that `auto` is within 10% of the fastest forced
 * backend. `--select <file>` writes the table `auto` follows, derived from the same measurements.
 *
 * This module runs a whole benchmark: plan.ts says what to measure, measure.ts measures it in
 * child processes, analysis.ts derives the ratios, report.ts and chart.ts render the results,
 * selection-table.ts derives the table `auto` follows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROW_NOTE, analyse, rowNotes } from './analysis.js';
import type { Case } from './case-types.js';
import { CASES, GROUPS } from './cases.js';
import { renderChart } from './chart.js';
import { formatTime, processesNote } from './format.js';
import { BUSY_CORES, fastestProcess, measureImport, type WorkerResult } from './measure.js';
import { discoverTargets, plan, type Planned } from './plan.js';
import { printReport, renderMarkdown } from './report.js';
import { servedLabel, servingRoute, type BenchResults, type CaseInfo, type Row } from './results.js';
import { deriveSelection, writeSelection, type DerivedSelection } from './selection-table.js';
import { chooseRoutes, type Route } from '../selection.js';

const { version } = require('../../package.json') as { version: string };

export interface BenchOptions {
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly markdown?: string;
  readonly svg?: string;
  /** Write the table `auto` follows, derived from this run, to this file (auto's rows follow it). */
  readonly select?: string;
  /** Re-render a saved --json run instead of measuring. */
  readonly from?: string;
  /** Comma-separated case ids: measure only these. */
  readonly only?: string;
}

// ---------------------------------------------------------------------------------------------
// Measuring

/**
 * Measures the planned rows at `indices` (in plan order), a case at a time. The rows of a case
 * measured in several processes (Case.processes) are measured in rounds, every row once a round:
 * a slow phase of the machine (they last minutes) then falls on all of the case's rows alike, not
 * on every process of one row.
 */
function measureRows(planned: readonly Planned[], indices: readonly number[], log: (line: string) => void): Row[] {
  const rows: Row[] = [];
  for (let from = 0; from < indices.length; ) {
    let to = from;
    while (to < indices.length && planned[indices[to]!]!.kase === planned[indices[from]!]!.kase) to++;
    const group = indices.slice(from, to);
    const results = new Map<number, WorkerResult[]>(group.map((i) => [i, []]));
    const errors = new Map<number, string>();
    const rounds = planned[group[0]!]!.processes ?? 1;
    for (let round = 1; round <= rounds; round++) {
      for (const i of group) {
        const { measure } = planned[i]!;
        if (!measure || errors.has(i)) continue;
        if (rounds > 1) log(`${rowPrefix(planned, i)} process ${round} of ${rounds}`);
        try {
          results.get(i)!.push(measure(log));
        } catch (error) {
          errors.set(i, error instanceof Error ? error.message : String(error));
        }
      }
    }
    for (const i of group) rows.push(finishRow(planned, i, results.get(i)!, errors.get(i), log));
    from = to;
  }
  return rows;
}

function rowPrefix(planned: readonly Planned[], index: number): string {
  const { kase, row } = planned[index]!;
  return `[${String(index + 1).padStart(String(planned.length).length)}/${planned.length}] ${kase.id.padEnd(18)} ${row.label.padEnd(40)}`;
}

/** A row from its measurements: the fastest process's times, scaled to the job; or why it has none. */
function finishRow(
  planned: readonly Planned[],
  index: number,
  measured: readonly WorkerResult[],
  error: string | undefined,
  log: (line: string) => void,
): Row {
  const { kase, row } = planned[index]!;
  const prefix = rowPrefix(planned, index);
  if (!planned[index]!.measure) {
    log(`${prefix} skipped: ${row.skipped}`);
    return { case: kase.id, ...row };
  }
  if (error !== undefined) {
    log(`${prefix} FAILED: ${error}`);
    return { case: kase.id, ...row, error };
  }
  const result = fastestProcess(measured);
  const scale = row.scale ?? 1;
  const scaled: Row = {
    case: kase.id,
    ...row,
    medianMs: result.medianMs * scale,
    minMs: result.minMs * scale,
    maxMs: result.maxMs * scale,
    q1Ms: result.q1Ms * scale,
    q3Ms: result.q3Ms * scale,
    p90Ms: result.p90Ms * scale,
    ...(result.firstMs !== undefined ? { firstMs: result.firstMs * scale } : {}),
    ...(result.processMediansMs ? { processMediansMs: result.processMediansMs.map((t) => t * scale) } : {}),
    samples: result.samples,
    timesMs: result.timesMs.map((t) => t * scale),
    ...(Number.isNaN(result.checksum) ? {} : { checksum: result.checksum }),
    ...(result.served ? { served: result.served } : {}),
    ...(result.accuracy ? { accuracy: result.accuracy } : {}),
    ...(result.geodesicAccuracy ? { geodesicAccuracy: result.geodesicAccuracy } : {}),
    ...(result.othersCores !== undefined ? { othersCores: result.othersCores } : {}),
    ...(result.attempts !== undefined && result.attempts > 1 ? { attempts: result.attempts } : {}),
  };
  const scaleNote = scale === 1 ? '' : ` (runs of ${row.size?.toLocaleString('en-US')}, scaled ×${+scale.toPrecision(3)} to the job)`;
  const busy = (result.othersCores ?? 0) > BUSY_CORES ? `; BUSY: others used ${result.othersCores} cores` : '';
  const processes = scaled.processMediansMs ? `, ${processesNote(scaled.processMediansMs)}` : '';
  log(
    `${prefix} ${formatTime(scaled.medianMs!).padStart(9)}  IQR ${formatTime(scaled.q1Ms!)}–${formatTime(scaled.q3Ms!)}, ${result.samples} runs${processes}${scaleNote}${result.served ? ` → ${result.served}` : ''}${busy}`,
  );
  return scaled;
}

function machineDescription(): BenchResults['machine'] {
  const cpus = os.cpus();
  const cpu = cpus[0]?.model.trim() ?? 'unknown CPU';
  let flags = '';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    flags = ['avx512f', 'avx2', 'fma']
      .filter((flag) => new RegExp(`\\b${flag}\\b`).test(info))
      .map((f) => f.toUpperCase())
      .join(', ');
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

/** What the results keep of a case: its description, without the functions. */
function caseInfo(kase: Case): CaseInfo {
  return {
    id: kase.id,
    group: kase.group,
    title: kase.title,
    description: kase.description,
    ...(kase.route ? { route: kase.route } : {}),
    ...(kase.servedBy ? { servedBy: kase.servedBy } : {}),
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
  const only = options.only
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = only?.filter((id) => !CASES.some((c) => c.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`bench: unknown case ${unknown.join(', ')}; known: ${CASES.map((c) => c.id).join(', ')}`);
  const cases = CASES.filter((c) => !only || only.includes(c.id)).filter((c) => !(c.fullOnly && mode === 'quick'));
  if (mode === 'quick' && CASES.some((c) => c.fullOnly))
    notes.push(
      `quick run: ${CASES.filter((c) => c.fullOnly)
        .map((c) => c.id)
        .join(', ')} not measured (the default run measures it)`,
    );
  const machine = machineDescription();
  log(`numaccel bench (${mode}) on ${machine.description}`);
  if (machine.loadBefore[0]! > 0.5) log(`note: load average ${machine.loadBefore[0]} at the start: other work on this machine adds noise`);

  const targets = discoverTargets(notes);
  const planned = plan(mode, cases, targets, notes);
  const info = cases.map(caseInfo);
  // `auto` is measured beside the builds and peers of its case, following the table in effect.
  const rows = measureRows(
    planned,
    planned.map((_, i) => i),
    log,
  );
  if (options.select) {
    // The table this run derives may route some cases elsewhere: only their auto rows are
    // measured again, after the rest, following it.
    const table = deriveSelection(info, rows, machine.description, new Date().toISOString().slice(0, 10), keptTable(options.select));
    const file = writeSelection(table, options.select);
    process.env.NUMACCEL_SELECTION = path.resolve(options.select);
    const chosen = chooseRoutes(
      table,
      targets.filter((t) => t.isDefault).map((t) => t.target),
    );
    const rerouted = planned.flatMap((p, i) => {
      const route = servingRoute(p.kase) as Route | undefined;
      const served = rows[i]!.served;
      return p.row.kind === 'auto' && route && served && served !== servedLabel(chosen[route]) ? [i] : [];
    });
    log(
      `wrote ${file} (point NUMACCEL_SELECTION or configure({ selection }) at it to use it); auto rows it routes elsewhere, measured again following it: ${rerouted.length}`,
    );
    measureRows(planned, rerouted, log).forEach((row, k) => (rows[rerouted[k]!] = row));
  }

  const importCost = only ? undefined : measureImport(mode === 'quick' ? 10 : 30);
  if (importCost)
    log(
      `import: node -e 0 ${importCost.bareMs} ms; + require('numaccel') ${importCost.requireMs} ms; + its first call ${importCost.firstCallMs} ms (medians of ${importCost.runs})`,
    );

  const { rows: analysed, autoCheck } = analyse(GROUPS, info, rows);
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

/** The table a --select run updates: the routes no case of the run measured (--only) keep their entries. */
function keptTable(file: string): DerivedSelection | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DerivedSelection) : undefined;
}

export async function runBench(options: BenchOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(line + '\n');
  let results: BenchResults;
  if (options.from) {
    const saved = JSON.parse(fs.readFileSync(options.from, 'utf8')) as BenchResults;
    const analysed = analyse(saved.groups, saved.cases, saved.rows);
    results = { ...saved, ...analysed, notes: [...saved.notes.filter((n) => !ROW_NOTE.test(n)), ...rowNotes(analysed.rows)] };
    if (options.select) {
      const table = deriveSelection(
        results.cases,
        results.rows,
        results.machine.description,
        results.date.slice(0, 10),
        keptTable(options.select),
      );
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
