// bench/probe: how many monitors one process holds at a 60 s interval. For N = 1,000, 5,000 and
// 10,000 monitors (embedded PGlite, the default) against local SMTP targets in a separate process,
// it prints completed checks/s, schedule lag p50/p99 (check start minus due time), CPU and memory.
// Baseline, same run: a bare connect–EHLO–QUIT loop against the same targets, without scheduler
// or database. Target: 10,000 monitors with p99 lag under 1 s on 2 cores. The alternative design,
// pg-boss as the scheduler (one delayed job per monitor and check), is measured the same way at
// BENCH_PGBOSS_SIZES (default 10000; 0 to leave it out) so the two can be compared.
//   npm run bench -- probe            BENCH_SIZES=1000,5000 BENCH_SECONDS=90 to change the run
import { fork } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgBoss, fromPglite } from 'pg-boss';
import { openDatabase } from '../db/client';
import { percentile } from '../db/queries/stats';
import { monitors } from '../db/schema';
import { secretBox } from '../lib/crypto';
import { checkSmtp } from '../probe/check';
import { memoryResolver } from '../probe/dns';
import { getMonitor, toCheckTarget } from '../probe/monitors';
import { recordCheck } from '../probe/results';
import { Scheduler } from '../probe/scheduler';

const TARGETS = 4;

/** One connect–EHLO–QUIT conversation with no parsing beyond waiting for each reply. */
function bareConversation(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let stage = 0;
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      if (stage === 0 && data.startsWith('220')) { stage = 1; socket.write('EHLO bench\r\n'); }
      else if (stage === 1 && /^250 /m.test(data)) { stage = 2; socket.write('QUIT\r\n'); }
      else if (stage === 2) { socket.destroy(); resolve(); }
    });
    socket.on('error', reject);
  });
}

async function baseline(ports: number[], seconds: number, concurrency: number) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let done = 0;
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, i) => {
    while (performance.now() < deadline) { await bareConversation(ports[(i + done) % ports.length]); done++; }
  }));
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: done / wall, cpuMsPerConversation: (used.user + used.system) / 1000 / done };
}

const box = secretBox('b'.repeat(43));

/** A fresh embedded database with n monitors, their first checks spread over the first interval. */
async function seed(n: number, ports: number[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mailpulse-bench-'));
  const database = await openDatabase({ dataDir: dir });
  const start = Date.now() + 2000;
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`, name: `bench ${i}`, target: '127.0.0.1', port: ports[i % ports.length], security: 'none' as const,
    ehloName: 'bench.local', intervalSeconds: 60, timeoutMs: 5000,
    // Spread over the first interval, as jitter spreads monitors created together.
    nextCheckAt: new Date(start + Math.floor((i / n) * 60_000)),
  }));
  for (let i = 0; i < rows.length; i += 1000) await database.db.insert(monitors).values(rows.slice(i, i + 1000));
  const cleanup = async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); };
  return { database, rows, start, cleanup };
}

/** Runs `during` for the given seconds from `start` and reports CPU, memory and lag figures. */
async function measure(n: number, start: number, seconds: number, lags: number[], counter: () => number, during: { begin(): void; end(): Promise<void> }) {
  let peakRss = 0;
  const rssTimer = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 500);
  while (Date.now() < start) await new Promise((r) => setTimeout(r, 50));
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  during.begin();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await during.end();
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  clearInterval(rssTimer);
  const completed = counter();
  return {
    n, checksPerSecond: completed / wall, needed: n / 60, lagP50: percentile(lags, 50) ?? NaN, lagP99: percentile(lags, 99) ?? NaN,
    cpuPercent: ((used.user + used.system) / 1000 / (wall * 1000)) * 100, cpuMsPerCheck: (used.user + used.system) / 1000 / completed,
    peakRssMb: peakRss / 1024 / 1024,
  };
}

async function run(n: number, ports: number[], seconds: number) {
  const { database, start, cleanup } = await seed(n, ports);

  const lags: number[] = [];
  let completed = 0;
  const scheduler = new Scheduler({
    db: database.db, box, resolver: memoryResolver({}), concurrency: 500,
    onRecorded: (monitor, _recorded, result) => {
      completed++;
      // The claimed row still carries the due time this check was scheduled for.
      lags.push(new Date(result.startedAt).getTime() - monitor.nextCheckAt.getTime());
    },
  });
  const figures = await measure(n, start, seconds, lags, () => completed, { begin: () => scheduler.start(), end: () => scheduler.stop() });
  await cleanup();
  return figures;
}

/** The same work with pg-boss as the scheduler: each check is a delayed job that queues the next one. */
async function runPgBoss(n: number, ports: number[], seconds: number) {
  const { database, rows, start, cleanup } = await seed(n, ports);
  const boss = new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite' });
  await boss.start();
  await boss.createQueue('check');
  for (let i = 0; i < rows.length; i += 1000) {
    await boss.insert('check', rows.slice(i, i + 1000).map((r) => ({ data: { id: r.id, due: r.nextCheckAt.getTime() }, startAfter: r.nextCheckAt })));
  }
  const lags: number[] = [];
  let completed = 0;
  let stopping = false;
  const resolver = memoryResolver({});
  const figures = await measure(n, start, seconds, lags, () => completed, {
    begin: () => {
      void boss.work<{ id: string; due: number }>('check', { batchSize: 100, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        await Promise.all(jobs.map(async (job) => {
          if (stopping) return;
          lags.push(Date.now() - job.data.due);
          const monitor = await getMonitor(database.db, job.data.id);
          const result = await checkSmtp(toCheckTarget(monitor, box), { resolver });
          await recordCheck(database.db, monitor, result, { dueAt: new Date(job.data.due), finishedAt: new Date() });
          const next = job.data.due + 60_000;
          await boss.send('check', { id: job.data.id, due: next }, { startAfter: new Date(next) });
          completed++;
        }));
      });
    },
    end: async () => { stopping = true; await boss.stop({ graceful: true, timeout: 10_000 }); },
  });
  await cleanup();
  return figures;
}

function report(label: string, r: Awaited<ReturnType<typeof run>>, base: { perSecond: number; cpuMsPerConversation: number }) {
  console.log(
    `${label} ${String(r.n).padStart(6)} monitors @60s: ${r.checksPerSecond.toFixed(1)} checks/s (needs ${r.needed.toFixed(1)}) · ` +
    `lag p50 ${r.lagP50} ms p99 ${r.lagP99} ms · CPU ${r.cpuPercent.toFixed(0)}% of one core, ${r.cpuMsPerCheck.toFixed(3)} ms a check ` +
    `(${(r.cpuMsPerCheck / base.cpuMsPerConversation).toFixed(1)}× the bare loop) · peak RSS ${r.peakRssMb.toFixed(0)} MB · ` +
    `${r.lagP99 < 1000 && r.checksPerSecond >= r.needed * 0.95 ? 'holds' : 'does NOT hold'}`);
}

async function main() {
  const sizes = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_SECONDS ?? 75);
  const targets = fork(fileURLToPath(import.meta.url), ['--targets'], { execArgv: process.execArgv, stdio: 'inherit' });
  const { ports } = await new Promise<{ ports: number[] }>((r) => targets.once('message', (m) => r(m as { ports: number[] })));
  try {
    const base = await baseline(ports, 10, 50);
    console.log(`baseline: bare connect–EHLO–QUIT loop, 50 at a time: ${base.perSecond.toFixed(0)} conversations/s, ` +
      `${base.cpuMsPerConversation.toFixed(3)} ms CPU each`);
    for (const n of sizes) report('SKIP LOCKED scheduler', await run(n, ports, seconds), base);
    const pgbossSizes = (process.env.BENCH_PGBOSS_SIZES ?? '10000').split(',').map(Number).filter((n) => n > 0);
    for (const n of pgbossSizes) report('pg-boss as scheduler ', await runPgBoss(n, ports, seconds), base);
  } finally {
    targets.kill();
  }
}

// ---- target process: minimal SMTP servers (banner, EHLO, QUIT), so the bench measures our side.
async function serveTargets() {
  const ports: number[] = [];
  for (let i = 0; i < TARGETS; i++) {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.write('220 bench.target ESMTP\r\n');
      let buffer = '';
      socket.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end).toUpperCase();
          buffer = buffer.slice(end + 2);
          if (line.startsWith('EHLO')) socket.write('250-bench.target\r\n250-PIPELINING\r\n250 8BITMIME\r\n');
          else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
          else socket.write('502 5.5.2 not here\r\n');
        }
      });
    });
    server.maxConnections = 10_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', 1024, () => r()));
    ports.push((server.address() as net.AddressInfo).port);
  }
  process.send!({ ports });
}

if (process.argv[2] === '--targets') await serveTargets();
else await main();
