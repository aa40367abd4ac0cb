// Start-up as an operator meets it: bad configuration, a busy DATA_DIR, and a restart that keeps data.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import config from '../../playwright.config';
import { root, spawnServer, startServer, type RunningServer } from './server';

const servers: RunningServer[] = [];
test.afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.stop())); });

const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'mailpulse-startup-'));

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

test('npm start stops at once on a bad value, naming the variable', async () => {
  const { code, output } = await run(['bin/mailpulse.mjs', 'start'], { LOG_LEVEL: 'loud', DATA_DIR: tempDataDir() });
  expect(code).toBe(1);
  expect(output.trim()).toBe('mailpulse: Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error (got "loud")');
});

test('the server itself refuses a bad value before serving', async () => {
  const server = spawnServer({ DATA_DIR: tempDataDir(), SMTP_PORT: '99999' });
  servers.push(server);
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain('mailpulse: Invalid configuration: SMTP_PORT must be 1-65535 (got "99999")');
});

test('a second process on the same DATA_DIR refuses and says how to share', async () => {
  const dataDir = tempDataDir();
  const first = await startServer({ DATA_DIR: dataDir });
  servers.push(first);
  const second = spawnServer({ DATA_DIR: dataDir });
  servers.push(second);
  expect(await second.exited).toBe(1);
  expect(second.output()).toContain(
    `mailpulse: ${dataDir} is in use by another Mailpulse process (pid ${first.child.pid}). ` +
    'The embedded database serves one process only: stop the other one, use another DATA_DIR, or, ' +
    'to run several processes, start a PostgreSQL server and set DATABASE_URL for all of them.');
  // The first one is unharmed.
  expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
});

test('a restart keeps the owner account', async () => {
  const dataDir = tempDataDir();
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    const first = await startServer({ DATA_DIR: dataDir });
    servers.push(first);
    const page = await browser.newPage();
    await page.goto(`${first.url}/setup`);
    await page.getByLabel('Your name').fill('Rita Restart');
    await page.getByLabel('Email').fill('rita@example.com');
    await page.getByLabel('Password', { exact: true }).fill('rita-password-1');
    await page.getByLabel('Repeat password').fill('rita-password-1');
    await page.getByRole('button', { name: 'Create owner account' }).click();
    await expect(page).toHaveURL(/\/monitors$/);
    expect(await first.stop()).toBe(0);

    const second = await startServer({ DATA_DIR: dataDir });
    servers.push(second);
    const fresh = await browser.newPage();
    await fresh.goto(`${second.url}/`);
    await expect(fresh).toHaveURL(/\/sign-in$/);
    await fresh.getByLabel('Email').fill('rita@example.com');
    await fresh.getByLabel('Password').fill('rita-password-1');
    await fresh.getByRole('button', { name: 'Sign in' }).click();
    await expect(fresh).toHaveURL(/\/monitors$/);
    await expect(fresh.getByTestId('user-name')).toHaveText('Rita Restart');
  } finally {
    await browser.close();
  }
});
