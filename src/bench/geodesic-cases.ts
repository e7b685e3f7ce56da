/**
 * The geodesic cases of `numaccel bench`: WGS84 distances by Karney's method, scalar and batch,
 * beside geographiclib-geodesic (the JavaScript port of GeographicLib, the same algorithm) on the
 * same 2^20 random pairs.
 */
import type { Case, Group, Other } from './case-types.js';
import { POINT_COUNT, pairs, randomPairs, strideSum } from './inputs.js';

export const GEODESIC_GROUP: Group = {
  id: 'geodesic',
  title: "Geodesic distances on WGS84 (Karney's method), against GeographicLib's JavaScript port",
};

interface GeodesicSolver {
  Inverse(lat1: number, lon1: number, lat2: number, lon2: number, outmask?: number): { s12?: number };
}
interface GeographicLib {
  Geodesic: { WGS84: GeodesicSolver; DISTANCE: number };
}

/** GeographicLib's WGS84 Inverse, distance only, `calls` times over the 2^20 random pairs. */
const GEOGRAPHICLIB_WGS84: Other = {
  kind: 'peer',
  label: 'GeographicLib Inverse (WGS84, distance only)',
  package: 'geographiclib-geodesic',
  note: "geographiclib-geodesic's Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE) in a plain loop",
  samples: { full: 3 },
  prepare: (size) => {
    const { Geodesic } = require('geographiclib-geodesic') as GeographicLib;
    const [lon1, lat1, lon2, lat2] = randomPairs();
    const mask = POINT_COUNT - 1;
    return () => {
      let total = 0;
      for (let i = 0; i < size; i++) {
        const j = i & mask;
        total += Geodesic.WGS84.Inverse(lat1[j]!, lon1[j]!, lat2[j]!, lon2[j]!, Geodesic.DISTANCE).s12!;
      }
      return total;
    };
  },
};

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
    others: { geographiclib: GEOGRAPHICLIB_WGS84 },
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
    others: { geographiclib: GEOGRAPHICLIB_WGS84 },
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
];
