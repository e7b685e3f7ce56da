#!/usr/bin/env node
// π(x) on every backend side by side with the primecount CLI (Debian's primecount, one thread),
// in one run, interleaved, several repetitions: node bench/primecount.js [--reps N]
// [--backends native,wasm,js] X...   (X like 1e13, 2^53). Needs `npm run build` (dist/, the addon,
// build-wasm/). Prints, per x and contender, every time and the median; primecount's own
// "Seconds:" (its computation, without process start-up).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
let reps = 3;
let backends = ['native', 'wasm', 'js'];
const xs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--reps') reps = Number(args[++i]);
  else if (args[i] === '--backends') backends = args[++i].split(',');
  else xs.push(args[i]);
}
if (xs.length === 0) xs.push('1e13', '1e15');

const parse = (s) => (s.includes('^') ? Number(s.split('^')[0]) ** Number(s.split('^')[1]) : Number(s));
const contenders = {
  native: () => require('node-gyp-build')(root).primePi,
  wasm: () => {
    const bytes = fs.readFileSync(path.join(root, 'build-wasm', 'numaccel.wasm'));
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports.primePi;
  },
  js: () => require(path.join(root, 'dist', 'backends', 'js', 'primecount.js')).primePi,
};
const fns = Object.fromEntries(backends.map((b) => [b, contenders[b]()]));

function primecountCli(x) {
  const out = execFileSync('primecount', [x, '-t1', '--time'], { encoding: 'utf8' });
  const [value, , seconds] = out.trim().split(/\s+/);
  return { value: Number(value), seconds: Number(seconds) };
}

const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
for (const xs_ of xs) {
  const x = parse(xs_);
  const times = { primecount: [] };
  for (const b of backends) times[b] = [];
  let expected;
  for (let r = 0; r < reps; r++) {
    const pc = primecountCli(String(x));
    expected = pc.value;
    times.primecount.push(pc.seconds);
    for (const b of backends) {
      const t0 = process.hrtime.bigint();
      const value = fns[b](x);
      times[b].push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (value !== expected) throw new Error(`${b}: π(${xs_}) = ${value}, primecount says ${expected}`);
    }
  }
  const base = median(times.primecount);
  for (const [name, t] of Object.entries(times)) {
    const m = median(t);
    console.log(
      `π(${xs_}) ${name.padEnd(10)} median ${m.toFixed(3)} s  (${(m / base).toFixed(2)}× primecount)  runs: ${t.map((s) => s.toFixed(3)).join(' ')}`,
    );
  }
}
