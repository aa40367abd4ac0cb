// Start-up as an operator meets it: bad configuration, a busy DATA_DIR, and a restart that keeps data.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import postgres from 'postgres';
import config from '../../playwright.config';
import { ToggleSmtpServer } from '../helpers/servers';
import { completeSetup } from './accounts';
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
    await completeSetup(page, { name: 'Rita Restart', email: 'rita@example.com', password: 'rita-password-1' });
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

// Beyond one machine: web servers and a separate worker share one PostgreSQL. Registered only when a
// PostgreSQL is available (CI always provides one), like the PostgreSQL pass of the database tests.
if (process.env.TEST_DATABASE_URL) {
  test('a separate worker runs the checks for a web server that does not schedule', async () => {
    const name = `mailpulse_split_${Date.now()}`;
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const shared = { DATABASE_URL: url.toString(), SECRET_KEY: 's'.repeat(40) };
    const smtp = await new ToggleSmtpServer().start();
    const browser = await chromium.launch(config.use?.launchOptions);
    try {
      const web = await startServer({ ...shared, DATA_DIR: tempDataDir(), RUN_SCHEDULER: 'false' });
      servers.push(web);
      const page = await browser.newPage();
      await page.goto(`${web.url}/setup`);
      await completeSetup(page, { name: 'Sam Split', email: 'sam@example.com', password: 'sam-password-1' });
      const created = await page.request.post(`${web.url}/api/v1/monitors`, {
        data: { name: 'Split relay', target: '127.0.0.1', port: smtp.port, security: 'none' },
      });
      expect(created.status()).toBe(201);
      const { id } = await created.json();
      // Nothing checks it while only the web server runs.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await (await page.request.get(`${web.url}/api/v1/monitors/${id}`)).json()).monitor.status).toBe('pending');

      const worker = spawn(process.execPath, ['bin/mailpulse.mjs', 'worker'],
        { cwd: root, env: { ...process.env, ...shared, DATA_DIR: tempDataDir() }, stdio: 'ignore' });
      try {
        await expect.poll(async () => (await (await page.request.get(`${web.url}/api/v1/monitors/${id}`)).json()).monitor.status,
          { timeout: 30_000 }).toBe('up');
      } finally {
        worker.kill('SIGTERM');
        await new Promise((r) => worker.once('exit', r));
      }
      expect(worker.exitCode).toBe(0);
    } finally {
      await browser.close();
      await smtp.stop();
      await Promise.all(servers.splice(0).map((s) => s.stop()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
}
