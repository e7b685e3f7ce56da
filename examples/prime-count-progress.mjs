// Counting primes over a big range on every core, with progress, and the answer checked against
// π(x): countPrimesAsync runs on worker threads and reports the fraction done; countPrimes(0, x)
// counts by π(x) (Deléglise–Rivat), an independent method.
//
//   node examples/prime-count-progress.mjs [lo hi]     (default: [10^14, 10^14 + 2·10^9))
import { countPrimes, countPrimesAsync } from 'numaccel';

const args = process.argv.slice(2);
const [lo, hi] = args.length === 0 ? [1e14, 1e14 + 2e9] : args.map(Number);
if (args.length !== 0 && args.length !== 2) {
  console.error('usage: node examples/prime-count-progress.mjs [lo hi]   (counts the primes in [lo, hi))');
  process.exit(1);
}

// On a terminal, one progress line on stderr, redrawn; otherwise a line at each quarter (stdout).
const tty = process.stderr.isTTY;
const milestones = [0.25, 0.5, 0.75, 1];
function onProgress(fraction) {
  if (tty) process.stderr.write(`\r  counting... ${(fraction * 100).toFixed(1)}%`);
  else while (milestones.length > 0 && fraction >= milestones[0]) console.log(`  ${milestones.shift() * 100}% done`);
}

console.log(`Counting the primes in [${lo.toLocaleString('en-US')}, ${hi.toLocaleString('en-US')}) on worker threads...`);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort()); // Ctrl-C stops the threads' work too
const started = performance.now();
const count = await countPrimesAsync(lo, hi, { onProgress, signal: controller.signal });
const took = performance.now() - started;
if (tty) process.stderr.write('\r\x1b[K');
console.log(`${count.toLocaleString('en-US')} primes (took ${(took / 1000).toFixed(2)} s)`);

// π(hi − 1) − π(lo − 1), each by countPrimes(0, x): π(x) on the calling thread.
const check = countPrimes(0, hi) - countPrimes(0, lo);
console.log(`π(${hi - 1}) − π(${lo - 1}) = ${check.toLocaleString('en-US')}: ${check === count ? 'the same count' : 'DIFFERENT'}`);
process.exitCode = check === count ? 0 : 1;
