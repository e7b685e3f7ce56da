/**
 * One chunk of an async job, as a pool worker receives it (src/pool-worker.ts in Node,
 * src/browser-worker.mts in browsers), and how a worker runs it on its build's synchronous kernels.
 * Inputs arrive already validated; results go back transferred, not copied.
 */
import type { BuildId } from './builds.js';
import { primesWritten, type Kernels } from './contract.js';
import type { PrimePiPart } from './prime-pi-parts.js';

type Columns = [Float64Array, Float64Array, Float64Array, Float64Array];

export type PoolTask = { readonly build: BuildId } & (
  | { kernel: 'checkPrimes'; values: Float64Array | BigUint64Array }
  | { kernel: 'countPrimes'; lo: number; hi: number }
  | { kernel: 'primePi'; x: number }
  | PrimePiPart
  | { kernel: 'nthPrime'; n: number }
  | { kernel: 'primesBetween'; lo: number; hi: number; bound: number }
  | { kernel: 'greatCircleMany'; columns: Columns; radius: number; length: number }
  | { kernel: 'greatCircleMatrix'; columns: Columns; radius: number }
  | { kernel: 'geodesicDistanceMany'; columns: Columns; a: number; f: number; length: number }
  | { kernel: 'geodesicDistanceMatrix'; columns: Columns; a: number; f: number }
);

/** The arrays a task carries, whose buffers can be transferred to the worker. */
export function transferablesOf(task: PoolTask): ArrayBuffer[] {
  const arrays = task.kernel === 'checkPrimes' ? [task.values] : 'columns' in task ? task.columns : [];
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}

/** What a task returns. */
export type TaskResult = Uint8Array | Float64Array | BigInt64Array | number | bigint;

export function runTask(kernels: Kernels, task: PoolTask): TaskResult {
  switch (task.kernel) {
    case 'checkPrimes': {
      const out = new Uint8Array(task.values.length);
      kernels.checkPrimes(task.values, out);
      return out;
    }
    case 'countPrimes':
      return kernels.countPrimes(task.lo, task.hi);
    case 'primePi':
      return kernels.primePi(task.x);
    case 'primePiLeaves':
      return kernels.primePiLeaves(task.x, task.index, task.count);
    case 'primePiSieve':
      return kernels.primePiSieve(task.x, task.from, task.to);
    case 'nthPrime':
      return kernels.nthPrime(task.n);
    case 'primesBetween': {
      const out = new Float64Array(task.bound);
      return primesWritten(out, kernels.primesBetween(task.lo, task.hi, out));
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
    case 'geodesicDistanceMany': {
      const out = new Float64Array(task.length);
      kernels.geodesicDistanceMany(...task.columns, task.a, task.f, out);
      return out;
    }
    case 'geodesicDistanceMatrix': {
      const out = new Float64Array(task.columns[0].length * task.columns[2].length);
      kernels.geodesicDistanceMatrix(...task.columns, task.a, task.f, out);
      return out;
    }
  }
}
