// Formats (--write) or checks (default) the C++ sources with clang-format, the C++ half of
// `npm run format` / `npm run lint` (Biome does the TypeScript). clang-format comes from the
// system (Debian: apt-get install clang-format); without it the check fails in CI and says so
// elsewhere.
import { execFileSync, spawnSync } from 'node:child_process';

const write = process.argv.includes('--write');
const files = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', 'native/*.cc', 'native/*.h', 'bench/peers/*.cc'],
  {
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter(Boolean);
const probe = spawnSync('clang-format', ['--version'], { encoding: 'utf8' });
if (probe.error) {
  const inCi = process.env.CI === 'true' || process.env.CI === '1';
  console.error(`clang-format is not installed (apt-get install clang-format): the C++ ${inCi ? 'check fails in CI' : 'was not checked'}`);
  process.exit(inCi ? 1 : 0);
}
const run = spawnSync('clang-format', write ? ['-i', ...files] : ['--dry-run', '--Werror', ...files], { stdio: 'inherit' });
if (run.status !== 0) {
  if (!write) console.error('C++ formatting differs from .clang-format: npm run format fixes it');
  process.exit(run.status ?? 1);
}
