#!/usr/bin/env node
// The ES-module builds, bundled by esbuild after tsc has written the CommonJS build and the
// declarations to dist/ (npm run build:ts). Each bundle is one self-contained file, so that a
// bundler consuming numaccel sees exactly one module per entry (no re-export chains for its
// tree-shaking to cut), and every bundle sits in dist/, one level below the package root, like
// the sources in src/: relative paths such as '../build-wasm/numaccel-simd.wasm' hold for both.
import { writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, legalComments: 'none', logLevel: 'warning' };

// Node, Deno and Bun: CommonJS-only globals the shared sources use, defined for the ES module.
const nodeBanner = [
  "import { createRequire as __numaccelCreateRequire } from 'node:module';",
  "import { dirname as __numaccelDirname } from 'node:path';",
  "import { fileURLToPath as __numaccelFileURLToPath } from 'node:url';",
  'const require = __numaccelCreateRequire(import.meta.url);',
  'const __dirname = __numaccelDirname(__numaccelFileURLToPath(import.meta.url));',
].join('\n');

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { index: 'src/index.ts' },
    outExtension: { '.js': '.mjs' },
    outdir: 'dist',
    platform: 'node',
    packages: 'external',
    banner: { js: nodeBanner },
  }),
  // Browsers and workerd: no Node built-in may be reached; the .wasm files stay separate assets.
  esbuild.build({
    ...common,
    entryPoints: { browser: 'src/browser.mts', 'browser-worker': 'src/browser-worker.mts', workerd: 'src/workerd.mts' },
    outExtension: { '.js': '.mjs' },
    outdir: 'dist',
    platform: 'neutral',
    external: ['*.wasm'],
  }),
]);

// Types for `import`: the same declarations as for `require` (tsc's, of src/index.ts).
writeFileSync('dist/index.d.mts', "export * from './index.js';\n");
