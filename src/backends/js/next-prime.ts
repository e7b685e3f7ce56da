/**
 * nextPrime and prevPrime: a mod-210 wheel over the candidates, checkPrime (deterministic
 * Miller–Rabin, prime.ts) on each. Re-exported by primecount.ts.
 */
import { checkPrime } from './prime.js';
import { RESIDUES_210 } from './primecount-tables.js';

/** The largest prime below 2^64 (2^64 − 59); nextPrime of it or anything larger has no answer. */
const LARGEST_U64_PRIME = 18446744073709551557n;
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

/** GAPS_210[i]: from the i-th residue coprime to 210 to the next (the last wraps: 211 − 209). */
const GAPS_210 = RESIDUES_210.map((r, i) => (i === 47 ? 211 : RESIDUES_210[i + 1]!) - r);
/** The index of the first residue >= r, and of the last <= r (r >= 1), for r in [0, 210). */
const AT_OR_AFTER_210 = Array.from({ length: 210 }, (_, r) => RESIDUES_210.findIndex((s) => s >= r));
const AT_OR_BEFORE_210 = Array.from({ length: 210 }, (_, r) => Math.max(0, RESIDUES_210.filter((s) => s <= r).length - 1));

function nextPrimeNumber(n: number): number {
  if (n < 7) return n < 2 ? 2 : n < 3 ? 3 : n < 5 ? 5 : 7;
  let m = n + 1;
  const r = m % 210;
  let i = AT_OR_AFTER_210[r]!;
  m += RESIDUES_210[i]! - r;
  for (;;) {
    if (m > Number.MAX_SAFE_INTEGER) return -1;
    if (checkPrime(m)) return m;
    m += GAPS_210[i]!;
    i = i === 47 ? 0 : i + 1;
  }
}

function prevPrimeNumber(n: number): number {
  if (n <= 11) return n <= 2 ? -1 : n <= 3 ? 2 : n <= 5 ? 3 : n <= 7 ? 5 : 7;
  let m = n - 1;
  const r = m % 210;
  let i: number;
  if (r === 0) {
    m -= 1; // 210k − 1 ≡ 209, the last residue
    i = 47;
  } else {
    i = AT_OR_BEFORE_210[r]!;
    m -= r - RESIDUES_210[i]!;
  }
  while (!checkPrime(m)) {
    i = i === 0 ? 47 : i - 1;
    m -= GAPS_210[i]!;
  }
  return m;
}

function nextPrimeBigInt(n: bigint): bigint {
  if (n >= LARGEST_U64_PRIME) return -1n;
  let m = n + 1n;
  const r = Number(m % 210n);
  let i = AT_OR_AFTER_210[r]!;
  m += BigInt(RESIDUES_210[i]! - r);
  while (!checkPrime(m)) {
    m += BigInt(GAPS_210[i]!);
    i = i === 47 ? 0 : i + 1;
  }
  return m;
}

function prevPrimeBigInt(n: bigint): bigint {
  let m = n - 1n;
  const r = Number(m % 210n);
  let i: number;
  if (r === 0) {
    m -= 1n;
    i = 47;
  } else {
    i = AT_OR_BEFORE_210[r]!;
    m -= BigInt(r - RESIDUES_210[i]!);
  }
  while (!checkPrime(m)) {
    i = i === 0 ? 47 : i - 1;
    m -= BigInt(GAPS_210[i]!);
  }
  return m;
}

/**
 * The smallest prime > n, for a non-negative safe integer or a bigint in [0, 2^64); the result
 * has the type of n. Sentinel: -1 for a number n whose next prime is above 2^53 − 1 (n >=
 * 2^53 − 111), -1n for a bigint n >= 2^64 − 59 (no prime in [n + 1, 2^64)).
 */
export function nextPrime(n: number): number;
export function nextPrime(n: bigint): bigint;
export function nextPrime(n: number | bigint): number | bigint;
export function nextPrime(n: number | bigint): number | bigint {
  if (typeof n === 'number') return nextPrimeNumber(n);
  if (n <= MAX_SAFE_BIGINT) {
    const p = nextPrimeNumber(Number(n));
    if (p !== -1) return BigInt(p);
  }
  return nextPrimeBigInt(n);
}

/**
 * The largest prime < n, for a non-negative safe integer or a bigint in [0, 2^64); the result
 * has the type of n. Sentinel: -1 (or -1n) for n <= 2.
 */
export function prevPrime(n: number): number;
export function prevPrime(n: bigint): bigint;
export function prevPrime(n: number | bigint): number | bigint;
export function prevPrime(n: number | bigint): number | bigint {
  if (typeof n === 'number') return prevPrimeNumber(n);
  if (n <= MAX_SAFE_BIGINT + 1n) return BigInt(prevPrimeNumber(Number(n)));
  return prevPrimeBigInt(n);
}
