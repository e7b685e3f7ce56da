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
// written here positionally (`dec`), as the shortest decimal that reads back as exactly the same
// double, with at most 20 digits after the point; inputs that would need more are rounded first
// (`fit`). The tools parse the whole digit string with the C++ stream (correctly rounded), so they
// see the very doubles that `Number(text)` gives, and the fixtures hold the same strings.
// The expected columns are the tools' printed text, verbatim.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'test', 'fixtures');
const FILES = {
  inverse: path.join(OUT_DIR, 'geodesic_inverse.tsv'),
  direct: path.join(OUT_DIR, 'geodesic_direct.tsv'),
  polygons: path.join(OUT_DIR, 'geodesic_polygons.tsv'),
};
const SEED = 20261207;
const PREC = '10'; // -p 10: distances to 1e-10 m, angles to 1e-15 degree, areas to 1e-5 m^2
const MADE_WITH = '2.1.2'; // GeographicLib version the committed fixtures were made with

// ---------------------------------------------------------------------------------------------
// Numbers as positional decimals

/** Shortest decimal that reads back as exactly `x`, written without an exponent. */
function positional(x) {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  if (x === 0) return '0'; // -0 is never produced (fit() maps it to +0)
  const s = String(x); // ECMAScript Number::toString: the shortest round-trip digits
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, ip, fp = '', ex] = m;
  const digits = ip + fp;
  const point = ip.length + Number(ex); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function decimals(s) {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** The text of a number handed to the tools and written to the fixtures. */
function dec(x) {
  const s = positional(x);
  if (Number(s) !== x) throw new Error(`internal: ${s} does not round-trip to ${x}`);
  if (decimals(s) > 20) throw new Error(`${s} needs more than 20 decimals; fit() it first`);
  return s;
}

/** An input value as a double that `dec` can write: at most 20 decimals, and never -0. */
function fit(x) {
  const y = decimals(positional(x)) > 20 ? Number(x.toFixed(20)) : x;
  dec(y); // throws if still not writable
  return y === 0 ? 0 : y;
}

/** Round an input to `sig` significant digits (then fit). */
function q(x, sig = 15) {
  return fit(Number(x.toPrecision(sig)));
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: mulberry32, one stream per section (adding rows to one section
// does not move the others)

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function stream(name) {
  let h = 0x811c9dc5; // FNV-1a of the section name, mixed with the fixed seed
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const next = mulberry32((h ^ SEED) >>> 0);
  const r = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992; // [0, 1), 53 bits
  return {
    r,
    U: (lo, hi) => lo + (hi - lo) * r(),
    logU: (lo, hi) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * r()),
    sign: () => (r() < 0.5 ? -1 : 1),
    int: (lo, hi) => lo + Math.floor(r() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(r() * arr.length)],
    lat: () => (Math.asin(2 * r() - 1) * 180) / Math.PI, // uniform on the sphere
    lon: () => 360 * r() - 180, // [-180, 180)
  };
}

// ---------------------------------------------------------------------------------------------
// Ellipsoids: a in metres and f as the decimal handed to `-e a f` (the shortest round-trip
// decimal of the double; a fraction string would be divided in the tool's own arithmetic)

const ELL = {
  wgs84: { a: 6378137, f: 1 / 298.257223563 },
  grs80: { a: 6378137, f: 1 / 298.257222101 },
  sphere: { a: 6371008.8, f: 0 },
  oblate150: { a: 6378137, f: 1 / 150 },
  prolate150: { a: 6378137, f: -1 / 150 },
};
for (const e of Object.values(ELL)) {
  e.as = dec(e.a);
  e.fs = dec(e.f);
}

// ---------------------------------------------------------------------------------------------
// Running the tools

function tool(name, args, input) {
  const res = spawnSync(name, args, { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (res.error) throw new Error(`${name}: ${res.error.message}`);
  if (res.status !== 0 || res.stderr.trim()) {
    throw new Error(`${name} ${args.join(' ')} exited ${res.status}: ${res.stderr.trim()}\n${res.stdout.split('\n').filter((l) => l.startsWith('ERROR')).slice(0, 5).join('\n')}`);
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
          'It comes with GeographicLib\'s command-line tools: apt-get install geographiclib-tools\n' +
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
    const p = [lon1, lat1, lon2, lat2].map(fit);
    if (Math.abs(p[1]) > 90 || Math.abs(p[3]) > 90) throw new Error(`bad latitude in ${tag}: ${p}`);
    rows.push({ tag, ell, lon1: p[0], lat1: p[1], lon2: p[2], lat2: p[3] });
  };
  const W = ELL.wgs84;
  const randomPairs = (tag, ell, n, s) => {
    for (let i = 0; i < n; i++) add(tag, ell, q(s.lon()), q(s.lat()), q(s.lon()), q(s.lat()));
  };
  const nearAntipodal = (tag, ell, s) => {
    const lat1 = q(s.U(-10, 10), 12);
    const lon1 = q(s.lon(), 12);
    const dlat = s.r() < 0.5 ? s.U(-0.5, 0.5) : s.sign() * s.logU(1e-10, 0.5);
    const dlon = s.r() < 0.5 ? s.U(179, 180) : 180 - s.logU(1e-10, 1);
    add(tag, ell, lon1, lat1, q(lon1 + s.sign() * dlon, 15), q(-lat1 + dlat, 15));
  };

  randomPairs('random', W, 1000, stream('inverse/random'));

  {
    // separations 1 µm .. 10 km in random directions; the second point is the first plus an
    // offset, kept as the exact double sum (its shortest decimal has at most 17 digits)
    const s = stream('inverse/short');
    for (let i = 0; i < 200; i++) {
      const lat1 = q(s.U(-85, 85), 12);
      const lon1 = q(s.lon(), 12);
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
      [0, 0], [0.5, 0], [-179.5, 0], [90, 0], [12.25, 0], [-37, 0], [180, 0],
      [0, 1], [10, -1], [-45.5, 5], [100, -7.5], [-160, 9.99], [33.3, 0.5], [0, -3.25],
      [170, 2], [-10, -9], [5, 0.001], [-5, -0.000001], [120.125, 4], [-90, 8],
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
      const near = [q(s.lon(), 12), i < 30 ? lat : fit(lat)];
      const other = [q(s.lon()), q(s.lat())];
      if (s.r() < 0.5) add('pole', W, ...near, ...other);
      else add('pole', W, ...other, ...near);
    }
  }

  for (const [x, y] of [[0, 0], [30, -150], [-180, 180], [45.5, -12.25], [179.999, 0.001], [-90, 90]]) {
    add('opposite-poles', W, x, 90, y, -90);
  }
  add('opposite-poles', W, 10, -90, 20, 90);

  {
    // longitude difference within 0 .. 1e-9 degree of 0 or of 180
    const s = stream('inverse/meridional');
    for (let i = 0; i < 150; i++) {
      const lon1 = q(s.lon(), 10);
      const eps = s.r() < 0.25 ? 0 : s.sign() * s.logU(1e-15, 1e-9);
      const base = s.r() < 0.5 ? lon1 : lon1 > 0 ? lon1 - 180 : lon1 + 180;
      add('meridional', W, lon1, q(s.lat(), 12), base + eps, q(s.lat(), 12));
    }
  }

  {
    // both latitudes within 0 .. 1e-9 of 0 (exactly 0 a third of the time); longitude
    // differences up to 180, with many past (1 - f) 180 = 179.3965... where the equator stops
    // being the shortest path on an oblate ellipsoid
    const s = stream('inverse/equatorial');
    const tinyLat = () => (s.r() < 1 / 3 ? 0 : q(s.sign() * s.logU(1e-15, 1e-9), 6));
    for (let i = 0; i < 150; i++) {
      const lon1 = q(s.lon(), 10);
      const u = s.r();
      const d = u < 0.5 ? s.U(0, 180) : u < 0.9 ? s.U(179, 180) : s.pick([180, 179.3965, 179.39651, 179.3966, 90, 1]);
      add('equatorial', W, lon1, tinyLat(), q(lon1 + s.sign() * d, 15), tinyLat());
    }
  }

  // exact cases
  for (const [lon1, lat1, lon2, lat2] of [
    [0, 0, 0, 0], [10, 20, 10, 20], [-170.5, -45.25, -170.5, -45.25], [180, 0, -180, 0],
    [45, 89.999999999, 45, 89.999999999], [100, 30, 460, 30],
    [0, 90, 0, 90], [0, 90, 77, 90], [0, -90, 123, -90], [0, 90, 180, 90], [-30, -90, 150, -90],
    [0, 90, 0, 0], [90, 90, 0, 0], [-45, 90, 10, 45], [180, -90, 0, 0], [37, -90, -120, 30],
    [0, 0, 90, 0], [0, 0, -90, 0], [0, 0, 180, 0], [0, 0, -180, 0], [180, 0, 0, 0],
    [0, 0, 0, 90], [0, 0, 0, -90], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 1, 1],
    [0, 45, 90, 45], [0, 45, 180, 45], [0, 45, 180, -45], [0, 30, 180, 30], [0, 10, 180, -10],
    [20, 60, 20, -60], [0, -89, 0, 89], [0, 89, 180, 89], [-120, 0, 60, 0],
    [0, 0, 179.3, 0], [0, 0, 179.3965, 0], [0, 0, 179.5, 0], [0, 0, 179.9, 0], [0, 0, 179.99, 0],
    [0, 0.5, 180, -0.5], [0, 0, 180, 0.5], [0, 0, 90, 90], [0, 0, 45, 45], [-90, -45, 90, 45],
  ]) add('special', W, lon1, lat1, lon2, lat2);

  {
    const s = stream('inverse/wide-lon');
    const exact = [540.5, -725.25, 1000000, -1000000, 540, -540, 180.0000001, -180.5, 359.999999999, 720, -360, 123456.789];
    const wide = () => {
      const u = s.r();
      if (u < 0.25) return s.pick(exact);
      if (u < 0.4) return q(s.U(-1e6, 1e6), 12);
      return q(s.lon() + 360 * s.pick([-3, -2, -1, 1, 2, 3]), 12);
    };
    for (let i = 0; i < 100; i++) {
      const other = s.r() < 0.3 ? q(s.lon(), 12) : wide();
      const [lon1, lon2] = s.r() < 0.5 ? [wide(), other] : [other, wide()];
      add('wide-lon', W, lon1, q(s.lat(), 12), lon2, q(s.lat(), 12));
    }
  }

  randomPairs('grs80', ELL.grs80, 100, stream('inverse/grs80'));
  randomPairs('sphere', ELL.sphere, 50, stream('inverse/sphere'));
  for (const [name, ell] of [['oblate', ELL.oblate150], ['prolate', ELL.prolate150]]) {
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
    const p = [lon1, lat1, azi1, s12].map(fit);
    if (Math.abs(p[1]) > 90 || Math.abs(p[2]) > 180) throw new Error(`bad input in ${tag}: ${p}`);
    rows.push({ tag, ell, lon1: p[0], lat1: p[1], azi1: p[2], s12: p[3] });
  };
  const W = ELL.wgs84;
  const dist = (x) => Number(x.toFixed(4));
  const randomRows = (tag, ell, n, s, lo, hi) => {
    for (let i = 0; i < n; i++) add(tag, ell, q(s.lon()), q(s.lat()), q(s.U(-180, 180)), dist(s.U(lo, hi)));
  };

  randomRows('random', W, 800, stream('direct/random'), 0, 2e7);
  randomRows('long', W, 100, stream('direct/long'), 2e7, 1e8);
  {
    const s = stream('direct/short');
    for (let i = 0; i < 100; i++) add('short', W, q(s.lon()), q(s.lat()), q(s.U(-180, 180)), q(s.logU(1e-6, 1e3), 12));
  }
  {
    const s = stream('direct/pole');
    for (let i = 0; i < 100; i++) {
      const pole = s.sign();
      const lat = i < 40 ? 90 * pole : fit(pole * (90 - s.logU(1e-9, 1)));
      const lon = s.r() < 0.2 ? s.pick([0, 180, -90, 45]) : q(s.lon(), 12);
      const azi = s.r() < 0.3 ? s.pick([0, 90, 180, -90, 45, -135]) : q(s.U(-180, 180), 12);
      const d = s.r() < 0.5 ? dist(s.U(0, 2e7)) : q(s.logU(1, 1e6), 12);
      add('pole', W, lon, lat, azi, d);
    }
  }
  {
    const s = stream('direct/meridional');
    for (let i = 0; i < 100; i++) {
      const d = s.r() < 0.6 ? dist(s.U(0, 2e7)) : dist(s.U(2e7, 4.1e7));
      add('meridional', W, q(s.lon(), 12), q(s.lat(), 12), s.pick([0, 180]), d);
    }
  }
  {
    const s = stream('direct/equatorial');
    for (let i = 0; i < 100; i++) {
      const d = s.r() < 0.6 ? dist(s.U(0, 2e7)) : dist(s.U(2e7, 4.1e7));
      add('equatorial', W, q(s.lon(), 12), 0, s.pick([90, -90]), d);
    }
  }
  {
    const s = stream('direct/wide-lon');
    const exact = [540.5, -725.25, 1000000, -1000000, 540, -540, 180.0000001, -180.5, 359.999999999, 720];
    for (let i = 0; i < 50; i++) {
      const u = s.r();
      const lon = u < 0.3 ? s.pick(exact) : u < 0.45 ? q(s.U(-1e6, 1e6), 12) : q(s.lon() + 360 * s.pick([-3, -2, -1, 1, 2, 3]), 12);
      add('wide-lon', W, lon, q(s.lat(), 12), q(s.U(-180, 180), 12), dist(s.U(0, 2e7)));
    }
  }
  for (const [lon1, lat1, azi1, s12] of [
    [0, 0, 0, 0], [10, 20, 30, 0], [0, 90, 0, 0], [0, -90, 45, 0], [0, 90, 0, 1000], [0, 90, 180, 1000],
    [0, -90, 0, 1000], [0, 0, 0, 10001965.7293127228], [0, 0, 0, 20003931.4586254470],
    [0, 0, 90, 20037508.3427892439], [0, 0, 90, 40075016.6855784878], [0, 0, 45, 0.000001],
    [180, 0, -90, 1], [-180, 0, 90, 1], [0, 45, -180, 1000], [0, 45, 180, 1000],
  ]) add('special', W, lon1, lat1, azi1, s12);

  randomRows('grs80', ELL.grs80, 100, stream('direct/grs80'), 0, 2e7);
  randomRows('sphere', ELL.sphere, 50, stream('direct/sphere'), 0, 2e7);
  randomRows('flat', ELL.oblate150, 50, stream('direct/flat/oblate'), 0, 2e7);
  randomRows('flat', ELL.prolate150, 50, stream('direct/flat/prolate'), 0, 2e7);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Polygons: rows of { tag, ell, pts: [[lon, lat], ...] } in the order given to Planimeter

// Rough outlines, traversed counter-clockwise (interior on the left), (lon, lat) degrees
const AUSTRALIA = [
  [142.5, -10.7], [141.6, -12.5], [141.5, -17], [139.3, -17.4], [136.8, -15.9], [136.9, -12.3],
  [132.6, -11.5], [130.8, -12.4], [129.4, -14.9], [126, -14], [122.2, -17.9], [121, -19.6],
  [116.7, -20.6], [113.7, -22.5], [113.4, -26], [114.9, -29.5], [115, -33.6], [117.9, -35.1],
  [123.6, -33.9], [126.2, -32.3], [131.2, -31.5], [134.2, -32.8], [137.8, -35.6], [140, -37.9],
  [143.5, -38.8], [146.4, -39.1], [150, -37.5], [151.3, -33.9], [153.6, -28.2], [153.1, -24.8],
  [150.8, -22.5], [146.3, -19], [145.4, -14.9], [143.5, -12.5],
];
const GREENLAND = [
  [-43.5, 59.8], [-40, 65], [-32, 68], [-25, 69], [-22, 72], [-19, 76], [-18, 80], [-22, 82],
  [-40, 83.5], [-60, 82], [-66, 81], [-73, 78], [-66, 76], [-58, 75.5], [-55, 72.5], [-54, 70],
  [-53, 67], [-50, 64], [-48, 61],
];
// going westward around the south pole keeps the southern cap on the left
const ANTARCTICA = [
  [180, -72], [150, -68], [120, -66], [90, -66], [60, -67], [30, -69], [0, -70], [-30, -75],
  [-60, -65], [-90, -72], [-120, -74], [-150, -77],
];
const FRANCE = [
  [-1.8, 43.4], [3.2, 42.4], [4.8, 43.4], [7.5, 43.8], [7, 45.9], [6.1, 46.2], [7.6, 47.6],
  [8.2, 49], [6.4, 49.5], [4.2, 49.96], [2.5, 51.1], [1.6, 50.2], [0.2, 49.7], [-1.9, 49.7],
  [-1.6, 48.6], [-4.8, 48.4], [-4.3, 47.8], [-2.2, 47.1], [-1.2, 46], [-1.3, 44.5],
];
const PARIS = [
  [2.25, 48.83], [2.33, 48.815], [2.41, 48.83], [2.415, 48.86], [2.4, 48.89], [2.33, 48.9],
  [2.27, 48.88], [2.245, 48.855],
];
const FIJI = [[177.5, -18.3], [-179.8, -18.5], [-179.6, -16.2], [178.2, -16]];
const FIJI_UNWRAPPED = [[177.5, -18.3], [180.2, -18.5], [180.4, -16.2], [178.2, -16]];
const OCTANT = [[0, 0], [90, 0], [0, 90]];
const ringAt = (lat, eastward) => {
  const pts = [];
  for (let lon = -180; lon < 180; lon += 30) pts.push([lon, lat]);
  return eastward ? pts : pts.reverse();
};

function polygonRows() {
  const rows = [];
  const add = (tag, ell, pts) => {
    rows.push({ tag, ell, pts: pts.map(([lon, lat]) => [fit(lon), fit(lat)]) });
  };
  const W = ELL.wgs84;
  const M_PER_DEG = 111320; // rough; the offsets only set the size
  const square = (lon, lat, side) => {
    const dy = side / M_PER_DEG;
    const dx = side / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
    return [[lon, lat], [lon + dx, lat], [lon + dx, lat + dy], [lon, lat + dy]];
  };

  add('tiny', W, square(10, 45, 0.001));
  add('tiny', W, square(-73.25, 40.5, 0.01));
  add('tiny', W, square(151.2, -33.85, 1));
  add('tiny', W, square(0, 0, 10));
  add('tiny', W, [[-0.1275, 51.5072], [-0.1275 + 10 / 69400, 51.5072], [-0.1275, 51.5072 + 8 / 111260]]);

  add('city', W, PARIS);
  add('country', W, FRANCE);
  add('continental', W, AUSTRALIA);
  add('continental', W, GREENLAND);
  add('continental', W, ANTARCTICA);

  add('pole', W, ringAt(80, true)); // eastward around the north pole: counter-clockwise
  add('pole', W, ringAt(-80, false)); // westward around the south pole: counter-clockwise
  add('pole', W, ringAt(-80, true)); // the south cap clockwise: negative
  add('pole', W, OCTANT); // a vertex at the north pole; an eighth of the ellipsoid

  add('antimeridian', W, FIJI);
  add('antimeridian', W, FIJI_UNWRAPPED);
  add('antimeridian', W, [[170, 60], [-170, 60], [-170, 70], [170, 70]]);

  add('clockwise', W, [...AUSTRALIA].reverse());
  add('clockwise', W, [...PARIS].reverse());
  add('clockwise', W, [...FIJI].reverse());
  add('clockwise', W, square(151.2, -33.85, 1).reverse());

  {
    // 3 random points; a triangle with a side longer than 170 degrees of arc is drawn again,
    // since sides near half the globe may have two shortest geodesics (the polygon would be ambiguous)
    const s = stream('polygons/triangle');
    const rad = Math.PI / 180;
    const arc = ([lo1, la1], [lo2, la2]) =>
      Math.acos(Math.min(1, Math.sin(la1 * rad) * Math.sin(la2 * rad) + Math.cos(la1 * rad) * Math.cos(la2 * rad) * Math.cos((lo2 - lo1) * rad))) / rad;
    for (let i = 0; i < 5; ) {
      const t = [0, 1, 2].map(() => [q(s.lon(), 12), q(s.lat(), 12)]);
      if (Math.max(arc(t[0], t[1]), arc(t[1], t[2]), arc(t[2], t[0])) > 170) continue;
      add('triangle', W, t);
      i++;
    }
  }

  add('degenerate', W, [[5, 5]]);
  add('degenerate', W, [[20, 10], [21, 11]]);
  add('degenerate', W, [[5, 5], [5, 5], [5, 5]]);
  add('degenerate', W, [[0, 0], [1, 0], [1, 0], [1, 1], [1, 1], [0, 1]]);
  add('degenerate', W, [[0, 0], [1, 0], [2, 0]]);
  add('degenerate', W, [[30, -10], [30, 0], [30, 10]]);
  add('degenerate', W, [[0, 0], [1, 1], [0, 0], [1, 1]]);

  {
    // 3..12 vertices around a random centre, at sorted bearings (a simple, star-shaped polygon);
    // sorted bearings run clockwise, so half are reversed to run counter-clockwise
    const s = stream('polygons/random');
    for (let i = 0; i < 20; i++) {
      const lat0 = (s.U(-70, 70) * Math.PI) / 180;
      const lon0 = (s.lon() * Math.PI) / 180;
      const R = s.logU(1e3, 2e6);
      const n = s.int(3, 12);
      const bearings = Array.from({ length: n }, () => s.U(0, 2 * Math.PI)).sort((x, y) => x - y);
      const pts = bearings.map((b) => {
        const d = (R * s.U(0.3, 1)) / 6371000;
        const lat = Math.asin(Math.sin(lat0) * Math.cos(d) + Math.cos(lat0) * Math.sin(d) * Math.cos(b));
        const lon = lon0 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat0), Math.cos(d) - Math.sin(lat0) * Math.sin(lat));
        const lonDeg = (lon * 180) / Math.PI;
        return [q(lonDeg > 180 ? lonDeg - 360 : lonDeg < -180 ? lonDeg + 360 : lonDeg, 12), q((lat * 180) / Math.PI, 12)];
      });
      add('random', W, s.r() < 0.5 ? pts.reverse() : pts);
    }
  }

  add('grs80', ELL.grs80, AUSTRALIA);
  add('grs80', ELL.grs80, GREENLAND);
  add('grs80', ELL.grs80, ringAt(80, true));
  add('grs80', ELL.grs80, PARIS);
  add('sphere', ELL.sphere, OCTANT); // exactly 4 pi a^2 / 8 on a sphere
  add('sphere', ELL.sphere, AUSTRALIA);
  add('sphere', ELL.sphere, ringAt(-80, false));
  add('sphere', ELL.sphere, [...FRANCE].reverse());
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
  writeFileSync(FILES.inverse, tsv(
    ['tag', 'a', 'f', 'lon1', 'lat1', 'lon2', 'lat2', 'distance', 'azimuth1', 'azimuth2'],
    inv.map((r) => {
      const [azi1, azi2, s12] = r.out;
      return [r.tag, r.ell.as, r.ell.fs, dec(r.lon1), dec(r.lat1), dec(r.lon2), dec(r.lat2), s12, azi1, azi2];
    }),
  ));

  const dir = directRows();
  runBatched(dir, [], (r) => `${dec(r.lat1)} ${dec(r.lon1)} ${dec(r.azi1)} ${dec(r.s12)}`);
  writeFileSync(FILES.direct, tsv(
    ['tag', 'a', 'f', 'lon1', 'lat1', 'azimuth1', 'distance', 'lon2', 'lat2', 'azimuth2'],
    dir.map((r) => {
      const [lat2, lon2, azi2] = r.out;
      return [r.tag, r.ell.as, r.ell.fs, dec(r.lon1), dec(r.lat1), dec(r.azi1), dec(r.s12), lon2, lat2, azi2];
    }),
  ));

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
  writeFileSync(FILES.polygons, tsv(
    ['tag', 'a', 'f', 'lons', 'lats', 'perimeter', 'area'],
    pol.map((p) => [p.tag, p.ell.as, p.ell.fs, p.pts.map((v) => dec(v[0])).join(','), p.pts.map((v) => dec(v[1])).join(','), p.out[1], p.out[2]]),
  ));

  for (const [name, file] of Object.entries(FILES)) {
    const n = readFileSync(file, 'utf8').split('\n').length - 2;
    console.log(`${path.relative(ROOT, file)}: ${n} rows (${name})`);
  }
  console.log(Object.values(versions).join('; '));
}

// ---------------------------------------------------------------------------------------------
// --check: compare the files with the npm package geographiclib-geodesic (same algorithms,
// independent implementation in JavaScript)

function readTsv(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

function check() {
  const require = createRequire(import.meta.url);
  let lib;
  try {
    lib = require('geographiclib-geodesic');
  } catch {
    console.error('--check needs the npm package geographiclib-geodesic (a devDependency; or set NODE_PATH)');
    process.exit(1);
  }
  const cache = new Map();
  const geod = (r) => {
    const key = `${r.a} ${r.f}`;
    if (!cache.has(key)) cache.set(key, new lib.Geodesic.Geodesic(Number(r.a), Number(r.f)));
    return cache.get(key);
  };
  const angDiff = (x, y) => {
    const d = (x - y) % 360; // exact; no offset that would swallow differences below 1e-13
    return Math.abs(d > 180 ? d - 360 : d < -180 ? d + 360 : d);
  };
  const worst = {};
  const note = (file, what, tag, err, row) => {
    const k = `${file} ${what}`;
    if (!(k in worst) || err > worst[k].err) worst[k] = { err, tag, row };
  };
  const byTag = (rows) => rows.reduce((m, r) => ((m[r.tag] = (m[r.tag] || 0) + 1), m), {});

  const inv = readTsv(FILES.inverse);
  for (const r of inv) {
    const g = geod(r).Inverse(Number(r.lat1), Number(r.lon1), Number(r.lat2), Number(r.lon2));
    note('inverse', 'distance (m)', r.tag, Math.abs(g.s12 - Number(r.distance)), r);
    // the azimuths are not unique for coincident points and for opposite poles
    // and for lines of a few micrometres the inputs' last bits (~1 nm) already move them by
    // ~1e-9 m / s12 radians; so an azimuth is judged as the sideways displacement it makes at
    // the far end, err (rad) * s12, against 1e-8 m, or against 1e-9 degree, whichever is looser
    const s12 = Number(r.distance);
    if (s12 > 0 && r.tag !== 'opposite-poles') {
      for (const [k, got] of [['azimuth1', g.azi1], ['azimuth2', g.azi2]]) {
        const err = angDiff(got, Number(r[k]));
        note('inverse', `${k} (deg)`, r.tag, err, r);
        note('inverse', `${k} (scaled)`, r.tag, Math.min(err / 1e-9, (err * Math.PI * s12) / 180 / 1e-8), r);
      }
    }
  }
  const dir = readTsv(FILES.direct);
  for (const r of dir) {
    const g = geod(r).Direct(Number(r.lat1), Number(r.lon1), Number(r.azimuth1), Number(r.distance));
    note('direct', 'lat2 (deg)', r.tag, Math.abs(g.lat2 - Number(r.lat2)), r);
    // longitude and azimuth are undefined at a pole
    if (Math.abs(Number(r.lat2)) < 90 - 1e-9) note('direct', 'lon2 (deg)', r.tag, angDiff(g.lon2, Number(r.lon2)), r);
    if (Math.abs(Number(r.lat2)) < 90 - 1e-9) note('direct', 'azimuth2 (deg)', r.tag, angDiff(g.azi2, Number(r.azimuth2)), r);
  }
  const pol = readTsv(FILES.polygons);
  for (const r of pol) {
    const p = geod(r).Polygon(false);
    const lons = r.lons.split(',').map(Number);
    const lats = r.lats.split(',').map(Number);
    lons.forEach((lon, i) => p.AddPoint(lats[i], lon));
    const c = p.Compute(false, true);
    note('polygons', 'perimeter (m)', r.tag, Math.abs(c.perimeter - Number(r.perimeter)), r);
    const area = Number(r.area);
    note('polygons', 'area (m^2)', r.tag, Math.abs(c.area - area), r);
    // areas are printed to 1e-5 m^2, and Planimeter's own error is up to ~1e-3 m^2 for small
    // polygons: judged against 1e-9 |area| + 1e-4 m^2
    note('polygons', 'area (scaled)', r.tag, Math.abs(c.area - area) / (1e-9 * Math.abs(area) + 1e-4), r);
    if (Math.abs(area) > 1e3) note('polygons', 'area (relative, |area| > 1000 m^2)', r.tag, Math.abs(c.area - area) / Math.abs(area), r);
  }
  console.log('rows per tag:');
  for (const [name, rows] of [['inverse', inv], ['direct', dir], ['polygons', pol]]) console.log(`  ${name} (${rows.length}):`, JSON.stringify(byTag(rows)));
  console.log('worst disagreement with geographiclib-geodesic', lib.Constants?.version_string ?? '');
  let bad = false;
  // '(scaled)' entries are ratios to their allowance (<= 1 passes); the others are raw
  const limits = {
    'inverse distance (m)': 1e-8, 'polygons perimeter (m)': 1e-8,
    'direct lat2 (deg)': 1e-9, 'direct lon2 (deg)': 1e-9, 'direct azimuth2 (deg)': 1e-9,
  };
  for (const [k, w] of Object.entries(worst)) {
    const limit = k.includes('(scaled)') ? 1 : (limits[k] ?? Infinity);
    const flag = w.err > limit ? '  <-- over ' + limit : '';
    if (flag) bad = true;
    console.log(`  ${k}: ${w.err.toExponential(3)} [${w.tag}]${flag}`);
  }
  if (bad) process.exit(1);
}

if (process.argv.includes('--check')) check();
else generate();
