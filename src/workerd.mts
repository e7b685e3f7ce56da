/**
 * The entry point for Cloudflare Workers (the `workerd` export condition). workerd forbids
 * compiling WebAssembly from bytes ("Wasm code generation disallowed by embedder"), so the .wasm
 * files are imported as modules, which wrangler and miniflare hand over compiled. There are no
 * threads: the async functions run their chunks on the request's thread, between macrotasks.
 */
import simd128 from '../build-wasm/numaccel-simd.wasm';
import scalar from '../build-wasm/numaccel.wasm';
import { loadJsBackend } from './backends/js/index.js';
import { createWasmBackend } from './backends/wasm/index.js';
import type { Build, BuildId } from './builds.js';
import { buildById } from './builds.js';
import type { Backend } from './builds.js';
import { installPlatform, type Configuration, type Platform } from './platform.js';
import { inlinePool } from './platform/inline-pool.js';

const PACKAGE_WASM = { simd128, scalar } as const;

function load(build: Build, config: Configuration): Backend {
  switch (build.backend) {
    case 'native':
      throw new Error('workerd has no Node-API addons: numaccel runs on WebAssembly and TypeScript here');
    case 'wasm': {
      const variant = build.variant as keyof typeof PACKAGE_WASM;
      const given = config.wasm?.[variant];
      if (given !== undefined && !(given instanceof WebAssembly.Module)) {
        throw new TypeError('in workerd, configure({ wasm }) takes compiled modules (import the .wasm file), not URLs or bytes');
      }
      return createWasmBackend(given ?? PACKAGE_WASM[variant], build);
    }
    case 'js':
      return loadJsBackend();
  }
}

const workerdPlatform: Platform = {
  name: 'workerd',
  env: () => undefined,
  load,
  defaultThreads: () => 1,
  pool: (id: BuildId, config) => inlinePool(() => load(buildById(id)!, config).kernels),
  selection: () => undefined,
};

installPlatform(workerdPlatform);

export * from './facade.js';
