/**
 * `npm run bench:select`: measures every route's workload on every backend, each in a fresh
 * process, and writes src/auto-selection.json — the committed table `auto` follows. Rebuild
 * (npm run build:ts) afterwards so that dist/ carries the new table.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { backendInfo, type BackendName } from '../index.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Route, SelectionTable } from '../selection.js';
import { measureInChild } from './measure.js';
import { WORKLOADS, type WorkloadName } from './workloads.js';

const ROUTE_WORKLOADS: Record<Route, WorkloadName> = {
  checkPrime: 'primesBelowMillion',
  checkPrimeLarge: 'largeOddIntegers',
  greatCircle: 'greatCircleMillion',
  checkPrimes: 'checkPrimesBatch',
  countPrimes: 'countPrimesTo1e8',
  primesBetween: 'primesBetweenTo1e7',
  greatCircleMany: 'greatCircleManyMillion',
  greatCircleMatrix: 'greatCircleMatrix1000',
};
const SAMPLES = 15;
const TABLE_PATH = path.join(PACKAGE_ROOT, 'src', 'auto-selection.json');

const available = backendInfo().backends.filter((b) => b.available).map((b) => b.name);
const missing = backendInfo().backends.filter((b) => !b.available);
if (missing.length > 0) {
  console.error(`every backend must load to calibrate; missing: ${missing.map((b) => `${b.name} (${b.error?.message})`).join('; ')}`);
  process.exit(1);
}

const routes = {} as Record<Route, SelectionTable['routes'][Route]>;
for (const [route, workloadName] of Object.entries(ROUTE_WORKLOADS) as [Route, WorkloadName][]) {
  const workload = WORKLOADS[workloadName];
  const nsPerCall: Partial<Record<BackendName, number>> = {};
  for (const backend of available) {
    const { medianMs, minMs, maxMs } = measureInChild(backend, workloadName, SAMPLES);
    nsPerCall[backend] = Math.round((medianMs * 1e6) / workload.calls * 10) / 10;
    console.log(`${route.padEnd(16)} ${backend.padEnd(7)} ${String(nsPerCall[backend]).padStart(8)} ns/call  (median of ${SAMPLES}; runs ${minMs.toFixed(1)}-${maxMs.toFixed(1)} ms)`);
  }
  routes[route] = { workload: workload.description, nsPerCall };
}

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const table: SelectionTable = {
  generatedBy: 'npm run bench:select (src/cli/calibrate.ts): median of 15 runs per backend, each backend in its own process',
  date: new Date().toISOString().slice(0, 10),
  machine: `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`,
  node: process.version,
  routes,
};
fs.writeFileSync(TABLE_PATH, JSON.stringify(table, null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), TABLE_PATH)}`);
