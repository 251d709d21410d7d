/**
 * The whole test suite, as `npm test` runs it: typecheck, lint, vitest (unit + integration on a
 * real PostgreSQL), then Playwright against a production build in headless Chromium.
 * Ends with one line, `N passed, N failed`, adding up every layer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

type Tally = { passed: number; failed: number };
const total: Tally = { passed: 0, failed: 0 };
const results = path.resolve('.data', 'test-results');
const only = process.argv[2]; // optional: "unit" or "e2e"

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status === 0;
}

function check(name: string, ok: boolean): void {
  if (ok) total.passed++;
  else {
    total.failed++;
    console.log(`✗ ${name} failed`);
  }
}

/** Playwright cannot download browsers here: use one that exists, or install Debian's. */
function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (found) return found;
  console.log('\nNo Chromium found; trying `playwright install chromium`, then Debian’s chromium package.');
  if (run('node_modules/.bin/playwright', ['install', 'chromium'])) {
    const local = spawnSync('node', ['-e', "console.log(require('playwright-core').chromium.executablePath())"], {
      encoding: 'utf8',
    }).stdout.trim();
    if (local && existsSync(local)) return local;
  }
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    run('apt-get', ['update', '-q']);
    if (run('apt-get', ['install', '-y', '-q', 'chromium']) && existsSync('/usr/bin/chromium'))
      return '/usr/bin/chromium';
  }
  return null;
}

function vitestLayer(): void {
  const report = path.join(results, 'vitest.json');
  const ok = run('node_modules/.bin/vitest', [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) return check('vitest', false);
  const summary = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  total.passed += summary.numPassedTests;
  total.failed += summary.numFailedTests;
  if (!ok && summary.numFailedTests === 0) check('vitest run', false);
}

function e2eLayer(): void {
  const chromium = findChromium();
  if (!chromium) return check('finding a Chromium for Playwright', false);
  const built = run('node_modules/.bin/next', ['build'], { NEXT_TELEMETRY_DISABLED: '1' });
  check('next build', built);
  if (!built) return;
  rmSync(path.resolve('.data', 'e2e'), { recursive: true, force: true });
  const report = path.join(results, 'playwright.json');
  const ok = run('node_modules/.bin/playwright', ['test', '--reporter=list,json'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (!existsSync(report)) return check('playwright', false);
  const { stats } = JSON.parse(readFileSync(report, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  total.passed += stats.expected;
  total.failed += stats.unexpected + stats.flaky;
  if (!ok && stats.unexpected === 0) check('playwright run', false);
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
if (only !== 'e2e') {
  check('typecheck', run('node_modules/.bin/tsc', ['--noEmit']));
  check('lint', run('node_modules/.bin/eslint', ['.', '--max-warnings=0']));
  check('format (prettier --check)', run('node_modules/.bin/prettier', ['--check', '--log-level=warn', '.']));
  vitestLayer();
}
if (only !== 'unit') e2eLayer();

console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
