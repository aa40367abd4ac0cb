#!/usr/bin/env node
// Mailpulse's command line.
//   mailpulse start   build the web app when its sources changed, then serve it (npm start)
//   mailpulse build   build only when needed
//   mailpulse worker  the scheduler and background jobs without the web UI (needs DATABASE_URL to share)
//   mailpulse check   one SMTP check from the command line (see probe/cli.ts for the options)
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

// What goes into the production build: anything newer than .next/BUILD_ID means a rebuild.
const buildInputs = ['app', 'lib', 'db', 'probe', 'ingest', 'alert', 'instrumentation.ts', 'next.config.ts',
  'tailwind.config.ts', 'postcss.config.mjs', 'package.json', 'package-lock.json'];

function newestMtime(entry) {
  let stats;
  try { stats = statSync(entry); } catch { return 0; }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIfNeeded() {
  let builtAt = 0;
  try { builtAt = statSync(path.join(root, '.next', 'BUILD_ID')).mtimeMs; } catch { /* never built */ }
  const changedAt = Math.max(...buildInputs.map((p) => newestMtime(path.join(root, p))));
  if (builtAt > changedAt) return;
  console.log(builtAt ? 'mailpulse: sources changed, rebuilding the web app…' : 'mailpulse: building the web app (first start only)…');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function loadEnv() {
  const { parseEnv } = await tsImport('../lib/env.ts', import.meta.url);
  try {
    return parseEnv();
  } catch (error) {
    console.error(`mailpulse: ${error.message}`);
    process.exit(1);
  }
}

const [command = 'start'] = process.argv.slice(2);
if (command === 'build') {
  buildIfNeeded();
} else if (command === 'start') {
  const env = await loadEnv();
  buildIfNeeded();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(env.PORT), '-H', env.HOST], {
    cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_MANUAL_SIG_HANDLE: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (command === 'worker') {
  await loadEnv();
  const { startProcess } = await tsImport('../lib/runtime.ts', import.meta.url);
  await startProcess();
  console.log('mailpulse: worker running (scheduler and background jobs); stop with Ctrl-C');
} else if (command === 'check') {
  const { runCli } = await tsImport('../probe/cli.ts', import.meta.url);
  process.exit(await runCli(process.argv.slice(3), process));
} else {
  console.error(`mailpulse: unknown command "${command}". Commands: start, build, worker, check`);
  process.exit(2);
}
