// The sieve's pre-sieve (see sieve.ts, "Pre-sieved primes"): a segment starts as the AND of
// repeating patterns in which the multiples of the primes 7 … 101 are already crossed off.

import { CHUNK, WHEEL } from "./sieve-wheel";

/** Pre-sieved primes in 7 groups (the first 5 primes form pattern 0, then 3 per pattern). */
const PRE_PRIMES: usize = memory.data<u8>([7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101]);
const NPATTERNS: i32 = 7;
/** The first prime the patterns leave to the sieve. */
export const FIRST_SIEVING_PRIME: u32 = 103;
/** Exact sieve bytes 0..3 (integers below 120, whose pre-sieved primes the patterns clear). */
const EXACT: usize = memory.data(4);
const PAT: usize = memory.data(NPATTERNS * 4);      // u32 pointers to the patterns
const PATLEN: usize = memory.data(NPATTERNS * 4);   // u32 periods (bytes)

/** Builds the patterns and the exact bytes (once, at first use of the sieve). */
export function setupPresieve(): void {
  // Pattern j repeats with period P_j bytes (the product of its primes, coprime to 30); it is
  // stored CHUNK + 16 bytes longer so that any chunk is one contiguous copy.
  let pi = 0;
  for (let j = 0; j < NPATTERNS; ++j) {
    const np = j == 0 ? 5 : 3;
    let period: usize = 1;
    for (let t = 0; t < np; ++t) period *= <usize>load<u8>(PRE_PRIMES + pi + t);
    const len = period + <usize>CHUNK + 16;
    const buf = heap.alloc(len);
    memory.fill(buf, 0xFF, len);
    for (let t = 0; t < np; ++t) {
      const p = <usize>load<u8>(PRE_PRIMES + pi + t);
      for (let c = 0; c < 8; ++c) {
        const w = <usize>load<u8>(WHEEL + c);
        let b: usize = 0;
        while ((<usize>30 * b + w) % p != 0) b++;
        const mask: i32 = ~(1 << c);
        for (; b < len; b += p) store<u8>(buf + b, load<u8>(buf + b) & mask);
      }
    }
    store<u32>(PAT + (<usize>j << 2), <u32>buf);
    store<u32>(PATLEN + (<usize>j << 2), <u32>period);
    pi += np;
  }
  for (let b = 0; b < 4; ++b) {
    let v = 0;
    for (let c = 0; c < 8; ++c) {
      const x = 30 * b + <i32>load<u8>(WHEEL + c);
      let prime = x > 1;
      for (let d = 2; d * d <= x && prime; ++d) prime = x % d != 0;
      if (prime) v |= 1 << c;
    }
    store<u8>(EXACT + b, <u8>v);
  }
}

/**
 * Fills seg[0, len) (len <= CHUNK, rounded up to 16 bytes) with the pre-sieve patterns for the
 * chunk starting at byte sb, with the exact bytes where the chunk covers integers below 120.
 */
export function presieve(seg: usize, sb: u64, len: i32): void {
  const n = <usize>((len + 15) & ~15);
  memory.copy(seg, <usize>load<u32>(PAT) + <usize>(sb % <u64>load<u32>(PATLEN)), n);
  const p1 = <usize>load<u32>(PAT, 4) + <usize>(sb % <u64>load<u32>(PATLEN, 4));
  const p2 = <usize>load<u32>(PAT, 8) + <usize>(sb % <u64>load<u32>(PATLEN, 8));
  const p3 = <usize>load<u32>(PAT, 12) + <usize>(sb % <u64>load<u32>(PATLEN, 12));
  const p4 = <usize>load<u32>(PAT, 16) + <usize>(sb % <u64>load<u32>(PATLEN, 16));
  const p5 = <usize>load<u32>(PAT, 20) + <usize>(sb % <u64>load<u32>(PATLEN, 20));
  const p6 = <usize>load<u32>(PAT, 24) + <usize>(sb % <u64>load<u32>(PATLEN, 24));
  if (ASC_FEATURE_SIMD) {
    for (let o: usize = 0; o < n; o += 16) {
      const v = v128.and(
        v128.and(v128.and(v128.load(seg + o), v128.load(p1 + o)), v128.and(v128.load(p2 + o), v128.load(p3 + o))),
        v128.and(v128.and(v128.load(p4 + o), v128.load(p5 + o)), v128.load(p6 + o)),
      );
      v128.store(seg + o, v);
    }
  } else {
    for (let o: usize = 0; o < n; o += 8) {
      const v = (load<u64>(seg + o) & load<u64>(p1 + o)) & (load<u64>(p2 + o) & load<u64>(p3 + o))
        & ((load<u64>(p4 + o) & load<u64>(p5 + o)) & load<u64>(p6 + o));
      store<u64>(seg + o, v);
    }
  }
  if (sb < 4) {
    for (let b = sb; b < 4 && b < sb + <u64>len; ++b) store<u8>(seg + <usize>(b - sb), load<u8>(EXACT + <usize>b));
  }
}
