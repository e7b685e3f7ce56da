// nextPrime and prevPrime: a mod-210 wheel over the candidates, checkPrime (deterministic
// Miller–Rabin, prime.ts) on each. Re-exported by primecount.ts.

import { checkPrime } from "./prime";
import { RESIDUE210, wheel210Ready, setupWheel210 } from "./primecount-tables";

const GAP210: usize = memory.data(48);
const AT_OR_AFTER: usize = memory.data(210);
const AT_OR_BEFORE: usize = memory.data(210);
let gapsReady = false;

function setupGaps(): void {
  if (!wheel210Ready) setupWheel210();
  for (let i = 0; i < 48; ++i) {
    const next: i32 = i == 47 ? 211 : <i32>load<u8>(RESIDUE210 + i + 1);
    store<u8>(GAP210 + i, <u8>(next - <i32>load<u8>(RESIDUE210 + i)));
  }
  for (let r = 0; r < 210; ++r) {
    let i = 0;
    while (i < 48 && <i32>load<u8>(RESIDUE210 + i) < r) i++;
    store<u8>(AT_OR_AFTER + r, <u8>i);
    let j = 47;
    while (j > 0 && <i32>load<u8>(RESIDUE210 + j) > r) j--;
    store<u8>(AT_OR_BEFORE + r, <u8>j);
  }
  gapsReady = true;
}

/** The smallest prime > n, or 0 when there is none below 2^64 (n >= 2^64 − 59). */
export function nextPrime(n: u64): u64 {
  if (n < 7) return n < 2 ? 2 : n < 3 ? 3 : n < 5 ? 5 : 7;
  if (n >= 18446744073709551557) return 0;
  if (!gapsReady) setupGaps();
  let m = n + 1;
  const r = <i32>(m % 210);
  let i = <i32>load<u8>(AT_OR_AFTER + r);
  m += <u64>((i == 48 ? 211 : <i32>load<u8>(RESIDUE210 + i)) - r);
  if (i == 48) i = 0;
  while (!checkPrime(m)) {
    m += <u64>load<u8>(GAP210 + i);
    i = i == 47 ? 0 : i + 1;
  }
  return m;
}

/** The largest prime < n, or 0 when there is none (n <= 2). */
export function prevPrime(n: u64): u64 {
  if (n <= 11) return n <= 2 ? 0 : n <= 3 ? 2 : n <= 5 ? 3 : n <= 7 ? 5 : 7;
  if (!gapsReady) setupGaps();
  let m = n - 1;
  const r = <i32>(m % 210);
  let i = <i32>load<u8>(AT_OR_BEFORE + r);
  if (r == 0) {
    m -= 1;
    i = 47;
  } else {
    m -= <u64>(r - <i32>load<u8>(RESIDUE210 + i));
  }
  while (!checkPrime(m)) {
    i = i == 0 ? 47 : i - 1;
    m -= <u64>load<u8>(GAP210 + i);
  }
  return m;
}
