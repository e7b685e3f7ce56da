/**
 * A module Web Worker of the browser async pool (src/browser.mts): it receives its build's
 * compiled module once, instantiates its own copy (its own memory and sieve caches), then runs
 * the chunks it is sent and transfers the results back.
 */
import { loadJsBackend } from './backends/js/index.js';
import { createWasmBackend } from './backends/wasm/index.js';
import { buildById, type BuildId } from './builds.js';
import type { Kernels } from './contract.js';
import { runTask, type PoolTask } from './pool-task.js';

interface WorkerScope {
  onmessage: ((event: { data: { init?: { build: BuildId; module?: WebAssembly.Module }; task?: PoolTask } }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let kernels: Kernels | undefined;

scope.onmessage = ({ data }) => {
  if (data.init) {
    const build = buildById(data.init.build)!;
    kernels = build.backend === 'wasm' ? createWasmBackend(data.init.module!, build).kernels : loadJsBackend().kernels;
    scope.postMessage({ ready: true });
    return;
  }
  try {
    const result = runTask(kernels!, data.task!);
    scope.postMessage({ result }, typeof result === 'number' || typeof result === 'bigint' ? [] : [result.buffer as ArrayBuffer]);
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
