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
 * For each route, the available backend with the lowest measured time per call; a route with no
 * measurement for any available backend falls back to the first available in priority order.
 */
export function chooseRoutes(table: SelectionTable, available: readonly BackendName[]): Record<Route, BackendName> {
  if (available.length === 0) throw new Error('numaccel: no backend is available');
  const ranked = BACKEND_NAMES.filter((name) => available.includes(name));
  const choice = {} as Record<Route, BackendName>;
  for (const route of ROUTES) {
    const measured = table.routes[route]?.nsPerCall ?? {};
    let best = ranked[0]!;
    let bestTime = Infinity;
    for (const name of ranked) {
      const time = measured[name];
      if (time !== undefined && time < bestTime) {
        best = name;
        bestTime = time;
      }
    }
    choice[route] = best;
  }
  return choice;
}
