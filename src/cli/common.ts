/**
 * What the `numaccel` commands share (src/cli/main.ts, src/cli/geodesic-commands.ts): parsing
 * arguments strictly, the global options and JSON output. Errors thrown here end the program with
 * their message as one line on stderr and exit code 1 (main.ts).
 */
import { InvalidArgumentError } from 'commander';
import type { BackendMode } from '../index.js';

/** A bad argument: its message names the command and the argument. */
export class UsageError extends Error {}

/** The options every command takes (before or after the command's name). */
export interface GlobalOptions {
  backend?: BackendMode;
  threads?: number;
  json?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Argument parsing: integers exactly (a bigint past 2^53), numbers strictly.

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** An exact integer: digits (any size, as a bigint past 2^53), or a literal like 1e9 that is one. */
export function parseInteger(name: string, text: string): number | bigint {
  if (INTEGER.test(text)) {
    const value = BigInt(text);
    return value >= -BigInt(Number.MAX_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  const value = Number(text);
  if (DECIMAL.test(text) && Number.isSafeInteger(value)) return value;
  throw new UsageError(`${name} must be an integer, got ${JSON.stringify(text)}`);
}

/** A decimal number such as -122.4, .5 or 1e-9 (not hex, not Infinity, not empty). */
export function parseDecimal(name: string, text: string): number {
  if (!DECIMAL.test(text)) throw new UsageError(`${name} must be a number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** An option's argument parser for integers (commander reports its error, naming the option). */
export const optionInteger = (name: string) => (text: string) => {
  const value = Number(text);
  if (!INTEGER.test(text) || !Number.isSafeInteger(value))
    throw new InvalidArgumentError(`${name} must be an integer, got ${JSON.stringify(text)}`);
  return value;
};

/** An option's argument parser for decimal numbers. */
export const optionDecimal = (name: string) => (text: string) => {
  if (!DECIMAL.test(text)) throw new InvalidArgumentError(`${name} must be a number, got ${JSON.stringify(text)}`);
  return Number(text);
};

// ---------------------------------------------------------------------------------------------
// Output

/** `value` as indented JSON on stdout, bigints as decimal strings. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
}
