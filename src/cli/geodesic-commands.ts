/**
 * The geodesic commands of `numaccel` (registered by src/cli/main.ts): `geodesic` (the inverse
 * problem), `direct` and `area` (points on stdin), on WGS84, GRS80 or any { a, f }, by Karney's
 * method (src/geodesic.ts). Coordinates are degrees, longitude first as everywhere in numaccel;
 * negative ones work as plain arguments (`numaccel geodesic -122.4 37.8 2.35 48.86`).
 *
 * Human output prints what GeographicLib's `GeodSolve -p 10` prints: angles to 1e-15 degree,
 * distances to 1e-10 m and areas to 1e-5 m² (more decimals in the larger units), enough for every
 * digit the kernels compute; --json prints every number as JavaScript's shortest round-trip form.
 */
import { type Command, InvalidArgumentError } from 'commander';
import * as numaccel from '../index.js';
import type { Ellipsoid, EllipsoidName, GeodesicOptions, GeodesicUnit } from '../index.js';
import { type GlobalOptions, UsageError, parseDecimal, printJson } from './common.js';

/** The geodesic commands' own options, as commander hands them over. */
interface GeodesicCommandOptions {
  unit?: string;
  ellipsoid?: EllipsoidName | Ellipsoid;
}

const ELLIPSOID_HELP = 'WGS84 (default), GRS80, or a,f: equatorial radius in metres and flattening, e.g. 6378137,1/298.257223563';

// ---------------------------------------------------------------------------------------------
// Arguments

/** A flattening: a decimal, or a fraction such as 1/298.257223563. */
function parseFlattening(text: string): number {
  const parts = text.split('/');
  if (parts.length === 2) return parseDecimal('--ellipsoid: f', parts[0]!.trim()) / parseDecimal('--ellipsoid: f', parts[1]!.trim());
  return parseDecimal('--ellipsoid: f', text.trim());
}

/**
 * --ellipsoid: a name (any case), or `a,f`. The values' ranges (a > 0, |f| <= 1/50) are the
 * library's to check, with its messages.
 */
function parseEllipsoid(text: string): EllipsoidName | Ellipsoid {
  const name = Object.keys(numaccel.ELLIPSOIDS).find((known) => known.toLowerCase() === text.trim().toLowerCase());
  if (name !== undefined) return name as EllipsoidName;
  const parts = text.split(',');
  if (parts.length !== 2)
    throw new InvalidArgumentError(`--ellipsoid must be ${ELLIPSOID_HELP.replace(' (default)', '')}; got ${JSON.stringify(text)}`);
  try {
    return { a: parseDecimal('--ellipsoid: a', parts[0]!.trim()), f: parseFlattening(parts[1]!) };
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The positional coordinates and lengths, each checked to be a number (their ranges are the library's). */
function numbers<const N extends readonly string[]>(command: string, names: N, texts: readonly string[]): { [K in keyof N]: number } {
  return names.map((name, i) => parseDecimal(`${command}: ${name}`, texts[i]!)) as { [K in keyof N]: number };
}

function geodesicOptions(command: GeodesicCommandOptions): GeodesicOptions {
  return {
    ...(command.unit !== undefined ? { unit: command.unit as GeodesicUnit } : {}),
    ...(command.ellipsoid !== undefined ? { ellipsoid: command.ellipsoid } : {}),
  };
}

/** The unit and ellipsoid as --json reports them (after the library accepted them). */
const described = (command: GeodesicCommandOptions) => ({ unit: command.unit ?? 'm', ellipsoid: command.ellipsoid ?? 'WGS84' });

// ---------------------------------------------------------------------------------------------
// Human output: fixed decimals, as GeodSolve -p 10

const ANGLE_DECIMALS = 15;
/** Decimals of a distance in `unit`: 0.1 nm or finer, whatever the unit. */
const distanceDecimals = (unit: string): number => 10 + Math.ceil(Math.log10(numaccel.METRES_PER_UNIT[unit as GeodesicUnit]));
/** Decimals of an area in `unit`²: 1e-5 m² or finer. */
const areaDecimals = (unit: string): number => 5 + Math.ceil(2 * Math.log10(numaccel.METRES_PER_UNIT[unit as GeodesicUnit]));

const degrees = (x: number): string => `${x.toFixed(ANGLE_DECIMALS)}°`;

/** Label-value lines, the values aligned. */
function printLines(lines: [string, string][]): void {
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  for (const [label, value] of lines) console.log(`${label.padEnd(width)}${value}`);
}

// ---------------------------------------------------------------------------------------------
// Commands

function inverse(texts: string[], command: GeodesicCommandOptions, options: GlobalOptions): void {
  const [lon1, lat1, lon2, lat2] = numbers('geodesic', ['lon1', 'lat1', 'lon2', 'lat2'] as const, texts);
  const result = numaccel.geodesicInverse(lon1, lat1, lon2, lat2, geodesicOptions(command));
  const { unit, ellipsoid } = described(command);
  if (options.json) return printJson({ from: [lon1, lat1], to: [lon2, lat2], ...result, unit, ellipsoid });
  printLines([
    ['distance', `${result.distance.toFixed(distanceDecimals(unit))} ${unit}`],
    ['azimuth1', degrees(result.azimuth1)],
    ['azimuth2', degrees(result.azimuth2)],
  ]);
}

function direct(texts: string[], command: GeodesicCommandOptions, options: GlobalOptions): void {
  const [lon, lat, azimuth1, distance] = numbers('direct', ['lon', 'lat', 'azimuth', 'distance'] as const, texts);
  const result = numaccel.geodesicDirect(lon, lat, azimuth1, distance, geodesicOptions(command));
  const { unit, ellipsoid } = described(command);
  if (options.json) return printJson({ from: [lon, lat], azimuth1, distance, ...result, unit, ellipsoid });
  printLines([
    ['lon', degrees(result.lon)],
    ['lat', degrees(result.lat)],
    ['azimuth', degrees(result.azimuth)],
  ]);
}

/** The vertices on stdin: one `lon lat` per line, whitespace or a comma between; blank lines and # comments skipped. */
function parsePoints(text: string): { lons: number[]; lats: number[]; lines: number[] } {
  const lons: number[] = [];
  const lats: number[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const fields = line.split(/\s*,\s*|\s+/);
    if (fields.length !== 2)
      throw new UsageError(
        `area: line ${i + 1}: expected "lon lat" (two numbers, whitespace or comma separated), got ${JSON.stringify(raw.trim())}`,
      );
    lons.push(parseDecimal(`area: line ${i + 1}: lon`, fields[0]!));
    lats.push(parseDecimal(`area: line ${i + 1}: lat`, fields[1]!));
    lines.push(i + 1);
  });
  return { lons, lats, lines };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('area: reading "lon lat" lines from the terminal; end with Ctrl-D\n');
  process.stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of process.stdin) text += chunk as string;
  return text;
}

async function area(command: GeodesicCommandOptions, options: GlobalOptions): Promise<void> {
  const { lons, lats, lines } = parsePoints(await readStdin());
  if (lons.length === 0) throw new UsageError('area: no points on stdin; give one "lon lat" per line');
  let result: numaccel.GeodesicAreaResult;
  try {
    result = numaccel.geodesicArea(lons, lats, geodesicOptions(command));
  } catch (error) {
    // The library names the vertex (lats[2]); the reader wants the line.
    const vertex = error instanceof Error ? /\b(?:lons|lats)\[(\d+)\]/.exec(error.message) : null;
    if (vertex) (error as Error).message += ` (line ${lines[Number(vertex[1])]} of stdin)`;
    throw error;
  }
  const { unit, ellipsoid } = described(command);
  if (options.json) return printJson({ vertices: lons.length, ...result, unit, ellipsoid });
  printLines([
    ['area', `${result.area.toFixed(areaDecimals(unit))} ${unit}²`],
    ['perimeter', `${result.perimeter.toFixed(distanceDecimals(unit))} ${unit}`],
  ]);
}

// ---------------------------------------------------------------------------------------------

/** Adds geodesic, direct and area to `program`; `globals` reads --json (--backend is applied by main.ts's hook). */
export function registerGeodesicCommands(program: Command, globals: () => GlobalOptions): void {
  const withOptions = (command: Command, unitHelp: string): Command =>
    command
      .option('--unit <unit>', unitHelp)
      .option('--ellipsoid <name|a,f>', ELLIPSOID_HELP, parseEllipsoid)
      .configureHelp({ showGlobalOptions: true });

  withOptions(
    program
      .command('geodesic')
      .description('the geodesic between two points on the ellipsoid (degrees, longitude first): distance and the azimuths at both ends')
      .argument('<lon1>')
      .argument('<lat1>')
      .argument('<lon2>')
      .argument('<lat2>'),
    'm (default), km, mi or nmi',
  )
    .addHelpText('after', '\nExample: numaccel geodesic -122.4 37.8 2.35 48.86 --unit km')
    .action((lon1: string, lat1: string, lon2: string, lat2: string, command: GeodesicCommandOptions) =>
      inverse([lon1, lat1, lon2, lat2], command, globals()),
    );

  withOptions(
    program
      .command('direct')
      .description('where the geodesic from a point at an azimuth (degrees clockwise from north) ends after a distance: lon, lat, azimuth')
      .argument('<lon>')
      .argument('<lat>')
      .argument('<azimuth>')
      .argument('<distance>', 'in --unit; negative runs backwards'),
    'of the distance: m (default), km, mi or nmi',
  )
    .addHelpText('after', '\nExample: numaccel direct -122.4 37.8 33.2 8972.5 --unit km')
    .action((lon: string, lat: string, azimuth: string, distance: string, command: GeodesicCommandOptions) =>
      direct([lon, lat, azimuth, distance], command, globals()),
    );

  withOptions(
    program
      .command('area')
      .description(
        'area and perimeter of the polygon whose vertices are read from stdin, one "lon lat" per line (whitespace or comma; # comments); counter-clockwise is positive',
      ),
    'perimeter in m (default), km, mi or nmi; the area in its square',
  )
    .addHelpText('after', '\nExample: printf "0 0\\n10 0\\n10 10\\n0 10\\n" | numaccel area --unit km')
    .action((command: GeodesicCommandOptions) => area(command, globals()));
}
