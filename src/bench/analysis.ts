/**
 * The analysis of a run: ratios, checksum verdicts and the check of `auto`, pure functions of the
 * rows, so that `--from` recomputes them from a saved run.
 */
import type { Group } from './case-types.js';
import { BUSY_CORES } from './measure.js';
import { AUTO_TOLERANCE, servingRoute, type AutoCheck, type CaseInfo, type Row } from './results.js';

const measured = (row: Row): row is Row & { medianMs: number } => row.medianMs !== undefined && row.error === undefined;

function withoutAnalysis(row: Row): Row {
  const plain: { -readonly [K in keyof Row]: Row[K] } = { ...row };
  delete plain.vsJs;
  delete plain.vsBest;
  delete plain.vsSeed;
  delete plain.checksumOk;
  return plain;
}

/** Adds the ratios and checksum verdicts to every row, and checks auto against the forced backends. */
export function analyse(
  groups: readonly Group[],
  cases: readonly CaseInfo[],
  rows: readonly Row[],
): { rows: Row[]; autoCheck: AutoCheck[] } {
  const out: Row[] = [];
  const autoCheck: AutoCheck[] = [];
  for (const kase of cases) {
    const mine = rows.filter((r) => r.case === kase.id);
    const backends = mine.filter((r) => r.kind === 'backend').filter(measured);
    const js = backends.find((r) => r.backend === 'js');
    const best = Math.min(...backends.map((r) => r.medianMs));
    const seed = groups.find((g) => g.id === kase.group)?.seed?.compare;
    // Every numaccel target does the same work on the same inputs: one checksum (js's, the reference).
    // Distances agree bit for bit except on native's FMA variants (a few ulps, docs/algorithms.md),
    // so a sum of distances (every greatCircle route, whatever the group) must agree to the
    // contract's accuracy, 1e-14; counts and primes exactly.
    const expected = (js ?? backends[0])?.checksum;
    const tolerance = servingRoute(kase)?.startsWith('greatCircle') ? 1e-14 : 0;
    const sameChecksum = (checksum: number | undefined) =>
      checksum !== undefined &&
      expected !== undefined &&
      (checksum === expected || Math.abs(checksum - expected) <= tolerance * Math.abs(expected));
    for (const row of mine) {
      const plain = withoutAnalysis(row);
      if (!measured(row)) {
        out.push(plain);
        continue;
      }
      const compared = row.kind === 'backend' || row.kind === 'auto' || row.sameResult === true;
      out.push({
        ...plain,
        ...(js ? { vsJs: js.medianMs / row.medianMs } : {}),
        ...(Number.isFinite(best) ? { vsBest: row.medianMs / best } : {}),
        ...(seed ? { vsSeed: seed.ms / row.medianMs } : {}),
        // A peer's smaller quick run counts fewer primes: only equal work can be compared.
        ...(compared && expected !== undefined && row.size === (js ?? backends[0])?.size ? { checksumOk: sameChecksum(row.checksum) } : {}),
      });
    }
    const auto = mine.find((r) => r.kind === 'auto');
    const forced = backends.filter((r) => r.isDefault).sort((a, b) => a.medianMs - b.medianMs)[0];
    if (auto && measured(auto) && forced) {
      const ratio = auto.medianMs / forced.medianMs;
      autoCheck.push({
        case: kase.id,
        ...(auto.served ? { served: auto.served } : {}),
        autoMs: auto.medianMs,
        forcedTarget: forced.target,
        forcedMs: forced.medianMs,
        ratio,
        ok: ratio <= AUTO_TOLERANCE,
      });
    }
  }
  return { rows: out, autoCheck };
}

/** Notes that follow from the rows: measurements disturbed by other processes, checksums that differ. */
export const ROW_NOTE = /^(other processes used more than|\d+ measurement\(s\) were taken again|CHECKSUM MISMATCH)/;
export function rowNotes(rows: readonly Row[]): string[] {
  const notes: string[] = [];
  const busy = rows.filter((r) => (r.othersCores ?? 0) > BUSY_CORES);
  if (busy.length > 0)
    notes.push(
      `other processes used more than ${BUSY_CORES} cores during ${busy.length} measurement(s) even after retries (marked "busy"): ${busy.map((r) => `${r.case} ${r.label}`).join(', ')}`,
    );
  const retried = rows.filter((r) => (r.attempts ?? 1) > 1);
  if (retried.length > 0)
    notes.push(
      `${retried.length} measurement(s) were taken again because other processes used the CPU meanwhile; the quietest attempt is kept`,
    );
  if (rows.some((r) => r.checksumOk === false)) notes.push('CHECKSUM MISMATCH: some targets did not compute the same results (marked ✗)');
  return notes;
}
