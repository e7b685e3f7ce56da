/**
 * The registry with a platform that loads asynchronously, as a browser does WebAssembly: builds
 * are pending until their promise settles, a backend whose first build fails hands over to its
 * next one, and `settled()` waits through the hand-over. The browser test sees the same through
 * the facade in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { loadJsBackend } from '../src/backends/js/index.js';
import { buildById, type Build } from '../src/builds.js';
import type { Backend } from '../src/builds.js';
import type { Platform } from '../src/platform.js';
import { BackendUnavailableError, Registry } from '../src/registry.js';

/** A platform whose wasm builds load when the test says: simd128 fails, scalar succeeds. */
function deferredPlatform() {
  const waiting: Array<{ build: Build; settle: () => void }> = [];
  const platform: Platform = {
    name: 'test',
    env: () => undefined,
    defaultThreads: () => 1,
    pool: () => {
      throw new Error('no pool');
    },
    selection: () => undefined,
    load(build): Backend | Promise<Backend> {
      if (build.backend === 'native') throw new Error('no addon here');
      if (build.backend === 'js') return loadJsBackend();
      return new Promise<Backend>((resolve, reject) => {
        waiting.push({
          build,
          settle: () => (build.variant === 'simd128' ? reject(new Error('no SIMD')) : resolve({ ...loadJsBackend(), name: 'wasm', build })),
        });
      });
    },
  };
  return { platform, waiting };
}

describe('a registry whose builds load asynchronously', () => {
  it('marks builds pending, hands a failed build over to the next, and settles after the hand-over', async () => {
    const { platform, waiting } = deferredPlatform();
    let changes = 0;
    const registry = new Registry(platform, {}, () => changes++);
    expect(registry.defaults().map((s) => [s.build.id, s.state])).toEqual([
      ['native:avx512', 'failed'],
      ['wasm:simd128', 'pending'],
      ['js', 'loaded'],
    ]);
    expect(registry.busy).toBe(true);
    const settled = registry.settled();
    waiting.shift()!.settle(); // simd128 fails: scalar starts loading
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(registry.defaultOf('wasm')).toMatchObject({ state: 'pending', build: { id: 'wasm:scalar' } });
    waiting.shift()!.settle();
    await settled;
    expect(registry.busy).toBe(false);
    expect(registry.defaultOf('wasm')).toMatchObject({ state: 'loaded', build: { id: 'wasm:scalar' } });
    const simd = registry.status(buildById('wasm:simd128')!);
    expect(simd.state === 'failed' && simd.error).toBeInstanceOf(BackendUnavailableError);
    expect(changes).toBe(2);
  });

  it('a pending build names itself as loading in the error a forced call gets', () => {
    const error = new BackendUnavailableError('wasm', undefined, { build: 'wasm:simd128', pending: true });
    expect(error.message).toBe('numaccel: the wasm:simd128 build is not available: it is still loading (await ready() before forcing it)');
    expect(error.pending).toBe(true);
  });
});
