/**
 * The kernel contract: every backend (native C++, WebAssembly, pure TypeScript) implements every
 * kernel listed here with exactly these semantics. The algorithms are spelled out step by step in
 * docs/algorithms.md; the TypeScript backend (src/backends/js/) is the readable reference.
 *
 * Kernels receive data the facade has already validated (src/arguments.ts); the one exception is
 * coordinatesInDomain, which is that validation's fast yes/no test. The native glue also checks
 * what memory safety needs (types, lengths, detached buffers) and throws rather than crash.
 * @category Backends
 */
export interface Kernels {
  /**
   * Deterministic primality of an integer 0 <= n < 2^64, given as a non-negative safe-integer
   * `number` or as a `bigint`.
   */
  checkPrime(n: number | bigint): boolean;

  /**
   * Great-circle distance between (lon1, lat1) and (lon2, lat2), in degrees (latitudes in
   * [-90, 90], longitudes any finite value), on a sphere of the given positive finite radius; the
   * result is in the radius' unit.
   */
  greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, radius: number): number;

  /**
   * out[i] = 1 if values[i] is prime, else 0. A Float64Array holds safe integers (negative ones
   * are not prime); a BigUint64Array any 64-bit values. out.length === values.length.
   */
  checkPrimes(values: Float64Array | BigUint64Array, out: Uint8Array): void;

  /** The number of primes p with lo <= p < hi, for integers 0 <= lo <= hi <= 2^53. */
  countPrimes(lo: number, hi: number): number;

  /**
   * Writes the primes in [lo, hi) in ascending order to out, which is large enough for all of
   * them (0 <= lo <= hi <= 2^53), and returns how many it wrote.
   */
  primesBetween(lo: number, hi: number, out: Float64Array): number;

  /**
   * out[i] = greatCircle(lon1[i], lat1[i], lon2[i], lat2[i], radius); each input has length
   * out.length, or length 1 and is broadcast to every i.
   */
  greatCircleMany(lon1: Float64Array, lat1: Float64Array, lon2: Float64Array, lat2: Float64Array, radius: number, out: Float64Array): void;

  /** out[i * lonsB.length + j] = greatCircle(lonsA[i], latsA[i], lonsB[j], latsB[j], radius). */
  greatCircleMatrix(
    lonsA: Float64Array,
    latsA: Float64Array,
    lonsB: Float64Array,
    latsB: Float64Array,
    radius: number,
    out: Float64Array,
  ): void;

  /**
   * Whether every element of lon1 and lon2 is finite and every element of lat1 and lat2 lies in
   * [-90, 90] (NaN does not); the arrays may have any lengths. The facade's message-free check of
   * the great-circle batch arguments (src/api.ts): only when it answers false does the facade scan
   * again, in TypeScript, to name the bad element, so the error is the same on every backend.
   */
  coordinatesInDomain(lon1: Float64Array, lat1: Float64Array, lon2: Float64Array, lat2: Float64Array): boolean;

  /**
   * π(x), the number of primes p <= x, for an integer 0 <= x <= 2^53: Deléglise–Rivat's
   * combinatorial method, a sieve below a per-backend threshold (docs/algorithms.md).
   */
  primePi(x: number): number;

  /**
   * One share of π(x)'s Deléglise–Rivat sum that needs no sieve, for an integer 400 <= x <= 2^53
   * and 0 <= index < count: S1 + a − 1 (index 0 only) plus the trivial and dense easy leaves of
   * the b with (b − first) mod count === index. The `count` shares and the sieve's parts
   * (primePiSieve) add up to π(x): src/prime-pi-parts.ts, for threads.
   */
  primePiLeaves(x: number, index: number, count: number): bigint;

  /**
   * The sums of segments [from, to) of π(x)'s sieve (clamped to the segments there are), for an
   * integer 400 <= x <= 2^53, counted from the first segment's start; laid out as
   * PRIME_PI_SIEVE_LAYOUT says. src/prime-pi-parts.ts completes and adds them.
   */
  primePiSieve(x: number, from: number, to: number): BigInt64Array;

  /**
   * The geodesic (shortest path) between (lon1, lat1) and (lon2, lat2), in degrees (latitudes in
   * [-90, 90], longitudes any finite value), on the ellipsoid of equatorial radius a (positive,
   * finite) and flattening f (|f| <= 1/50): out[0] is its length in a's unit, out[1] and out[2]
   * the azimuths at its ends in degrees clockwise from north, in [-180, 180], with
   * GeographicLib's conventions at coincident points and the poles. Karney's method (J. Geodesy
   * 87, 2013; docs/algorithms.md, "Geodesics").
   */
  geodesicInverse(lon1: number, lat1: number, lon2: number, lat2: number, a: number, f: number, out: Float64Array): void;

  /** geodesicInverse's out[0], bit for bit, without the azimuths. */
  geodesicDistance(lon1: number, lat1: number, lon2: number, lat2: number, a: number, f: number): number;

  /**
   * The end of the geodesic that leaves (lon1, lat1) at azimuth azi1 (degrees, any finite value)
   * and runs s12 (any finite value, in a's unit; negative runs backwards) on the ellipsoid (a, f)
   * as for geodesicInverse: out[0] = lon2 in [-180, 180], out[1] = lat2, out[2] = the azimuth there.
   */
  geodesicDirect(lon1: number, lat1: number, azi1: number, s12: number, a: number, f: number, out: Float64Array): void;

  /** out[i] = geodesicDistance of pair i; each input has length out.length, or length 1 and is broadcast. */
  geodesicDistanceMany(
    lon1: Float64Array,
    lat1: Float64Array,
    lon2: Float64Array,
    lat2: Float64Array,
    a: number,
    f: number,
    out: Float64Array,
  ): void;

  /** out[i * lonsB.length + j] = geodesicDistance(lonsA[i], latsA[i], lonsB[j], latsB[j], a, f). */
  geodesicDistanceMatrix(
    lonsA: Float64Array,
    latsA: Float64Array,
    lonsB: Float64Array,
    latsB: Float64Array,
    a: number,
    f: number,
    out: Float64Array,
  ): void;

  /**
   * The polygon whose vertices are (lons[i], lats[i]) in order, joined by geodesics and closed
   * (lons.length === lats.length): out[0] = its area in the square of a's unit, positive when
   * traversed counter-clockwise (the smaller region the ring bounds, as GeographicLib's
   * PolygonArea with sign), out[1] = its perimeter.
   */
  geodesicArea(lons: Float64Array, lats: Float64Array, a: number, f: number, out: Float64Array): void;

  /** The n-th prime (nthPrime(1) === 2), for an integer 1 <= n <= NTH_PRIME_LIMIT (the primes below 2^53). */
  nthPrime(n: number): number;

  /**
   * The smallest prime > n, of n's type, for n a non-negative safe integer or a bigint below
   * 2^64; -1 (or -1n) where that prime is out of range (above 2^53 - 1 for a number, 2^64 for a bigint).
   */
  nextPrime(n: number | bigint): number | bigint;

  /** The largest prime < n, of n's type (n as for nextPrime); -1 (or -1n) for n <= 2. */
  prevPrime(n: number | bigint): number | bigint;
}

/**
 * Where primePiSieve puts its sums, for segments [from, to) starting at L = from·span: the hard
 * leaves (φ counted from L), the easy leaves with u > y and the P2 terms (π counted from L unless
 * `absolute`), how many π lookups each of those two made, π(end − 1) (less π(L − 1) unless
 * `absolute`; 0 when no segment reached past y), `absolute` (0 or 1), then per b = 8 … bHard
 * (bLength of them) φ(end − 1, b − 1) − φ(L − 1, b − 1) from `phi`, and the sum of the signs
 * of b's hard leaves from `phi + bLength`.
 */
export const PRIME_PI_SIEVE_LAYOUT = {
  hard: 0,
  sparse: 1,
  p2: 2,
  sparseTerms: 3,
  p2Terms: 4,
  piEnd: 5,
  absolute: 6,
  phi: 7,
} as const;

/** The sieve layout's bLength: how many b the parts of primePiSieve carry. */
export const primePiSieveBLength = (sums: BigInt64Array): number => (sums.length - PRIME_PI_SIEVE_LAYOUT.phi) / 2;

/**
 * The largest n for which nthPrime(n) is below 2^53: π(2^53).
 * @category Primes
 */
export const NTH_PRIME_LIMIT = 252_252_704_148_404;

export type KernelName = keyof Kernels;

/** What primesBetween returns: the first `count` elements of the `out` the kernel filled (itself when full). */
export function primesWritten(out: Float64Array, count: number): Float64Array {
  return count === out.length ? out : out.slice(0, count);
}

/**
 * Elements per block of the batch kernels' callers: the facade checks and computes
 * greatCircleMany this many pairs at a time (the five arrays' blocks take 640 KiB, inside a 1 MiB
 * L2), and the wasm backend copies its inputs into linear memory in chunks of this many.
 */
export const BATCH_BLOCK = 16384;

/**
 * Every kernel of the contract, for completeness checks; the type below proves none is missing.
 * @category Backends
 */
export const KERNEL_NAMES = [
  'checkPrime',
  'greatCircle',
  'checkPrimes',
  'countPrimes',
  'primesBetween',
  'greatCircleMany',
  'greatCircleMatrix',
  'coordinatesInDomain',
  'primePi',
  'primePiLeaves',
  'primePiSieve',
  'nthPrime',
  'nextPrime',
  'prevPrime',
  'geodesicInverse',
  'geodesicDistance',
  'geodesicDirect',
  'geodesicDistanceMany',
  'geodesicDistanceMatrix',
  'geodesicArea',
] as const satisfies readonly KernelName[];
type MissingKernel = Exclude<KernelName, (typeof KERNEL_NAMES)[number]>;
const everyKernelListed: MissingKernel extends never ? true : never = true;
void everyKernelListed;

/**
 * Backends in priority order: when nothing was measured, the first available one is used.
 * @category Backends
 */
export const BACKEND_NAMES = ['native', 'wasm', 'js'] as const;
/**
 * A backend: 'native' (C++ through Node-API), 'wasm' (WebAssembly from AssemblyScript) or 'js' (TypeScript).
 * @category Backends
 */
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * Multi-threaded versions of the batch kernels that a backend runs on threads of its own (native:
 * Node-API async work split across a native thread pool). Backends without them run their
 * synchronous kernels on a pool of worker threads instead (src/async.ts).
 *
 * `threads` is the number of threads to use. `control` is an Int32Array over a SharedArrayBuffer,
 * shared with those threads: [0] is set to 1 by JavaScript to cancel (the threads stop at their
 * next chunk), [1] counts the work units done and [2] holds the units in all (both set by the
 * kernel, for progress). Inputs and outputs are as in the synchronous kernels.
 */
export interface AsyncKernels {
  checkPrimesAsync(values: Float64Array | BigUint64Array, out: Uint8Array, threads: number, control: Int32Array): Promise<void>;
  countPrimesAsync(lo: number, hi: number, threads: number, control: Int32Array): Promise<number>;
  primesBetweenAsync(lo: number, hi: number, out: Float64Array, threads: number, control: Int32Array): Promise<number>;
  greatCircleManyAsync(
    lon1: Float64Array,
    lat1: Float64Array,
    lon2: Float64Array,
    lat2: Float64Array,
    radius: number,
    out: Float64Array,
    threads: number,
    control: Int32Array,
  ): Promise<void>;
  greatCircleMatrixAsync(
    lonsA: Float64Array,
    latsA: Float64Array,
    lonsB: Float64Array,
    latsB: Float64Array,
    radius: number,
    out: Float64Array,
    threads: number,
    control: Int32Array,
  ): Promise<void>;
}
