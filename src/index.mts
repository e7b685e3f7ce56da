// The ES-module entry point re-exports the CommonJS build, so that `import` and `require` share
// one module instance (one registry, one setBackend state) instead of loading numaccel twice.
export {
  BACKEND_MODES,
  BACKEND_NAMES,
  BackendUnavailableError,
  EARTH_RADIUS,
  KERNEL_NAMES,
  MAX_RESULT_ELEMENTS,
  ROUTES,
  SEED_RADIUS_MILES,
  backendInfo,
  checkPrime,
  checkPrimes,
  countPrimes,
  greatCircle,
  greatCircleMany,
  greatCircleMatrix,
  primesBetween,
  setBackend,
  withBackend,
} from './index.js';
export type {
  BackendInfo,
  BackendMode,
  BackendName,
  Coordinates,
  DistanceUnit,
  GreatCircleOptions,
  Kernels,
  NumaccelApi,
  PrimeCandidates,
  Route,
} from './index.js';
