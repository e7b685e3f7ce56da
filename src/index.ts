/**
 * The entry point for Node, Deno and Bun: native, wasm and js backends (src/platform/node.ts).
 * The CommonJS build is compiled from this file by tsc, the ES-module build bundled by esbuild
 * (scripts/bundle.mjs); each holds its own routing state.
 */
import { installPlatform } from './platform.js';
import { nodePlatform } from './platform/node.js';

installPlatform(nodePlatform);

export * from './facade.js';
