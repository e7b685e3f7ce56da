/**
 * The geodesic accuracy tables of the report (bench/results.md, docs/benchmarks.md): every numaccel
 * build and every peer against GeographicLib's GeodSolve on geodesic_inverse.tsv, in all and per
 * kind of pair (the fixture's tags), from the rows' geodesicAccuracy (geodesic-accuracy.ts).
 */
import type { AccuracyFigures, GeodesicAccuracy } from './geodesic-accuracy.js';
import { formatMetres, markdownTable } from './format.js';
import type { BenchResults, Row } from './results.js';

/** The fixture's tags, in the order of the per-kind table, with the headings they get there. */
const TAGS: readonly (readonly [string, string])[] = [
  ['random', 'random'],
  ['short', 'short (≤ 10 km)'],
  ['antipodal', 'nearly antipodal'],
  ['pole', 'near a pole'],
  ['opposite-poles', 'opposite poles'],
  ['meridional', 'meridional'],
  ['equatorial', 'equatorial'],
  ['special', 'special'],
  ['wide-lon', 'lon past ±180'],
  ['grs80', 'GRS80'],
  ['sphere', 'sphere'],
  ['flat', 'f = ±1/150'],
];

const relative = (x: number) => (x === 0 ? '0' : x >= 0.01 ? x.toPrecision(2) : x.toExponential(1));
/** Metres as formatMetres writes them, and thousands of kilometres in full (8,539 km, not 8.5e+3 km). */
const metres = (x: number) => (x >= 1e5 ? `${Math.round(x / 1000).toLocaleString('en-US')} km` : formatMetres(x));
const nanCell = (figures: AccuracyFigures) =>
  figures.nonFinite === 0 ? '0' : `${figures.nonFinite} (${((100 * figures.nonFinite) / figures.rows).toFixed(0)} %)`;

/** The implementations measured, numaccel's builds merged where their figures agree. */
function implementations(results: BenchResults): { name: string; accuracy: GeodesicAccuracy; method: string }[] {
  const rows = results.rows.filter((r): r is Row & { geodesicAccuracy: GeodesicAccuracy } => !!r.geodesicAccuracy && r.kind !== 'auto');
  const title = (row: Row) => {
    const kase = results.cases.find((c) => c.id === row.case);
    return kase?.route ?? kase?.servedBy ?? row.case;
  };
  const out: { name: string; accuracy: GeodesicAccuracy; method: string }[] = [];
  const numaccel = new Map<string, (Row & { geodesicAccuracy: GeodesicAccuracy })[]>();
  for (const row of rows.filter((r) => r.kind === 'backend')) {
    const key = JSON.stringify(row.geodesicAccuracy);
    numaccel.set(key, [...(numaccel.get(key) ?? []), row]);
  }
  for (const same of numaccel.values()) {
    const functions = [...new Set(same.map(title))].join(' and ');
    const builds = [
      ...new Set(
        same.map((r) => (r.backend === 'js' ? 'js' : `${r.backend} ${r.label === 'native (every variant)' ? '' : r.variant}`.trim())),
      ),
    ];
    out.push({
      name: `numaccel ${functions}: ${numaccel.size === 1 ? 'every backend and variant' : builds.join(', ')}`,
      accuracy: same[0]!.geodesicAccuracy,
      method: "Karney's series (GeographicLib's algorithm), Newton on the auxiliary sphere",
    });
  }
  const peers = new Set<string>();
  for (const row of rows.filter((r) => r.kind !== 'backend')) {
    if (peers.has(row.label)) continue;
    peers.add(row.label);
    out.push({ name: row.label, accuracy: row.geodesicAccuracy, method: row.note ?? '' });
  }
  return out;
}

/** Worst distance error against GeodSolve of every geodesic implementation measured: in all, and per kind of pair. */
export function geodesicAccuracyTables(results: BenchResults): { summary: string; byKind: string } | undefined {
  const measured = implementations(results);
  if (measured.length === 0) return undefined;
  const summary = markdownTable(
    ['implementation', 'rows', 'worst error', 'worst relative error (≥ 1 m)', 'NaN', 'NaN of the nearly antipodal', 'method'],
    measured.map(({ name, accuracy, method }) => {
      const antipodal = accuracy.byTag['antipodal'];
      return [
        name,
        String(accuracy.rows),
        metres(accuracy.worstMetres),
        relative(accuracy.worstRelative),
        nanCell(accuracy),
        antipodal ? nanCell(antipodal) : '',
        method,
      ];
    }),
    'lrrrrrl',
  );
  const tags = TAGS.filter(([tag]) => measured.some((m) => m.accuracy.byTag[tag]));
  const byKind = markdownTable(
    [
      'implementation',
      ...tags.map(([tag, heading]) => `${heading} (${Math.max(...measured.map((m) => m.accuracy.byTag[tag]?.rows ?? 0))})`),
    ],
    measured.map(({ name, accuracy }) => [
      name,
      ...tags.map(([tag]) => {
        const figures = accuracy.byTag[tag];
        if (!figures) return '—';
        return `${figures.rows === figures.nonFinite ? '' : metres(figures.worstMetres)}${figures.nonFinite ? ` (${figures.nonFinite} NaN)` : ''}`;
      }),
    ]),
    'l' + 'r'.repeat(tags.length),
  );
  return { summary, byKind };
}

/** The section of the report, when geodesic accuracy was measured. */
export function geodesicAccuracySection(results: BenchResults): string[] {
  const tables = geodesicAccuracyTables(results);
  if (!tables) return [];
  return [
    '## Geodesic accuracy',
    '',
    "Worst distance error against GeographicLib's `GeodSolve` 2.1.2 (`test/fixtures/geodesic_inverse.tsv`: 2352 inverse problems, 2102 on WGS84 and 250 on GRS80, a sphere and f = ±1/150), in metres and relative to the distance (on distances of at least 1 m: below, the fixture's 0.1 nm printing and geodesy's rounding to the millimetre make any ratio); NaN counts the results that were not finite (or threw). An implementation with WGS84's constants built in (geolib, cheap-ruler) is checked on the WGS84 rows only. GeographicLib's C++ is the reference itself.",
    '',
    tables.summary,
    '',
    "Per kind of pair (the fixture's tags; rows in parentheses): worst error, and the NaN count where there were any; — where the implementation does not take the ellipsoid.",
    '',
    tables.byKind,
    '',
  ];
}
