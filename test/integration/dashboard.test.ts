// What the pages read: rollups written as results arrive give uptime, per-phase percentiles and the
// 90-day bar without touching raw checks; retention prunes raw rows after 30 days.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { dailyUptime, listMonitors, phaseSeries, recentChecks } from '../../db/queries/monitors';
import { openIncidents, pastIncidents } from '../../db/queries/incidents';
import { checkRollups, checks } from '../../db/schema';
import { secretBox } from '../../lib/crypto';
import { createMonitor, getMonitor } from '../../probe/monitors';
import { recordCheck } from '../../probe/results';
import { pruneChecks } from '../../probe/retention';
import type { CheckResult } from '../../probe/types';
import { createTestDatabase } from '../helpers/db';

let database: Database;
let monitorId: string;
const box = secretBox('d'.repeat(43));
const now = new Date('2026-11-28T12:30:00.000Z');

/** A stored result as the probe reports it (plain data, nothing simulated about the storage). */
function result(at: string, status: CheckResult['status'], connectMs: number, ehloMs: number): CheckResult {
  return {
    status, host: 'mx.example.com', port: 25, security: 'none', startedAt: at, totalMs: connectMs + ehloMs,
    phases: [{ phase: 'connect', ms: connectMs, ok: status !== 'down' }, ...(status === 'down' ? [] : [{ phase: 'ehlo' as const, ms: ehloMs, ok: true }])],
    extensions: [], warnings: [], transcript: [],
    ...(status === 'down' ? { failure: { code: 'connection_refused' as const, phase: 'connect' as const, message: 'refused' } } : {}),
  };
}

async function record(at: string, status: CheckResult['status'], connectMs = 10, ehloMs = 5) {
  const monitor = await getMonitor(database.db, monitorId);
  return recordCheck(database.db, monitor, result(at, status, connectMs, ehloMs), { dueAt: new Date(at), finishedAt: new Date(at), random: () => 0.5 });
}

beforeAll(async () => {
  database = await createTestDatabase();
  monitorId = (await createMonitor(database.db, box, { name: 'MX', target: 'mx.example.com', port: 25, security: 'none', failuresToDown: 1 })).id;
  // 40 days ago: one good check (outside every window but the 90-day bar).
  await record('2026-10-19T08:00:00.000Z', 'up');
  // Yesterday: four checks in one hour, one of them down.
  for (const [i, s] of (['up', 'up', 'down', 'up'] as const).entries()) await record(`2026-11-27T09:0${i}:00.000Z`, s, 10 + i * 10, 5);
  // This hour: three good checks with connect times 30, 10, 20 ms.
  await record('2026-11-28T12:00:00.000Z', 'up', 30, 4);
  await record('2026-11-28T12:01:00.000Z', 'up', 10, 6);
  await record('2026-11-28T12:02:00.000Z', 'up', 20, 8);
});
afterAll(async () => { await database?.close(); });

describe('dashboard read models', () => {
  it('keeps one rollup row per hour with counts and every sample', async () => {
    const rows = await database.db.select().from(checkRollups).where(eq(checkRollups.monitorId, monitorId)).orderBy(checkRollups.hour);
    expect(rows.map((r) => [r.hour.toISOString(), r.checks, r.up, r.down])).toEqual([
      ['2026-10-19T08:00:00.000Z', 1, 1, 0], ['2026-11-27T09:00:00.000Z', 4, 3, 1], ['2026-11-28T12:00:00.000Z', 3, 3, 0]]);
    expect(rows[1].totalMs).toEqual([15, 25, 35, 45]);
    expect(rows[1].phaseMs).toEqual({ connect: [10, 20, 30, 40], ehlo: [5, 5, 5] });
  });

  it('computes uptime over 24 hours, 7 and 30 days', async () => {
    const [row] = await listMonitors(database.db, now);
    expect(row.uptime24h).toBe(100);
    expect(row.uptime7d).toBeCloseTo((6 / 7) * 100, 10);
    expect(row.uptime30d).toBeCloseTo((6 / 7) * 100, 10);
    expect(row.sparkline).toHaveLength(24);
    expect(row.sparkline.at(-1)).toEqual({ hour: '2026-11-28T12:00:00.000Z', ms: 26 });
    expect(row.status).toBe('up');
    // The monitor page reads the same figures for one monitor.
    expect(await listMonitors(database.db, now, { id: monitorId })).toEqual([row]);
    expect(await listMonitors(database.db, now, { id: 'nope' })).toEqual([]);
  });

  it('gives the p50 of each phase per hour and the p95 of the total', async () => {
    const series = await phaseSeries(database.db, monitorId, 24, now);
    expect(series).toHaveLength(24);
    expect(series.at(-1)).toEqual({ hour: '2026-11-28T12:00:00.000Z', connect: 20, ehlo: 6, p95: 34 });
    expect(series[0]).toEqual({ hour: '2026-11-27T13:00:00.000Z', p95: null });
  });

  it('colours 90 days, one cell a day, with that day’s incidents', async () => {
    const days = await dailyUptime(database.db, monitorId, 90, now);
    expect(days).toHaveLength(90);
    expect(days[89]).toMatchObject({ day: '2026-11-28', checks: 3, down: 0, uptime: 100, incidents: [] });
    expect(days[88]).toMatchObject({ day: '2026-11-27', checks: 4, down: 1, uptime: 75 });
    expect(days[88].incidents).toEqual([{ id: expect.any(Number), severity: 'down', causeMessage: 'refused' }]);
    expect(days[89 - 40]).toMatchObject({ day: '2026-10-19', checks: 1, uptime: 100 });
    expect(days[0]).toMatchObject({ day: '2026-08-31', checks: 0, uptime: undefined });
  });

  it('lists the outage as a past incident', async () => {
    expect(await openIncidents(database.db)).toEqual([]);
    const [past] = await pastIncidents(database.db);
    expect(past).toMatchObject({ monitorName: 'MX', causeCode: 'connection_refused', severity: 'down',
      openedAt: new Date('2026-11-27T09:02:00.000Z'), resolvedAt: new Date('2026-11-27T09:03:00.000Z') });
  });

  it('prunes raw checks after 30 days and rollups after a year', async () => {
    expect(await pruneChecks(database.db, now, { checkDays: 30, rollupDays: 365 })).toEqual({ checks: 1, rollups: 0 });
    expect((await recentChecks(database.db, monitorId, 100)).map((c) => c.startedAt.toISOString().slice(0, 10)))
      .not.toContain('2026-10-19');
    expect(await database.db.select().from(checks).where(eq(checks.monitorId, monitorId))).toHaveLength(7);
    expect((await dailyUptime(database.db, monitorId, 90, now))[89 - 40].checks).toBe(1);
    expect(await pruneChecks(database.db, now, { checkDays: 30, rollupDays: 30 })).toEqual({ checks: 0, rollups: 1 });
  });
});
