import { buildById } from '../../builds.js';
import type { Backend } from '../../builds.js';
import { coordinatesInDomain, greatCircle, greatCircleMany, greatCircleMatrix } from './geo.js';
import { geodesicDirect, geodesicDistance, geodesicDistanceMany, geodesicDistanceMatrix, geodesicInverse } from './geodesic.js';
import { geodesicArea } from './geodesic-area.js';
import { checkPrime, checkPrimes } from './prime.js';
import { nextPrime, nthPrime, prevPrime, primePi, primePiLeaves, primePiSieve } from './primecount.js';
import { countPrimes, primesBetween } from './sieve.js';

/** The pure-TypeScript backend: always available, and the reference the others are tested against. */
export function loadJsBackend(): Backend {
  return {
    name: 'js',
    build: buildById('js')!,
    fusedMultiplyAdd: false,
    kernels: {
      checkPrime,
      greatCircle,
      checkPrimes,
      countPrimes,
      primesBetween,
      greatCircleMany,
      greatCircleMatrix,
      coordinatesInDomain,
      primePi,
      primePiLeaves,
      primePiSieve,
      nthPrime,
      nextPrime,
      prevPrime,
      geodesicInverse,
      geodesicDistance,
      geodesicDirect,
      geodesicDistanceMany,
      geodesicDistanceMatrix,
      geodesicArea,
    },
    features: { variant: 'scalar' },
  };
}
