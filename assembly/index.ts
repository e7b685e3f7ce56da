// numaccel WebAssembly backend — entry file. The JS loader depends on these export names.
// Algorithms: docs/algorithms.md. Inputs arrive already validated by the facade (src/validate.ts).

import { checkPrime } from "./prime";
import { greatCircle as greatCircleImpl } from "./geo";

/** Primality of a non-negative safe integer passed as a double (n <= 2^53 - 1). */
export function checkPrimeF64(n: f64): bool {
  return checkPrime(<u64>n);
}

/** Primality of 0 <= n < 2^64 passed as a JS BigInt (i64 parameter, reinterpreted as u64). */
export function checkPrimeU64(n: u64): bool {
  return checkPrime(n);
}

/** Great-circle distance: central angle between two points (degrees) times radius. */
export function greatCircle(lon1: f64, lat1: f64, lon2: f64, lat2: f64, radius: f64): f64 {
  return greatCircleImpl(lon1, lat1, lon2, lat2, radius);
}
