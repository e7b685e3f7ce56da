/**
 * numaccel: one typed facade over three backends (native C++ through Node-API, WebAssembly from
 * AssemblyScript, pure TypeScript). Arguments are validated here, once, so every backend raises
 * the same error for the same bad input; the kernels only ever see valid data.
 */
import { BACKEND_NAMES, type Backend, type BackendName } from './contract.js';
import { BackendUnavailableError, loadBackends, type BackendStatus } from './registry.js';
import { ROUTES, chooseRoutes, type Route, type SelectionTable } from './selection.js';
import measuredSelection from './auto-selection.json';
import { createApi, routesToOneBackend, type NumaccelApi, type RouteBackends } from './api.js';
import { createAsyncApi, type NumaccelAsyncApi } from './async.js';

export { BACKEND_NAMES, KERNEL_NAMES, type BackendName, type Kernels } from './contract.js';
export { BackendUnavailableError } from './registry.js';
export { ROUTES, type Route } from './selection.js';
export type { Coordinates, NumaccelApi, PrimeCandidates } from './api.js';
export type { AsyncOptions, NumaccelAsyncApi } from './async.js';
export { EARTH_RADIUS, MAX_RESULT_ELEMENTS, SEED_RADIUS_MILES, type DistanceUnit, type GreatCircleOptions } from './validate.js';

export type BackendMode = 'auto' | BackendName;
export const BACKEND_MODES: readonly BackendMode[] = ['auto', ...BACKEND_NAMES];

interface State {
  readonly mode: string;
  readonly statuses: readonly BackendStatus[];
  readonly selected: Partial<Record<Route, BackendName>>;
  /** Set when the mode cannot be served: every call throws it. */
  readonly failure?: Error;
  readonly routes?: RouteBackends;
}

let statuses: readonly BackendStatus[] | undefined;
let state: State | undefined;

function backendStatuses(): readonly BackendStatus[] {
  statuses ??= loadBackends({ nativePath: process.env.NUMACCEL_NATIVE_PATH || undefined });
  return statuses;
}

function findBackend(name: BackendName): Backend {
  const status = backendStatuses().find((s) => s.name === name)!;
  if (!status.available) throw status.error;
  return status.backend;
}

function modeError(mode: unknown, source: string): Error {
  return new RangeError(
    `numaccel: ${source} must be one of ${BACKEND_MODES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(mode)}`,
  );
}

function buildState(mode: string, source: string): State {
  const all = backendStatuses();
  if (!(BACKEND_MODES as readonly string[]).includes(mode)) {
    return { mode, statuses: all, selected: {}, failure: modeError(mode, source) };
  }
  let selected: Record<Route, BackendName>;
  if (mode === 'auto') {
    const available = all.filter((s) => s.available).map((s) => s.name);
    selected = chooseRoutes(measuredSelection as SelectionTable, available);
  } else {
    const status = all.find((s) => s.name === mode)!;
    if (!status.available) return { mode, statuses: all, selected: {}, failure: status.error };
    selected = Object.fromEntries(ROUTES.map((route) => [route, status.name])) as Record<Route, BackendName>;
  }
  const routes = Object.fromEntries(ROUTES.map((route) => [route, findBackend(selected[route])])) as Record<Route, Backend>;
  return { mode, statuses: all, selected, routes };
}

function currentState(): State {
  state ??= buildState(process.env.NUMACCEL_BACKEND || 'auto', 'NUMACCEL_BACKEND');
  return state;
}

function currentRoutes(): RouteBackends {
  const { routes, failure } = state ?? currentState();
  if (routes === undefined) throw failure;
  return routes;
}

const api = createApi(currentRoutes);

export const checkPrime = api.checkPrime;
export const greatCircle = api.greatCircle;
export const checkPrimes = api.checkPrimes;
export const countPrimes = api.countPrimes;
export const primesBetween = api.primesBetween;
export const greatCircleMany = api.greatCircleMany;
export const greatCircleMatrix = api.greatCircleMatrix;

const asyncApi = createAsyncApi(currentRoutes);
export const checkPrimesAsync = asyncApi.checkPrimesAsync;
export const countPrimesAsync = asyncApi.countPrimesAsync;
export const primesBetweenAsync = asyncApi.primesBetweenAsync;
export const greatCircleManyAsync = asyncApi.greatCircleManyAsync;
export const greatCircleMatrixAsync = asyncApi.greatCircleMatrixAsync;

/**
 * Switches every kernel to one backend, or back to 'auto'. Throws a RangeError for an unknown
 * name and a BackendUnavailableError (with the loader's error as `cause`) for a backend that did
 * not load; the previous selection stays in force when it throws.
 */
export function setBackend(mode: BackendMode): void {
  if (typeof mode !== 'string') throw new TypeError(`numaccel: setBackend(mode) takes a string, got ${typeof mode}`);
  const next = buildState(mode, 'setBackend(mode)');
  if (next.failure) throw next.failure;
  state = next;
}

/** The API, sync and async, bound to one backend, bypassing `auto` (for tests, benchmarks and comparisons). */
export function withBackend(name: BackendName): NumaccelApi & NumaccelAsyncApi {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) throw modeError(name, 'withBackend(name)');
  const routes = routesToOneBackend(findBackend(name));
  return { ...createApi(() => routes), ...createAsyncApi(() => routes) };
}

export interface BackendInfo {
  /** 'auto' or the forced backend (NUMACCEL_BACKEND or setBackend). */
  readonly mode: string;
  /** The backend serving each route; empty when the mode cannot be served (see `error`). */
  readonly selected: Partial<Record<Route, BackendName>>;
  /** Why nothing is selected: an unknown mode, or a forced backend that did not load. */
  readonly error?: Error;
  /** Every backend in priority order: available, or the error (with `cause`) that kept it out. */
  readonly backends: ReadonlyArray<{
    readonly name: BackendName;
    readonly available: boolean;
    readonly error?: BackendUnavailableError;
    readonly features?: Readonly<Record<string, string | number | boolean>>;
  }>;
  /** The measurement `auto` follows: where and when it was taken. */
  readonly measurements: { readonly machine: string; readonly date: string; readonly node: string };
}

/** What was loaded, what was not and why, and which backend serves each route. Never throws. */
export function backendInfo(): BackendInfo {
  const { mode, selected, failure, statuses: all } = currentState();
  const { machine, date, node } = measuredSelection as SelectionTable;
  return {
    mode,
    selected: { ...selected },
    ...(failure ? { error: failure } : {}),
    backends: all.map((s) =>
      s.available
        ? { name: s.name, available: true, features: s.backend.features }
        : { name: s.name, available: false, error: s.error },
    ),
    measurements: { machine, date, node },
  };
}
