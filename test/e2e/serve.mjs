// Playwright's webServer command: creates a fresh PostgreSQL database first when asked
// (E2E_CREATE_DATABASE=name on the server at TEST_DATABASE_URL), then runs `next start`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(import.meta.dirname, '..', '..');
const env = { ...process.env, NEXT_MANUAL_SIG_HANDLE: '1' };
const name = process.env.E2E_CREATE_DATABASE;
if (name) {
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
}
const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', env.PORT, '-H', '127.0.0.1'],
  { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
