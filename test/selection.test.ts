/** `auto` follows the measurements: the selection logic, pinned without timing anything. */
import { describe, expect, it } from 'vitest';
import { chooseRoutes, type SelectionTable } from '../src/selection.js';
import committed from '../src/auto-selection.json';

const table = (nsPerCall: Record<string, Partial<Record<'native' | 'wasm' | 'js', number>>>): SelectionTable => ({
  generatedBy: 'test',
  date: '2026-11-21',
  machine: 'test',
  node: 'v20',
  routes: {
    checkPrime: { workload: 'w', nsPerCall: nsPerCall.checkPrime ?? {} },
    checkPrimeLarge: { workload: 'w', nsPerCall: nsPerCall.checkPrimeLarge ?? {} },
    greatCircle: { workload: 'w', nsPerCall: nsPerCall.greatCircle ?? {} },
  },
});

describe('chooseRoutes', () => {
  const measured = table({
    checkPrime: { native: 58, wasm: 49, js: 70 },
    checkPrimeLarge: { native: 900, wasm: 2100, js: 25_000 },
    greatCircle: { native: 120, wasm: 110, js: 95 },
  });

  it('picks the fastest measured backend for each route', () => {
    expect(chooseRoutes(measured, ['native', 'wasm', 'js'])).toEqual({ checkPrime: 'wasm', checkPrimeLarge: 'native', greatCircle: 'js' });
  });

  it('picks the fastest among the available ones only', () => {
    expect(chooseRoutes(measured, ['wasm', 'js'])).toEqual({ checkPrime: 'wasm', checkPrimeLarge: 'wasm', greatCircle: 'js' });
    expect(chooseRoutes(measured, ['js'])).toEqual({ checkPrime: 'js', checkPrimeLarge: 'js', greatCircle: 'js' });
  });

  it('falls back to priority order (native, wasm, js) where nothing available was measured', () => {
    expect(chooseRoutes(table({ greatCircle: { js: 1 } }), ['native', 'wasm', 'js'])).toEqual({
      checkPrime: 'native', checkPrimeLarge: 'native', greatCircle: 'js',
    });
    expect(chooseRoutes(table({}), ['wasm', 'js'])).toEqual({ checkPrime: 'wasm', checkPrimeLarge: 'wasm', greatCircle: 'wasm' });
  });

  it('refuses to choose from nothing', () => {
    expect(() => chooseRoutes(measured, [])).toThrow(/no backend is available/);
  });

  it('the committed table measures every backend on every route', () => {
    for (const route of Object.values((committed as SelectionTable).routes)) {
      expect(Object.keys(route.nsPerCall).sort()).toEqual(['js', 'native', 'wasm']);
      expect(route.workload).not.toBe('');
    }
  });
});
