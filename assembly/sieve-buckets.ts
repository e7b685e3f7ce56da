// The sieve's bucket ring (see sieve.ts, "Big primes"): each big sieving prime waits in the
// bucket of the segment of its next multiple, in linked 8 KiB blocks recycled through a free list.

import { SEG, SEG_SHIFT, DT } from "./sieve-wheel";

export const NBUCKETS: u32 = 128;  // ring of buckets (> the 73 segments a big prime can jump)
const BLOCK_BYTES: usize = 8192;    // bucket block: u32 next, u32 count, 1023 entries of 8 bytes
const BLOCK_CAP: u32 = 1023;

let heads: usize = 0;               // NBUCKETS u32 block pointers
let freeBlocks: usize = 0;          // singly linked via each block's first word

/** Allocates the (empty) bucket heads, once, at first use of the sieve. */
export function setupBuckets(): void {
  heads = heap.alloc(<usize>NBUCKETS << 2);
  memory.fill(heads, 0, <usize>NBUCKETS << 2);
}

/** Files a big prime's entry (w0 = k << 3 | rIdx, w1 = byte offset << 3 | class i) under `bucket`. */
// @ts-ignore: decorator
@inline
export function push(bucket: u32, w0: u32, w1: u32): void {
  const hp = heads + (<usize>bucket << 2);
  let h = <usize>load<u32>(hp);
  let c: u32 = 0;
  if (h != 0) c = load<u32>(h, 4);
  if (h == 0 || c == BLOCK_CAP) {
    let nb = freeBlocks;
    if (nb != 0) freeBlocks = <usize>load<u32>(nb);
    else nb = heap.alloc(BLOCK_BYTES);
    store<u32>(nb, <u32>h);
    h = nb;
    c = 0;
    store<u32>(hp, <u32>h);
  }
  store<u64>(h + 8 + (<usize>c << 3), <u64>w0 | (<u64>w1 << 32));
  store<u32>(h, c + 1, 4);
}

/** Returns every bucket block (and the free list) to the allocator. */
export function releaseBlocks(): void {
  for (let b: usize = 0; b < <usize>NBUCKETS; ++b) {
    let h = <usize>load<u32>(heads + (b << 2));
    while (h) {
      const next = <usize>load<u32>(h);
      heap.free(h);
      h = next;
    }
    store<u32>(heads + (b << 2), 0);
  }
  let h = freeBlocks;
  while (h) {
    const next = <usize>load<u32>(h);
    heap.free(h);
    h = next;
  }
  freeBlocks = 0;
}

/**
 * Crosses off, in seg, the big primes of the bucket of segment segNo and files each under the
 * segment of its next multiple.
 */
export function crossBuckets(seg: usize, segNo: u32): void {
  const hp = heads + (<usize>(segNo & (NBUCKETS - 1)) << 2);
  let h = <usize>load<u32>(hp);
  store<u32>(hp, 0);
  while (h) {
    const end = h + 8 + (<usize>load<u32>(h, 4) << 3);
    for (let e = h + 8; e < end; e += 8) {
      const w0 = load<u32>(e);
      const w1 = load<u32>(e, 4);
      const k = w0 >> 3;
      const dt = DT + (<usize>(w0 & 7) << 5);
      let pos = w1 >> 3;
      let i = w1 & 7;
      do {
        const d = load<u32>(dt + (<usize>i << 2));
        const a = seg + <usize>pos;
        store<u8>(a, load<u8>(a) & d);
        pos += k * (d >> 16) + ((d >> 8) & 0xFF);
        i = (i + 1) & 7;
      } while (pos < <u32>SEG);
      push((segNo + (pos >> SEG_SHIFT)) & (NBUCKETS - 1), w0, ((pos & <u32>(SEG - 1)) << 3) | i);
    }
    const next = <usize>load<u32>(h);
    store<u32>(h, <u32>freeBlocks);
    freeBlocks = h;
    h = next;
  }
}
