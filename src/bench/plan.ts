/**
 * What a run measures: every build this machine runs (native's SIMD variants, both WebAssembly
 * modules, js) and `auto` on every case, and each case's peers and baselines, with the samples
 * and the patience of the mode; what cannot run here (a peer not installed, primesieve missing)
 * is planned as a skipped row with a note.
 */
import type { BuildId } from '../builds.js';
import { BACKEND_NAMES, type BackendName } from '../contract.js';
import { nodeBuilds } from '../platform/node.js';
import type { Case, Other } from './case-types.js';
import { workScale } from './cases.js';
import { GEODESIC_REFERENCE } from './geodesic-accuracy.js';
import { findReference } from './inputs.js';
import {
  commandExists,
  measureCommand,
  measureInChild,
  packageInstalled,
  type MeasureSpec,
  type Patience,
  type WorkerResult,
} from './measure.js';
import type { Row } from './results.js';

export interface Target {
  readonly target: BuildId;
  readonly backend: BackendName;
  readonly variant: string;
  /** The backend's default build here: the one `auto` uses. */
  readonly isDefault: boolean;
}

/** Every build this machine runs: native's SIMD variants, both WebAssembly modules, js. */
export function discoverTargets(notes: string[]): Target[] {
  const statuses = nodeBuilds();
  const defaults = new Set(
    BACKEND_NAMES.map((backend) => statuses.find((s) => s.build.backend === backend && s.state === 'loaded')?.build.id),
  );
  const targets: Target[] = [];
  for (const status of statuses) {
    const { id, backend, variant } = status.build;
    if (status.state === 'loaded') targets.push({ target: id, backend, variant, isDefault: defaults.has(id) });
    else if (status.state === 'failed')
      notes.push(`${id} not measured: ${status.error.cause instanceof Error ? status.error.cause.message : String(status.error.cause)}`);
  }
  return targets;
}

export interface Planned {
  readonly kase: Case;
  readonly row: Omit<Row, 'case'>;
  /** Absent for rows that are only reported (skipped). One fresh process (or command) a call. */
  readonly measure?: (log: (line: string) => void) => WorkerResult;
  /** Measurements in fresh processes to take (Case.processes, the same for every row of a case); the row keeps the fastest. */
  readonly processes?: number;
}

interface Settings {
  readonly iterations: number;
  readonly time: number;
  readonly warmupIterations: number;
  readonly warmupTime: number;
}

/** Samples per mode: at least `iterations` runs and at least `time` ms of them, after warm-up. */
const SETTINGS: Record<'quick' | 'full', Settings> = {
  // Warm-up by time as well: a short job reaches its steady state (V8's heap sized for its
  // allocations) only after some 100 ms of runs; primesBetween(0, 10^6) runs 3.5× slower before.
  quick: { iterations: 3, time: 100, warmupIterations: 1, warmupTime: 200 },
  full: { iterations: 9, time: 1000, warmupIterations: 2, warmupTime: 250 },
};

/**
 * Other processes' CPU use is noise: the full run waits up to a minute for quiet before each
 * measurement and measures up to 4 times while it is disturbed; the quick run measures at most twice.
 */
const PATIENCE: Record<'quick' | 'full', Patience> = { quick: { attempts: 2, waitMs: 0 }, full: { attempts: 4, waitMs: 60_000 } };

/** A case's own sample count (for long runs): exactly that many, with one warm-up when there are at least 3. */
function settingsFor(mode: 'quick' | 'full', samples: number | undefined): Settings {
  if (samples === undefined) return SETTINGS[mode];
  return { iterations: samples, time: 0, warmupIterations: samples >= 3 ? 1 : 0, warmupTime: 0 };
}

function labelOf(t: Target, kase: Case): string {
  if (t.backend === 'js') return 'js (TS reference)';
  if (t.backend === 'native' && !kase.variants) return 'native (every variant)';
  return `${t.backend} ${t.variant}`;
}

/** The reference files of the accuracy checks: great_circle.tsv and geodesic_inverse.tsv, when found. */
interface References {
  readonly reference?: string;
  readonly geodesicReference?: string;
}

/** The reference files a row's accuracy checks read. */
function referencesFor(checks: { angle?: unknown; geodesic?: unknown }, references: References): References {
  return {
    ...(checks.angle && references.reference ? { reference: references.reference } : {}),
    ...(checks.geodesic && references.geodesicReference ? { geodesicReference: references.geodesicReference } : {}),
  };
}

export function plan(mode: 'quick' | 'full', cases: readonly Case[], targets: readonly Target[], notes: string[]): Planned[] {
  const reference = findReference();
  if (!reference)
    notes.push('accuracy column skipped: great_circle.tsv not found (set NUMACCEL_REFERENCE_DIR to the directory holding it)');
  const geodesicReference = findReference(GEODESIC_REFERENCE);
  if (!geodesicReference && cases.some((c) => c.geodesic))
    notes.push(
      'geodesic accuracy skipped: geodesic_inverse.tsv not found (it is in the repository, not the package: set NUMACCEL_REFERENCE_DIR to the directory holding it)',
    );
  const references: References = { ...(reference ? { reference } : {}), ...(geodesicReference ? { geodesicReference } : {}) };
  const commands = cases.flatMap((c) =>
    Object.values(c.others ?? {}).flatMap((o) => (o.command && !o.command.build ? [o.command.file] : [])),
  );
  for (const file of new Set(commands)) {
    if (!commandExists(file))
      notes.push(`${file} rows skipped: the \`${file}\` command is not installed (Debian/Ubuntu: apt install ${file})`);
  }
  const missing = new Set<string>();
  const planned: Planned[] = [];
  for (const kase of cases) {
    if (kase.package && !packageInstalled(kase.package)) {
      planned.push(...planSkipped(kase, mode, targets));
      notes.push(
        `case ${kase.id} skipped: its data, the package ${kase.package}, is not installed (npm install --no-save ${kase.package} to include it)`,
      );
      continue;
    }
    const size = kase.measured[mode];
    const scale = workScale(kase, size);
    const settings = settingsFor(mode, kase.samples?.[mode]);
    const spec = (target: string): MeasureSpec => ({
      case: kase.id,
      target,
      size,
      ...settings,
      ...referencesFor(kase, references),
    });
    const rows: Planned[] = [];
    for (const t of targets) {
      if (!kase.variants && t.backend === 'native' && !t.isDefault) continue;
      rows.push({
        kase,
        row: {
          target: t.target,
          label: labelOf(t, kase),
          kind: 'backend',
          backend: t.backend,
          variant: t.variant,
          isDefault: t.isDefault,
          size,
          scale,
        },
        measure: (log) => measureInChild(spec(t.target), PATIENCE[mode], log),
      });
    }
    rows.push({
      kase,
      row: { target: 'auto', label: 'auto', kind: 'auto', size, scale },
      measure: (log) => measureInChild(spec('auto'), PATIENCE[mode], log),
    });
    for (const [id, other] of Object.entries(kase.others ?? {})) rows.push(planOther(mode, kase, id, other, references, missing, notes));
    const processes = kase.processes?.[mode] ?? 1;
    planned.push(...rows.map((p) => ({ ...p, processes })));
  }
  for (const name of missing) notes.push(`peer ${name} skipped: not installed (npm install --no-save ${name} to include it)`);
  return planned;
}

/** Every row of a case that cannot run here (its data is not installed), reported as skipped. */
function planSkipped(kase: Case, mode: 'quick' | 'full', targets: readonly Target[]): Planned[] {
  const skipped = `${kase.package} not installed`;
  const size = kase.measured[mode];
  const scale = workScale(kase, size);
  const rows: Planned['row'][] = [
    ...targets
      .filter((t) => kase.variants || t.backend !== 'native' || t.isDefault)
      .map((t) => ({
        target: t.target,
        label: labelOf(t, kase),
        kind: 'backend' as const,
        backend: t.backend,
        variant: t.variant,
        isDefault: t.isDefault,
        size,
        scale,
        skipped,
      })),
    { target: 'auto', label: 'auto', kind: 'auto', size, scale, skipped },
    ...Object.entries(kase.others ?? {}).map(([id, other]) => ({
      target: `other:${id}`,
      label: other.label,
      kind: other.kind,
      ...(other.note ? { note: other.note } : {}),
      skipped,
    })),
  ];
  return rows.map((row) => ({ kase, row }));
}

function planOther(
  mode: 'quick' | 'full',
  kase: Case,
  id: string,
  other: Other,
  references: References,
  missing: Set<string>,
  notes: string[],
): Planned {
  const size = other.size?.[mode] ?? kase.measured[mode];
  const scale = workScale(kase, size);
  const row = {
    target: `other:${id}`,
    label: other.label,
    kind: other.kind,
    size,
    scale,
    ...(other.note ? { note: other.note } : {}),
    ...(other.sameResult ? { sameResult: true } : {}),
  };
  if (other.package && !packageInstalled(other.package)) {
    missing.add(other.package);
    return { kase, row: { ...row, skipped: 'not installed' } };
  }
  if (other.command) {
    const command = other.command;
    if (command.build) {
      try {
        command.build();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (!notes.includes(reason)) notes.push(reason);
        return { kase, row: { ...row, skipped: 'could not be built' } };
      }
    }
    if (!commandExists(command.file)) return { kase, row: { ...row, skipped: `${command.file} not installed` } };
    return {
      kase,
      row,
      measure: () => measureCommand(command.file, command.args(size), command.seconds, other.samples?.[mode] ?? (mode === 'quick' ? 3 : 7)),
    };
  }
  const settings = settingsFor(mode, other.samples?.[mode] ?? kase.samples?.[mode]);
  const spec: MeasureSpec = { case: kase.id, target: row.target, size, ...settings, ...referencesFor(other, references) };
  return { kase, row, measure: (log) => measureInChild(spec, PATIENCE[mode], log) };
}
