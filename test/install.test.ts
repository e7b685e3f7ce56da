/**
 * Installing the packed tarball as a user would, each into a fresh project: `npm install` with no
 * C++ compiler at all (CC=false CXX=false), `npm install --ignore-scripts`, `pnpm add` (pnpm's
 * default settings, which refuse unapproved build scripts) and `bun add` (which blocks them), then
 * the known-answer probe in Node: on linux-x64 native loads from the prebuilt addon whatever the
 * package manager did about scripts. On the --ignore-scripts project: the shipped files, ES modules
 * and strict TypeScript (module nodenext), and degrading, with the cause recorded, when the
 * prebuilt addon or the .wasm files are broken or missing, and `npx numaccel build-native` without
 * a compiler.
 *
 * Packing rebuilds the addon, so it is not done here, beside suites that load it: .ci/run packs
 * first and passes the tarball in NUMACCEL_TARBALL (`npm pack --pack-destination /tmp/pack` then
 * `NUMACCEL_TARBALL=/tmp/pack/numaccel-0.1.0.tgz npm run test:everywhere` does the same by hand).
 * Outside CI a missing tarball or package manager skips, naming it; in CI it fails. pnpm and bun
 * fetch numaccel's dependencies from the npm registry, with their store and caches in the project.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { IN_CI } from './support/backends.js';
import {
  ESM_SCRIPT,
  TARBALL,
  TOOLS,
  cleanEnv,
  exec,
  missing,
  npmInstall,
  onceForAll,
  probeOutput,
  tarball,
  tempProject,
  writeProbe,
  type Ran,
} from './runtime/consumer.js';
import { expectProbe } from './runtime/expected.js';

const NO_COMPILER = { CC: 'false', CXX: 'false' };
const INSTALL_TIMEOUT = 180_000;
const RUN_TIMEOUT = 45_000;
const ALL = ['native', 'wasm', 'js'];

/** backendInfo() in short, printed as JSON by a CommonJS script. */
const INFO = `
  const n = require('numaccel');
  const info = n.backendInfo();
  console.log(JSON.stringify({ prime: n.checkPrime(2n ** 61n - 1n), count: n.countPrimes(0, 1e6), selected: info.selected,
    backends: info.backends.map((b) => ({ name: b.name, id: b.id, state: b.state, available: b.available,
      error: b.error && b.error.message, cause: b.error && b.error.cause && (b.error.cause.code || b.error.cause.name) })) }));`;

interface Info {
  prime: boolean;
  count: number;
  selected: Record<string, string>;
  backends: Array<{ name: string; id: string; state: string; available: boolean; error?: string; cause?: string }>;
}

/** The probe in Node in `project`, checked; and native from prebuilds/ (nothing was compiled there). */
async function expectProbeWithPrebuiltNative(project: string): Promise<void> {
  const ran = await exec(process.execPath, [ESM_SCRIPT], { cwd: project, env: cleanEnv(), timeout: RUN_TIMEOUT });
  expectProbe(probeOutput(ran), { platform: 'node', backends: ALL });
  const installed = fs.realpathSync(path.join(project, 'node_modules', 'numaccel'));
  expect(fs.existsSync(path.join(installed, 'build')), 'no addon was compiled: native is the prebuilt one').toBe(false);
}

describe.skipIf(!TARBALL && !IN_CI)('installing the packed package (needs NUMACCEL_TARBALL outside CI)', () => {
  const projects: string[] = [];
  const fresh = (name: string) => {
    const project = tempProject(name);
    projects.push(project);
    return project;
  };

  afterAll(() => {
    for (const project of projects) fs.rmSync(project, { recursive: true, force: true });
  });

  describe('npm install --ignore-scripts, with no compiler', () => {
    // One project for the checks below; when its install fails, each of them fails with the output.
    const install = onceForAll(async () => {
      const dir = fresh('install-npm');
      const ran = await npmInstall(dir, ['--ignore-scripts'], NO_COMPILER, INSTALL_TIMEOUT);
      if (ran.status !== 0) throw new Error(`npm install --ignore-scripts of the tarball failed\n${ran.output}`);
      writeProbe(dir);
      return dir;
    });
    let project = '';
    beforeEach(() => {
      project = install.get();
    });
    const installed = () => path.join(project, 'node_modules', 'numaccel');

    function run(file: string, source: string, env: Record<string, string> = {}): Promise<Ran> {
      fs.writeFileSync(path.join(project, file), source);
      return exec(process.execPath, [file], { cwd: project, env: cleanEnv(env), timeout: RUN_TIMEOUT });
    }
    async function output(file: string, source: string, env: Record<string, string> = {}): Promise<string> {
      const ran = await run(file, source, env);
      expect(ran.stderr, ran.output).toBe('');
      expect(ran.status, ran.output).toBe(0);
      return ran.stdout;
    }
    const info = async (env: Record<string, string> = {}): Promise<Info> => JSON.parse(await output('info.cjs', INFO, env)) as Info;

    beforeAll(install.run, INSTALL_TIMEOUT);

    it('ships compiled JavaScript, types, both .wasm builds, the C++ sources and a prebuilt linux-x64 addon', () => {
      for (const file of [
        'dist/index.js',
        'dist/index.mjs',
        'dist/workerd.mjs',
        'dist/browser.mjs',
        'dist/index.d.ts',
        'dist/index.d.mts',
        'dist/cli/main.js',
        'build-wasm/numaccel.wasm',
        'build-wasm/numaccel-simd.wasm',
        'native/addon.cc',
        'native/binding.gyp',
        'scripts/build-native.js',
      ]) {
        expect(fs.existsSync(path.join(installed(), file)), file).toBe(true);
      }
      // A binding.gyp at the root would be an implicit `node-gyp rebuild` install script.
      expect(fs.existsSync(path.join(installed(), 'binding.gyp')), 'binding.gyp at the root').toBe(false);
      // npm run prebuilds: node-gyp-build's tags keep the Linux ones from a musl system.
      for (const file of ['linux-x64/numaccel.napi.glibc.node', 'linux-arm64/numaccel.napi.glibc.node', 'win32-x64/numaccel.napi.node'])
        expect(fs.existsSync(path.join(installed(), 'prebuilds', file)), file).toBe(true);
      // Of test/, only the reference data the bench reads ships.
      const shipped = fs.readdirSync(path.join(installed(), 'test'), { recursive: true, encoding: 'utf8' }).sort();
      expect(shipped, 'tests stay out of the package').toEqual(['fixtures', 'fixtures/README.md', 'fixtures/great_circle.tsv']);
    });

    it('the probe answers in Node, native from the prebuilt addon', async () => {
      await expectProbeWithPrebuiltNative(project);
      const got = await info();
      expect(got).toMatchObject({ prime: true, count: 78498 });
      expect(got.backends.map(({ name, state, available }) => ({ name, state, available }))).toEqual([
        { name: 'native', state: 'loaded', available: true },
        { name: 'wasm', state: 'loaded', available: true },
        { name: 'js', state: 'loaded', available: true },
      ]);
      expect(got.backends[0]!.id).toMatch(/^native:(avx512|avx2|sse2|scalar)$/);
      expect(got.backends[2]!.id).toBe('js');
    });

    it('works from ES modules and from strict TypeScript (module nodenext), types included', async () => {
      expect(
        await output(
          'esm.mjs',
          `import { checkPrime, greatCircle } from 'numaccel';\nconsole.log(checkPrime(97), greatCircle(0, 0, 0, 90, { radius: 2 }));`,
        ),
      ).toBe(`true ${Math.PI}\n`);
      fs.writeFileSync(
        path.join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            noEmit: false,
            outDir: 'out',
            types: [],
          },
          include: ['*.mts', '*.cts'],
        }),
      );
      fs.writeFileSync(
        path.join(project, 'esm.mts'),
        `import { countPrimes, type GreatCircleOptions } from 'numaccel';\nconst options: GreatCircleOptions = { unit: 'km' };\nconst n: number = countPrimes(0, 100);\nconsole.log(n, options.unit);\n`,
      );
      fs.writeFileSync(
        path.join(project, 'cjs.cts'),
        `import numaccel = require('numaccel');\nconst primes: Float64Array = numaccel.primesBetween(0, 10);\nconsole.log(Array.from(primes).join(','));\n`,
      );
      const tsc = path.join(PACKAGE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      const compiled = await exec(process.execPath, [tsc, '-p', project], { cwd: project, timeout: 120_000 });
      expect(compiled.stdout + compiled.stderr).toBe('');
      expect(await output('out/esm.mjs', fs.readFileSync(path.join(project, 'out', 'esm.mjs'), 'utf8'))).toBe('25 km\n');
      expect(await output('out/cjs.cjs', fs.readFileSync(path.join(project, 'out', 'cjs.cjs'), 'utf8'))).toBe('2,3,5,7\n');
    });

    it('on musl (LIBC=musl, as node-gyp-build reads it) takes no glibc prebuild: WebAssembly serves, and the error says why', async () => {
      const got = await info({ LIBC: 'musl' });
      expect(got).toMatchObject({ prime: true, count: 78498 });
      expect(got.backends[0]).toMatchObject({ name: 'native', state: 'failed', available: false });
      expect(got.backends[0]!.error).toMatch(
        /no prebuilt addon fits linux-x64-musl and none was compiled .*: run `npx numaccel build-native`/,
      );
      for (const build of Object.values(got.selected)) expect(build).not.toMatch(/^native/);
    });

    it('degrades to WebAssembly when the prebuilt addon is corrupt, recording why', async () => {
      const dir = path.join(installed(), 'prebuilds', 'linux-x64');
      const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.node'))!);
      const original = fs.readFileSync(file);
      try {
        fs.writeFileSync(file, 'not an ELF file');
        const got = await info();
        expect(got).toMatchObject({ prime: true, count: 78498 });
        const native = got.backends[0]!;
        expect(native).toMatchObject({ name: 'native', state: 'failed', available: false });
        // The default build's error: the first native build, whose loader failed.
        expect(native.error).toMatch(new RegExp(`^numaccel: the ${native.id} build is not available: `));
        expect(native.error).toMatch(/invalid ELF header|not an ELF|file too short/i);
        expect(got.backends.slice(1).map((b) => b.available)).toEqual([true, true]);
        for (const build of Object.values(got.selected)) expect(build).toMatch(/^wasm:/);
      } finally {
        fs.writeFileSync(file, original);
      }
    });

    it('degrades to TypeScript when the .wasm files are missing, recording why', async () => {
      const dir = path.join(installed(), 'build-wasm');
      const saved = path.join(project, 'saved-wasm');
      fs.renameSync(dir, saved);
      try {
        const got = await info({ NUMACCEL_NATIVE_PATH: '/nonexistent.node' });
        expect(got).toMatchObject({ prime: true, count: 78498 });
        expect(got.backends[1]).toMatchObject({ name: 'wasm', id: 'wasm:simd128', state: 'failed', available: false, cause: 'ENOENT' });
        expect(got.backends[1]!.error).toMatch(/^numaccel: the wasm:simd128 build is not available: /);
        expect(new Set(Object.values(got.selected))).toEqual(new Set(['js']));
      } finally {
        fs.renameSync(saved, dir);
      }
    });

    it('without a prebuild: native is missing and names `npx numaccel build-native`, which without a compiler warns and exits 0', async () => {
      fs.rmSync(path.join(installed(), 'prebuilds'), { recursive: true });
      const missingNative = async () => {
        const got = await info();
        expect(got).toMatchObject({ prime: true, count: 78498 });
        expect(got.backends[0]).toMatchObject({ name: 'native', state: 'failed', available: false });
        expect(got.backends[0]!.error).toMatch(
          /^numaccel: the native:\w+ build is not available: no prebuilt addon fits linux-x64 and none was compiled \(the package has linux-x64 \(glibc\), linux-arm64 \(glibc\), win32-x64\): run `npx numaccel build-native`/,
        );
        expect(got.backends.slice(1).map((b) => [b.name, b.available])).toEqual([
          ['wasm', true],
          ['js', true],
        ]);
        for (const build of Object.values(got.selected)) expect(build).not.toMatch(/^native/);
      };
      await missingNative();
      const built = await exec('npx', ['numaccel', 'build-native'], { cwd: project, env: cleanEnv(NO_COMPILER), timeout: 120_000 });
      expect(built.status, built.output).toBe(0);
      expect(built.stdout + built.stderr).toMatch(/numaccel: the native addon was not built \(node-gyp exited with code \d+\)/);
      expect(built.stdout + built.stderr).toMatch(/continuing with the WebAssembly and TypeScript backends/);
      await missingNative();
    });
  });

  it('npm install (install scripts allowed) with no compiler succeeds, native from the prebuilt addon', async () => {
    const project = fresh('install-npm-scripts');
    const ran = await npmInstall(project, ['--foreground-scripts'], NO_COMPILER, INSTALL_TIMEOUT);
    // npm would run `node-gyp rebuild` for a package with a binding.gyp at its root and no
    // install script of its own; with no compiler that would fail the whole install.
    expect(ran.output, 'npm ran an implicit `node-gyp rebuild`').not.toMatch(/sh -c node-gyp rebuild/);
    expect(ran.status, ran.output).toBe(0);
    writeProbe(project);
    await expectProbeWithPrebuiltNative(project);
  });

  it('pnpm add, default settings: exits 0 (no build to approve), native from the prebuilt addon', async (context) => {
    const why = missing(`pnpm (${TOOLS.pnpm})`, fs.existsSync(TOOLS.pnpm));
    if (why) return context.skip(why);
    const project = fresh('install-pnpm');
    const env = cleanEnv({ ...NO_COMPILER, XDG_CACHE_HOME: path.join(project, '.cache') });
    const args = ['add', tarball(), '--store-dir', path.join(project, '.pnpm-store'), '--state-dir', path.join(project, '.pnpm-state')];
    const ran = await exec(TOOLS.pnpm, args, { cwd: project, env, timeout: INSTALL_TIMEOUT });
    // pnpm would count a root binding.gyp as a build script (implicit `node-gyp rebuild`),
    // whatever package.json says, and fail the install with ERR_PNPM_IGNORED_BUILDS.
    expect.soft(ran.output).not.toMatch(/ERR_PNPM_IGNORED_BUILDS/);
    expect.soft(ran.status, ran.output).toBe(0);
    writeProbe(project);
    await expectProbeWithPrebuiltNative(project);
  });

  it('bun add: native from the prebuilt addon', async (context) => {
    const why = missing(`bun (${TOOLS.bun})`, fs.existsSync(TOOLS.bun));
    if (why) return context.skip(why);
    const project = fresh('install-bun');
    const env = cleanEnv({ ...NO_COMPILER, BUN_INSTALL_CACHE_DIR: path.join(project, '.bun-cache'), DO_NOT_TRACK: '1', NO_COLOR: '1' });
    const ran = await exec(TOOLS.bun, ['add', tarball()], { cwd: project, env, timeout: INSTALL_TIMEOUT });
    expect(ran.status, ran.output).toBe(0);
    writeProbe(project);
    await expectProbeWithPrebuiltNative(project);
  });
});
