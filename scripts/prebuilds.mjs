#!/usr/bin/env node
// `npm run prebuilds`: the prebuilt addons the package ships, all built on this Linux machine with
// Debian's compilers, into prebuilds/<platform>-<arch>/ under node-gyp-build's names:
//   linux-x64/numaccel.napi.glibc.node    g++                             glibc >= 2.17
//   linux-arm64/numaccel.napi.glibc.node  aarch64-linux-gnu-g++           glibc >= 2.17
//   win32-x64/numaccel.napi.node          x86_64-w64-mingw32-g++-posix    Windows 10+ x64
// The glibc tag keeps node-gyp-build from offering a Linux addon to a musl system (it reads the
// libc from tags in the file name: prebuildify's --tag-libc convention).
//
// Sources, defines and warning/FP flags come from binding.gyp, so the prebuilds compile exactly
// what `npx numaccel build-native` compiles (plus -fvisibility=hidden and section GC for a smaller
// file); what differs is how each target is linked:
// - Linux: libstdc++ linked in (its symbols hidden), and the glibc symbols bound to
//   their oldest versions (native/compat/glibc_compat.cc): the addon then needs no newer
//   libstdc++ than the system's and runs on glibc 2.17 and later (checked below with objdump).
// - Windows: Node-API imported from node.exe through an import library that dlltool makes from
//   node-api-headers' node_api.def, delay-loaded and resolved against the host process
//   (native/compat/win_delay_load_hook.cc), so a renamed host (Electron) works; mingw-w64's
//   posix thread model for std::thread; every runtime library linked in statically; and
//   -Wa,-muse-unaligned-vector-move (GCC bug 54412, see winFlags below).
//
//   node scripts/prebuilds.mjs [--target linux-arm64,win32-x64]   (default: all three)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPlatforms, packageDir } from './platforms.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'build', 'prebuilds');
const OLDEST_GLIBC = '2.17';

// GCC bug 54412: on x86-64 Windows GCC assumes 32- and 64-byte aligned stack slots for AVX spills
// but the Windows ABI only guarantees 16, so an aligned vmovapd/vmovaps on the stack can fault.
// The assembler's -muse-unaligned-vector-move (binutils >= 2.38) encodes every aligned vector
// move as the unaligned one (same speed on aligned data since Nehalem); verifyWindows() checks
// the result holds no aligned move. Applied to every file: only AVX code is at risk, the rest
// is unchanged in effect.
const winFlags = ['-Wa,-muse-unaligned-vector-move'];

/** The symbols native/compat/glibc_compat.cc binds to their oldest glibc version (or makes optional). */
const GLIBC_WRAPPED = [
  'pthread_create',
  'pthread_join',
  'pthread_once',
  'pthread_key_create',
  '__pthread_key_create',
  'pthread_mutex_trylock',
  'exp',
  'log',
  'dlsym',
  '__cxa_thread_atexit_impl',
];

const TARGETS = {
  'linux-x64': {
    file: 'numaccel.napi.glibc.node',
    cxx: 'g++',
    apt: 'g++',
    tools: 'x86_64-linux-gnu-',
    baseVersion: 'GLIBC_2.2.5', // x86-64's first symbol version
  },
  'linux-arm64': {
    file: 'numaccel.napi.glibc.node',
    cxx: 'aarch64-linux-gnu-g++',
    apt: 'g++-aarch64-linux-gnu',
    tools: 'aarch64-linux-gnu-',
    baseVersion: 'GLIBC_2.17', // AArch64's first glibc
  },
  'win32-x64': {
    file: 'numaccel.napi.node',
    cxx: 'x86_64-w64-mingw32-g++-posix',
    apt: 'g++-mingw-w64-x86-64',
    tools: 'x86_64-w64-mingw32-',
  },
};

/** binding.gyp's target: its sources, defines and flags. */
function gypTarget() {
  const gyp = JSON.parse(fs.readFileSync(path.join(ROOT, 'binding.gyp'), 'utf8'));
  const target = gyp.targets[0];
  return {
    sources: target.sources,
    defines: target.defines.map((d) => (d === 'NUMACCEL_BUILD_NODE_GYP' ? 'NUMACCEL_BUILD_PREBUILDS' : d)),
    cflags: [...target.cflags, ...target.cflags_cc, ...target.configurations.Release.cflags],
  };
}

/** Runs up to two compilers at a time (the machine has two cores, shared). */
async function runAll(commands) {
  const queue = [...commands];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const [cmd, ...args] = job;
      await new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.at(-1)} exited with ${code}`))));
      });
    }
  };
  await Promise.all([worker(), worker()]);
}

// A disassembly of the SIMD kernels runs to tens of megabytes: room for it.
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30 });

/** Compiles `sources` for one target into `dir`; returns the object files. */
async function compile(target, sources, flags, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const objects = sources.map((source) => path.join(dir, `${source.replace(/[/\\]/g, '_')}.o`));
  await runAll(sources.map((source, i) => [target.cxx, ...flags, '-c', '-o', objects[i], source]));
  return objects;
}

async function build(name) {
  const target = TARGETS[name];
  const gyp = gypTarget();
  const dir = path.join(WORK, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const napiInclude = path.join(packageDir('node-api-headers'), 'include');
  const addonApiInclude = path.resolve(ROOT, run('node', ['-p', "require('node-addon-api').include_dir"]).trim());
  const windows = name.startsWith('win32');
  const flags = [
    ...gyp.cflags,
    ...gyp.defines.map((d) => `-D${d}`),
    `-I${napiInclude}`,
    `-I${addonApiInclude}`,
    '-fvisibility=hidden',
    '-ffunction-sections',
    '-fdata-sections',
    ...(windows ? winFlags : ['-fPIC', '-pthread']),
  ];
  const out = path.join(ROOT, 'prebuilds', name, target.file);
  fs.rmSync(path.dirname(out), { recursive: true, force: true }); // no file of an earlier naming stays
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (windows) {
    const objects = await compile(target, [...gyp.sources, 'native/compat/win_delay_load_hook.cc'], flags, dir);
    const importLib = path.join(dir, 'node_api.delay.a');
    const def = path.join(packageDir('node-api-headers'), 'def', 'node_api.def');
    run(`${target.tools}dlltool`, ['-d', def, '-y', importLib, '-D', 'node.exe']);
    // -static: libstdc++, libgcc and winpthread inside the addon (no DLLs to ship beside it).
    run(target.cxx, ['-shared', '-o', out, ...objects, importLib, '-static', '-s', '-Wl,--gc-sections']);
    verifyWindows(target, out, objects);
  } else {
    const objects = await compile(target, [...gyp.sources, 'native/compat/glibc_compat.cc'], flags, dir);
    run(target.cxx, [
      '-shared',
      '-o',
      out,
      ...objects,
      '-pthread',
      // libstdc++ inside (a system's may be older than GCC 12's); libgcc_s stays shared: every
      // glibc system has it, and its static unwinder would need glibc 2.35's _dl_find_object.
      '-static-libstdc++',
      '-Wl,--exclude-libs,ALL', // the static libraries' symbols stay inside the addon
      '-Wl,--gc-sections',
      '-Wl,--as-needed',
      '-s',
      ...GLIBC_WRAPPED.map((symbol) => `-Wl,--wrap=${symbol}`),
    ]);
    verifyLinux(target, out);
  }
  console.log(`prebuilds: ${path.relative(ROOT, out)} (${fs.statSync(out).size} bytes)`);
}

const versionKey = (v) =>
  v
    .split('.')
    .map((n) => n.padStart(4, '0'))
    .join('.');

/** Fails unless the addon needs only glibc <= 2.17 and libraries every glibc system has. */
function verifyLinux(target, file) {
  const dynamic = run(`${target.tools}objdump`, ['-T', '-p', file]);
  const needed = [...dynamic.matchAll(/NEEDED\s+(\S+)/g)].map((m) => m[1]);
  const allowed = /^(libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|ld-linux-[\w-]+\.so\.\d)$/;
  const versions = [...new Set([...dynamic.matchAll(/\((GLIBC[A-Z]*_[\d.]+)\)/g)].map((m) => m[1]))];
  const tooNew = versions.filter((v) => !v.startsWith('GLIBC_') || versionKey(v.slice(6)) > versionKey(OLDEST_GLIBC));
  const badLibs = needed.filter((lib) => !allowed.test(lib));
  if (tooNew.length > 0 || badLibs.length > 0) {
    const lines = dynamic.split('\n').filter((line) => tooNew.some((v) => line.includes(`(${v})`)));
    throw new Error(
      `${file}: needs ${[...tooNew, ...badLibs].join(', ')} (glibc ${OLDEST_GLIBC} is the oldest to run on)\n${lines.join('\n')}`,
    );
  }
  // Every other undefined symbol must come from the host process: Node-API (a missing __wrap_
  // would otherwise surface only when the addon loads).
  const unresolved = [...dynamic.matchAll(/\*UND\*\s+\S+\s+(\S+)$/gm)].map((m) => m[1]).filter((s) => !s.startsWith('napi_'));
  if (unresolved.length > 0) throw new Error(`${file}: unversioned undefined symbols ${unresolved.join(', ')}`);
  if (!versions.includes(target.baseVersion)) throw new Error(`${file}: no ${target.baseVersion} symbol: not a glibc build?`);
}

/**
 * Fails if the addon imports a DLL besides Windows' own (node.exe must not be among them: GNU ld
 * leaves the PE delay-import directory entry empty, the thunks reach the descriptor directly, so
 * the delay-loaded name shows only as a string), or if an object holds an aligned vector move.
 * The platform tests load it in a renamed node.exe under wine.
 */
function verifyWindows(target, file, objects) {
  const headers = run(`${target.tools}objdump`, ['-p', file]);
  const dlls = [...headers.matchAll(/DLL Name: (\S+)/g)].map((m) => m[1].toLowerCase());
  const system = /^(kernel32|msvcrt|advapi32|user32|ntdll|api-ms-win-[\w-]+)\.dll$/;
  const foreign = dlls.filter((dll) => !system.test(dll));
  if (foreign.length > 0) throw new Error(`${file}: imports ${foreign.join(', ')}: only Windows' DLLs may be imported directly`);
  if (!fs.readFileSync(file).includes('node.exe')) throw new Error(`${file}: no delay-loaded node.exe`);
  for (const object of objects) {
    const aligned = run(`${target.tools}objdump`, ['-d', '--no-show-raw-insn', object])
      .split('\n')
      .filter((line) => /\tv?mov(ap[sd]|dqa(32|64)?)\s/.test(line));
    if (aligned.length > 0) throw new Error(`${object}: aligned vector moves left (GCC bug 54412):\n${aligned.slice(0, 5).join('\n')}`);
  }
}

const requested = process.argv.includes('--target') ? process.argv[process.argv.indexOf('--target') + 1].split(',') : Object.keys(TARGETS);
for (const name of requested)
  if (!(name in TARGETS)) throw new RangeError(`prebuilds: unknown target ${name}; known: ${Object.keys(TARGETS).join(', ')}`);
const absent = requested.filter((name) => spawnSync('sh', ['-c', `command -v ${TARGETS[name].cxx}`]).status !== 0);
if (absent.length > 0) {
  const packages = absent.map((name) => TARGETS[name].apt).join(' ');
  throw new Error(`prebuilds: no compiler for ${absent.join(', ')}: apt-get install ${packages}`);
}
installPlatforms();
for (const name of requested) await build(name);
