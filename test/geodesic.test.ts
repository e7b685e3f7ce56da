/**
 * The geodesic functions on every backend, through the public API bound to one build: against
 * GeographicLib's own GeodSolve and Planimeter (test/fixtures/geodesic_*.tsv), bit for bit against
 * the TypeScript reference, and with their options and special cases.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/bench/inputs.js';
import { ELLIPSOIDS } from '../src/geodesic-arguments.js';
import { REFERENCE, buildsFor } from './support/backends.js';
import { angleApart, geodesicDirectRows, geodesicInverseRows, geodesicPolygonRows } from './support/reference.js';

const INVERSE = geodesicInverseRows();
const DIRECT = geodesicDirectRows();
const POLYGONS = geodesicPolygonRows();
const GEODESIC_KERNELS = [
  'geodesicInverse',
  'geodesicDistance',
  'geodesicDirect',
  'geodesicDistanceMany',
  'geodesicDistanceMatrix',
  'geodesicArea',
] as const;

/** Distances within 15 nm of GeodSolve (Karney 2013's bound for the order-6 series). */
const DISTANCE_TOLERANCE_M = 15e-9;
const RADIANS = Math.PI / 180;

/**
 * Whether two azimuths agree where the azimuth is defined: within 1e-9°, or within a sideways
 * displacement of 1e-8 m at the far end (a micrometre line's direction is fixed only to about
 * 1 nm ÷ its length by the inputs' last bits).
 */
const azimuthsAgree = (got: number, expected: number, distance: number): boolean => {
  const apart = angleApart(got, expected);
  return apart <= 1e-9 || apart * RADIANS * distance <= 1e-8;
};

/** The points where an azimuth is a convention (coincident points) or not unique (opposite poles). */
const azimuthDefined = (row: { lat1: number; lat2: number; distance: number }): boolean =>
  row.distance > 0 && !(Math.abs(row.lat1) === 90 && row.lat2 === -row.lat1);

/** Random pairs and special inputs for the bit-for-bit comparisons. */
function samplePairs(count: number): Float64Array[] {
  const random = seededRandom(24);
  const columns = [0, 1, 2, 3].map(() => new Float64Array(count));
  const special = [
    [0, 0, 0, 0],
    [0, 90, 0, -90],
    [10, 90, -170, 90],
    [0, 0, 180, 0],
    [0, 0, 179.5, 0],
    [-0, -0, 0, 0],
    [1e6, 45, -1e6, -45],
    [540, 89.999999, 180, -89.999999],
    [0, 1e-300, 180, -1e-300],
    [0, 30, 179.9999999, -30],
  ];
  for (let i = 0; i < count; i++) {
    const row = i < special.length ? special[i]! : [random() * 720 - 360, random() * 180 - 90, random() * 720 - 360, random() * 180 - 90];
    row.forEach((value, k) => (columns[k]![i] = value));
  }
  return columns;
}

describe.each(buildsFor([...GEODESIC_KERNELS]))('geodesics: $label', ({ api }) => {
  it(`geodesicInverse agrees with GeodSolve on ${INVERSE.length} geodesics (distances within 15 nm, azimuths within 1e-9°)`, () => {
    const wrong: string[] = [];
    for (const row of INVERSE) {
      const ellipsoid = { a: row.a, f: row.f };
      const got = api.geodesicInverse(row.lon1, row.lat1, row.lon2, row.lat2, { ellipsoid });
      const where = `${row.tag} (${row.lon1}, ${row.lat1}) → (${row.lon2}, ${row.lat2})`;
      if (!(Math.abs(got.distance - row.distance) <= DISTANCE_TOLERANCE_M))
        wrong.push(`${where}: distance ${got.distance}, GeodSolve ${row.distance}`);
      if (
        azimuthDefined(row) &&
        !(azimuthsAgree(got.azimuth1, row.azimuth1, row.distance) && azimuthsAgree(got.azimuth2, row.azimuth2, row.distance))
      ) {
        wrong.push(`${where}: azimuths ${got.azimuth1}, ${got.azimuth2}; GeodSolve ${row.azimuth1}, ${row.azimuth2}`);
      }
      if (!(Math.abs(got.azimuth1) <= 180 && Math.abs(got.azimuth2) <= 180)) wrong.push(`${where}: azimuths out of [-180, 180]`);
    }
    expect(wrong).toEqual([]);
  });

  it('geodesicDistance is geodesicInverse’s distance, bit for bit', () => {
    for (const row of INVERSE) {
      const ellipsoid = { a: row.a, f: row.f };
      const distance = api.geodesicDistance(row.lon1, row.lat1, row.lon2, row.lat2, { ellipsoid });
      expect(Object.is(distance, api.geodesicInverse(row.lon1, row.lat1, row.lon2, row.lat2, { ellipsoid }).distance)).toBe(true);
    }
  });

  it(`geodesicDirect agrees with GeodSolve on ${DIRECT.length} geodesics (positions within 1e-11°)`, () => {
    const wrong: string[] = [];
    for (const row of DIRECT) {
      const got = api.geodesicDirect(row.lon1, row.lat1, row.azimuth1, row.distance, { ellipsoid: { a: row.a, f: row.f } });
      const where = `${row.tag} (${row.lon1}, ${row.lat1}) at ${row.azimuth1}° for ${row.distance} m`;
      // Longitude error counts as the displacement it makes: nothing at a pole.
      const lonApart = angleApart(got.lon, row.lon2) * Math.cos(row.lat2 * RADIANS);
      if (!(Math.abs(got.lat - row.lat2) <= 1e-11 && lonApart <= 1e-11))
        wrong.push(`${where}: (${got.lon}, ${got.lat}), GeodSolve (${row.lon2}, ${row.lat2})`);
      if (Math.abs(row.lat2) < 89.99 && !(angleApart(got.azimuth, row.azimuth2) <= 1e-9))
        wrong.push(`${where}: azimuth ${got.azimuth}, GeodSolve ${row.azimuth2}`);
      if (!(Math.abs(got.lon) <= 180)) wrong.push(`${where}: lon ${got.lon} out of [-180, 180]`);
    }
    expect(wrong).toEqual([]);
  });

  it(`geodesicArea agrees with Planimeter on ${POLYGONS.length} polygons (areas within 1e-9 relative, perimeters within 15 nm a side)`, () => {
    const wrong: string[] = [];
    for (const row of POLYGONS) {
      const got = api.geodesicArea(row.lons, row.lats, { ellipsoid: { a: row.a, f: row.f } });
      // Planimeter prints areas to 1e-5 m².
      if (!(Math.abs(got.area - row.area) <= 1e-9 * Math.abs(row.area) + 1e-4))
        wrong.push(`${row.tag}: area ${got.area}, Planimeter ${row.area}`);
      if (!(Math.abs(got.perimeter - row.perimeter) <= DISTANCE_TOLERANCE_M * row.lons.length)) {
        wrong.push(`${row.tag}: perimeter ${got.perimeter}, Planimeter ${row.perimeter}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('direct then inverse comes back to the start (round trips on random WGS84 geodesics)', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const [lon1, lat1, azimuth1] = [random() * 360 - 180, random() * 180 - 90, random() * 360 - 180];
      const distance = random() * 1.9e7;
      const end = api.geodesicDirect(lon1, lat1, azimuth1, distance);
      const back = api.geodesicInverse(lon1, lat1, end.lon, end.lat);
      expect(Math.abs(back.distance - distance), `${lon1}, ${lat1}, ${azimuth1}, ${distance}`).toBeLessThan(1e-7);
    }
  });

  it('geodesicDistanceMany and geodesicDistanceMatrix are the scalar distances, bit for bit, with broadcast', () => {
    const [lon1, lat1, lon2, lat2] = samplePairs(3000);
    const many = api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!);
    many.forEach((d, i) => expect(Object.is(d, api.geodesicDistance(lon1![i]!, lat1![i]!, lon2![i]!, lat2![i]!)), `pair ${i}`).toBe(true));
    const fromOne = api.geodesicDistanceMany(8.54, 47.37, lon2!, lat2!);
    fromOne.forEach((d, i) => expect(Object.is(d, api.geodesicDistance(8.54, 47.37, lon2![i]!, lat2![i]!))).toBe(true));
    const matrix = api.geodesicDistanceMatrix(lon1!.subarray(0, 40), lat1!.subarray(0, 40), lon2!.subarray(0, 30), lat2!.subarray(0, 30));
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < 30; j++)
        expect(Object.is(matrix[i * 30 + j], api.geodesicDistance(lon1![i]!, lat1![i]!, lon2![j]!, lat2![j]!))).toBe(true);
  });

  it('returns no NaN on random and extreme inputs (poles, 1e6° longitudes, distances up to 1e300 m)', () => {
    const [lon1, lat1, lon2, lat2] = samplePairs(5000);
    expect(api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!).every((d) => d >= 0 && d < 2.1e7)).toBe(true);
    for (const distance of [0, -0, 1e-300, 1e7, -4e7, 1e15, 1e100, 1e300, -1e300]) {
      for (const [lat, azimuth] of [
        [0, 90],
        [90, 0],
        [-90, 45],
        [45.5, 1e6],
        [-0, -180],
      ]) {
        const end = api.geodesicDirect(1e6, lat!, azimuth!, distance);
        expect([end.lon, end.lat, end.azimuth].every(Number.isFinite), `${lat}, ${azimuth}, ${distance}`).toBe(true);
        expect(Math.abs(end.lat) <= 90 && Math.abs(end.lon) <= 180).toBe(true);
      }
    }
  });

  it('units and ellipsoids: km, mi and nmi scale metres; GRS80 differs from WGS84; f = 0 is greatCircle on radius a', () => {
    const metres = api.geodesicDistance(-72.345, 34.323, -61.823, 54.826);
    expect(api.geodesicDistance(-72.345, 34.323, -61.823, 54.826, { unit: 'km' })).toBe(metres / 1000);
    expect(api.geodesicDistance(-72.345, 34.323, -61.823, 54.826, { unit: 'mi' })).toBe(metres / 1609.344);
    expect(api.geodesicDistance(-72.345, 34.323, -61.823, 54.826, { unit: 'nmi' })).toBe(metres / 1852);
    expect(api.geodesicDistance(-72.345, 34.323, -61.823, 54.826, { ellipsoid: 'WGS84' })).toBe(metres);
    const grs80 = api.geodesicDistance(-72.345, 34.323, -61.823, 54.826, { ellipsoid: 'GRS80' });
    expect(grs80).not.toBe(metres);
    expect(Math.abs(grs80 - metres)).toBeLessThan(1e-3);
    const a = ELLIPSOIDS.WGS84.a;
    const [lon1, lat1, lon2, lat2] = samplePairs(2000);
    for (let i = 0; i < 2000; i++) {
      const sphere = api.geodesicDistance(lon1![i]!, lat1![i]!, lon2![i]!, lat2![i]!, { ellipsoid: { a, f: 0 } });
      expect(
        Math.abs(sphere - api.greatCircle(lon1![i]!, lat1![i]!, lon2![i]!, lat2![i]!, { radius: a })),
        `pair ${i}`,
      ).toBeLessThanOrEqual(1e-8);
    }
    const square = api.geodesicArea([0, 1, 1, 0], [0, 0, 1, 1]);
    expect(api.geodesicArea([0, 1, 1, 0], [0, 0, 1, 1], { unit: 'km' })).toEqual({
      area: square.area / 1e6,
      perimeter: square.perimeter / 1000,
    });
    expect(api.geodesicArea([0, 0, 1, 1], [0, 1, 1, 0]).area).toBe(-square.area);
  });
});

describe('geodesics: every build returns the reference’s bits', () => {
  const [lon1, lat1, lon2, lat2] = samplePairs(20_000);
  const expected = REFERENCE.api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!);
  it.each(buildsFor([...GEODESIC_KERNELS]).filter((build) => build !== REFERENCE))('$label', ({ api }) => {
    const got = api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!);
    const differing = [...got.keys()].filter((i) => !Object.is(got[i], expected[i]));
    expect(differing.slice(0, 5).map((i) => `pair ${i}: ${got[i]} vs ${expected[i]}`)).toEqual([]);
    for (let i = 0; i < 2000; i++) {
      const [lon, lat, azimuth, distance] = [lon1![i]!, lat1![i]!, lon2![i]!, Math.abs(lat2![i]!) * 3e5];
      expect(api.geodesicDirect(lon, lat, azimuth, distance)).toEqual(REFERENCE.api.geodesicDirect(lon, lat, azimuth, distance));
      expect(api.geodesicInverse(lon1![i]!, lat1![i]!, lon2![i]!, lat2![i]!)).toEqual(
        REFERENCE.api.geodesicInverse(lon1![i]!, lat1![i]!, lon2![i]!, lat2![i]!),
      );
    }
    for (const polygon of POLYGONS) {
      const ellipsoid = { a: polygon.a, f: polygon.f };
      expect(api.geodesicArea(polygon.lons, polygon.lats, { ellipsoid })).toEqual(
        REFERENCE.api.geodesicArea(polygon.lons, polygon.lats, { ellipsoid }),
      );
    }
  });
});

/**
 * Pairs that take the rare paths of the SIMD batch kernels (Newton's iteration in lanes,
 * native/kernels/geodesic_impl.h): nearly antipodal pairs needing many iterations or bisection,
 * equatorial and meridional ones, exact 0/30/45/90 degree latitudes, short lines, ±180 and zero
 * longitude differences, longitudes beyond ±180.
 */
function adversarialPairs(count: number, seed: number): Float64Array[] {
  const random = seededRandom(seed);
  const columns = [0, 1, 2, 3].map(() => new Float64Array(count));
  const special = [0, 30, 45, 60, 90, -30, -45, -90, 1e-300, 1e-20];
  for (let i = 0; i < count; i++) {
    const lon1 = random() * 360 - 180;
    const lat1 = Math.asin(random() * 2 - 1) / RADIANS;
    const tiny = 10 ** (-1 - 15 * random());
    const s = special[Math.floor(random() * special.length)]!;
    const rows = [
      [lon1, lat1, lon1 + 180 - tiny, -lat1 + tiny * (random() - 0.5)],
      [lon1, lat1, lon1 + 179 + random(), -lat1],
      [lon1, 0, lon1 + 179 + random(), tiny * (random() - 0.5)],
      [lon1, lat1, lon1 + tiny, lat1 + tiny],
      [lon1, Math.round(lat1), lon1 + 180 - Math.round(random() * 3), -Math.round(lat1)],
      [lon1, s, lon1 + [0, 90, 180, 179.99][Math.floor(random() * 4)]!, -s],
      [lon1 + 360 * Math.round(random() * 4 - 2), lat1, random() * 360 - 180, Math.asin(random() * 2 - 1) / RADIANS],
      [lon1, s, random() * 360 - 180, Math.asin(random() * 2 - 1) / RADIANS],
    ];
    rows[i % rows.length]!.forEach((value, k) => (columns[k]![i] = value));
  }
  return columns;
}

describe('geodesics: every build returns the reference’s bits on the SIMD kernels’ rare paths', () => {
  const ellipsoids = [ELLIPSOIDS.WGS84, { a: 1, f: 1 / 50 }, { a: 6.4e6, f: -1 / 150 }, { a: 6371e3, f: 0 }, { a: 1e-3, f: 1 / 100 }];
  it.each(buildsFor(['geodesicDistanceMany', 'geodesicDistanceMatrix']).filter((build) => build !== REFERENCE))('$label', ({ api }) => {
    const wrong: string[] = [];
    const check = (got: Float64Array, expected: Float64Array, what: string): void => {
      const i = [...got.keys()].find((k) => !Object.is(got[k], expected[k]));
      if (i !== undefined || got.length !== expected.length) wrong.push(`${what} pair ${i}: ${got[i!]} vs ${expected[i!]}`);
    };
    ellipsoids.forEach((ellipsoid, e) => {
      const [lon1, lat1, lon2, lat2] = adversarialPairs(4000, 100 + e);
      const options = { ellipsoid };
      check(
        api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!, options),
        REFERENCE.api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!, options),
        `f=${ellipsoid.f}`,
      );
      // Lengths that are not multiples of any lane count, and a single regular pair among special ones.
      for (let n = 1; n <= 40; n += 3) {
        const [a, b, c, d] = [lon1, lat1, lon2, lat2].map((column) => column!.slice(8 * n, 9 * n));
        check(api.geodesicDistanceMany(a!, b!, c!, d!, options), REFERENCE.api.geodesicDistanceMany(a!, b!, c!, d!, options), `n=${n}`);
      }
      // Broadcast inputs.
      check(
        api.geodesicDistanceMany(lon1![6]!, lat1![6]!, lon2!, lat2!, options),
        REFERENCE.api.geodesicDistanceMany(lon1![6]!, lat1![6]!, lon2!, lat2!, options),
        'broadcast',
      );
      check(
        api.geodesicDistanceMany(lon1!, lat1!, -170, -10, options),
        REFERENCE.api.geodesicDistanceMany(lon1!, lat1!, -170, -10, options),
        'broadcast 2',
      );
      const [a, b, c, d] = [lon1, lat1, lon2, lat2].map((column) => column!.slice(0, 61));
      check(api.geodesicDistanceMatrix(a!, b!, c!, d!, options), REFERENCE.api.geodesicDistanceMatrix(a!, b!, c!, d!, options), 'matrix');
    });
    expect(wrong).toEqual([]);
  });
});

describe('geodesics: every build returns the reference’s bits when whole blocks of pairs take Newton’s iteration', () => {
  // Mid-latitude long lines take no scalar path, so the SIMD kernels queue every pair of a block
  // (geodesic_impl.h pads the queue's final states to a multiple of its lane count).
  const random = seededRandom(31);
  const count = 3000;
  const [lon1, lat1, lon2, lat2] = [0, 1, 2, 3].map(() => new Float64Array(count));
  for (let i = 0; i < count; i++) {
    lon1![i] = random() * 10;
    lat1![i] = 10 + random() * 40;
    lon2![i] = 40 + random() * 100;
    lat2![i] = -5 - random() * 50;
  }
  const many = REFERENCE.api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!);
  const [a, b] = [lon1!.subarray(0, 70), lat1!.subarray(0, 70)];
  const [c, d] = [lon2!.subarray(0, 65), lat2!.subarray(0, 65)];
  const matrix = REFERENCE.api.geodesicDistanceMatrix(a, b, c, d);
  it.each(buildsFor(['geodesicDistanceMany', 'geodesicDistanceMatrix']).filter((build) => build !== REFERENCE))('$label', ({ api }) => {
    const differing = (got: Float64Array, expected: Float64Array): string[] =>
      [...got.keys()].filter((i) => !Object.is(got[i], expected[i])).map((i) => `pair ${i}: ${got[i]} vs ${expected[i]}`);
    expect(differing(api.geodesicDistanceMany(lon1!, lat1!, lon2!, lat2!), many).slice(0, 5)).toEqual([]);
    expect(differing(api.geodesicDistanceMatrix(a, b, c, d), matrix).slice(0, 5)).toEqual([]);
  });
});
