/**
 * What test/runtime/probe.mjs must answer in every runtime: its inputs (a sample of the reference
 * data), and an assertion that computes the answers with the TypeScript backend in Node.
 */
import { expect } from 'vitest';
import * as numaccel from '../../src/index.js';
import { geodesicInverseRows, greatCircleRows, primeRows } from '../support/reference.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const GEODESIC = geodesicInverseRows().find((row) => row.tag === 'random')!;

export const PROBE_INPUT = {
  primes: primeRows()
    .filter((_, i) => i % 20 === 0)
    .map(({ n }) => (n <= MAX_SAFE ? Number(n) : n.toString())),
  distances: greatCircleRows()
    .filter((_, i) => i % 8 === 0)
    .map(({ lon1, lat1, lon2, lat2 }) => [lon1, lat1, lon2, lat2]),
  /** A WGS84 geodesic of the GeodSolve fixture: lon1, lat1, lon2, lat2. */
  geodesic: [GEODESIC.lon1, GEODESIC.lat1, GEODESIC.lon2, GEODESIC.lat2],
};

/** The probe's code, to inline into pages and workers that cannot import a file by path. */
export const PROBE_FILE = new URL('./probe.mjs', import.meta.url);

interface ProbeResult {
  platform: string;
  firstCall: boolean;
  builds: Record<string, string>;
  selected: Record<string, string>;
  perBackend: Record<
    string,
    {
      build: string;
      primes: boolean[];
      distances: number[];
      count: number;
      many: number[];
      geodesic: { distance: number; azimuth1: number; azimuth2: number };
      geodesicDirect: { lon: number; lat: number; azimuth: number };
      geodesicArea: { area: number; perimeter: number };
    }
  >;
  errors: Array<{ value?: unknown; error?: string; message?: string }>;
  async?: { count: number; lastProgress: number; matrix: number[]; primes: number[]; aborted: string };
}

const js = numaccel.withBackend('js');
const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
};

/** Checks a probe result: the platform, which backends serve there, and every answer. */
export function expectProbe(result: unknown, expected: { platform: string; backends: readonly string[]; async?: boolean }): void {
  const got = result as ProbeResult;
  expect(got.platform).toBe(expected.platform);
  expect(got.firstCall).toBe(true);
  expect(Object.keys(got.perBackend).sort()).toEqual([...expected.backends].sort());
  for (const [backend, answers] of Object.entries(got.perBackend)) {
    const label = `${expected.platform} ${answers.build}`;
    expect(answers.primes, label).toEqual(PROBE_INPUT.primes.map((n) => js.checkPrime(typeof n === 'string' ? BigInt(n) : n)));
    // greatCircle is bit-identical in every build; greatCircleMany within a few ulps on FMA builds.
    expect(answers.distances, label).toEqual(PROBE_INPUT.distances.map(([a, b, c, d]) => js.greatCircle(a!, b!, c!, d!, { radius: 1 })));
    expect(answers.count, label).toBe(78_498);
    const many = js.greatCircleMany([0, 10, -170], [0, 20, 89.5], 30, 40, { radius: 1 });
    answers.many.forEach((d, i) => expect(Math.abs(d - many[i]!), `${label} many[${i}]`).toBeLessThanOrEqual(4e-16 * many[i]!));
    // The geodesics are bit-identical in every build, and within 15 nm of GeodSolve.
    const [lon1, lat1, lon2, lat2] = PROBE_INPUT.geodesic as [number, number, number, number];
    expect(answers.geodesic, label).toEqual(js.geodesicInverse(lon1, lat1, lon2, lat2));
    expect(Math.abs(answers.geodesic.distance - GEODESIC.distance), label).toBeLessThanOrEqual(15e-9);
    expect(answers.geodesicDirect, label).toEqual(js.geodesicDirect(lon1, lat1, 45, 1e7));
    expect(answers.geodesicArea, label).toEqual(js.geodesicArea([0, 10, 10, 0], [0, 0, 10, 10], { unit: 'km' }));
    expect(backend).toBe(answers.build.split(':')[0]);
  }
  for (const build of Object.values(got.selected)) expect(got.builds[build], `selected ${build}`).toBe('loaded');
  const errors = [
    () => js.checkPrime('7' as never),
    () => js.checkPrime(2 ** 53),
    () => js.greatCircle(0, 91, 0, 0),
    () => js.countPrimes(5, 1),
    () => js.greatCircleMany([0, 1], [0], 0, 0),
    () => numaccel.setBackend('gpu' as never),
    () => js.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 6378137, f: 0.1 } }),
  ].map(outcome);
  expect(got.errors).toEqual(errors);
  if (expected.async !== false) {
    const { matrix, ...rest } = got.async!;
    expect(rest).toEqual({ count: 148_933, lastProgress: 1, primes: [0, 1, 1, 0, 1, 1], aborted: 'AbortError' });
    const exact = js.greatCircleMatrix([0, 1], [0, 1], [2, 3], [2, 3], { radius: 1 });
    matrix.forEach((d, i) => expect(Math.abs(d - exact[i]!), `async matrix[${i}]`).toBeLessThanOrEqual(4e-16 * exact[i]!));
  }
}
