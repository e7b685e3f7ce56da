import { backendInfo, checkPrime, geodesicInverse, greatCircle, ready, withBackend } from 'numaccel';

const $ = (id) => document.getElementById(id);
const served = (route) => backendInfo().selected[route] ?? 'nothing';

function showPrime() {
  const text = $('prime-input').value.trim();
  try {
    const n = /^-?\d+$/.test(text) && Math.abs(Number(text)) > Number.MAX_SAFE_INTEGER ? BigInt(text) : Number(text);
    const route = typeof n === 'bigint' || Math.abs(n) >= 2 ** 32 ? 'checkPrimeLarge' : 'checkPrime';
    $('prime-answer').textContent = `${text} is ${checkPrime(n) ? 'prime' : 'not prime'} (served by ${served(route)})`;
  } catch (error) {
    $('prime-answer').textContent = `${error.name}: ${error.message}`;
  }
}

function showDistance() {
  const [lon1, lat1, lon2, lat2] = ['lon1', 'lat1', 'lon2', 'lat2'].map((id) => Number($(id).value));
  try {
    const km = greatCircle(lon1, lat1, lon2, lat2, { unit: 'km' });
    $('distance-answer').textContent = `${km.toFixed(3)} km on the sphere (served by ${served('greatCircle')})`;
    // The same points on the WGS84 ellipsoid (Karney's geodesic), and how far the sphere is off.
    const geodesic = geodesicInverse(lon1, lat1, lon2, lat2, { unit: 'km' });
    $('geodesic-answer').textContent =
      `${geodesic.distance.toFixed(3)} km on WGS84, azimuth ${geodesic.azimuth1.toFixed(4)}° at the start ` +
      `and ${geodesic.azimuth2.toFixed(4)}° at the end (served by ${served('geodesicDistance')})`;
    const percent = geodesic.distance > 0 ? (100 * (km - geodesic.distance)) / geodesic.distance : 0;
    $('geodesic-difference').textContent = `sphere − WGS84: ${((km - geodesic.distance) * 1000).toFixed(1)} m (${percent.toFixed(3)} %)`;
  } catch (error) {
    $('distance-answer').textContent = `${error.name}: ${error.message}`;
    $('geodesic-answer').textContent = '';
    $('geodesic-difference').textContent = '';
  }
}

/** The best of five runs of `job`, in milliseconds. */
function best(job) {
  let fastest = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    job();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

async function runBenchmark() {
  const info = await ready();
  const builds = info.backends
    .filter((b) => b.available && b.name !== 'native')
    .map((b) => ({ name: b.name, id: b.id, api: withBackend(b.name) }));
  const random = (seed) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const next = random(7);
  const n = 200_000;
  const lons = Float64Array.from({ length: n }, () => next() * 360 - 180);
  const lats = Float64Array.from({ length: n }, () => next() * 180 - 90);
  const candidates = Float64Array.from({ length: 50_000 }, () => Math.floor(next() * 2 ** 32));
  const jobs = [
    { title: `greatCircleMany, ${n.toLocaleString('en')} pairs`, run: (api) => api.greatCircleMany(lons, lats, 0, 0) },
    { title: 'checkPrimes, 50,000 numbers < 2^32', run: (api) => api.checkPrimes(candidates) },
  ];
  const chart = $('chart');
  chart.replaceChildren();
  for (const job of jobs) {
    const times = builds.map((b) => ({ ...b, ms: best(() => job.run(b.api)) }));
    const slowest = Math.max(...times.map((t) => t.ms));
    const heading = document.createElement('p');
    heading.textContent = job.title;
    chart.append(heading);
    for (const t of times) {
      const row = document.createElement('div');
      row.className = 'row';
      row.innerHTML = `<span>${t.id}</span><div class="bar ${t.name}" style="width:${(100 * t.ms) / slowest}%"></div><span class="value">${t.ms.toFixed(1)} ms</span>`;
      chart.append(row);
    }
  }
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = 'Best of five runs each; shorter bars are faster.';
  chart.append(note);
  chart.dataset.done = 'true';
}

$('prime-form').addEventListener('submit', (event) => {
  event.preventDefault();
  showPrime();
});
$('distance-form').addEventListener('submit', (event) => {
  event.preventDefault();
  showDistance();
});
$('bench').addEventListener('click', () => runBenchmark());

// The synchronous API answers at once (from TypeScript while WebAssembly compiles).
showPrime();
showDistance();
ready().then((info) => {
  $('status').textContent =
    `Ready on ${info.platform}: ${info.backends.map((b) => `${b.name} ${b.available ? `(${b.id})` : 'unavailable'}`).join(', ')}.`;
  showPrime();
  showDistance();
});
