/**
 * Installing the packed tarball as a user would: into a fresh project, with no C++ compiler at all
 * (CC=false CXX=false), used from CommonJS, ES modules and strict TypeScript (module nodenext),
 * and degrading, with the cause recorded, when the prebuilt addon or the .wasm files are broken.
 *
 * Packing rebuilds the addon, so it is not done here, beside suites that load it: .ci/run packs
 * first and passes the tarball in NUMACCEL_TARBALL (`npm pack` then
 * `NUMACCEL_TARBALL=$PWD/numaccel-*.tgz npm test` does the same by hand). In CI a missing tarball
 * fails the run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { IN_CI } from './support/backends.js';

const TARBALL = process.env.NUMACCEL_TARBALL;
const NO_COMPILER = { CC: 'false', CXX: 'false' };

describe.runIf(TARBALL || IN_CI)('installing the packed package', () => {
  let project = '';
  const installed = () => path.join(project, 'node_modules', 'numaccel');

  function run(file: string, source: string, env: Record<string, string> = {}): string {
    fs.writeFileSync(path.join(project, file), source);
    const result = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8', env: { ...process.env, NUMACCEL_BACKEND: '', NUMACCEL_NATIVE_PATH: '', ...env } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
  }

  const PROBE = `
    const n = require('numaccel');
    const info = n.backendInfo();
    console.log(JSON.stringify({ prime: n.checkPrime(2n ** 61n - 1n), count: n.countPrimes(0, 1e6),
      selected: info.selected, backends: info.backends.map((b) => ({ name: b.name, available: b.available,
        error: b.error && b.error.message, cause: b.error && b.error.cause && (b.error.cause.code || b.error.cause.name) })) }));`;

  beforeAll(() => {
    expect(TARBALL, 'NUMACCEL_TARBALL: .ci/run packs the package before the tests').toBeTruthy();
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'numaccel-install-'));
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', TARBALL!], { cwd: project, env: { ...process.env, ...NO_COMPILER }, stdio: 'pipe' });
  }, 300_000);

  afterAll(() => {
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  it('ships compiled JavaScript, types, both .wasm builds, the C++ sources and a prebuilt linux-x64 addon', () => {
    for (const file of ['dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.mts', 'dist/cli/main.js', 'build-wasm/numaccel.wasm', 'build-wasm/numaccel-simd.wasm', 'binding.gyp', 'native/addon.cc']) {
      expect(fs.existsSync(path.join(installed(), file)), file).toBe(true);
    }
    expect(fs.readdirSync(path.join(installed(), 'prebuilds', 'linux-x64')).some((f) => f.endsWith('.node'))).toBe(true);
    expect(fs.existsSync(path.join(installed(), 'test')), 'tests stay out of the package').toBe(false);
  });

  it('installs with no compiler and runs native from the prebuilt addon', () => {
    const out = JSON.parse(run('probe.cjs', PROBE));
    expect(out).toMatchObject({ prime: true, count: 78498 });
    expect(out.backends).toEqual([
      { name: 'native', available: true },
      { name: 'wasm', available: true },
      { name: 'js', available: true },
    ]);
  });

  it('works from ES modules and from strict TypeScript (module nodenext), types included', () => {
    expect(run('probe.mjs', `import { checkPrime, greatCircle } from 'numaccel';\nconsole.log(checkPrime(97), greatCircle(0, 0, 0, 90, { radius: 2 }));`)).toBe(`true ${Math.PI}\n`);
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: false, outDir: 'out', types: [] }, include: ['*.mts', '*.cts'] }),
    );
    fs.writeFileSync(path.join(project, 'esm.mts'), `import { countPrimes, type GreatCircleOptions } from 'numaccel';\nconst options: GreatCircleOptions = { unit: 'km' };\nconst n: number = countPrimes(0, 100);\nconsole.log(n, options.unit);\n`);
    fs.writeFileSync(path.join(project, 'cjs.cts'), `import numaccel = require('numaccel');\nconst primes: Float64Array = numaccel.primesBetween(0, 10);\nconsole.log(Array.from(primes).join(','));\n`);
    const tsc = path.join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(run('out/esm.mjs', fs.readFileSync(path.join(project, 'out', 'esm.mjs'), 'utf8'))).toBe('25 km\n');
    expect(run('out/cjs.cjs', fs.readFileSync(path.join(project, 'out', 'cjs.cjs'), 'utf8'))).toBe('2,3,5,7\n');
  });

  it('degrades to WebAssembly when the prebuilt addon is corrupt, recording why', () => {
    const dir = path.join(installed(), 'prebuilds', 'linux-x64');
    const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.node'))!);
    const original = fs.readFileSync(file);
    try {
      fs.writeFileSync(file, 'not an ELF file');
      const out = JSON.parse(run('probe.cjs', PROBE));
      expect(out).toMatchObject({ prime: true, count: 78498 });
      expect(out.backends[0]).toMatchObject({ name: 'native', available: false, error: expect.stringMatching(/^numaccel: the native backend is not available: /) });
      expect(Object.values(out.selected)).not.toContain('native');
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('degrades to TypeScript when the .wasm files are missing, recording why', () => {
    const dir = path.join(installed(), 'build-wasm');
    const saved = path.join(project, 'saved-wasm');
    fs.renameSync(dir, saved);
    try {
      const out = JSON.parse(run('probe.cjs', PROBE, { NUMACCEL_NATIVE_PATH: '/nonexistent.node' }));
      expect(out).toMatchObject({ prime: true, count: 78498 });
      expect(out.backends[1]).toMatchObject({ name: 'wasm', available: false, cause: 'ENOENT' });
      expect(new Set(Object.values(out.selected))).toEqual(new Set(['js']));
    } finally {
      fs.renameSync(saved, dir);
    }
  });

  it('without a prebuild and without a compiler, the install still succeeds and says why native is missing', () => {
    fs.rmSync(path.join(installed(), 'prebuilds'), { recursive: true });
    const rebuilt = spawnSync('npm', ['rebuild', '--foreground-scripts', 'numaccel'], { cwd: project, encoding: 'utf8', env: { ...process.env, ...NO_COMPILER } });
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout + rebuilt.stderr).toMatch(/numaccel: the native addon was not built/);
    const out = JSON.parse(run('probe.cjs', PROBE));
    expect(out).toMatchObject({ prime: true, count: 78498 });
    expect(out.backends[0]).toMatchObject({ name: 'native', available: false, error: expect.stringMatching(/No native build was found/) });
  });
});
