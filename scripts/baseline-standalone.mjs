#!/usr/bin/env node
/**
 * Does the benchmark harness slow its plain-JS baseline down? Times the same haversine loop over
 * the same inputs three ways, each in a fresh Node process, in alternating order, for a few rounds:
 *
 *   standalone  dist/bench/baselines.js haversineInto, called from this plain script (no
 *               tinybench, no harness closures): warm-up runs, then timed runs;
 *   inline      the same loop copied into this script as a user would write it (checked to be
 *               the same code as the compiled function, whitespace aside);
 *   harness     the bench's own row (greatCircleMany-5M, other:haversine-loop), measured by its
 *               measurement child exactly as `numaccel bench` does, with the same warm-up and runs.
 *
 * A run is what the bench row's run is: the loop over `size` pairs into a preallocated array (or a
 * new one with --new-array) and the strideSum checksum. Prints ns per pair: per round the median
 * of its runs, and over all rounds the median of the round medians with their range and the IQR
 * of every run.
 *
 *   npx tsc -p tsconfig.json      # dist/ first
 *   nice node scripts/baseline-standalone.mjs [--size 1000000] [--runs 15] [--warmup 5] [--rounds 3] [--attempts 3] [--wait 0] [--new-array]
 *
 * Each measurement during which other processes used more than 0.15 cores is taken again (up to
 * --attempts times, the quietest kept), as the harness does; the CPU they used is printed.
 * --wait <ms>: before each measurement, wait up to that long for the machine to be quiet (as the
 * full bench run does, with 60 s).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => require(path.join(ROOT, 'dist', 'bench', file));
/** Others' CPU use above which a measurement is taken again (measure.ts's BUSY_CORES). */
const BUSY_CORES = 0.15;

/** The loop of src/bench/baselines.ts, as a user writes it in a plain script. */
function haversineInto(lon1, lat1, lon2, lat2, radius, out) {
  const rad = Math.PI / 180;
  const halfRad = Math.PI / 360;
  const diameter = 2 * radius;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = lat1[i];
    const b = lat2[i];
    const sLat = Math.sin((b - a) * halfRad);
    const sLon = Math.sin((lon2[i] - lon1[i]) * halfRad);
    const h = sLat * sLat + Math.cos(a * rad) * Math.cos(b * rad) * sLon * sLon;
    out[i] = diameter * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}

function options(argv) {
  const value = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return {
    size: value('--size', 1_000_000),
    runs: value('--runs', 15),
    warmup: value('--warmup', 5),
    rounds: value('--rounds', 3),
    attempts: value('--attempts', 3),
    waitMs: value('--wait', 0),
    newArray: argv.includes('--new-array'),
  };
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function quantile(ascending, q) {
  const at = (ascending.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, ascending.length - 1);
  return ascending[below] + (ascending[above] - ascending[below]) * (at - below);
}

/** In a fresh process: warm-up, then `runs` timed runs of the loop (`which`: standalone or inline). */
function child(which, { size, runs, warmup, newArray }) {
  const { pairs, strideSum, RADIUS } = dist('inputs.js');
  const loop = which === 'inline' ? haversineInto : dist('baselines.js').haversineInto;
  const [lon1, lat1, lon2, lat2] = pairs(size);
  const preallocated = newArray ? undefined : new Float64Array(size);
  const run = () => {
    const out = preallocated ?? new Float64Array(size);
    loop(lon1, lat1, lon2, lat2, RADIUS, out);
    return strideSum(out);
  };
  let checksum = 0;
  for (let i = 0; i < warmup; i++) checksum = run();
  const timesMs = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    checksum = run();
    timesMs.push(performance.now() - started);
  }
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ timesMs, checksum, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
}

/** Busy CPU time of the whole machine so far, in ms (Linux /proc/stat), as measure.ts reads it. */
function machineBusyMs() {
  try {
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return undefined;
  }
}

/** One standalone measurement in a fresh process, with the CPU other processes used meanwhile (in cores). */
function childOnce(which, opts) {
  const busyBefore = machineBusyMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', which, JSON.stringify(opts)], {
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  const busyAfter = machineBusyMs();
  if (result.status !== 0) throw new Error(`${which} child failed: ${result.stderr}`);
  const out = JSON.parse(result.stdout.trim().split('\n').pop());
  if (busyBefore === undefined || busyAfter === undefined) return out;
  return { ...out, othersCores: +(Math.max(0, busyAfter - busyBefore - out.cpuMs) / wallMs).toFixed(3) };
}

/** As the harness does (measure.ts): measured again, up to `attempts` times, while others used the CPU; the quietest kept. */
function inChild(which, opts) {
  let best;
  for (let attempt = 0; attempt < opts.attempts; attempt++) {
    const result = childOnce(which, opts);
    if (!best || (result.othersCores ?? 0) < (best.othersCores ?? 0)) best = result;
    if ((result.othersCores ?? 0) <= BUSY_CORES) break;
  }
  return best;
}

function inHarness({ size, runs, warmup, newArray, attempts }) {
  const { measureInChild } = dist('measure.js');
  const spec = {
    case: 'greatCircleMany-5M',
    target: newArray ? 'other:haversine-loop-new-array' : 'other:haversine-loop',
    size,
    iterations: runs,
    time: 0,
    warmupIterations: warmup,
    warmupTime: 0,
  };
  const result = measureInChild(spec, { attempts, waitMs: 0 });
  if (result.timesMs.length === 0) throw new Error('the harness kept no samples (more than 64 runs?)');
  return { timesMs: result.timesMs, checksum: result.checksum, othersCores: result.othersCores };
}

function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], JSON.parse(argv[2]));
  const opts = options(argv);
  const same = (f) => f.toString().replace(/\s+/g, ' ');
  if (same(dist('baselines.js').haversineInto) !== same(haversineInto)) {
    throw new Error(
      "this script's copy of haversineInto is not the code of dist/bench/baselines.js: copy it again (npx tsc -p tsconfig.json first)",
    );
  }
  const ways = ['standalone', 'inline', 'harness'];
  const measured = Object.fromEntries(ways.map((way) => [way, { medians: [], all: [], checksums: new Set(), busy: [] }]));
  const nsPerPair = (ms) => (ms * 1e6) / opts.size;
  console.log(
    `haversine loop, ${opts.size.toLocaleString('en-US')} pairs, ${opts.newArray ? 'new result array' : 'preallocated result'}: ${opts.warmup} warm-up runs, ${opts.runs} timed runs, ${opts.rounds} rounds; ns per pair`,
  );
  for (let round = 0; round < opts.rounds; round++) {
    // Rotate the order, so that no way always runs first (or last) in a round.
    const order = ways.map((_, i) => ways[(i + round) % ways.length]);
    const line = [];
    for (const way of order) {
      if (opts.waitMs > 0) dist('measure.js').waitForQuiet(opts.waitMs);
      const result = way === 'harness' ? inHarness(opts) : inChild(way, opts);
      const ns = result.timesMs.map(nsPerPair);
      const median = quantile(sorted(ns), 0.5);
      const m = measured[way];
      m.medians.push(median);
      m.all.push(...ns);
      m.checksums.add(result.checksum);
      if (result.othersCores !== undefined) m.busy.push(result.othersCores);
      line.push(`${way} ${median.toFixed(1)}${result.othersCores === undefined ? '' : ` (others ${result.othersCores.toFixed(2)} cores)`}`);
    }
    console.log(`round ${round + 1}: ${line.join(', ')}`);
  }
  for (const way of ways) {
    const { medians, all, checksums, busy } = measured[way];
    const m = sorted(medians);
    const a = sorted(all);
    const busyNote = busy.length ? `; others used up to ${Math.max(...busy).toFixed(2)} cores` : '';
    console.log(
      `${way.padEnd(10)} median ${quantile(m, 0.5).toFixed(1)} (rounds ${m[0].toFixed(1)}–${m.at(-1).toFixed(1)}); all ${a.length} runs: IQR ${quantile(a, 0.25).toFixed(1)}–${quantile(a, 0.75).toFixed(1)}, min ${a[0].toFixed(1)}${busyNote}`,
    );
    if (checksums.size !== 1) console.log(`  ${way}: the checksum differs between rounds: ${[...checksums].join(', ')}`);
  }
  const checksums = new Set(ways.flatMap((way) => [...measured[way].checksums]));
  console.log(
    checksums.size === 1
      ? `checksum ${[...checksums][0]} in every process: the same work`
      : `CHECKSUMS DIFFER: ${[...checksums].join(', ')}`,
  );
}

main();
