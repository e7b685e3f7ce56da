import * as path from 'node:path';

/**
 * The package root: this file sits one level below it both as source (src/paths.ts) and as
 * compiled output (dist/paths.js), so the addon and the .wasm are found from either.
 */
export const PACKAGE_ROOT = path.resolve(__dirname, '..');
