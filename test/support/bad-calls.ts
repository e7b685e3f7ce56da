/** Bad calls of the public API, and the check that each throws the same error everywhere. */
import { expect } from 'vitest';
import type { NumaccelApi } from '../../src/api.js';
import * as numaccel from '../../src/index.js';
import { LOADED } from './backends.js';

export interface BadCall {
  readonly call: string;
  readonly run: (api: NumaccelApi) => unknown;
  readonly error: typeof TypeError | typeof RangeError;
  readonly message: RegExp;
}

/** What a call did: its value, or the class and message of what it threw. */
export function outcome(run: () => unknown): { class: string; message: string } | { value: unknown } {
  try {
    return { value: run() };
  } catch (error) {
    return { class: (error as Error).constructor.name, message: (error as Error).message };
  }
}

/** The call throws its error through the facade, and exactly the same from every loaded build. */
export function expectSameErrorEverywhere({ run, error, message }: BadCall): void {
  const expected = outcome(() => run(numaccel));
  expect(expected).toMatchObject({ class: error.name, message: expect.stringMatching(message) });
  for (const { label, api } of LOADED)
    expect(
      outcome(() => run(api)),
      label,
    ).toEqual(expected);
}
