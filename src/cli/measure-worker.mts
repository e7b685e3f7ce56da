/**
 * Child process of measure.ts: `node measure-worker.mjs <workload> <samples>`, with the backend
 * chosen by NUMACCEL_BACKEND. Prints one JSON line with the median time per run.
 */
import { Bench } from 'tinybench';
import * as numaccel from '../index.js';
import { WORKLOADS, type WorkloadName } from './workloads.js';

async function main(): Promise<void> {
  const [name, samplesArgument] = process.argv.slice(2) as [WorkloadName, string];
  const workload = WORKLOADS[name];
  if (!workload) throw new Error(`unknown workload ${name}; known: ${Object.keys(WORKLOADS).join(', ')}`);
  const run = workload.prepare(numaccel);
  let checksum = 0;
  const bench = new Bench({ iterations: Number(samplesArgument), time: 0, warmupIterations: 1, warmupTime: 0 });
  bench.add(name, () => {
    checksum = run();
  });
  const [task] = await bench.run();
  const result = task!.result;
  if (result.state !== 'completed') throw result.state === 'errored' ? result.error : new Error(`benchmark ${result.state}`);
  const { p50, min, max, samplesCount } = result.latency;
  console.log(JSON.stringify({ medianMs: p50, minMs: min, maxMs: max, samples: samplesCount, checksum }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
