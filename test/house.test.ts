/**
 * The house rules a reader relies on (docs/architecture.md): no hand-written source file over 600
 * lines, no import cycle among the TypeScript or AssemblyScript modules, and a library that never
 * imports the benchmark or the command line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';

const MAX_LINES = 600;
const SOURCE = /\.(ts|mts|js|mjs|cc|h)$/;

function filesUnder(dir: string): string[] {
  const root = path.join(PACKAGE_ROOT, dir);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file));
}

const HAND_WRITTEN = ['src', 'assembly', 'native', 'test', 'scripts', 'examples'].flatMap(filesUnder).filter((file) => SOURCE.test(file));

describe('house rules', () => {
  it(`no hand-written source file is over ${MAX_LINES} lines`, () => {
    const long = HAND_WRITTEN.map((file) => ({
      file,
      lines: fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8').split('\n').length - 1,
    })).filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it.for(['src', 'assembly'])('%s/ has no import cycle', (dir) => {
    const root = path.join(PACKAGE_ROOT, dir);
    const files = filesUnder(dir).filter((file) => /\.m?ts$/.test(file));
    expect(files.length).toBeGreaterThan(5);
    const cycles = files.flatMap((file) => importGraph(path.join(PACKAGE_ROOT, file), (f) => f.startsWith(root + path.sep)).cycle ?? []);
    expect(cycles).toEqual([]);
  });

  it('the cycle check finds a cycle when there is one', () => {
    const dir = fs.mkdtempSync(path.join(PACKAGE_ROOT, 'test-results-cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a.js';\nexport const b = 1 as unknown as typeof a;\n");
      expect(importGraph(path.join(dir, 'a.ts')).cycle).toHaveLength(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** What a source file imports (statically, with import() or with require()): files of src/ by path, packages by name. */
function importsOf(file: string): string[] {
  const code = fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((specifier) => {
    if (!specifier.startsWith('.'))
      return specifier.startsWith('node:')
        ? specifier
        : specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/');
    const target = path.resolve(path.dirname(file), specifier);
    return (
      [target.replace(/\.js$/, '.ts'), target.replace(/\.mjs$/, '.mts'), `${target}.ts`, target].find(
        (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
      ) ?? target
    );
  });
}

/** Every module reachable from `entry` through the files `follow` accepts, and the first import cycle met (as a path), if any. */
function importGraph(entry: string, follow: (file: string) => boolean = () => true): { reached: Set<string>; cycle?: string[] } {
  const reached = new Set<string>();
  const done = new Set<string>();
  let cycle: string[] | undefined;
  const visit = (file: string, trail: string[]): void => {
    if (trail.includes(file)) {
      cycle ??= [...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(PACKAGE_ROOT, f));
      return;
    }
    reached.add(file);
    if (done.has(file) || !/\.m?ts$/.test(file) || !follow(file)) return;
    for (const next of importsOf(file)) visit(next, [...trail, file]);
    done.add(file);
  };
  visit(entry, []);
  return cycle ? { reached, cycle } : { reached };
}

describe('the library apart from the benchmark and the command', () => {
  const src = path.join(PACKAGE_ROOT, 'src');

  it('loads no benchmark or command-line dependency when required (dist/index.js)', () => {
    const probe = (before: string) => {
      const script = `${before}require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist', 'index.js'))}); console.log(JSON.stringify(Object.keys(require.cache).filter(f => /tinybench|commander|cli-progress/.test(f))))`;
      const child = spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
      expect(child.status, child.stderr).toBe(0);
      return JSON.parse(child.stdout) as string[];
    };
    expect(probe('')).toEqual([]);
    // The probe does see them when they are loaded.
    expect(probe("require('commander'); require('tinybench'); ").length).toBeGreaterThan(0);
  });

  it('keeps src/bench, src/cli and their packages out of the import graph of src/index.ts', () => {
    const reached = [...importGraph(path.join(src, 'index.ts')).reached];
    expect(reached).toContain(path.join(src, 'facade.ts'));
    expect(
      reached.filter(
        (m) =>
          m.startsWith(path.join(src, 'bench')) || m.startsWith(path.join(src, 'cli')) || /^(tinybench|commander|cli-progress)$/.test(m),
      ),
    ).toEqual([]);
  });

  it('has no import cycle in the benchmark, and the command loads the benchmark only in its action', () => {
    const bench = path.join(src, 'bench');
    for (const file of fs.readdirSync(bench))
      expect(importGraph(path.join(bench, file), (f) => f.startsWith(bench + path.sep)).cycle, file).toBeUndefined();
    const main = fs.readFileSync(path.join(src, 'cli', 'main.ts'), 'utf8');
    expect(main).not.toMatch(/^import .*['"]\.\.\/bench\//m);
    expect(main).toMatch(/await import\('\.\.\/bench\/run\.js'\)/);
  });
});
