// `node scripts/make-geodesic-fixtures.mjs --check`: compares the committed fixture files with
// the npm package geographiclib-geodesic (same algorithms, independent implementation in
// JavaScript) and prints the worst disagreement per column; exits 1 if one is over its limit.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

function readTsv(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

/** `files`: { inverse, direct, polygons }, the paths of the three fixture files. */
export function checkFixtures(files) {
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
  const byTag = (rows) => {
    const counts = {};
    for (const r of rows) counts[r.tag] = (counts[r.tag] || 0) + 1;
    return counts;
  };

  const inv = readTsv(files.inverse);
  for (const r of inv) {
    const g = geod(r).Inverse(Number(r.lat1), Number(r.lon1), Number(r.lat2), Number(r.lon2));
    note('inverse', 'distance (m)', r.tag, Math.abs(g.s12 - Number(r.distance)), r);
    // the azimuths are not unique for coincident points and for opposite poles
    // and for lines of a few micrometres the inputs' last bits (~1 nm) already move them by
    // ~1e-9 m / s12 radians; so an azimuth is judged as the sideways displacement it makes at
    // the far end, err (rad) * s12, against 1e-8 m, or against 1e-9 degree, whichever is looser
    const s12 = Number(r.distance);
    if (s12 > 0 && r.tag !== 'opposite-poles') {
      for (const [k, got] of [
        ['azimuth1', g.azi1],
        ['azimuth2', g.azi2],
      ]) {
        const err = angDiff(got, Number(r[k]));
        note('inverse', `${k} (deg)`, r.tag, err, r);
        note('inverse', `${k} (scaled)`, r.tag, Math.min(err / 1e-9, (err * Math.PI * s12) / 180 / 1e-8), r);
      }
    }
  }
  const dir = readTsv(files.direct);
  for (const r of dir) {
    const g = geod(r).Direct(Number(r.lat1), Number(r.lon1), Number(r.azimuth1), Number(r.distance));
    note('direct', 'lat2 (deg)', r.tag, Math.abs(g.lat2 - Number(r.lat2)), r);
    // longitude and azimuth are undefined at a pole
    if (Math.abs(Number(r.lat2)) < 90 - 1e-9) note('direct', 'lon2 (deg)', r.tag, angDiff(g.lon2, Number(r.lon2)), r);
    if (Math.abs(Number(r.lat2)) < 90 - 1e-9) note('direct', 'azimuth2 (deg)', r.tag, angDiff(g.azi2, Number(r.azimuth2)), r);
  }
  const pol = readTsv(files.polygons);
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
  for (const [name, rows] of [
    ['inverse', inv],
    ['direct', dir],
    ['polygons', pol],
  ])
    console.log(`  ${name} (${rows.length}):`, JSON.stringify(byTag(rows)));
  console.log('worst disagreement with geographiclib-geodesic', lib.Constants?.version_string ?? '');
  let bad = false;
  // '(scaled)' entries are ratios to their allowance (<= 1 passes); the others are raw
  const limits = {
    'inverse distance (m)': 1e-8,
    'polygons perimeter (m)': 1e-8,
    'direct lat2 (deg)': 1e-9,
    'direct lon2 (deg)': 1e-9,
    'direct azimuth2 (deg)': 1e-9,
  };
  for (const [k, w] of Object.entries(worst)) {
    const limit = k.includes('(scaled)') ? 1 : (limits[k] ?? Infinity);
    const flag = w.err > limit ? '  <-- over ' + limit : '';
    if (flag) bad = true;
    console.log(`  ${k}: ${w.err.toExponential(3)} [${w.tag}]${flag}`);
  }
  if (bad) process.exit(1);
}
