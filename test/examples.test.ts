/**
 * examples/: each example run as a user runs it (`node examples/<name>.mjs` from the repository's
 * root, importing 'numaccel' through package.json's "exports", so dist/ must be built), its output
 * checked for the known answers: GeographicLib's for the geodesics, π(x) for the prime count.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';

interface GeodesicSolver {
  Inverse(lat1: number, lon1: number, lat2: number, lon2: number): { s12: number; azi1: number; azi2: number };
  Direct(lat1: number, lon1: number, azi1: number, s12: number): { lat2: number; lon2: number; azi2: number };
  Polygon(polyline: boolean): {
    AddPoint(lat: number, lon: number): void;
    Compute(reverse: boolean, sign: boolean): { area: number; perimeter: number };
  };
}
const { Geodesic } = require('geographiclib-geodesic') as { Geodesic: { WGS84: GeodesicSolver } };

/** Runs an example in a child process, as `node examples/<name>.mjs ...args` from the root. */
function example(name: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join('examples', `${name}.mjs`), ...args], { cwd: PACKAGE_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const kilometres = (metres: number) => (metres / 1000).toFixed(3);

describe('examples', () => {
  it('store-locator: Zürich is the city nearest to its centre, and the distances are GeographicLib’s', async () => {
    const { status, stdout, stderr } = await example('store-locator');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const rows = stdout
      .split('\n')
      .filter((line) => /^\s*\d+\.\s/.test(line))
      .map((line) => line.trim().split(/\s{2,}/));
    expect(rows).toHaveLength(10);
    expect(rows[0]![1]).toBe('Zürich, CH');
    const wgs84 = rows.map((row) => Number(row[2]));
    expect(wgs84).toEqual([...wgs84].sort((a, b) => a - b));
    // Basel (GeoNames: 7.57327, 47.55839) from Zürich's centre, to the metre printed.
    const basel = rows.find((row) => row[1] === 'Basel, CH')!;
    expect(basel[2]).toBe(kilometres(Geodesic.WGS84.Inverse(47.3769, 8.5417, 47.55839, 7.57327).s12));

    // Every place, down to a city's districts: still in Zürich.
    const everything = await example('store-locator', '8.5417', '47.3769', '0');
    expect(everything.stdout).toMatch(/\n\s*1\.\s+Zürich/);
    // A bad argument is a usage message and exit code 1.
    expect(await example('store-locator', '8.5')).toMatchObject({ status: 1, stderr: expect.stringContaining('usage:') });
  });

  it('prime-count-progress: reports each quarter, and the count matches π(x)', async () => {
    const { status, stdout } = await example('prime-count-progress');
    expect(status).toBe(0);
    expect(stdout).toContain('  25% done\n  50% done\n  75% done\n  100% done\n');
    // π(10^14 + 2·10^9 − 1) − π(10^14 − 1), by primecount 7.6.
    expect(stdout).toContain('62,036,118 primes');
    expect(stdout).toContain('= 62,036,118: the same count');
  });

  it('async-abort: the aborted job rejects with an AbortError, then the same job completes on two threads', async () => {
    const { status, stdout } = await example('async-abort');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Aborted: the promise rejected with AbortError \(".*aborted.*"\) \d+ ms after the start\.$/m);
    expect(stdout).toContain('Completed on 2 threads: 2,000,000 distances');
    const longest = Number(/The longest: ([\d.]+) km/.exec(stdout)![1]);
    expect(longest).toBeGreaterThan(19_900);
    expect(longest).toBeLessThan(20_003.931); // half a meridian, the longest geodesic on WGS84
  });

  it('geodesics: JFK–LHR, 1000 km east of JFK and the Bermuda triangle as GeographicLib has them', async () => {
    const { status, stdout } = await example('geodesics');
    expect(status).toBe(0);
    const inverse = Geodesic.WGS84.Inverse(40.6413, -73.7781, 51.47, -0.4543);
    expect(stdout).toContain(
      `distance ${kilometres(inverse.s12)} km; leaving at ${inverse.azi1.toFixed(4)}°, arriving at ${inverse.azi2.toFixed(4)}°`,
    );
    const direct = Geodesic.WGS84.Direct(40.6413, -73.7781, 90, 1_000_000);
    expect(stdout).toContain(`(${direct.lon2.toFixed(6)}, ${direct.lat2.toFixed(6)}), heading ${direct.azi2.toFixed(4)}° there`);
    const polygon = Geodesic.WGS84.Polygon(false);
    for (const [lon, lat] of [
      [-80.1918, 25.7617],
      [-66.1057, 18.4655],
      [-64.7505, 32.3078],
    ] as const)
      polygon.AddPoint(lat, lon);
    const { area, perimeter } = polygon.Compute(false, true);
    const km2 = (area / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 });
    expect(stdout).toContain(`area ${km2} km², perimeter ${kilometres(perimeter)} km`);
    // The sphere's errors, as the README of examples/ quotes them.
    expect(stdout).toMatch(/error -14\.\d+ km, -0\.268%/);
    expect(stdout).toMatch(/2\.5\d\d km from it/);
    expect(stdout).toMatch(/km² \(error \+0\.19\d%\)/);
  });
});
