// Deterministic Miller–Rabin primality test for 0 <= n < 2^64.
//
// Implements docs/algorithms.md ("checkPrime(n)") step for step; the TypeScript and C++ backends
// implement the same steps and the test suite requires exact agreement.
//
// Modular multiplication uses Montgomery's method with R = 2^64:
//   P. L. Montgomery, "Modular multiplication without trial division",
//   Math. Comp. 44 (1985), 519–521.
// WebAssembly has no 64×64→128 multiply, so the high half of each product is assembled from four
// 32×32→64 partial products (mulhi64 below). For n < 2^32 the plain u64 product a·b < 2^64 is exact
// and `(a * b) % n` is used instead.

// ---------------------------------------------------------------------------------------------
// Step 2 table: divisibility by the 24 odd primes below 100 without division.
//
// For odd p, let inv_p = p^-1 mod 2^64 and lim_p = floor((2^64 - 1) / p). Then
//   p | n  <=>  (n * inv_p mod 2^64) <= lim_p,
// and when p | n the product is the exact quotient n / p (so n == p <=> the product is 1).
//   T. Granlund, P. L. Montgomery, "Division by invariant integers using multiplication",
//   PLDI 1994, §9 ("Exact division by invariant integers"); also H. S. Warren, Hacker's Delight,
//   2nd ed., §10-17.
// Pairs (inv_p, lim_p), in increasing order of p (3, 5, 7, …, 97).
const TRIAL_COUNT: i32 = 24;
const TRIAL_TABLE: usize = memory.data<u64>([
  0xAAAAAAAAAAAAAAAB, 0x5555555555555555, // 3
  0xCCCCCCCCCCCCCCCD, 0x3333333333333333, // 5
  0x6DB6DB6DB6DB6DB7, 0x2492492492492492, // 7
  0x2E8BA2E8BA2E8BA3, 0x1745D1745D1745D1, // 11
  0x4EC4EC4EC4EC4EC5, 0x13B13B13B13B13B1, // 13
  0xF0F0F0F0F0F0F0F1, 0x0F0F0F0F0F0F0F0F, // 17
  0x86BCA1AF286BCA1B, 0x0D79435E50D79435, // 19
  0xD37A6F4DE9BD37A7, 0x0B21642C8590B216, // 23
  0x34F72C234F72C235, 0x08D3DCB08D3DCB08, // 29
  0xEF7BDEF7BDEF7BDF, 0x0842108421084210, // 31
  0x14C1BACF914C1BAD, 0x06EB3E45306EB3E4, // 37
  0x8F9C18F9C18F9C19, 0x063E7063E7063E70, // 41
  0x82FA0BE82FA0BE83, 0x05F417D05F417D05, // 43
  0x51B3BEA3677D46CF, 0x0572620AE4C415C9, // 47
  0x21CFB2B78C13521D, 0x04D4873ECADE304D, // 53
  0xCBEEA4E1A08AD8F3, 0x0456C797DD49C341, // 59
  0x4FBCDA3AC10C9715, 0x04325C53EF368EB0, // 61
  0xF0B7672A07A44C6B, 0x03D226357E16ECE5, // 67
  0x193D4BB7E327A977, 0x039B0AD12073615A, // 71
  0x7E3F1F8FC7E3F1F9, 0x0381C0E070381C0E, // 73
  0x9B8B577E613716AF, 0x033D91D2A2067B23, // 79
  0xA3784A062B2E43DB, 0x03159721ED7E7534, // 83
  0xF47E8FD1FA3F47E9, 0x02E05C0B81702E05, // 89
  0xA3A0FD5C5F02A3A1, 0x02A3A0FD5C5F02A3, // 97
]);

// Miller–Rabin base sets (docs/algorithms.md, step 4).
// n < 4,759,123,141: {2, 7, 61} — G. Jaeschke, "On strong pseudoprimes to several bases",
//   Math. Comp. 61 (1993), 915–926.
const JAESCHKE_LIMIT: u64 = 4759123141;
// n < 2^64: {2, 325, 9375, 28178, 450775, 9780504, 1795265022} — J. Sinclair (2011), verified
//   against the Feitsma–Galway list of base-2 pseudoprimes below 2^64
//   (https://miller-rabin.appspot.com/).
const SINCLAIR_BASES: usize = memory.data<u64>([2, 325, 9375, 28178, 450775, 9780504, 1795265022]);
const SINCLAIR_COUNT: i32 = 7;

// ---------------------------------------------------------------------------------------------
// 64-bit helpers

/**
 * High 64 bits of the full 128-bit product a·b.
 *
 * With a = a1·2^32 + a0 and b = b1·2^32 + b0 (all halves < 2^32):
 *   a·b = a1·b1·2^64 + (a1·b0 + a0·b1)·2^32 + a0·b0.
 * `mid` = (a0·b0 >> 32) + lo32(a1·b0) + a0·b1 collects everything that can carry into bit 64;
 * it is at most (2^32 - 1) + (2^32 - 1) + (2^32 - 1)^2 = 2^64 - 1, so it cannot overflow.
 * The high word is then a1·b1 + (a1·b0 >> 32) + (mid >> 32).
 */
// @ts-ignore: decorator
@inline
function mulhi64(a: u64, b: u64): u64 {
  const a0 = a & 0xFFFFFFFF, a1 = a >> 32;
  const b0 = b & 0xFFFFFFFF, b1 = b >> 32;
  const p00 = a0 * b0;
  const p10 = a1 * b0;
  const p01 = a0 * b1;
  const p11 = a1 * b1;
  const mid = (p00 >> 32) + (p10 & 0xFFFFFFFF) + p01;
  return p11 + (p10 >> 32) + (mid >> 32);
}

/**
 * Montgomery product a·b·R^-1 mod n with R = 2^64, for odd n and a, b < n; result in [0, n).
 * `ninv` = n^-1 mod 2^64. With T = a·b and m = (T mod R)·ninv mod R, m·n ≡ T (mod R), so the low
 * words of T and m·n are equal and (T - m·n) / R = hi(T) - hi(m·n) ∈ (-n, n) exactly; add n if
 * negative. This "subtractive" REDC needs no 129-bit intermediate, so it is valid for all odd
 * n < 2^64.
 */
// @ts-ignore: decorator
@inline
function montMul(a: u64, b: u64, n: u64, ninv: u64): u64 {
  const hi = mulhi64(a, b);
  const m = (a * b) * ninv;
  const mh = mulhi64(m, n);
  const t = hi - mh;
  return hi < mh ? t + n : t;
}

/** (a + b) mod n for a, b < n < 2^64, without losing the carry out of bit 63. */
// @ts-ignore: decorator
@inline
function addMod(a: u64, b: u64, n: u64): u64 {
  const s = a + b;
  // If the add wrapped, the true sum s + 2^64 >= n and (s + 2^64 - n) mod 2^64 == s - n.
  return (s < a || s >= n) ? s - n : s;
}

// ---------------------------------------------------------------------------------------------
// Strong probable-prime tests (docs/algorithms.md, step 5)

/** Strong probable-prime test to base a for odd n < 2^32 (n - 1 = d·2^s); exact u64 products. */
function sprp32(n: u64, a: u64, d: u64, s: i32): bool {
  // x = a^d mod n, right-to-left binary exponentiation.
  let x: u64 = 1;
  let b = a;
  let e = d;
  while (e) {
    if (e & 1) x = (x * b) % n;
    b = (b * b) % n;
    e >>= 1;
  }
  const nm1 = n - 1;
  if (x == 1 || x == nm1) return true;
  for (let i = 1; i < s; ++i) {
    x = (x * x) % n;
    if (x == nm1) return true;
  }
  return false;
}

/**
 * Strong probable-prime test to base a (a < n) for odd n, in Montgomery form.
 * `one` = R mod n, `minusOne` = (n - 1)·R mod n, `r2` = R^2 mod n.
 */
function sprpMont(n: u64, ninv: u64, one: u64, minusOne: u64, r2: u64, a: u64, d: u64, s: i32): bool {
  let x = one;
  let b = montMul(a, r2, n, ninv); // a·R mod n
  let e = d;
  while (e) {
    if (e & 1) x = montMul(x, b, n, ninv);
    b = montMul(b, b, n, ninv);
    e >>= 1;
  }
  if (x == one || x == minusOne) return true;
  for (let i = 1; i < s; ++i) {
    x = montMul(x, x, n, ninv);
    if (x == minusOne) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

/** Deterministic primality of 0 <= n < 2^64 (docs/algorithms.md, "checkPrime(n)"). */
export function checkPrime(n: u64): bool {
  // 1. n < 2 → false.
  if (n < 2) return false;

  // 2. Trial division by the 25 primes below 100: n == p → true; p | n → false.
  if (!(n & 1)) return n == 2;
  for (let i = 0; i < TRIAL_COUNT; ++i) {
    const q = n * load<u64>(TRIAL_TABLE + (<usize>i << 4));
    if (q <= load<u64>(TRIAL_TABLE + (<usize>i << 4), 8)) return q == 1; // q == n / p
  }
  //    No prime factor below 101, so any n < 101^2 = 10201 is prime.
  if (n < 10201) return true;

  // 3. n - 1 = d · 2^s with d odd.
  const nm1 = n - 1;
  const s = <i32>ctz(nm1);
  const d = nm1 >> s;

  // 4–6. Strong probable-prime tests; every base is already smaller than n.
  if (n < 0x100000000) {
    // n < 2^32 < 4,759,123,141: Jaeschke's bases, exact 64-bit products.
    return sprp32(n, 2, d, s) && sprp32(n, 7, d, s) && sprp32(n, 61, d, s);
  }

  // Montgomery constants for R = 2^64.
  // n^-1 mod 2^64 by Newton's iteration: n·n ≡ 1 (mod 8) for odd n, and each step
  // inv ← inv·(2 - n·inv) doubles the number of correct low bits: 3 → 6 → 12 → 24 → 48 → 96.
  let ninv = n;
  ninv *= 2 - n * ninv;
  ninv *= 2 - n * ninv;
  ninv *= 2 - n * ninv;
  ninv *= 2 - n * ninv;
  ninv *= 2 - n * ninv;
  const one = (0 - n) % n;          // R mod n = (2^64 - n) mod n
  const minusOne = n - one;         // (n - 1)·R mod n  (one != 0 since n is odd > 1)
  let r2 = one;                     // R^2 mod n = (R mod n)·2^64 mod n: 64 modular doublings
  for (let i = 0; i < 64; ++i) r2 = addMod(r2, r2, n);

  if (n < JAESCHKE_LIMIT) {
    return sprpMont(n, ninv, one, minusOne, r2, 2, d, s)
        && sprpMont(n, ninv, one, minusOne, r2, 7, d, s)
        && sprpMont(n, ninv, one, minusOne, r2, 61, d, s);
  }
  for (let i = 0; i < SINCLAIR_COUNT; ++i) {
    const a = load<u64>(SINCLAIR_BASES + (<usize>i << 3));
    if (!sprpMont(n, ninv, one, minusOne, r2, a, d, s)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Batch kernels (docs/algorithms.md, "checkPrimes"): the same test per element, trial division
// first, so most composites leave early. Results are 0/1 bytes.

/**
 * out[i] = checkPrime(values[i]) for i < n, values f64 safe integers in linear memory (negative
 * ones, and every value below 2, are not prime).
 */
export function checkPrimesF64(values: usize, n: i32, out: usize): void {
  for (let i = 0; i < n; ++i) {
    const v = load<f64>(values + (<usize>i << 3));
    store<u8>(out + <usize>i, v >= 2.0 ? <u8>checkPrime(<u64>v) : 0);
  }
}

/** out[i] = checkPrime(values[i]) for i < n, values u64 in linear memory. */
export function checkPrimesU64(values: usize, n: i32, out: usize): void {
  for (let i = 0; i < n; ++i) {
    store<u8>(out + <usize>i, <u8>checkPrime(load<u64>(values + (<usize>i << 3))));
  }
}
