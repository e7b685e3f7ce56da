// The ES-module entry point re-exports the CommonJS build, so that `import` and `require` share
// one module instance (one registry, one setBackend state) instead of loading numaccel twice.
export {
  BACKEND_MODES,
  BACKEND_NAMES,
  BackendUnavailableError,
  EARTH_RADIUS,
  KERNEL_NAMES,
  ROUTES,
  SEED_RADIUS_MILES,
  backendInfo,
  checkPrime,
  greatCircle,
  setBackend,
  withBackend,
} from './index.js';
export type {
  BackendInfo,
  BackendMode,
  BackendName,
  DistanceUnit,
  GreatCircleOptions,
  Kernels,
  NumaccelApi,
  Route,
} from './index.js';
