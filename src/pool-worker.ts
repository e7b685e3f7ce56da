/**
 * A worker thread of the Node async pool (src/platform/node.ts): it loads the build each task
 * names (its own instance: its own WebAssembly memory, its own sieve caches), with the caller's
 * configuration, and runs that build's synchronous kernels on the chunks it is sent.
 */
import { workerData } from 'node:worker_threads';
import { buildById, type BuildId } from './builds.js';
import type { Kernels } from './contract.js';
import { nodePlatform, type PoolWorkerData } from './platform/node.js';
import { runTask, type PoolTask, type TaskResult } from './pool-task.js';

const config = workerData as PoolWorkerData;
const loaded = new Map<BuildId, Kernels>();

function kernelsOf(id: BuildId): Kernels {
  let kernels = loaded.get(id);
  if (!kernels) {
    const backend = nodePlatform.load(buildById(id)!, config);
    if (backend instanceof Promise) throw new Error(`${id} loads asynchronously, which a Node pool worker does not do`);
    loaded.set(id, (kernels = backend.kernels));
  }
  return kernels;
}

export default function run(task: PoolTask): TaskResult {
  return runTask(kernelsOf(task.build), task);
}
