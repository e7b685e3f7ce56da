// The sieve's base-prime cache (see sieve.ts, "Base primes"): every prime up to √hi for the
// largest hi asked for so far, as u32 in linear memory. This module holds the cache and its
// bootstrap; sieve-base-primes.ts grows it with the segmented sieve, which reads it from here.

import { FIRST_SIEVING_PRIME } from "./sieve-presieve";

const BOOT_LIMIT: u32 = 65535;     // primes up to here from the plain bootstrap sieve
export const MAX_BASE: u64 = 94906265;    // isqrt(2^53 - 1): the largest sieving prime ever needed

// Every prime <= baseLimit, ascending, as u32.
export let basePtr: usize = 0;
export let baseCount: i32 = 0;
export let baseLimit: u64 = 0;
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

/** Moves the cache into a buffer of `capacity` primes (it must hold the baseCount cached). */
export function moveBasePrimes(capacity: u64): void {
  const np = heap.alloc(<usize>capacity << 2);
  memory.copy(np, basePtr, <usize>baseCount << 2);
  heap.free(basePtr);
  basePtr = np;
}

/** Counts `added` primes appended at the cache's end. */
export function appendBasePrimes(added: i32): void {
  baseCount += added;
}

/** Records that the cache now holds every prime <= limit. */
export function setBaseLimit(limit: u64): void {
  baseLimit = limit;
}
