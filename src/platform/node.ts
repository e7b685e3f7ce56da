/**
 * Node (and Deno and Bun, through their Node compatibility): the addon through Node-API, the
 * .wasm files read and compiled synchronously, environment variables, and a piscina worker pool.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { loadJsBackend } from '../backends/js/index.js';
import { createNativeBackend, loadAddon } from '../backends/native/index.js';
import { createWasmBackend, engineSupportsSimd } from '../backends/wasm/index.js';
import { BUILDS, buildById, type Build, type BuildId } from '../builds.js';
import type { BackendName } from '../contract.js';
import type { Backend } from '../builds.js';
import { MAX_THREADS } from '../async-options.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Configuration, Platform, WasmSource, WorkerPool } from '../platform.js';
import { Registry, type BuildStatus } from '../registry.js';
import { isSelectionTable, type SelectionTable } from '../selection.js';

/** The package's .wasm file of each wasm build. */
export const WASM_FILES = {
  simd128: path.join(PACKAGE_ROOT, 'build-wasm', 'numaccel-simd.wasm'),
  scalar: path.join(PACKAGE_ROOT, 'build-wasm', 'numaccel.wasm'),
} as const;

type WasmVariant = keyof typeof WASM_FILES;

/** Compiles a wasm build from where the configuration says (by default the package's file). */
function compileWasm(
  variant: WasmVariant,
  source: WasmSource | undefined,
): { module: WebAssembly.Module; features: Record<string, string | number> } {
  if (variant === 'simd128' && !engineSupportsSimd()) throw new Error('this JavaScript engine does not run WebAssembly SIMD');
  if (source instanceof WebAssembly.Module) return { module: source, features: { source: 'module' } };
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : source;
    return { module: new WebAssembly.Module(bytes), features: { bytes: bytes.byteLength, source: 'bytes' } };
  }
  const file = source === undefined ? WASM_FILES[variant] : source instanceof URL ? fileURLToPath(source) : source;
  const bytes = fs.readFileSync(file);
  return { module: new WebAssembly.Module(bytes), features: { bytes: bytes.length, file: path.basename(file) } };
}

function nativePathOf(config: Configuration): string | undefined {
  return config.nativePath ?? (process.env.NUMACCEL_NATIVE_PATH || undefined);
}

function loadBuild(build: Build, config: Configuration): Backend {
  switch (build.backend) {
    case 'native':
      return createNativeBackend(loadAddon(nativePathOf(config)), build);
    case 'wasm': {
      const variant = build.variant as WasmVariant;
      const { module, features } = compileWasm(variant, config.wasm?.[variant]);
      return createWasmBackend(module, build, features);
    }
    case 'js':
      return loadJsBackend();
  }
}

/** What a pool worker needs to load the same build as the caller: the configuration's cloneable part. */
export interface PoolWorkerData {
  readonly nativePath: string | undefined;
  readonly wasm: Partial<Record<WasmVariant, Exclude<WasmSource, URL>>>;
}

const WORKER_FILE = path.join(PACKAGE_ROOT, 'dist', 'pool-worker.js');
const pools = new WeakMap<Configuration, Map<BuildId, Piscina>>();

function poolFor(build: BuildId, config: Configuration): WorkerPool {
  let byBuild = pools.get(config);
  if (!byBuild) pools.set(config, (byBuild = new Map()));
  let pool = byBuild.get(build);
  if (!pool) {
    // Threads start on demand (at most `threads` tasks are ever in flight for one job) and are
    // kept for 10 s between jobs; piscina unrefs idle threads, so they never hold the process.
    // Required here, not imported: loading piscina takes ~10 ms, which only async users should pay.
    const { Piscina: Pool } = require('piscina') as typeof import('piscina');
    const wasm = Object.fromEntries(Object.entries(config.wasm ?? {}).map(([k, v]) => [k, v instanceof URL ? fileURLToPath(v) : v]));
    const workerData: PoolWorkerData = { nativePath: nativePathOf(config), wasm };
    pool = new Pool({ filename: WORKER_FILE, minThreads: 0, maxThreads: MAX_THREADS, idleTimeout: 10_000, workerData });
    byBuild.set(build, pool);
  }
  return pool;
}

let selectionFromFile: { readonly file: string; readonly table: SelectionTable } | undefined;

/** The table in the file NUMACCEL_SELECTION names (written by `numaccel bench --select`). */
function selectionOfEnvironment(): SelectionTable | undefined {
  const file = process.env.NUMACCEL_SELECTION;
  if (!file) return undefined;
  if (selectionFromFile?.file !== file) {
    const table: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isSelectionTable(table))
      throw new RangeError(`numaccel: NUMACCEL_SELECTION: ${file} is not a table written by \`numaccel bench --select\``);
    selectionFromFile = { file, table };
  }
  return selectionFromFile.table;
}

export const nodePlatform: Platform = {
  name: 'node',
  env: (name) => process.env[name],
  load: loadBuild,
  defaultThreads: () => os.availableParallelism(),
  pool: poolFor,
  selection: selectionOfEnvironment,
};

/** Loads one build in this process, bypassing the facade (tests, the benchmark); throws why it cannot. */
export function loadNodeBuild(id: string, config: Configuration = {}): Backend {
  const build = buildById(id);
  if (!build) throw new RangeError(`numaccel: unknown build ${JSON.stringify(id)}`);
  return loadBuild(build, config);
}

/** Every build this process can load, best first, and why each of the others cannot. */
export function nodeBuilds(config: Configuration = {}): BuildStatus[] {
  const registry = new Registry(nodePlatform, config, () => {});
  return BUILDS.map((build) => registry.load(build));
}

/** A backend's default build here: the first of its builds that loads (what `auto` uses). */
export function defaultNodeBuild(backend: BackendName, config: Configuration = {}): BuildStatus {
  return new Registry(nodePlatform, config, () => {}).defaultOf(backend);
}
