#!/usr/bin/env node
// Compiles the Node-API addon with node-gyp from binding.gyp into build/Release/. The package
// runs no install script (pnpm and npm's script policies block them, and bun skips them): on
// linux-x64, linux-arm64 (glibc) and win32-x64 the prebuilt addon in prebuilds/ loads as it is
// (scripts/prebuilds.mjs); elsewhere `npx numaccel build-native` runs this file in the installed
// package. In a checkout, `npm install` runs it
// through the prepare script. A failed build does not fail the install: numaccel then runs on
// WebAssembly and TypeScript, and backendInfo() records why native is missing.
//
// The package ships binding.gyp as native/binding.gyp: npm and pnpm treat a binding.gyp at a
// package's root as an implicit `node-gyp rebuild` install script. `--stage` (run by prepack)
// puts the copy there; building in an installed package puts it back first.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const gypFile = path.join(root, 'binding.gyp');
const shipped = path.join(root, 'native', 'binding.gyp');

if (process.argv.includes('--stage')) {
  fs.copyFileSync(gypFile, shipped);
  process.exit(0);
}
if (!fs.existsSync(gypFile)) fs.copyFileSync(shipped, gypFile);

// npm exports the path of its bundled node-gyp to scripts it runs; otherwise npx finds one.
const nodeGyp = process.env.npm_config_node_gyp;
const [command, args] = nodeGyp ? [process.execPath, [nodeGyp, 'rebuild']] : ['npx', ['--yes', 'node-gyp', 'rebuild']];
const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
if (result.status !== 0) {
  const reason = result.error ? result.error.message : `node-gyp exited with code ${result.status}`;
  console.warn(
    `numaccel: the native addon was not built (${reason}).\n` +
      'numaccel: continuing with the WebAssembly and TypeScript backends; ' +
      "require('numaccel').backendInfo() shows why native is missing.",
  );
}
