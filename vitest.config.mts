import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property-based suites run hundreds of 64-bit Miller-Rabin tests per backend in BigInt/JS
    // arithmetic; allow for a loaded 2-core machine rather than fail on wall time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
