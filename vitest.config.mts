import { defineConfig } from 'vitest/config';

/**
 * Suites that install packages, build pages, start other runtimes or run for long:
 * `npm run test:everywhere` (fuzz.test.ts runs in both, with 10x the calls there).
 */
export const EVERYWHERE = [
  'test/browser.test.ts',
  'test/runtimes.test.ts',
  'test/install.test.ts',
  'test/long.test.ts',
  'test/memory.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/platform.test.ts runs in the other platforms' Nodes only (vitest.platforms.config.mts).
    exclude: [...EVERYWHERE, 'test/platform.test.ts', '**/node_modules/**'],
    // Property-based suites run hundreds of 64-bit Miller-Rabin tests per backend in BigInt/JS
    // arithmetic; allow for a loaded 2-core machine rather than fail on wall time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
