/** `auto` follows the measurements: the selection logic, pinned without timing anything. */
import { describe, expect, it } from 'vitest';
import { BUILD_IDS, type BuildId } from '../src/builds.js';
import { ROUTES, chooseRoutes, isSelectionTable, type Route, type SelectionTable } from '../src/selection.js';
import committed from '../src/auto-selection.json';

const table = (nsPerCall: Partial<Record<Route, Partial<Record<BuildId, number>>>>): SelectionTable => ({
  generatedBy: 'test',
  date: '2026-11-21',
  machine: 'test',
  node: 'v20',
  routes: Object.fromEntries(
    ROUTES.map((route) => [route, { workload: 'w', nsPerCall: nsPerCall[route] ?? {} }]),
  ) as SelectionTable['routes'],
});

/** The expected choice: `picks` for the routes named, `otherwise` for the rest. */
const expected = (otherwise: BuildId, picks: Partial<Record<Route, BuildId>> = {}) =>
  Object.fromEntries(ROUTES.map((route) => [route, picks[route] ?? otherwise]));

const DEFAULTS: BuildId[] = ['native:avx512', 'wasm:simd128', 'js'];

describe('chooseRoutes', () => {
  const measured = table({
    checkPrime: { 'native:avx512': 58, 'wasm:simd128': 49, js: 70 },
    checkPrimeLarge: { 'native:avx512': 900, 'wasm:simd128': 2100, js: 25_000 },
    greatCircle: { 'native:avx512': 120, 'wasm:simd128': 110, js: 95 },
  });

  it('picks the fastest measured build for each route', () => {
    expect(chooseRoutes(measured, DEFAULTS)).toEqual(
      expected('native:avx512', { checkPrime: 'wasm:simd128', checkPrimeLarge: 'native:avx512', greatCircle: 'js' }),
    );
  });

  it('treats differences within TIE_MARGIN (5%) as ties, won by priority order', () => {
    expect(chooseRoutes(table({ primesBetween: { 'native:avx512': 212.7, 'wasm:simd128': 202.8, js: 737 } }), DEFAULTS).primesBetween).toBe(
      'native:avx512',
    );
    expect(chooseRoutes(table({ primesBetween: { 'native:avx512': 214, 'wasm:simd128': 203, js: 737 } }), DEFAULTS).primesBetween).toBe(
      'wasm:simd128',
    );
    expect(chooseRoutes(table({ greatCircle: { 'native:avx512': 163, 'wasm:simd128': 150, js: 149 } }), DEFAULTS).greatCircle).toBe(
      'wasm:simd128',
    );
  });

  it('picks the fastest among the available builds only', () => {
    expect(chooseRoutes(measured, ['wasm:simd128', 'js'])).toEqual(expected('wasm:simd128', { greatCircle: 'js' }));
    expect(chooseRoutes(measured, ['js'])).toEqual(expected('js'));
  });

  it('falls back to priority order (native, wasm, js) where nothing available was measured', () => {
    expect(chooseRoutes(table({ greatCircle: { js: 1 } }), DEFAULTS)).toEqual(expected('native:avx512', { greatCircle: 'js' }));
    expect(chooseRoutes(table({}), ['wasm:scalar', 'js'])).toEqual(expected('wasm:scalar'));
  });

  it('refuses to choose from nothing', () => {
    expect(() => chooseRoutes(measured, [])).toThrow(/no backend is available/);
  });

  it('routes a CPU without AVX-512 by its own best build: greatCircleMany goes to wasm:simd128 where native:avx2 is slower', () => {
    const routes = (committed as SelectionTable).routes.greatCircleMany.nsPerCall;
    const choice = chooseRoutes(committed as SelectionTable, ['native:avx2', 'wasm:simd128', 'js']).greatCircleMany;
    expect(choice).toBe(routes['native:avx2']! > routes['wasm:simd128']! * 1.05 ? 'wasm:simd128' : 'native:avx2');
    expect(chooseRoutes(committed as SelectionTable, DEFAULTS).greatCircleMany).toBe('native:avx512');
  });

  it("routes native:neon, which no table measures, by native:sse2's figures (docs/platforms.md); its own figures win", () => {
    const arm64: BuildId[] = ['native:neon', 'wasm:simd128', 'js'];
    const x64 = table({
      checkPrimeLarge: { 'native:sse2': 900, 'wasm:simd128': 2100 },
      greatCircle: { 'native:sse2': 120, 'wasm:simd128': 110, js: 150 },
    });
    expect(chooseRoutes(x64, arm64)).toEqual(expected('native:neon', { greatCircle: 'wasm:simd128' }));
    expect(chooseRoutes(table({ checkPrime: { 'native:sse2': 1, 'wasm:simd128': 2 } }), arm64).checkPrime).toBe('native:neon');
    expect(chooseRoutes(table({ checkPrime: { 'native:sse2': 1, 'native:neon': 3, 'wasm:simd128': 2 } }), arm64).checkPrime).toBe(
      'wasm:simd128',
    );
    // With the committed table, as an arm64 machine routes today.
    const committedChoice = chooseRoutes(committed as SelectionTable, arm64);
    const x64Choice = chooseRoutes(committed as SelectionTable, ['native:sse2', 'wasm:simd128', 'js']);
    expect(committedChoice).toEqual(
      Object.fromEntries(Object.entries(x64Choice).map(([r, id]) => [r, id === 'native:sse2' ? 'native:neon' : id])),
    );
  });

  it('recognises a selection table', () => {
    expect(isSelectionTable(committed)).toBe(true);
    expect(isSelectionTable({ routes: {} })).toBe(false);
    expect(isSelectionTable(null)).toBe(false);
  });

  it.for(ROUTES)('the committed table measures every backend on route %s', (route) => {
    const entry = (committed as SelectionTable).routes[route];
    expect(entry?.workload).toBeTruthy();
    for (const id of ['native:avx512', 'native:avx2', 'native:sse2', 'native:scalar', 'wasm:simd128', 'js'] as const) {
      expect(entry.nsPerCall[id], `${route} ${id}`).toBeGreaterThan(0);
    }
    expect(Object.keys(entry.nsPerCall).every((id) => (BUILD_IDS as readonly string[]).includes(id))).toBe(true);
  });
});
