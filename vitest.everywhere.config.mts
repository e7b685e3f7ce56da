import { defineConfig } from 'vitest/config';
import { EVERYWHERE } from './vitest.config.mts';

/**
 * The runtime matrix (browsers through four bundlers, Deno, Bun, workerd, script-free installs)
 * and the long runs (the widest reference ranges, 100,000 fuzzed calls).
 */
export default defineConfig({
  test: {
    include: [...EVERYWHERE, 'test/fuzz.test.ts'],
    env: { NUMACCEL_FUZZ_RUNS: '100000' },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Each file starts browsers, runtimes or package managers of its own: one at a time on 2 cores.
    fileParallelism: false,
  },
});
