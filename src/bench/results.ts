/**
 * What a benchmark run produces, as `numaccel bench --json` writes it and `--from` reads it back:
 * one row per target and case, the cases' descriptions, and the check of `auto`. The report, the
 * chart, the analysis and the selection table all read these types; this module imports none of them.
 */
import type { BackendName } from '../contract.js';
import type { Group } from './case-types.js';
import type { ImportCost, WorkerResult } from './measure.js';

/** `auto` passes when it is at most this much slower than the fastest forced backend. */
export const AUTO_TOLERANCE = 1.1;

export type RowKind = 'backend' | 'auto' | 'peer' | 'baseline' | 'external';

/** One target on one case. Times are for the case's nominal job (scaled when a quick run did less). */
export interface Row {
  readonly case: string;
  /** `native:<variant>`, `wasm:<variant>`, `js`, `auto` or `other:<id>`. */
  readonly target: string;
  readonly label: string;
  readonly kind: RowKind;
  readonly backend?: BackendName;
  readonly variant?: string;
  /** The build that forcing this backend (or `auto`) runs: the best variant the machine supports. */
  readonly isDefault?: boolean;
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  /** The interquartile range (first and third quartiles): the spread reported. */
  readonly q1Ms?: number;
  readonly q3Ms?: number;
  readonly p90Ms?: number;
  /** The first call in a fresh process. */
  readonly firstMs?: number;
  /** Measured in several processes (Case.processes): each one's median; the row is the fastest's. */
  readonly processMediansMs?: readonly number[];
  readonly samples?: number;
  readonly timesMs?: readonly number[];
  /** Work one run did, and the factor its times were multiplied by to give the nominal job. */
  readonly size?: number;
  readonly scale?: number;
  readonly checksum?: number;
  /** A peer or baseline whose checksum must match numaccel's (see Other.sameResult). */
  readonly sameResult?: boolean;
  /** Whether the checksum matches the other numaccel targets' (the same work was done). */
  readonly checksumOk?: boolean;
  /** For `auto`: the backend and variant serving the case's route. */
  readonly served?: string;
  readonly accuracy?: WorkerResult['accuracy'];
  readonly geodesicAccuracy?: WorkerResult['geodesicAccuracy'];
  /** CPU other processes used during the kept measurement, in cores, and the attempts it took. */
  readonly othersCores?: number;
  readonly attempts?: number;
  readonly note?: string;
  /** Why the row was not measured (a peer not installed, a command missing). */
  readonly skipped?: string;
  readonly error?: string;
  /** Speed-up over the js backend (the TypeScript reference) on the same case. */
  readonly vsJs?: number;
  /** This time over the fastest numaccel backend target (every variant) on the case: 1 is the best. */
  readonly vsBest?: number;
  /** Speed-up over the seed's compared figure for the same job (see Group.seed). */
  readonly vsSeed?: number;
}

export interface CaseInfo {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  readonly description: string;
  readonly route?: string;
  readonly servedBy?: string;
  readonly nominal: number;
  readonly calls: number;
  readonly variants: boolean;
  readonly async: boolean;
}

/** The route that serves a case in `auto`, whether or not its times feed the selection table. */
export const servingRoute = (kase: Pick<CaseInfo, 'route' | 'servedBy'>): string | undefined => kase.route ?? kase.servedBy;
/** How a row names the build that served `auto` (Row.served): `native avx512` for native:avx512. */
export const servedLabel = (build: string): string => build.replace(':', ' ');

export interface AutoCheck {
  readonly case: string;
  readonly served?: string;
  readonly autoMs: number;
  /** The fastest of the backends `setBackend` can force (each backend's default build). */
  readonly forcedTarget: string;
  readonly forcedMs: number;
  /** auto / fastest forced backend. */
  readonly ratio: number;
  readonly ok: boolean;
}

export interface BenchResults {
  readonly generatedBy: string;
  readonly version: string;
  readonly date: string;
  readonly mode: 'quick' | 'full';
  readonly machine: {
    readonly description: string;
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly platform: string;
    readonly node: string;
    readonly loadBefore: readonly number[];
    readonly loadAfter: readonly number[];
  };
  readonly durationSeconds: number;
  readonly groups: readonly Group[];
  readonly cases: readonly CaseInfo[];
  readonly rows: readonly Row[];
  readonly autoCheck: readonly AutoCheck[];
  /** What `require('numaccel')` adds to a bare Node start. */
  readonly importCost?: ImportCost;
  readonly notes: readonly string[];
}
