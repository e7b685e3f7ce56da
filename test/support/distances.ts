/**
 * How batch distances are compared with greatCircle's. Native's AVX2 and AVX-512 variants fuse
 * multiply-adds (Backend.fusedMultiplyAdd), so they may differ from greatCircle in the last bits;
 * every other batch kernel must return greatCircle's bits exactly.
 */
import { expect } from 'vitest';
import type { Backend } from '../../src/builds.js';

/**
 * The ulps a fused variant may differ by. The worst seen on the test VM was 6 ulps (7.5e-16
 * relative) over 5·10^6 uniform random pairs, and 4 over 400,000 each of near, nearly antipodal,
 * polar and huge-longitude pairs; 16 ulps (at most 3.6e-15 relative) leave room and are still
 * tighter than the 1e-14 accuracy every backend must reach against test/fixtures.
 */
export const FUSED_MAX_ULPS = 16;

const bits = new BigInt64Array(2);
const values = new Float64Array(bits.buffer);

/** Units in the last place between two non-negative doubles (0 when equal). */
export function ulpDistance(a: number, b: number): number {
  values[0] = a;
  values[1] = b;
  const d = bits[0]! - bits[1]!;
  return Number(d < 0n ? -d : d);
}

/** Expects actual[i] to be greatCircle's expected[i] as `backend`'s batch kernels must give it. */
export function expectSameDistances(backend: Backend, actual: ArrayLike<number>, expected: ArrayLike<number>, label = ''): void {
  expect(actual.length, label).toBe(expected.length);
  const allowed = backend.fusedMultiplyAdd ? FUSED_MAX_ULPS : 0;
  for (let i = 0; i < expected.length; i++) {
    if (Object.is(actual[i], expected[i])) continue;
    const ulps = Number.isNaN(actual[i]) || Number.isNaN(expected[i]) ? Infinity : ulpDistance(actual[i]!, expected[i]!);
    expect(ulps, `${label}[${i}]: ${actual[i]} against greatCircle's ${expected[i]}, ${ulps} ulps apart`).toBeLessThanOrEqual(allowed);
  }
}
