/**
 * The table `auto` follows, derived from a benchmark run: `numaccel bench --select <file>`
 * measures, then writes it (`npm run bench:select` writes src/auto-selection.json, which ships).
 *
 * For each route, every benchmark case of that route counts: a build's figure is the geometric
 * mean of its ns per call over those cases, so the choice is the build with the best geometric
 * mean ratio across the route's workloads (checkPrime: consecutive small integers and random
 * 32-bit ones; countPrimes: 10^6, 10^9 and, in the full run, 10^10). Every build is recorded, and
 * `auto` compares the default builds it loads (each backend's best variant on that machine) by
 * their own figures: a CPU without AVX-512 routes by native:avx2's.
 *
 * Why a committed table and not a calibration at load time: it costs nothing at import (a
 * calibration that could tell 10% apart needs tens of milliseconds per route, against a 30 ms
 * import budget) and it is stable (a load-time measurement on a busy machine would choose
 * differently from run to run). The price is that it was measured on one machine class; rerun
 * `numaccel bench --select` to fit another.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_IDS, buildById, type BuildId } from '../builds.js';
import { ROUTES, type Route, type SelectionTable } from '../selection.js';
import type { CaseInfo, Row } from './results.js';

/** The table, with each route's per-case figures beside the combined one. */
export interface DerivedSelection extends SelectionTable {
  readonly routes: Readonly<
    Record<
      Route,
      SelectionTable['routes'][Route] & {
        /** ns per call of each build on each case of the route. */
        readonly cases: Readonly<Record<string, Readonly<Partial<Record<BuildId, number>>>>>;
      }
    >
  >;
}

const significant = (x: number) => +x.toPrecision(4);

/**
 * Each build's ns per call on each route. A case whose kernel is the same code in every build of
 * a backend (`variants` false) was measured once, on the backend's default build: the backend's
 * other builds get that figure. A route no case of this run measured (`--only`) keeps its entry
 * from `kept`, the table the run updates.
 */
export function deriveSelection(
  cases: readonly CaseInfo[],
  rows: readonly Row[],
  machine: string,
  date: string,
  kept?: DerivedSelection,
): DerivedSelection {
  const measured = (row: Row) => row.kind === 'backend' && row.medianMs !== undefined && row.error === undefined;
  const builds = BUILD_IDS.filter((id) => rows.some((row) => measured(row) && row.target === id));
  const routes = {} as Record<Route, DerivedSelection['routes'][Route]>;
  const keptRoutes: Route[] = [];
  for (const route of ROUTES) {
    // A case with nothing measured (its data not installed: every row skipped) does not count.
    const mine = cases.filter((c) => c.route === route && rows.some((r) => r.case === c.id && measured(r)));
    if (mine.length === 0) {
      const previous = kept?.routes[route];
      if (!previous) throw new Error(`bench --select: no case measures the route ${route}; run every case`);
      routes[route] = previous;
      keptRoutes.push(route);
      continue;
    }
    const perCase: Record<string, Partial<Record<BuildId, number>>> = {};
    for (const kase of mine) {
      perCase[kase.id] = {};
      for (const id of builds) {
        const backend = buildById(id)!.backend;
        const row =
          rows.find((r) => r.case === kase.id && measured(r) && r.target === id) ??
          rows.find((r) => r.case === kase.id && measured(r) && !kase.variants && r.backend === backend && r.isDefault);
        if (row) perCase[kase.id]![id] = significant((row.medianMs! * 1e6) / kase.calls);
      }
    }
    const nsPerCall: Partial<Record<BuildId, number>> = {};
    for (const id of builds) {
      const times = mine.map((kase) => perCase[kase.id]![id]);
      // A build missing from any of the route's cases is not measured on the route.
      if (times.every((t): t is number => t !== undefined)) {
        nsPerCall[id] = significant(Math.exp(times.reduce((sum, t) => sum + Math.log(t), 0) / times.length));
      }
    }
    routes[route] = {
      workload: mine.length === 1 ? mine[0]!.description : `geometric mean over: ${mine.map((c) => c.description).join('; ')}`,
      nsPerCall,
      cases: perCase,
    };
  }
  return {
    generatedBy:
      'numaccel bench --select (src/bench/selection-table.ts): tinybench medians, each build in its own process; per route the geometric mean of ns per call over its cases',
    // Routes kept from an earlier table say when and where they were measured.
    date: kept && keptRoutes.length > 0 ? `${date} (${keptRoutes.length} routes as measured ${kept.date})` : date,
    machine: kept && keptRoutes.length > 0 ? `${machine} (${keptRoutes.length} routes on ${kept.machine})` : machine,
    node: process.version,
    routes,
  };
}

/**
 * Writes the table to `file` (`numaccel bench --select <file>`). The library reads it only where
 * it is pointed at it (NUMACCEL_SELECTION, or configure({ selection })): a measurement never
 * changes the routing of an installed package behind its users' backs. In a checkout,
 * `npm run bench:select` writes src/auto-selection.json, the table the package ships.
 */
export function writeSelection(table: DerivedSelection, file: string): string {
  fs.writeFileSync(file, JSON.stringify(table, null, 2) + '\n');
  return path.relative(process.cwd(), file) || file;
}
