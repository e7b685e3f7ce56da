// Polygon inputs for scripts/make-geodesic-fixtures.mjs (geodesic_polygons.tsv): rough outlines
// of real regions, rings around the poles, polygons across the antimeridian, degenerate ones and
// seeded random ones, as rows of { tag, ell, pts: [[lon, lat], ...] } in the order given to
// Planimeter.

import { ELL, roundSig, stream, writable } from './decimals-prng-ellipsoids.mjs';

// Rough outlines, traversed counter-clockwise (interior on the left), (lon, lat) degrees
const AUSTRALIA = [
  [142.5, -10.7],
  [141.6, -12.5],
  [141.5, -17],
  [139.3, -17.4],
  [136.8, -15.9],
  [136.9, -12.3],
  [132.6, -11.5],
  [130.8, -12.4],
  [129.4, -14.9],
  [126, -14],
  [122.2, -17.9],
  [121, -19.6],
  [116.7, -20.6],
  [113.7, -22.5],
  [113.4, -26],
  [114.9, -29.5],
  [115, -33.6],
  [117.9, -35.1],
  [123.6, -33.9],
  [126.2, -32.3],
  [131.2, -31.5],
  [134.2, -32.8],
  [137.8, -35.6],
  [140, -37.9],
  [143.5, -38.8],
  [146.4, -39.1],
  [150, -37.5],
  [151.3, -33.9],
  [153.6, -28.2],
  [153.1, -24.8],
  [150.8, -22.5],
  [146.3, -19],
  [145.4, -14.9],
  [143.5, -12.5],
];
const GREENLAND = [
  [-43.5, 59.8],
  [-40, 65],
  [-32, 68],
  [-25, 69],
  [-22, 72],
  [-19, 76],
  [-18, 80],
  [-22, 82],
  [-40, 83.5],
  [-60, 82],
  [-66, 81],
  [-73, 78],
  [-66, 76],
  [-58, 75.5],
  [-55, 72.5],
  [-54, 70],
  [-53, 67],
  [-50, 64],
  [-48, 61],
];
// going westward around the south pole keeps the southern cap on the left
const ANTARCTICA = [
  [180, -72],
  [150, -68],
  [120, -66],
  [90, -66],
  [60, -67],
  [30, -69],
  [0, -70],
  [-30, -75],
  [-60, -65],
  [-90, -72],
  [-120, -74],
  [-150, -77],
];
const FRANCE = [
  [-1.8, 43.4],
  [3.2, 42.4],
  [4.8, 43.4],
  [7.5, 43.8],
  [7, 45.9],
  [6.1, 46.2],
  [7.6, 47.6],
  [8.2, 49],
  [6.4, 49.5],
  [4.2, 49.96],
  [2.5, 51.1],
  [1.6, 50.2],
  [0.2, 49.7],
  [-1.9, 49.7],
  [-1.6, 48.6],
  [-4.8, 48.4],
  [-4.3, 47.8],
  [-2.2, 47.1],
  [-1.2, 46],
  [-1.3, 44.5],
];
const PARIS = [
  [2.25, 48.83],
  [2.33, 48.815],
  [2.41, 48.83],
  [2.415, 48.86],
  [2.4, 48.89],
  [2.33, 48.9],
  [2.27, 48.88],
  [2.245, 48.855],
];
const FIJI = [
  [177.5, -18.3],
  [-179.8, -18.5],
  [-179.6, -16.2],
  [178.2, -16],
];
const FIJI_UNWRAPPED = [
  [177.5, -18.3],
  [180.2, -18.5],
  [180.4, -16.2],
  [178.2, -16],
];
const OCTANT = [
  [0, 0],
  [90, 0],
  [0, 90],
];
const ringAt = (lat, eastward) => {
  const pts = [];
  for (let lon = -180; lon < 180; lon += 30) pts.push([lon, lat]);
  return eastward ? pts : pts.reverse();
};

export function polygonRows() {
  const rows = [];
  const add = (tag, ell, pts) => {
    rows.push({ tag, ell, pts: pts.map(([lon, lat]) => [writable(lon), writable(lat)]) });
  };
  const W = ELL.wgs84;
  const M_PER_DEG = 111320; // rough; the offsets only set the size
  const square = (lon, lat, side) => {
    const dy = side / M_PER_DEG;
    const dx = side / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
    return [
      [lon, lat],
      [lon + dx, lat],
      [lon + dx, lat + dy],
      [lon, lat + dy],
    ];
  };

  add('tiny', W, square(10, 45, 0.001));
  add('tiny', W, square(-73.25, 40.5, 0.01));
  add('tiny', W, square(151.2, -33.85, 1));
  add('tiny', W, square(0, 0, 10));
  add('tiny', W, [
    [-0.1275, 51.5072],
    [-0.1275 + 10 / 69400, 51.5072],
    [-0.1275, 51.5072 + 8 / 111260],
  ]);

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
  add('antimeridian', W, [
    [170, 60],
    [-170, 60],
    [-170, 70],
    [170, 70],
  ]);

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
      Math.acos(
        Math.min(1, Math.sin(la1 * rad) * Math.sin(la2 * rad) + Math.cos(la1 * rad) * Math.cos(la2 * rad) * Math.cos((lo2 - lo1) * rad)),
      ) / rad;
    for (let i = 0; i < 5; ) {
      const t = [0, 1, 2].map(() => [roundSig(s.lon(), 12), roundSig(s.lat(), 12)]);
      if (Math.max(arc(t[0], t[1]), arc(t[1], t[2]), arc(t[2], t[0])) > 170) continue;
      add('triangle', W, t);
      i++;
    }
  }

  add('degenerate', W, [[5, 5]]);
  add('degenerate', W, [
    [20, 10],
    [21, 11],
  ]);
  add('degenerate', W, [
    [5, 5],
    [5, 5],
    [5, 5],
  ]);
  add('degenerate', W, [
    [0, 0],
    [1, 0],
    [1, 0],
    [1, 1],
    [1, 1],
    [0, 1],
  ]);
  add('degenerate', W, [
    [0, 0],
    [1, 0],
    [2, 0],
  ]);
  add('degenerate', W, [
    [30, -10],
    [30, 0],
    [30, 10],
  ]);
  add('degenerate', W, [
    [0, 0],
    [1, 1],
    [0, 0],
    [1, 1],
  ]);

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
        return [roundSig(lonDeg > 180 ? lonDeg - 360 : lonDeg < -180 ? lonDeg + 360 : lonDeg, 12), roundSig((lat * 180) / Math.PI, 12)];
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
