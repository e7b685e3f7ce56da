/**
 * `npm start`: the seed's two experiments, reproduced on every backend and on `auto`, beside the
 * figures the seed texts report — primes below 1,000,000 checked one call at a time, and
 * 5,000,000 great-circle distances on varied points — plus the case trial division cannot do.
 */
import * as os from 'node:os';
import { backendInfo, type BackendMode } from '../index.js';
import { measureInChild } from './measure.js';
import { formatRatio, formatTime, printTable } from './table.js';
import { WORKLOADS, type WorkloadName } from './workloads.js';

interface Baseline {
  readonly label: string;
  readonly ms: number;
}

export function runDemo(): void {
  const info = backendInfo();
  const modes: BackendMode[] = [...info.backends.filter((b) => b.available).map((b) => b.name), 'auto'];
  for (const b of info.backends) if (!b.available) console.log(`(${b.name} backend not available: ${b.error?.message})`);

  function experiment(title: string, seedFigures: string, workload: WorkloadName, samples: number, baselines: Baseline[], scale = 1): void {
    console.log(`\n${title}\n  seed: ${seedFigures}`);
    const header = ['backend', 'time (median)', 'checksum', ...baselines.map((b) => `vs ${b.label}`)];
    const rows = modes.map((mode) => {
      const m = measureInChild(mode, workload, samples);
      const ms = m.medianMs * scale;
      const label = mode === 'auto' ? `auto (${autoChoice(workload)})` : mode;
      return [label, formatTime(ms), String(m.checksum), ...baselines.map((b) => formatRatio(b.ms / ms))];
    });
    printTable(header, rows);
  }

  function autoChoice(workload: WorkloadName): string {
    const selected = info.selected;
    if (workload.startsWith('greatCircle')) return selected.greatCircle ?? '?';
    if (workload === 'primesBelowMillion') return selected.checkPrime ?? '?';
    return selected.checkPrimeLarge ?? '?';
  }

  console.log(`numaccel — the seed experiments on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`);
  console.log('Each backend runs in its own process; times are tinybench medians; speed-ups are ratios to the seed figures.');

  experiment(
    'Experiment 1 — primes below 1,000,000, checkPrime(i) once per integer (78,498 primes)',
    'pure Python 4.49 s · C via ctypes 1.04 s · CPython 3.11 on this machine class 3.95 s',
    'primesBelowMillion',
    7,
    [{ label: 'CPython 3.11', ms: 3950 }, { label: 'C via ctypes', ms: 1040 }],
  );

  experiment(
    'Experiment 3 — 5,000,000 great-circle distances on varied points (radius 3956 mi)',
    'CPython 4.5 s · Cython typed 3 s · C math.h in single precision 0.95 s · cpdef 0.8 s · PyPy 0.5 s · CPython 3.11 here 2.53 s',
    'greatCircleFiveMillion',
    3,
    [{ label: 'CPython 3.11', ms: 2530 }, { label: 'PyPy', ms: 500 }],
  );

  const trialDivision = measureInChild('js', 'trialDivisionNear2Pow53', 3).medianMs;
  experiment(
    'Beyond the seed — is 9,007,199,254,740,881 (the largest prime below 2^53) prime? Time per call.',
    `trial division to √n, the seed's algorithm in TypeScript: ${formatTime(trialDivision)} per call`,
    'primeNear2Pow53',
    7,
    [{ label: 'trial division', ms: trialDivision }],
    1 / WORKLOADS.primeNear2Pow53.calls,
  );
}
