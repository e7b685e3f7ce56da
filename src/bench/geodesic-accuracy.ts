/**
 * The accuracy of the geodesic implementations (numaccel's builds and the peers) against
 * GeographicLib's GeodSolve 2.1.2: test/fixtures/geodesic_inverse.tsv (2352 inverse problems on
 * WGS84 and on other ellipsoids, tagged by kind; see test/fixtures/README.md). The worst distance
 * error in metres and relative to the distance, and the count of non-finite results (NaN, or a
 * throw), in all and per tag, measured in the measurement child as the great-circle accuracy is.
 */
import * as fs from 'node:fs';
// Only the type: the bench's parent process does not load the library.
import type { Ellipsoid } from '../index.js';

/**
 * An implementation under the check: the distances (metres) of the pairs, all on `ellipsoid`, or
 * undefined when it computes only on another ellipsoid (its rows are left out of its figures).
 */
export type GeodesicDistances = (
  ellipsoid: Ellipsoid,
  lon1: Float64Array,
  lat1: Float64Array,
  lon2: Float64Array,
  lat2: Float64Array,
) => Float64Array | undefined;

export interface AccuracyFigures {
  /** Rows computed (the rows of ellipsoids the implementation takes). */
  readonly rows: number;
  readonly worstMetres: number;
  /**
   * The worst |error| / distance over the rows of at least RELATIVE_FROM metres (below, the
   * fixture's 0.1 nm printing and a peer's rounding to the millimetre make any ratio).
   */
  readonly worstRelative: number;
  readonly nonFinite: number;
}

export interface GeodesicAccuracy extends AccuracyFigures {
  /** By the fixture's tag (random, short, antipodal, pole, ...). */
  readonly byTag: Readonly<Record<string, AccuracyFigures>>;
}

/** The shortest distance (metres) whose relative error counts. */
export const RELATIVE_FROM = 1;

/** WGS84 exactly as the fixture writes it (f the double nearest 1/298.257223563). */
export const WGS84: Ellipsoid = { a: 6_378_137, f: 1 / 298.257223563 };
export const isWgs84 = (e: Ellipsoid) => e.a === WGS84.a && e.f === WGS84.f;

/** The fixture's file name (found by inputs.ts findReference). */
export const GEODESIC_REFERENCE = 'geodesic_inverse.tsv';

interface Batch {
  readonly ellipsoid: Ellipsoid;
  readonly tags: string[];
  readonly columns: [number[], number[], number[], number[]];
  readonly distances: number[];
}

/** The fixture's rows, in one batch per ellipsoid (so that batch kernels run on many pairs at once). */
function readBatches(file: string): Batch[] {
  const batches = new Map<string, Batch>();
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const names = header!.split('\t');
  const at = (name: string) => names.indexOf(name);
  for (const line of lines) {
    const cells = line.split('\t');
    const get = (name: string) => Number(cells[at(name)]);
    const key = `${cells[at('a')]} ${cells[at('f')]}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = { ellipsoid: { a: get('a'), f: get('f') }, tags: [], columns: [[], [], [], []], distances: [] };
      batches.set(key, batch);
    }
    batch.tags.push(cells[at('tag')]!);
    ['lon1', 'lat1', 'lon2', 'lat2'].forEach((name, k) => batch.columns[k]!.push(get(name)));
    batch.distances.push(get('distance'));
  }
  return [...batches.values()];
}

class Tally {
  rows = 0;
  worstMetres = 0;
  worstRelative = 0;
  nonFinite = 0;
  add(got: number, exact: number): void {
    this.rows++;
    if (!Number.isFinite(got)) {
      this.nonFinite++;
      return;
    }
    const error = Math.abs(got - exact);
    this.worstMetres = Math.max(this.worstMetres, error);
    if (exact >= RELATIVE_FROM) this.worstRelative = Math.max(this.worstRelative, error / exact);
  }
  figures(): AccuracyFigures {
    return { rows: this.rows, worstMetres: this.worstMetres, worstRelative: this.worstRelative, nonFinite: this.nonFinite };
  }
}

/** The worst errors of `distances` on every row of `file` whose ellipsoid it takes, in all and per tag. */
export function geodesicAccuracy(distances: GeodesicDistances, file: string): GeodesicAccuracy {
  const all = new Tally();
  const byTag = new Map<string, Tally>();
  for (const batch of readBatches(file)) {
    const got = distances(
      batch.ellipsoid,
      ...(batch.columns.map((c) => Float64Array.from(c)) as [Float64Array, Float64Array, Float64Array, Float64Array]),
    );
    if (!got) continue;
    batch.tags.forEach((tag, i) => {
      if (!byTag.has(tag)) byTag.set(tag, new Tally());
      all.add(got[i]!, batch.distances[i]!);
      byTag.get(tag)!.add(got[i]!, batch.distances[i]!);
    });
  }
  return { ...all.figures(), byTag: Object.fromEntries([...byTag].map(([tag, tally]) => [tag, tally.figures()])) };
}

/**
 * A two-point distance function as GeodesicDistances, one call a pair (a throw counts as a
 * non-finite result); undefined from `distance` means it does not take the ellipsoid.
 */
export function pairByPair(
  distance: (ellipsoid: Ellipsoid) => ((lon1: number, lat1: number, lon2: number, lat2: number) => number) | undefined,
): GeodesicDistances {
  return (ellipsoid, lon1, lat1, lon2, lat2) => {
    const one = distance(ellipsoid);
    if (!one) return undefined;
    return Float64Array.from(lon1, (_, i) => {
      try {
        return one(lon1[i]!, lat1[i]!, lon2[i]!, lat2[i]!);
      } catch {
        return NaN;
      }
    });
  };
}
