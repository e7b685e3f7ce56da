#!/usr/bin/env node
// Runs on `npm install`: builds the Node-API addon with node-gyp from binding.gyp.
// A failed build (no C++ compiler, no Node headers, ...) must not fail the install: numaccel then
// runs on its WebAssembly and TypeScript backends, and backendInfo() records why native is missing.
'use strict';
const { spawnSync } = require('node:child_process');

// npm exports the path of its bundled node-gyp to lifecycle scripts; outside npm use the PATH.
const nodeGyp = process.env.npm_config_node_gyp;
const command = nodeGyp ? process.execPath : 'node-gyp';
const args = nodeGyp ? [nodeGyp, 'rebuild'] : ['rebuild'];

const result = spawnSync(command, args, { stdio: 'inherit', cwd: __dirname + '/..' });
if (result.status !== 0) {
  const reason = result.error ? result.error.message : `node-gyp exited with code ${result.status}`;
  console.warn(
    `numaccel: the native addon was not built (${reason}).\n` +
      'numaccel: continuing with the WebAssembly and TypeScript backends; ' +
      "require('numaccel').backendInfo() shows why native is missing.",
  );
}
