import { defineConfig } from 'vitest/config';
import { EVERYWHERE } from './vitest.config.mts';

/**
 * The runtime matrix (browsers through four bundlers, Deno, Bun, workerd, script-free installs)
 * and the long runs (the widest reference ranges, 100,000 fuzzed calls, π(x) to 2^53 everywhere).
 */
export default defineConfig({
  test: {
    include: [...EVERYWHERE, 'test/fuzz.test.ts', 'test/primecount.test.ts'],
    // 10x the fuzzed calls; π(10^k) and π(2^k) up to 2^53 on every backend.
    env: { NUMACCEL_FUZZ_RUNS: '100000', NUMACCEL_LONG_TESTS: '1' },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Each file starts browsers, runtimes or package managers of its own: one at a time on 2 cores.
    fileParallelism: false,
  },
});
