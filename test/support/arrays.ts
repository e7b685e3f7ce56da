/**
 * Equality of large typed arrays without vitest's element-by-element deep equality, which takes
 * seconds on a million elements: the same constructor and length, then the first index whose
 * elements differ (Object.is: NaN equals NaN, -0 differs from 0) is reported, or none.
 */
import { expect } from 'vitest';

type Numeric = Float64Array | Uint8Array;

export function expectSameArray(actual: Numeric, expected: Numeric, label = ''): void {
  expect(actual.constructor, label).toBe(expected.constructor);
  expect(actual.length, label).toBe(expected.length);
  let first = -1;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      first = i;
      break;
    }
  }
  expect(first === -1 ? 'equal' : `differs at [${first}]: ${actual[first]} against ${expected[first]}`, label).toBe('equal');
}
