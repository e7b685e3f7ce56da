/**
 * The runtime matrix: the known-answer probe (test/runtime/probe.mjs) in every server-side
 * runtime the package supports, against one install of the packed tarball (NUMACCEL_TARBALL,
 * made by .ci/run's `npm pack`) in a temp project: Node from ES modules and from CommonJS, Deno,
 * Bun, and workerd (through miniflare, the worker bundled by esbuild with the `workerd` export
 * condition as wrangler does). Nothing here reaches the network: Deno runs --cached-only, Bun
 * --no-install, and miniflare listens on loopback with the Request.cf fetch turned off.
 *
 * Outside CI a missing tarball or tool skips, naming it; in CI it fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_CI } from './support/backends.js';
import {
  CJS_SCRIPT,
  ESM_SCRIPT,
  TARBALL,
  TOOLS,
  cleanEnv,
  exec,
  missing,
  npmInstall,
  onceForAll,
  probeOutput,
  tempProject,
  writeProbe,
} from './runtime/consumer.js';
import { PROBE_INPUT, expectProbe } from './runtime/expected.js';

const ALL = ['native', 'wasm', 'js'];
/** One runtime's run of the probe, start to end. */
const RUN_TIMEOUT = 45_000;

describe.skipIf(!TARBALL && !IN_CI)('the probe in every runtime, on the packed tarball (needs NUMACCEL_TARBALL outside CI)', () => {
  let created = '';
  // One install for the file; when it fails, every test fails with its output.
  const install = onceForAll(async () => {
    const project = (created = tempProject('runtimes'));
    const installed = await npmInstall(project, ['--ignore-scripts']);
    if (installed.status !== 0) throw new Error(`npm install of the tarball failed\n${installed.output}`);
    writeProbe(project);
    return project;
  });

  beforeAll(install.run, 180_000);

  afterAll(() => {
    if (created) fs.rmSync(created, { recursive: true, force: true });
  });

  it('Node, ES modules (dist/index.mjs): native, wasm and js', async () => {
    const project = install.get();
    const ran = await exec(process.execPath, [ESM_SCRIPT], { cwd: project, env: cleanEnv(), timeout: RUN_TIMEOUT });
    expectProbe(probeOutput(ran), { platform: 'node', backends: ALL });
  });

  it('Node, CommonJS (dist/index.js): native, wasm and js', async () => {
    const project = install.get();
    const ran = await exec(process.execPath, [CJS_SCRIPT], { cwd: project, env: cleanEnv(), timeout: RUN_TIMEOUT });
    expectProbe(probeOutput(ran), { platform: 'node', backends: ALL });
  });

  it('Deno (node_modules from package.json, no network): native, wasm and js, async included', async (context) => {
    const why = missing(`deno (${TOOLS.deno})`, fs.existsSync(TOOLS.deno));
    if (why) return context.skip(why);
    const project = install.get();
    // The permissions numaccel needs: read (the package, .wasm, the addon), env (NUMACCEL_*), ffi
    // (Node-API addons; without it native is recorded as failed and wasm serves).
    const args = [
      'run',
      '--no-prompt',
      '--cached-only',
      '--node-modules-dir=manual',
      '--allow-read',
      '--allow-env',
      '--allow-ffi',
      ESM_SCRIPT,
    ];
    const env = cleanEnv({ DENO_DIR: path.join(project, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' });
    const ran = await exec(TOOLS.deno, args, { cwd: project, env, timeout: RUN_TIMEOUT });
    expectProbe(probeOutput(ran), { platform: 'node', backends: ALL, async: true });
  });

  it('Bun: native, wasm and js', async (context) => {
    const why = missing(`bun (${TOOLS.bun})`, fs.existsSync(TOOLS.bun));
    if (why) return context.skip(why);
    const project = install.get();
    const env = cleanEnv({ DO_NOT_TRACK: '1', BUN_INSTALL_CACHE_DIR: path.join(project, '.bun-cache'), NO_COLOR: '1' });
    const ran = await exec(TOOLS.bun, ['run', '--no-install', ESM_SCRIPT], { cwd: project, env, timeout: RUN_TIMEOUT });
    expectProbe(probeOutput(ran), { platform: 'node', backends: ALL });
  });

  it('workerd (miniflare; bundled with the workerd condition, .wasm as compiled modules): wasm and js, async inline', async (context) => {
    let miniflare: typeof import('miniflare');
    let esbuild: typeof import('esbuild');
    try {
      [miniflare, esbuild] = await Promise.all([import('miniflare'), import('esbuild')]);
    } catch (error) {
      const why = missing(`miniflare or esbuild (${(error as Error).message})`, false);
      return context.skip(why);
    }
    const project = install.get();
    fs.writeFileSync(
      path.join(project, 'worker-entry.mjs'),
      [
        "import * as numaccel from 'numaccel';",
        "import { runProbe } from './probe.mjs';",
        'export default {',
        '  async fetch(request) {',
        '    try {',
        '      return Response.json(await runProbe(numaccel, await request.json()));',
        '    } catch (error) {',
        '      return new Response(String((error && error.stack) || error), { status: 500 });',
        '    }',
        '  },',
        '};',
        '',
      ].join('\n'),
    );
    const outdir = path.join(project, 'worker');
    // As wrangler bundles: the workerd condition first; the .wasm files copied beside the bundle
    // and left as imports, which workerd links as compiled modules.
    await esbuild.build({
      absWorkingDir: project,
      entryPoints: ['worker-entry.mjs'],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      outdir,
      outExtension: { '.js': '.mjs' },
      loader: { '.wasm': 'copy' },
      logLevel: 'silent',
    });
    const bundle = fs.readFileSync(path.join(outdir, 'worker-entry.mjs'), 'utf8');
    expect(bundle, 'the bundle is the workerd entry').toMatch(/import \w+ from "\.\/numaccel-simd-\w+\.wasm"/);

    const mf = new miniflare.Miniflare({
      modules: true,
      scriptPath: path.join(outdir, 'worker-entry.mjs'),
      // Module names are paths relative to this (default: the cwd, which the temp project is not under).
      modulesRoot: outdir,
      modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
      compatibilityDate: '2026-07-01',
      host: '127.0.0.1',
      port: 0,
      cf: false,
      log: new miniflare.Log(miniflare.LogLevel.WARN),
    });
    try {
      const response = await Promise.race([
        mf.dispatchFetch('http://localhost/', { method: 'POST', body: JSON.stringify(PROBE_INPUT) }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`workerd did not answer in ${RUN_TIMEOUT} ms`)), RUN_TIMEOUT)),
      ]);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const result = JSON.parse(text) as { builds: Record<string, string> };
      expectProbe(result, { platform: 'workerd', backends: ['wasm', 'js'], async: true });
      for (const [build, state] of Object.entries(result.builds)) if (build.startsWith('native:')) expect(state, build).not.toBe('loaded');
    } finally {
      await mf.dispose();
    }
  });
});
