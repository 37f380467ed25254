/**
 * `npm test`: every suite in order — unit and integration (vitest), build, end-to-end in
 * Chromium (Playwright), and the same auth journey against a libSQL server (sqld) — then one
 * closing line "N passed, N failed" summed from the runners' JSON reports. Exits non-zero if
 * any suite failed or did not report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const bin = (name: string) => `node_modules/.bin/${name}`;
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status === 0;
}

function vitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
const suites: [string, () => boolean, () => Counts | null][] = [
  ['unit and integration', () => run('vitest', bin('vitest'), ['run']), () => vitestCounts('test-results/vitest.json')],
  ['build', () => run('build', bin('astro'), ['build']), () => ({ passed: 0, failed: 0, skipped: 0 })],
  ['end-to-end', () => run('playwright', bin('playwright'), ['test']), () => playwrightCounts('test-results/e2e.json')],
  [
    'libSQL server',
    () => run('playwright (sqld)', bin('playwright'), ['test', '--config', 'tests/sqld/playwright.config.ts']),
    () => playwrightCounts('test-results/sqld.json'),
  ],
];

for (const [name, execute, count] of suites) {
  const succeeded = execute();
  const counts = count();
  if (!counts) {
    console.error(`${name}: no report was written`);
    total.failed += 1;
    ok = false;
    continue;
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  if (!succeeded) {
    console.error(`${name}: failed`);
    // A suite that failed without a failing test (a crash, a build error) still counts once.
    if (counts.failed === 0) total.failed += 1;
    ok = false;
    if (name === 'build') break;
  }
}

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
