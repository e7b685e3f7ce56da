// The sieve's mod-30 wheel (see sieve.ts, "Layout" and "Sieving primes"): the segment size, the
// tables that map residues, multiples and set bits to bytes, bits and integers, and isqrt.

export const CHUNK: i32 = 32768;          // L1-sized chunk: pre-sieved and small primes, 983,040 integers
export const SEG: i32 = 8 * CHUNK;        // L2-sized segment: medium and big primes, 256 KiB
export const SEG_SHIFT: i32 = 18;

/** The residues coprime to 30, in bit order. */
export const WHEEL: usize = memory.data<u8>([1, 7, 11, 13, 17, 19, 23, 29]);
/** Residue x (0..29) → its bit index, or 255 when x is not coprime to 30. */
export const RIDX: usize = memory.data<u8>([
  255, 0, 255, 255, 255, 255, 255, 1, 255, 255, 255, 2, 255, 3, 255, 255, 255, 4, 255, 5, 255, 255, 255, 6,
  255, 255, 255, 255, 255, 7,
]);
/** Residue x (0..29) → distance to the next residue coprime to 30 (0 when x is one). */
export const NEXTQ: usize = memory.data<u8>([
  1, 0, 5, 4, 3, 2, 1, 0, 3, 2, 1, 0, 1, 0, 3, 2, 1, 0, 1, 0, 3, 2, 1, 0, 5, 4, 3, 2, 1, 0,
]);
/**
 * Big-prime wheel steps, index (rIdx·8 + i): bits 0..7 the mask clearing multiple class i of a
 * prime ≡ W[rIdx] (mod 30); bits 8..15 the byte correction dc and bits 16..23 the multiplier
 * step dw, so that the next multiple is dw·k + dc bytes further (W[8] = 31 closes the wheel).
 */
export const DT: usize = memory.data<u32>([
  0x0600FE, 0x0400FD, 0x0200FB, 0x0400F7, 0x0200EF, 0x0400DF, 0x0600BF, 0x02017F,
  0x0601FD, 0x0401DF, 0x0201EF, 0x0400FE, 0x02017F, 0x0401F7, 0x0601FB, 0x0201BF,
  0x0602FB, 0x0402EF, 0x0200FE, 0x0402BF, 0x0200FD, 0x04027F, 0x0602F7, 0x0201DF,
  0x0603F7, 0x0401FE, 0x0201BF, 0x0402DF, 0x0201FB, 0x0401FD, 0x06037F, 0x0201EF,
  0x0603EF, 0x04037F, 0x0201FD, 0x0402FB, 0x0201DF, 0x0403BF, 0x0603FE, 0x0201F7,
  0x0604DF, 0x0402F7, 0x02027F, 0x0402FD, 0x0202BF, 0x0402FE, 0x0604EF, 0x0201FB,
  0x0605BF, 0x0403FB, 0x0201F7, 0x04047F, 0x0201FE, 0x0403EF, 0x0605DF, 0x0201FD,
  0x06067F, 0x0404BF, 0x0202DF, 0x0404EF, 0x0202F7, 0x0404FB, 0x0606FD, 0x0201FE,
]);
/** Bit t (0..63) of a little-endian u64 of the sieve → integer offset 30·(t >> 3) + W[t & 7]. */
export const OFFS: usize = memory.data<u32>([
  1, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 49, 53, 59, 61, 67, 71, 73, 77, 79, 83, 89,
  91, 97, 101, 103, 107, 109, 113, 119, 121, 127, 131, 133, 137, 139, 143, 149, 151, 157, 161, 163,
  167, 169, 173, 179, 181, 187, 191, 193, 197, 199, 203, 209, 211, 217, 221, 223, 227, 229, 233, 239,
]);

/** floor(√n) for n < 2^64 (double estimate, then exact correction). */
export function isqrt(n: u64): u64 {
  let r = <u64>Math.sqrt(<f64>n);
  while (r * r > n) r--;
  while ((r + 1) * (r + 1) <= n) r++;
  return r;
}
