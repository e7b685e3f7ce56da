import type { Kernels } from './contract.js';
import { LARGE_PRIME_CANDIDATE, ROUTES, type Route } from './selection.js';
import {
  resolveRadius,
  validateLatitude,
  validateLongitude,
  validatePrimeCandidate,
  type GreatCircleOptions,
} from './validate.js';

/** The public functions; `withBackend(name)` in the facade returns the same set bound to one backend. */
export interface NumaccelApi {
  /** Whether the integer n is prime: false below 2; n a safe integer or a bigint below 2^64. */
  checkPrime(n: number | bigint): boolean;
  /**
   * Great-circle distance between (lon1, lat1) and (lon2, lat2) in degrees. By default on a sphere
   * of radius 3956 (miles, the seed's); `{ radius }` or `{ unit: 'km' | 'm' | 'mi' | 'nmi' }`
   * (IUGG mean Earth radius) choose another.
   */
  greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, options?: GreatCircleOptions): number;
}

export type RouteKernels = Readonly<Record<Route, Kernels>>;

/** The public functions over the kernels that `resolveRoutes` names for each route, validating every argument first. */
export function createApi(resolveRoutes: () => RouteKernels): NumaccelApi {
  return {
    checkPrime(n) {
      const value = validatePrimeCandidate('checkPrime', 'n', n);
      if (typeof value === 'number') {
        if (value < 2) return false;
        const routes = resolveRoutes();
        return (value < LARGE_PRIME_CANDIDATE ? routes.checkPrime : routes.checkPrimeLarge).checkPrime(value);
      }
      if (value < 2n) return false;
      return resolveRoutes().checkPrimeLarge.checkPrime(value);
    },
    greatCircle(lon1, lat1, lon2, lat2, options) {
      const fn = 'greatCircle';
      validateLongitude(fn, 'lon1', lon1);
      validateLatitude(fn, 'lat1', lat1);
      validateLongitude(fn, 'lon2', lon2);
      validateLatitude(fn, 'lat2', lat2);
      const radius = resolveRadius(fn, options);
      return resolveRoutes().greatCircle.greatCircle(lon1, lat1, lon2, lat2, radius);
    },
  };
}

/** Every route served by the same kernels. */
export function routesToOneBackend(kernels: Kernels): RouteKernels {
  return Object.fromEntries(ROUTES.map((route) => [route, kernels])) as Record<Route, Kernels>;
}
