/**
 * The backends every suite runs against: the registry's three, every other SIMD variant of native
 * (sse2, scalar) and wasm (scalar), and the addon built by cmake-js from the same sources (when it
 * has been built; CI builds it). In CI every one must load — a
 * missing backend fails availability.test.ts instead of silently shrinking the suites.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createApi, routesToOneBackend, type NumaccelApi } from '../../src/api.js';
import { loadNativeBackend, loadNativeVariants } from '../../src/backends/native/index.js';
import { loadWasmBackend } from '../../src/backends/wasm/index.js';
import type { Backend } from '../../src/contract.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { BackendUnavailableError, loadBackends } from '../../src/registry.js';

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const CMAKE_ADDON = path.join(PACKAGE_ROOT, 'build-cmake', 'Release', 'numaccel.node');

export interface BackendUnderTest {
  readonly label: string;
  readonly backend?: Backend;
  readonly error?: Error;
}

function cmakeBuild(): BackendUnderTest {
  const label = 'native (cmake-js)';
  if (!fs.existsSync(CMAKE_ADDON)) {
    return { label, error: new Error(`${CMAKE_ADDON} was not built (npm run build:cmake)`) };
  }
  try {
    return { label, backend: loadNativeBackend(CMAKE_ADDON) };
  } catch (cause) {
    return { label, error: new BackendUnavailableError('native', cause) };
  }
}

/** Every other SIMD variant of a backend that loaded (the registry's pick is its best one). */
function otherVariants(name: 'native' | 'wasm', best: Backend | undefined): BackendUnderTest[] {
  if (!best) return [];
  const variants = name === 'native' ? loadNativeVariants() : [loadWasmBackend({ simd: false })];
  return variants
    .filter((variant) => variant.features['variant'] !== best.features['variant'])
    .map((variant) => ({ label: `${name} (${String(variant.features['variant'])})`, backend: variant }));
}

const registry = loadBackends();
const loadedByName = (name: string): Backend | undefined => {
  const status = registry.find((s) => s.name === name);
  return status?.available ? status.backend : undefined;
};

export const BACKENDS_UNDER_TEST: readonly BackendUnderTest[] = [
  ...registry.map((s) => (s.available ? { label: s.name, backend: s.backend } : { label: s.name, error: s.error })),
  ...otherVariants('native', loadedByName('native')),
  ...otherVariants('wasm', loadedByName('wasm')),
  cmakeBuild(),
];

export interface LoadedBackend {
  readonly label: string;
  readonly backend: Backend;
  /** The public API (validation included) bound to this backend alone. */
  readonly api: NumaccelApi;
}

export const LOADED: readonly LoadedBackend[] = BACKENDS_UNDER_TEST.flatMap(({ label, backend }) =>
  backend ? [{ label, backend, api: createApi(() => routesToOneBackend(backend)) }] : [],
);

/** The TypeScript reference, which every other backend is compared with. */
export const REFERENCE = LOADED.find((b) => b.label === 'js')!;
