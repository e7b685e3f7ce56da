// The resumable listing behind primesBetween: one sieve run handed out a chunk of a segment per
// call (as the C++ SieveCursor runs one piece by piece), so the caller can copy each batch out of
// linear memory without ever needing a buffer for the whole range.

import { CHUNK, isqrt } from "./sieve-wheel";
import { curSb, listSegment, ready, runEb, runHi, runLo, runSetup, setup, sieveSegment } from "./sieve-segmented";
import { releaseBlocks } from "./sieve-buckets";
import { ensureBasePrimes } from "./sieve-base-primes";

let listActive = false;
let listPending = false;   // 2, 3, 5 not yet written
let segmentLength = 0;     // bytes of the sieved segment
let listedBytes = 0;       // of which the primes have been handed out

/** Abandons a running listing: counting and listing share the run state. */
// @ts-ignore: decorator
@inline
export function endListing(): void {
  if (listActive) { releaseBlocks(); listActive = false; }
}

/** Starts listing the primes in [lo, hi); a running listing is abandoned. */
export function listPrimesStart(lo: u64, hi: u64): void {
  endListing();
  listActive = hi > lo;
  if (!listActive) return;
  if (!ready) setup();
  ensureBasePrimes(isqrt(hi - 1));
  runSetup(lo, hi);
  listPending = true;
  segmentLength = 0;
  listedBytes = 0;
}

/** At most LIST_BATCH primes per call: one chunk holds at most 8·CHUNK candidates, plus 2, 3, 5. */
export const LIST_BATCH: i32 = 8 * CHUNK + 3;

/**
 * Writes the next batch of primes (ascending, as f64) to out, which has room for LIST_BATCH,
 * and returns how many (possibly 0); returns -1 once the listing is complete.
 */
export function listPrimesNext(out: usize): i32 {
  if (!listActive) return -1;
  let n = 0;
  if (listPending) {
    listPending = false;
    if (runLo <= 2 && runHi > 2) { store<f64>(out, 2.0); n++; }
    if (runLo <= 3 && runHi > 3) { store<f64>(out + (<usize>n << 3), 3.0); n++; }
    if (runLo <= 5 && runHi > 5) { store<f64>(out + (<usize>n << 3), 5.0); n++; }
  }
  if (listedBytes == segmentLength && curSb < runEb) {
    segmentLength = sieveSegment();
    listedBytes = 0;
  }
  if (listedBytes < segmentLength) {
    const to = min(listedBytes + CHUNK, segmentLength);
    n += listSegment<f64>(listedBytes, to, out + (<usize>n << 3));
    listedBytes = to;
  } else if (n == 0) {
    releaseBlocks();
    listActive = false;
    return -1;
  }
  return n;
}
