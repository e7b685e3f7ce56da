/**
 * numaccel: one typed facade over three backends (native C++ through Node-API, WebAssembly from
 * AssemblyScript, pure TypeScript). Arguments are validated once (src/arguments.ts, src/api.ts), so
 * every backend raises the same error for the same bad input. Routing lives here: which build
 * serves each route, chosen from measurements (`auto`) or forced. The same code runs in every
 * environment; the entry point installs the platform that loads builds there (src/platform.ts).
 */
import { createApi, routesToOneBackend, type NumaccelApi, type RouteBackends } from './api.js';
import { createAsyncApi, type NumaccelAsyncApi } from './async.js';
import { BUILDS, BUILD_IDS, buildById, type BuildId } from './builds.js';
import { BACKEND_NAMES, type BackendName } from './contract.js';
import type { Backend } from './builds.js';
import { currentPlatform, type Configuration } from './platform.js';
import { BackendUnavailableError, Registry, type BuildStatus } from './registry.js';
import { ROUTES, chooseRoutes, isSelectionTable, type Route, type SelectionTable } from './selection.js';
import { describe, validatePrimeListSize, validateRange } from './arguments.js';
import committedSelection from './auto-selection.json';

export { BACKEND_NAMES, KERNEL_NAMES, NTH_PRIME_LIMIT, type BackendName, type Kernels } from './contract.js';
export { BUILD_IDS, type BuildId } from './builds.js';
export { BackendUnavailableError } from './registry.js';
export { ROUTES, type Route, type SelectionTable } from './selection.js';
export type { Coordinates, NumaccelApi, PrimeCandidates, ResultOptions } from './api.js';
export type { AsyncOptions, NumaccelAsyncApi } from './async.js';
export type { Configuration, WasmSource } from './platform.js';
export { DEFAULT_RADIUS_MILES, EARTH_RADIUS, MAX_RESULT_ELEMENTS, type DistanceUnit, type GreatCircleOptions } from './arguments.js';
export {
  ELLIPSOIDS,
  MAX_FLATTENING,
  METRES_PER_UNIT,
  type Ellipsoid,
  type EllipsoidName,
  type GeodesicOptions,
  type GeodesicUnit,
} from './geodesic-arguments.js';
export type { GeodesicApi, GeodesicAreaResult, GeodesicDirectResult, GeodesicInverseResult } from './geodesic.js';

/**
 * 'auto', a backend (its default build), or one build.
 * @category Backends
 */
export type BackendMode = 'auto' | BackendName | BuildId;
/**
 * Every mode setBackend, withBackend, configure and NUMACCEL_BACKEND accept.
 * @category Backends
 */
export const BACKEND_MODES: readonly BackendMode[] = ['auto', ...BACKEND_NAMES, ...BUILD_IDS.filter((id) => id !== 'js')];

interface State {
  readonly mode: string;
  readonly selected: Partial<Record<Route, BuildId>>;
  /** Set when the mode cannot be served: every synchronous call throws it. */
  readonly failure?: Error;
  readonly routes?: RouteBackends;
}

let config: Configuration = {};
/** The mode and where it came from; read from the environment at first use. */
let mode: { readonly value: string; readonly source: string } | undefined;
let registry: Registry | undefined;
let state: State | undefined;

function builds(): Registry {
  // When a build finishes loading asynchronously, routing is chosen again at the next call.
  registry ??= new Registry(currentPlatform(), config, () => (state = undefined));
  return registry;
}

function currentMode(): { value: string; source: string } {
  mode ??=
    config.backend !== undefined
      ? { value: config.backend, source: 'configure({ backend })' }
      : { value: currentPlatform().env('NUMACCEL_BACKEND') || 'auto', source: 'NUMACCEL_BACKEND' };
  return mode;
}

function selectionTable(): SelectionTable {
  return config.selection ?? currentPlatform().selection() ?? (committedSelection as SelectionTable);
}

function modeError(value: unknown, source: string): RangeError {
  return new RangeError(
    `numaccel: ${source} must be one of ${BACKEND_MODES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(value)}`,
  );
}

/** The status of what `name` forces: a backend's default build, or the build it names. */
function forcedStatus(name: string): BuildStatus | undefined {
  if ((BACKEND_NAMES as readonly string[]).includes(name)) return builds().defaultOf(name as BackendName);
  const build = buildById(name);
  return build ? builds().load(build) : undefined;
}

/** Why `name` cannot serve: it failed (with the loader's cause) or is still loading. */
function unavailable(name: string, status: BuildStatus): BackendUnavailableError {
  const named = buildById(name) ? (name as BuildId) : undefined;
  if (status.state === 'failed') return new BackendUnavailableError(status.build.backend, status.error.cause, { build: named });
  return new BackendUnavailableError(status.build.backend, undefined, { build: named, pending: true });
}

const everyRoute = (backend: Backend): RouteBackends => routesToOneBackend(backend);

function buildState(value: string, source: string): State {
  if (value === 'auto') {
    const loaded = new Map<BuildId, Backend>();
    for (const status of builds().defaults()) if (status.state === 'loaded') loaded.set(status.build.id, status.backend);
    const selected = chooseRoutes(selectionTable(), [...loaded.keys()]);
    const routes = Object.fromEntries(ROUTES.map((route) => [route, loaded.get(selected[route])!])) as Record<Route, Backend>;
    return { mode: value, selected, routes };
  }
  const status = forcedStatus(value);
  if (!status) return { mode: value, selected: {}, failure: modeError(value, source) };
  if (status.state !== 'loaded') return { mode: value, selected: {}, failure: unavailable(value, status) };
  return { mode: value, selected: Object.fromEntries(ROUTES.map((route) => [route, status.build.id])), routes: everyRoute(status.backend) };
}

function currentState(): State {
  if (!state) {
    const { value, source } = currentMode();
    state = buildState(value, source);
  }
  return state;
}

function currentRoutes(): RouteBackends {
  const { routes, failure } = state ?? currentState();
  if (routes === undefined) throw failure;
  return routes;
}

/** For the async functions: a build that is still loading is waited for, not refused. */
function settledRoutes(): RouteBackends | Promise<RouteBackends> {
  currentState();
  const registry = builds();
  return registry.busy ? registry.settled().then(currentRoutes) : currentRoutes();
}

const api = createApi(currentRoutes);
const asyncApi = createAsyncApi(
  settledRoutes,
  () => currentPlatform(),
  () => config,
);

// Each function's doc comment is on its signature in NumaccelApi, GeodesicApi or NumaccelAsyncApi:
// the API reference (npm run docs) lists these as functions (`@function`) with those comments.
/** {@inheritDoc NumaccelApi.checkPrime} @function @category Primes */
export const checkPrime = api.checkPrime;
/** {@inheritDoc NumaccelApi.greatCircle} @function @category Great circles */
export const greatCircle = api.greatCircle;
/** {@inheritDoc NumaccelApi.checkPrimes} @function @category Primes */
export const checkPrimes = api.checkPrimes;
/** {@inheritDoc NumaccelApi.countPrimes} @function @category Primes */
export const countPrimes = api.countPrimes;
/** {@inheritDoc NumaccelApi.primesBetween} @function @category Primes */
export const primesBetween = api.primesBetween;
/** {@inheritDoc NumaccelApi.greatCircleMany} @function @category Great circles */
export const greatCircleMany = api.greatCircleMany;
/** {@inheritDoc NumaccelApi.greatCircleMatrix} @function @category Great circles */
export const greatCircleMatrix = api.greatCircleMatrix;
/** {@inheritDoc GeodesicApi.geodesicInverse} @function @category Geodesics */
export const geodesicInverse = api.geodesicInverse;
/** {@inheritDoc GeodesicApi.geodesicDistance} @function @category Geodesics */
export const geodesicDistance = api.geodesicDistance;
/** {@inheritDoc GeodesicApi.geodesicDirect} @function @category Geodesics */
export const geodesicDirect = api.geodesicDirect;
/** {@inheritDoc GeodesicApi.geodesicDistanceMany} @function @category Geodesics */
export const geodesicDistanceMany = api.geodesicDistanceMany;
/** {@inheritDoc GeodesicApi.geodesicDistanceMatrix} @function @category Geodesics */
export const geodesicDistanceMatrix = api.geodesicDistanceMatrix;
/** {@inheritDoc GeodesicApi.geodesicArea} @function @category Geodesics */
export const geodesicArea = api.geodesicArea;
/** {@inheritDoc NumaccelApi.nthPrime} @function @category Primes */
export const nthPrime = api.nthPrime;
/** {@inheritDoc NumaccelApi.nextPrime} @function @category Primes */
export const nextPrime = api.nextPrime;
/** {@inheritDoc NumaccelApi.prevPrime} @function @category Primes */
export const prevPrime = api.prevPrime;
/** {@inheritDoc NumaccelAsyncApi.checkPrimesAsync} @function @category Async */
export const checkPrimesAsync = asyncApi.checkPrimesAsync;
/** {@inheritDoc NumaccelAsyncApi.countPrimesAsync} @function @category Async */
export const countPrimesAsync = asyncApi.countPrimesAsync;
/** {@inheritDoc NumaccelAsyncApi.nthPrimeAsync} @function @category Async */
export const nthPrimeAsync = asyncApi.nthPrimeAsync;
/** {@inheritDoc NumaccelAsyncApi.primesBetweenAsync} @function @category Async */
export const primesBetweenAsync = asyncApi.primesBetweenAsync;
/** {@inheritDoc NumaccelAsyncApi.greatCircleManyAsync} @function @category Async */
export const greatCircleManyAsync = asyncApi.greatCircleManyAsync;
/** {@inheritDoc NumaccelAsyncApi.greatCircleMatrixAsync} @function @category Async */
export const greatCircleMatrixAsync = asyncApi.greatCircleMatrixAsync;
/** {@inheritDoc NumaccelAsyncApi.geodesicDistanceManyAsync} @function @category Async */
export const geodesicDistanceManyAsync = asyncApi.geodesicDistanceManyAsync;
/** {@inheritDoc NumaccelAsyncApi.geodesicDistanceMatrixAsync} @function @category Async */
export const geodesicDistanceMatrixAsync = asyncApi.geodesicDistanceMatrixAsync;

/**
 * The elements `options.out` of primesBetween(lo, hi) needs: an upper bound on the number of
 * primes in [lo, hi) (Dusart's bound, or Montgomery–Vaughan's for short ranges). Validates like
 * primesBetween.
 * @category Primes
 */
export function primesBetweenCapacity(lo: number | bigint, hi: number | bigint): number {
  const [low, high] = validateRange('primesBetweenCapacity', lo, hi);
  return validatePrimeListSize('primesBetweenCapacity', low, high);
}

/**
 * Routes every call to one backend or build, or back to 'auto'. Throws a RangeError for an
 * unknown name and a BackendUnavailableError (with the loader's error as `cause`) for one that
 * failed to load; the previous selection stays in force when it throws. A build that is still
 * loading (WebAssembly in a browser) is accepted: until it is ready, synchronous calls throw a
 * BackendUnavailableError with `pending: true` and async calls wait for it.
 * @category Backends
 */
export function setBackend(name: BackendMode): void {
  if (typeof name !== 'string') throw new TypeError(`numaccel: setBackend(mode) takes a string, got ${describe(name)}`);
  const next = buildState(name, 'setBackend(mode)');
  if (next.failure && !(next.failure instanceof BackendUnavailableError && next.failure.pending)) throw next.failure;
  mode = { value: name, source: 'setBackend(mode)' };
  state = next;
}

/**
 * The API, sync and async, bound to one backend or build, bypassing `auto` (for comparisons, tests and benchmarks).
 * @category Backends
 */
export function withBackend(name: BackendMode): NumaccelApi & NumaccelAsyncApi {
  if (typeof name !== 'string') throw new TypeError(`numaccel: withBackend(name) takes a string, got ${describe(name)}`);
  const status = name === 'auto' ? undefined : forcedStatus(name);
  if (!status) throw modeError(name, 'withBackend(name)');
  if (status.state !== 'loaded') throw unavailable(name, status);
  const routes = everyRoute(status.backend);
  return {
    ...createApi(() => routes),
    ...createAsyncApi(
      () => routes,
      () => currentPlatform(),
      () => config,
    ),
  };
}

const CONFIGURATION_KEYS = ['backend', 'wasm', 'nativePath', 'selection'] as const;

/**
 * Settings without environment variables: the backend (as NUMACCEL_BACKEND), where the .wasm
 * builds are (URLs, compiled modules or bytes), the addon file (Node), and the selection table
 * `auto` follows. Builds load again with the new settings at the next call.
 * @category Backends
 */
export function configure(options: Configuration): void {
  const fn = 'configure';
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`numaccel: ${fn}(options) takes an object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!(CONFIGURATION_KEYS as readonly string[]).includes(key)) {
      throw new RangeError(`numaccel: ${fn}: unknown option ${JSON.stringify(key)}; accepted options are ${CONFIGURATION_KEYS.join(', ')}`);
    }
  }
  const { backend, wasm, nativePath, selection } = options;
  if (backend !== undefined) {
    if (typeof backend !== 'string') throw new TypeError(`numaccel: ${fn}: options.backend must be a string, got ${describe(backend)}`);
    if (!(BACKEND_MODES as readonly string[]).includes(backend)) throw modeError(backend, `${fn}: options.backend`);
  }
  if (wasm !== undefined) {
    if (typeof wasm !== 'object' || wasm === null)
      throw new TypeError(`numaccel: ${fn}: options.wasm must be an object { simd128?, scalar? }, got ${describe(wasm)}`);
    for (const key of Object.keys(wasm)) {
      if (key !== 'simd128' && key !== 'scalar')
        throw new RangeError(`numaccel: ${fn}: unknown build ${JSON.stringify(key)} in options.wasm; accepted are simd128, scalar`);
    }
  }
  if (nativePath !== undefined && typeof nativePath !== 'string')
    throw new TypeError(`numaccel: ${fn}: options.nativePath must be a string, got ${describe(nativePath)}`);
  if (selection !== undefined && !isSelectionTable(selection)) {
    throw new TypeError(
      `numaccel: ${fn}: options.selection must be a table written by \`numaccel bench --select\` (with nsPerCall for every route)`,
    );
  }
  config = { ...config, ...options };
  if (backend !== undefined) mode = undefined;
  registry = undefined;
  state = undefined;
}

/**
 * Resolves, with backendInfo(), once no build is loading any more (at once where loading is synchronous).
 * @category Backends
 */
export async function ready(): Promise<BackendInfo> {
  currentState();
  builds().defaults();
  await builds().settled();
  return backendInfo();
}

/**
 * One build as backendInfo() reports it.
 * @category Backends
 */
export interface BuildInfo {
  /** The build: 'native:avx2', 'wasm:simd128', 'js', ... (BUILD_IDS). */
  readonly id: BuildId;
  /** The backend it belongs to. */
  readonly backend: BackendName;
  /** Its code variant: a SIMD instruction set ('avx512', 'avx2', 'sse2', 'simd128') or 'scalar'. */
  readonly variant: string;
  /** 'idle': not tried (it loads when forced); 'pending': loading; 'loaded'; 'failed' (see `error`). */
  readonly state: BuildStatus['state'];
  /** Failed builds: why, with the loader's error as `cause`. */
  readonly error?: BackendUnavailableError;
  /** Loaded builds: whether the batch great-circle kernels use fused multiply-adds. */
  readonly fusedMultiplyAdd?: boolean;
  /** Loaded builds: a description for people (compiler, module size, ...). */
  readonly features?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * What backendInfo() and ready() report: the mode, the build serving each route, and every backend and build.
 * @category Backends
 */
export interface BackendInfo {
  /** 'auto', or the forced backend or build (configure, NUMACCEL_BACKEND or setBackend). */
  readonly mode: string;
  /** The build serving each route; empty when the mode cannot be served (see `error`). */
  readonly selected: Partial<Record<Route, BuildId>>;
  /** Why nothing is selected: an unknown mode, or a forced build that failed or is still loading. */
  readonly error?: Error;
  /** Every backend in priority order, as its default build stands: the build `auto` and a forced backend use. */
  readonly backends: ReadonlyArray<
    BuildInfo & {
      /** The backend (the same as `backend`). */
      readonly name: BackendName;
      /** Whether its default build is loaded. */
      readonly available: boolean;
    }
  >;
  /** Every build in priority order. */
  readonly builds: readonly BuildInfo[];
  /** 'node' (also Deno and Bun), 'browser' or 'workerd'. */
  readonly platform: string;
  /** The measurement `auto` follows: where and when it was taken. */
  readonly measurements: {
    /** The CPU, cores, memory, OS and Node version of the machine measured. */
    readonly machine: string;
    /** The day of the measurement (YYYY-MM-DD). */
    readonly date: string;
    /** The Node version that ran it. */
    readonly node: string;
  };
}

function buildInfo(status: BuildStatus): BuildInfo {
  const { id, backend, variant } = status.build;
  const base = { id, backend, variant, state: status.state };
  if (status.state === 'failed') return { ...base, error: status.error };
  if (status.state === 'loaded') return { ...base, fusedMultiplyAdd: status.backend.fusedMultiplyAdd, features: status.backend.features };
  return base;
}

/**
 * What is loaded, loading, or failed and why, and which build serves each route. Never throws.
 * @category Backends
 */
export function backendInfo(): BackendInfo {
  const { mode: current, selected, failure } = currentState();
  const { machine, date, node } = selectionTable();
  const all = builds();
  return {
    mode: current,
    selected: { ...selected },
    ...(failure ? { error: failure } : {}),
    backends: all.defaults().map((status) => ({ name: status.build.backend, available: status.state === 'loaded', ...buildInfo(status) })),
    builds: all.all(BUILDS).map(buildInfo),
    platform: currentPlatform().name,
    measurements: { machine, date, node },
  };
}
