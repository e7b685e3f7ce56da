/**
 * The hand-written glue and the compiled modules agree: the wasm module exports exactly the
 * functions src/backends/wasm/index.ts calls, and the addon exactly the kernels
 * src/backends/native/index.ts maps (nothing missing, nothing dead).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_KERNELS, VARIANT_KERNELS, loadAddon } from '../src/backends/native/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { WASM_FILES } from '../src/platform/node.js';
import { LOADED } from './support/backends.js';

const GLUE = fs.readFileSync(path.join(PACKAGE_ROOT, 'src', 'backends', 'wasm', 'index.ts'), 'utf8');
/** Exported for test/primecount.test.ts, which runs the combinatorial code on small x too. */
const TEST_ONLY = ['primePiCombinatorial'];

describe('exports and glue', () => {
  it.for(Object.entries(WASM_FILES))('the %s wasm module exports exactly what the glue uses', ([, file]) => {
    const exported = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(file)))
      .map((e) => e.name)
      .sort();
    const used = [...new Set([...GLUE.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]!)), ...TEST_ONLY].sort();
    expect(exported).toEqual(used);
  });

  it.skipIf(!LOADED.some((b) => b.backend.name === 'native'))(
    'the addon exports exactly the shared kernels, its variants and its features',
    () => {
      const addon = loadAddon(undefined) as unknown as Record<string, unknown> & { variants: Record<string, Record<string, unknown>> };
      expect(Object.keys(addon).sort()).toEqual([...SHARED_KERNELS, ...TEST_ONLY, 'features', 'variants'].sort());
      for (const kernels of Object.values(addon.variants))
        expect(Object.keys(kernels).sort()).toEqual([...VARIANT_KERNELS, 'fusedMultiplyAdd'].sort());
    },
  );
});
