// An async batch on worker threads, aborted: 2,000,000 geodesic distances with
// geodesicDistanceManyAsync, an AbortController aborting it after 100 ms (the promise rejects with
// an AbortError, and the threads stop), then the same job run to the end on two threads.
//
//   node examples/async-abort.mjs
import { geodesicDistanceManyAsync } from 'numaccel';

const COUNT = 2_000_000;

/** Reproducible random points: mulberry32, a small seeded generator. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(2024);
const column = (scale) => Float64Array.from({ length: COUNT }, () => (random() * 2 - 1) * scale);
const [lon1, lat1, lon2, lat2] = [column(180), column(90), column(180), column(90)];

// 1. Aborted after 100 ms.
const controller = new AbortController();
const started = performance.now();
setTimeout(() => controller.abort(), 100);
try {
  await geodesicDistanceManyAsync(lon1, lat1, lon2, lat2, { signal: controller.signal, threads: 2 });
  console.log(`The job finished in ${Math.round(performance.now() - started)} ms, before the abort: a fast machine!`);
} catch (error) {
  if (error.name !== 'AbortError') throw error;
  console.log(
    `Aborted: the promise rejected with ${error.name} ("${error.message}") ${Math.round(performance.now() - started)} ms after the start.`,
  );
}

// 2. The same job, to the end, on two threads (km, on WGS84).
const again = performance.now();
const km = await geodesicDistanceManyAsync(lon1, lat1, lon2, lat2, { threads: 2, unit: 'km' });
const took = performance.now() - again;
let longest = 0;
for (let i = 1; i < km.length; i++) if (km[i] > km[longest]) longest = i;
console.log(`Completed on 2 threads: ${km.length.toLocaleString('en-US')} distances (took ${Math.round(took)} ms).`);
console.log(
  `The first: ${km[0].toFixed(3)} km from (${lon1[0].toFixed(4)}, ${lat1[0].toFixed(4)}) to (${lon2[0].toFixed(4)}, ${lat2[0].toFixed(4)}).`,
);
console.log(`The longest: ${km[longest].toFixed(3)} km (pair ${longest.toLocaleString('en-US')}; half the meridian is 20,003.931 km).`);
