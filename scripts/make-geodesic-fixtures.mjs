#!/usr/bin/env node
// Ground truth for the geodesic kernels (Karney's inverse, direct and polygon area), computed
// OUTSIDE numaccel with GeographicLib's own command-line tools, GeodSolve and Planimeter
// (Debian/Ubuntu: `apt-get install geographiclib-tools`).
//
//   node scripts/make-geodesic-fixtures.mjs           # (re)write the three fixture files
//   node scripts/make-geodesic-fixtures.mjs --check   # compare the files with the npm package
//                                                     # geographiclib-geodesic (a devDependency)
//
// Writes test/fixtures/geodesic_inverse.tsv, geodesic_direct.tsv and geodesic_polygons.tsv.
// The inputs come from a seeded PRNG (mulberry32, one stream per section), so a re-run with the
// same GeographicLib version reproduces the files byte for byte. Each tool runs once per batch
// (one process per mode and ellipsoid) with all of that batch's lines on stdin.
//
// The positional-decimal trap: GeodSolve and Planimeter read angles with GeographicLib's DMS
// parser, which takes the `e` of `1e-10` for the hemisphere East (and `E`/`W`/`N`/`S` anywhere at
// the ends), so an exponent silently gives a different number. Every number handed to the tools is
// written positionally (`dec`), as the shortest decimal that reads back as exactly the same
// double, with at most 20 digits after the point; inputs that would need more are rounded first
// (`writable`). The tools parse the whole digit string with the C++ stream (correctly rounded), so
// they see the very doubles that `Number(text)` gives, and the fixtures hold the same strings.
// The expected columns are the tools' printed text, verbatim.
//
// This file builds the inverse and direct inputs, runs the tools and writes the files; the rest
// is in scripts/geodesic-fixtures/: decimals-prng-ellipsoids.mjs (`dec`, `writable`, the PRNG
// streams, the ellipsoids), polygon-inputs.mjs and check-against-geographiclib-geodesic.mjs.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixtures } from './geodesic-fixtures/check-against-geographiclib-geodesic.mjs';
import { dec, ELL, roundSig, stream, writable } from './geodesic-fixtures/decimals-prng-ellipsoids.mjs';
import { polygonRows } from './geodesic-fixtures/polygon-inputs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'test', 'fixtures');
const FILES = {
  inverse: path.join(OUT_DIR, 'geodesic_inverse.tsv'),
  direct: path.join(OUT_DIR, 'geodesic_direct.tsv'),
  polygons: path.join(OUT_DIR, 'geodesic_polygons.tsv'),
};
const PREC = '10'; // -p 10: distances to 1e-10 m, angles to 1e-15 degree, areas to 1e-5 m^2
const MADE_WITH = '2.1.2'; // GeographicLib version the committed fixtures were made with

// ---------------------------------------------------------------------------------------------
// Running the tools

function tool(name, args, input) {
  const res = spawnSync(name, args, { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (res.error) throw new Error(`${name}: ${res.error.message}`);
  if (res.status !== 0 || res.stderr.trim()) {
    throw new Error(
      `${name} ${args.join(' ')} exited ${res.status}: ${res.stderr.trim()}\n${res.stdout
        .split('\n')
        .filter((l) => l.startsWith('ERROR'))
        .slice(0, 5)
        .join('\n')}`,
    );
  }
  const lines = res.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const l of lines) if (/ERROR|nan|inf/i.test(l)) throw new Error(`${name}: ${l}`);
  return lines;
}

function requireTools() {
  const versions = {};
  for (const name of ['GeodSolve', 'Planimeter']) {
    const res = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (res.error || res.status !== 0) {
      console.error(
        `make-geodesic-fixtures: ${name} was not found (${res.error ? res.error.code : `exit ${res.status}`}).\n` +
          "It comes with GeographicLib's command-line tools: apt-get install geographiclib-tools\n" +
          'Refusing to run: the fixtures must come from GeographicLib itself.',
      );
      process.exit(1);
    }
    versions[name] = (res.stdout + res.stderr).trim();
    if (!versions[name].includes(`version ${MADE_WITH}`)) {
      console.warn(`warning: ${versions[name]}; the committed fixtures were made with ${MADE_WITH}, so the last printed digits may differ`);
    }
  }
  return versions;
}

/** Group rows by ellipsoid, run the tool once per group, hand each row its output line. */
function runBatched(rows, args, toLine, name = 'GeodSolve') {
  const groups = new Map();
  for (const row of rows) {
    const key = `${row.ell.as} ${row.ell.fs}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(row);
  }
  for (const group of groups.values()) {
    const { as, fs } = group[0].ell;
    const out = tool(name, [...args, '-p', PREC, '-e', as, fs], group.map(toLine).join('\n') + '\n');
    if (out.length !== group.length) throw new Error(`${name}: ${group.length} lines in, ${out.length} out`);
    group.forEach((row, i) => {
      row.out = out[i].trim().split(/\s+/);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Inverse problem inputs: rows of { tag, ell, lon1, lat1, lon2, lat2 }

function inverseRows() {
  const rows = [];
  const add = (tag, ell, lon1, lat1, lon2, lat2) => {
    const p = [lon1, lat1, lon2, lat2].map(writable);
    if (Math.abs(p[1]) > 90 || Math.abs(p[3]) > 90) throw new Error(`bad latitude in ${tag}: ${p}`);
    rows.push({ tag, ell, lon1: p[0], lat1: p[1], lon2: p[2], lat2: p[3] });
  };
  const W = ELL.wgs84;
  const randomPairs = (tag, ell, n, s) => {
    for (let i = 0; i < n; i++) add(tag, ell, roundSig(s.lon()), roundSig(s.lat()), roundSig(s.lon()), roundSig(s.lat()));
  };
  const nearAntipodal = (tag, ell, s) => {
    const lat1 = roundSig(s.U(-10, 10), 12);
    const lon1 = roundSig(s.lon(), 12);
    const dlat = s.r() < 0.5 ? s.U(-0.5, 0.5) : s.sign() * s.logU(1e-10, 0.5);
    const dlon = s.r() < 0.5 ? s.U(179, 180) : 180 - s.logU(1e-10, 1);
    add(tag, ell, lon1, lat1, roundSig(lon1 + s.sign() * dlon, 15), roundSig(-lat1 + dlat, 15));
  };

  randomPairs('random', W, 1000, stream('inverse/random'));

  {
    // separations 1 µm .. 10 km in random directions; the second point is the first plus an
    // offset, kept as the exact double sum (its shortest decimal has at most 17 digits)
    const s = stream('inverse/short');
    for (let i = 0; i < 200; i++) {
      const lat1 = roundSig(s.U(-85, 85), 12);
      const lon1 = roundSig(s.lon(), 12);
      const d = s.logU(1e-6, 1e4);
      const az = s.U(0, 2 * Math.PI);
      const dlat = ((d * Math.cos(az)) / 6371000) * (180 / Math.PI);
      const dlon = ((d * Math.sin(az)) / (6371000 * Math.cos((lat1 * Math.PI) / 180))) * (180 / Math.PI);
      add('short', W, lon1, lat1, lon1 + dlon, lat1 + dlat);
    }
  }

  {
    const s = stream('inverse/antipodal');
    for (let i = 0; i < 280; i++) nearAntipodal('antipodal', W, s);
    // exactly antipodal points, equatorial ones included
    for (const [lon1, lat1] of [
      [0, 0],
      [0.5, 0],
      [-179.5, 0],
      [90, 0],
      [12.25, 0],
      [-37, 0],
      [180, 0],
      [0, 1],
      [10, -1],
      [-45.5, 5],
      [100, -7.5],
      [-160, 9.99],
      [33.3, 0.5],
      [0, -3.25],
      [170, 2],
      [-10, -9],
      [5, 0.001],
      [-5, -0.000001],
      [120.125, 4],
      [-90, 8],
    ]) {
      add('antipodal', W, lon1, lat1, lon1 > 0 ? lon1 - 180 : lon1 + 180, -lat1);
    }
  }

  {
    // one end within 1e-6 .. 1 degree of a pole, or exactly at it
    const s = stream('inverse/pole');
    for (let i = 0; i < 150; i++) {
      const pole = s.sign();
      const lat = i < 30 ? 90 * pole : pole * (90 - s.logU(1e-6, 1));
      const near = [roundSig(s.lon(), 12), i < 30 ? lat : writable(lat)];
      const other = [roundSig(s.lon()), roundSig(s.lat())];
      if (s.r() < 0.5) add('pole', W, ...near, ...other);
      else add('pole', W, ...other, ...near);
    }
  }

  for (const [x, y] of [
    [0, 0],
    [30, -150],
    [-180, 180],
    [45.5, -12.25],
    [179.999, 0.001],
    [-90, 90],
  ]) {
    add('opposite-poles', W, x, 90, y, -90);
  }
  add('opposite-poles', W, 10, -90, 20, 90);

  {
    // longitude difference within 0 .. 1e-9 degree of 0 or of 180
    const s = stream('inverse/meridional');
    for (let i = 0; i < 150; i++) {
      const lon1 = roundSig(s.lon(), 10);
      const eps = s.r() < 0.25 ? 0 : s.sign() * s.logU(1e-15, 1e-9);
      const base = s.r() < 0.5 ? lon1 : lon1 > 0 ? lon1 - 180 : lon1 + 180;
      add('meridional', W, lon1, roundSig(s.lat(), 12), base + eps, roundSig(s.lat(), 12));
    }
  }

  {
    // both latitudes within 0 .. 1e-9 of 0 (exactly 0 a third of the time); longitude
    // differences up to 180, with many past (1 - f) 180 = 179.3965... where the equator stops
    // being the shortest path on an oblate ellipsoid
    const s = stream('inverse/equatorial');
    const tinyLat = () => (s.r() < 1 / 3 ? 0 : roundSig(s.sign() * s.logU(1e-15, 1e-9), 6));
    for (let i = 0; i < 150; i++) {
      const lon1 = roundSig(s.lon(), 10);
      const u = s.r();
      const d = u < 0.5 ? s.U(0, 180) : u < 0.9 ? s.U(179, 180) : s.pick([180, 179.3965, 179.39651, 179.3966, 90, 1]);
      add('equatorial', W, lon1, tinyLat(), roundSig(lon1 + s.sign() * d, 15), tinyLat());
    }
  }

  // exact cases
  for (const [lon1, lat1, lon2, lat2] of [
    [0, 0, 0, 0],
    [10, 20, 10, 20],
    [-170.5, -45.25, -170.5, -45.25],
    [180, 0, -180, 0],
    [45, 89.999999999, 45, 89.999999999],
    [100, 30, 460, 30],
    [0, 90, 0, 90],
    [0, 90, 77, 90],
    [0, -90, 123, -90],
    [0, 90, 180, 90],
    [-30, -90, 150, -90],
    [0, 90, 0, 0],
    [90, 90, 0, 0],
    [-45, 90, 10, 45],
    [180, -90, 0, 0],
    [37, -90, -120, 30],
    [0, 0, 90, 0],
    [0, 0, -90, 0],
    [0, 0, 180, 0],
    [0, 0, -180, 0],
    [180, 0, 0, 0],
    [0, 0, 0, 90],
    [0, 0, 0, -90],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
    [0, 0, 1, 1],
    [0, 45, 90, 45],
    [0, 45, 180, 45],
    [0, 45, 180, -45],
    [0, 30, 180, 30],
    [0, 10, 180, -10],
    [20, 60, 20, -60],
    [0, -89, 0, 89],
    [0, 89, 180, 89],
    [-120, 0, 60, 0],
    [0, 0, 179.3, 0],
    [0, 0, 179.3965, 0],
    [0, 0, 179.5, 0],
    [0, 0, 179.9, 0],
    [0, 0, 179.99, 0],
    [0, 0.5, 180, -0.5],
    [0, 0, 180, 0.5],
    [0, 0, 90, 90],
    [0, 0, 45, 45],
    [-90, -45, 90, 45],
  ])
    add('special', W, lon1, lat1, lon2, lat2);

  {
    const s = stream('inverse/wide-lon');
    const exact = [540.5, -725.25, 1000000, -1000000, 540, -540, 180.0000001, -180.5, 359.999999999, 720, -360, 123456.789];
    const wide = () => {
      const u = s.r();
      if (u < 0.25) return s.pick(exact);
      if (u < 0.4) return roundSig(s.U(-1e6, 1e6), 12);
      return roundSig(s.lon() + 360 * s.pick([-3, -2, -1, 1, 2, 3]), 12);
    };
    for (let i = 0; i < 100; i++) {
      const other = s.r() < 0.3 ? roundSig(s.lon(), 12) : wide();
      const [lon1, lon2] = s.r() < 0.5 ? [wide(), other] : [other, wide()];
      add('wide-lon', W, lon1, roundSig(s.lat(), 12), lon2, roundSig(s.lat(), 12));
    }
  }

  randomPairs('grs80', ELL.grs80, 100, stream('inverse/grs80'));
  randomPairs('sphere', ELL.sphere, 50, stream('inverse/sphere'));
  for (const [name, ell] of [
    ['oblate', ELL.oblate150],
    ['prolate', ELL.prolate150],
  ]) {
    const s = stream(`inverse/flat/${name}`);
    randomPairs('flat', ell, 40, s);
    for (let i = 0; i < 10; i++) nearAntipodal('flat', ell, s);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Direct problem inputs: rows of { tag, ell, lon1, lat1, azi1, s12 }

function directRows() {
  const rows = [];
  const add = (tag, ell, lon1, lat1, azi1, s12) => {
    const p = [lon1, lat1, azi1, s12].map(writable);
    if (Math.abs(p[1]) > 90 || Math.abs(p[2]) > 180) throw new Error(`bad input in ${tag}: ${p}`);
    rows.push({ tag, ell, lon1: p[0], lat1: p[1], azi1: p[2], s12: p[3] });
  };
  const W = ELL.wgs84;
  const dist = (x) => Number(x.toFixed(4));
  const randomRows = (tag, ell, n, s, lo, hi) => {
    for (let i = 0; i < n; i++) add(tag, ell, roundSig(s.lon()), roundSig(s.lat()), roundSig(s.U(-180, 180)), dist(s.U(lo, hi)));
  };

  randomRows('random', W, 800, stream('direct/random'), 0, 2e7);
  randomRows('long', W, 100, stream('direct/long'), 2e7, 1e8);
  {
    const s = stream('direct/short');
    for (let i = 0; i < 100; i++)
      add('short', W, roundSig(s.lon()), roundSig(s.lat()), roundSig(s.U(-180, 180)), roundSig(s.logU(1e-6, 1e3), 12));
  }
  {
    const s = stream('direct/pole');
    for (let i = 0; i < 100; i++) {
      const pole = s.sign();
      const lat = i < 40 ? 90 * pole : writable(pole * (90 - s.logU(1e-9, 1)));
      const lon = s.r() < 0.2 ? s.pick([0, 180, -90, 45]) : roundSig(s.lon(), 12);
      const azi = s.r() < 0.3 ? s.pick([0, 90, 180, -90, 45, -135]) : roundSig(s.U(-180, 180), 12);
      const d = s.r() < 0.5 ? dist(s.U(0, 2e7)) : roundSig(s.logU(1, 1e6), 12);
      add('pole', W, lon, lat, azi, d);
    }
  }
  {
    const s = stream('direct/meridional');
    for (let i = 0; i < 100; i++) {
      const d = s.r() < 0.6 ? dist(s.U(0, 2e7)) : dist(s.U(2e7, 4.1e7));
      add('meridional', W, roundSig(s.lon(), 12), roundSig(s.lat(), 12), s.pick([0, 180]), d);
    }
  }
  {
    const s = stream('direct/equatorial');
    for (let i = 0; i < 100; i++) {
      const d = s.r() < 0.6 ? dist(s.U(0, 2e7)) : dist(s.U(2e7, 4.1e7));
      add('equatorial', W, roundSig(s.lon(), 12), 0, s.pick([90, -90]), d);
    }
  }
  {
    const s = stream('direct/wide-lon');
    const exact = [540.5, -725.25, 1000000, -1000000, 540, -540, 180.0000001, -180.5, 359.999999999, 720];
    for (let i = 0; i < 50; i++) {
      const u = s.r();
      const lon =
        u < 0.3 ? s.pick(exact) : u < 0.45 ? roundSig(s.U(-1e6, 1e6), 12) : roundSig(s.lon() + 360 * s.pick([-3, -2, -1, 1, 2, 3]), 12);
      add('wide-lon', W, lon, roundSig(s.lat(), 12), roundSig(s.U(-180, 180), 12), dist(s.U(0, 2e7)));
    }
  }
  for (const [lon1, lat1, azi1, s12] of [
    [0, 0, 0, 0],
    [10, 20, 30, 0],
    [0, 90, 0, 0],
    [0, -90, 45, 0],
    [0, 90, 0, 1000],
    [0, 90, 180, 1000],
    [0, -90, 0, 1000],
    [0, 0, 0, 10001965.7293127228],
    [0, 0, 0, 20003931.458625447],
    [0, 0, 90, 20037508.3427892439],
    [0, 0, 90, 40075016.6855784878],
    [0, 0, 45, 0.000001],
    [180, 0, -90, 1],
    [-180, 0, 90, 1],
    [0, 45, -180, 1000],
    [0, 45, 180, 1000],
  ])
    add('special', W, lon1, lat1, azi1, s12);

  randomRows('grs80', ELL.grs80, 100, stream('direct/grs80'), 0, 2e7);
  randomRows('sphere', ELL.sphere, 50, stream('direct/sphere'), 0, 2e7);
  randomRows('flat', ELL.oblate150, 50, stream('direct/flat/oblate'), 0, 2e7);
  randomRows('flat', ELL.prolate150, 50, stream('direct/flat/prolate'), 0, 2e7);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Generate

function tsv(header, lines) {
  return [header.join('\t'), ...lines.map((l) => l.join('\t'))].join('\n') + '\n';
}

function generate() {
  const versions = requireTools();
  mkdirSync(OUT_DIR, { recursive: true });

  const inv = inverseRows();
  runBatched(inv, ['-i'], (r) => `${dec(r.lat1)} ${dec(r.lon1)} ${dec(r.lat2)} ${dec(r.lon2)}`);
  writeFileSync(
    FILES.inverse,
    tsv(
      ['tag', 'a', 'f', 'lon1', 'lat1', 'lon2', 'lat2', 'distance', 'azimuth1', 'azimuth2'],
      inv.map((r) => {
        const [azi1, azi2, s12] = r.out;
        return [r.tag, r.ell.as, r.ell.fs, dec(r.lon1), dec(r.lat1), dec(r.lon2), dec(r.lat2), s12, azi1, azi2];
      }),
    ),
  );

  const dir = directRows();
  runBatched(dir, [], (r) => `${dec(r.lat1)} ${dec(r.lon1)} ${dec(r.azi1)} ${dec(r.s12)}`);
  writeFileSync(
    FILES.direct,
    tsv(
      ['tag', 'a', 'f', 'lon1', 'lat1', 'azimuth1', 'distance', 'lon2', 'lat2', 'azimuth2'],
      dir.map((r) => {
        const [lat2, lon2, azi2] = r.out;
        return [r.tag, r.ell.as, r.ell.fs, dec(r.lon1), dec(r.lat1), dec(r.azi1), dec(r.s12), lon2, lat2, azi2];
      }),
    ),
  );

  const pol = polygonRows();
  const groups = new Map();
  for (const p of pol) {
    const key = `${p.ell.as} ${p.ell.fs}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  for (const group of groups.values()) {
    // one polygon per block, blocks separated by a blank line (two blank lines would make an
    // empty polygon, which Planimeter skips silently, so none is ever sent)
    const input = group.map((p) => p.pts.map(([lon, lat]) => `${dec(lat)} ${dec(lon)}`).join('\n')).join('\n\n') + '\n';
    const out = tool('Planimeter', ['-p', PREC, '-e', group[0].ell.as, group[0].ell.fs], input);
    if (out.length !== group.length) throw new Error(`Planimeter: ${group.length} polygons in, ${out.length} out`);
    group.forEach((p, i) => {
      p.out = out[i].trim().split(/\s+/);
      if (Number(p.out[0]) !== p.pts.length) throw new Error(`Planimeter counted ${p.out[0]} vertices, not ${p.pts.length}`);
    });
  }
  writeFileSync(
    FILES.polygons,
    tsv(
      ['tag', 'a', 'f', 'lons', 'lats', 'perimeter', 'area'],
      pol.map((p) => [
        p.tag,
        p.ell.as,
        p.ell.fs,
        p.pts.map((v) => dec(v[0])).join(','),
        p.pts.map((v) => dec(v[1])).join(','),
        p.out[1],
        p.out[2],
      ]),
    ),
  );

  for (const [name, file] of Object.entries(FILES)) {
    const n = readFileSync(file, 'utf8').split('\n').length - 2;
    console.log(`${path.relative(ROOT, file)}: ${n} rows (${name})`);
  }
  console.log(Object.values(versions).join('; '));
}

if (process.argv.includes('--check')) checkFixtures(FILES);
else generate();
