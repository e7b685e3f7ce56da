/**
 * checkPrime, the readable reference (docs/algorithms.md): trial division by the primes below 100,
 * then a deterministic Miller–Rabin test with a proven base set.
 *
 * `number` inputs (below 2^53) use exact double arithmetic; BigInt only for bigints above 2^53 - 1.
 */

const SMALL_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];
/** After trial division by the primes below 100, every survivor below 101^2 is prime. */
const TRIAL_DIVISION_PROVES_BELOW = 101 * 101;

/** G. Jaeschke, "On strong pseudoprimes to several bases", Math. Comp. 61 (1993): n < 4,759,123,141. */
const JAESCHKE_LIMIT = 4_759_123_141;
const JAESCHKE_BASES = [2, 7, 61];
/**
 * J. Sinclair (2011): deterministic for every n < 2^64, verified against the Feitsma–Galway list
 * of base-2 pseudoprimes (https://miller-rabin.appspot.com/). The first 8 primes would NOT do:
 * 341,550,071,728,321 is a strong pseudoprime to bases 2..19.
 */
const SINCLAIR_BASES = [2, 325, 9375, 28178, 450775, 9780504, 1795265022];
const SINCLAIR_BASES_BIG = SINCLAIR_BASES.map(BigInt);

const TWO_POW_26 = 2 ** 26;
const TWO_POW_32 = 2 ** 32;
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

export function checkPrime(n: number | bigint): boolean {
  if (typeof n === 'bigint') {
    return n <= MAX_SAFE_BIGINT ? checkPrimeNumber(Number(n)) : checkPrimeBigInt(n);
  }
  return checkPrimeNumber(n);
}

function checkPrimeNumber(n: number): boolean {
  if (n < 2) return false;
  for (const p of SMALL_PRIMES) {
    if (n === p) return true;
    if (n % p === 0) return false;
  }
  if (n < TRIAL_DIVISION_PROVES_BELOW) return true;
  return n < TWO_POW_32 ? millerRabinBelow2Pow32(n) : millerRabinBelow2Pow53(n);
}

/** The odd part d of n - 1 = d * 2^s (n odd, so s >= 1). */
function oddPart(nMinusOne: number): number {
  let d = nMinusOne;
  while (d % 2 === 0) d /= 2;
  return d;
}

/**
 * x mod n for integers 0 <= x < 2^53 and n < 2^32, without the slow floating-point `%`: the
 * quotient from the precomputed reciprocal is off by at most one, and the remainder, an integer
 * below 2^53, is exact; one correction step puts it into [0, n).
 */
function reduce(x: number, n: number, reciprocal: number): number {
  const r = x - Math.floor(x * reciprocal) * n;
  return r < 0 ? r + n : r >= n ? r - n : r;
}

/**
 * a*b mod n for 0 <= a, b < n < 2^32, exactly in doubles: below 2^26 the product itself is below
 * 2^52; above, b is split in 16-bit halves so that no intermediate reaches 2^53.
 */
function mulmod32(a: number, b: number, n: number, reciprocal: number): number {
  if (n < TWO_POW_26) return reduce(a * b, n, reciprocal);
  const high = reduce(a * (b >>> 16), n, reciprocal);
  return reduce(high * 65536 + a * (b & 0xffff), n, reciprocal);
}

function millerRabinBelow2Pow32(n: number): boolean {
  const d = oddPart(n - 1);
  const reciprocal = 1 / n;
  for (const base of n < JAESCHKE_LIMIT ? JAESCHKE_BASES : SINCLAIR_BASES) {
    let x = 1;
    let power = base % n;
    for (let e = d; e > 0; e = Math.floor(e / 2)) {
      if (e % 2 === 1) x = mulmod32(x, power, n, reciprocal);
      power = mulmod32(power, power, n, reciprocal);
    }
    if (x === 1 || x === n - 1) continue;
    // Square until the exponent reaches n - 1; only -1 just before it clears the base.
    let witnessed = true;
    for (let e = d * 2; e < n - 1 && witnessed; e *= 2) {
      x = mulmod32(x, x, n, reciprocal);
      if (x === n - 1) witnessed = false;
    }
    if (witnessed) return false;
  }
  return true;
}

/** Veltkamp's splitter 2^27 + 1: splits a double into two halves of at most 26 significant bits. */
const SPLITTER = 134217729;

/**
 * Exact a*b mod n for n < 2^53 in doubles, on balanced residues (|a|, |b| <= n/2; result in
 * (-n/2, n/2]). The product a*b = h + l exactly by Dekker's two-product (T. J. Dekker, "A
 * floating-point technique for extending the available precision", Numer. Math. 18, 1971). With
 * balanced residues |a*b/n| < n/4 < 2^51, so q = round(h/n) is within 0.875 of a*b/n and the
 * remainder a*b - q*n = (h - t) + (l - te), with q*n = t + te also by two-product, lies in
 * (-n, n): every step is exact (h - t by Sterbenz' lemma, the rest are integers below 2^53).
 */
function mulmodBalanced(a: number, b: number, n: number, nHigh: number, nLow: number): number {
  const h = a * b;
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  const l = aHigh * bHigh - h + aHigh * bLow + aLow * bHigh + aLow * bLow;

  const q = Math.round(h / n);
  const t = q * n;
  c = SPLITTER * q;
  const qHigh = c - (c - q);
  const qLow = q - qHigh;
  const te = qHigh * nHigh - t + qHigh * nLow + qLow * nHigh + qLow * nLow;

  let r = h - t + (l - te);
  if (r > n / 2) r -= n;
  else if (r < -n / 2) r += n;
  return r;
}

function millerRabinBelow2Pow53(n: number): boolean {
  const d = oddPart(n - 1);
  const c = SPLITTER * n;
  const nHigh = c - (c - n);
  const nLow = n - nHigh;
  // Every Sinclair base is below 2^31 < n/2, so it is already a balanced residue; n - 1 is -1.
  for (const base of SINCLAIR_BASES) {
    let x = 1;
    let power = base;
    for (let e = d; e > 0; e = Math.floor(e / 2)) {
      if (e % 2 === 1) x = mulmodBalanced(x, power, n, nHigh, nLow);
      power = mulmodBalanced(power, power, n, nHigh, nLow);
    }
    if (x === 1 || x === -1) continue;
    let witnessed = true;
    for (let e = d * 2; e < n - 1 && witnessed; e *= 2) {
      x = mulmodBalanced(x, x, n, nHigh, nLow);
      if (x === -1) witnessed = false;
    }
    if (witnessed) return false;
  }
  return true;
}

/** n > 2^53 - 1 (and < 2^64): the same test in BigInt arithmetic. */
function checkPrimeBigInt(n: bigint): boolean {
  for (const p of SMALL_PRIMES) {
    if (n % BigInt(p) === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  for (const base of SINCLAIR_BASES_BIG) {
    let x = 1n;
    let power = base;
    for (let e = d; e > 0n; e >>= 1n) {
      if (e & 1n) x = (x * power) % n;
      power = (power * power) % n;
    }
    if (x === 1n || x === n - 1n) continue;
    let witnessed = true;
    for (let i = 1; i < s && witnessed; i++) {
      x = (x * x) % n;
      if (x === n - 1n) witnessed = false;
    }
    if (witnessed) return false;
  }
  return true;
}

export function checkPrimes(values: Float64Array | BigUint64Array, out: Uint8Array): void {
  if (values instanceof Float64Array) {
    for (let i = 0; i < values.length; i++) out[i] = checkPrimeNumber(values[i]!) ? 1 : 0;
  } else {
    for (let i = 0; i < values.length; i++) out[i] = checkPrime(values[i]!) ? 1 : 0;
  }
}
