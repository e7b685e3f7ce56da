// Geodesics on WGS84 (Karney's method, as GeographicLib): the distance and azimuths between two
// airports, the point 1000 km due east of one, and the area of a triangle, each with a sphere's
// answer beside it (the IUGG mean radius, 6,371,008.8 m) and its error.
//
//   node examples/geodesics.mjs
import { geodesicArea, geodesicDirect, geodesicDistance, geodesicInverse, greatCircle } from 'numaccel';

const R = 6_371_008.8; // the sphere's radius, metres
const rad = Math.PI / 180;
const JFK = [-73.7781, 40.6413]; // [lon, lat], degrees
const LHR = [-0.4543, 51.47];
const km2 = (m2) => (m2 / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 });
const signed = (x, digits) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

// 1. Inverse: New York JFK to London Heathrow.
const { distance, azimuth1, azimuth2 } = geodesicInverse(...JFK, ...LHR);
const sphere = greatCircle(...JFK, ...LHR, { unit: 'm' });
console.log('JFK to LHR (geodesicInverse):');
console.log(
  `  distance ${(distance / 1000).toFixed(3)} km; leaving at ${azimuth1.toFixed(4)}°, arriving at ${azimuth2.toFixed(4)}° (clockwise from north)`,
);
console.log(
  `  the sphere: ${(sphere / 1000).toFixed(3)} km (error ${signed((sphere - distance) / 1000, 3)} km, ${signed((100 * (sphere - distance)) / distance, 3)}%)`,
);

// 2. Direct: 1000 km due east of JFK. A geodesic leaving eastwards curves south of the parallel.
const east = geodesicDirect(...JFK, 90, 1_000_000);
// On the sphere: the same start, azimuth and distance.
const [lon0, lat0] = [JFK[0] * rad, JFK[1] * rad];
const angle = 1_000_000 / R;
const latS = Math.asin(Math.sin(lat0) * Math.cos(angle));
const lonS = lon0 + Math.atan2(Math.sin(angle) * Math.cos(lat0), Math.cos(angle) - Math.sin(lat0) * Math.sin(latS));
const apart = geodesicDistance(east.lon, east.lat, lonS / rad, latS / rad);
console.log('1000 km due east of JFK (geodesicDirect):');
console.log(`  (${east.lon.toFixed(6)}, ${east.lat.toFixed(6)}), heading ${east.azimuth.toFixed(4)}° there`);
console.log(`  the sphere: (${(lonS / rad).toFixed(6)}, ${(latS / rad).toFixed(6)}), ${(apart / 1000).toFixed(3)} km from it`);

// 3. Area: the Bermuda triangle (Miami, Bermuda, San Juan), counter-clockwise (positive area).
const lons = [-80.1918, -66.1057, -64.7505];
const lats = [25.7617, 18.4655, 32.3078];
const { area, perimeter } = geodesicArea(lons, lats);
// On the sphere: the spherical excess of the triangle (unit vectors a, b, c).
const [a, b, c] = lons.map((lon, i) => [
  Math.cos(lats[i] * rad) * Math.cos(lon * rad),
  Math.cos(lats[i] * rad) * Math.sin(lon * rad),
  Math.sin(lats[i] * rad),
]);
const dot = (u, v) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
const cross = (u, v) => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
const excess = 2 * Math.atan2(Math.abs(dot(a, cross(b, c))), 1 + dot(a, b) + dot(b, c) + dot(c, a));
const sphereArea = excess * R * R;
console.log('The Bermuda triangle (geodesicArea):');
console.log(`  area ${km2(area)} km², perimeter ${(perimeter / 1000).toFixed(3)} km`);
console.log(`  the sphere: ${km2(sphereArea)} km² (error ${signed((100 * (sphereArea - area)) / area, 3)}%)`);
