import { describe, expect, it } from 'vitest';
import { BUILDS_UNDER_TEST, IN_CI } from './support/backends.js';

// In CI a backend that did not build or load fails the run; on a developer's machine without a
// compiler it is reported as skipped, with the reason, and the other suites run without it.
describe('every build is present', () => {
  it.for(BUILDS_UNDER_TEST)('$label loads', ({ error, unsupportedHere }, context) => {
    if (error && (unsupportedHere || !IN_CI)) context.skip(`not available here: ${error.message}`);
    expect(error?.message).toBeUndefined();
  });
});
