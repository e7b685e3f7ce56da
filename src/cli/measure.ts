/**
 * Runs one workload on one backend in a fresh Node process, so that V8's type feedback from one
 * backend's kernels cannot slow down another's, and reports tinybench's median and spread.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { BackendMode } from '../index.js';
import type { WorkloadName } from './workloads.js';

export interface Measurement {
  readonly backend: BackendMode;
  readonly workload: WorkloadName;
  /** Median time of one run, in milliseconds. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samples: number;
  readonly checksum: number;
}

const WORKER = path.join(__dirname, 'measure-worker.mjs');

export function measureInChild(backend: BackendMode, workload: WorkloadName, samples: number): Measurement {
  // The child's own NUMACCEL_BACKEND picks the backend, exactly as a user's process would.
  const env = { ...process.env, NUMACCEL_BACKEND: backend };
  const out = execFileSync(process.execPath, [WORKER, workload, String(samples)], { env, encoding: 'utf8' });
  return { backend, workload, ...(JSON.parse(out) as Omit<Measurement, 'backend' | 'workload'>) };
}
