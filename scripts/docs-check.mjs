#!/usr/bin/env node
/**
 * npm run docs:check: builds the API reference (typedoc.json) into a temporary folder and compares
 * it with the committed docs/api. Fails on
 * - what TypeDoc's validation reports (treatWarningsAsErrors): an exported function, constant,
 *   type, interface member or class member without a doc comment, a broken {@link} or
 *   {@inheritDoc}, a public type built on one the package does not export;
 * - an export whose doc comment has no @category tag (the index groups by category);
 * - a committed reference that differs from the fresh one: "docs/api is stale: run npm run docs".
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const committed = path.join(root, 'docs', 'api');
const typedoc = path.join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');

/** Every file under `dir`, relative to it, with '/' separators, sorted. */
function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** 0 when the reference builds and matches docs/api; messages on stderr and 1 otherwise. */
function check(fresh) {
  const run = spawnSync(process.execPath, [typedoc, '--out', fresh], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('docs:check: TypeDoc failed (above): every export needs a doc comment; fix the source, then npm run docs');
    return 1;
  }
  // typedoc.json's defaultCategory: an export whose doc comment has no @category tag.
  const uncategorized = fs.readFileSync(path.join(fresh, 'README.md'), 'utf8').split('\n## Uncategorized\n')[1];
  if (uncategorized !== undefined) {
    const names = [...uncategorized.split('\n## ')[0].matchAll(/^\| \[([^\]]+)\]/gm)].map((match) => match[1]);
    console.error(`docs:check: exports without a @category tag (Primes, Great circles, Geodesics, ...): ${names.join(', ')}`);
    return 1;
  }
  const expected = filesUnder(fresh);
  const actual = filesUnder(committed);
  const differences = [
    ...expected.filter((file) => !actual.includes(file)).map((file) => `missing: docs/api/${file}`),
    ...actual.filter((file) => !expected.includes(file)).map((file) => `not generated any more: docs/api/${file}`),
    ...expected
      .filter((file) => actual.includes(file))
      .filter((file) => !fs.readFileSync(path.join(fresh, file)).equals(fs.readFileSync(path.join(committed, file))))
      .map((file) => `differs: docs/api/${file}`),
  ];
  if (differences.length > 0) {
    for (const line of differences.slice(0, 20)) console.error(line);
    if (differences.length > 20) console.error(`... and ${differences.length - 20} more`);
    console.error('docs/api is stale: run npm run docs');
    return 1;
  }
  console.log(`docs:check: every export is documented and docs/api is up to date (${expected.length} files)`);
  return 0;
}

const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'numaccel-docs-'));
try {
  process.exitCode = check(fresh);
} finally {
  fs.rmSync(fresh, { recursive: true, force: true });
}
