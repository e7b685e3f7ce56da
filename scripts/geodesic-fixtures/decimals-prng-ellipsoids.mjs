// Shared input helpers for scripts/make-geodesic-fixtures.mjs: numbers written as positional
// decimals (what GeodSolve and Planimeter are handed, and what the fixtures hold), the seeded
// PRNG streams the inputs are drawn from, and the ellipsoids the fixtures use.
// See the generator's header for why no number may be written with an exponent.

/** Seed of every PRNG stream: changing it changes every fixture row. */
const SEED = 20261207;

// ---------------------------------------------------------------------------------------------
// Numbers as positional decimals

/** Shortest decimal that reads back as exactly `x`, written without an exponent. */
function positional(x) {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  if (x === 0) return '0'; // -0 is never produced (writable() maps it to +0)
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
export function dec(x) {
  const s = positional(x);
  if (Number(s) !== x) throw new Error(`internal: ${s} does not round-trip to ${x}`);
  if (decimals(s) > 20) throw new Error(`${s} needs more than 20 decimals; pass it through writable() first`);
  return s;
}

/** An input value as a double that `dec` can write: at most 20 decimals, and never -0. */
export function writable(x) {
  const y = decimals(positional(x)) > 20 ? Number(x.toFixed(20)) : x;
  dec(y); // throws if still not writable
  return y === 0 ? 0 : y;
}

/** Round an input to `sig` significant digits (then make it writable). */
export function roundSig(x, sig = 15) {
  return writable(Number(x.toPrecision(sig)));
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

export function stream(name) {
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

export const ELL = {
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
