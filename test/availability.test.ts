import { describe, expect, it } from 'vitest';
import { BACKENDS_UNDER_TEST, IN_CI } from './support/backends.js';

// In CI a backend that did not build or load fails the run; on a developer's machine without a
// compiler it is reported as skipped, with the reason, and the other suites run without it.
describe('every backend is present', () => {
  it.for(BACKENDS_UNDER_TEST)('$label loads', ({ error }, context) => {
    if (error && !IN_CI) context.skip(`not available here: ${error.message}`);
    expect(error?.message).toBeUndefined();
  });
});
