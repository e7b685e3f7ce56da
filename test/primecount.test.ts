/**
 * primePi (Deléglise–Rivat), nthPrime, nextPrime and prevPrime on every backend, called directly
 * (the facade does not have them yet): the raw addon from node-gyp-build, the scalar and SIMD
 * builds of the .wasm instantiated here, and the TypeScript reference.
 *
 * Checked against published values (π(10^k): OEIS A006880; π(2^k): A007053; the 10^k-th prime:
 * A006988; maximal prime gaps: A002386), against each backend's own sieve on random x (with the
 * combinatorial code forced on small x), against the primecount CLI (Debian's primecount; a
 * missing CLI skips those tests, and fails them in CI), against Miller–Rabin scans by an
 * independent BigInt oracle, and against each other.
 *
 * The default run keeps the large cases to native and wasm; NUMACCEL_LONG_TESTS=1 adds every
 * remaining power (up to 2^53 on every backend, about two minutes).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as js from '../src/backends/js/primecount.js';
import { countPrimes as jsCountPrimes } from '../src/backends/js/sieve.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { isPrimeOracle } from './support/oracle.js';

const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const LONG = process.env.NUMACCEL_LONG_TESTS === '1';
const SEED = 20260817;

/** π(10^k), k = 0 … 15 (OEIS A006880). */
const PI_POW10 = [
  0, 4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534, 455052511, 4118054813, 37607912018, 346065536839, 3204941750802,
  29844570422669,
];
/** π(2^k), k = 0 … 53 (OEIS A007053). */
const PI_POW2 = [
  0, 1, 2, 4, 6, 11, 18, 31, 54, 97, 172, 309, 564, 1028, 1900, 3512, 6542, 12251, 23000, 43390, 82025, 155611, 295947, 564163, 1077871,
  2063689, 3957809, 7603553, 14630843, 28192750, 54400028, 105097565, 203280221, 393615806, 762939111, 1480206279, 2874398515, 5586502348,
  10866266172, 21151907950, 41203088796, 80316571436, 156661034233, 305761713237, 597116381732, 1166746786182, 2280998753949, 4461632979717,
  8731188863470, 17094432576778, 33483379603407, 65612899915304, 128625503610475, 252252704148404,
];
/** The 10^k-th prime, k = 0 … 14 (OEIS A006988); the 10^15-th is above 2^53. */
const NTH_POW10 = [
  2, 29, 541, 7919, 104729, 1299709, 15485863, 179424673, 2038074743, 22801763489, 252097800623, 2760727302517, 29996224275833,
  323780508946331, 3475385758524527,
];
/** Two maximal prime gaps (OEIS A002386 / A000101): 1132 after p below 2^53, 1550 below 2^64. */
const GAP_1132 = 1693182318746371;
const GAP_1550 = 18361375334787046697n;
const LARGEST_SAFE_PRIME = 2 ** 53 - 111;
const LARGEST_U64_PRIME = 2n ** 64n - 59n;

interface PrimeCountBackend {
  readonly name: string;
  primePi(x: number): number;
  primePiCombinatorial(x: number, alpha?: number): number;
  nthPrime(n: number): number;
  nextPrime(n: number | bigint): number | bigint;
  prevPrime(n: number | bigint): number | bigint;
  countPrimes(lo: number, hi: number): number;
  /** The largest x of the π(10^k) and π(2^k) tests and n of the nthPrime(10^k) test in the default run (LONG: all). */
  readonly quickLimit: number;
  readonly pow2Limit: number;
  readonly nthLimit: number;
  /** The largest x of the random tests (combinatorial against the backend's own sieve). */
  readonly sieveLimit: number;
}

interface NativeAddon {
  primePi(x: number): number;
  primePiCombinatorial(x: number, alpha?: number): number;
  nthPrime(n: number): number;
  nextPrime(n: number | bigint): number | bigint;
  prevPrime(n: number | bigint): number | bigint;
  countPrimes(lo: number, hi: number): number;
}

function loadNative(addon: Partial<NativeAddon>, name: string): PrimeCountBackend {
  if (typeof addon.primePi !== 'function') throw new Error(`the ${name} addon has no primePi: rebuild it`);
  const a = addon as NativeAddon;
  return {
    name,
    primePi: (x) => a.primePi(x),
    primePiCombinatorial: (x, alpha) => a.primePiCombinatorial(x, alpha),
    nthPrime: (n) => a.nthPrime(n),
    nextPrime: (n) => a.nextPrime(n),
    prevPrime: (n) => a.prevPrime(n),
    countPrimes: (lo, hi) => a.countPrimes(lo, hi),
    quickLimit: 1e15,
    pow2Limit: 2 ** 48,
    nthLimit: 1e12,
    sieveLimit: 3e7,
  };
}

interface WasmPrimeCount {
  primePi(x: number): number;
  primePiCombinatorial(x: number, alpha: number): number;
  nthPrime(n: number): number;
  nextPrimeF64(n: number): number;
  prevPrimeF64(n: number): number;
  nextPrimeU64(n: bigint): bigint;
  prevPrimeU64(n: bigint): bigint;
  countPrimes(lo: number, hi: number): number;
}

function loadWasm(file: string, name: string): PrimeCountBackend {
  const bytes = fs.readFileSync(path.join(PACKAGE_ROOT, 'build-wasm', file));
  const w = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as WasmPrimeCount;
  if (typeof w.primePi !== 'function') throw new Error(`${file} has no primePi: rebuild it (npm run build:wasm)`);
  // i64 results arrive as signed BigInts; all bits set (-1n) is the "no such prime" sentinel.
  const unsigned = (r: bigint): bigint => (r === -1n ? -1n : BigInt.asUintN(64, r));
  return {
    name,
    primePi: (x) => w.primePi(x),
    primePiCombinatorial: (x, alpha = 0) => w.primePiCombinatorial(x, alpha),
    nthPrime: (n) => w.nthPrime(n),
    nextPrime: (n) => (typeof n === 'bigint' ? unsigned(w.nextPrimeU64(n)) : w.nextPrimeF64(n)),
    prevPrime: (n) => (typeof n === 'bigint' ? unsigned(w.prevPrimeU64(n)) : w.prevPrimeF64(n)),
    countPrimes: (lo, hi) => w.countPrimes(lo, hi),
    quickLimit: 1e13,
    pow2Limit: 2 ** 44,
    nthLimit: 1e10,
    sieveLimit: 3e7,
  };
}

const JS: PrimeCountBackend = {
  name: 'js',
  primePi: js.primePi,
  primePiCombinatorial: js.primePiCombinatorial,
  nthPrime: js.nthPrime,
  nextPrime: js.nextPrime,
  prevPrime: js.prevPrime,
  countPrimes: jsCountPrimes,
  quickLimit: 1e11,
  pow2Limit: 2 ** 37,
  nthLimit: 1e8,
  sieveLimit: 8e6,
};

function attempt(load: () => PrimeCountBackend): PrimeCountBackend | Error {
  try {
    return load();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The addon built by cmake-js from the same sources (CI builds it: npm run build:cmake). */
const CMAKE_ADDON = path.join(PACKAGE_ROOT, 'build-cmake', 'Release', 'numaccel.node');

const LOADED: readonly (PrimeCountBackend | Error)[] = [
  attempt(() => loadNative(require('node-gyp-build')(PACKAGE_ROOT), 'native')),
  attempt(() => {
    if (!fs.existsSync(CMAKE_ADDON)) throw new Error(`${CMAKE_ADDON} was not built (npm run build:cmake)`);
    return loadNative(require(CMAKE_ADDON), 'native (cmake-js)');
  }),
  attempt(() => loadWasm('numaccel.wasm', 'wasm')),
  attempt(() => loadWasm('numaccel-simd.wasm', 'wasm (simd build)')),
  JS,
];
const BACKENDS = LOADED.filter((b): b is PrimeCountBackend => !(b instanceof Error));
const [WASM_SCALAR] = BACKENDS.filter((b) => b.name === 'wasm');

describe('backends', () => {
  it('every backend loads (a missing one fails in CI, and is skipped with a message otherwise)', () => {
    const errors = LOADED.filter((b): b is Error => b instanceof Error);
    for (const error of errors) console.warn(`primecount.test.ts: skipping a backend: ${error.message}`);
    if (IN_CI) expect(errors.map((e) => e.message)).toEqual([]);
  });
});

/** `primecount ARGS -t1` when the CLI is installed, else undefined. */
const PRIMECOUNT: ((args: string[]) => number) | undefined = (() => {
  try {
    execFileSync('primecount', ['--version'], { stdio: 'pipe' });
  } catch {
    return undefined;
  }
  return (args: string[]) => Number(execFileSync('primecount', [...args, '-t1'], { encoding: 'utf8' }).trim());
})();

describe('the primecount CLI', () => {
  it('is installed (needed in CI; skipped with a message otherwise)', () => {
    if (!PRIMECOUNT) {
      const message = 'primecount.test.ts: the primecount CLI is not installed (apt-get install primecount); its oracle tests are skipped';
      if (IN_CI) throw new Error(message);
      console.warn(message);
    }
  });
});

/** The smallest prime > n and the largest < n by trial of every integer with the BigInt oracle. */
function nextByScan(n: bigint): bigint {
  let m = n + 1n;
  while (!isPrimeOracle(m)) m++;
  return m;
}
function prevByScan(n: bigint): bigint {
  let m = n - 1n;
  while (m >= 2n && !isPrimeOracle(m)) m--;
  return m < 2n ? -1n : m;
}

const isSlowBackend = (b: PrimeCountBackend): boolean => b.name === 'js';

for (const backend of BACKENDS) {
  describe(`${backend.name}`, () => {
    const limit = LONG ? 2 ** 53 : backend.quickLimit;
    const pow2Limit = LONG ? 2 ** 53 : backend.pow2Limit;
    // The SIMD wasm build and the cmake-js addon share every line of the prime counting code with
    // the scalar build and the node-gyp addon: they get the cheap checks and the cross-backend
    // comparison, not the long lists again.
    const secondary = backend.name === 'wasm (simd build)' || backend.name === 'native (cmake-js)';

    it('π(10^k) for k <= 15 (A006880), as far as this backend runs them quickly', () => {
      PI_POW10.forEach((expected, k) => {
        if (10 ** k <= (secondary ? 1e9 : limit)) expect(backend.primePi(10 ** k), `π(10^${k})`).toBe(expected);
      });
    });

    it('π(2^k) for k <= 53 (A007053), as far as this backend runs them quickly', () => {
      PI_POW2.forEach((expected, k) => {
        if (2 ** k <= (secondary ? 2 ** 30 : pow2Limit)) expect(backend.primePi(2 ** k), `π(2^${k})`).toBe(expected);
      });
    });

    it('π(x) for small x and across the switches from the sieve to the combinatorial code', () => {
      for (let x = 0; x < 200; x++) expect(backend.primePi(x), `π(${x})`).toBe(jsCountPrimes(0, x + 1));
      // wasm and js switch at 10^6, native at 2·10^6.
      for (const at of [1e6, 2e6]) {
        for (let x = at - 20; x <= at + 20; x += 3) expect(backend.primePi(x), `π(${x})`).toBe(jsCountPrimes(0, x + 1));
      }
    });

    it('the combinatorial code on random x and y (alpha) equals the sieve', () => {
      fc.assert(
        fc.property(fc.integer({ min: 400, max: backend.sieveLimit }), fc.double({ min: 1, max: 60, noNaN: true }), (x, alpha) => {
          expect(backend.primePiCombinatorial(x, alpha)).toBe(backend.countPrimes(0, x + 1));
        }),
        { seed: SEED, numRuns: isSlowBackend(backend) ? 12 : secondary ? 10 : 40 },
      );
      // Every x of a small range, where y, the segments and the leaf classes change shape often.
      for (let x = 400; x < 3000; x += isSlowBackend(backend) ? 7 : 1) {
        expect(backend.primePiCombinatorial(x), `x = ${x}`).toBe(jsCountPrimes(0, x + 1));
      }
    });

    it('the combinatorial code gives π(10^11) and π(10^12) for any y from x^(1/3) to √x', () => {
      if (secondary) return;
      const k = isSlowBackend(backend) ? 11 : 12;
      for (const alpha of [0, 1, 2.5, 7, 19, 50, 1e4]) {
        expect(backend.primePiCombinatorial(10 ** k, alpha), `alpha = ${alpha}`).toBe(PI_POW10[k]);
      }
    });

    it('π(b) − π(a) equals the sieve count of (a, b] for random large b', () => {
      if (secondary) return;
      fc.assert(
        fc.property(fc.integer({ min: 1e9, max: isSlowBackend(backend) ? 3e11 : 4e12 }), fc.integer({ min: 1, max: 2e6 }), (b, d) => {
          expect(backend.primePi(b) - backend.primePi(b - d)).toBe(backend.countPrimes(b - d + 1, b + 1));
        }),
        { seed: SEED, numRuns: isSlowBackend(backend) ? 3 : 6 },
      );
    });

    it.skipIf(!PRIMECOUNT)('π(x) and the n-th prime agree with the primecount CLI', () => {
      if (secondary) return;
      const slow = isSlowBackend(backend);
      fc.assert(
        fc.property(fc.integer({ min: 1e7, max: slow ? 3e10 : backend.name === 'native' ? 1e13 : 1e12 }), (x) => {
          expect(backend.primePi(x)).toBe(PRIMECOUNT!([String(x)]));
        }),
        { seed: SEED, numRuns: slow ? 3 : 6 },
      );
      fc.assert(
        fc.property(fc.integer({ min: 1, max: slow ? 1e9 : 3e10 }), (n) => {
          expect(backend.nthPrime(n)).toBe(PRIMECOUNT!(['--nth-prime', String(n)]));
        }),
        { seed: SEED, numRuns: slow ? 3 : 6 },
      );
    });

    it('nthPrime(10^k) (A006988) and the ends of its range', () => {
      const nLimit = secondary ? 1e6 : LONG ? 1e14 : backend.nthLimit;
      NTH_POW10.forEach((expected, k) => {
        if (10 ** k <= nLimit) expect(backend.nthPrime(10 ** k), `nthPrime(10^${k})`).toBe(expected);
      });
      for (let n = 1; n <= 30; n++)
        expect(backend.nthPrime(n)).toBe(
          [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113][n - 1],
        );
      if (LONG) expect(backend.nthPrime(js.NTH_PRIME_LIMIT)).toBe(LARGEST_SAFE_PRIME);
      // Around a switch of the windowed search (n < 10^5 lists one window from 0).
      for (const n of [99_999, 100_000, 100_001]) expect(backend.nthPrime(n)).toBe(JS.nthPrime(n));
    });

    it('nthPrime inverts primePi', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: isSlowBackend(backend) || secondary ? 2e8 : 5e10 }), (n) => {
          const p = backend.nthPrime(n);
          expect(isPrimeOracle(BigInt(p))).toBe(true);
          expect(backend.primePi(p)).toBe(n);
        }),
        { seed: SEED, numRuns: isSlowBackend(backend) || secondary ? 4 : 10 },
      );
    });

    it('nextPrime / prevPrime across the maximal gaps of 1132 (below 2^53) and 1550 (below 2^64)', () => {
      const after = GAP_1132 + 1132;
      expect(backend.nextPrime(GAP_1132)).toBe(after);
      expect(backend.prevPrime(after)).toBe(GAP_1132);
      expect(backend.nextPrime(GAP_1132 + 600)).toBe(after);
      expect(backend.prevPrime(GAP_1132 + 600)).toBe(GAP_1132);
      expect(backend.nextPrime(BigInt(GAP_1132))).toBe(BigInt(after));
      expect(backend.prevPrime(BigInt(after))).toBe(BigInt(GAP_1132));
      expect(backend.nextPrime(GAP_1550)).toBe(GAP_1550 + 1550n);
      expect(backend.prevPrime(GAP_1550 + 1550n)).toBe(GAP_1550);
      expect(backend.nextPrime(GAP_1550 + 777n)).toBe(GAP_1550 + 1550n);
      expect(backend.prevPrime(GAP_1550 + 777n)).toBe(GAP_1550);
    });

    it('nextPrime / prevPrime at both ends of the range, and their sentinels', () => {
      const small: [number, number, number][] = [
        // n, nextPrime(n), prevPrime(n)
        [0, 2, -1],
        [1, 2, -1],
        [2, 3, -1],
        [3, 5, 2],
        [4, 5, 3],
        [5, 7, 3],
        [6, 7, 5],
        [7, 11, 5],
        [8, 11, 7],
        [11, 13, 7],
        [12, 13, 11],
        [13, 17, 11],
        [209, 211, 199],
        [210, 211, 199],
        [211, 223, 199],
        [212, 223, 211],
        [419, 421, 409],
        [420, 421, 419],
        [421, 431, 419],
      ];
      for (const [n, next, prev] of small) {
        expect(backend.nextPrime(n), `nextPrime(${n})`).toBe(next);
        expect(backend.prevPrime(n), `prevPrime(${n})`).toBe(prev);
        expect(backend.nextPrime(BigInt(n)), `nextPrime(${n}n)`).toBe(BigInt(next));
        expect(backend.prevPrime(BigInt(n)), `prevPrime(${n}n)`).toBe(BigInt(prev));
      }
      // Numbers: the largest prime below 2^53 is 2^53 − 111; the next one, 2^53 + 5, is not safe.
      expect(backend.nextPrime(LARGEST_SAFE_PRIME - 1)).toBe(LARGEST_SAFE_PRIME);
      expect(backend.nextPrime(LARGEST_SAFE_PRIME)).toBe(-1);
      expect(backend.nextPrime(Number.MAX_SAFE_INTEGER)).toBe(-1);
      expect(backend.prevPrime(Number.MAX_SAFE_INTEGER)).toBe(LARGEST_SAFE_PRIME);
      // Bigints go on past 2^53, up to the largest prime below 2^64, 2^64 − 59.
      expect(backend.nextPrime(BigInt(LARGEST_SAFE_PRIME))).toBe(2n ** 53n + 5n);
      expect(backend.prevPrime(2n ** 53n + 5n)).toBe(BigInt(LARGEST_SAFE_PRIME));
      expect(backend.prevPrime(2n ** 53n)).toBe(BigInt(LARGEST_SAFE_PRIME));
      expect(backend.nextPrime(2n ** 53n)).toBe(2n ** 53n + 5n);
      expect(backend.nextPrime(LARGEST_U64_PRIME - 1n)).toBe(LARGEST_U64_PRIME);
      expect(backend.nextPrime(LARGEST_U64_PRIME)).toBe(-1n);
      expect(backend.nextPrime(2n ** 64n - 1n)).toBe(-1n);
      expect(backend.prevPrime(2n ** 64n - 1n)).toBe(LARGEST_U64_PRIME);
      expect(backend.prevPrime(LARGEST_U64_PRIME)).toBe(2n ** 64n - 83n);
      expect(backend.nextPrime(2n ** 63n)).toBe(nextByScan(2n ** 63n));
      expect(backend.prevPrime(2n ** 63n)).toBe(prevByScan(2n ** 63n));
    });

    it('nextPrime / prevPrime equal Miller–Rabin scans, numbers and bigints', () => {
      const runs = isSlowBackend(backend) ? 60 : 150;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 2000 }), (n) => {
          expect(backend.nextPrime(n)).toBe(Number(nextByScan(BigInt(n))));
          expect(backend.prevPrime(n)).toBe(Number(prevByScan(BigInt(n))));
        }),
        { seed: SEED, numRuns: runs },
      );
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 2000n }), (n) => {
          expect(backend.nextPrime(n)).toBe(nextByScan(n));
          expect(backend.prevPrime(n)).toBe(prevByScan(n));
        }),
        { seed: SEED, numRuns: runs },
      );
      // Small n, where the wheel's first turn and its wrap-around are.
      for (let n = 0; n < 1000; n++) {
        expect(backend.nextPrime(n)).toBe(Number(nextByScan(BigInt(n))));
        expect(backend.prevPrime(n)).toBe(Number(prevByScan(BigInt(n))));
      }
    });
  });
}

describe('exact division in doubles (the TypeScript reference)', () => {
  it('floorDiv(a, b) = ⌊a/b⌋ for every a <= 2^53, also where a/b lies just below an integer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 26 }),
        fc.integer({ min: 0, max: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (b, back, where) => {
          // a = k·b − back for k near the top of the range (2^53 / b) or anywhere below it.
          const k = where < 0.5 ? Math.floor(2 ** 53 / b) - Math.floor(where * 16) : Math.floor(where * (2 ** 53 / b));
          const a = Math.min(2 ** 53, Math.max(0, k * b - back));
          expect(js.floorDiv(a, b)).toBe(Number(BigInt(a) / BigInt(b)));
        },
      ),
      { seed: SEED, numRuns: 20000 },
    );
    expect(js.floorDiv(2 ** 53, 3)).toBe(3002399751580330);
    expect(js.floorDiv(2 ** 53 - 1, 2)).toBe(2 ** 52 - 1);
  });
});

describe('cross-backend equality', () => {
  const others = BACKENDS.filter((b) => b !== JS);
  it('primePi and the combinatorial code agree exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e7, max: 1e11 }), fc.double({ min: 1, max: 40, noNaN: true }), (x, alpha) => {
        const expected = JS.primePiCombinatorial(x, alpha);
        for (const b of others) expect(b.primePiCombinatorial(x, alpha), b.name).toBe(expected);
        for (const b of others) expect(b.primePi(x), b.name).toBe(expected);
      }),
      { seed: SEED, numRuns: 6 },
    );
    if (WASM_SCALAR && others.some((b) => b.name === 'native')) {
      const native = others.find((b) => b.name === 'native')!;
      for (const x of [2 ** 45 + 12345, 99_999_999_999_989]) expect(WASM_SCALAR.primePi(x)).toBe(native.primePi(x));
    }
  });

  it('nthPrime, nextPrime and prevPrime agree exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3e8 }), (n) => {
        const expected = JS.nthPrime(n);
        for (const b of others) expect(b.nthPrime(n), b.name).toBe(expected);
      }),
      { seed: SEED, numRuns: 5 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n, m) => {
        for (const b of others) {
          expect(b.nextPrime(n), b.name).toBe(JS.nextPrime(n));
          expect(b.prevPrime(n), b.name).toBe(JS.prevPrime(n));
          expect(b.nextPrime(m), b.name).toBe(JS.nextPrime(m));
          expect(b.prevPrime(m), b.name).toBe(JS.prevPrime(m));
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
