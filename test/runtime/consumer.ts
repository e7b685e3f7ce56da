/**
 * A consumer project for the packed tarball (NUMACCEL_TARBALL): a temp directory with a
 * package.json, the package installed by npm, pnpm or bun, and the known-answer probe
 * (test/runtime/probe.mjs) beside scripts that run it from ES modules and CommonJS. Shared by
 * test/runtimes.test.ts and test/install.test.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { IN_CI } from '../support/backends.js';
import { PROBE_FILE, PROBE_INPUT } from './expected.js';

export const TARBALL = process.env.NUMACCEL_TARBALL;

/** The tarball's path; throws (failing the test that asked) when NUMACCEL_TARBALL is not set. */
export function tarball(): string {
  if (!TARBALL)
    throw new Error('NUMACCEL_TARBALL is not set: .ci/run packs the package before the tests (npm pack --pack-destination DIR)');
  return TARBALL;
}

/**
 * A setup done once for a file (an install) whose failure fails each test that needs it, rather
 * than the hook: vitest counts tests behind a failed beforeAll as skipped, not failed.
 */
export function onceForAll<T>(setup: () => Promise<T>): { run: () => Promise<void>; get: () => T } {
  let state: { value: T } | { error: unknown } | undefined;
  return {
    run: async () => {
      try {
        state = { value: await setup() };
      } catch (error) {
        state = { error };
      }
    },
    get: () => {
      if (!state) throw new Error('the setup did not run');
      if ('error' in state) throw state.error;
      return state.value;
    },
  };
}

/** The tools the matrix runs, from the checkout's devDependencies. */
export const TOOLS = {
  deno: path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'deno'),
  bun: path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'bun'),
  pnpm: path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'pnpm'),
} as const;

/**
 * Why a test cannot run here, or undefined when it can. Outside CI the caller skips with this
 * message; in CI a missing tool throws instead (the run must not shrink silently).
 */
export function missing(what: string, present: boolean): string | undefined {
  if (present) return undefined;
  if (IN_CI) throw new Error(`${what} is missing, and in CI every runtime must run`);
  return `${what} is missing: skipped outside CI`;
}

export interface Ran {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Everything, for assertion messages. */
  readonly output: string;
}

/** Runs a command to its end, or kills it (SIGKILL) after `timeout` ms. Never rejects. */
export function exec(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeout: number },
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeout} ms]`;
      child.kill('SIGKILL');
    }, options.timeout);
    const done = (status: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      const output = `$ ${command} ${args.join(' ')}\n(exit ${status ?? signal})\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
      resolve({ status, signal, stdout, stderr, output });
    };
    child.on('error', (error) => {
      stderr += String(error);
      done(null, null);
    });
    child.on('close', done);
  });
}

/** A fresh project directory with a private package.json. */
export function tempProject(prefix: string): string {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), `numaccel-${prefix}-`));
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  return project;
}

/** The environment of an install or a probe: no forced build or addon path from the caller's. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['NUMACCEL_BACKEND', 'NUMACCEL_NATIVE_PATH', 'NUMACCEL_SELECTION']) if (!(name in extra)) delete env[name];
  return env;
}

export const ESM_SCRIPT = 'probe-esm.mjs';
export const CJS_SCRIPT = 'probe-cjs.cjs';

/** Copies the probe and its input into `project`, with an ES-module and a CommonJS script that print its result. */
export function writeProbe(project: string): void {
  fs.copyFileSync(PROBE_FILE, path.join(project, 'probe.mjs'));
  fs.writeFileSync(path.join(project, 'input.json'), JSON.stringify(PROBE_INPUT));
  fs.writeFileSync(
    path.join(project, ESM_SCRIPT),
    [
      "import * as numaccel from 'numaccel';",
      "import { readFileSync } from 'node:fs';",
      "import { runProbe } from './probe.mjs';",
      "const input = JSON.parse(readFileSync(new URL('./input.json', import.meta.url), 'utf8'));",
      'console.log(JSON.stringify(await runProbe(numaccel, input)));',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(project, CJS_SCRIPT),
    [
      "const numaccel = require('numaccel');",
      "const { readFileSync } = require('node:fs');",
      "const input = JSON.parse(readFileSync(require('node:path').join(__dirname, 'input.json'), 'utf8'));",
      "import('./probe.mjs')",
      '  .then(({ runProbe }) => runProbe(numaccel, input))',
      '  .then((result) => console.log(JSON.stringify(result)))',
      '  .catch((error) => { console.error(error); process.exitCode = 1; });',
      '',
    ].join('\n'),
  );
}

/** The probe's JSON from a run's stdout (its last line), after checking the run succeeded. */
export function probeOutput(ran: Ran): unknown {
  if (ran.status !== 0) throw new Error(`the probe failed\n${ran.output}`);
  const last = ran.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`the probe printed no JSON\n${ran.output}`);
  }
}

/** `npm install --no-audit --no-fund [flags] <tarball>` into `project`. */
export function npmInstall(project: string, flags: readonly string[], env: Record<string, string> = {}, timeout = 180_000): Promise<Ran> {
  return exec('npm', ['install', '--no-audit', '--no-fund', ...flags, tarball()], { cwd: project, env: cleanEnv(env), timeout });
}
