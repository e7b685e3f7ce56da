/**
 * The geodesic functions' bad input: the same TypeError or RangeError, naming the argument and
 * what is accepted, through the facade and from every backend (errors.test.ts does the same for
 * the other functions).
 */
import { describe, expect, it } from 'vitest';
import { LOADED } from './support/backends.js';
import { expectSameErrorEverywhere, type BadCall } from './support/bad-calls.js';

// `as never` passes deliberately ill-typed arguments, as untyped JavaScript callers would.
const BAD_CALLS: readonly BadCall[] = [
  {
    call: "geodesicDistance('0', 0, 0, 0)",
    run: (a) => a.geodesicDistance('0' as never, 0, 0, 0),
    error: TypeError,
    message: /^geodesicDistance: lon1 must be a number \(degrees\), got "0"$/,
  },
  {
    call: 'geodesicInverse(0, 90.5, 0, 0)',
    run: (a) => a.geodesicInverse(0, 90.5, 0, 0),
    error: RangeError,
    message: /^geodesicInverse: lat1 must be a finite number of degrees in \[-90, 90\], got 90.5$/,
  },
  {
    call: 'geodesicDistance(0, 0, NaN, 0)',
    run: (a) => a.geodesicDistance(0, 0, NaN, 0),
    error: RangeError,
    message: /^geodesicDistance: lon2 must be a finite number of degrees, got NaN$/,
  },
  {
    call: "geodesicDistance(0, 0, 1, 1, { unit: 'furlong' })",
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { unit: 'furlong' as never }),
    error: RangeError,
    message: /^geodesicDistance: options.unit must be one of "m", "km", "mi", "nmi", got "furlong"$/,
  },
  {
    call: 'geodesicDistance(0, 0, 1, 1, { unit: 1000 })',
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { unit: 1000 as never }),
    error: TypeError,
    message: /options.unit must be a string/,
  },
  {
    call: 'geodesicDistance(0, 0, 1, 1, { radius: 1 })',
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { radius: 1 } as never),
    error: RangeError,
    message: /^geodesicDistance: unknown option "radius"; the accepted options are unit and ellipsoid$/,
  },
  {
    call: 'geodesicDistance(0, 0, 1, 1, [])',
    run: (a) => a.geodesicDistance(0, 0, 1, 1, [] as never),
    error: TypeError,
    message: /^geodesicDistance: options must be an object like \{ unit, ellipsoid \}, got an array$/,
  },
  {
    call: "geodesicDistance(0, 0, 1, 1, { ellipsoid: 'Clarke1866' })",
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { ellipsoid: 'Clarke1866' as never }),
    error: RangeError,
    message: /^geodesicDistance: options.ellipsoid must be "WGS84" or "GRS80" or \{ a, f \}, got "Clarke1866"$/,
  },
  {
    call: 'geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 6378137, f: 1 / 30 } })',
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 6378137, f: 1 / 30 } }),
    error: RangeError,
    message:
      /^geodesicDistance: options.ellipsoid.f must lie in \[-1\/50, 1\/50\], where the series serve full double accuracy, got 0.0333/,
  },
  {
    call: 'geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: -1, f: 0 } })',
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: -1, f: 0 } }),
    error: RangeError,
    message: /options.ellipsoid.a must be a positive finite number of metres, got -1$/,
  },
  {
    call: "geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: '6378137', f: 0 } })",
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: '6378137' as never, f: 0 } }),
    error: TypeError,
    message: /options.ellipsoid.a must be a number \(metres\), got "6378137"$/,
  },
  {
    call: 'geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 1, f: NaN } })',
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 1, f: NaN } }),
    error: RangeError,
    message: /options.ellipsoid.f must lie in \[-1\/50, 1\/50\].*got NaN$/,
  },
  {
    call: 'geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 1, f: 0, b: 1 } })',
    run: (a) => a.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 1, f: 0, b: 1 } as never }),
    error: RangeError,
    message: /unknown key "b" in options.ellipsoid; give \{ a, f \}$/,
  },
  {
    call: 'geodesicDirect(0, 0, Infinity, 1)',
    run: (a) => a.geodesicDirect(0, 0, Infinity, 1),
    error: RangeError,
    message: /^geodesicDirect: azimuth1 must be a finite number of degrees, got Infinity$/,
  },
  {
    call: "geodesicDirect(0, 0, 90, '1')",
    run: (a) => a.geodesicDirect(0, 0, 90, '1' as never),
    error: TypeError,
    message: /^geodesicDirect: distance must be a number, got "1"$/,
  },
  {
    call: 'geodesicDirect(0, 0, 90, NaN)',
    run: (a) => a.geodesicDirect(0, 0, 90, NaN),
    error: RangeError,
    message: /^geodesicDirect: distance must be a finite number, got NaN$/,
  },
  {
    call: "geodesicDirect(0, 0, 90, 1e308, { unit: 'km' })",
    run: (a) => a.geodesicDirect(0, 0, 90, 1e308, { unit: 'km' }),
    error: RangeError,
    message: /^geodesicDirect: distance 1e\+308 is past the largest finite number of metres$/,
  },
  {
    call: 'geodesicDistanceMany([0, 1], [0, 0], [1], [0, 0, 0])',
    run: (a) => a.geodesicDistanceMany([0, 1], [0, 0], [1], [0, 0, 0]),
    error: RangeError,
    message: /^geodesicDistanceMany: lon2 has 1 elements but lon1 has 2/,
  },
  {
    call: 'geodesicDistanceMany([0, 1], [0, 95], 0, 0)',
    run: (a) => a.geodesicDistanceMany([0, 1], [0, 95], 0, 0),
    error: RangeError,
    message: /^geodesicDistanceMany: lat1\[1\] must be a finite number of degrees in \[-90, 90\], got 95$/,
  },
  {
    call: 'geodesicDistanceMany(0, 0, 0, 0, { radius: 1 })',
    run: (a) => a.geodesicDistanceMany(0, 0, 0, 0, { radius: 1 } as never),
    error: RangeError,
    message: /unknown option "radius"; the accepted options are unit, ellipsoid and out$/,
  },
  {
    call: 'geodesicDistanceMany([0, 1], 0, 0, 0, { out: new Float64Array(1) })',
    run: (a) => a.geodesicDistanceMany([0, 1], 0, 0, 0, { out: new Float64Array(1) }),
    error: RangeError,
    message: /^geodesicDistanceMany: options.out has 1 elements, but the result has 2$/,
  },
  {
    call: 'geodesicDistanceMatrix([0], [0, 1], [0], [0])',
    run: (a) => a.geodesicDistanceMatrix([0], [0, 1], [0], [0]),
    error: RangeError,
    message: /^geodesicDistanceMatrix: latsA has 2 elements but lonsA has 1; they must be equal$/,
  },
  {
    call: 'geodesicArea(0, 0)',
    run: (a) => a.geodesicArea(0 as never, 0 as never),
    error: TypeError,
    message: /^geodesicArea: lons must be an array of numbers \(degrees, one per vertex\), got 0$/,
  },
  {
    call: 'geodesicArea([0, 1, 2], [0, 1])',
    run: (a) => a.geodesicArea([0, 1, 2], [0, 1]),
    error: RangeError,
    message: /^geodesicArea: lats has 2 elements but lons has 3; give one of each per vertex$/,
  },
  {
    call: 'geodesicArea([0, 1, 2], [0, 1, -91])',
    run: (a) => a.geodesicArea([0, 1, 2], [0, 1, -91]),
    error: RangeError,
    message: /^geodesicArea: lats\[2\] must be a finite number of degrees in \[-90, 90\], got -91$/,
  },
];

describe('geodesics: bad input', () => {
  it.for(BAD_CALLS)('$call throws the same error in every backend and through the facade', expectSameErrorEverywhere);

  it('accepts the boundary values', () => {
    for (const { label, api } of LOADED) {
      expect(api.geodesicDistance(-1e308, -90, 1e308, 90), label).toBeGreaterThan(2e7);
      expect(api.geodesicDistance(0, 0, 1, 1, {}), label).toBe(api.geodesicDistance(0, 0, 1, 1));
      expect(api.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 1, f: 1 / 50 } }), label).toBeGreaterThan(0);
      expect(api.geodesicDistance(0, 0, 1, 1, { ellipsoid: { a: 1, f: -1 / 50 } }), label).toBeGreaterThan(0);
      expect(api.geodesicDirect(0, 0, 90, -Number.MAX_VALUE).lat, label).toBeGreaterThanOrEqual(-90);
      expect(api.geodesicArea([], []), label).toEqual({ area: 0, perimeter: 0 });
      expect(api.geodesicDistanceMany([], [], [], []), label).toEqual(new Float64Array(0));
    }
  });
});
