// numaccel WebAssembly backend — entry file. The JS loader (src/backends/wasm/index.ts) depends
// on these export names. Algorithms: docs/algorithms.md. Inputs arrive already validated by the
// facade (src/arguments.ts).
//
// Two builds of this file (asconfig.json): build-wasm/numaccel.wasm without SIMD and
// build-wasm/numaccel-simd.wasm with it; ASC_FEATURE_SIMD (a compile-time constant) selects the
// f64x2 batch kernels of geo-simd.ts and geodesic-simd.ts, whose results are bit-identical to
// the scalar ones.
//
// Memory protocol: the module exports its memory and alloc(bytes) (runtime "minimal": TLSF; no
// managed objects are used, so the collector never runs). The caller allocates its buffers once
// with alloc (16-byte aligned) and keeps them for the life of the instance, passing byte
// addresses. Any call that allocates (alloc, the sieve entry points) may grow the memory, which
// detaches the previous memory.buffer: views must be re-created afterwards.

import { checkPrime, checkPrimesF64 as checkPrimesF64Impl, checkPrimesU64 as checkPrimesU64Impl } from "./prime";
import {
  greatCircle as greatCircleImpl, greatCircleManyScalar, greatCircleTileScalar, geoPrepare as geoPrepareImpl,
  allWithinScalar,
} from "./geo";
import { greatCircleManySimd, greatCircleTileSimd, allWithinSimd } from "./geo-simd";
import {
  geodesicInverse as geodesicInverseImpl, geodesicDistance as geodesicDistanceImpl,
  geodesicDirect as geodesicDirectImpl, geodesicDistanceMany as geodesicDistanceManyImpl,
  geodesicDistanceTile as geodesicDistanceTileImpl,
} from "./geodesic";
import { geodesicDistanceManySimd, geodesicDistanceTileSimd } from "./geodesic-simd";
import { areaBegin, areaAdd, areaEnd } from "./geodesic-area";
import { countPrimesRange } from "./sieve";
import { listPrimesStart as listStart, listPrimesNext as listNext, LIST_BATCH } from "./sieve-cursor";
import {
  primePi as primePiImpl, primePiCombinatorial as primePiCombinatorialImpl, nthPrime as nthPrimeImpl,
  nextPrime as nextPrimeImpl, prevPrime as prevPrimeImpl, primePiLeaves as primePiLeavesImpl,
  primePiSieve as primePiSieveImpl,
} from "./primecount";

// ---------------------------------------------------------------------------------------------
// Memory

/** Allocates `bytes` bytes of linear memory (16-byte aligned); may grow the memory. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** 1 when this build uses WebAssembly SIMD for the batch great-circle kernels. */
export function simd(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Primality

/** Primality of a non-negative safe integer passed as a double (n <= 2^53 - 1). */
export function checkPrimeF64(n: f64): bool {
  return checkPrime(<u64>n);
}

/** Primality of 0 <= n < 2^64 passed as a JS BigInt (i64 parameter, reinterpreted as u64). */
export function checkPrimeU64(n: u64): bool {
  return checkPrime(n);
}

/** out[i] (bytes) = checkPrime(values[i]) for f64 safe integers (negatives are not prime). */
export function checkPrimesF64(values: usize, n: i32, out: usize): void {
  checkPrimesF64Impl(values, n, out);
}

/** out[i] (bytes) = checkPrime(values[i]) for u64 values. */
export function checkPrimesU64(values: usize, n: i32, out: usize): void {
  checkPrimesU64Impl(values, n, out);
}

// ---------------------------------------------------------------------------------------------
// Sieve (integers 0 <= lo <= hi <= 2^53 passed as doubles)

/** Number of primes p with lo <= p < hi. */
export function countPrimes(lo: f64, hi: f64): f64 {
  return <f64>countPrimesRange(<u64>lo, <u64>hi);
}

/** Starts listing the primes in [lo, hi); see listPrimesNext. */
export function listPrimesStart(lo: f64, hi: f64): void {
  listStart(<u64>lo, <u64>hi);
}

/**
 * Writes the next primes of the listing (ascending, f64) to out, which must have room for
 * listPrimesBatch() values; returns how many (possibly 0), or -1 when the listing is complete.
 */
export function listPrimesNext(out: usize): i32 {
  return listNext(out);
}

/** The most values one listPrimesNext call writes. */
export function listPrimesBatch(): i32 {
  return LIST_BATCH;
}

// ---------------------------------------------------------------------------------------------
// Great circle

/** Great-circle distance: central angle between two points (degrees) times radius. */
export function greatCircle(lon1: f64, lat1: f64, lon2: f64, lat2: f64, radius: f64): f64 {
  return greatCircleImpl(lon1, lat1, lon2, lat2, radius);
}

/**
 * out[i] = greatCircle(lon1[i], lat1[i], lon2[i], lat2[i], radius) for i < n (f64 arrays at byte
 * addresses). Bit k of stepMask (k = 0..3: lon1, lat1, lon2, lat2) set = that array has n
 * elements; clear = its element 0 is broadcast.
 */
export function greatCircleMany(
  lon1: usize, lat1: usize, lon2: usize, lat2: usize, stepMask: i32, n: i32, radius: f64, out: usize,
): void {
  if (ASC_FEATURE_SIMD) greatCircleManySimd(lon1, lat1, lon2, lat2, stepMask, n, radius, out);
  else greatCircleManyScalar(lon1, lat1, lon2, lat2, stepMask, n, radius, out);
}

/**
 * 1 when |x| <= limit for all n doubles at `values` (0 for NaN): the coordinate check, with limit
 * 90 for latitudes and f64.MAX_VALUE for longitudes (finite).
 */
export function allWithin(values: usize, n: i32, limit: f64): bool {
  return ASC_FEATURE_SIMD ? allWithinSimd(values, n, limit) : allWithinScalar(values, n, limit);
}

/**
 * Matrix support, step 1, in place for n points: lon[i] <- remainder360(negate ? -lon[i] :
 * lon[i]); sin[i], cos[i] <- sincosd(lat[i]). Rows (A) use negate = 1, columns (B) negate = 0.
 */
export function geoPrepare(lon: usize, lat: usize, n: i32, negate: i32, sin: usize, cos: usize): void {
  geoPrepareImpl(lon, lat, n, negate, sin, cos);
}

/**
 * Matrix support, step 2: out[i * nB + j] (row-major nA × nB) = distance between prepared row
 * point i (aRem, aLat, aSin, aCos) and prepared column point j (bRem, bLat, bCos).
 */
export function greatCircleTile(
  aRem: usize, aLat: usize, aSin: usize, aCos: usize, nA: i32,
  bRem: usize, bLat: usize, bCos: usize, nB: i32,
  radius: f64, out: usize,
): void {
  if (ASC_FEATURE_SIMD) greatCircleTileSimd(aRem, aLat, aSin, aCos, nA, bRem, bLat, bCos, nB, radius, out);
  else greatCircleTileScalar(aRem, aLat, aSin, aCos, nA, bRem, bLat, bCos, nB, radius, out);
}

// ---------------------------------------------------------------------------------------------
// Geodesics (assembly/geodesic.ts, geodesic-area.ts: Karney's algorithms, the TypeScript
// reference's bits). Degrees, ellipsoid (a, f) as the facade validated it; lengths in a's unit.
// The scalar entry points with several results write them to the static result area.

/** Three doubles the geodesic entry points with several results write to. */
const GEODESIC_RESULT: usize = memory.data(3 * 8, 8);

/** The address of the geodesic result area (three doubles). */
export function geodesicResult(): usize {
  return GEODESIC_RESULT;
}

/** result[0..2] = s12, azi1, azi2 of the geodesic (lon1, lat1) -> (lon2, lat2). */
export function geodesicInverse(lon1: f64, lat1: f64, lon2: f64, lat2: f64, a: f64, f: f64): void {
  geodesicInverseImpl(lon1, lat1, lon2, lat2, a, f, GEODESIC_RESULT);
}

/** The geodesic distance s12, geodesicInverse's result[0] bit for bit. */
export function geodesicDistance(lon1: f64, lat1: f64, lon2: f64, lat2: f64, a: f64, f: f64): f64 {
  return geodesicDistanceImpl(lon1, lat1, lon2, lat2, a, f);
}

/** result[0..2] = lon2, lat2, azi2 at distance s12 from (lon1, lat1) along azimuth azi1. */
export function geodesicDirect(lon1: f64, lat1: f64, azi1: f64, s12: f64, a: f64, f: f64): void {
  geodesicDirectImpl(lon1, lat1, azi1, s12, a, f, GEODESIC_RESULT);
}

/** out[i] = geodesicDistance of pair i < n; stepMask as for greatCircleMany. */
export function geodesicDistanceMany(
  lon1: usize, lat1: usize, lon2: usize, lat2: usize, stepMask: i32, n: i32, a: f64, f: f64, out: usize,
): void {
  if (ASC_FEATURE_SIMD) geodesicDistanceManySimd(lon1, lat1, lon2, lat2, stepMask, n, a, f, out);
  else geodesicDistanceManyImpl(lon1, lat1, lon2, lat2, stepMask, n, a, f, out);
}

/** out[i * nB + j] (row-major nA × nB) = geodesicDistance(aLon[i], aLat[i], bLon[j], bLat[j]). */
export function geodesicDistanceTile(
  aLon: usize, aLat: usize, nA: i32, bLon: usize, bLat: usize, nB: i32, a: f64, f: f64, out: usize,
): void {
  if (ASC_FEATURE_SIMD) geodesicDistanceTileSimd(aLon, aLat, nA, bLon, bLat, nB, a, f, out);
  else geodesicDistanceTileImpl(aLon, aLat, nA, bLon, bLat, nB, a, f, out);
}

/** Starts a polygon's area on the ellipsoid (a, f); the vertices follow by geodesicAreaAdd. */
export function geodesicAreaBegin(a: f64, f: f64): void {
  areaBegin(a, f);
}

/** Appends n vertices (lons[i], lats[i]) to the polygon begun by geodesicAreaBegin. */
export function geodesicAreaAdd(lons: usize, lats: usize, n: i32): void {
  areaAdd(lons, lats, n);
}

/** Closes the polygon: result[0] = area (positive counter-clockwise), result[1] = perimeter. */
export function geodesicAreaEnd(): void {
  areaEnd(GEODESIC_RESULT);
}

// ---------------------------------------------------------------------------------------------
// Prime counting (assembly/primecount.ts). Numbers are integers passed as doubles; the u64
// variants take and return JS BigInts through i64 (a result >= 2^63 comes back negative: read it
// with BigInt.asUintN(64, r)). Where there is no such prime the f64 functions return -1 and the
// u64 ones -1n (all bits set, 2^64 - 1, which is not prime), a sentinel the caller turns into a
// RangeError.

/** π(x) = the number of primes <= x, for integers 0 <= x <= 2^53. */
export function primePi(x: f64): f64 {
  return <f64>primePiImpl(<u64>x);
}

/** The Deléglise–Rivat code itself for 400 <= x <= 2^53, y = alpha·x^(1/3) (alpha <= 0: default). */
export function primePiCombinatorial(x: f64, alpha: f64): f64 {
  return <f64>primePiCombinatorialImpl(<u64>x, alpha);
}

/**
 * One share of π(x)'s Deléglise–Rivat sum that needs no sieve, for 400 <= x <= 2^53 and
 * index < count: S1 + a − 1 (index 0 only) plus the trivial and dense easy leaves of the b with
 * (b − first) mod count == index (a signed i64: a BigInt in JS). The module keeps the tables of
 * the last x of primePiLeaves and primePiSieve for the next call with that x.
 */
export function primePiLeaves(x: f64, index: u32, count: u32): i64 {
  return primePiLeavesImpl(<u64>x, <u64>index, <u64>count);
}

/** A segment index as u64: non-negative integers up to 2^53 (larger ones clamp there). */
function segmentIndex(s: f64): u64 {
  return s <= 0 ? 0 : s < 9007199254740992 ? <u64>s : 9007199254740992;
}

/**
 * The sums of segments [from, to) of π(x)'s sieve (clamped to the segments there are) for
 * 400 <= x <= 2^53, counted from the first segment's start: the byte address of a u64 n followed
 * by n i64 values laid out as PRIME_PI_SIEVE_LAYOUT (src/contract.ts) says. The buffer belongs
 * to the module and holds the result until the next prime-counting call (the caller copies it);
 * the call may grow the memory.
 */
export function primePiSieve(x: f64, from: f64, to: f64): usize {
  return primePiSieveImpl(<u64>x, segmentIndex(from), segmentIndex(to));
}

/** The n-th prime, nthPrime(1) = 2, for 1 <= n <= π(2^53); -1 otherwise. */
export function nthPrime(n: f64): f64 {
  const p = n >= 1 ? nthPrimeImpl(<u64>n) : 0;
  return p == 0 ? -1 : <f64>p;
}

/** The smallest prime > n (a safe integer), or -1 when it is above 2^53 - 1. */
export function nextPrimeF64(n: f64): f64 {
  const p = nextPrimeImpl(<u64>n);
  return p == 0 || p > 9007199254740991 ? -1 : <f64>p;
}

/** The largest prime < n (a safe integer), or -1 when n <= 2. */
export function prevPrimeF64(n: f64): f64 {
  const p = prevPrimeImpl(<u64>n);
  return p == 0 ? -1 : <f64>p;
}

/** The smallest prime > n for 0 <= n < 2^64, or -1n (all bits set) when it is 2^64 or more. */
export function nextPrimeU64(n: u64): u64 {
  const p = nextPrimeImpl(n);
  return p == 0 ? <u64>-1 : p;
}

/** The largest prime < n for 0 <= n < 2^64, or -1n (all bits set) when n <= 2. */
export function prevPrimeU64(n: u64): u64 {
  const p = prevPrimeImpl(n);
  return p == 0 ? <u64>-1 : p;
}
