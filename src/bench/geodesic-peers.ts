/**
 * What numaccel's geodesics are measured beside (geodesic-cases.ts): geographiclib-geodesic (the
 * JavaScript port of GeographicLib, Karney's method as numaccel's), geodesy's and geolib's
 * Vincenty, cheap-ruler's local approximation, and GeographicLib's own C++ (Debian's
 * libgeographiclib-dev) in a small program of the repository, bench/peers/geographiclib-inverse.cc,
 * built on demand into build/ and timed by itself. Each in the plain loop a careful user writes,
 * over the same 2^20 random pairs, with its own accuracy on GeodSolve's fixture.
 *
 * As in peers.ts, a peer is an optional devDependency, required only inside `prepare` and
 * `geodesic`, in the measurement child.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { Other } from './case-types.js';
import type { Ellipsoid } from '../index.js';
import { isWgs84, pairByPair, type GeodesicDistances } from './geodesic-accuracy.js';
import { pointArrays, randomPairs, strideSum } from './inputs.js';
import { type GeographicLib, distanceMatrix, distancesFrom, geodesicLoop, peer, pointLoop, timedCommand } from './peers.js';
import { ZURICH, citiesInOrder, mostPopulous } from './places.js';

interface GeodesyPoint {
  distanceTo(other: GeodesyPoint): number;
  datum: { ellipsoid: { a: number; b: number; f: number } } | undefined;
}
type GeodesyLatLon = new (lat: number, lon: number) => GeodesyPoint;
interface Geolib {
  getPreciseDistance(from: readonly number[], to: readonly number[], accuracy?: number): number;
}
interface Ruler {
  distance(a: readonly number[], b: readonly number[]): number;
}
type CheapRuler = new (lat: number, units?: string) => Ruler;

/** geolib rounds to `accuracy` metres (default 1): a millionth of a metre keeps its own error in sight. */
const GEOLIB_ACCURACY = 1e-6;

const geodesyLatLon = () => peer<{ default: GeodesyLatLon }>('geodesy/latlon-ellipsoidal-vincenty.js').default;
const cheapRuler = () => peer<{ default: CheapRuler }>('cheap-ruler').default;

/** geodesy's distance: the documented `p1.distanceTo(p2)` (Vincenty; rounded to the millimetre; NaN where it fails). */
const geodesyDistance = (a: GeodesyPoint, b: GeodesyPoint) => a.distanceTo(b);

/** cheap-ruler honestly for a pair anywhere: a ruler at the pair's mean latitude, as its docs ask for the area measured. */
const cheapRulerDistance = (a: readonly number[], b: readonly number[], Ruler: CheapRuler) =>
  new Ruler((a[1]! + b[1]!) / 2, 'meters').distance(a, b);

/** The 2^20 random pairs as geodesy's points, built once (untimed), as a user holding LatLon objects has them. */
function geodesyPoints(LatLon: GeodesyLatLon): [GeodesyPoint[], GeodesyPoint[]] {
  const [lon1, lat1, lon2, lat2] = randomPairs();
  return [Array.from(lon1, (lon, i) => new LatLon(lat1[i]!, lon)), Array.from(lon2, (lon, i) => new LatLon(lat2[i]!, lon))];
}

/** Only on WGS84: geolib and cheap-ruler have its constants built in. */
const onWgs84 = (distance: (lon1: number, lat1: number, lon2: number, lat2: number) => number) => (ellipsoid: Ellipsoid) =>
  isWgs84(ellipsoid) ? distance : undefined;

/**
 * A peer of WGS84's constants taking [lon, lat] arrays: `load` requires its distance function and
 * the option it is called with; in the plain loop, and on the fixture's WGS84 rows.
 */
function wgs84PointPeer<O>(
  label: string,
  name: string,
  note: string,
  load: () => [(a: readonly number[], b: readonly number[], option: O) => number, O],
): Other {
  return {
    kind: 'peer',
    label,
    package: name,
    note,
    samples: { full: 3 },
    prepare: (size) => {
      const [distance, option] = load();
      const [from, to] = pointArrays();
      return () => pointLoop(distance, option, from, to, size);
    },
    geodesic: () => {
      const [distance, option] = load();
      return pairByPair(onWgs84((lon1, lat1, lon2, lat2) => distance([lon1, lat1], [lon2, lat2], option)));
    },
  };
}

/** geographiclib-geodesic's Inverse on any ellipsoid, distance only. */
export function geographiclibDistances(): GeodesicDistances {
  const { Geodesic } = peer<GeographicLib>('geographiclib-geodesic');
  return pairByPair(({ a, f }) => {
    const solver = new Geodesic.Geodesic(a, f);
    return (lon1, lat1, lon2, lat2) => solver.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12!;
  });
}

/** geographiclib-geodesic's WGS84 Inverse, distance only, in a plain loop `run` builds from its Geodesic (and the run's size). */
function geographiclib(
  note: string,
  run: (Geodesic: GeographicLib['Geodesic'], size: number) => () => number,
  extra: Partial<Other> = {},
): Other {
  return {
    kind: 'peer',
    label: 'GeographicLib Inverse (WGS84, distance only)',
    package: 'geographiclib-geodesic',
    note,
    samples: { full: 3 },
    ...extra,
    prepare: (size) => run(peer<GeographicLib>('geographiclib-geodesic').Geodesic, size),
  };
}

/** GeographicLib's WGS84 Inverse, distance only, `calls` times over the 2^20 random pairs. */
export const GEOGRAPHICLIB_WGS84: Other = geographiclib(
  "geographiclib-geodesic's Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE) in a plain loop",
  (Geodesic, size) => {
    const [lon1, lat1, lon2, lat2] = randomPairs();
    return () => geodesicLoop(Geodesic.WGS84, Geodesic.DISTANCE, lon1, lat1, lon2, lat2, size);
  },
  { geodesic: geographiclibDistances },
);

/** The C++ peer's source (in the repository, not the package) and the program the bench builds from it. */
export const GEOGRAPHICLIB_CPP_SOURCE = path.join(PACKAGE_ROOT, 'bench', 'peers', 'geographiclib-inverse.cc');
export const GEOGRAPHICLIB_CPP_PROGRAM = path.join(PACKAGE_ROOT, 'build', 'geographiclib-inverse');

/** Builds the C++ peer with g++ -O2 unless the program is newer than its source; throws why it cannot. */
export function buildGeographiclibPeer(): string {
  const built = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1);
  if (!fs.existsSync(GEOGRAPHICLIB_CPP_SOURCE))
    throw new Error(`geographiclib-cpp rows skipped: ${GEOGRAPHICLIB_CPP_SOURCE} is not here (it is in the repository, not the package)`);
  if (built(GEOGRAPHICLIB_CPP_PROGRAM) >= built(GEOGRAPHICLIB_CPP_SOURCE)) return GEOGRAPHICLIB_CPP_PROGRAM;
  fs.mkdirSync(path.dirname(GEOGRAPHICLIB_CPP_PROGRAM), { recursive: true });
  const gpp = spawnSync('g++', ['-O2', '-o', GEOGRAPHICLIB_CPP_PROGRAM, GEOGRAPHICLIB_CPP_SOURCE, '-lGeographicLib'], { encoding: 'utf8' });
  if (gpp.status !== 0) {
    const why =
      gpp.error?.message ??
      gpp.stderr
        .trim()
        .split('\n')
        .find((line) => /error/.test(line)) ??
      `exit ${gpp.status}`;
    throw new Error(
      `geographiclib-cpp rows skipped: g++ could not build ${path.relative(PACKAGE_ROOT, GEOGRAPHICLIB_CPP_PROGRAM)} (${why}; Debian: apt-get install g++ libgeographiclib-dev)`,
    );
  }
  return GEOGRAPHICLIB_CPP_PROGRAM;
}

/** Beside geodesicDistance and geodesicDistanceMany on the 2^20 random pairs: every peer. */
export const GEODESIC_PEERS: Readonly<Record<string, Other>> = {
  geographiclib: GEOGRAPHICLIB_WGS84,
  'geographiclib-cpp': timedCommand(
    GEOGRAPHICLIB_CPP_PROGRAM,
    'GeographicLib C++ Inverse (WGS84, distance only)',
    (size) => [String(size)],
    () => void buildGeographiclibPeer(),
    "Geodesic::WGS84().Inverse(lat1, lon1, lat2, lon2, s12) in a plain C++ loop (bench/peers/geographiclib-inverse.cc, g++ -O2, Debian's libGeographicLib 2.1.2), timed by itself",
  ),
  geodesy: {
    kind: 'peer',
    label: 'geodesy Vincenty (LatLon.distanceTo)',
    package: 'geodesy',
    note: "geodesy/latlon-ellipsoidal-vincenty.js: p1.distanceTo(p2) on LatLon points built beforehand; Vincenty's iteration, rounded to the millimetre, NaN where it fails to converge",
    samples: { full: 3 },
    prepare: (size) => {
      const [from, to] = geodesyPoints(geodesyLatLon());
      return () => pointLoop(geodesyDistance, undefined, from, to, size);
    },
    geodesic: () => {
      const LatLon = geodesyLatLon();
      return pairByPair(({ a, f }) => {
        const datum = isWgs84({ a, f }) ? undefined : { ellipsoid: { a, b: a * (1 - f), f } };
        const point = (lat: number, lon: number) => {
          const p = new LatLon(lat, lon);
          if (datum) p.datum = datum;
          return p;
        };
        return (lon1, lat1, lon2, lat2) => point(lat1, lon1).distanceTo(point(lat2, lon2));
      });
    },
  },
  geolib: wgs84PointPeer(
    'geolib getPreciseDistance',
    'geolib',
    `Vincenty's iteration on WGS84; points as [lon, lat] arrays, called with accuracy ${GEOLIB_ACCURACY} m (its default rounds to whole metres)`,
    () => [peer<Geolib>('geolib').getPreciseDistance, GEOLIB_ACCURACY],
  ),
  'cheap-ruler': wgs84PointPeer(
    'cheap-ruler (a ruler per pair)',
    'cheap-ruler',
    "an approximation for city scales: new CheapRuler(mean latitude of the pair, 'meters').distance([lon1, lat1], [lon2, lat2]), a ruler per pair (the pairs span the globe)",
    () => [cheapRulerDistance, cheapRuler()],
  ),
};

/** geographiclib-geodesic's WGS84 Inverse as a two-point distance of [lon, lat] arrays, for the cities. */
const geographiclibPointDistance = (a: readonly number[], b: readonly number[], Geodesic: GeographicLib['Geodesic']) =>
  Geodesic.WGS84.Inverse(a[1]!, a[0]!, b[1]!, b[0]!, Geodesic.DISTANCE).s12!;

/** Beside the geodesic twin of cities-from-zurich: GeographicLib's JavaScript, one call per city. */
export const GEODESIC_FROM_ZURICH: Readonly<Record<string, Other>> = {
  geographiclib: geographiclib(
    'one Geodesic.WGS84.Inverse call per city on its own loc.coordinates array, into a new Float64Array',
    (Geodesic, size) => {
      const { points } = citiesInOrder(size);
      return () => strideSum(distancesFrom(geographiclibPointDistance, Geodesic, ZURICH, points));
    },
  ),
};

/** Beside the geodesic twin of cities-matrix-5000: GeographicLib's JavaScript on a smaller block (scaled by area). */
export const GEODESIC_CITY_MATRIX: Readonly<Record<string, Other>> = {
  geographiclib: geographiclib(
    "one Geodesic.WGS84.Inverse call per pair on the cities' loc.coordinates arrays, into a new Float64Array",
    (Geodesic, size) => {
      const { points } = mostPopulous(size);
      return () => strideSum(distanceMatrix(geographiclibPointDistance, Geodesic, points));
    },
    { size: { full: 1000, quick: 500 } },
  ),
};
