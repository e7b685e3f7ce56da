/** Ground truth computed outside the project: test/fixtures/ (its README says how each file was made). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';

const REFERENCE_DIR = process.env.NUMACCEL_REFERENCE_DIR || path.join(PACKAGE_ROOT, 'test', 'fixtures');

function readTsv(name: string): string[][] {
  const text = fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
}

export interface PrimeRow {
  readonly n: bigint;
  readonly isPrime: boolean;
  readonly tag: string;
}
export const primeRows = (): PrimeRow[] =>
  readTsv('primes.tsv').map(([n, isPrime, tag]) => ({ n: BigInt(n!), isPrime: isPrime === '1', tag: tag! }));

export interface PrimeCountRow {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
}
export const primeCountRows = (): PrimeCountRow[] =>
  readTsv('prime_counts.tsv').map(([lo, hi, count]) => ({ lo: Number(lo), hi: Number(hi), count: Number(count) }));

/** Reference ranges wider than this (10^10 integers: seconds per build) are counted by the long runs only. */
export const LONG_RANGE = 2 ** 33;

export interface GreatCircleRow {
  readonly lon1: number;
  readonly lat1: number;
  readonly lon2: number;
  readonly lat2: number;
  readonly tag: string;
  /** The exact central angle in radians, rounded to double. */
  readonly angle: number;
}
export const greatCircleRows = (): GreatCircleRow[] =>
  readTsv('great_circle.tsv').map(([lon1, lat1, lon2, lat2, tag, angle]) => ({
    lon1: Number(lon1),
    lat1: Number(lat1),
    lon2: Number(lon2),
    lat2: Number(lat2),
    tag: tag!,
    angle: Number(angle),
  }));

/** The accuracy every backend must reach on the unit sphere (test/fixtures/README.md). */
export const withinAccuracy = (got: number, exact: number): boolean => Math.abs(got - exact) <= 1e-14 * exact + 2e-16;

/** An ellipsoid as the geodesic fixtures give it: equatorial radius in metres and flattening. */
export interface FixtureEllipsoid {
  readonly a: number;
  readonly f: number;
}

export interface GeodesicInverseRow extends FixtureEllipsoid {
  readonly tag: string;
  readonly lon1: number;
  readonly lat1: number;
  readonly lon2: number;
  readonly lat2: number;
  readonly distance: number;
  readonly azimuth1: number;
  readonly azimuth2: number;
}
/** GeodSolve -i -p 10 (GeographicLib 2.1.2) on every row: geodesic_inverse.tsv. */
export const geodesicInverseRows = (): GeodesicInverseRow[] =>
  readTsv('geodesic_inverse.tsv').map(([tag, a, f, lon1, lat1, lon2, lat2, distance, azimuth1, azimuth2]) => ({
    tag: tag!,
    a: Number(a),
    f: Number(f),
    lon1: Number(lon1),
    lat1: Number(lat1),
    lon2: Number(lon2),
    lat2: Number(lat2),
    distance: Number(distance),
    azimuth1: Number(azimuth1),
    azimuth2: Number(azimuth2),
  }));

export interface GeodesicDirectRow extends FixtureEllipsoid {
  readonly tag: string;
  readonly lon1: number;
  readonly lat1: number;
  readonly azimuth1: number;
  readonly distance: number;
  readonly lon2: number;
  readonly lat2: number;
  readonly azimuth2: number;
}
/** GeodSolve -p 10 on every row: geodesic_direct.tsv. */
export const geodesicDirectRows = (): GeodesicDirectRow[] =>
  readTsv('geodesic_direct.tsv').map(([tag, a, f, lon1, lat1, azimuth1, distance, lon2, lat2, azimuth2]) => ({
    tag: tag!,
    a: Number(a),
    f: Number(f),
    lon1: Number(lon1),
    lat1: Number(lat1),
    azimuth1: Number(azimuth1),
    distance: Number(distance),
    lon2: Number(lon2),
    lat2: Number(lat2),
    azimuth2: Number(azimuth2),
  }));

export interface GeodesicPolygonRow extends FixtureEllipsoid {
  readonly tag: string;
  readonly lons: number[];
  readonly lats: number[];
  readonly perimeter: number;
  readonly area: number;
}
/** Planimeter -p 10 on every polygon: geodesic_polygons.tsv. */
export const geodesicPolygonRows = (): GeodesicPolygonRow[] =>
  readTsv('geodesic_polygons.tsv').map(([tag, a, f, lons, lats, perimeter, area]) => ({
    tag: tag!,
    a: Number(a),
    f: Number(f),
    lons: lons!.split(',').map(Number),
    lats: lats!.split(',').map(Number),
    perimeter: Number(perimeter),
    area: Number(area),
  }));

/** The difference of two angles in degrees, modulo 360, in [0, 180]. */
export function angleApart(x: number, y: number): number {
  const d = Math.abs(((((x - y) % 360) + 540) % 360) - 180);
  return d;
}
