/**
 * A "pool" without threads, for environments that cannot start workers (workerd; a browser page
 * whose bundler did not emit the worker file): it runs each chunk on the calling thread, one per
 * macrotask, so a long async job still lets the event loop run between chunks and can be aborted
 * between them. Results are the same; only the parallelism is lost.
 */
import type { Kernels } from '../contract.js';
import type { WorkerPool } from '../platform.js';
import { runTask } from '../pool-task.js';

export function inlinePool(kernels: () => Kernels | Promise<Kernels>): WorkerPool {
  return {
    async run(task, { signal }) {
      const chosen = await kernels();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal.aborted) throw new DOMException('the operation was aborted', 'AbortError');
      return runTask(chosen, task);
    },
  };
}
