/** The `numaccel` command, run as a user runs it: stdout, stderr and exit codes. */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';

const BIN = path.join(PACKAGE_ROOT, require('../package.json').bin.numaccel as string);

function numaccel(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('numaccel command', () => {
  it('prints its version and help', () => {
    expect(numaccel('--version')).toMatchObject({ status: 0, stdout: `${require('../package.json').version}\n` });
    const help = numaccel('--help');
    expect(help.status).toBe(0);
    for (const command of ['info', 'prime', 'primes', 'distance', '--backend', '--threads', '--json'])
      expect(help.stdout).toContain(command);
  });

  it('info lists every backend, what auto selected and the threads, also as JSON', () => {
    const text = numaccel('info');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/native .*\n.*wasm .*\n.*js /);
    const json = JSON.parse(numaccel('--json', 'info').stdout);
    expect(json.backends.map((b: { name: string }) => b.name)).toEqual(['native', 'wasm', 'js']);
    expect(json).toMatchObject({ mode: 'auto', threads: expect.any(Number), selected: { countPrimes: expect.any(String) } });
    expect(JSON.parse(numaccel('--backend', 'js', '--json', 'info').stdout).selected.greatCircle).toBe('js');
  });

  it('prime says whether each integer is prime, exactly beyond 2^53', () => {
    expect(numaccel('prime', '97', '91', '18446744073709551557', '9007199254740993')).toEqual({
      status: 0,
      stdout: '97 is prime\n91 is not prime\n18446744073709551557 is prime\n9007199254740993 is not prime\n',
      stderr: '',
    });
    expect(JSON.parse(numaccel('--json', 'prime', '2', '4').stdout)).toEqual([
      { n: '2', prime: true },
      { n: '4', prime: false },
    ]);
  });

  it('primes lists the primes of [lo, hi), or counts them', () => {
    const listed = numaccel('primes', '0', '100');
    expect(listed.status).toBe(0);
    expect(listed.stdout.trim().split('\n').map(Number)).toEqual([
      2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    ]);
    expect(numaccel('primes', '0', '1e6', '--count').stdout).toBe('78498\n');
    expect(JSON.parse(numaccel('--json', 'primes', '1000000000', '1000000100').stdout)).toEqual({
      lo: '1000000000',
      hi: '1000000100',
      primes: [1000000007, 1000000009, 1000000021, 1000000033, 1000000087, 1000000093, 1000000097],
    });
    expect(JSON.parse(numaccel('--json', 'primes', '24', '28').stdout)).toEqual({ lo: '24', hi: '28', primes: [] });
    expect(JSON.parse(numaccel('--json', '--threads', '1', 'primes', '0', '1e7', '--count').stdout)).toEqual({
      lo: '0',
      hi: '10000000',
      count: 664579,
    });
  });

  it('distance follows the seed: longitude first, miles on a 3956-mile sphere, or a unit', () => {
    expect(numaccel('distance', '-72.345', '34.323', '-61.823', '54.826').stdout).toMatch(/^1503\.39344778\d* mi/);
    expect(numaccel('distance', '-72.345', '34.323', '-61.823', '54.826', '--unit', 'km').stdout).toMatch(/^2421\.166047\d* km\n$/);
    expect(JSON.parse(numaccel('--json', 'distance', '0', '0', '0', '90', '--radius', '2').stdout)).toMatchObject({
      distance: Math.PI,
      radius: 2,
    });
  });

  it.for([
    [['prime', '2.5'], /^numaccel: prime: n must be an integer, got "2.5"\n$/],
    [['prime', 'abc'], /prime: n must be an integer, got "abc"/],
    [['prime', '18446744073709551616'], /n must be below 2\^64/],
    [['primes', '10', '5'], /^numaccel: primes: hi must be at least lo \(10\), got 5\n$/],
    [['primes', '0', '1e20', '--count'], /primes: hi must be an integer, got "1e20"/],
    [['primes', '0', '18014398509481984', '--count'], /primes: hi must be an integer in \[0, 2\^53\], got 18014398509481984n/],
    [['distance', '0', '91', '0', '0'], /lat1 must be a finite number of degrees in \[-90, 90\], got 91/],
    [['distance', '0', 'north', '0', '0'], /distance: lat1 must be a number, got "north"/],
    [['distance', '0', '0', '1', '1', '--unit', 'furlong'], /options.unit must be one of 'km', 'm', 'mi', 'nmi'/],
    [['--backend', 'gpu', 'info'], /must be one of 'auto', 'native', 'wasm', 'js', 'native:avx512', .*'wasm:scalar', got "gpu"/],
    [['--threads', 'many', 'info'], /--threads must be an integer, got "many"/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ] as const)('%j fails with one line on stderr naming the argument', ([args, message]) => {
    const result = numaccel(...args);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')[0]).toMatch(
      message instanceof RegExp ? new RegExp(message.source.replace(/\\n\$$/, '').replace(/^\^/, '')) : message,
    );
  });

  it('stops cleanly on Ctrl-C (SIGINT), with exit code 130', async () => {
    const child = spawn(process.execPath, [BIN, 'primes', '0', '9000000000000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Interrupted once the listing is under way: its first primes are out, its handler installed.
    child.stdout.once('data', () => child.kill('SIGINT'));
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(status).toBe(130);
    expect(stderr).toBe('numaccel: interrupted\n');
  });
});
