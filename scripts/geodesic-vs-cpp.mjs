// numaccel's geodesicDistance against GeographicLib's C++ (bench/peers/geographiclib-inverse.cc,
// built into build/ by the bench), in alternation in one process so that a slow phase of a
// shared machine falls on both alike: each round times 10^6 scalar geodesicDistance calls (a
// Node-API crossing each on native), one geodesicDistanceMany call on 10^6 pairs into a
// preallocated array, and the C++ program's own timing of 10^6 Geodesic::WGS84().Inverse calls,
// all on the bench's 2^20 random pairs. Prints medians, ranges and the per-round ratios.
//
//   npm run build:ts && node scripts/geodesic-vs-cpp.mjs [build, default native:avx512] [rounds, default 9]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { randomPairs, pairs } = require('../dist/bench/inputs.js');
const { buildGeographiclibPeer } = require('../dist/bench/geodesic-peers.js');
const { loadNodeBuild } = require('../dist/platform/node.js');
const { createApi, routesToOneBackend } = require('../dist/api.js');

const build = process.argv[2] ?? 'native:avx512';
const rounds = Number(process.argv[3] ?? 9);
const routes = routesToOneBackend(loadNodeBuild(build));
const api = createApi(() => routes);
const program = buildGeographiclibPeer();
const N = 1_000_000;
const [lon1, lat1, lon2, lat2] = randomPairs();
const mask = lon1.length - 1;
const columns = pairs(N);
const out = new Float64Array(N);

function scalarLoop() {
  let total = 0;
  for (let i = 0; i < N; i++) {
    const j = i & mask;
    total += api.geodesicDistance(lon1[j], lat1[j], lon2[j], lat2[j]);
  }
  return total;
}
const batch = () => api.geodesicDistanceMany(...columns, { out });
const timed = (run) => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

for (let i = 0; i < 2; i++) {
  timed(scalarLoop);
  timed(batch);
} // warm-up
const ms = { cpp: [], scalar: [], batch: [] };
for (let round = 0; round < rounds; round++) {
  const stdout = execFileSync(program, [String(N), '--time'], { encoding: 'utf8' });
  ms.cpp.push(Number(/Seconds: (\S+)/.exec(stdout)[1]) * 1000);
  ms.scalar.push(timed(scalarLoop));
  ms.batch.push(timed(batch));
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const show = (values) => `median ${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
console.log(`${build}, ${rounds} rounds of 10^6 (ns per call = ms per 10^6)`);
console.log(`GeographicLib C++ Inverse:       ${show(ms.cpp)}`);
console.log(`numaccel geodesicDistance calls: ${show(ms.scalar)}`);
console.log(`numaccel geodesicDistanceMany:   ${show(ms.batch)}`);
const ratios = (of) => ms.cpp.map((cpp, i) => (cpp / of[i]).toFixed(2)).join(' ');
console.log(`C++ ÷ scalar calls per round: ${ratios(ms.scalar)}`);
console.log(`C++ ÷ batch per round:        ${ratios(ms.batch)}`);
