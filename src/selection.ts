import { BACKEND_NAMES, type BackendName } from './contract.js';

/**
 * How the facade routes calls: each route is one kernel (on one class of inputs, for checkPrime),
 * and `auto` picks a backend per route. checkPrime has two routes because call overhead decides small inputs (V8
 * inlines the TypeScript kernel, a Node-API call costs ~60 ns) while arithmetic decides large ones.
 */
export const ROUTES = [
  'checkPrime',
  'checkPrimeLarge',
  'greatCircle',
  'checkPrimes',
  'countPrimes',
  'primesBetween',
  'greatCircleMany',
  'greatCircleMatrix',
] as const;
export type Route = (typeof ROUTES)[number];

/** checkPrime inputs at or above this (and every bigint) take the checkPrimeLarge route. */
export const LARGE_PRIME_CANDIDATE = 2 ** 32;

/** The committed benchmark result that `auto` follows (src/auto-selection.json). */
export interface SelectionTable {
  readonly generatedBy: string;
  readonly date: string;
  readonly machine: string;
  readonly node: string;
  readonly routes: Readonly<
    Record<Route, { readonly workload: string; readonly nsPerCall: Readonly<Partial<Record<BackendName, number>>> }>
  >;
}

/**
 * Measured differences below this fraction are ties, won by the backend first in priority order
 * (native, wasm, js): on the test VM the same job's median moves by up to 5% from one process to
 * the next (primesBetween(0, 10^6): 200 to 225 µs), so a smaller margin would let every --select
 * run flip such a route on noise.
 */
export const TIE_MARGIN = 0.05;

/**
 * For each route, the available backend with the lowest measured time per call, or the first in
 * priority order within TIE_MARGIN of it; a route with no measurement for any available backend
 * falls back to the first available in priority order.
 */
export function chooseRoutes(table: SelectionTable, available: readonly BackendName[]): Record<Route, BackendName> {
  if (available.length === 0) throw new Error('numaccel: no backend is available');
  const ranked = BACKEND_NAMES.filter((name) => available.includes(name));
  const choice = {} as Record<Route, BackendName>;
  for (const route of ROUTES) {
    const measured = table.routes[route]?.nsPerCall ?? {};
    const time = (name: BackendName) => measured[name] ?? Infinity;
    const fastest = Math.min(...ranked.map(time));
    // With nothing measured, fastest is Infinity and the first ranked backend matches.
    choice[route] = ranked.find((name) => time(name) <= fastest * (1 + TIE_MARGIN))!;
  }
  return choice;
}
