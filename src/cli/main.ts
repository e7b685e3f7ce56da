#!/usr/bin/env node
/**
 * The `numaccel` command: try the kernels from a terminal. Every command takes --json for
 * machine-readable output on stdout; errors are one line on stderr and a non-zero exit code.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import * as numaccel from '../index.js';
import type { DistanceUnit } from '../index.js';
import { validateRange } from '../arguments.js';
import { type GlobalOptions, UsageError, optionDecimal, optionInteger, parseDecimal, parseInteger, printJson } from './common.js';
import { registerGeodesicCommands } from './geodesic-commands.js';

const { version } = require('../../package.json') as { version: string };

/** Exit codes: 1 for a bad argument or a failed command, 130 after Ctrl-C (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

// ---------------------------------------------------------------------------------------------
// Output

/** Writes to stdout, waiting when the pipe is full; a closed pipe (`| head`) ends the program quietly. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Ctrl-C aborts the running job instead of killing the process mid-write. */
function interruptible(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

/** A progress bar on stderr, drawn only when stderr is a terminal. */
function progressBar(label: string): { update(fraction: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {eta_formatted} left`,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(1000, 0);
  return { update: (fraction) => bar.update(Math.round(fraction * 1000)), stop: () => bar.stop() };
}

// ---------------------------------------------------------------------------------------------
// Commands

function info(options: GlobalOptions): void {
  const state = numaccel.backendInfo();
  const summary = {
    version,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown'}`,
    threads: Number(process.env.NUMACCEL_THREADS) || os.availableParallelism(),
    mode: state.mode,
    selected: state.selected,
    backends: state.backends.map((b) => ({ name: b.name, available: b.available, build: b.id })),
    builds: state.builds.map((b) => ({
      id: b.id,
      state: b.state,
      ...(b.features ? { features: b.features } : {}),
      ...(b.error ? { error: b.error.message } : {}),
    })),
    measurements: state.measurements,
  };
  if (options.json) return printJson(summary);
  console.log(`numaccel ${version} on Node ${summary.node}, ${summary.platform}, ${summary.cpu}; ${summary.threads} threads`);
  console.log(`\nbackends (priority order) and the build each uses by default:`);
  for (const b of summary.backends)
    console.log(
      `  ${b.name.padEnd(7)} ${b.available ? b.build : `missing: ${state.backends.find((x) => x.name === b.name)?.error?.message}`}`,
    );
  console.log(`\nbuilds (priority order):`);
  for (const b of summary.builds)
    console.log(`  ${b.id.padEnd(14)} ${b.state === 'idle' ? 'not loaded (loads when forced)' : b.state}${b.error ? `: ${b.error}` : ''}`);
  console.log(`\nmode ${summary.mode}; the build serving each function:`);
  for (const [route, backend] of Object.entries(summary.selected)) console.log(`  ${route.padEnd(18)} ${backend}`);
  if (state.error) console.log(`\n${state.error.message}`);
  console.log(
    `\nauto follows measurements taken on ${state.measurements.machine || 'no machine'} (${state.measurements.date || 'never'}).`,
  );
}

async function primePi(text: string, options: GlobalOptions): Promise<void> {
  const x = parseInteger('pi: x', text);
  if (typeof x !== 'number' || x < 0) throw new UsageError(`pi: x must be an integer in [0, 2^53 - 1], got ${text}`);
  const hi = x + 1;
  const bar = progressBar('counting');
  try {
    const count = await numaccel.countPrimesAsync(0, hi, { threads: options.threads, signal: interruptible(), onProgress: bar.update });
    bar.stop();
    if (options.json) printJson({ x: String(x), pi: count });
    else console.log(count);
  } catch (error) {
    bar.stop();
    throw error;
  }
}

async function nth(text: string, options: GlobalOptions): Promise<void> {
  const n = parseInteger('nth: n', text);
  const prime = await numaccel.nthPrimeAsync(n, { signal: interruptible() });
  if (options.json) printJson({ n: String(n), prime });
  else console.log(prime);
}

function neighbour(which: 'next' | 'prev', text: string, options: GlobalOptions): void {
  const n = parseInteger(`${which}: n`, text);
  const prime = which === 'next' ? numaccel.nextPrime(n) : numaccel.prevPrime(n);
  if (options.json) printJson({ n: String(n), [which]: String(prime) });
  else console.log(String(prime));
}

function prime(values: string[], options: GlobalOptions): void {
  const results = values.map((text) => {
    const n = parseInteger('prime: n', text);
    return { n: String(n), prime: numaccel.checkPrime(n) };
  });
  if (options.json) return printJson(results);
  for (const { n, prime: isPrime } of results) console.log(`${n} is ${isPrime ? '' : 'not '}prime`);
}

/** Integers per window when listing: each window's primes are printed before the next is sieved. */
const LISTING_WINDOW = 2 ** 24;

async function primes(loText: string, hiText: string, command: { count?: boolean }, options: GlobalOptions): Promise<void> {
  // Validated here, under the command's name, before choosing to count or to list.
  const [low, high] = validateRange('primes', parseInteger('primes: lo', loText), parseInteger('primes: hi', hiText));
  const signal = interruptible();
  const bar = progressBar(command.count ? 'counting' : 'listing');
  const threads = options.threads;
  try {
    if (command.count) {
      const count = await numaccel.countPrimesAsync(low, high, { threads, signal, onProgress: bar.update });
      bar.stop();
      if (options.json) printJson({ lo: String(low), hi: String(high), count });
      else console.log(count);
      return;
    }
    // Listed window by window, so that memory stays bounded whatever the range.
    if (options.json) await write(`{\n  "lo": "${low}",\n  "hi": "${high}",\n  "primes": [`);
    let first = true;
    for (let start = low; start < high; start += LISTING_WINDOW) {
      const end = Math.min(start + LISTING_WINDOW, high);
      const found = await numaccel.primesBetweenAsync(start, end, {
        threads,
        signal,
        onProgress: (fraction) => bar.update((start - low + fraction * (end - start)) / (high - low)),
      });
      if (found.length === 0) continue;
      const text = Array.from(found).join(options.json ? ', ' : '\n');
      await write(options.json ? `${first ? '' : ','}\n    ${text}` : `${text}\n`);
      first = false;
    }
    if (options.json) await write(`${first ? '' : '\n  '}]\n}\n`);
    bar.stop();
  } catch (error) {
    bar.stop();
    throw error;
  }
}

function distance(args: string[], command: { unit?: DistanceUnit; radius?: number }, options: GlobalOptions): void {
  const [lon1, lat1, lon2, lat2] = (['lon1', 'lat1', 'lon2', 'lat2'] as const).map((name, i) =>
    parseDecimal(`distance: ${name}`, args[i]!),
  ) as [number, number, number, number];
  const geo = {
    ...(command.unit !== undefined ? { unit: command.unit } : {}),
    ...(command.radius !== undefined ? { radius: command.radius } : {}),
  };
  const result = numaccel.greatCircle(lon1, lat1, lon2, lat2, geo);
  const unit = command.unit ?? (command.radius !== undefined ? `radius-${command.radius} units` : 'mi (radius 3956)');
  if (options.json)
    return printJson({
      from: [lon1, lat1],
      to: [lon2, lat2],
      distance: result,
      ...(command.radius !== undefined ? { radius: command.radius } : { unit: command.unit ?? 'mi' }),
    });
  console.log(`${result} ${unit}`);
}

// ---------------------------------------------------------------------------------------------

const program = new Command('numaccel')
  .description('Native-accelerated numeric kernels: primality, prime sieving, great-circle distances and geodesics on the ellipsoid')
  .version(version)
  .option('--backend <name>', 'auto, native, wasm or js (default: NUMACCEL_BACKEND, else auto)')
  .option(
    '--threads <n>',
    'threads for counting and listing primes (default: NUMACCEL_THREADS, else all cores)',
    optionInteger('--threads'),
  )
  .option('--json', 'machine-readable output on stdout')
  .showHelpAfterError('(run numaccel --help for usage)')
  .hook('preAction', (command) => {
    const { backend } = command.opts<GlobalOptions>();
    if (backend !== undefined) numaccel.setBackend(backend);
  });

program
  .command('info')
  .description('version, backends (available or why not, variant), what auto selected, CPU, threads')
  .action(() => info(program.opts()));

program
  .command('prime')
  .description('say for each integer whether it is prime (exact up to 2^64 - 1)')
  .argument('<n...>', 'integers')
  .action((values: string[]) => prime(values, program.opts()));

program
  .command('primes')
  .description('list the primes in [lo, hi) one per line, or count them (0 <= lo <= hi <= 2^53)')
  .argument('<lo>', 'lower bound, included')
  .argument('<hi>', 'upper bound, excluded')
  .option('--count', 'print how many there are instead of listing them')
  .action((lo: string, hi: string, command: { count?: boolean }) => primes(lo, hi, command, program.opts()));

program
  .command('pi')
  .description('π(x): how many primes are at most x (0 <= x < 2^53; Deléglise–Rivat, seconds near 2^53)')
  .argument('<x>', 'an integer, e.g. 1e15')
  .action((x: string) => primePi(x, program.opts()));

program
  .command('nth')
  .description('the n-th prime: nth 1 is 2 (every prime below 2^53)')
  .argument('<n>', 'an integer from 1')
  .action((n: string) => nth(n, program.opts()));

program
  .command('next')
  .description('the smallest prime greater than n (up to 2^64)')
  .argument('<n>', 'an integer')
  .action((n: string) => neighbour('next', n, program.opts()));

program
  .command('prev')
  .description('the largest prime less than n (n >= 3, up to 2^64)')
  .argument('<n>', 'an integer')
  .action((n: string) => neighbour('prev', n, program.opts()));

program
  .command('distance')
  .description('great-circle distance between two points given in degrees, longitude first')
  .argument('<lon1>')
  .argument('<lat1>')
  .argument('<lon2>')
  .argument('<lat2>')
  .option('--unit <unit>', 'km, m, mi or nmi on the IUGG mean Earth radius (default: miles, on the default radius, 3956)')
  .option('--radius <R>', 'sphere radius; the distance comes out in its unit', optionDecimal('--radius'))
  .action((lon1: string, lat1: string, lon2: string, lat2: string, command: { unit?: DistanceUnit; radius?: number }) =>
    distance([lon1, lat1, lon2, lat2], command, program.opts()),
  );

registerGeodesicCommands(program, () => program.opts<GlobalOptions>());

program
  .command('build-native')
  .description(
    'compile the native addon for this machine with node-gyp (needs a C++17 compiler and Python); the prebuilt addons (linux-x64, linux-arm64, win32-x64) need no build',
  )
  .action(() => {
    const result = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts', 'build-native.js')], { stdio: 'inherit' });
    process.exitCode = result.status ?? 1;
  });

program
  .command('bench')
  .description(
    'the benchmarks: the classic experiments (primes below 10^6, 5,000,000 distances, the 4000 × 4000 matrix) and every kernel on every build and auto, beside peers (npm run bench; npm start runs the shorter tour)',
  )
  .option('--quick', 'fewer samples, smaller linear jobs (scaled), no 10^10 sieve (164 s on a 2-core VM)')
  .option('--markdown <file>', 'also write the results as Markdown')
  .option('--svg <file>', 'also write the chart (speed-up per workload and backend, log scale) as SVG')
  .option(
    '--select <file>',
    'write the table auto follows, derived from this run, to <file>, and measure again the auto rows it routes differently (the library uses it where NUMACCEL_SELECTION or configure({ selection }) names it)',
  )
  .option('--only <cases>', 'measure only these cases (comma-separated ids, as in --json output)')
  .option('--from <file>', 'render a saved --json run instead of measuring')
  .action(async (command: { quick?: boolean; markdown?: string; svg?: string; select?: string; only?: string; from?: string }) => {
    // Loaded here, so that the other commands load nothing of the benchmark.
    const { runBench } = await import('../bench/run.js');
    await runBench({ ...command, json: program.opts<GlobalOptions>().json === true });
  });

program
  .command('tour')
  .description(
    "what npm start runs: the seed's experiments and the other kernel families on every backend and through auto, beside the seed's figures and the peers, in one table (about half a minute; the full benchmark is bench)",
  )
  .action(async () => {
    // Loaded here, as the bench is, so that the other commands load nothing of the benchmark.
    const { tour } = await import('./tour.js');
    await tour({ json: program.opts<GlobalOptions>().json === true });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof Error && error.name === 'AbortError') {
    process.stderr.write('numaccel: interrupted\n');
    process.exit(EXIT_INTERRUPTED);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`numaccel: ${message.replace(/^numaccel: /, '')}\n`);
  process.exit(1);
});
