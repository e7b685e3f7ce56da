/**
 * countPrimes and primesBetween, the readable reference (docs/algorithms.md): a segmented sieve of
 * Eratosthenes after primesieve's documented design (K. Walisch, https://github.com/kimwalisch/
 * primesieve/blob/master/doc/ALGORITHMS.md), kept simple enough to read:
 *
 * - a mod-30 wheel: one byte covers 30 integers, its 8 bits the residues coprime to 30;
 * - pre-sieving: every segment starts as a copy of the repeating pattern of the multiples of
 *   7, 11, 13 and 17, so those primes are never crossed off one by one;
 * - small sieving primes (at most one segment long) cross off along 8 arithmetic progressions,
 *   one per residue of the cofactor, each a tight `byte &= mask; i += p` loop;
 * - large sieving primes have at most a few multiples per segment: each waits in the bucket of the
 *   segment of its next multiple (primesieve's EratBig), so a segment touches only its own;
 * - counting by popcount.
 */

const WHEEL = [1, 7, 11, 13, 17, 19, 23, 29];
/** The bit of residue r (mod 30) in a wheel byte, or -1 where r shares a factor with 30. */
const BIT_OF_RESIDUE = Array.from({ length: 30 }, (_, r) => WHEEL.indexOf(r));
/** Successive cofactors k coprime to 30 differ by these (the last one wraps to the next turn). */
const WHEEL_GAPS = [6, 4, 2, 4, 2, 4, 6, 2];

/** Bytes per segment: 32 KiB, the L1 data cache, covering 983,040 integers. */
const SEGMENT_BYTES = 32 * 1024;
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
  let count = basePrimes.length;
  while (count > 0 && basePrimes[count - 1]! > limit) count--;
  return basePrimes.subarray(0, count);
}

// ---------------------------------------------------------------------------------------------

/** Calls `visit(segment, firstByte, byteCount)` for each sieved segment of the wheel bytes of [lo, hi). */
function sieveSegments(lo: number, hi: number, visit: (segment: Uint8Array, firstByte: number, byteCount: number) => void): void {
  const firstByte = Math.floor(lo / 30);
  const endByte = Math.ceil(hi / 30); // exclusive
  const primes = sievingPrimesUpTo(Math.floor(Math.sqrt(hi - 1)));
  const segment = new Uint8Array(SEGMENT_BYTES);

  // Small primes: for each of the 8 residues w of the cofactor k, the multiples p*k (k ≡ w mod 30,
  // k >= p) sit in bytes forming a progression of step p, all in the same bit. next[8i + j] is the
  // next byte of progression j of prime i, relative to the current segment's first byte.
  let smallCount = 0;
  while (smallCount < primes.length && primes[smallCount]! <= SEGMENT_BYTES) smallCount++;
  const next = new Float64Array(8 * smallCount);
  const masks = new Uint8Array(8 * smallCount);
  for (let i = 0; i < smallCount; i++) {
    const p = primes[i]!;
    for (let j = 0; j < 8; j++) {
      const [byte, bit] = firstMultipleAtOrAfter(p, WHEEL[j]!, firstByte);
      next[8 * i + j] = byte - firstByte;
      masks[8 * i + j] = ~(1 << bit);
    }
  }

  // Large primes: (prime, absolute byte of its next multiple, wheel index of that multiple's
  // cofactor), kept in the bucket of the segment where that byte falls. A multiple found while
  // sieving is at most `ring` segments ahead (a wheel step is below p/5 bytes), so those buckets
  // form a ring of reused arrays; only a first multiple (p² can lie far beyond lo) may be further,
  // and waits in a map.
  const largest = primes.length > smallCount ? primes[primes.length - 1]! : 0;
  const ring = Math.ceil(largest / 5 / SEGMENT_BYTES) + 2;
  const near = Array.from({ length: ring }, () => new Bucket());
  const far = new Map<number, Bucket>();
  let segmentIndex = 0;
  const enqueue = (prime: number, byte: number, wheelIndex: number) => {
    const key = Math.floor((byte - firstByte) / SEGMENT_BYTES);
    let bucket: Bucket | undefined;
    if (key - segmentIndex < ring) bucket = near[key % ring]!;
    else if (!(bucket = far.get(key))) far.set(key, (bucket = new Bucket()));
    bucket.add(prime, byte, wheelIndex);
  };
  for (let i = smallCount; i < primes.length; i++) {
    const p = primes[i]!;
    const k = firstCofactor(p, firstByte);
    const byte = byteOfMultiple(p, k);
    if (byte < endByte) enqueue(p, byte, BIT_OF_RESIDUE[mod30(k)]!);
  }

  for (let start = firstByte; start < endByte; segmentIndex++, start += SEGMENT_BYTES) {
    const length = Math.min(SEGMENT_BYTES, endByte - start);
    presieve(segment, start, length);

    for (let i = 0; i < smallCount; i++) {
      const p = primes[i]!;
      for (let j = 8 * i; j < 8 * i + 8; j++) {
        const mask = masks[j]!;
        let byte = next[j]!;
        for (; byte < length; byte += p) segment[byte]! &= mask;
        next[j] = byte - length;
      }
    }

    const waiting = far.get(segmentIndex);
    if (waiting) {
      far.delete(segmentIndex);
      crossOffLarge(waiting, segment, start, start + length, endByte, enqueue);
    }
    const bucket = near[segmentIndex % ring]!;
    if (bucket.size > 0) {
      // Everything crossOffLarge enqueues lands in a later segment, so in another bucket.
      crossOffLarge(bucket, segment, start, start + length, endByte, enqueue);
      bucket.size = 0;
    }

    // The pre-sieve cleared the pattern primes themselves, and the wheel's 1 is not prime.
    if (start === 0) {
      segment[0]! &= ~1;
      for (const p of PRESIEVE_PRIMES) segment[Math.floor(p / 30)]! |= 1 << BIT_OF_RESIDUE[p % 30]!;
    }
    maskEnds(segment, start, length, lo, hi);
    visit(segment, start, length);
  }
}

/** Sieving primes waiting for one segment: (prime, byte, wheel index) triples in a growing typed array. */
class Bucket {
  items = new Float64Array(48);
  size = 0;
  add(prime: number, byte: number, wheelIndex: number): void {
    if (this.size + 3 > this.items.length) {
      const grown = new Float64Array(2 * this.items.length);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    items[this.size] = prime;
    items[this.size + 1] = byte;
    items[this.size + 2] = wheelIndex;
    this.size += 3;
  }
}

/**
 * Crosses off, in the segment of bytes [start, end), every multiple of the large primes in
 * `bucket` (triples: prime, byte of its next multiple, wheel index of its cofactor), walking each
 * cofactor round the wheel, and enqueues each prime's next multiple below endByte.
 */
function crossOffLarge(
  bucket: Bucket, segment: Uint8Array, start: number, end: number, endByte: number,
  enqueue: (prime: number, byte: number, wheelIndex: number) => void,
): void {
  const items = bucket.items;
  for (let b = 0; b < bucket.size; b += 3) {
    const p = items[b]!;
    let byte = items[b + 1]!;
    let j = items[b + 2]!;
    const q = Math.floor(p / 30), r = p % 30;
    while (byte < end) {
      segment[byte - start]! &= ~(1 << BIT_OF_RESIDUE[(r * WHEEL[j]!) % 30]!);
      const k = WHEEL[j]!, gap = WHEEL_GAPS[j]!;
      byte += q * gap + Math.floor((r * (k + gap)) / 30) - Math.floor((r * k) / 30);
      j = (j + 1) & 7;
    }
    if (byte < endByte) enqueue(p, byte, j);
  }
}

/** Byte and bit of the first multiple p*k >= max(p^2, 30 * firstByte) with k ≡ w (mod 30). */
function firstMultipleAtOrAfter(p: number, w: number, firstByte: number): [number, number] {
  // Work in whole turns of the cofactor, so nothing exceeds 2^53: the byte of p*(30a + w) is
  // p*a + floor(p*w / 30).
  const offset = Math.floor((p * w) / 30);
  const minTurns = Math.ceil((firstByte - offset) / p);
  const turnsFromSquare = Math.ceil((p - w) / 30); // k = 30a + w >= p
  const a = Math.max(minTurns, turnsFromSquare, 0);
  return [p * a + offset, bitOfMultiple(p, w)];
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

function bitOfMultiple(p: number, w: number): number {
  return BIT_OF_RESIDUE[((p % 30) * w) % 30]!;
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

/** The primes 2, 3, 5 (which the wheel leaves out) in [lo, hi). */
const wheelPrimesIn = (lo: number, hi: number): number[] => [2, 3, 5].filter((p) => p >= lo && p < hi);

export function countPrimes(lo: number, hi: number): number {
  if (hi <= lo) return 0;
  let count = wheelPrimesIn(lo, hi).length;
  if (hi <= 7) return count;
  sieveSegments(Math.max(lo, 7), hi, (segment, _first, length) => {
    for (let i = 0; i < length; i++) count += POPCOUNT[segment[i]!]!;
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
