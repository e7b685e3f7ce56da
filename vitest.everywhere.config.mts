import { defineConfig } from 'vitest/config';
import { EVERYWHERE } from './vitest.config.mts';

/** The runtime matrix: browsers through four bundlers, Deno, Bun, workerd, script-free installs. */
export default defineConfig({
  test: {
    include: EVERYWHERE,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Each file starts browsers, runtimes or package managers of its own: one at a time on 2 cores.
    fileParallelism: false,
  },
});
