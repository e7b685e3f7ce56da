/**
 * numaccel in a browser, as a user builds it: a page importing 'numaccel' built by Vite (build
 * and dev server), webpack 5, esbuild and Rollup with the configuration the README shows, run in
 * headless Chromium, answering the known-answer probe (test/runtime/probe.mjs). Under Vite,
 * webpack and Rollup (with @web/rollup-plugin-import-meta-assets) the WebAssembly backend must
 * serve; plain esbuild does not emit the .wasm assets, so js serves until the page configures
 * where the copied files are. Pages get no cross-origin isolation: the async functions run on
 * module Web Workers without SharedArrayBuffer.
 *
 * The package is the packed tarball (NUMACCEL_TARBALL, as .ci/run makes it), else this checkout's
 * built files. Outside CI a missing Chromium skips the suite with its path; in CI it fails.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { IN_CI } from './support/backends.js';
import { HAS_CHROMIUM, CHROMIUM, launchChromium, probePage } from './runtime/chromium.js';
import { PROBE_FILE, PROBE_INPUT, expectProbe } from './runtime/expected.js';
import { serveDirectory } from './runtime/static-server.js';

const PACKED_FILES = ['package.json', 'dist', 'build-wasm'];

/** A consumer project with numaccel in node_modules: the tarball unpacked, or the checkout's files. */
function makeProject(): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'numaccel-browser-'));
  const target = path.join(project, 'node_modules', 'numaccel');
  fs.mkdirSync(target, { recursive: true });
  const tarball = process.env.NUMACCEL_TARBALL;
  if (tarball) execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  else for (const entry of PACKED_FILES) fs.cpSync(path.join(PACKAGE_ROOT, entry), path.join(target, entry), { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'page', private: true, type: 'module' }));
  return project;
}

/** The page's script: the probe on the numaccel the bundler resolved, its result on window. */
function writeApp(dir: string, prelude = ''): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(PROBE_FILE, path.join(dir, 'probe.mjs'));
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    `import * as numaccel from 'numaccel';
import { runProbe } from './probe.mjs';
${prelude}
runProbe(numaccel, ${JSON.stringify(PROBE_INPUT)}).then(
  (result) => { window.__probe = result; },
  (error) => { window.__probe = { failed: String((error && error.stack) || error) }; },
);
`,
  );
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>\n',
  );
}

/** A page whose built script is `script` (webpack, esbuild, Rollup write no HTML of their own). */
function writeHtml(dir: string, script: string): void {
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><body><script type="module" src="./${script}"></script></body></html>\n`,
  );
}

const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe.skipIf(!HAS_CHROMIUM && !IN_CI)(`numaccel in headless Chromium (${CHROMIUM})`, () => {
  let project = '';
  let browser: Browser;
  const servers: Array<{ close: () => Promise<void> }> = [];

  beforeAll(async () => {
    expect(HAS_CHROMIUM, `${CHROMIUM}: apt-get install -y chromium`).toBe(true);
    project = makeProject();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  async function probe(dir: string) {
    const server = await serveDirectory(dir);
    servers.push(server);
    const { result, console, failedRequests } = await probePage(browser, server.url);
    expect((result as { failed?: string }).failed, console.join('\n')).toBeUndefined();
    return { result, failedRequests };
  }

  it('Vite build: wasm serves, from a .wasm asset the build emitted', async () => {
    const { build } = await import('vite');
    const app = path.join(project, 'vite-app');
    writeApp(app);
    await build({ root: app, logLevel: 'silent', build: { outDir: path.join(app, 'dist') } });
    expect(files(path.join(app, 'dist')).filter((f) => f.endsWith('.wasm'))).toHaveLength(2);
    const { result } = await probe(path.join(app, 'dist'));
    expectProbe(result, { platform: 'browser', backends: ['wasm', 'js'] });
    expect((result as { builds: Record<string, string> }).builds['wasm:simd128']).toBe('loaded');
  }, 120_000);

  it('forcing wasm while it still compiles: sync calls throw a pending BackendUnavailableError, async calls wait, then it serves', async () => {
    const { build } = await import('vite');
    const app = path.join(project, 'vite-forced-app');
    fs.mkdirSync(app, { recursive: true });
    fs.writeFileSync(
      path.join(app, 'main.js'),
      `import * as numaccel from 'numaccel';
numaccel.setBackend('wasm');
let before;
try { before = { value: numaccel.checkPrime(97) }; } catch (e) { before = { name: e.name, pending: e.pending, message: e.message }; }
const counted = await numaccel.countPrimesAsync(0, 1000);
const info = await numaccel.ready();
window.__probe = { before, counted, after: numaccel.checkPrime(97), mode: info.mode, served: info.selected.checkPrime };
`,
    );
    fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
    await build({ root: app, logLevel: 'silent', build: { outDir: path.join(app, 'dist'), target: 'es2022' } });
    const { result } = await probe(path.join(app, 'dist'));
    expect(result).toEqual({
      before: {
        name: 'BackendUnavailableError',
        pending: true,
        message: 'numaccel: the wasm backend is not available: it is still loading (await ready() before forcing it)',
      },
      counted: 168,
      after: true,
      mode: 'wasm',
      served: 'wasm:simd128',
    });
  }, 120_000);

  it('Vite dev server: wasm serves (numaccel left out of dependency pre-bundling, as the README says)', async () => {
    const { createServer } = await import('vite');
    const app = path.join(project, 'vite-dev-app');
    writeApp(app);
    const server = await createServer({
      root: app,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0 },
      optimizeDeps: { exclude: ['numaccel'] },
    });
    await server.listen();
    servers.push(server);
    const { result } = await probePage(browser, server.resolvedUrls!.local[0]!);
    expectProbe(result, { platform: 'browser', backends: ['wasm', 'js'] });
  }, 120_000);

  it('webpack 5: wasm serves, the .wasm and the worker emitted by webpack', async () => {
    const webpack = (await import('webpack')).default;
    const app = path.join(project, 'webpack-app');
    const out = path.join(app, 'dist');
    writeApp(app);
    const stats = await new Promise<import('webpack').Stats>((resolve, reject) =>
      webpack(
        {
          mode: 'production',
          context: app,
          entry: './main.js',
          output: { path: out, filename: 'main.js' },
          resolve: { modules: [path.join(project, 'node_modules')] },
        },
        (error, s) => (error ? reject(error) : resolve(s!)),
      ),
    );
    expect(stats.hasErrors(), stats.toString('errors-only')).toBe(false);
    writeHtml(out, 'main.js');
    expect(files(out).filter((f) => f.endsWith('.wasm'))).toHaveLength(2);
    const { result } = await probe(out);
    expectProbe(result, { platform: 'browser', backends: ['wasm', 'js'] });
  }, 120_000);

  it('esbuild: js serves (esbuild emits no .wasm), and wasm once configure() says where the copied files are', async () => {
    const esbuild = await import('esbuild');
    for (const [name, prelude] of [
      ['esbuild-app', ''],
      [
        'esbuild-configured-app',
        "numaccel.configure({ wasm: { simd128: new URL('./numaccel-simd.wasm', import.meta.url), scalar: new URL('./numaccel.wasm', import.meta.url) } });",
      ],
    ] as const) {
      const app = path.join(project, name);
      const out = path.join(app, 'dist');
      writeApp(app, prelude);
      await esbuild.build({
        entryPoints: [path.join(app, 'main.js')],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        outdir: out,
        nodePaths: [path.join(project, 'node_modules')],
        logLevel: 'silent',
      });
      writeHtml(out, 'main.js');
      if (prelude)
        for (const file of ['numaccel-simd.wasm', 'numaccel.wasm'])
          fs.copyFileSync(path.join(project, 'node_modules', 'numaccel', 'build-wasm', file), path.join(out, file));
      const { result } = await probe(out);
      expectProbe(result, { platform: 'browser', backends: prelude ? ['wasm', 'js'] : ['js'] });
    }
  }, 120_000);

  it('Rollup with @web/rollup-plugin-import-meta-assets: wasm serves', async () => {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const { importMetaAssets } = await import('@web/rollup-plugin-import-meta-assets');
    const app = path.join(project, 'rollup-app');
    const out = path.join(app, 'dist');
    writeApp(app);
    const bundle = await rollup({
      input: path.join(app, 'main.js'),
      plugins: [nodeResolve({ browser: true, rootDir: project }), importMetaAssets()],
      logLevel: 'silent',
    });
    await bundle.write({ dir: out, format: 'es' });
    await bundle.close();
    writeHtml(out, 'main.js');
    const { result } = await probe(out);
    expectProbe(result, { platform: 'browser', backends: ['wasm', 'js'] });
  }, 120_000);

  it('a Vite production page importing only checkPrime and greatCircle transfers at most 70 KB gzipped (JS + the one .wasm fetched)', async () => {
    const { build } = await import('vite');
    const app = path.join(project, 'size-app');
    fs.mkdirSync(app, { recursive: true });
    fs.writeFileSync(
      path.join(app, 'main.js'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the page's own template literal
      "import { checkPrime, greatCircle } from 'numaccel';\ndocument.title = `${checkPrime(97)} ${greatCircle(0, 0, 1, 1)}`;\n",
    );
    fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
    const out = path.join(app, 'dist');
    await build({ root: app, logLevel: 'silent', build: { outDir: out } });
    const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(out, file)), { level: 9 }).length;
    const js = files(out)
      .filter((f) => f.endsWith('.js') && !f.includes('worker'))
      .reduce((sum, f) => sum + gzip(f), 0);
    const wasm = gzip(files(out).find((f) => /numaccel-simd.*\.wasm$/.test(f))!);
    // The page gets every kernel family: the TypeScript backend (served until the wasm is ready)
    // and the wasm module are one piece each. With the geodesics (Payne–Hanek tables, series,
    // the SIMD geodesic batch), 69.3 KB measured, against 29.6 KB before them; docs/browsers.md.
    expect(js + wasm, `JS ${js} B + wasm ${wasm} B gzipped`).toBeLessThanOrEqual(70 * 1024);
  }, 120_000);

  it('the demo page (examples/browser) answers, on the sphere and on WGS84, says which build served, and charts wasm against js; its screenshot is saved', async () => {
    const { build } = await import('vite');
    const root = path.join(PACKAGE_ROOT, 'examples', 'browser');
    const out = path.join(project, 'demo');
    await build({ root, configFile: path.join(root, 'vite.config.js'), logLevel: 'silent', build: { outDir: out } });
    const server = await serveDirectory(out);
    servers.push(server);
    const page = await browser.newPage({ viewport: { width: 900, height: 820 } });
    try {
      await page.goto(server.url);
      await page.locator('#status', { hasText: /^Ready/ }).waitFor();
      expect(await page.textContent('#prime-answer')).toBe('9007199254740881 is prime (served by wasm:simd128)');
      expect(await page.textContent('#distance-answer')).toMatch(/^5837\.\d{3} km on the sphere \(served by wasm:simd128\)$/);
      // The same points on WGS84 (geodesicInverse; GeodSolve: 5852935.2918 m, 53.724045°, 111.826083°), the sphere 0.27 % short.
      expect(await page.textContent('#geodesic-answer')).toBe(
        '5852.935 km on WGS84, azimuth 53.7240° at the start and 111.8261° at the end (served by wasm:simd128)',
      );
      expect(await page.textContent('#geodesic-difference')).toBe('sphere − WGS84: -15686.3 m (-0.268 %)');
      await page.fill('#lat2', '91');
      await page.click('#distance-form button');
      expect(await page.textContent('#distance-answer')).toMatch(
        /^RangeError: greatCircle: lat2 must be a finite number of degrees in \[-90, 90\]/,
      );
      expect(await page.textContent('#geodesic-answer')).toBe('');
      await page.fill('#lat2', '48.8566');
      await page.click('#distance-form button');
      await page.fill('#prime-input', '9007199254740883');
      await page.click('#prime-form button');
      expect(await page.textContent('#prime-answer')).toBe('9007199254740883 is not prime (served by wasm:simd128)');
      await page.click('#bench');
      await page.waitForSelector('#chart[data-done]', { timeout: 60_000 });
      const rows = await page.$$eval('#chart .row', (elements) => elements.map((e) => e.firstElementChild!.textContent));
      expect(rows).toEqual(['wasm:simd128', 'js', 'wasm:simd128', 'js']);
      fs.mkdirSync(path.join(PACKAGE_ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path: path.join(PACKAGE_ROOT, 'test-results', 'browser-demo.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 120_000);
});
