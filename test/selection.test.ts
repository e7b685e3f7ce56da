/** `auto` follows the measurements: the selection logic, pinned without timing anything. */
import { describe, expect, it } from 'vitest';
import { ROUTES, chooseRoutes, type Route, type SelectionTable } from '../src/selection.js';
import committed from '../src/auto-selection.json';

const table = (nsPerCall: Partial<Record<Route, Partial<Record<'native' | 'wasm' | 'js', number>>>>): SelectionTable => ({
  generatedBy: 'test',
  date: '2026-11-21',
  machine: 'test',
  node: 'v20',
  routes: Object.fromEntries(ROUTES.map((route) => [route, { workload: 'w', nsPerCall: nsPerCall[route] ?? {} }])) as SelectionTable['routes'],
});

/** The expected choice: `picks` for the routes named, `otherwise` for the rest. */
const expected = (otherwise: string, picks: Partial<Record<Route, string>> = {}) =>
  Object.fromEntries(ROUTES.map((route) => [route, picks[route] ?? otherwise]));

describe('chooseRoutes', () => {
  const measured = table({
    checkPrime: { native: 58, wasm: 49, js: 70 },
    checkPrimeLarge: { native: 900, wasm: 2100, js: 25_000 },
    greatCircle: { native: 120, wasm: 110, js: 95 },
  });

  it('picks the fastest measured backend for each route', () => {
    expect(chooseRoutes(measured, ['native', 'wasm', 'js'])).toEqual(expected('native', { checkPrime: 'wasm', checkPrimeLarge: 'native', greatCircle: 'js' }));
  });

  it('treats differences within TIE_MARGIN (5%) as ties, won by priority order', () => {
    expect(chooseRoutes(table({ primesBetween: { native: 212.7, wasm: 202.8, js: 737 } }), ['native', 'wasm', 'js']).primesBetween).toBe('native');
    expect(chooseRoutes(table({ primesBetween: { native: 214, wasm: 203, js: 737 } }), ['native', 'wasm', 'js']).primesBetween).toBe('wasm');
    expect(chooseRoutes(table({ greatCircle: { native: 163, wasm: 150, js: 149 } }), ['native', 'wasm', 'js']).greatCircle).toBe('wasm');
  });

  it('picks the fastest among the available ones only', () => {
    expect(chooseRoutes(measured, ['wasm', 'js'])).toEqual(expected('wasm', { greatCircle: 'js' }));
    expect(chooseRoutes(measured, ['js'])).toEqual(expected('js'));
  });

  it('falls back to priority order (native, wasm, js) where nothing available was measured', () => {
    expect(chooseRoutes(table({ greatCircle: { js: 1 } }), ['native', 'wasm', 'js'])).toEqual(expected('native', { greatCircle: 'js' }));
    expect(chooseRoutes(table({}), ['wasm', 'js'])).toEqual(expected('wasm'));
  });

  it('refuses to choose from nothing', () => {
    expect(() => chooseRoutes(measured, [])).toThrow(/no backend is available/);
  });

  it.for(ROUTES)('the committed table measures every backend on route %s', (route) => {
    const entry = (committed as SelectionTable).routes[route];
    expect(entry?.workload).toBeTruthy();
    expect(Object.keys(entry?.nsPerCall ?? {}).sort()).toEqual(['js', 'native', 'wasm']);
  });
});
