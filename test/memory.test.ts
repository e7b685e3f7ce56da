/**
 * Repeated large batch calls and many small calls must not grow the process: WebAssembly memory
 * is reused, native buffers are freed, worker pools are reused. Each backend runs in a child
 * process that reports its resident set size after a warm-up and again after many more rounds.
 * One of the long runs (npm run test:everywhere).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';
import { CMAKE_LABEL, LOADED } from './support/backends.js';

const SCRIPT = `
const n = require(${JSON.stringify(PACKAGE_ROOT)});
const api = n.withBackend(process.argv[1]);
const size = 1_000_000;
const lon = Float64Array.from({ length: size }, (_, i) => (i * 7.31) % 360 - 180);
const lat = Float64Array.from({ length: size }, (_, i) => (i * 3.17) % 180 - 90);
const values = Float64Array.from({ length: 100_000 }, (_, i) => i * 1_000_003);
async function round() {
  api.greatCircleMany(lon, lat, lat, lon.map((x) => x / 2));
  api.greatCircleMatrix(lon.subarray(0, 500), lat.subarray(0, 500), lon.subarray(0, 1000), lat.subarray(0, 1000));
  api.checkPrimes(values);
  api.primesBetween(1e9, 1e9 + 2e6);
  for (let i = 0; i < 2000; i++) { api.checkPrimes([i, i + 1]); api.greatCircleMany(i % 90, 0, [1, 2], 0); api.countPrimes(i, i + 100); }
  await api.countPrimesAsync(0, 2e7, { threads: 2 });
  await api.greatCircleManyAsync(lon, lat, 0, 0, { threads: 2 });
}
(async () => {
  for (let i = 0; i < 5; i++) await round();
  const samples = [];
  for (let i = 0; i < 25; i++) {
    await round();
    global.gc();
    samples.push(process.memoryUsage().rss);
  }
  console.log(JSON.stringify(samples));
})();
`;

describe('memory', () => {
  it.for(LOADED.filter((b) => b.primary && b.label !== CMAKE_LABEL).map((b) => b.backend.name))(
    '30 rounds of large and small calls do not grow the %s process',
    (backend) => {
      const result = spawnSync(process.execPath, ['--expose-gc', '-e', SCRIPT, backend], {
        encoding: 'utf8',
        timeout: 600_000,
        cwd: path.dirname(PACKAGE_ROOT),
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0); // and the process exited by itself, pools and threads included
      // RSS wanders by tens of MB as pool threads come and go, so compare the medians of the first
      // and last eight rounds: a leak of even one 8 MB result per round would add over 130 MB.
      const samples = (JSON.parse(result.stdout) as number[]).map((bytes) => bytes / 2 ** 20);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      expect(median(samples.slice(-8)) - median(samples.slice(0, 8))).toBeLessThan(48);
    },
  );
});
