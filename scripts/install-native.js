#!/usr/bin/env node
// Runs on `npm install`. A prebuilt Node-API binary for this platform (prebuilds/, made by
// prebuildify when the package is packed) is used as it is: a user on linux-x64 needs no compiler.
// Otherwise the addon is built with node-gyp from binding.gyp. A failed build (no compiler, no
// Node headers, ...) must not fail the install: numaccel then runs on its WebAssembly and
// TypeScript backends, and backendInfo() records why native is missing.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');

/** A prebuild for this platform that actually loads (a corrupt or incompatible one does not count). */
function workingPrebuild() {
  const dir = path.join(root, 'prebuilds', `${process.platform}-${process.arch}`);
  const candidates = fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => file.endsWith('.node')) : [];
  for (const file of candidates) {
    try {
      require(path.join(dir, file));
      return path.join(dir, file);
    } catch {
      // try the next one, then fall back to compiling
    }
  }
  return undefined;
}

const prebuild = workingPrebuild();
if (prebuild) {
  console.log(`numaccel: using the prebuilt addon ${path.relative(root, prebuild)}`);
} else {
  // npm exports the path of its bundled node-gyp to lifecycle scripts; outside npm use the PATH.
  const nodeGyp = process.env.npm_config_node_gyp;
  const command = nodeGyp ? process.execPath : 'node-gyp';
  const args = nodeGyp ? [nodeGyp, 'rebuild'] : ['rebuild'];
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    const reason = result.error ? result.error.message : `node-gyp exited with code ${result.status}`;
    console.warn(
      `numaccel: the native addon was not built (${reason}).\n` +
        'numaccel: continuing with the WebAssembly and TypeScript backends; ' +
        "require('numaccel').backendInfo() shows why native is missing.",
    );
  }
}
