import type { Build } from '../../builds.js';
import { BATCH_BLOCK, type Kernels } from '../../contract.js';
import type { Backend } from '../../builds.js';

/**
 * The exports of build-wasm/numaccel.wasm and build-wasm/numaccel-simd.wasm (assembly/index.ts).
 * Addresses and sizes are byte offsets into `memory`; booleans come back as 0/1.
 */
interface WasmExports {
  readonly memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  simd(): number;
  checkPrimeF64(n: number): number;
  checkPrimeU64(n: bigint): number;
  checkPrimesF64(values: number, n: number, out: number): void;
  checkPrimesU64(values: number, n: number, out: number): void;
  countPrimes(lo: number, hi: number): number;
  listPrimesStart(lo: number, hi: number): void;
  listPrimesNext(out: number): number;
  listPrimesBatch(): number;
  greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, radius: number): number;
  greatCircleMany(lon1: number, lat1: number, lon2: number, lat2: number, stepMask: number, n: number, radius: number, out: number): void;
  allWithin(values: number, n: number, limit: number): number;
  geoPrepare(lon: number, lat: number, n: number, negate: number, sin: number, cos: number): void;
  greatCircleTile(
    aRem: number,
    aLat: number,
    aSin: number,
    aCos: number,
    nA: number,
    bRem: number,
    bLat: number,
    bCos: number,
    nB: number,
    radius: number,
    out: number,
  ): void;
  primePi(x: number): number;
  /** A signed i64: a bigint. */
  primePiLeaves(x: number, index: number, count: number): bigint;
  /** The address of a u64 n followed by n i64 sums (PRIME_PI_SIEVE_LAYOUT), the module's buffer. */
  primePiSieve(x: number, from: number, to: number): number;
  nthPrime(n: number): number;
  nextPrimeF64(n: number): number;
  prevPrimeF64(n: number): number;
  /** i64 results come back signed: see unsigned(). All bits set where there is no such prime. */
  nextPrimeU64(n: bigint): bigint;
  prevPrimeU64(n: bigint): bigint;
  /** The address of three doubles: the results of geodesicInverse, geodesicDirect and geodesicAreaEnd. */
  geodesicResult(): number;
  /** result[0..2] = s12, azi1, azi2. */
  geodesicInverse(lon1: number, lat1: number, lon2: number, lat2: number, a: number, f: number): void;
  geodesicDistance(lon1: number, lat1: number, lon2: number, lat2: number, a: number, f: number): number;
  /** result[0..2] = lon2, lat2, azi2. */
  geodesicDirect(lon1: number, lat1: number, azi1: number, s12: number, a: number, f: number): void;
  geodesicDistanceMany(
    lon1: number,
    lat1: number,
    lon2: number,
    lat2: number,
    stepMask: number,
    n: number,
    a: number,
    f: number,
    out: number,
  ): void;
  /** out row-major nA × nB. */
  geodesicDistanceTile(
    aLon: number,
    aLat: number,
    nA: number,
    bLon: number,
    bLat: number,
    nB: number,
    a: number,
    f: number,
    out: number,
  ): void;
  geodesicAreaBegin(a: number, f: number): void;
  geodesicAreaAdd(lons: number, lats: number, n: number): void;
  /** result[0] = area, result[1] = perimeter. */
  geodesicAreaEnd(): void;
}

/**
 * A tiny module that uses one SIMD instruction (i8x16.splat): `WebAssembly.validate` accepts it
 * exactly where the engine runs WebAssembly SIMD, which decides between the two builds without
 * compiling either.
 */
const SIMD_PROBE = Uint8Array.of(
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00, // magic, version 1
  0x01,
  0x05,
  0x01,
  0x60,
  0x00,
  0x01,
  0x7b, // type section: () -> v128
  0x03,
  0x02,
  0x01,
  0x00, // function section: one function of type 0
  0x0a,
  0x08,
  0x01,
  0x06,
  0x00,
  0x41,
  0x00,
  0xfd,
  0x0f,
  0x0b, // code: i32.const 0, i8x16.splat, end
);

/** Whether this engine runs WebAssembly SIMD (the simd128 build). */
export function engineSupportsSimd(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

/**
 * Elements per call of the batch kernels: inputs are copied into linear memory in chunks of this
 * many, the facade's block (5 × 128 KiB for greatCircleMany), so the module's memory stays bounded
 * whatever the batch size.
 */
const CHUNK = BATCH_BLOCK;

/**
 * The wasm backend over a compiled module of `build` (wasm:simd128 or wasm:scalar). Instantiating
 * is synchronous and cheap (tens of kilobytes, no imports); compiling is left to the caller,
 * since where it may be synchronous depends on the environment.
 */
export function createWasmBackend(
  module: WebAssembly.Module,
  build: Build,
  features: Readonly<Record<string, string | number>> = {},
): Backend {
  // The release builds import nothing: allocator built in (runtime "minimal"), no assertions,
  // and abort compiled to a trap (asconfig.json "use": ["abort="]).
  const wasm = new WebAssembly.Instance(module, {}).exports as unknown as WasmExports;
  const variant = wasm.simd() === 1 ? 'simd128' : 'scalar';
  if (variant !== build.variant) throw new Error(`this module is the ${variant} build, not ${build.id}`);
  return { name: 'wasm', build, fusedMultiplyAdd: false, kernels: createKernels(wasm), features: { variant, ...features } };
}

const NO_PRIME_U64 = 2n ** 64n - 1n;

/**
 * A u64 kernel result: JavaScript receives an i64 as a signed bigint, so values of 2^63 and more
 * arrive negative; all bits set (2^64 - 1, not a prime) is the kernels' "no such prime", -1n here.
 */
function unsigned(value: bigint): bigint {
  const u = BigInt.asUintN(64, value);
  return u === NO_PRIME_U64 ? -1n : u;
}

/**
 * The kernels over one instance. Memory protocol: one scratch block, allocated with the module's
 * alloc() on first use and reused by every batch kernel (its size is fixed: 9 × CHUNK doubles,
 * or one listing batch if larger), so memory stays bounded. Calls that may grow the memory
 * (alloc, countPrimes, listPrimes*) detach the old memory.buffer; `view()` re-creates the typed
 * arrays whenever the buffer has changed.
 */
function createKernels(wasm: WasmExports): Kernels {
  let buffer: ArrayBuffer | undefined;
  let f64 = new Float64Array(0);
  let u64 = new BigUint64Array(0);
  let u8 = new Uint8Array(0);
  const view = (): void => {
    if (wasm.memory.buffer !== buffer) {
      buffer = wasm.memory.buffer;
      f64 = new Float64Array(buffer);
      u64 = new BigUint64Array(buffer);
      u8 = new Uint8Array(buffer);
    }
  };

  const SLOT = CHUNK * 8; // bytes per scratch slot: CHUNK doubles
  let scratch = 0;
  const scratchBase = (): number => {
    if (scratch === 0) {
      const bytes = Math.max(9 * SLOT, wasm.listPrimesBatch() * 8);
      scratch = wasm.alloc(bytes);
      if (scratch === 0) throw new Error('numaccel: WebAssembly allocation failed');
    }
    view();
    return scratch;
  };

  // The geodesic result area (three doubles), read through the f64 view after view().
  const result = wasm.geodesicResult() >>> 3;
  const copyResult = (out: Float64Array, count: number): void => {
    view(); // another kernel may have grown the memory since the last view
    for (let k = 0; k < count; k++) out[k] = f64[result + k]!;
  };

  /**
   * The pairwise batch kernels' loop: the four inputs in slots 0-3, the output in slot 4, chunks of
   * CHUNK pairs. Arrays of length n advance (bit k of stepMask); the others (length 1) are
   * broadcast: written once.
   */
  const pairsInChunks = (
    inputs: readonly Float64Array[],
    out: Float64Array,
    kernel: (ptrs: readonly number[], stepMask: number, m: number, outPtr: number) => void,
  ): void => {
    const n = out.length;
    const base = scratchBase();
    const ptrs = inputs.map((_, k) => base + k * SLOT);
    const outPtr = base + 4 * SLOT;
    let stepMask = 0;
    inputs.forEach((values, k) => {
      if (values.length === n) stepMask |= 1 << k;
      else f64[ptrs[k]! >>> 3] = values[0]!;
    });
    for (let i = 0; i < n; i += CHUNK) {
      const m = Math.min(CHUNK, n - i);
      inputs.forEach((values, k) => {
        if (stepMask & (1 << k)) f64.set(values.subarray(i, i + m), ptrs[k]! >>> 3);
      });
      kernel(ptrs, stepMask, m, outPtr);
      out.set(f64.subarray(outPtr >>> 3, (outPtr >>> 3) + m), i);
    }
  };

  return {
    // i64 parameters take a BigInt at the JS boundary; numbers go through the f64 entry point.
    checkPrime: (n) => (typeof n === 'number' ? wasm.checkPrimeF64(n) : wasm.checkPrimeU64(n)) !== 0,

    greatCircle: wasm.greatCircle,

    checkPrimes(values, out) {
      const base = scratchBase();
      const inPtr = base;
      const outPtr = base + SLOT;
      const isF64 = values instanceof Float64Array;
      for (let i = 0; i < values.length; i += CHUNK) {
        const m = Math.min(CHUNK, values.length - i);
        if (isF64) {
          f64.set(values.subarray(i, i + m), inPtr >>> 3);
          wasm.checkPrimesF64(inPtr, m, outPtr);
        } else {
          u64.set(values.subarray(i, i + m), inPtr >>> 3);
          wasm.checkPrimesU64(inPtr, m, outPtr);
        }
        out.set(u8.subarray(outPtr, outPtr + m), i);
      }
    },

    countPrimes: (lo, hi) => wasm.countPrimes(lo, hi),

    primesBetween(lo, hi, out) {
      const ptr = scratchBase();
      const at = ptr >>> 3;
      let count = 0;
      wasm.listPrimesStart(lo, hi);
      for (;;) {
        const n = wasm.listPrimesNext(ptr);
        if (n < 0) break;
        view(); // the sieve may have grown the memory (base primes, bucket blocks)
        out.set(f64.subarray(at, at + n), count);
        count += n;
      }
      return count;
    },

    greatCircleMany(lon1, lat1, lon2, lat2, radius, out) {
      pairsInChunks([lon1, lat1, lon2, lat2], out, (p, stepMask, m, outPtr) =>
        wasm.greatCircleMany(p[0]!, p[1]!, p[2]!, p[3]!, stepMask, m, radius, outPtr),
      );
    },

    greatCircleMatrix(lonsA, latsA, lonsB, latsB, radius, out) {
      const nA = lonsA.length;
      const nB = lonsB.length;
      if (nA === 0 || nB === 0) return;
      const base = scratchBase();
      // Slots: A lon/rem, lat, sin, cos; B lon/rem, lat, sin, cos; the output tile.
      const [aRem, aLat, aSin, aCos, bRem, bLat, bSin, bCos, tile] = Array.from({ length: 9 }, (_, k) => base + k * SLOT) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      // Tiles of at most CHUNK distances: column blocks of up to CHUNK points of B (each
      // prepared once), and as many rows of A per call as fit.
      const cols = Math.min(nB, CHUNK);
      const rows = Math.max(1, Math.floor(CHUNK / cols));
      const t = tile >>> 3;
      for (let j0 = 0; j0 < nB; j0 += cols) {
        const nb = Math.min(cols, nB - j0);
        f64.set(lonsB.subarray(j0, j0 + nb), bRem >>> 3);
        f64.set(latsB.subarray(j0, j0 + nb), bLat >>> 3);
        wasm.geoPrepare(bRem, bLat, nb, 0, bSin, bCos);
        for (let i0 = 0; i0 < nA; i0 += rows) {
          const na = Math.min(rows, nA - i0);
          f64.set(lonsA.subarray(i0, i0 + na), aRem >>> 3);
          f64.set(latsA.subarray(i0, i0 + na), aLat >>> 3);
          wasm.geoPrepare(aRem, aLat, na, 1, aSin, aCos);
          wasm.greatCircleTile(aRem, aLat, aSin, aCos, na, bRem, bLat, bCos, nb, radius, tile);
          if (nb === nB) {
            out.set(f64.subarray(t, t + na * nb), i0 * nB);
          } else {
            for (let r = 0; r < na; r++) out.set(f64.subarray(t + r * nb, t + (r + 1) * nb), (i0 + r) * nB + j0);
          }
        }
      }
    },

    geodesicInverse(lon1, lat1, lon2, lat2, a, f, out) {
      wasm.geodesicInverse(lon1, lat1, lon2, lat2, a, f);
      copyResult(out, 3);
    },

    geodesicDistance: wasm.geodesicDistance,

    geodesicDirect(lon1, lat1, azi1, s12, a, f, out) {
      wasm.geodesicDirect(lon1, lat1, azi1, s12, a, f);
      copyResult(out, 3);
    },

    geodesicDistanceMany(lon1, lat1, lon2, lat2, a, f, out) {
      pairsInChunks([lon1, lat1, lon2, lat2], out, (p, stepMask, m, outPtr) =>
        wasm.geodesicDistanceMany(p[0]!, p[1]!, p[2]!, p[3]!, stepMask, m, a, f, outPtr),
      );
    },

    // As greatCircleMatrix, without the preparation step: tiles of at most CHUNK distances.
    geodesicDistanceMatrix(lonsA, latsA, lonsB, latsB, a, f, out) {
      const nA = lonsA.length;
      const nB = lonsB.length;
      if (nA === 0 || nB === 0) return;
      const base = scratchBase();
      const [aLon, aLat, bLon, bLat, tile] = [0, 1, 2, 3, 4].map((k) => base + k * SLOT) as [number, number, number, number, number];
      const cols = Math.min(nB, CHUNK);
      const rows = Math.max(1, Math.floor(CHUNK / cols));
      const t = tile >>> 3;
      for (let j0 = 0; j0 < nB; j0 += cols) {
        const nb = Math.min(cols, nB - j0);
        f64.set(lonsB.subarray(j0, j0 + nb), bLon >>> 3);
        f64.set(latsB.subarray(j0, j0 + nb), bLat >>> 3);
        for (let i0 = 0; i0 < nA; i0 += rows) {
          const na = Math.min(rows, nA - i0);
          f64.set(lonsA.subarray(i0, i0 + na), aLon >>> 3);
          f64.set(latsA.subarray(i0, i0 + na), aLat >>> 3);
          wasm.geodesicDistanceTile(aLon, aLat, na, bLon, bLat, nb, a, f, tile);
          if (nb === nB) {
            out.set(f64.subarray(t, t + na * nb), i0 * nB);
          } else {
            for (let r = 0; r < na; r++) out.set(f64.subarray(t + r * nb, t + (r + 1) * nb), (i0 + r) * nB + j0);
          }
        }
      }
    },

    // The polygon streamed through two slots: Begin, Add per chunk of vertices, End.
    geodesicArea(lons, lats, a, f, out) {
      const base = scratchBase();
      const lonPtr = base;
      const latPtr = base + SLOT;
      wasm.geodesicAreaBegin(a, f);
      for (let i = 0; i < lons.length; i += CHUNK) {
        const m = Math.min(CHUNK, lons.length - i);
        f64.set(lons.subarray(i, i + m), lonPtr >>> 3);
        f64.set(lats.subarray(i, i + m), latPtr >>> 3);
        wasm.geodesicAreaAdd(lonPtr, latPtr, m);
      }
      wasm.geodesicAreaEnd();
      copyResult(out, 2);
    },

    // The prime-counting kernels grow the memory for their tables; the batch kernels' views are
    // re-created at their next use (view()).
    primePi: (x) => wasm.primePi(x),
    primePiLeaves: (x, index, count) => wasm.primePiLeaves(x, index, count),
    primePiSieve(x, from, to) {
      const ptr = wasm.primePiSieve(x, from, to); // may have grown the memory: a fresh view
      const n = Number(new BigInt64Array(wasm.memory.buffer, ptr, 1)[0]);
      return new BigInt64Array(wasm.memory.buffer, ptr + 8, n).slice(); // a copy: the module reuses its buffer
    },
    nthPrime: (n) => wasm.nthPrime(n),
    nextPrime: (n) => (typeof n === 'number' ? wasm.nextPrimeF64(n) : unsigned(wasm.nextPrimeU64(n))),
    prevPrime: (n) => (typeof n === 'number' ? wasm.prevPrimeF64(n) : unsigned(wasm.prevPrimeU64(n))),

    // Each array is copied, a chunk at a time, into the slots greatCircleMany copies its inputs to,
    // and tested there. The copy brings the arrays into the cache for greatCircleMany's own copy
    // of the same block, which the facade makes next: together cheaper than the TypeScript test
    // (docs/algorithms.md, "Measured choices").
    coordinatesInDomain(lon1, lat1, lon2, lat2) {
      const base = scratchBase();
      return [lon1, lat1, lon2, lat2].every((values, k) => {
        const limit = k % 2 === 0 ? Number.MAX_VALUE : 90; // longitudes finite, latitudes in [-90, 90]
        const slot = base + k * SLOT;
        for (let i = 0; i < values.length; i += CHUNK) {
          const m = Math.min(CHUNK, values.length - i);
          f64.set(values.subarray(i, i + m), slot >>> 3);
          if (wasm.allWithin(slot, m, limit) === 0) return false;
        }
        return true;
      });
    },
  };
}
