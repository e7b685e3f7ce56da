/**
 * `numaccel tour` (what `npm start` runs): the seed's experiments and the other kernel families on
 * every backend (each one's default build) and through `auto`, beside the seed's published figures
 * and the peers that matter, in about twenty seconds and one table, a one-line summary, and where
 * the full benchmark is.
 *
 * Unlike `numaccel bench` (src/bench/run.ts: every build and SIMD variant in a fresh process each,
 * many samples, accuracy, every peer), the tour measures in this one process, a few rounds per
 * workload (tour-measure.ts), and so it prints only the verdicts a few samples support: a speed-up
 * where the ranges of the runs do not overlap and the medians differ by more than the run's noise,
 * "within noise" otherwise, and "not judged" where other processes used the CPU meanwhile. It
 * reuses the bench's cases (their inputs, runs and checksums), peers and baselines.
 */
import * as os from 'node:os';
import { formatRatio, formatTime } from '../bench/format.js';
import {
  BUSY,
  NOISE_RATIO,
  TARGETS,
  isTiming,
  runTour,
  type Cell,
  type Comparison,
  type TourResult,
  type TourRow,
  type Verdict,
} from './tour-measure.js';

function cellText(cell: Cell, mismatched: boolean): string {
  if (!isTiming(cell)) return '—';
  return formatTime(cell.medianMs) + (mismatched ? ' !' : '');
}

function comparisonText(comparison: Comparison | undefined): string {
  if (!comparison) return '';
  return comparison.verdict === 'faster' || comparison.verdict === 'slower' ? `${formatRatio(comparison.speedup)}×` : comparison.verdict;
}

/** Rows under a header, two spaces apart; `align` per column: 'l' or 'r'. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align: string): string[] {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]!].length)));
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - [...cell].length);
    return align[i] === 'r' ? fill + cell : cell + fill;
  };
  return [header, ...rows].map((row) => row.map(pad).join('  ').trimEnd());
}

interface Tally {
  readonly faster: number;
  readonly noise: number;
  readonly busy: number;
  readonly slower: number;
  readonly of: number;
}

/** How many of the comparisons were each verdict. */
function tally(comparisons: ReadonlyArray<Comparison | undefined>): Tally {
  const present = comparisons.filter((c): c is Comparison => c !== undefined);
  const count = (verdict: Verdict) => present.filter((c) => c.verdict === verdict).length;
  return { faster: count('faster'), noise: count('within noise'), busy: count('not judged'), slower: count('slower'), of: present.length };
}

export function summaryLine(rows: readonly TourRow[]): string {
  const experiments = rows.filter((r) => r.experiment);
  const seed = tally(experiments.map((r) => r.vsSeed));
  const peer = tally(rows.map((r) => r.vsPeer));
  const fastest = tally(rows.map((r) => r.vsFastest));
  const also = (t: Tally, missing = 0) => {
    const parts = [
      t.noise ? `${t.noise} within noise` : '',
      t.busy ? `${t.busy} not judged, the machine being busy` : '',
      t.slower ? `${t.slower} slower` : '',
      missing ? `${missing} not measured` : '',
    ].filter(Boolean);
    return parts.length ? ` (${parts.join(', ')})` : '';
  };
  /** "auto beat X on n of m things (...)", or, where the machine was busy for all of them, that nothing was judged. */
  const clause = (t: Tally, what: string, count: number, noun: string) =>
    t.of > 0 && t.busy === t.of
      ? `auto against ${what}: not judged on any of the ${count} ${noun}, the machine being busy`
      : `auto beat ${what} on ${t.faster} of ${count} ${noun}${also(t, count - t.of)}`;
  const behind = rows.filter((r) => r.vsFastest?.verdict === 'slower').map((r) => `${shortName(r)} (${r.vsFastest!.target})`);
  return (
    `${clause(seed, "the seed's best figure", experiments.length, 'experiments')}; ${clause(peer, 'the best peer', peer.of, 'workloads')};` +
    ` it was behind the fastest backend beyond noise on ${fastest.slower} of ${fastest.of}${behind.length ? `: ${behind.join(', ')}` : ''}` +
    `${fastest.busy ? ` (${fastest.busy} not judged)` : ''}.`
  );
}

/** The function a row times: its title up to the first parenthesis, comma or colon. */
const shortName = (row: TourRow) => row.title.split(/[(,:]/)[0]!;

/** Words into lines of at most `width` characters. */
function wrap(text: string, width = 150): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** The tour's report: one table, the notes it needs, a one-line summary, and where the full benchmark is. */
export function renderTour(result: TourResult): string[] {
  const header = ['workload', ...TARGETS, "seed's figure", 'best peer', 'auto vs seed', 'auto vs peer'];
  const body = result.rows.map((row) => [
    row.title + (row.scale !== 1 ? ' †' : ''),
    ...TARGETS.map((t) => cellText(row.cells[t], row.mismatched.includes(t))),
    row.seed ? `${row.seed.label} ${formatTime(row.seed.ms)}` : '',
    row.bestPeer ? `${row.bestPeer.name} ${formatTime(row.bestPeer.timing.medianMs)}` : '',
    comparisonText(row.vsSeed),
    comparisonText(row.vsPeer),
  ]);
  const scaled = result.rows.filter((r) => r.scale !== 1);
  const byBuild = new Map<string, string[]>();
  for (const row of result.rows) {
    const build = row.builds.auto;
    if (build !== undefined) byBuild.set(build, [...(byBuild.get(build) ?? []), shortName(row)]);
  }
  const busy = result.rows.filter((r) => (r.othersCores ?? 0) > BUSY);
  const noisy = result.rows.filter((r) => r.twin !== undefined && r.noise > NOISE_RATIO);
  const runs = result.rows.flatMap((r) =>
    TARGETS.map((t) => r.cells[t])
      .filter(isTiming)
      .map((c) => c.runs),
  );
  const prose = [
    ...(scaled.length > 0
      ? [
          `† runs of part of the job, times scaled to the whole: ${scaled.map((r) => `${shortName(r)} ${r.quadratic ? `${r.size} × ${r.size}` : r.size.toLocaleString('en-US')}`).join(', ')}.`,
        ]
      : []),
    `auto's builds here: ${[...byBuild].map(([build, names]) => `${build} (${[...new Set(names)].join(', ')})`).join('; ')}.`,
    `Times: medians of ${runs.length ? `${Math.min(...runs)}–${Math.max(...runs)}` : 'no'} runs after a warm-up, every column and peer in a thread of its own, one at a time.` +
      ` A speed-up is shown only where the runs' ranges do not overlap and the medians differ by more than ${Math.round((NOISE_RATIO - 1) * 100)}%` +
      ' and by more than auto and the backend running the same build differ (the same work timed twice);' +
      ` otherwise "within noise": a quick run does not judge it.` +
      " The seed's figures are the Python texts' published times, on their own machines.",
    ...(busy.length > 0
      ? [
          `Other processes used the CPU while ${busy.length === result.rows.length ? 'every workload' : `${busy.length} of ${result.rows.length} workloads`} ran` +
            ` (${Math.min(...busy.map((r) => r.othersCores!)).toFixed(1)}–${Math.max(...busy.map((r) => r.othersCores!)).toFixed(1)} of this machine's ${os.cpus().length} cores;` +
            ` ${(result.othersCores ?? 0).toFixed(1)} on average over the tour): their times are noisier, and slower, for it, and their comparisons "not judged".`,
        ]
      : []),
    ...(noisy.length > 0
      ? [
          `The same build timed twice (auto and ${noisy.length === 1 ? 'its twin' : 'their twins'}) came out ${noisy.map((r) => `${formatRatio(r.noise)}× apart on ${shortName(r)}`).join(', ')}: differences there are judged against that.`,
        ]
      : []),
    ...result.notes.map((note) => `note: ${note}`),
  ];
  return [
    `numaccel tour: the seed's experiments and the other kernel families on every backend and through auto (${result.machine})` +
      (result.sizeFactor !== 1 ? ` [sizes × ${result.sizeFactor}]` : ''),
    '',
    ...table(header, body, 'lrrrrllrr'),
    '',
    ...prose.flatMap((text) => wrap(text)),
    '',
    summaryLine(result.rows),
    `This took ${Math.round(result.seconds)} s. The whole benchmark (every build and SIMD variant in fresh processes, more samples, accuracy, every peer): npm run bench; its tables and method: docs/benchmarks.md.`,
  ];
}

/** `numaccel tour`: runs the tour, progress on stderr when it is a terminal, the report (or with --json, the results) on stdout. */
export async function tour(options: { json?: boolean } = {}): Promise<void> {
  const tty = process.stderr.isTTY === true;
  const result = await runTour(tty ? { progress: (text) => process.stderr.write(`\r\x1b[K${text}`) } : {});
  if (tty) process.stderr.write('\r\x1b[K');
  process.stdout.write(options.json ? JSON.stringify(result, null, 2) + '\n' : renderTour(result).join('\n') + '\n');
}
