/**
 * A worker thread of the async pool (src/async.ts): it loads one backend (its own instance: its own
 * WebAssembly memory, its own sieve caches) and runs that backend's synchronous kernels on the
 * chunks it is sent. Inputs arrive already validated; results go back transferred, not copied.
 */
import type { BackendName, Kernels } from './contract.js';
import { loadJsBackend } from './backends/js/index.js';
import { loadNativeBackend } from './backends/native/index.js';
import { loadWasmBackend } from './backends/wasm/index.js';

export type PoolTask =
  | { kernel: 'checkPrimes'; values: Float64Array | BigUint64Array }
  | { kernel: 'countPrimes'; lo: number; hi: number }
  | { kernel: 'primesBetween'; lo: number; hi: number; bound: number }
  | { kernel: 'greatCircleMany'; columns: [Float64Array, Float64Array, Float64Array, Float64Array]; radius: number; length: number }
  | { kernel: 'greatCircleMatrix'; columns: [Float64Array, Float64Array, Float64Array, Float64Array]; radius: number };

const loaders: Record<BackendName, () => Kernels> = {
  native: () => loadNativeBackend(process.env.NUMACCEL_NATIVE_PATH || undefined).kernels,
  wasm: () => loadWasmBackend().kernels,
  js: () => loadJsBackend().kernels,
};

let loaded: { name: BackendName; kernels: Kernels } | undefined;

function kernelsOf(name: BackendName): Kernels {
  if (loaded?.name !== name) loaded = { name, kernels: loaders[name]() };
  return loaded.kernels;
}

export default function runTask({ backend, task }: { backend: BackendName; task: PoolTask }): Uint8Array | Float64Array | number {
  const kernels = kernelsOf(backend);
  switch (task.kernel) {
    case 'checkPrimes': {
      const out = new Uint8Array(task.values.length);
      kernels.checkPrimes(task.values, out);
      return out;
    }
    case 'countPrimes':
      return kernels.countPrimes(task.lo, task.hi);
    case 'primesBetween': {
      const out = new Float64Array(task.bound);
      const count = kernels.primesBetween(task.lo, task.hi, out);
      return out.slice(0, count);
    }
    case 'greatCircleMany': {
      const out = new Float64Array(task.length);
      kernels.greatCircleMany(...task.columns, task.radius, out);
      return out;
    }
    case 'greatCircleMatrix': {
      const out = new Float64Array(task.columns[0].length * task.columns[2].length);
      kernels.greatCircleMatrix(...task.columns, task.radius, out);
      return out;
    }
  }
}
