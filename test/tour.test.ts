/**
 * `numaccel tour` (npm start): the table's shape on a tiny tour (every workload, every column, in
 * threads as the real one), and the verdicts a quick run may print. No assertion on any time.
 */
import { describe, expect, it } from 'vitest';
import {
  BUSY,
  NOISE_RATIO,
  TARGETS,
  judge,
  noiseFloor,
  runTour,
  type Cell,
  type TourResult,
  type TourRow,
} from '../src/cli/tour-measure.js';
import { renderTour, summaryLine } from '../src/cli/tour.js';
import { WORKLOADS } from '../src/cli/tour-workloads.js';

const spread = (minMs: number, medianMs: number, maxMs: number) => ({ minMs, medianMs, maxMs });

describe('the verdicts of a quick run', () => {
  it('says "within noise" when the ranges of the runs overlap, however far apart the medians', () => {
    expect(judge(spread(10, 11, 30), spread(25, 40, 41))).toBe('within noise');
    expect(judge(spread(25, 40, 41), spread(10, 11, 30))).toBe('within noise');
  });

  it(`says "within noise" when the medians are within ${NOISE_RATIO}× of each other, even with ranges apart`, () => {
    expect(judge(spread(10, 10, 10.1), spread(10.5, 10.6, 10.7))).toBe('within noise');
  });

  it('names a winner only when the ranges are apart and the medians differ by more than that', () => {
    expect(judge(spread(10, 11, 12), spread(20, 22, 24))).toBe('faster');
    expect(judge(spread(20, 22, 24), spread(10, 11, 12))).toBe('slower');
    // A published figure is a point: inside auto's range, it is not judged.
    expect(judge(spread(80, 90, 130), spread(89, 89, 89))).toBe('within noise');
  });
});

/** A row with the given auto and peer spreads, on the seed's experiment `experiment`. */
function row(auto: Cell, peer: Cell, experiment: boolean, seedMs?: number): TourRow {
  const timing = (cell: Cell) => ('medianMs' in cell ? cell : undefined);
  const a = timing(auto)!;
  const p = timing(peer)!;
  return {
    case: 'x',
    title: 'greatCircle, 5·10^6 calls',
    size: 1,
    scale: 1,
    quadratic: false,
    experiment,
    cells: { native: auto, wasm: auto, js: auto, auto },
    builds: { native: 'native avx2', wasm: 'wasm simd128', js: 'js', auto: 'wasm simd128' },
    noise: NOISE_RATIO,
    twin: 'wasm',
    mismatched: [],
    peers: [{ name: 'peer', cell: peer }],
    bestPeer: { name: 'peer', timing: p },
    ...(seedMs !== undefined
      ? { seed: { label: 'PyPy', ms: seedMs }, vsSeed: { speedup: seedMs / a.medianMs, verdict: judge(a, spread(seedMs, seedMs, seedMs)) } }
      : {}),
    vsPeer: { speedup: p.medianMs / a.medianMs, verdict: judge(a, p) },
  };
}

describe('the noise of a run, measured', () => {
  const timing = (medianMs: number): Cell => ({ minMs: medianMs, medianMs, maxMs: medianMs, runs: 3 });
  const builds = { native: 'native avx512', wasm: 'wasm simd128', js: 'js', auto: 'wasm simd128' };

  it('is how far apart auto and the backend running the same build came out, and NOISE_RATIO at least', () => {
    expect(noiseFloor({ native: timing(90), wasm: timing(340), js: timing(600), auto: timing(690) }, builds)).toEqual({
      noise: 690 / 340,
      twin: 'wasm',
    });
    expect(noiseFloor({ native: timing(90), wasm: timing(340), js: timing(600), auto: timing(345) }, builds)).toEqual({
      noise: NOISE_RATIO,
      twin: 'wasm',
    });
    // No twin (auto's build not forced here, or not measured): NOISE_RATIO alone.
    expect(noiseFloor({ native: timing(90), wasm: { error: 'x' }, js: timing(600), auto: timing(345) }, builds)).toEqual({
      noise: NOISE_RATIO,
    });
  });

  it('keeps a difference smaller than that from being judged, even with ranges apart', () => {
    const auto = spread(680, 690, 700);
    expect(judge(auto, spread(790, 798, 810))).toBe('faster');
    expect(judge(auto, spread(790, 798, 810), 690 / 340)).toBe('within noise');
    expect(judge(auto, spread(500, 500, 500), 690 / 340)).toBe('within noise');
  });
});

describe('the report', () => {
  it('prints "within noise" instead of a winner where the spreads overlap, and counts it so in the summary', () => {
    const timing = (minMs: number, medianMs: number, maxMs: number): Cell => ({ minMs, medianMs, maxMs, runs: 3 });
    const result: TourResult = {
      machine: 'test',
      sizeFactor: 1,
      rounds: { min: 3, max: 7 },
      seconds: 1,
      rows: [row(timing(300, 310, 420), timing(400, 410, 430), true, 500), row(timing(30, 31, 32), timing(300, 310, 320), false)],
      notes: [],
    };
    const lines = renderTour(result);
    const table = lines.filter((line) => line.startsWith('greatCircle'));
    expect(table[0]).toMatch(/1\.61×\s+within noise$/);
    expect(table[1]).toMatch(/10×$/);
    expect(lines.join('\n')).not.toMatch(/✗|✓/);
    expect(summaryLine(result.rows)).toBe(
      "auto beat the seed's best figure on 1 of 1 experiments; auto beat the best peer on 1 of 2 workloads (1 within noise); it was behind the fastest backend beyond noise on 0 of 0.",
    );
  });

  it('says "not judged" on a busy machine, whatever the times', () => {
    const timing = (minMs: number, medianMs: number, maxMs: number): Cell => ({ minMs, medianMs, maxMs, runs: 3 });
    const busy = { ...row(timing(30, 31, 32), timing(300, 310, 320), true, 500), othersCores: BUSY * 4 };
    const judged = {
      ...busy,
      vsSeed: { ...busy.vsSeed!, verdict: 'not judged' as const },
      vsPeer: { ...busy.vsPeer!, verdict: 'not judged' as const },
    };
    const result: TourResult = { machine: 'test', sizeFactor: 1, rounds: { min: 3, max: 7 }, seconds: 1, rows: [judged], notes: [] };
    const lines = renderTour(result);
    expect(lines.find((line) => line.startsWith('greatCircle'))).toMatch(/not judged\s+not judged$/);
    expect(lines.join('\n')).toContain('Other processes used the CPU while every workload ran');
    expect(summaryLine(result.rows)).toMatch(
      /^auto against the seed's best figure: not judged on any of the 1 experiments, the machine being busy; auto against the best peer: not judged/,
    );
    const half = { ...result, rows: [judged, row(timing(30, 31, 32), timing(300, 310, 320), true, 500)] };
    expect(summaryLine(half.rows)).toMatch(
      /^auto beat the seed's best figure on 1 of 2 experiments \(1 not judged, the machine being busy\)/,
    );
  });

  it('runs every workload on every column on a tiny tour, and prints one table in few lines', async () => {
    const result = await runTour({ sizeFactor: 1e-3, minRounds: 1, maxRounds: 1, budgetMs: 0, externals: false });
    expect(result.rows.map((r) => r.case)).toEqual(WORKLOADS.map((w) => w.case));
    for (const r of result.rows) {
      expect(Object.keys(r.cells).sort()).toEqual([...TARGETS].sort());
      // js serves everything; every measured column computed what js did.
      expect(r.cells.js, r.case).toMatchObject({ runs: 1, medianMs: expect.any(Number) });
      expect(r.mismatched, r.case).toEqual([]);
      expect(r.builds.js, r.case).toBe('js');
    }
    expect(result.rows.filter((r) => r.seed).map((r) => r.seed!.label)).toEqual([
      'C via ctypes',
      'C via ctypes',
      'PyPy',
      'PyPy',
      'Parakeet',
    ]);
    expect(result.rows.filter((r) => r.experiment)).toHaveLength(3);

    const lines = renderTour(result);
    expect(lines.length).toBeLessThanOrEqual(60);
    const header = lines.findIndex((line) => line.startsWith('workload'));
    expect(lines[header]!.split(/\s{2,}/)).toEqual([
      'workload',
      'native',
      'wasm',
      'js',
      'auto',
      "seed's figure",
      'best peer',
      'auto vs seed',
      'auto vs peer',
    ]);
    expect(lines.slice(header + 1, header + 1 + WORKLOADS.length).map((line) => line.split(/\s{2,}/)[0]!.replace(/ †$/, ''))).toEqual(
      WORKLOADS.map((w) => w.title),
    );
    expect(lines.at(-2)).toMatch(/^auto (beat|against) the seed's best figure.* 3 experiments/);
    expect(lines.at(-1)).toMatch(/npm run bench.*docs\/benchmarks\.md/);
    expect(lines.join('\n')).toContain('primecount -t1: outside commands are not run');
  });
});
