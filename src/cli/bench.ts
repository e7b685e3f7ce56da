/**
 * `npm run bench`: the batch kernels on every backend, side by side in one run with their peers,
 * as ratios (each backend in its own process; tinybench medians). Targets from the issue tracker
 * are printed beside the measured ratios; this is a measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { backendInfo, type BackendMode } from '../index.js';
import { measureInChild } from './measure.js';
import { formatRatio, formatTime, printTable } from './table.js';
import type { WorkloadName } from './workloads.js';

export function runBench(): void {
  const info = backendInfo();
  const modes: BackendMode[] = [...info.backends.filter((b) => b.available).map((b) => b.name), 'auto'];
  const variantOf = (mode: BackendMode) => (mode === 'auto' ? 'auto' : `${mode} (${info.backends.find((b) => b.name === mode)?.features?.variant ?? '?'})`);

  console.log(`numaccel batch kernels on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, one thread`);

  /** Times a workload on every backend and prints each time with its ratio to a baseline time. */
  function compare(title: string, workload: WorkloadName, samples: number, baseline: { label: string; ms: number }, targets: Partial<Record<BackendMode, string>>): void {
    console.log(`\n${title}\n  baseline: ${baseline.label}, ${formatTime(baseline.ms)}`);
    const rows = modes.map((mode) => {
      const { medianMs } = measureInChild(mode, workload, samples);
      return [variantOf(mode), formatTime(medianMs), formatRatio(baseline.ms / medianMs), targets[mode] ?? ''];
    });
    printTable(['backend', 'time (median)', 'speed-up vs baseline', 'target'], rows);
  }

  const haversine = measureInChild('js', 'haversineLoopFourMillion', 5).medianMs;
  compare(
    'greatCircleMany, 4,000,000 random pairs (accurate to 1e-14) vs a plain TypeScript haversine loop over Float64Arrays',
    'greatCircleManyFourMillion',
    5,
    { label: 'haversine loop', ms: haversine },
    { native: '>= 6×', wasm: '>= 2.5×', js: '>= 0.6×' },
  );

  const primesieve = spawnSync('primesieve', ['1e9', '-t1', '-c', '--time'], { encoding: 'utf8' });
  const seconds = /Seconds:\s*([\d.]+)/.exec(primesieve.stdout ?? '')?.[1];
  if (seconds) {
    compare(
      'countPrimes(0, 10^9), one thread, vs primesieve 11 (`primesieve 1e9 -t1 -c`)',
      'countPrimesTo1e9',
      5,
      { label: 'primesieve -t1', ms: Number(seconds) * 1000 },
      { native: '>= 0.5× (within 2×)', wasm: '>= 0.25× (within 4×)', js: '>= 0.125× (within 8×)' },
    );
  } else {
    console.log('\ncountPrimes(0, 10^9) vs primesieve: skipped, the `primesieve` command is not installed (Debian package primesieve)');
  }

  const reference = measureInChild('js', 'checkPrimesBatch', 5).medianMs;
  compare(
    'checkPrimes over 100,000 random odd integers below 2^53, vs the TypeScript reference',
    'checkPrimesBatch',
    5,
    { label: 'js backend', ms: reference },
    { native: '>= 10×' },
  );
}
