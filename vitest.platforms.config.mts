import { defineConfig } from 'vitest/config';

/**
 * What scripts/test-platforms.mjs runs in each platform's Node (linux-arm64 under qemu, win32-x64
 * under wine, x64 under qemu -cpu Westmere / Haswell): the packed package there
 * (test/platform.test.ts: the build that serves, the known-answer probe), the cross-backend
 * contract suite on every build of the platform, the geodesics (test/geodesic.test.ts: GeodSolve's
 * answers, and the SIMD batch kernels bit for bit against the reference) and the async kernels on
 * their own threads.
 * Worker threads, not child processes: an emulated Node cannot fork without binfmt.
 */
export default defineConfig({
  test: {
    include: ['test/platform.test.ts', 'test/contract.test.ts', 'test/geodesic.test.ts', 'test/async.test.ts'],
    pool: 'threads',
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
