/**
 * The measurement child of measure.ts: `node measure-worker.mjs '<spec JSON>'` times one case on
 * one target in this fresh process, and prints one JSON line (tinybench median and spread,
 * checksum, and what `auto` served or how accurate a great-circle implementation is).
 *
 * Targets: `auto` (the package's facade, exactly as a user's process gets it), `js`,
 * `native:<variant>` and `wasm:<variant>` (one build or SIMD variant, bound with createApi), and
 * `other:<id>` (a peer library or baseline of the case).
 */
import { Bench } from 'tinybench';
import { createApi, routesToOneBackend } from '../api.js';
import { createAsyncApi } from '../async.js';
import { loadNodeBuild, nodePlatform } from '../platform/node.js';
import type { AngleFunction, BenchApi, Run } from './case-types.js';
import { findCase } from './cases.js';
import { geodesicAccuracy, type GeodesicDistances } from './geodesic-accuracy.js';
import { readReference } from './inputs.js';
import { quantile, type MeasureSpec, type WorkerResult } from './measure.js';
import { servedLabel, servingRoute } from './results.js';

/** One configuration for every call: the pool of worker threads is per configuration, and is reused. */
const POOL_CONFIG = {};

/** Mean Earth radius (IUGG), for errors in metres. */
const EARTH_RADIUS_M = 6_371_008.8;

async function apiFor(target: string): Promise<{ api: BenchApi; served?: (route: string) => string }> {
  if (target === 'auto') {
    const facade = await import('../index.js');
    const served = (route: string) => {
      const build = facade.backendInfo().selected[route as keyof ReturnType<typeof facade.backendInfo>['selected']];
      return build ? servedLabel(build) : 'nothing';
    };
    return { api: facade, served };
  }
  // Routes built once: the facade's functions ask for them on every call.
  const routes = routesToOneBackend(loadNodeBuild(target));
  return {
    api: {
      ...createApi(() => routes),
      ...createAsyncApi(
        () => routes,
        () => nodePlatform,
        () => POOL_CONFIG,
      ),
    },
  };
}

/** The worst error against the exact central angles, in metres on the Earth, and how many results were not finite. */
function accuracy(angle: AngleFunction, file: string): NonNullable<WorkerResult['accuracy']> {
  let worst = 0;
  let nonFinite = 0;
  for (const [lon1, lat1, lon2, lat2, exact] of readReference(file)) {
    const got = angle(lon1!, lat1!, lon2!, lat2!);
    if (!Number.isFinite(got)) nonFinite++;
    else worst = Math.max(worst, Math.abs(got - exact!));
  }
  return { worstMetres: worst * EARTH_RADIUS_M, nonFinite };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]!) as MeasureSpec;
  const kase = findCase(spec.case);
  let run: Run;
  let served: string | undefined;
  let angle: AngleFunction | undefined;
  let geodesic: GeodesicDistances | undefined;
  if (spec.target.startsWith('other:')) {
    const other = kase.others?.[spec.target.slice('other:'.length)];
    if (!other?.prepare) throw new Error(`case ${kase.id} has no runnable ${spec.target}`);
    run = other.prepare(spec.size);
    angle = other.angle?.();
    geodesic = other.geodesic?.();
  } else {
    const target = await apiFor(spec.target);
    run = kase.prepare(target.api, spec.size);
    const route = servingRoute(kase);
    if (target.served && route) served = target.served(route);
    angle = kase.angle?.(target.api);
    geodesic = kase.geodesic?.(target.api);
  }

  let checksum = NaN;
  const bench = new Bench({
    iterations: spec.iterations,
    time: spec.time,
    warmupIterations: spec.warmupIterations,
    warmupTime: spec.warmupTime,
    warmup: spec.warmupIterations > 0,
    retainSamples: true,
  });
  // A sync run is timed without an await around it.
  if (kase.async && !spec.target.startsWith('other:')) {
    bench.add(kase.id, async () => {
      checksum = await run();
    });
  } else {
    bench.add(kase.id, () => {
      checksum = run() as number;
    });
  }
  // The first call of this fresh process, reported beside the steady state (tinybench's warm-up
  // and samples come after it).
  const started = performance.now();
  checksum = await run();
  const firstMs = performance.now() - started;
  const [task] = await bench.run();
  const result = task!.result;
  if (result.state !== 'completed') throw result.state === 'errored' ? result.error : new Error(`benchmark ${result.state}`);
  const { p50, min, max, samplesCount, samples } = result.latency;
  const sorted = [...(samples ?? [p50])];
  const out: WorkerResult = {
    medianMs: p50,
    minMs: min,
    maxMs: max,
    q1Ms: quantile(sorted, 0.25),
    q3Ms: quantile(sorted, 0.75),
    p90Ms: quantile(sorted, 0.9),
    firstMs,
    samples: samplesCount,
    timesMs: samplesCount <= 64 ? sorted : [],
    checksum,
    ...(served ? { served } : {}),
    ...(angle && spec.reference ? { accuracy: accuracy(angle, spec.reference) } : {}),
    ...(geodesic && spec.geodesicReference ? { geodesicAccuracy: geodesicAccuracy(geodesic, spec.geodesicReference) } : {}),
  };
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ...out, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
