/**
 * The geodesic commands of `numaccel` (src/cli/geodesic-commands.ts), run as a user runs them:
 * `geodesic`, `direct` and `area` against GeographicLib's GeodSolve and Planimeter
 * (test/fixtures/geodesic_*.tsv) and against the library itself; JSON, units, ellipsoids,
 * backends, points on stdin, negative coordinates, errors and exit codes.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as numaccel from '../src/index.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { angleApart, geodesicDirectRows, geodesicInverseRows, geodesicPolygonRows } from './support/reference.js';

const BIN = path.join(PACKAGE_ROOT, require('../package.json').bin.numaccel as string);

function run(args: readonly (string | number)[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args.map(String)], { encoding: 'utf8', input, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A successful run's stdout. */
function stdout(args: readonly (string | number)[], input = ''): string {
  const result = run(args, input);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The human output's `label  value[ unit]` lines as numbers. */
function values(text: string): Record<string, number> {
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => {
        const [label, value] = line.split(/\s+/);
        return [label!, Number(value!.replace(/°$/, ''))];
      }),
  );
}

const json = (args: readonly (string | number)[], input = ''): Record<string, unknown> => JSON.parse(stdout(['--json', ...args], input));

/** Distances within 15 nm of GeodSolve; azimuths within 1e-9° (test/geodesic.test.ts). */
const DISTANCE_TOLERANCE_M = 15e-9;

const INVERSE = geodesicInverseRows();
const DIRECT = geodesicDirectRows();
const POLYGONS = geodesicPolygonRows();
const first = <T extends { tag: string }>(rows: T[], tag: string, count = 1): T[] => rows.filter((row) => row.tag === tag).slice(0, count);

/** The polygon as the area command reads it: one "lon lat" per line. */
const pointsText = (lons: number[], lats: number[]): string => lons.map((lon, i) => `${lon} ${lats[i]}\n`).join('');

describe('numaccel geodesic', () => {
  it.for(first(INVERSE, 'random', 3))('gives GeodSolve’s distance and azimuths, negative coordinates as plain arguments: %$', (row) => {
    const text = stdout(['geodesic', row.lon1, row.lat1, row.lon2, row.lat2]);
    expect(text).toMatch(/^distance {2}\d+\.\d{10} m\nazimuth1 {2}-?\d+\.\d{15}°\nazimuth2 {2}-?\d+\.\d{15}°\n$/);
    const got = values(text);
    expect(Math.abs(got.distance! - row.distance)).toBeLessThanOrEqual(DISTANCE_TOLERANCE_M);
    expect(angleApart(got.azimuth1!, row.azimuth1)).toBeLessThanOrEqual(1e-9);
    expect(angleApart(got.azimuth2!, row.azimuth2)).toBeLessThanOrEqual(1e-9);
  });

  it('--json gives the library’s numbers exactly, with --json before or after the command', () => {
    const expected = {
      from: [-122.4, 37.8],
      to: [2.35, 48.86],
      ...numaccel.geodesicInverse(-122.4, 37.8, 2.35, 48.86),
      unit: 'm',
      ellipsoid: 'WGS84',
    };
    expect(json(['geodesic', '-122.4', '37.8', '2.35', '48.86'])).toEqual(expected);
    expect(JSON.parse(stdout(['geodesic', '-122.4', '37.8', '2.35', '48.86', '--json']))).toEqual(expected);
    // `--` before the coordinates works too.
    expect(json(['geodesic', '--', '-122.4', '37.8', '2.35', '48.86'])).toEqual(expected);
  });

  it.for(['km', 'mi', 'nmi'] as const)('--unit %s: the distance in that unit, printed to 0.1 nm', (unit) => {
    const expected = numaccel.geodesicInverse(-122.4, 37.8, 2.35, 48.86, { unit });
    expect(json(['geodesic', '-122.4', '37.8', '2.35', '48.86', '--unit', unit])).toMatchObject({ ...expected, unit });
    const text = stdout(['geodesic', '--unit', unit, '-122.4', '37.8', '2.35', '48.86']);
    expect(text).toMatch(new RegExp(`^distance {2}\\d+\\.\\d{${unit === 'km' ? 13 : 14}} ${unit}\\n`));
    expect(values(text).distance).toBeCloseTo(expected.distance, 12);
  });

  it.for([
    ['GRS80', first(INVERSE, 'grs80')[0]!],
    ['grs80', first(INVERSE, 'grs80', 2)[1]!],
    ['6371008.8,0', first(INVERSE, 'sphere')[0]!],
    ['6378137,1/150', first(INVERSE, 'flat')[0]!],
    ['6378137,-1/150', INVERSE.find((row) => row.tag === 'flat' && row.f < 0)!],
  ] as const)('--ellipsoid %s agrees with GeodSolve on that ellipsoid', ([ellipsoid, row]) => {
    const got = json(['geodesic', row.lon1, row.lat1, row.lon2, row.lat2, '--ellipsoid', ellipsoid]) as Record<string, number>;
    expect(Math.abs(got.distance! - row.distance)).toBeLessThanOrEqual(DISTANCE_TOLERANCE_M);
    expect(angleApart(got.azimuth1!, row.azimuth1)).toBeLessThanOrEqual(1e-9);
    expect(angleApart(got.azimuth2!, row.azimuth2)).toBeLessThanOrEqual(1e-9);
  });

  it('--ellipsoid a,f with f as a fraction is WGS84 itself, and --json reports it', () => {
    const named = json(['geodesic', '-122.4', '37.8', '2.35', '48.86']);
    const given = json(['geodesic', '-122.4', '37.8', '2.35', '48.86', '--ellipsoid', '6378137,1/298.257223563']);
    expect(given).toEqual({ ...named, ellipsoid: { a: 6378137, f: 1 / 298.257223563 } });
    expect(json(['geodesic', '0', '0', '1', '1', '--ellipsoid', '6378137, 0.0033528106647474805']).ellipsoid).toEqual({
      a: 6378137,
      f: 0.0033528106647474805,
    });
  });

  it('prints the same on every backend (--backend)', () => {
    const args = ['geodesic', '-122.4', '37.8', '2.35', '48.86', '--unit', 'mi'];
    const outputs = ['native', 'wasm', 'js'].map((backend) => stdout(['--backend', backend, ...args]));
    expect(new Set(outputs).size).toBe(1);
  });
});

describe('numaccel direct', () => {
  it.for([...first(DIRECT, 'random', 2), ...first(DIRECT, 'long'), ...first(DIRECT, 'grs80')])('ends where GeodSolve says: %$', (row) => {
    const ellipsoid = row.tag === 'grs80' ? ['--ellipsoid', 'GRS80'] : [];
    const text = stdout(['direct', row.lon1, row.lat1, row.azimuth1, row.distance, ...ellipsoid]);
    expect(text).toMatch(/^lon {6}-?\d+\.\d{15}°\nlat {6}-?\d+\.\d{15}°\nazimuth {2}-?\d+\.\d{15}°\n$/);
    const got = values(text);
    expect(angleApart(got.lon!, row.lon2)).toBeLessThanOrEqual(1e-11);
    expect(Math.abs(got.lat! - row.lat2)).toBeLessThanOrEqual(1e-11);
    expect(angleApart(got.azimuth!, row.azimuth2)).toBeLessThanOrEqual(1e-9);
  });

  it('--json gives the library’s numbers exactly; --unit is the distance’s; a negative distance runs backwards', () => {
    expect(json(['direct', '-73.7781', '40.6413', '51.38', '1000', '--unit', 'km'])).toEqual({
      from: [-73.7781, 40.6413],
      azimuth1: 51.38,
      distance: 1000,
      ...numaccel.geodesicDirect(-73.7781, 40.6413, 51.38, 1000, { unit: 'km' }),
      unit: 'km',
      ellipsoid: 'WGS84',
    });
    expect(json(['direct', '-73.7781', '40.6413', '51.38', '-540', '--unit', 'nmi', '--ellipsoid', 'GRS80'])).toMatchObject(
      numaccel.geodesicDirect(-73.7781, 40.6413, 51.38, -540, { unit: 'nmi', ellipsoid: 'GRS80' }),
    );
    // There and back: the inverse of a direct problem.
    const end = json(['direct', '-0.5', '-45', '-30', '-1234.5', '--unit', 'km']) as Record<string, number>;
    const back = json(['geodesic', '-0.5', '-45', end.lon!, end.lat!, '--unit', 'km']) as Record<string, number>;
    expect(back.distance).toBeCloseTo(1234.5, 9);
    expect(angleApart(back.azimuth1!, 150)).toBeLessThanOrEqual(1e-9);
  });
});

describe('numaccel area', () => {
  const country = first(POLYGONS, 'country')[0]!;
  const clockwise = POLYGONS.find((row) => row.tag === 'clockwise' && row.lons.length === 4 && row.area < -1e10)!;

  it.for([country, clockwise, first(POLYGONS, 'pole')[0]!])('reads the vertices on stdin and agrees with Planimeter: %$', (row) => {
    const text = stdout(['area'], pointsText(row.lons, row.lats));
    expect(text).toMatch(/^area {7}-?\d+\.\d{5} m²\nperimeter {2}\d+\.\d{10} m\n$/);
    const got = values(text);
    expect(Math.abs(got.area! - row.area)).toBeLessThanOrEqual(1e-9 * Math.abs(row.area) + 1e-4);
    expect(Math.abs(got.perimeter! - row.perimeter)).toBeLessThanOrEqual(DISTANCE_TOLERANCE_M * row.lons.length);
  });

  it('accepts commas, blank lines, # comments and CRLF; --json gives the library’s numbers; --unit squares for the area', () => {
    const input =
      '# Paris, counter-clockwise\r\n\r\n2.25, 48.83\r\n2.33,48.815  # south\r\n  2.41\t48.83\r\n2.415 48.86\n2.4 48.89\n\n2.33 48.9\n2.27 48.88\n2.245 48.855\n';
    const lons = [2.25, 2.33, 2.41, 2.415, 2.4, 2.33, 2.27, 2.245];
    const lats = [48.83, 48.815, 48.83, 48.86, 48.89, 48.9, 48.88, 48.855];
    expect(json(['area'], input)).toEqual({ vertices: 8, ...numaccel.geodesicArea(lons, lats), unit: 'm', ellipsoid: 'WGS84' });
    const km = json(['area', '--unit', 'km'], input);
    expect(km).toEqual({ vertices: 8, ...numaccel.geodesicArea(lons, lats, { unit: 'km' }), unit: 'km', ellipsoid: 'WGS84' });
    expect(km.area as number).toBeCloseTo(88.336384946, 8);
    expect(stdout(['area', '--unit', 'mi'], input)).toMatch(/^area {7}\d+\.\d{12} mi²\nperimeter {2}\d+\.\d{14} mi\n$/);
    const grs80 = first(POLYGONS, 'grs80', 4)[3]!;
    expect(json(['area', '--ellipsoid', 'GRS80'], input).area as number).toBeCloseTo(grs80.area, 3);
  });
});

describe('numaccel geodesic commands: bad input', () => {
  it.for([
    [
      ['geodesic', '0', '91', '0', '0'],
      '',
      /^numaccel: geodesicInverse: lat1 must be a finite number of degrees in \[-90, 90\], got 91\n$/,
    ],
    [['geodesic', '0', 'north', '0', '0'], '', /^numaccel: geodesic: lat1 must be a number, got "north"\n$/],
    [
      ['geodesic', '0', '0', '1', '1', '--unit', 'furlong'],
      '',
      /^numaccel: geodesicInverse: options.unit must be one of "m", "km", "mi", "nmi", got "furlong"\n$/,
    ],
    [['geodesic', '0', '0', '1', '1', '--ellipsoid', 'mars'], '', /--ellipsoid must be WGS84, GRS80, or a,f.*got "mars"/],
    [['geodesic', '0', '0', '1', '1', '--ellipsoid', '6378137,flat'], '', /--ellipsoid: f must be a number, got "flat"/],
    [
      ['geodesic', '0', '0', '1', '1', '--ellipsoid', '6378137,1/10'],
      '',
      /^numaccel: geodesicInverse: options.ellipsoid.f must lie in \[-1\/50, 1\/50\].*got 0.1\n$/,
    ],
    [['geodesic', '0', '0', '1', '1', '--ellipsoid', '-1,0'], '', /options.ellipsoid.a must be a positive finite number of metres, got -1/],
    [['geodesic', '0', '0', '1'], '', /missing required argument 'lat2'/],
    [['direct', '0', '0', 'east', '100'], '', /^numaccel: direct: azimuth must be a number, got "east"\n$/],
    [['direct', '0', '0', '90', '1e999'], '', /^numaccel: geodesicDirect: distance must be a finite number, got Infinity\n$/],
    [['direct', '200', '0', '90', '1', '--unit', 'parsec'], '', /options.unit must be one of/],
    [
      ['area'],
      '0 0\n1 1 1\n',
      /^numaccel: area: line 2: expected "lon lat" \(two numbers, whitespace or comma separated\), got "1 1 1"\n$/,
    ],
    [['area'], '0 0\n1;1\n', /^numaccel: area: line 2: expected "lon lat"/],
    [['area'], '# header\n0 0\n1 abc\n', /^numaccel: area: line 3: lat must be a number, got "abc"\n$/],
    [
      ['area'],
      '0 0\n\n1 91\n2 2\n',
      /^numaccel: geodesicArea: lats\[1\] must be a finite number of degrees in \[-90, 90\], got 91 \(line 3 of stdin\)\n$/,
    ],
    [['area'], '# nothing here\n\n', /^numaccel: area: no points on stdin; give one "lon lat" per line\n$/],
  ] as const)('%j fails with exit code 1, one line on stderr and no stack trace', ([args, input, message]) => {
    const result = run(args, input);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('the commands are in --help, and each one’s help shows its options and the global ones', () => {
    const help = stdout(['--help']);
    for (const command of [
      'geodesic [options] <lon1> <lat1> <lon2> <lat2>',
      'direct [options] <lon> <lat> <azimuth> <distance>',
      'area [options]',
    ])
      expect(help).toContain(command);
    for (const command of ['geodesic', 'direct', 'area']) {
      const own = stdout([command, '--help']);
      for (const option of ['--unit', '--ellipsoid', '--json', '--backend']) expect(own).toContain(option);
    }
  });
});
