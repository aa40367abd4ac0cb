import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { freePortSync } from './test/e2e/server';

// The browser suite runs against the production build, once on PGlite in a temporary DATA_DIR and,
// when TEST_DATABASE_URL is set, once more on a fresh PostgreSQL database. Ports and folders are
// chosen once and kept in the environment, so worker processes that load this file again agree.
function once(name: string, make: () => string): string {
  process.env[name] ??= make();
  return process.env[name]!;
}

const targets = [
  { name: 'pglite', env: {} as Record<string, string> },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres', env: { E2E_CREATE_DATABASE: once('MP_E2E_DBNAME', () => `mailpulse_e2e_${Date.now()}`) } }]
    : []),
].map((t) => {
  const port = once(`MP_E2E_PORT_${t.name}`, () => String(freePortSync()));
  const dataDir = once(`MP_E2E_DATA_${t.name}`, () => mkdtempSync(path.join(tmpdir(), `mailpulse-e2e-${t.name}-`)));
  return { ...t, url: `http://127.0.0.1:${port}`, port, dataDir };
});

// Debian's Chromium by default; CHROMIUM_PATH picks another, and an empty CHROMIUM_PATH (or no
// /usr/bin/chromium) falls back to Playwright's own browser if one is installed.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : '');

const config: PlaywrightTestConfig = {
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium || undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    ...targets.map((t) => ({ name: t.name, testIgnore: /startup\.spec\.ts/, use: { baseURL: t.url } })),
    { name: 'startup', testMatch: /startup\.spec\.ts$/ },
  ],
  webServer: targets.map((t) => ({
    command: 'node test/e2e/serve.mjs',
    url: `${t.url}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      ...t.env,
      PORT: t.port,
      DATA_DIR: t.dataDir,
      NEXT_TELEMETRY_DISABLED: '1',
      SIGN_IN_ATTEMPTS_PER_MINUTE: '30',
    },
  })),
};

export default defineConfig(config);
