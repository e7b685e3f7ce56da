/**
 * The native glue's own checks, with no facade in front: every raw kernel of the addon (each SIMD
 * variant's too), sync and async, called with generated garbage — wrong types and counts, NaN and
 * infinite numbers, bigints, typed arrays of the wrong kind or length, detached, offset and
 * SharedArrayBuffer-backed arrays. It must throw (or reject) and never crash: the calls run in a
 * child process, whose death by a signal fails the test. The facade's validation is fuzzed once,
 * by test/fuzz.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_THREADS } from '../src/async-options.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { CMAKE_ADDON, CMAKE_LABEL, LOADED } from './support/backends.js';

const CALLS = Number(process.env.NUMACCEL_GLUE_FUZZ_RUNS ?? 20_000);
const CHILD = path.join(PACKAGE_ROOT, 'test', 'support', 'glue-fuzz-child.mjs');

const addons = [
  ...(LOADED.some((b) => b.backend.name === 'native' && b.label !== CMAKE_LABEL) ? [{ label: 'node-gyp', file: '' }] : []),
  ...(LOADED.some((b) => b.label === CMAKE_LABEL) ? [{ label: 'cmake-js', file: CMAKE_ADDON }] : []),
];

describe.skipIf(addons.length === 0)('the native glue, called directly with garbage', () => {
  it("allows the facade's thread limit, no more (native/async.h kAsyncMaxThreads = MAX_THREADS)", () => {
    const native = LOADED.find((b) => b.backend.name === 'native')!;
    expect(native.backend.features['asyncMaxThreads']).toBe(MAX_THREADS);
  });

  it.for(addons)(`$label addon: ${CALLS.toLocaleString('en-US')} calls of each kind throw or reject, never crash`, ({ file }) => {
    const child = spawnSync(process.execPath, [CHILD, file, String(CALLS), '2026'], { encoding: 'utf8', timeout: 120_000 });
    expect(child.signal, child.stderr).toBeNull();
    expect(child.status, child.stderr).toBe(0);
    const tally = JSON.parse(child.stdout) as Record<string, number>;
    // Only the glue's own errors: a TypeError for a wrong type, a RangeError for a bad value.
    const classes = Object.keys(tally).filter((key) => key.startsWith('threw') || key.startsWith('rejected'));
    expect(
      classes.every((key) => / (TypeError|RangeError)$/.test(key)),
      JSON.stringify(tally),
    ).toBe(true);
    expect(tally['threw TypeError'] ?? 0).toBeGreaterThan(CALLS / 10);
    expect(tally['threw RangeError'] ?? 0).toBeGreaterThan(0);
  });
});
