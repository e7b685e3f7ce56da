/**
 * The entry point for browsers (the `browser` export condition): wasm and js, no Node built-in.
 * The .wasm files are separate assets, located with `new URL(..., import.meta.url)`, which Vite,
 * webpack and Parcel understand: they emit the files and rewrite the URLs. WebAssembly compiles
 * asynchronously here, so `auto` serves from js until wasm is ready (`await ready()` waits).
 * The async functions run on module Web Workers (src/browser-worker.mts), with no
 * SharedArrayBuffer needed: chunks go to the workers as transferred copies.
 */
import { loadJsBackend } from './backends/js/index.js';
import { createWasmBackend, engineSupportsSimd } from './backends/wasm/index.js';
import { buildById, type Build, type BuildId } from './builds.js';
import type { Kernels } from './contract.js';
import type { Backend } from './builds.js';
import { installPlatform, type Configuration, type Platform, type WasmSource, type WorkerPool } from './platform.js';
import { inlinePool } from './platform/inline-pool.js';
import type { PoolTask } from './pool-task.js';

type WasmVariant = 'simd128' | 'scalar';

/** Where the package's .wasm files are, as the bundler rewrote these URLs. */
const PACKAGE_WASM: Record<WasmVariant, () => URL> = {
  simd128: () => new URL('../build-wasm/numaccel-simd.wasm', import.meta.url),
  scalar: () => new URL('../build-wasm/numaccel.wasm', import.meta.url),
};

/** Compiles a .wasm build from a URL, bytes or a module, asynchronously (as browsers require for large modules). */
async function compile(source: Exclude<WasmSource, WebAssembly.Module>): Promise<WebAssembly.Module> {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source))
    return WebAssembly.compile(
      source instanceof ArrayBuffer ? source : new Uint8Array(source.buffer, source.byteOffset, source.byteLength),
    );
  const response = await fetch(source);
  if (!response.ok) throw new Error(`fetching ${String(source)} answered HTTP ${response.status}`);
  // Streaming compilation needs the application/wasm content type; some servers send another.
  if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

/** Each wasm build's compiled module, kept for the pool workers, which instantiate their own. */
const modules = new WeakMap<Configuration, Map<BuildId, Promise<WebAssembly.Module>>>();

function moduleOf(build: Build, config: Configuration): WebAssembly.Module | Promise<WebAssembly.Module> {
  const variant = build.variant as WasmVariant;
  if (variant === 'simd128' && !engineSupportsSimd()) throw new Error('this JavaScript engine does not run WebAssembly SIMD');
  const source = config.wasm?.[variant] ?? PACKAGE_WASM[variant]();
  if (source instanceof WebAssembly.Module) return source;
  let byBuild = modules.get(config);
  if (!byBuild) modules.set(config, (byBuild = new Map()));
  let module = byBuild.get(build.id);
  if (!module) byBuild.set(build.id, (module = compile(source)));
  return module;
}

function load(build: Build, config: Configuration): Backend | Promise<Backend> {
  switch (build.backend) {
    case 'native':
      throw new Error('a browser has no Node-API addons: numaccel runs on WebAssembly and TypeScript here');
    case 'wasm': {
      const module = moduleOf(build, config);
      return module instanceof WebAssembly.Module
        ? createWasmBackend(module, build)
        : module.then((compiled) => createWasmBackend(compiled, build));
    }
    case 'js':
      return loadJsBackend();
  }
}

/** Idle workers end after this long, so a page that stopped computing holds no threads. */
const IDLE_MS = 10_000;

/**
 * Module Web Workers running one build. Each worker gets the compiled module once, then tasks;
 * an aborted task's worker is terminated (it may be deep in a long chunk). Where no worker can
 * start (the bundler did not emit the worker file), chunks run on this thread instead.
 */
function webWorkerPool(build: BuildId, config: Configuration): WorkerPool {
  const spec = buildById(build)!;
  const module = spec.backend === 'wasm' ? Promise.resolve(moduleOf(spec, config)) : Promise.resolve(undefined);
  const idle: Array<{ worker: Worker; timer: ReturnType<typeof setTimeout> }> = [];
  let fallback: WorkerPool | undefined;

  const start = async (): Promise<Worker> => {
    const parked = idle.pop();
    if (parked) {
      clearTimeout(parked.timer);
      return parked.worker;
    }
    const worker = new Worker(new URL('./browser-worker.mjs', import.meta.url), { type: 'module' });
    worker.postMessage({ init: { build, module: await module } });
    // Tasks go only to a worker that answered: a task's arrays are transferred, and a worker that
    // failed to start would take them with it.
    await new Promise<void>((resolve, reject) => {
      worker.onmessage = () => resolve();
      worker.onerror = (event) => {
        worker.terminate();
        reject(new WorkerStartError(event.message ?? 'the worker failed to start'));
      };
    });
    return worker;
  };
  const park = (worker: Worker) => idle.push({ worker, timer: setTimeout(() => retire(worker), IDLE_MS) });
  const retire = (worker: Worker) => {
    const at = idle.findIndex((entry) => entry.worker === worker);
    if (at >= 0) idle.splice(at, 1);
    worker.terminate();
  };

  const runOnWorker = async (task: PoolTask, signal: AbortSignal, transferList: ArrayBuffer[]): Promise<unknown> => {
    const worker = await start();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        worker.terminate();
        reject(new DOMException('the operation was aborted', 'AbortError'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.onmessage = ({ data }) => {
        signal.removeEventListener('abort', onAbort);
        const reply = data as { result?: unknown; error?: string };
        park(worker);
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve(reply.result);
      };
      worker.onerror = (event) => {
        signal.removeEventListener('abort', onAbort);
        worker.terminate();
        reject(new Error(event.message ?? 'the worker failed'));
      };
      worker.postMessage({ task }, transferList);
    });
  };

  return {
    async run(task, { signal, transferList }) {
      if (!fallback) {
        try {
          return await runOnWorker(task, signal, transferList);
        } catch (error) {
          if (!(error instanceof WorkerStartError)) throw error;
          fallback = inlinePool(async (): Promise<Kernels> => {
            const loaded = await load(spec, config);
            return loaded.kernels;
          });
        }
      }
      return fallback.run(task, { signal, transferList });
    },
  };
}

class WorkerStartError extends Error {}

const browserPlatform: Platform = {
  name: 'browser',
  // Pages have no environment variables; a bundler or test runner may still define process.env.
  env: (name) => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name],
  load,
  defaultThreads: () => (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency || 1,
  pool: webWorkerPool,
  selection: () => undefined,
};

installPlatform(browserPlatform);

export * from './facade.js';
