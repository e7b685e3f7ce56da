/**
 * countPrimes and primesBetween, the readable reference (docs/algorithms.md): a segmented sieve of
 * Eratosthenes after primesieve's documented design (K. Walisch, https://github.com/kimwalisch/
 * primesieve/blob/master/doc/ALGORITHMS.md), kept simple enough to read:
 *
 * - a mod-30 wheel: one byte covers 30 integers, its 8 bits the residues coprime to 30;
 * - pre-sieving: every segment starts as a copy of the repeating pattern of the multiples of
 *   7, 11, 13 and 17, so those primes are never crossed off one by one;
 * - small sieving primes (at most one segment long) cross off a turn of the cofactor at a time:
 *   its 8 multiples lie at fixed byte offsets, so a loop iteration clears 8 bits (primesieve's
 *   EratSmall; 1.5 times as fast as 8 separate progressions of step p);
 * - large sieving primes have at most a few multiples per segment: each waits in the bucket of the
 *   segment of its next multiple (primesieve's EratBig), so a segment touches only its own;
 * - counting by popcount.
 */

const WHEEL = [1, 7, 11, 13, 17, 19, 23, 29];
/** The bit of residue r (mod 30) in a wheel byte, or -1 where r shares a factor with 30. */
const BIT_OF_RESIDUE = Array.from({ length: 30 }, (_, r) => WHEEL.indexOf(r));
/** Successive cofactors k coprime to 30 differ by these (the last one wraps to the next turn). */
const WHEEL_GAPS = [6, 4, 2, 4, 2, 4, 6, 2];

/**
 * Bytes per chunk: 32 KiB, the L1 data cache, covering 983,040 integers. The pre-sieve and the
 * primes below CHUNK_PRIME_LIMIT, which cross off most often, work a chunk at a time; the other
 * primes a segment of 8 chunks at a time (the L2 cache), so that each prime's work per call is
 * spread over 8 times the bytes.
 */
const CHUNK_BYTES = 32 * 1024;
const SEGMENT_BYTES = 8 * CHUNK_BYTES;
const CHUNK_PRIME_LIMIT = 4096;
const PRESIEVE_PRIMES = [7, 11, 13, 17];
/** The first prime crossed off explicitly, and so the smallest number the sieve can certify. */
const FIRST_SIEVING_PRIME = 19;

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, byte) => {
  let count = 0;
  for (let b = byte; b !== 0; b &= b - 1) count++;
  return count;
});

/** The repeating byte pattern with the multiples of 7, 11, 13 and 17 cleared: 17,017 bytes long. */
const PRESIEVE_PATTERN = (() => {
  const period = PRESIEVE_PRIMES.reduce((product, p) => product * p, 1);
  const pattern = new Uint8Array(period).fill(0xff);
  for (const p of PRESIEVE_PRIMES) {
    for (let bit = 0; bit < 8; bit++) {
      // p divides 30·byte + WHEEL[bit] on every p-th byte from the first (p is coprime to 30, so
      // the first is below p). Stepping there, not testing every byte, keeps 7 ms out of the import.
      let first = 0;
      while ((30 * first + WHEEL[bit]!) % p !== 0) first++;
      for (let byte = first; byte < period; byte += p) pattern[byte]! &= ~(1 << bit);
    }
  }
  return pattern;
})();

// ---------------------------------------------------------------------------------------------
// Sieving primes up to √hi (at most √(2^53) ≈ 9.49e7), from a plain odd-only sieve, cached and
// grown as larger limits are asked for.

let basePrimes = new Uint32Array(0);
let basePrimesLimit = 0;

function sievingPrimesUpTo(limit: number): Uint32Array {
  if (limit > basePrimesLimit) {
    // isComposite[i] describes the odd number 2i + 1.
    const isComposite = new Uint8Array((limit >>> 1) + 1);
    for (let p = 3; p * p <= limit; p += 2) {
      if (isComposite[p >>> 1]) continue;
      for (let multiple = p * p; multiple <= limit; multiple += 2 * p) isComposite[multiple >>> 1] = 1;
    }
    const primes: number[] = [];
    for (let n = FIRST_SIEVING_PRIME; n <= limit; n += 2) if (!isComposite[n >>> 1]) primes.push(n);
    basePrimes = Uint32Array.from(primes);
    basePrimesLimit = limit;
  }
  return basePrimes.subarray(0, countAtMost(basePrimes, limit));
}

/**
 * How many of the ascending `primes` are <= limit, by binary search: once the base-prime cache
 * reaches √(2^53) it holds 5.4 million primes.
 */
function countAtMost(primes: Uint32Array, limit: number): number {
  let count = 0;
  for (let end = primes.length; count < end; ) {
    const middle = (count + end) >>> 1;
    if (primes[middle]! <= limit) count = middle + 1;
    else end = middle;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------

/** Calls `visit(segment, firstByte, byteCount)` for each sieved segment of the wheel bytes of [lo, hi). */
function sieveSegments(lo: number, hi: number, visit: (segment: Uint8Array, firstByte: number, byteCount: number) => void): void {
  const firstByte = Math.floor(lo / 30);
  const endByte = Math.ceil(hi / 30); // exclusive
  const primes = sievingPrimesUpTo(Math.floor(Math.sqrt(hi - 1)));
  const segment = new Uint8Array(Math.min(SEGMENT_BYTES, endByte - firstByte));

  // Small primes (at most a segment long) cross off a turn of the cofactor at a time: for
  // p = 30q + r and k = 30a + WHEEL[j], p*k lies in byte a*p + q*WHEEL[j] + floor(r*WHEEL[j] / 30),
  // in the bit of (r*WHEEL[j]) mod 30, so the 8 multiples of a turn of k (30 numbers) sit at 8
  // fixed offsets from a*p. turnByte[i] is a*p for prime i's next multiple, relative to the
  // first byte of the chunk or segment it is crossed off in next, and turnIndex[i] that multiple's j.
  const smallCount = countAtMost(primes, SEGMENT_BYTES);
  const chunkPrimeCount = countAtMost(primes, CHUNK_PRIME_LIMIT - 1);
  const offsets = new Int32Array(8 * smallCount);
  const masks = new Uint8Array(8 * smallCount);
  const turnByte = new Int32Array(smallCount);
  const turnIndex = new Uint8Array(smallCount);
  for (let i = 0; i < smallCount; i++) {
    const p = primes[i]!;
    const q = Math.floor(p / 30),
      r = p % 30;
    for (let j = 0; j < 8; j++) {
      offsets[8 * i + j] = q * WHEEL[j]! + Math.floor((r * WHEEL[j]!) / 30);
      masks[8 * i + j] = MULTIPLE_MASK[8 * BIT_OF_RESIDUE[r]! + j]!;
    }
    const k = firstCofactor(p, firstByte);
    turnByte[i] = Math.floor(k / 30) * p - firstByte; // exact: a*p < 2^53 / 30, the difference below p^2 / 30
    turnIndex[i] = BIT_OF_RESIDUE[mod30(k)]!;
  }

  const largest = primes.length > smallCount ? primes[primes.length - 1]! : 0;
  const queue = new LargePrimeQueue(firstByte, largest);
  for (let i = smallCount; i < primes.length; i++) {
    const p = primes[i]!;
    const k = firstCofactor(p, firstByte);
    const byte = byteOfMultiple(p, k);
    if (byte < endByte) queue.add(Math.floor(p / 30), byte, 8 * BIT_OF_RESIDUE[p % 30]! + BIT_OF_RESIDUE[mod30(k)]!);
  }

  for (let start = firstByte; start < endByte; start += SEGMENT_BYTES) {
    const length = Math.min(SEGMENT_BYTES, endByte - start);
    for (let from = 0; from < length; from += CHUNK_BYTES) {
      const chunk = segment.subarray(from, Math.min(length, from + CHUNK_BYTES));
      presieve(chunk, start + from, chunk.length);
      for (let i = 0; i < chunkPrimeCount; i++) crossOffSmall(chunk, chunk.length, primes[i]!, offsets, masks, i, turnByte, turnIndex);
    }
    for (let i = chunkPrimeCount; i < smallCount; i++) crossOffSmall(segment, length, primes[i]!, offsets, masks, i, turnByte, turnIndex);

    const waiting = queue.takeFar();
    if (waiting) crossOffLarge(waiting, segment, start, start + length, endByte, queue);
    // Everything crossOffLarge queues lands in a later segment, so in another bucket.
    const bucket = queue.current();
    if (bucket.size > 0) crossOffLarge(bucket, segment, start, start + length, endByte, queue);
    bucket.size = 0;
    queue.advance();

    // The pre-sieve cleared the pattern primes themselves, and the wheel's 1 is not prime.
    if (start === 0) {
      segment[0]! &= ~1;
      for (const p of PRESIEVE_PRIMES) segment[Math.floor(p / 30)]! |= 1 << BIT_OF_RESIDUE[p % 30]!;
    }
    maskEnds(segment, start, length, lo, hi);
    visit(segment, start, length);
  }
}

/**
 * Crosses off small prime i's multiples in segment[0, length): the rest of the turn it stopped
 * in, then whole turns (8 multiples, one bound check), then the turn that passes the segment's
 * end, and leaves its state relative to the bytes that follow.
 */
function crossOffSmall(
  segment: Uint8Array,
  length: number,
  p: number,
  offsets: Int32Array,
  masks: Uint8Array,
  i: number,
  turnByte: Int32Array,
  turnIndex: Uint8Array,
): void {
  const at = 8 * i;
  let turn = turnByte[i]!;
  let j = turnIndex[i]!;
  if (j > 0) {
    j = crossOffTurnFrom(segment, length, turn, j, offsets, masks, at);
    if (j === 8) {
      turn += p;
      j = 0;
    }
  }
  if (j === 0) {
    const o0 = offsets[at]!,
      o1 = offsets[at + 1]!,
      o2 = offsets[at + 2]!,
      o3 = offsets[at + 3]!;
    const o4 = offsets[at + 4]!,
      o5 = offsets[at + 5]!,
      o6 = offsets[at + 6]!,
      o7 = offsets[at + 7]!;
    const m0 = masks[at]!,
      m1 = masks[at + 1]!,
      m2 = masks[at + 2]!,
      m3 = masks[at + 3]!;
    const m4 = masks[at + 4]!,
      m5 = masks[at + 5]!,
      m6 = masks[at + 6]!,
      m7 = masks[at + 7]!;
    for (; turn + o7 < length; turn += p) {
      segment[turn + o0]! &= m0;
      segment[turn + o1]! &= m1;
      segment[turn + o2]! &= m2;
      segment[turn + o3]! &= m3;
      segment[turn + o4]! &= m4;
      segment[turn + o5]! &= m5;
      segment[turn + o6]! &= m6;
      segment[turn + o7]! &= m7;
    }
    j = crossOffTurnFrom(segment, length, turn, 0, offsets, masks, at);
  }
  // j < 8 here: the turn in hand reaches past the segment.
  turnByte[i] = turn - length;
  turnIndex[i] = j;
}

/** Crosses off the multiples j, j + 1, … of one turn that lie below length; returns the first that does not (8: none). */
function crossOffTurnFrom(
  segment: Uint8Array,
  length: number,
  turn: number,
  j: number,
  offsets: Int32Array,
  masks: Uint8Array,
  at: number,
): number {
  for (; j < 8; j++) {
    const byte = turn + offsets[at + j]!;
    if (byte >= length) break;
    segment[byte]! &= masks[at + j]!;
  }
  return j;
}

/**
 * The large sieving primes, each in the bucket of the segment of its next multiple, as
 * (p / 30 rounded down, absolute byte of that multiple, its wheel state: see MULTIPLE_MASK). A
 * multiple found while sieving is at most `ring` segments ahead (a wheel step is below p/5 bytes),
 * so those buckets form a ring of reused arrays; only a first multiple (p² can lie far beyond lo)
 * may be further, and waits in a map. A class, not closures: V8 inlines its methods into the
 * crossing-off loop (a closure call there cost a third of the sieve's time at 10^13).
 */
class LargePrimeQueue {
  private readonly ring: number;
  private readonly near: Bucket[];
  private readonly far = new Map<number, Bucket>();
  private segment = 0;
  private slot = 0; // segment % ring, kept as it moves: `%` on a double is a slow call in V8

  constructor(
    private readonly firstByte: number,
    largestPrime: number,
  ) {
    this.ring = Math.ceil(largestPrime / 5 / SEGMENT_BYTES) + 2;
    this.near = Array.from({ length: this.ring }, () => new Bucket());
  }

  add(quotient: number, byte: number, wheel: number): void {
    // × 1/SEGMENT_BYTES, a power of two, is the exact division.
    const ahead = Math.floor((byte - this.firstByte) * (1 / SEGMENT_BYTES)) - this.segment;
    let bucket: Bucket | undefined;
    if (ahead < this.ring) {
      const slot = this.slot + ahead;
      bucket = this.near[slot < this.ring ? slot : slot - this.ring]!;
    } else if (!(bucket = this.far.get(this.segment + ahead))) {
      this.far.set(this.segment + ahead, (bucket = new Bucket()));
    }
    bucket.add(quotient, byte, wheel);
  }

  /** The current segment's primes that were queued in the map, if any: removed from it. */
  takeFar(): Bucket | undefined {
    const bucket = this.far.get(this.segment);
    if (bucket) this.far.delete(this.segment);
    return bucket;
  }

  /** The current segment's bucket in the ring. */
  current(): Bucket {
    return this.near[this.slot]!;
  }

  advance(): void {
    this.segment++;
    this.slot = this.slot + 1 === this.ring ? 0 : this.slot + 1;
  }
}

/** Sieving primes waiting for one segment: (quotient, byte, wheel) triples in a growing typed array. */
class Bucket {
  items = new Float64Array(48);
  size = 0;
  add(quotient: number, byte: number, wheel: number): void {
    if (this.size + 3 > this.items.length) {
      const grown = new Float64Array(2 * this.items.length);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    items[this.size] = quotient;
    items[this.size + 1] = byte;
    items[this.size + 2] = wheel;
    this.size += 3;
  }
}

// A large prime p = 30q + WHEEL[i] walks its multiples p*k, k coprime to 30, in wheel state
// w = 8i + j for k ≡ WHEEL[j] (mod 30). The multiple clears the bit MULTIPLE_MASK[w] leaves, and the
// next one (k + WHEEL_GAPS[j]) lies q*WHEEL_GAPS[j] + MULTIPLE_CARRY[w] bytes on: byte p*k / 30 is
// q*k + floor(WHEEL[i]*k / 30). Tables, so that a step takes no `%` or division.
const MULTIPLE_MASK = Uint8Array.from({ length: 64 }, (_, w) => ~(1 << BIT_OF_RESIDUE[(WHEEL[w >> 3]! * WHEEL[w & 7]!) % 30]!));
const MULTIPLE_CARRY = Uint8Array.from({ length: 64 }, (_, w) => {
  const r = WHEEL[w >> 3]!,
    k = WHEEL[w & 7]!,
    gap = WHEEL_GAPS[w & 7]!;
  return Math.floor((r * (k + gap)) / 30) - Math.floor((r * k) / 30);
});

/**
 * Crosses off, in the segment of bytes [start, end), every multiple of the large primes in
 * `bucket` (triples: p / 30 rounded down, byte of its next multiple, wheel state), and queues
 * each prime's next multiple below endByte.
 */
function crossOffLarge(bucket: Bucket, segment: Uint8Array, start: number, end: number, endByte: number, queue: LargePrimeQueue): void {
  const items = bucket.items;
  for (let b = 0; b < bucket.size; b += 3) {
    const q = items[b]!;
    let byte = items[b + 1]!;
    let wheel = items[b + 2]! | 0;
    while (byte < end) {
      segment[byte - start]! &= MULTIPLE_MASK[wheel]!;
      byte += q * WHEEL_GAPS[wheel & 7]! + MULTIPLE_CARRY[wheel]!;
      wheel = (wheel & 56) | ((wheel + 1) & 7);
    }
    if (byte < endByte) queue.add(q, byte, wheel);
  }
}

/** The distance from k to the next integer coprime to 30, by k mod 30. */
const TO_NEXT_COPRIME = Array.from({ length: 30 }, (_, r) => {
  let d = 0;
  while (BIT_OF_RESIDUE[(r + d) % 30]! < 0) d++;
  return d;
});

/**
 * x mod 30 for integers 0 <= x < 2^45, without `%`, which V8 compiles to a slow fmod call for
 * values beyond int32: x/30 is then far enough from the next integer for floor to be exact.
 */
const mod30 = (x: number): number => x - 30 * Math.floor(x / 30);

/** The smallest k coprime to 30 with k >= p and p*k >= 30 * firstByte (exact: products checked). */
function firstCofactor(p: number, firstByte: number): number {
  const target = 30 * firstByte;
  let k = Math.ceil(target / p);
  if ((k - 1) * p >= target) k--;
  else if (k * p < target) k++;
  k = Math.max(k, p);
  return k + TO_NEXT_COPRIME[mod30(k)]!;
}

/** floor(p*k / 30) without forming p*k, which may exceed 2^53: q*k + r*floor(k/30) + floor(r*(k mod 30)/30). */
function byteOfMultiple(p: number, k: number): number {
  const r = mod30(p);
  return Math.floor(p / 30) * k + r * Math.floor(k / 30) + Math.floor((r * mod30(k)) / 30);
}

function presieve(segment: Uint8Array, start: number, length: number): void {
  const period = PRESIEVE_PATTERN.length;
  let offset = start % period;
  for (let filled = 0; filled < length; ) {
    const chunk = Math.min(period - offset, length - filled);
    segment.set(PRESIEVE_PATTERN.subarray(offset, offset + chunk), filled);
    filled += chunk;
    offset = 0;
  }
}

/** Clears the bits of numbers below lo in the first byte and at or above hi in the last. */
function maskEnds(segment: Uint8Array, start: number, length: number, lo: number, hi: number): void {
  for (let bit = 0; bit < 8; bit++) {
    if (30 * start + WHEEL[bit]! < lo) segment[0]! &= ~(1 << bit);
    const last = start + length - 1;
    if (30 * last + WHEEL[bit]! >= hi) segment[length - 1]! &= ~(1 << bit);
  }
}

/** The set bits of a 32-bit word, by adding bit counts in ever wider fields (Hacker's Delight, 5-2). */
function popcount32(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The primes 2, 3, 5 (which the wheel leaves out) in [lo, hi). */
const wheelPrimesIn = (lo: number, hi: number): number[] => [2, 3, 5].filter((p) => p >= lo && p < hi);

export function countPrimes(lo: number, hi: number): number {
  if (hi <= lo) return 0;
  let count = wheelPrimesIn(lo, hi).length;
  if (hi <= 7) return count;
  sieveSegments(Math.max(lo, 7), hi, (segment, _first, length) => {
    const words = new Int32Array(segment.buffer, segment.byteOffset, length >>> 2);
    for (let i = 0; i < words.length; i++) count += popcount32(words[i]!);
    for (let i = 4 * words.length; i < length; i++) count += POPCOUNT[segment[i]!]!;
  });
  return count;
}

export function primesBetween(lo: number, hi: number, out: Float64Array): number {
  if (hi <= lo) return 0;
  let count = 0;
  for (const p of wheelPrimesIn(lo, hi)) out[count++] = p;
  if (hi <= 7) return count;
  sieveSegments(Math.max(lo, 7), hi, (segment, first, length) => {
    for (let i = 0; i < length; i++) {
      for (let bits = segment[i]!; bits !== 0; bits &= bits - 1) {
        out[count++] = 30 * (first + i) + WHEEL[31 - Math.clz32(bits & -bits)]!;
      }
    }
  });
  return count;
}
