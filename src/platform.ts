/**
 * What numaccel needs from the environment it runs in. Everything else (validation, routing,
 * the kernels' glue, the js backend) is the same code in Node, Deno, Bun, browsers and workerd;
 * each entry point (src/index.ts, src/browser.mts, src/workerd.mts) installs its platform.
 */
import type { Build, BuildId } from './builds.js';
import type { Backend } from './builds.js';
import type { PoolTask } from './pool-task.js';
import type { SelectionTable } from './selection.js';

/**
 * Where a .wasm build comes from: a URL (a file path in Node), compiled module, or its bytes.
 * @category Backends
 */
export type WasmSource = string | URL | WebAssembly.Module | ArrayBuffer | Uint8Array;

/**
 * Settings given with `configure()`; each overrides the environment's default.
 * @category Backends
 */
export interface Configuration {
  /** 'auto', a backend ('native', 'wasm', 'js') or one build ('native:avx2', 'wasm:scalar'). */
  readonly backend?: string | undefined;
  /** Where each .wasm build is (default: the package's build-wasm/ files, located by the bundler). */
  readonly wasm?:
    | {
        /** The 'wasm:simd128' build (numaccel-simd.wasm). */
        readonly simd128?: WasmSource | undefined;
        /** The 'wasm:scalar' build (numaccel.wasm). */
        readonly scalar?: WasmSource | undefined;
      }
    | undefined;
  /** A specific addon file (Node: NUMACCEL_NATIVE_PATH). */
  readonly nativePath?: string | undefined;
  /** The table `auto` follows (written by `numaccel bench --select`), instead of the committed one. */
  readonly selection?: SelectionTable | undefined;
}

/** Worker threads that run one build's synchronous kernels on the chunks of an async job. */
export interface WorkerPool {
  run(task: PoolTask, options: { readonly signal: AbortSignal; readonly transferList: ArrayBuffer[] }): Promise<unknown>;
}

export interface Platform {
  /** 'node' (also Deno and Bun), 'browser' or 'workerd'. */
  readonly name: string;
  /** An environment variable (NUMACCEL_BACKEND, ...), where the environment has them. */
  env(name: string): string | undefined;
  /**
   * Loads one build: its backend, synchronously where the environment allows, else a promise of
   * it (a browser compiles WebAssembly asynchronously). Throws or rejects with the reason a build
   * cannot load; the registry records it as the cause.
   */
  load(build: Build, config: Configuration): Backend | Promise<Backend>;
  /** The threads an async call uses by default. */
  defaultThreads(): number;
  /** The pool that runs async jobs for a build without threads of its own (created on first use). */
  pool(build: BuildId, config: Configuration): WorkerPool;
  /** A selection table named by the environment (Node: the file in NUMACCEL_SELECTION). */
  selection(): SelectionTable | undefined;
}

let installed: Platform | undefined;

/** Called once by the entry point. */
export function installPlatform(platform: Platform): void {
  installed = platform;
}

export function currentPlatform(): Platform {
  if (!installed) throw new Error('numaccel: no platform installed (import numaccel through its package entry point)');
  return installed;
}
