/**
 * The table `auto` follows (src/auto-selection.json), derived from a benchmark run:
 * `numaccel bench --select` (what `npm run bench:select` runs) measures, then writes it.
 *
 * For each route, every benchmark case of that route counts: a backend's figure is the geometric
 * mean of its ns per call over those cases, so the choice is the backend with the best geometric
 * mean ratio across the route's workloads (checkPrime: consecutive small integers and random
 * 32-bit ones; countPrimes: 10^6, 10^9 and, in the full run, 10^10). Only each backend's default
 * build counts (the best SIMD variant this machine runs): that is what `auto` loads.
 *
 * Why a committed table and not a calibration at load time: it costs nothing at import (a
 * calibration that could tell 10% apart needs tens of milliseconds per route, against a 30 ms
 * import budget) and it is stable (a load-time measurement on a busy machine would choose
 * differently from run to run). The price is that it was measured on one machine class; rerun
 * `numaccel bench --select` to fit another.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BACKEND_NAMES, type BackendName } from '../contract.js';
import { PACKAGE_ROOT } from '../paths.js';
import { ROUTES, type Route, type SelectionTable } from '../selection.js';
import type { CaseInfo, Row } from './bench.js';

/** The committed table, with each route's per-case figures beside the combined one. */
export interface DerivedSelection extends SelectionTable {
  readonly routes: Readonly<
    Record<
      Route,
      SelectionTable['routes'][Route] & {
        /** ns per call of each backend on each case of the route. */
        readonly cases: Readonly<Record<string, Readonly<Partial<Record<BackendName, number>>>>>;
      }
    >
  >;
}

const significant = (x: number) => +x.toPrecision(4);

export function deriveSelection(cases: readonly CaseInfo[], rows: readonly Row[], machine: string, date: string): DerivedSelection {
  const routes = {} as Record<Route, DerivedSelection['routes'][Route]>;
  for (const route of ROUTES) {
    const mine = cases.filter((c) => c.route === route);
    if (mine.length === 0) throw new Error(`bench --select: no case measures the route ${route}; run every case`);
    const perCase: Record<string, Partial<Record<BackendName, number>>> = {};
    for (const kase of mine) {
      perCase[kase.id] = {};
      for (const row of rows) {
        if (row.case !== kase.id || row.kind !== 'backend' || !row.isDefault || row.backend === undefined) continue;
        if (row.medianMs === undefined || row.error !== undefined) continue;
        perCase[kase.id]![row.backend] = significant((row.medianMs * 1e6) / kase.calls);
      }
    }
    const nsPerCall: Partial<Record<BackendName, number>> = {};
    for (const backend of BACKEND_NAMES) {
      const times = mine.map((kase) => perCase[kase.id]![backend]);
      // A backend missing from any of the route's cases is not measured on the route.
      if (times.every((t): t is number => t !== undefined)) {
        nsPerCall[backend] = significant(Math.exp(times.reduce((sum, t) => sum + Math.log(t), 0) / times.length));
      }
    }
    routes[route] = {
      workload: mine.length === 1 ? mine[0]!.description : `geometric mean over: ${mine.map((c) => c.description).join('; ')}`,
      nsPerCall,
      cases: perCase,
    };
  }
  return {
    generatedBy: 'numaccel bench --select (src/cli/calibrate.ts): tinybench medians, each backend in its own process; per route the geometric mean of ns per call over its cases',
    date,
    machine,
    node: process.version,
    routes,
  };
}

/**
 * Writes the table where `auto` reads it: src/auto-selection.json in a checkout (commit it), and
 * dist/auto-selection.json, which the built package loads (in an installed package, the only one).
 */
export function writeSelection(table: DerivedSelection): string[] {
  const text = JSON.stringify(table, null, 2) + '\n';
  const written: string[] = [];
  for (const dir of ['src', 'dist']) {
    const directory = path.join(PACKAGE_ROOT, dir);
    if (!fs.existsSync(directory)) continue;
    const file = path.join(directory, 'auto-selection.json');
    fs.writeFileSync(file, text);
    written.push(path.relative(process.cwd(), file) || file);
  }
  return written;
}
