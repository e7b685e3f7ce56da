/**
 * A measuring thread of the tour (src/cli/tour.ts): one per column (a forced backend, or `auto`)
 * for the whole tour, and one per peer for a workload. Each target gets an isolate of its own, so
 * that V8's type feedback at the call sites the targets share (the bench's loops, the facade's
 * calls into the kernels) is what a user's process gives it, not a mix of every backend's.
 *
 * Messages: { kind: 'prepare', workload, size } builds the inputs and the run (untimed);
 * { kind: 'run' } times one run; { kind: 'drop' } lets the inputs go. Each is answered with one
 * message: { ok, served? } (the build serving the run), { ms, value }, or { error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as numaccel from '../index.js';
import type { Route } from '../index.js';
import type { BenchApi, Run } from '../bench/case-types.js';
import { findCase } from '../bench/cases.js';
import { servedLabel, servingRoute } from '../bench/results.js';
import { WORKLOADS, peerOf } from './tour-workloads.js';

/** What a thread measures: a column, or one peer of one workload. */
export type TourWorkerData = { readonly target: 'native' | 'wasm' | 'js' | 'auto' } | { readonly workload: number; readonly peer: number };
export type TourRequest =
  | { readonly kind: 'prepare'; readonly workload: number; readonly size: number }
  | { readonly kind: 'run' | 'drop' };
export type TourReply =
  | { readonly ok: true; readonly served?: string }
  | { readonly ms: number; readonly value: number }
  | { readonly error: string };

const data = workerData as TourWorkerData;
let api: BenchApi | undefined;
let run: Run | undefined;

function target(): BenchApi {
  if (!('target' in data)) throw new Error('a peer thread has no numaccel API');
  if (data.target === 'auto') {
    // A forced mode in the environment must not leak into the column named auto.
    numaccel.setBackend('auto');
    return numaccel;
  }
  return numaccel.withBackend(data.target);
}

async function answer(request: TourRequest): Promise<TourReply> {
  switch (request.kind) {
    case 'prepare': {
      const workload = WORKLOADS[request.workload]!;
      const kase = findCase(workload.case);
      if ('target' in data) {
        api ??= target();
        run = kase.prepare(api, request.size);
        // The build serving the run: auto's choice for the case's route, or the forced backend's default build.
        const info = numaccel.backendInfo();
        const route = servingRoute(kase) as Route | undefined;
        const build =
          data.target === 'auto' ? route && info.selected[route] : info.backends.find((b) => b.name === data.target && b.available)?.id;
        return build ? { ok: true, served: servedLabel(build) } : { ok: true };
      }
      run = peerOf(workload, kase, data.peer).prepare!(request.size);
      return { ok: true };
    }
    case 'run': {
      if (!run) throw new Error('nothing prepared');
      const started = performance.now();
      const result = run();
      // A synchronous run is timed without an await.
      const value = typeof result === 'number' ? result : await result;
      return { ms: performance.now() - started, value };
    }
    case 'drop':
      run = undefined;
      return { ok: true };
  }
}

parentPort!.on('message', (request: TourRequest) => {
  answer(request).then(
    (reply) => parentPort!.postMessage(reply),
    (error: unknown) => parentPort!.postMessage({ error: (error instanceof Error ? error.message : String(error)).split('\n')[0]! }),
  );
});
