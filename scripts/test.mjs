// `npm test`: unit and integration tests (vitest), then the production build and the browser
// suite (Playwright). Ends with one line of totals across both runners.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args) {
  console.log(`\n== ${title}`);
  const { status } = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  return status === 0;
}

function totals(file, read) {
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 1 }; // the runner did not finish: count it as a failure
  }
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: database tests run on PGlite only (CI runs them on PostgreSQL too).');
}

const vitestFile = path.join(results, 'vitest.json');
const unitOk = step('unit and integration tests (vitest)', bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
const unit = totals(vitestFile, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numPendingTests ?? 0) }));

let e2eOk = step('production build', process.execPath, [path.join(root, 'bin', 'mailpulse.mjs'), 'build']);
let e2e = { passed: 0, failed: 0 };
if (e2eOk) {
  e2eOk = step('browser tests (Playwright)', bin('playwright'), ['test']);
  e2e = totals(path.join(results, 'e2e.json'), (r) => ({
    passed: r.stats.expected,
    failed: r.stats.unexpected + r.stats.flaky + r.stats.skipped,
  }));
} else {
  e2e.failed = 1;
}

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (unitOk || unit.failed ? 0 : 1);
console.log(`\nvitest: ${unit.passed} passed, ${unit.failed} failed; playwright: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(unitOk && e2eOk && failed === 0 ? 0 : 1);
