/**
 * One platform as a user of the packed tarball meets it. scripts/test-platforms.mjs runs this file
 * (with the contract and async suites, vitest.platforms.config.mts) in each platform's Node:
 * linux-arm64 under qemu-aarch64, win32-x64 under wine (in a renamed node.exe), x64 under
 * qemu-x86_64 -cpu Westmere and -cpu Haswell, and the addon cross-compiled with clang.
 *
 * NUMACCEL_PLATFORM_PACKAGE  the package installed from the tarball (the runner installs it)
 * NUMACCEL_EXPECT_NATIVE     the native build that must serve here (native:neon, native:sse2, …)
 * NUMACCEL_EXPECT_COMPILER   optional: what the addon's features.compiler must start with
 * Without the first two the file fails: it has no subject.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BUILDS } from '../src/builds.js';
import { PROBE_INPUT, expectProbe } from './runtime/expected.js';

const PACKAGE = process.env.NUMACCEL_PLATFORM_PACKAGE;
const EXPECT_NATIVE = process.env.NUMACCEL_EXPECT_NATIVE;
const EXPECT_COMPILER = process.env.NUMACCEL_EXPECT_COMPILER;

function installed() {
  if (!PACKAGE || !EXPECT_NATIVE)
    throw new Error('NUMACCEL_PLATFORM_PACKAGE and NUMACCEL_EXPECT_NATIVE must be set: scripts/test-platforms.mjs runs this file');
  return createRequire(import.meta.url)(PACKAGE) as typeof import('../src/index.js');
}

describe(`the packed package on ${process.platform}-${process.arch} (Node ${process.version})`, () => {
  it(`serves native from ${EXPECT_NATIVE}, after the better variants this CPU cannot run`, async () => {
    const numaccel = installed();
    const info = await numaccel.ready();
    const builds = info.builds;
    const native = info.backends.find((b) => b.name === 'native');
    expect(native, JSON.stringify(builds)).toMatchObject({ available: true, id: EXPECT_NATIVE });
    const served = builds.find((b) => b.id === EXPECT_NATIVE)!;
    if (EXPECT_COMPILER) expect(String(served.features?.compiler)).toMatch(new RegExp(`^${EXPECT_COMPILER}`));
    const better = BUILDS.slice(
      0,
      BUILDS.findIndex((b) => b.id === EXPECT_NATIVE),
    ).map((b) => b.id);
    for (const id of better) {
      const status = builds.find((b) => b.id === id)!;
      expect(status.state, id).toBe('failed');
      expect((status.error?.cause as Error | undefined)?.message, id).toMatch(/^this CPU cannot run/);
    }
    // Something is routed to native: the platform's native code is used, not only loaded.
    expect(Object.values(info.selected).some((id) => id === EXPECT_NATIVE)).toBe(true);
  });

  it('answers the known-answer probe on native, wasm and js alike, async kernels included', async () => {
    const numaccel = installed();
    const { runProbe } = await import('./runtime/probe.mjs');
    const result = await runProbe(numaccel, PROBE_INPUT);
    expectProbe(result, { platform: 'node', backends: ['native', 'wasm', 'js'] });
    expect(result.perBackend.native.build).toBe(EXPECT_NATIVE);
  });
});
