/** The benchmark's tables: on the terminal, and as Markdown (bench/results.md, the README). */
import { BACKEND_NAMES } from '../contract.js';
import { BUSY_CORES, type ImportCost } from './measure.js';
import { formatMetres, formatRatio, formatTime, markdownTable, processesNote, textTable } from './format.js';
import { geodesicAccuracySection } from './geodesic-report.js';
import { AUTO_TOLERANCE, type BenchResults, type CaseInfo, type Row } from './results.js';

const SEP = ' · ';

function seedLine(results: BenchResults, groupId: string): string | undefined {
  const seed = results.groups.find((g) => g.id === groupId)?.seed;
  if (!seed) return undefined;
  return `seed: ${seed.figures.map((f) => `${f.label} ${formatTime(f.ms)}`).join(SEP)}${seed.note ? ` (${seed.note})` : ''}`;
}

function when(results: BenchResults): string {
  return results.date.slice(0, 16).replace('T', ' ') + ' UTC';
}

function howMeasured(results: BenchResults): string {
  const runs =
    results.mode === 'quick'
      ? 'at least 3 runs and 100 ms of runs (after 200 ms of warm-up)'
      : 'at least 9 runs and 1 s of runs (3 to 5 runs for the longest jobs)';
  return (
    'Each target runs in a fresh Node process (in the cases whose notes say so, in 3, keeping the fastest: a process here runs at one of two speeds for its life); ' +
    `times are tinybench medians, after warm-up, of ${runs}, ` +
    'with the spread as the interquartile range (IQR). × js: speed-up over the TypeScript reference (the js backend) on the same job. ' +
    '÷ best: time over the fastest numaccel backend or variant on the job (1 = fastest).'
  );
}

function rowLabel(row: Row): string {
  return row.kind === 'auto' && row.served ? `auto → ${row.served}` : row.label;
}

function notesOf(row: Row, results: BenchResults): string {
  const notes: string[] = [];
  if (row.skipped) notes.push(`skipped: ${row.skipped}`);
  if (row.error) notes.push(`failed: ${row.error}`);
  if ((row.othersCores ?? 0) > BUSY_CORES) notes.push(`busy: other processes used ${row.othersCores} cores`);
  if (row.processMediansMs) notes.push(processesNote(row.processMediansMs));
  if (row.checksumOk === false) notes.push(`✗ checksum ${row.checksum} differs`);
  if (row.accuracy)
    notes.push(
      `worst error ${formatMetres(row.accuracy.worstMetres)}${row.accuracy.nonFinite ? `, ${row.accuracy.nonFinite} non-finite` : ''}`,
    );
  if (row.geodesicAccuracy)
    notes.push(
      `worst error against GeodSolve ${formatMetres(row.geodesicAccuracy.worstMetres)}${row.geodesicAccuracy.nonFinite ? `, ${row.geodesicAccuracy.nonFinite} NaN of ${row.geodesicAccuracy.rows}` : ''}`,
    );
  if (row.medianMs !== undefined && row.scale !== undefined && row.scale !== 1 && row.size !== undefined && row.kind !== 'external') {
    const kase = results.cases.find((c) => c.id === row.case);
    if (kase && row.size < kase.nominal) notes.push(`measured on ${row.size.toLocaleString('en-US')}, scaled`);
  }
  if (row.kind === 'auto') {
    const check = results.autoCheck.find((c) => c.case === row.case);
    if (check) notes.push(`${formatRatio(check.ratio)} × fastest forced (${check.forcedTarget}) ${check.ok ? '✓' : '✗'}`);
  }
  if (row.note && row.kind !== 'backend' && row.kind !== 'auto') notes.push(row.note);
  return notes.join('; ');
}

function detailRows(results: BenchResults, kase: CaseInfo): string[][] {
  return results.rows
    .filter((r) => r.case === kase.id)
    .map((row) => [
      rowLabel(row),
      row.medianMs === undefined ? '—' : formatTime(row.medianMs),
      row.q1Ms === undefined ? '' : row.samples === 1 ? '(1 run)' : `${formatTime(row.q1Ms)}–${formatTime(row.q3Ms!)}`,
      row.samples === undefined ? '' : String(row.samples),
      row.p90Ms === undefined || row.samples === 1 ? '' : formatTime(row.p90Ms),
      row.firstMs === undefined ? '' : formatTime(row.firstMs),
      row.vsJs === undefined ? '' : `${formatRatio(row.vsJs)}×`,
      row.vsBest === undefined ? '' : formatRatio(row.vsBest),
      row.vsSeed === undefined ? '' : `${formatRatio(row.vsSeed)}×`,
      notesOf(row, results),
    ]);
}

function seedColumn(results: BenchResults, groupId: string): string {
  const compare = results.groups.find((g) => g.id === groupId)?.seed?.compare;
  return compare ? `× ${compare.label}` : '';
}

function autoSummary(results: BenchResults): string {
  const failed = results.autoCheck.filter((c) => !c.ok);
  const worst = results.autoCheck.reduce((w, c) => Math.max(w, c.ratio), 0);
  return (
    `auto within ${Math.round((AUTO_TOLERANCE - 1) * 100)}% of the fastest forced backend on ${results.autoCheck.length - failed.length} of ${results.autoCheck.length} workloads (worst: ${formatRatio(worst)}×)` +
    (failed.length
      ? `; not on ${failed.map((c) => `${c.case} (${formatRatio(c.ratio)}×, ${c.served ?? '?'} vs ${c.forcedTarget})`).join(', ')}`
      : '') +
    (results.mode === 'quick' ? ' (a quick run takes few samples: the default run is the one to judge by)' : '')
  );
}

function importLine(cost: ImportCost): string {
  return `import cost: require('numaccel') adds ${(cost.requireMs - cost.bareMs).toFixed(1)} ms to a bare \`node -e 0\` (${cost.bareMs} ms), its first call (which loads every backend) ${(cost.firstCallMs - cost.bareMs).toFixed(1)} ms (medians of ${cost.runs} starts each)`;
}

export function printReport(results: BenchResults): void {
  const out: string[] = [];
  out.push(`numaccel bench — ${results.mode} run, ${when(results)}, ${results.durationSeconds} s`);
  out.push(
    `${results.machine.description}; load average ${results.machine.loadBefore[0]} at the start, ${results.machine.loadAfter[0]} at the end`,
  );
  out.push(howMeasured(results));
  for (const group of results.groups) {
    out.push('', `== ${group.title}`);
    const seed = seedLine(results, group.id);
    if (seed) out.push(`   ${seed}`);
    for (const kase of results.cases.filter((c) => c.group === group.id)) {
      out.push('', `   ${kase.title}: ${kase.description}`);
      out.push(
        textTable(
          ['target', 'median', 'IQR', 'runs', 'p90', 'first call', '× js', '÷ best', seedColumn(results, group.id), 'notes'],
          detailRows(results, kase),
          'lrrrrrrrrl',
          '     ',
        ),
      );
    }
  }
  out.push('', autoSummary(results));
  if (results.importCost) out.push(importLine(results.importCost));
  for (const note of results.notes) out.push(`note: ${note}`);
  process.stdout.write(out.join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** The backend builds measured, in order: native variants (best first), wasm builds, js. */
function backendColumns(results: BenchResults): { target: string; label: string }[] {
  const seen = new Map<string, Row>();
  for (const row of results.rows) if (row.kind === 'backend' && !seen.has(row.target)) seen.set(row.target, row);
  const rank = (row: Row) => BACKEND_NAMES.indexOf(row.backend!);
  return [...seen.values()]
    .map((row, i) => ({ row, i }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i)
    .map(({ row }) => ({ target: row.target, label: row.backend === 'js' ? 'js' : `${row.backend} ${row.variant}` }));
}

function bold(text: string, yes: boolean): string {
  return yes ? `**${text}**` : text;
}

/** One line per workload: each backend's median (the fastest in bold), auto, and the seed's figure. */
export function summaryTable(results: BenchResults): string {
  const columns = backendColumns(results);
  const rows = results.cases.map((kase) => {
    const mine = results.rows.filter((r) => r.case === kase.id);
    const best = Math.min(...mine.filter((r) => r.kind === 'backend' && r.medianMs !== undefined).map((r) => r.medianMs!));
    const cells = columns.map(({ target }) => {
      const row = mine.find((r) => r.target === target);
      if (!row) return target.startsWith('native') && !kase.variants && !kase.async ? '·' : '';
      return row.medianMs === undefined ? '—' : bold(formatTime(row.medianMs), row.medianMs === best);
    });
    const auto = mine.find((r) => r.kind === 'auto');
    const check = results.autoCheck.find((c) => c.case === kase.id);
    const compare = results.groups.find((g) => g.id === kase.group)?.seed?.compare;
    return [
      kase.title,
      ...cells,
      auto?.medianMs === undefined ? '—' : `${formatTime(auto.medianMs)} (${auto.served ?? '?'})`,
      check ? `${formatRatio(check.ratio)} ${check.ok ? '✓' : '✗'}` : '',
      compare ? `${compare.label} ${formatTime(compare.ms)}` : '',
    ];
  });
  return markdownTable(
    ['workload', ...columns.map((c) => c.label), 'auto (serving)', 'auto ÷ fastest forced', 'seed'],
    rows,
    'l' + 'r'.repeat(columns.length + 2) + 'l',
  );
}

/** A row's worst error (great circle or geodesic) for the peers' table. */
function worstError(accuracy: { worstMetres: number; nonFinite: number } | undefined): string {
  return accuracy ? formatMetres(accuracy.worstMetres) + (accuracy.nonFinite ? ` (${accuracy.nonFinite} NaN)` : '') : '';
}

/** Peer libraries, baselines and primesieve, against the TypeScript reference and numaccel's best. */
export function peersTable(results: BenchResults): string {
  const rows = results.rows
    .filter((r) => r.kind === 'peer' || r.kind === 'baseline' || r.kind === 'external')
    .map((row) => {
      const kase = results.cases.find((c) => c.id === row.case)!;
      return [
        kase.title,
        row.label,
        row.medianMs === undefined ? (row.skipped ? `skipped: ${row.skipped}` : '—') : formatTime(row.medianMs),
        row.vsJs === undefined ? '' : `${formatRatio(row.vsJs)}×`,
        row.vsBest === undefined ? '' : formatRatio(row.vsBest),
        worstError(row.accuracy ?? row.geodesicAccuracy),
      ];
    });
  return markdownTable(['workload', 'peer or baseline', 'median', '× js', '÷ best numaccel', 'worst error'], rows, 'llrrrr');
}

/** Worst error on great_circle.tsv of every great-circle implementation measured (numaccel's builds together when they agree). */
export function accuracyTable(results: BenchResults): string | undefined {
  const rows = results.rows.filter((r) => r.accuracy && r.kind !== 'auto');
  if (rows.length === 0) return undefined;
  const cell = (row: Row) => [formatMetres(row.accuracy!.worstMetres), String(row.accuracy!.nonFinite)];
  const lines: string[][] = [];
  const numaccel = rows.filter((r) => r.kind === 'backend');
  const byResult = new Map<string, Row[]>();
  for (const row of numaccel) {
    const key = cell(row).join('|');
    byResult.set(key, [...(byResult.get(key) ?? []), row]);
  }
  for (const same of byResult.values()) {
    const functions = [...new Set(same.map((r) => results.cases.find((c) => c.id === r.case)!.title.split(',')[0]))].join(' and ');
    const builds = [
      ...new Set(
        same.map((r) => (r.backend === 'js' ? 'js' : `${r.backend} ${r.label === 'native (every variant)' ? '' : r.variant}`.trim())),
      ),
    ];
    lines.push([
      `numaccel ${functions}: ${byResult.size === 1 ? 'every backend and variant' : builds.join(', ')}`,
      ...cell(same[0]!),
      "Vincenty's formula on a sphere (atan2), fdlibm polynomials",
    ]);
  }
  for (const row of rows.filter((r) => r.kind !== 'backend')) lines.push([row.label, ...cell(row), row.note ?? '']);
  return markdownTable(['implementation', 'worst error (m on the Earth)', 'non-finite results', 'method'], lines, 'lrrl');
}

export function renderMarkdown(results: BenchResults, chart?: string): string {
  const out: string[] = [];
  out.push('# numaccel benchmark results', '');
  out.push(
    `\`${results.generatedBy}\`, numaccel ${results.version}, ${when(results)}: ${results.mode} run of ${results.durationSeconds} s on ${results.machine.description}. Load average ${results.machine.loadBefore[0]} at the start, ${results.machine.loadAfter[0]} at the end.`,
    '',
  );
  out.push(howMeasured(results), '');
  if (chart) out.push(`![speed-up over the TypeScript reference per workload and backend](${chart.split('/').pop()})`, '');
  out.push(
    '## Summary',
    '',
    "Median time for the whole job; the fastest backend in bold. · : native's SIMD variants share this kernel (they differ only in the batch great-circle kernels). " +
      'Async functions on wasm and js run the default build on a worker pool, so only those builds are measured there.',
    '',
  );
  out.push(summaryTable(results), '');
  out.push(`${autoSummary(results)}.`, '');
  if (results.importCost) out.push(`${importLine(results.importCost)[0]!.toUpperCase()}${importLine(results.importCost).slice(1)}.`, '');
  out.push('## Peers and baselines', '', peersTable(results), '');
  const accuracy = accuracyTable(results);
  if (accuracy)
    out.push(
      '## Accuracy',
      '',
      "Worst error against the exact central angles of `great_circle.tsv` (234 pairs: uniform, tiny, near-antipodal, identical, poles and antimeridian), in metres on a sphere of the Earth's mean radius.",
      '',
      accuracy,
      '',
    );
  out.push(...geodesicAccuracySection(results));
  out.push('## Every measurement', '');
  for (const group of results.groups) {
    out.push(`### ${group.title}`, '');
    const seed = seedLine(results, group.id);
    if (seed) out.push(`${seed[0]!.toUpperCase()}${seed.slice(1)}.`, '');
    const header = [
      'target',
      'median',
      'IQR',
      'runs',
      'p90',
      'first call',
      '× js',
      '÷ best',
      seedColumn(results, group.id) || '× seed',
      'notes',
    ];
    for (const kase of results.cases.filter((c) => c.group === group.id)) {
      out.push(`**${kase.title}**: ${kase.description}.`, '', markdownTable(header, detailRows(results, kase), 'lrrrrrrrrl'), '');
    }
  }
  if (results.notes.length) out.push('## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
