// The scheduler against real SMTP servers on loopback and a real database: intervals, no
// overlap, down after N failures, one incident per outage, notifications delivered.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PgBoss, fromPglite } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { checks, incidents, monitors, notifications } from '../../db/schema';
import { NOTIFY_QUEUE, deliverNotification, queueIncidentNotifications, type NotifyDeps } from '../../alert/notify';
import { createChannel } from '../../alert/settings';
import { secretBox } from '../../lib/crypto';
import { memoryResolver } from '../../probe/dns';
import { createMonitor } from '../../probe/monitors';
import { Scheduler } from '../../probe/scheduler';
import { createTestDatabase } from '../helpers/db';
import { HttpSink, ToggleSmtpServer, waitFor } from '../helpers/servers';

let database: Database;
let jobs: PgBoss;
let smtp: ToggleSmtpServer;
let sink: HttpSink;
const box = secretBox('k'.repeat(43));
let clock = new Date('2026-11-28T10:00:00.000Z');
const now = () => clock;
let notify: NotifyDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await new ToggleSmtpServer().start();
  sink = await new HttpSink().start();
  notify = { db: database.db, box, loadRelay: async () => undefined };
  jobs = database.pglite ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite' }) : new PgBoss({ connectionString: database.url, max: 2 });
  await jobs.start();
  await jobs.createQueue(NOTIFY_QUEUE);
  await jobs.work<{ id: number }>(NOTIFY_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => { await deliverNotification(notify, job.data.id); });
});
afterAll(async () => {
  await jobs?.stop({ graceful: false, timeout: 2000 });
  await smtp?.stop();
  await sink?.stop();
  await database?.close();
});

function scheduler() {
  return new Scheduler({
    db: database.db, box, resolver: memoryResolver({}), now, random: () => 0.5,
    onIncident: async (event) => { await queueIncidentNotifications(database.db, jobs, event, 'https://mailpulse.example'); },
  });
}

async function runPass(s: Scheduler) {
  const started = await s.pass();
  await s.idle();
  return started;
}

const monitorInput = (port: number) => ({
  name: 'Relay', target: '127.0.0.1', port, security: 'none', ehloName: 'probe.test', intervalSeconds: 60, timeoutMs: 2000,
});

describe('scheduler', () => {
  let monitorId: string;
  let webhookSecret: string;

  it('checks a new monitor at once, then exactly at its interval', async () => {
    const channel = await createChannel(database.db, box, { type: 'webhook', name: 'Ops hook', url: sink.url() });
    webhookSecret = channel.signingSecret!;
    monitorId = (await createMonitor(database.db, box, { ...monitorInput(smtp.port), channelIds: [channel.id] }, undefined, clock)).id;
    const s = scheduler();
    expect(await runPass(s)).toBe(1);
    let [m] = await database.db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect(m.status).toBe('up');
    expect(m.claimedUntil).toBeNull();
    expect(m.nextCheckAt.toISOString()).toBe('2026-11-28T10:01:00.000Z');

    clock = new Date('2026-11-28T10:00:59.000Z');
    expect(await runPass(s)).toBe(0);
    clock = new Date('2026-11-28T10:01:00.000Z');
    expect(await runPass(s)).toBe(1);
    [m] = await database.db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect(m.nextCheckAt.toISOString()).toBe('2026-11-28T10:02:00.000Z');
    const rows = await database.db.select().from(checks).where(eq(checks.monitorId, monitorId));
    expect(rows.map((r) => [r.status, r.dueAt?.toISOString()])).toEqual([
      ['up', '2026-11-28T10:00:00.000Z'], ['up', '2026-11-28T10:01:00.000Z']]);
    expect(rows[0].result).toMatchObject({ status: 'up', banner: expect.stringContaining('test relay') });
  });

  it('never runs a monitor twice at once, even across schedulers', async () => {
    const slow = await new ToggleSmtpServer({
      // Greets after 1.5 s: long enough for the other scheduler to try to claim the same monitor.
      onConnect(_session, callback) { setTimeout(() => callback(), 1500); },
    }).start();
    const id = (await createMonitor(database.db, box, monitorInput(slow.port), undefined, clock)).id;
    await database.db.update(monitors).set({ paused: true }).where(eq(monitors.id, monitorId));
    const a = scheduler();
    const b = scheduler();
    expect(await a.pass()).toBe(1);
    expect(a.checksInFlight).toBe(1);
    const [claimed] = await database.db.select().from(monitors).where(eq(monitors.id, id));
    expect(claimed.claimedUntil?.toISOString()).toBe('2026-11-28T10:02:18.000Z'); // now + 2 s × 9 phases + 60 s
    expect(await b.pass()).toBe(0);
    expect(await a.pass()).toBe(0);
    await a.idle();
    expect(await database.db.select().from(checks).where(eq(checks.monitorId, id))).toHaveLength(1);
    await database.db.delete(monitors).where(eq(monitors.id, id));
    await database.db.update(monitors).set({ paused: false }).where(eq(monitors.id, monitorId));
    await slow.stop();
  });

  it('goes down after two failed checks, the second an immediate re-check, and opens one incident', async () => {
    await smtp.stop();
    const s = scheduler();
    clock = new Date('2026-11-28T10:02:00.000Z');
    expect(await runPass(s)).toBe(1);
    let [m] = await database.db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect([m.status, m.consecutiveFailures, m.nextCheckAt.toISOString()]).toEqual(['up', 1, '2026-11-28T10:02:00.000Z']);
    expect(await runPass(s)).toBe(1);
    [m] = await database.db.select().from(monitors).where(eq(monitors.id, monitorId));
    expect([m.status, m.consecutiveFailures, m.lastFailureCode]).toEqual(['down', 2, 'connection_refused']);

    for (const t of ['10:03:00', '10:04:00', '10:05:00']) {
      clock = new Date(`2026-11-28T${t}.000Z`);
      expect(await runPass(s)).toBe(1);
    }
    const open = await database.db.select().from(incidents).where(eq(incidents.monitorId, monitorId));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ severity: 'down', causeCode: 'connection_refused', resolvedAt: null });
  });

  it('delivers a signed webhook for the outage', async () => {
    const request = await waitFor(() => sink.requests.find((r) => r.headers['x-mailpulse-event'] === 'incident.opened'));
    const payload = JSON.parse(request.body);
    expect(payload).toMatchObject({
      event: 'incident.opened',
      monitor: { id: monitorId, name: 'Relay', target: '127.0.0.1', port: smtp.port },
      incident: { severity: 'down', causeCode: 'connection_refused', resolvedAt: null },
      url: `https://mailpulse.example/monitors/${monitorId}`,
    });
    expect(payload.summary).toBe(`DOWN: Relay (127.0.0.1:${smtp.port}) — connection_refused`);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['x-mailpulse-signature']))!;
    expect(v1).toBe(createHmac('sha256', webhookSecret).update(`${t}.${request.body}`).digest('hex'));
    // The row is marked sent once the receiver has answered, a moment after the sink saw the request.
    const row = await waitFor(async () => {
      const [r] = await database.db.select().from(notifications).where(eq(notifications.event, 'incident.opened'));
      return r?.status === 'pending' ? undefined : r;
    });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('resolves the incident when the server returns, and says so', async () => {
    await smtp.start();
    clock = new Date('2026-11-28T10:06:00.000Z');
    expect(await runPass(scheduler())).toBe(1);
    const rows = await database.db.select().from(incidents).where(eq(incidents.monitorId, monitorId));
    expect(rows).toHaveLength(1);
    expect(rows[0].resolvedAt).not.toBeNull();
    const request = await waitFor(() => sink.requests.find((r) => r.headers['x-mailpulse-event'] === 'incident.resolved'));
    expect(JSON.parse(request.body).summary).toMatch(new RegExp(`^RESOLVED: Relay \\(127\\.0\\.0\\.1:${smtp.port}\\) is up again after `));
  });

  it('retries a failed delivery and records every attempt', async () => {
    sink.statuses.push(500);
    const [opened] = await database.db.select().from(incidents).where(eq(incidents.monitorId, monitorId));
    const ids = await queueIncidentNotifications(database.db, { send: async () => null } as unknown as PgBoss,
      { event: 'incident.opened', incident: opened }, undefined);
    expect(ids).toHaveLength(1);
    await expect(deliverNotification(notify, ids[0])).rejects.toThrow('HTTP 500: sink says no');
    let [row] = await database.db.select().from(notifications).where(eq(notifications.id, ids[0]));
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500: sink says no' });
    expect(await deliverNotification(notify, ids[0])).toBe('sent');
    [row] = await database.db.select().from(notifications).where(eq(notifications.id, ids[0]));
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });
});
