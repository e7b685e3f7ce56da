// The sieve's base-prime cache grown on demand by the segmented sieve (see sieve.ts, "Base
// primes"); the cache itself lives in sieve-base-store.ts, which the segmented sieve reads.

import { curSb, listSegment, runEb, runSetup, sieveSegment } from "./sieve-segmented";
import { releaseBlocks } from "./sieve-buckets";
import { MAX_BASE, appendBasePrimes, baseCount, baseLimit, basePtr, moveBasePrimes, setBaseLimit } from "./sieve-base-store";

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
  moveBasePrimes(piUpperBound(target));
  // The sieve of (baseLimit, target] needs primes up to √target < 2^14: all cached already.
  runSetup(baseLimit + 1, target + 1);
  while (curSb < runEb) {
    const len = sieveSegment();
    appendBasePrimes(listSegment<u32>(0, len, basePtr + (<usize>baseCount << 2)));
  }
  releaseBlocks();
  setBaseLimit(target);
}
