// The sieve's base-prime cache (see sieve.ts, "Base primes"): every prime up to √hi for the
// largest hi asked for so far, as u32 in linear memory, grown by the segmented sieve itself.

import { curSb, listSegment, runEb, runSetup, sieveSegment } from "./sieve-segmented";
import { releaseBlocks } from "./sieve-buckets";
import { FIRST_SIEVING_PRIME } from "./sieve-presieve";

const BOOT_LIMIT: u32 = 65535;     // primes up to here from the plain bootstrap sieve
const MAX_BASE: u64 = 94906265;    // isqrt(2^53 - 1): the largest sieving prime ever needed

// Every prime <= baseLimit, ascending, as u32.
export let basePtr: usize = 0;
export let baseCount: i32 = 0;
let baseLimit: u64 = 0;
export let firstSieving: i32 = 0;   // index of 103

/** Bootstrap primes <= BOOT_LIMIT (plain Eratosthenes, one byte per integer), at first use. */
export function setupBasePrimes(): void {
  const n = <usize>BOOT_LIMIT + 1;
  const tmp = heap.alloc(n);
  memory.fill(tmp, 1, n);
  store<u8>(tmp, 0);
  store<u8>(tmp, 0, 1);
  for (let i: usize = 2; i * i < n; ++i) {
    if (load<u8>(tmp + i)) for (let j = i * i; j < n; j += i) store<u8>(tmp + j, 0);
  }
  let count = 0;
  for (let i: usize = 2; i < n; ++i) count += load<u8>(tmp + i);
  basePtr = heap.alloc(<usize>count << 2);
  baseCount = 0;
  for (let i: usize = 2; i < n; ++i) {
    if (load<u8>(tmp + i)) {
      if (<u32>i == FIRST_SIEVING_PRIME) firstSieving = baseCount;
      store<u32>(basePtr + (<usize>baseCount << 2), <u32>i);
      baseCount++;
    }
  }
  baseLimit = BOOT_LIMIT;
  heap.free(tmp);
}

/** Rosser–Schoenfeld (1962): π(x) < 1.25506·x / ln x for x > 1. */
function piUpperBound(x: u64): u64 {
  const xf = <f64>x;
  return <u64>(1.25506 * xf / Math.log(xf)) + 16;
}

/** Makes the cache hold every prime <= limit (limit <= MAX_BASE). */
export function ensureBasePrimes(limit: u64): void {
  if (limit <= baseLimit) return;
  let target = baseLimit * 2;
  if (target < limit) target = limit;
  if (target > MAX_BASE) target = MAX_BASE;
  const cap = piUpperBound(target);
  const np = heap.alloc(<usize>cap << 2);
  memory.copy(np, basePtr, <usize>baseCount << 2);
  heap.free(basePtr);
  basePtr = np;
  // The sieve of (baseLimit, target] needs primes up to √target < 2^14: all cached already.
  runSetup(baseLimit + 1, target + 1);
  while (curSb < runEb) {
    const len = sieveSegment();
    baseCount += listSegment<u32>(0, len, basePtr + (<usize>baseCount << 2));
  }
  releaseBlocks();
  baseLimit = target;
}
