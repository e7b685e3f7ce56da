/**
 * An independent primality oracle for the property tests: Miller–Rabin in BigInt with the first
 * 12 primes as bases, deterministic for every n < 3.317·10^24 (J. Sorenson and J. Webster,
 * "Strong pseudoprimes to twelve prime bases", Math. Comp. 86 (2017)) — a different proven base
 * set and a different arithmetic from every backend, so a shared mistake cannot hide.
 */
const FIRST_12_PRIMES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (let b = base % modulus, e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus) {
    if (e & 1n) result = (result * b) % modulus;
  }
  return result;
}

export function isPrimeOracle(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of FIRST_12_PRIMES) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  return FIRST_12_PRIMES.every((a) => {
    let x = powMod(a, d, n);
    if (x === 1n || x === n - 1n) return true;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) return true;
    }
    return false;
  });
}

/** The smallest prime >= n (by the oracle). */
export function nextPrimeOracle(n: bigint): bigint {
  let candidate = n < 2n ? 2n : n;
  while (!isPrimeOracle(candidate)) candidate++;
  return candidate;
}
