/**
 * The facade and the loader: recorded load failures with their causes, NUMACCEL_BACKEND and
 * NUMACCEL_NATIVE_PATH, setBackend, backendInfo, and the ESM/CommonJS entry points. Environment
 * behaviour is tested in child processes running the built package (dist/), as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as numaccel from '../src/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { BUILD_IDS } from '../src/builds.js';
import { defaultNodeBuild, loadNodeBuild, nodeBuilds } from '../src/platform/node.js';
import { BackendUnavailableError } from '../src/registry.js';
import { ROUTES } from '../src/selection.js';
import { CMAKE_ADDON, CMAKE_LABEL, LOADED } from './support/backends.js';

const MODES = numaccel.BACKEND_MODES.map((m) => `'${m}'`).join(', ');

/** A throwaway consumer project whose node_modules/numaccel is this checkout (built: dist/). */
const consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'numaccel-consumer-'));
fs.mkdirSync(path.join(consumer, 'node_modules'));
fs.symlinkSync(PACKAGE_ROOT, path.join(consumer, 'node_modules', 'numaccel'), 'dir');
afterAll(() => fs.rmSync(consumer, { recursive: true }));

/** Runs a script in the consumer project with extra environment; returns its JSON output. */
function runNode(script: string, env: Record<string, string> = {}, extension: 'cjs' | 'mjs' = 'cjs'): unknown {
  const file = path.join(consumer, `script-${Math.random().toString(36).slice(2)}.${extension}`);
  fs.writeFileSync(file, script);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of ['NUMACCEL_BACKEND', 'NUMACCEL_NATIVE_PATH']) if (!(name in env)) delete childEnv[name];
  const result = spawnSync(process.execPath, [file], { env: childEnv, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** Prints the outcome of the first call and backendInfo(), as JSON. */
const PROBE = `
const numaccel = require('numaccel');
let call;
try { call = { value: numaccel.checkPrime(97) }; }
catch (e) { call = { error: e.name, message: e.message, cause: e.cause && (e.cause.code || e.cause.name) }; }
const info = numaccel.backendInfo();
console.log(JSON.stringify({ call, mode: info.mode, selected: info.selected, infoError: info.error && info.error.message,
  backends: info.backends.map((b) => ({ name: b.name, available: b.available, build: b.features && b.features.build,
    error: b.error && b.error.message, cause: b.error && b.error.cause && (b.error.cause.code || b.error.cause.name) })) }));
`;

describe('loader', () => {
  const missing = {
    nativePath: '/nonexistent/numaccel.node',
    wasm: { simd128: '/nonexistent/numaccel-simd.wasm', scalar: '/nonexistent/numaccel.wasm' },
  };

  it('records why each build did not load, keeping the original error as cause, and still loads the others', () => {
    const statuses = nodeBuilds(missing);
    expect(statuses.map((s) => [s.build.id, s.state])).toEqual(BUILD_IDS.map((id) => [id, id === 'js' ? 'loaded' : 'failed']));
    for (const status of statuses) {
      if (status.state !== 'failed') continue;
      expect(status.error).toBeInstanceOf(BackendUnavailableError);
      expect(status.error.backend).toBe(status.build.backend);
      expect(status.error.build).toBe(status.build.id);
      expect(status.error.message).toMatch(new RegExp(`^numaccel: the ${status.build.id} build is not available: `));
      expect(status.error.cause).toBeInstanceOf(Error);
    }
    const causeCode = (id: string) => {
      const status = statuses.find((s) => s.build.id === id);
      return status?.state === 'failed' ? (status.error.cause as NodeJS.ErrnoException).code : undefined;
    };
    expect(causeCode('native:avx512')).toBe('MODULE_NOT_FOUND');
    expect(causeCode('wasm:scalar')).toBe('ENOENT');
  });

  it("a backend's default build is its first that loads; when none does, the first one's failure", () => {
    expect(defaultNodeBuild('native', missing)).toMatchObject({ state: 'failed', build: { id: 'native:avx512' } });
    expect(defaultNodeBuild('js', missing)).toMatchObject({ state: 'loaded', build: { id: 'js' } });
    expect(defaultNodeBuild('wasm', { wasm: { simd128: '/nonexistent/numaccel-simd.wasm' } })).toMatchObject({
      state: 'loaded',
      build: { id: 'wasm:scalar' },
    });
  });

  it('rejects a corrupt .wasm and a .node file that is not an addon, with the cause', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'numaccel-corrupt-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.wasm'), 'not wasm');
      fs.writeFileSync(path.join(dir, 'bad.node'), 'not an ELF file');
      const bad = path.join(dir, 'bad.wasm');
      const statuses = nodeBuilds({ nativePath: path.join(dir, 'bad.node'), wasm: { simd128: bad, scalar: bad } });
      const state = (id: string) => statuses.find((s) => s.build.id === id)!;
      expect(state('native:avx512').state).toBe('failed');
      const wasm = state('wasm:scalar');
      expect(wasm.state === 'failed' && (wasm.error.cause as Error).name).toBe('CompileError');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('rejects a module of the other build, naming both', () => {
    expect(() => loadNodeBuild('wasm:scalar', { wasm: { scalar: path.join(PACKAGE_ROOT, 'build-wasm', 'numaccel-simd.wasm') } })).toThrow(
      'this module is the simd128 build, not wasm:scalar',
    );
  });
});

describe('setBackend and backendInfo', () => {
  afterEach(() => numaccel.setBackend('auto'));

  it('reports every backend and build in priority order and the build serving every route', () => {
    const info = numaccel.backendInfo();
    expect(info.mode).toBe('auto');
    expect(info.platform).toBe('node');
    expect(info.backends.map((b) => b.name)).toEqual(['native', 'wasm', 'js']);
    expect(info.builds.map((b) => b.id)).toEqual(BUILD_IDS);
    expect(Object.keys(info.selected).sort()).toEqual([...ROUTES].sort());
    for (const backend of info.backends) {
      if (backend.available)
        expect(backend).toMatchObject({ state: 'loaded', variant: expect.any(String), fusedMultiplyAdd: expect.any(Boolean) });
      else expect(backend.error?.cause).toBeDefined();
    }
    const served = new Set(Object.values(info.selected));
    for (const id of served) expect(info.builds.find((b) => b.id === id)?.state).toBe('loaded');
  });

  it.for(LOADED.filter((b) => b.label !== CMAKE_LABEL).map((b) => b.label))('switches every route to the build %s', (name) => {
    numaccel.setBackend(name as never);
    expect(numaccel.backendInfo()).toMatchObject({ mode: name, selected: Object.fromEntries(ROUTES.map((r) => [r, name])) });
    expect(numaccel.checkPrime(2n ** 61n - 1n)).toBe(true);
    expect(numaccel.greatCircle(-72.345, 34.323, -61.823, 54.826)).toBeCloseTo(1503.393447784, 9);
  });

  it('rejects an unknown name, listing the valid ones, and keeps the current selection', () => {
    numaccel.setBackend('js');
    expect(() => numaccel.setBackend('gpu' as never)).toThrow(
      new RangeError(`numaccel: setBackend(mode) must be one of ${MODES}, got "gpu"`),
    );
    expect(() => numaccel.setBackend(7 as never)).toThrow(TypeError);
    expect(numaccel.backendInfo().mode).toBe('js');
    expect(() => numaccel.withBackend('auto' as never)).toThrow(RangeError);
  });
});

describe('NUMACCEL_BACKEND and NUMACCEL_NATIVE_PATH', () => {
  it('auto falls back when the addon is missing, recording why', () => {
    const out = runNode(PROBE, { NUMACCEL_NATIVE_PATH: '/nonexistent/numaccel.node' }) as any;
    expect(out.call).toEqual({ value: true });
    expect(out.mode).toBe('auto');
    expect(Object.values(out.selected).some((id) => String(id).startsWith('native'))).toBe(false);
    expect(out.backends[0]).toMatchObject({ name: 'native', available: false, cause: 'MODULE_NOT_FOUND' });
    expect(out.backends[0].error).toMatch(/^numaccel: the native:avx512 build is not available: Cannot find module/);
  });

  it('a forced backend that is missing makes the first call throw, with the cause', () => {
    const out = runNode(PROBE, { NUMACCEL_BACKEND: 'native', NUMACCEL_NATIVE_PATH: '/nonexistent/numaccel.node' }) as any;
    expect(out.call).toMatchObject({ error: 'BackendUnavailableError', cause: 'MODULE_NOT_FOUND' });
    expect(out.call.message).toMatch(/^numaccel: the native backend is not available: /);
    expect(out.mode).toBe('native');
    expect(out.selected).toEqual({});
    expect(out.infoError).toBe(out.call.message);
  });

  it('an unknown value throws an error listing the valid names', () => {
    const out = runNode(PROBE, { NUMACCEL_BACKEND: 'fastest' }) as any;
    expect(out.call).toEqual({
      error: 'RangeError',
      message: `numaccel: NUMACCEL_BACKEND must be one of ${MODES}, got "fastest"`,
    });
  });

  it.for(LOADED.filter((b) => b.primary && b.label !== CMAKE_LABEL))(
    'NUMACCEL_BACKEND=$backend.name serves every route from its default build, $label',
    ({ label, backend }) => {
      const out = runNode(PROBE, { NUMACCEL_BACKEND: backend.name }) as any;
      expect(out.call).toEqual({ value: true });
      expect(out.selected).toEqual(Object.fromEntries(ROUTES.map((r) => [r, label])));
    },
  );

  it.skipIf(!LOADED.some((b) => b.label === 'native:sse2'))('NUMACCEL_BACKEND=native:sse2 forces one build', () => {
    const out = runNode(PROBE, { NUMACCEL_BACKEND: 'native:sse2' }) as any;
    expect(out.call).toEqual({ value: true });
    expect(out.selected).toEqual(Object.fromEntries(ROUTES.map((r) => [r, 'native:sse2'])));
  });

  it('a forced build this machine lacks fails like a missing backend, naming the build', () => {
    const out = runNode(PROBE, { NUMACCEL_BACKEND: 'wasm:scalar', NUMACCEL_NATIVE_PATH: '' }) as any;
    expect(out.call).toEqual({ value: true });
    const missing = runNode(PROBE, { NUMACCEL_BACKEND: 'native:avx2', NUMACCEL_NATIVE_PATH: '/nonexistent/numaccel.node' }) as any;
    expect(missing.call).toMatchObject({ error: 'BackendUnavailableError', cause: 'MODULE_NOT_FOUND' });
    expect(missing.call.message).toMatch(/^numaccel: the native:avx2 build is not available: Cannot find module/);
  });

  it.runIf(fs.existsSync(CMAKE_ADDON))('NUMACCEL_NATIVE_PATH loads the cmake-js build', () => {
    const out = runNode(PROBE, { NUMACCEL_BACKEND: 'native', NUMACCEL_NATIVE_PATH: CMAKE_ADDON }) as any;
    expect(out.call).toEqual({ value: true });
    expect(out.backends[0]).toMatchObject({ name: 'native', available: true, build: 'cmake-js' });
  });
});

describe('module formats', () => {
  it('the ES-module and CommonJS builds give the same API, each with its own routing state', () => {
    const out = runNode(
      `import { createRequire } from 'node:module';
       import * as esm from 'numaccel';
       const cjs = createRequire(import.meta.url)('numaccel');
       esm.setBackend('js');
       console.log(JSON.stringify({ same: esm.checkPrime === cjs.checkPrime, mode: cjs.backendInfo().mode,
         exports: Object.keys(esm).sort(), prime: esm.checkPrime(2n ** 61n - 1n) }));`,
      {},
      'mjs',
    ) as any;
    expect(out).toMatchObject({ same: false, mode: 'auto', prime: true });
    expect(out.exports).toEqual(expect.arrayContaining(['checkPrime', 'greatCircle', 'setBackend', 'backendInfo', 'withBackend']));
  });

  it("the package's exports map sends import to the ES module and require to CommonJS", () => {
    const out = runNode(
      `import { createRequire } from 'node:module';
       console.log(JSON.stringify({ esm: import.meta.resolve('numaccel'), cjs: createRequire(import.meta.url).resolve('numaccel') }));`,
      {},
      'mjs',
    ) as any;
    expect(out.esm).toMatch(/\/dist\/index\.mjs$/);
    expect(out.cjs).toMatch(/\/dist\/index\.js$/);
  });
});
