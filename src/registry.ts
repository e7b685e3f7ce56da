import { BACKEND_NAMES, type Backend, type BackendName } from './contract.js';
import { loadJsBackend } from './backends/js/index.js';
import { loadNativeBackend } from './backends/native/index.js';
import { loadWasmBackend } from './backends/wasm/index.js';

/** Raised when a backend is asked for but could not be loaded; `cause` is the original error. */
export class BackendUnavailableError extends Error {
  readonly backend: BackendName;
  constructor(backend: BackendName, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`numaccel: the ${backend} backend is not available: ${reason}`, { cause });
    this.name = 'BackendUnavailableError';
    this.backend = backend;
  }
}

/** Why a backend did or did not load: `backend` when it did, `error` (with the original `cause`) when not. */
export type BackendStatus =
  | { readonly name: BackendName; readonly available: true; readonly backend: Backend }
  | { readonly name: BackendName; readonly available: false; readonly error: BackendUnavailableError };

export interface LoadOptions {
  /** A specific .node file (NUMACCEL_NATIVE_PATH); by default node-gyp-build looks for one. */
  readonly nativePath?: string | undefined;
  /** A specific .wasm file; by default build/numaccel.wasm in the package. */
  readonly wasmPath?: string | undefined;
}

/** Tries every backend, in priority order, and records the outcome of each. */
export function loadBackends(options: LoadOptions = {}): BackendStatus[] {
  const loaders: Record<BackendName, () => Backend> = {
    native: () => loadNativeBackend(options.nativePath),
    wasm: () => loadWasmBackend(options.wasmPath),
    js: loadJsBackend,
  };
  return BACKEND_NAMES.map((name): BackendStatus => {
    try {
      return { name, available: true, backend: loaders[name]() };
    } catch (cause) {
      return { name, available: false, error: new BackendUnavailableError(name, cause) };
    }
  });
}
