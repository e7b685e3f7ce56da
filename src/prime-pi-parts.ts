/**
 * π(x) in parts, for threads: every backend computes the parts of the Deléglise–Rivat sum
 * (primePiLeaves, primePiSieve in src/contract.ts) and this module chooses them and adds them up.
 *
 * The sieve's parts are contiguous runs of segments. Each counts φ(·, b − 1) and π from its own
 * start L, so adding part k needs what the parts before it counted: the hard leaves of b gain
 * φ(L − 1, b − 1) once per sign, the easy leaves with u > y and the P2 terms gain π(L − 1) once
 * per π lookup. The same completion of independent segment sums is what primecount does with its
 * threads (kimwalisch/primecount, doc/Hard-Special-Leaves.md).
 */
import { PRIME_PI_SIEVE_LAYOUT as AT, primePiSieveBLength } from './contract.js';
import { primePiSegments } from './backends/js/primecount.js';

/** Below this x one thread is faster than parts: the tables every worker builds cost more than they save. */
export const PRIME_PI_PARTS_FROM = 1e11;

/** Parts per thread: enough that the pool evens out the parts' differing times. */
const PARTS_PER_THREAD = 8;

/** The share of the work in the leaves that need no sieve (measured: 30% at 10^15, 34% at 2^53; docs/algorithms.md). */
const LEAVES_SHARE = 0.3;

/**
 * The sieve's segments get cheaper as they go: the first 5% of them take half of the time
 * (measured at 10^13, 10^15 and 2^53, docs/algorithms.md). Segment s of S is modelled to cost
 * 1 + FRONT_LOAD·S/(s + 1), and the parts split that modelled cost evenly.
 */
const FRONT_LOAD = 0.5;

export type PrimePiPart =
  | { kernel: 'primePiLeaves'; x: number; index: number; count: number }
  | { kernel: 'primePiSieve'; x: number; from: number; to: number };

/** The parts of π(x) for `threads` threads, leaves first (any order adds up the same). */
export function primePiParts(x: number, threads: number): PrimePiPart[] {
  const total = Math.max(2, PARTS_PER_THREAD * threads);
  const leaves = Math.max(1, Math.round(LEAVES_SHARE * total));
  const parts: PrimePiPart[] = [];
  for (let index = 0; index < leaves; index++) parts.push({ kernel: 'primePiLeaves', x, index, count: leaves });
  const segments = primePiSegments(x);
  const bounds = sieveBounds(segments, total - leaves);
  for (let k = 0; k + 1 < bounds.length; k++) parts.push({ kernel: 'primePiSieve', x, from: bounds[k]!, to: bounds[k + 1]! });
  return parts;
}

/** 0 = b_0 < b_1 < … < b_n = segments: n <= count runs of even modelled cost (empty runs dropped). */
function sieveBounds(segments: number, count: number): number[] {
  const cost = (s: number): number => 1 + (FRONT_LOAD * segments) / (s + 1);
  let whole = 0;
  for (let s = 0; s < segments; s++) whole += cost(s);
  const bounds = [0];
  let done = 0;
  for (let s = 0; s < segments; s++) {
    done += cost(s);
    if (done >= (whole * bounds.length) / count && s + 1 < segments) bounds.push(s + 1);
  }
  bounds.push(segments);
  return bounds;
}

/** π(x) from the results of primePiParts(x, …): the leaves' sums, and the sieve's in segment order. */
export function addPrimePiParts(leaves: readonly bigint[], sieves: readonly BigInt64Array[]): number {
  let total = leaves.reduce((sum, value) => sum + value, 0n);
  const bLength = sieves.length > 0 ? primePiSieveBLength(sieves[0]!) : 0;
  const phiBefore = new Array<bigint>(bLength).fill(0n); // φ(L − 1, b − 1) at the next part's L
  let piBefore = 0n; // π(L − 1)
  for (const part of sieves) {
    total += part[AT.hard]!;
    for (let j = 0; j < bLength; j++) {
      total += phiBefore[j]! * part[AT.phi + bLength + j]!;
      phiBefore[j]! += part[AT.phi + j]!;
    }
    if (part[AT.absolute] === 1n) {
      total += part[AT.sparse]! - part[AT.p2]!;
      piBefore = part[AT.piEnd]!;
    } else {
      total += part[AT.sparse]! + piBefore * part[AT.sparseTerms]! - part[AT.p2]! - piBefore * part[AT.p2Terms]!;
      piBefore += part[AT.piEnd]!;
    }
  }
  return Number(total);
}
