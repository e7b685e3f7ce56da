/**
 * The pure-TypeScript reference geodesics (src/backends/js/geodesic*.ts, fdlibm.ts) against
 * GeographicLib's JavaScript port, the npm package geographiclib-geodesic (the same algorithms
 * on the platform's libm), on random and special inputs (the GeodSolve and Planimeter fixtures are
 * checked on every build in geodesic.test.ts); plus the elementary functions against V8's Math, the batch entry
 * points against the scalar ones bit for bit, and a sweep for NaN. Seeds are fixed.
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { greatCircle } from '../src/backends/js/geo.js';
import {
  ROUNDOFF,
  SINCOS,
  angDiff,
  angNormalize,
  angRound,
  atan2,
  atan2d,
  cbrt,
  hypot,
  remainder,
  sincos,
  sincosd,
  sincosde,
} from '../src/backends/js/fdlibm.js';
import {
  geodesicDirect,
  geodesicDistance,
  geodesicDistanceMany,
  geodesicDistanceMatrix,
  geodesicInverse,
} from '../src/backends/js/geodesic.js';
import { geodesicArea } from '../src/backends/js/geodesic-area.js';

type GeographicLib = typeof import('geographiclib-geodesic');
const require = createRequire(import.meta.url);
const { Geodesic, Math: GMath } = require('geographiclib-geodesic') as GeographicLib;

const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
/** Ellipsoids for the random comparisons: WGS84, a sphere, ±1/150, ±1/50 (the facade's bound), a unit one. */
const ELLIPSOIDS: readonly [number, number][] = [
  [WGS84_A, WGS84_F],
  [6371008.8, 0],
  [6378137, 1 / 150],
  [6378137, -1 / 150],
  [6378137, 1 / 50],
  [6378137, -1 / 50],
  [1, 1 / 298.257223563],
];
/** GeographicLib's own accuracy is ~15 nm on WGS84 and ~30 nm at |f| = 1/50 (its documentation). */
const distanceTolerance = (a: number, f: number): number => (Math.abs(f) > 0.01 ? 3e-8 : 1.5e-8) * (a / WGS84_A);

const SCRATCH = new Float64Array(3);
function inverse(lon1: number, lat1: number, lon2: number, lat2: number, a = WGS84_A, f = WGS84_F): [number, number, number] {
  geodesicInverse(lon1, lat1, lon2, lat2, a, f, SCRATCH);
  return [SCRATCH[0]!, SCRATCH[1]!, SCRATCH[2]!];
}
function direct(lon1: number, lat1: number, azi1: number, s12: number, a = WGS84_A, f = WGS84_F): [number, number, number] {
  geodesicDirect(lon1, lat1, azi1, s12, a, f, SCRATCH);
  return [SCRATCH[0]!, SCRATCH[1]!, SCRATCH[2]!];
}
const AREA_OUT = new Float64Array(2);
function area(lons: number[], lats: number[], a = WGS84_A, f = WGS84_F): [number, number] {
  geodesicArea(Float64Array.from(lons), Float64Array.from(lats), a, f, AREA_OUT);
  return [AREA_OUT[0]!, AREA_OUT[1]!];
}
const geodesics = new Map<string, InstanceType<GeographicLib['Geodesic']['Geodesic']>>();
function reference(a: number, f: number): InstanceType<GeographicLib['Geodesic']['Geodesic']> {
  const key = `${a} ${f}`;
  let g = geodesics.get(key);
  if (!g) geodesics.set(key, (g = new Geodesic.Geodesic(a, f)));
  return g;
}

/** Two angles' difference in degrees modulo 360, in [0, 180]. */
const apart = (x: number, y: number): number => Math.abs(((((x - y) % 360) + 540) % 360) - 180);
/**
 * An azimuth is defined to ~1 nm of position error divided by the length (short lines are
 * ill-conditioned in the inputs' last bits), and not at all for coincident points.
 */
const azimuthTolerance = (s12: number): number => 1e-9 + (1e-9 / s12) * (180 / Math.PI);
/**
 * Next to the antipode of point 1 the azimuths turn fast with point 2's position: allow 1e-8 m of
 * position error divided by point 2's distance from that antipode (sAnti).
 */
const nearAntipodeTolerance = (s12: number, sAnti: number): number => azimuthTolerance(s12) + (1e-8 / sAnti) * (180 / Math.PI);

/** A seeded uniform generator (mulberry32), so that failures reproduce. */
function prng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261207);
const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rand();
/** A latitude uniform on the sphere, sometimes exactly special. */
function latitude(): number {
  const u = rand();
  if (u < 0.02) return [90, -90, 0, -0][Math.floor(rand() * 4)]!;
  return (Math.asin(2 * rand() - 1) * 180) / Math.PI;
}

/** Random pairs of every kind: uniform, nearly antipodal, short, equatorial, meridional, polar. */
function randomPair(): [number, number, number, number] {
  const lon1 = uniform(-180, 180);
  const lat1 = latitude();
  switch (Math.floor(rand() * 6)) {
    case 0:
      return [lon1, lat1, lon1 + 180 + uniform(-1, 1) * 10 ** uniform(-12, 0), -lat1 + uniform(-1, 1) * 10 ** uniform(-12, 0)];
    case 1:
      return [lon1, lat1, lon1 + uniform(-1, 1) * 10 ** uniform(-9, -1), lat1 + uniform(-1, 1) * 10 ** uniform(-9, -1)];
    case 2:
      return [lon1, 0, uniform(-180, 180), 0];
    case 3:
      return [lon1, lat1, lon1 + (rand() < 0.5 ? 0 : 180), latitude()];
    case 4:
      return [lon1, rand() < 0.5 ? 90 : -90, uniform(-180, 180), latitude()];
    default:
      return [lon1, lat1, uniform(-540, 540), latitude()];
  }
}
const clampLat = (lat: number): number => (lat > 90 ? 90 : lat < -90 ? -90 : lat);

/** Units in the last place between a and b (0 if equal). */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const m = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) / 2 ** (Math.max(Math.floor(Math.log2(m)), -1022) - 52);
}

describe('fdlibm.ts elementary functions', () => {
  it('sincos matches V8 (fdlibm) within 1 ulp or 1 ulp of 1, with exact reduction up to 1.8e308', () => {
    let worst = 0;
    for (const range of [1, 4, 100, 1e5, 2e6, 1e9, 1e16, 1e22, 1e100, 1e200, 1.7e308]) {
      for (let i = 0; i < 2000; i++) {
        const x = range * (2 * rand() - 1);
        sincos(x);
        const s = Math.sin(x);
        const c = Math.cos(x);
        worst = Math.max(worst, Math.min(ulps(SINCOS[0]!, s), Math.abs(SINCOS[0]! - s) / 2.2e-16));
        worst = Math.max(worst, Math.min(ulps(SINCOS[1]!, c), Math.abs(SINCOS[1]! - c) / 2.2e-16));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
    sincos(1e22); // the classic hard case for argument reduction: correctly rounded (mpmath, 50 digits)
    expect([SINCOS[0], SINCOS[1]]).toEqual([-0.8522008497671888, 0.523214785395139]);
    sincos(-0);
    expect(Object.is(SINCOS[0], -0)).toBe(true);
    expect(SINCOS[1]).toBe(1);
  });

  it('sincosd is exact at multiples of 30 and 45 degrees, with GeographicLib signed zeros', () => {
    const cases: [number, number, number][] = [
      [0, 0, 1],
      [-0, -0, 1],
      [30, 0.5, Math.sqrt(0.75)],
      [45, Math.sqrt(0.5), Math.sqrt(0.5)],
      [90, 1, 0],
      [-90, -1, 0],
      [135, Math.sqrt(0.5), -Math.sqrt(0.5)],
      [180, 0, -1],
      [-180, -0, -1],
      [270, -1, 0],
      [360, 0, 1],
      [-360, -0, 1],
      [1e300, 0, 1],
    ];
    for (const [x, s, c] of cases) {
      sincosd(x);
      expect([SINCOS[0], SINCOS[1]], `sincosd(${x})`).toEqual([s, c]);
      expect(Object.is(SINCOS[0], s), `sign of sin(${x})`).toBe(true);
    }
    for (let i = 0; i < 2000; i++) {
      const x = uniform(-720, 720);
      sincosd(x);
      const [s, c] = [SINCOS[0]!, SINCOS[1]!];
      const g = GMath.sincosd(x);
      expect(Math.abs(s - g.s) + Math.abs(c - g.c)).toBeLessThan(4.5e-16);
      sincosd(x + 3600); // exact reduction: the same bits a whole number of turns away
      if (x + 3600 - 3600 === x) expect([SINCOS[0], SINCOS[1]]).toEqual([s, c]);
      sincosde(x, 1e-14);
      expect(Math.abs(SINCOS[0]! - GMath.sincosde(x, 1e-14).s)).toBeLessThan(4.5e-16);
    }
  });

  it('atan2 and atan2d: within 2 ulps of V8, C signed-zero rules, exact special angles', () => {
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const y = uniform(-1, 1) * 10 ** uniform(-20, 20);
      const x = uniform(-1, 1) * 10 ** uniform(-20, 20);
      worst = Math.max(worst, ulps(atan2(y, x), Math.atan2(y, x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
    for (const [y, x] of [
      [0, 1],
      [-0, 1],
      [0, -1],
      [-0, -1],
      [0, -0],
      [-0, -0],
      [0, 0],
      [1, 0],
      [-1, 0],
      [1, -0],
      [-1, -0],
      [3, 3],
      [-2, -2],
    ] as const) {
      expect(Object.is(atan2(y, x), Math.atan2(y, x)), `atan2(${Object.is(y, -0) ? '-0' : y}, ${Object.is(x, -0) ? '-0' : x})`).toBe(true);
    }
    const exact: [number, number, number][] = [
      [0, 1, 0],
      [-0, 1, -0],
      [1, 1, 45],
      [1, 0, 90],
      [1, -1, 135],
      [0, -1, 180],
      [-0, -1, -180],
      [-1, -1, -135],
      [-1, 0, -90],
      [-1, 1, -45],
    ];
    for (const [y, x, deg] of exact) expect(Object.is(atan2d(y, x), deg), `atan2d(${y}, ${x})`).toBe(true);
  });

  it('cbrt within 1 ulp and hypot within 2 ulps of V8 (correctly rounded-ish) over the whole range, subnormals included', () => {
    let worstCbrt = 0;
    let worstHypot = 0;
    for (let i = 0; i < 20000; i++) {
      const x = uniform(-1, 1) * 10 ** uniform(-320, 308);
      worstCbrt = Math.max(worstCbrt, ulps(cbrt(x), Math.cbrt(x)));
      const y = uniform(-1, 1) * 10 ** uniform(-320, 308);
      const z = x * 10 ** uniform(-5, 5);
      worstHypot = Math.max(worstHypot, ulps(hypot(y, z), Math.hypot(y, z)));
    }
    expect(worstCbrt).toBeLessThanOrEqual(1);
    expect(worstHypot).toBeLessThanOrEqual(2); // sqrt(a² + b²): ~1 ulp from the exact value
    expect([cbrt(-8), cbrt(27), cbrt(0), Object.is(cbrt(-0), -0)]).toEqual([-2, 3, 0, true]);
    expect([hypot(3e-200, 4e-200), hypot(0, 0), hypot(5e-324, 0), hypot(1e308, 1e308)]).toEqual([
      5e-200,
      0,
      5e-324,
      Math.hypot(1e308, 1e308),
    ]);
  });

  it('remainder, angNormalize, angDiff and angRound are exact and agree with GeographicLib', () => {
    const specials = [0, -0, 180, -180, 360, -360, 540, -540, 720, 1e6, -1e6, 1e300, 179.99999999999997, 45.5, -0.1];
    const values = [...specials, ...Array.from({ length: 3000 }, () => uniform(-1, 1) * 10 ** uniform(-20, 20))];
    for (const x of values) {
      const r = remainder(x, 360);
      expect(Math.abs(r)).toBeLessThanOrEqual(180);
      if (Math.abs(x) < 1e15) expect(Number.isInteger((x - r) / 360)).toBe(true);
      expect(Object.is(angNormalize(x), GMath.AngNormalize(x)), `angNormalize(${x})`).toBe(true);
      expect(Object.is(angRound(x), GMath.AngRound(x)), `angRound(${x})`).toBe(true);
    }
    for (let i = 0; i < 3000; i++) {
      const x = values[Math.floor(rand() * values.length)]!;
      const y = rand() < 0.3 ? values[Math.floor(rand() * values.length)]! : x + uniform(-400, 400);
      const d = angDiff(x, y);
      const g = GMath.AngDiff(x, y);
      expect([d, ROUNDOFF[0]], `angDiff(${x}, ${y})`).toEqual([g.d, g.e]);
    }
    expect([remainder(180, 360), remainder(540, 360), remainder(-540, 360), Object.is(remainder(-360, 360), -0)]).toEqual([
      180,
      -180,
      180,
      true,
    ]);
  });
});

describe('geodesicInverse against GeographicLib', () => {
  it('geographiclib-geodesic on random and special pairs of six ellipsoids: 15 nm (30 nm at |f| = 1/50)', () => {
    for (const [a, f] of ELLIPSOIDS) {
      const g = reference(a, f);
      for (let i = 0; i < 6000; i++) {
        const [lon1, lat1, lon2, lat2r] = randomPair();
        const lat2 = clampLat(lat2r);
        const [s12, z1, z2] = inverse(lon1, lat1, lon2, lat2, a, f);
        const r = g.Inverse(lat1, lon1, lat2, lon2);
        const label = `${a} ${f}: ${lon1} ${lat1} ${lon2} ${lat2}: ${s12} ${z1} ${z2} vs ${r.s12} ${r.azi1} ${r.azi2}`;
        expect(Math.abs(s12 - r.s12!), label).toBeLessThanOrEqual(distanceTolerance(a, f));
        if (r.s12 === 0) continue;
        // Azimuths are not defined between the two poles; elsewhere their conditioning sets the bound.
        if (Math.abs(lat1) === 90 && Math.abs(lat2) === 90) continue;
        const scale = a === 1 ? WGS84_A : 1;
        const sAnti = g.Inverse(-lat1, lon1 + 180, lat2, lon2).s12! * scale;
        expect(Math.max(apart(z1, r.azi1!), apart(z2, r.azi2!)), label).toBeLessThanOrEqual(nearAntipodeTolerance(r.s12! * scale, sAnti));
      }
    }
  });

  it('special cases: coincident points, poles, the equator up to (1 - f)·180, antipodes', () => {
    const g = Geodesic.WGS84;
    const pairs: [number, number, number, number][] = [
      [0, 0, 0, 0],
      [10, 20, 10, 20],
      [-0, -0, 0, 0],
      [0, 90, 0, 90],
      [0, 90, 180, 90],
      [0, -90, 0, 90],
      [17, 90, -33, -90],
      [0, 0, 179.3965, 0],
      [0, 0, 179.39649408034546, 0],
      [0, 0, 179.5, 0],
      [0, 0, 180, 0],
      [0, 0, -180, 0],
      [0, 0, 90, 0],
      [0, 30, 180, -30],
      [0, 30.0000001, 180, -30],
      [1e6, 45, -1e6, -45],
      [540, 0, -540, 0],
      [0, 1e-300, 180, -1e-300],
      [0, 89.999999999, 180, 89.999999999],
      [0, 0, 0.5, 0],
      [-0.1, 0, 0.1, 0],
      [0, 45, 0, -45],
      [0, 45, 180, 45],
    ];
    for (const [lon1, lat1, lon2, lat2] of pairs) {
      const [s12, z1, z2] = inverse(lon1, lat1, lon2, lat2);
      const r = g.Inverse(lat1, lon1, lat2, lon2);
      const label = `${lon1} ${lat1} ${lon2} ${lat2}: ${s12} ${z1} ${z2} vs ${r.s12} ${r.azi1} ${r.azi2}`;
      expect(Math.abs(s12 - r.s12!), label).toBeLessThanOrEqual(1.5e-8);
      expect(apart(z1, r.azi1!), label).toBeLessThanOrEqual(1e-9);
      expect(apart(z2, r.azi2!), label).toBeLessThanOrEqual(1e-9);
    }
    const coincident = Geodesic.WGS84.Inverse(0, 0, 0, 0); // a convention: (0, 0) to itself heads south
    expect(inverse(0, 0, 0, 0)).toEqual([0, coincident.azi1, coincident.azi2]);
    expect(inverse(0, 0, 179.3, 0)[1]).toBe(90); // along the equator: exactly east
  });

  it('f = 0 is the great circle on a sphere of radius a, within 1e-8 m', () => {
    const a = 6371008.8;
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const [lon1, lat1, lon2, lat2r] = randomPair();
      const lat2 = clampLat(lat2r);
      const s12 = geodesicDistance(lon1, lat1, lon2, lat2, a, 0);
      const gc = greatCircle(lon1, lat1, lon2, lat2, a);
      worst = Math.max(worst, Math.abs(s12 - gc));
      expect(Math.abs(s12 - gc), `${lon1} ${lat1} ${lon2} ${lat2}: ${s12} ${gc}`).toBeLessThanOrEqual(1e-8);
    }
  });
});

describe('geodesicDirect against GeographicLib', () => {
  it('geographiclib-geodesic on random starts, azimuths and distances of up to ten turns', () => {
    for (const [a, f] of ELLIPSOIDS) {
      const g = reference(a, f);
      for (let i = 0; i < 4000; i++) {
        const lon1 = rand() < 0.1 ? uniform(-1e6, 1e6) : uniform(-180, 180);
        const lat1 = latitude();
        const azi1 = rand() < 0.1 ? [0, 90, 180, -180, -90, -0][Math.floor(rand() * 6)]! : uniform(-360, 360);
        const s12 = (rand() < 0.5 ? uniform(-2e7, 2e7) : uniform(-1, 1) * 10 ** uniform(-6, 8.6)) * (a / WGS84_A);
        const [x, y, z] = direct(lon1, lat1, azi1, s12, a, f);
        const r = g.Direct(lat1, lon1, azi1, s12);
        const label = `${a} ${f}: ${lon1} ${lat1} ${azi1} ${s12}: ${x} ${y} ${z} vs ${r.lon2} ${r.lat2} ${r.azi2}`;
        expect(apart(x, r.lon2!) * Math.cos((r.lat2! * Math.PI) / 180), label).toBeLessThanOrEqual(1e-11);
        expect(Math.abs(y - r.lat2!), label).toBeLessThanOrEqual(1e-11);
        if (Math.abs(r.lat2!) < 90 - 1e-9) expect(apart(z, r.azi2!), label).toBeLessThanOrEqual(1e-11);
      }
    }
  });

  it("round trips: direct(inverse(p1, p2)) lands on p2, within 30 nm (the two solutions' 15 nm each)", () => {
    let worst = 0;
    for (let i = 0; i < 10000; i++) {
      const [lon1, lat1, lon2, lat2r] = randomPair();
      const lat2 = clampLat(lat2r);
      const [s12, azi1] = inverse(lon1, lat1, lon2, lat2);
      const [x, y] = direct(lon1, lat1, azi1, s12);
      const miss = geodesicDistance(x, y, lon2, lat2, WGS84_A, WGS84_F);
      worst = Math.max(worst, miss);
      expect(miss, `${lon1} ${lat1} ${lon2} ${lat2}: ${s12} ${azi1} -> ${x} ${y}`).toBeLessThanOrEqual(3e-8);
    }
    expect(worst).toBeLessThanOrEqual(3e-8);
  });

  it('is exact far around the Earth: s12 and s12 + k·(meridian length) agree, and huge distances stay finite', () => {
    const g = Geodesic.WGS84;
    for (const s12 of [1e8, -1e8, 4e8, 1e9, 1e10]) {
      const [x, y, z] = direct(10, 20, 30, s12);
      const r = g.Direct(20, 10, 30, s12);
      expect(apart(x, r.lon2!), `${s12}`).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(y - r.lat2!), `${s12}`).toBeLessThanOrEqual(1e-9);
      expect(apart(z, r.azi2!), `${s12}`).toBeLessThanOrEqual(1e-9);
    }
    for (const s12 of [1e20, 1e100, 1e300, -1e300, 1.7976931348623157e308]) {
      const [x, y, z] = direct(10, 20, 30, s12);
      expect([x, y, z].every(Number.isFinite), `${s12}: ${x} ${y} ${z}`).toBe(true);
      expect(Math.abs(x) <= 180 && Math.abs(y) <= 90 && Math.abs(z) <= 180).toBe(true);
    }
  });
});

describe('geodesicArea against GeographicLib', () => {
  it('geographiclib-geodesic on random polygons, around poles and across the antimeridian', () => {
    for (const [a, f] of ELLIPSOIDS) {
      const g = reference(a, f);
      for (let i = 0; i < 200; i++) {
        const n = 1 + Math.floor(rand() * 12);
        const size = 10 ** uniform(-6, 2);
        const lon0 = uniform(-180, 180);
        const lat0 = uniform(-90, 90);
        const kind = i % 4;
        const lons: number[] = [];
        const lats: number[] = [];
        for (let k = 0; k < n; k++) {
          if (kind === 0) {
            // around a pole
            lons.push(lon0 + (360 * k) / n);
            lats.push((i % 8 === 0 ? -1 : 1) * (90 - size * rand()));
          } else if (kind === 1) {
            // across the antimeridian
            lons.push(180 + uniform(-size, size));
            lats.push(clampLat(lat0 + uniform(-size, size)));
          } else {
            lons.push(lon0 + uniform(-size, size));
            lats.push(clampLat(lat0 + uniform(-size, size)));
          }
        }
        const [got, p] = area(lons, lats, a, f);
        const poly = g.Polygon(false);
        for (let k = 0; k < n; k++) poly.AddPoint(lats[k]!, lons[k]!);
        const r = poly.Compute(false, true);
        // Round-off in both: 8 ulps of the sum of the edges' |S12| (each up to c²π in size, around
        // a pole), and per edge one ulp of A4 <= a²|e²| (its B42 - B41 cancels for short edges),
        // besides 1e-9 relative and 1e-4 m².
        let magnitude = 0;
        for (let k = 0; k < n; k++) {
          const e = g.Inverse(lats[k]!, lons[k]!, lats[(k + 1) % n]!, lons[(k + 1) % n]!, Geodesic.AREA);
          magnitude += Math.abs(e.S12!);
        }
        const label = `${a} ${f} ${lons} ${lats}: ${got} ${p} vs ${r.area} ${r.perimeter}`;
        expect(Math.abs(got - r.area!), label).toBeLessThanOrEqual(
          1e-9 * Math.abs(r.area!) + 8 * 2.2e-16 * magnitude + n * 2.2e-16 * a * a * Math.abs(f * (2 - f)) + 1e-4 * (a / WGS84_A) ** 2,
        );
        expect(Math.abs(p - r.perimeter), label).toBeLessThanOrEqual(distanceTolerance(a, f) * (n + 1));
      }
    }
  });

  it('degenerate polygons: fewer than 3 distinct points have area 0', () => {
    expect(area([], [])).toEqual([0, 0]);
    expect(area([10], [20])).toEqual([0, 0]);
    const [a2, p2] = area([10, 11], [20, 21]);
    expect(a2).toBe(0);
    expect(p2).toBeCloseTo(2 * inverse(10, 20, 11, 21)[0], 6);
    expect(area([10, 11, 10], [20, 21, 20])[0]).toBe(0);
    const square = area([0, 1, 1, 0], [0, 0, 1, 1]);
    expect(square[0]).toBeCloseTo(12308778361.46945, 4);
    expect(area([0, 0, 1, 1], [0, 1, 1, 0])[0]).toBeCloseTo(-12308778361.46945, 4);
  });
});

describe('geodesic kernels: bit identity, symmetries and no NaN', () => {
  it("geodesicDistance, geodesicDistanceMany and geodesicDistanceMatrix give geodesicInverse's s12 bit for bit", () => {
    const n = 400;
    const pairs = Array.from(
      { length: n },
      () => randomPair().map((v, k) => (k === 3 ? clampLat(v) : v)) as [number, number, number, number],
    );
    for (const [a, f] of ELLIPSOIDS.slice(0, 3)) {
      const cols = [0, 1, 2, 3].map((k) => Float64Array.from(pairs, (p) => p[k]!));
      const out = new Float64Array(n);
      geodesicDistanceMany(cols[0]!, cols[1]!, cols[2]!, cols[3]!, a, f, out);
      for (let i = 0; i < n; i++) {
        const [lon1, lat1, lon2, lat2] = pairs[i]!;
        const s = inverse(lon1, lat1, lon2, lat2, a, f)[0];
        expect(Object.is(geodesicDistance(lon1, lat1, lon2, lat2, a, f), s)).toBe(true);
        expect(Object.is(out[i], s)).toBe(true);
      }
      // Broadcast: one first point against every second point.
      const one = new Float64Array(n);
      geodesicDistanceMany(cols[0]!.subarray(0, 1), cols[1]!.subarray(0, 1), cols[2]!, cols[3]!, a, f, one);
      for (let i = 0; i < n; i++)
        expect(Object.is(one[i], geodesicDistance(pairs[0]![0], pairs[0]![1], pairs[i]![2], pairs[i]![3], a, f))).toBe(true);
      const m = 37;
      const k = 23;
      const matrix = new Float64Array(m * k);
      geodesicDistanceMatrix(
        cols[0]!.subarray(0, m),
        cols[1]!.subarray(0, m),
        cols[2]!.subarray(0, k),
        cols[3]!.subarray(0, k),
        a,
        f,
        matrix,
      );
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < k; j++) {
          expect(Object.is(matrix[i * k + j], geodesicDistance(pairs[i]![0], pairs[i]![1], pairs[j]![2], pairs[j]![3], a, f))).toBe(true);
        }
      }
    }
  });

  it('properties: symmetric in the points, invariant under whole turns of longitude (fast-check)', () => {
    const lon = fc.double({ min: -540, max: 540, noNaN: true });
    const lat = fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(90, -90, 0, -0));
    fc.assert(
      fc.property(lon, lat, lon, lat, fc.integer({ min: -3, max: 3 }), (lon1, lat1, lon2, lat2, turns) => {
        const s = geodesicDistance(lon1, lat1, lon2, lat2, WGS84_A, WGS84_F);
        expect(Number.isFinite(s) && s >= 0).toBe(true);
        expect(Math.abs(geodesicDistance(lon2, lat2, lon1, lat1, WGS84_A, WGS84_F) - s)).toBeLessThanOrEqual(1e-8);
        const shifted = lon1 + 360 * turns;
        if (shifted - 360 * turns === lon1) expect(geodesicDistance(shifted, lat1, lon2, lat2, WGS84_A, WGS84_F)).toBe(s);
      }),
      { numRuns: 3000, seed: 20261207 },
    );
  });

  it('no NaN anywhere: poles, ±0, wide longitudes, huge and tiny distances, every ellipsoid', () => {
    const lons = [0, -0, 180, -180, 1e6, -1e6, 540.5, 1e300, 5e-324, 123.456];
    const lats = [0, -0, 90, -90, 89.99999999999999, -89.99999999999999, 1e-300, 45, -60.5];
    const azis = [0, -0, 90, -90, 180, -180, 1e6, 45, 1e-300];
    const dists = [0, -0, 5e-324, 1e-9, 1, 1e7, 2.0003931458e7, -2e7, 1e15, 1e300, -1e300, 1.7976931348623157e308];
    const ellipsoids: [number, number][] = [...ELLIPSOIDS, [1e-3, 1 / 50], [1e9, -1 / 50], [6378137, -0]];
    const out = new Float64Array(3);
    for (const [a, f] of ellipsoids) {
      for (const lon1 of lons) {
        for (const lat1 of lats) {
          for (let k = 0; k < 12; k++) {
            const lon2 = k < 6 ? lons[k]! : uniform(-1e3, 1e3);
            const lat2 = k < 9 ? lats[k]! : latitude();
            geodesicInverse(lon1, lat1, lon2, lat2, a, f, out);
            expect([...out].every(Number.isFinite), `inverse ${lon1} ${lat1} ${lon2} ${lat2} ${a} ${f}: ${out}`).toBe(true);
            const azi = azis[k % azis.length]!;
            const s = Number.isFinite(dists[k]! * (a / WGS84_A)) ? dists[k]! * (a / WGS84_A) : dists[k]!;
            geodesicDirect(lon1, lat1, azi, s, a, f, out);
            expect([...out].every(Number.isFinite), `direct ${lon1} ${lat1} ${azi} ${s} ${a} ${f}: ${out}`).toBe(true);
            expect(Math.abs(out[0]!) <= 180 && Math.abs(out[1]!) <= 90).toBe(true);
          }
          const [ar, p] = area(
            [lon1, lon1 + 1, lon1 + 1, lons[Math.floor(rand() * lons.length)]!],
            [lat1, 0, 10, lats[Math.floor(rand() * lats.length)]!],
            a,
            f,
          );
          expect(Number.isFinite(ar) && Number.isFinite(p), `area at ${lon1} ${lat1} ${a} ${f}`).toBe(true);
        }
      }
    }
  });
});
