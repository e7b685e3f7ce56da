/**
 * The builds every suite runs against: every build of src/builds.ts this machine runs, and the
 * addon built by cmake-js from the same sources (when it has been built; CI builds it). In CI
 * every one must load — a missing build fails availability.test.ts instead of silently shrinking
 * the suites — except a SIMD variant this CPU or engine cannot run.
 *
 * NUMACCEL_TEST_BUILDS (comma-separated labels, e.g. `wasm:scalar,js`) runs the suites on those
 * builds only. `buildsFor(kernels)` gives, in the spirit of tfjs's describeWithFlags, the builds
 * whose code of those kernels differs: each backend's first build, plus every build of a backend
 * for the kernels with SIMD variants (VARIANT_KERNELS).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createApi, routesToOneBackend, type NumaccelApi } from '../../src/api.js';
import { createAsyncApi, type NumaccelAsyncApi } from '../../src/async.js';
import { VARIANT_KERNELS } from '../../src/builds.js';
import type { KernelName } from '../../src/contract.js';
import type { Backend } from '../../src/builds.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { defaultNodeBuild, loadNodeBuild, nodeBuilds, nodePlatform } from '../../src/platform/node.js';
import { BackendUnavailableError } from '../../src/registry.js';

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const CMAKE_ADDON = path.join(PACKAGE_ROOT, 'build-cmake', 'Release', 'numaccel.node');
export const CMAKE_LABEL = 'native (cmake-js)';

export interface BuildUnderTest {
  readonly label: string;
  readonly backend?: Backend;
  readonly error?: Error;
  /** A SIMD variant this CPU or engine cannot run: not a failure, even in CI. */
  readonly unsupportedHere?: boolean;
}

const UNSUPPORTED = /^this (CPU cannot run|JavaScript engine does not run)/;

function cmakeBuild(): BuildUnderTest {
  if (!fs.existsSync(CMAKE_ADDON)) return { label: CMAKE_LABEL, error: new Error(`${CMAKE_ADDON} was not built (npm run build:cmake)`) };
  const status = defaultNodeBuild('native', { nativePath: CMAKE_ADDON });
  if (status.state === 'loaded') return { label: CMAKE_LABEL, backend: status.backend };
  return { label: CMAKE_LABEL, error: status.state === 'failed' ? status.error : new Error('not loaded') };
}

const selected = process.env.NUMACCEL_TEST_BUILDS?.split(',')
  .map((label) => label.trim())
  .filter(Boolean);

export const BUILDS_UNDER_TEST: readonly BuildUnderTest[] = [
  ...nodeBuilds().map((status): BuildUnderTest => {
    const label = status.build.id;
    if (status.state === 'loaded') return { label, backend: status.backend };
    const error = status.state === 'failed' ? status.error : new BackendUnavailableError(status.build.backend, 'not loaded');
    const cause = error.cause instanceof Error ? error.cause.message : '';
    return { label, error, unsupportedHere: UNSUPPORTED.test(cause) };
  }),
  cmakeBuild(),
].filter(({ label }) => !selected || selected.includes(label));

export interface LoadedBackend {
  readonly label: string;
  readonly backend: Backend;
  /** The public API (validation included) bound to this build alone. */
  readonly api: NumaccelApi;
  /** The first build of its backend here (or a separately compiled addon): it runs every suite. */
  readonly primary: boolean;
}

export const LOADED: readonly LoadedBackend[] = BUILDS_UNDER_TEST.flatMap(({ label, backend }, i, all) => {
  if (!backend) return [];
  const primary = label === CMAKE_LABEL || !all.slice(0, i).some((other) => other.backend?.name === backend.name);
  return [{ label, backend, primary, api: createApi(() => routesToOneBackend(backend)) }];
});

/** The builds whose code of `kernels` differs (see the file comment). */
export function buildsFor(kernels: readonly KernelName[]): readonly LoadedBackend[] {
  const variantKernel = kernels.some((kernel) => (VARIANT_KERNELS as readonly string[]).includes(kernel));
  return LOADED.filter((build) => build.primary || variantKernel);
}

/** The TypeScript reference, which every other build is compared with. */
export const REFERENCE: LoadedBackend = LOADED.find((b) => b.label === 'js') ?? {
  label: 'js',
  backend: loadNodeBuild('js'),
  primary: true,
  api: createApi(() => routesToOneBackend(loadNodeBuild('js'))),
};

/** One configuration for every async call of the tests: the pool of worker threads is per configuration, and is reused. */
const POOL_CONFIG = {};

/** The async functions over one backend, in Node's worker pool. */
export const asyncApiFor = (backend: Backend): NumaccelAsyncApi =>
  createAsyncApi(
    () => routesToOneBackend(backend),
    () => nodePlatform,
    () => POOL_CONFIG,
  );
