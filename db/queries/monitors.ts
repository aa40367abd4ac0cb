// Read models for the monitors list and a monitor's page. Everything time-based reads the hourly
// rollups, never the raw checks, except the list of recent checks itself.
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alertChannels, checkRollups, checks, incidents, monitorChannels, monitors } from '../schema';
import { percentile, uptimePercent } from './stats';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every monitor (or one, by id) with its uptime windows, certificate days and sparkline. */
export async function listMonitors(db: Db, now = new Date(), only?: { id: string }) {
  const rows = await db.select({
    id: monitors.id, name: monitors.name, targetKind: monitors.targetKind, target: monitors.target, port: monitors.port,
    security: monitors.security, status: monitors.status, paused: monitors.paused, lastCheckAt: monitors.lastCheckAt,
    lastResponseMs: monitors.lastResponseMs, certExpiresAt: monitors.certExpiresAt, lastFailureMessage: monitors.lastFailureMessage,
    intervalSeconds: monitors.intervalSeconds,
  }).from(monitors).where(only ? eq(monitors.id, only.id) : undefined).orderBy(monitors.name);
  if (rows.length === 0) return [];
  const since = new Date(now.getTime() - 30 * DAY);
  const rollups = await db.select({
    monitorId: checkRollups.monitorId, hour: checkRollups.hour, checks: checkRollups.checks, up: checkRollups.up,
    degraded: checkRollups.degraded, avgMs: sql<number | null>`(select avg(x) from unnest(${checkRollups.totalMs}) x)::float8`,
  }).from(checkRollups).where(and(inArray(checkRollups.monitorId, rows.map((r) => r.id)), gte(checkRollups.hour, since)));
  return rows.map((row) => {
    const own = rollups.filter((r) => r.monitorId === row.id);
    const window = (ms: number) => {
      const from = now.getTime() - ms;
      const inWindow = own.filter((r) => r.hour.getTime() + HOUR > from);
      return uptimePercent({
        checks: inWindow.reduce((n, r) => n + r.checks, 0),
        up: inWindow.reduce((n, r) => n + r.up, 0),
        degraded: inWindow.reduce((n, r) => n + r.degraded, 0),
      });
    };
    const sparkline = hourBuckets(now, 24).map((hour) => {
      const r = own.find((x) => x.hour.getTime() === hour.getTime());
      return { hour: hour.toISOString(), ms: r?.avgMs == null ? null : Math.round(r.avgMs) };
    });
    return {
      ...row,
      uptime24h: window(DAY), uptime7d: window(7 * DAY), uptime30d: window(30 * DAY),
      certDaysLeft: row.certExpiresAt ? Math.floor((row.certExpiresAt.getTime() - now.getTime()) / DAY) : null,
      sparkline,
    };
  });
}

export async function monitorDetail(db: Db, id: string) {
  const [monitor] = await db.select().from(monitors).where(eq(monitors.id, id));
  if (!monitor) return undefined;
  const channels = await db.select({ id: alertChannels.id, name: alertChannels.name, type: alertChannels.type })
    .from(monitorChannels).innerJoin(alertChannels, eq(alertChannels.id, monitorChannels.channelId))
    .where(eq(monitorChannels.monitorId, id));
  const { authPasswordEncrypted, ...safe } = monitor;
  return { ...safe, hasAuthPassword: authPasswordEncrypted !== null, channels };
}

/** One cell a day for the last `days` days (oldest first), with that day's incidents for the hover. */
export async function dailyUptime(db: Db, monitorId: string, days = 90, now = new Date()) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY);
  const rows = await db.select({
    day: sql<string>`to_char(${checkRollups.hour} at time zone 'UTC', 'YYYY-MM-DD')`,
    checks: sql<number>`sum(${checkRollups.checks})::int`, up: sql<number>`sum(${checkRollups.up})::int`,
    degraded: sql<number>`sum(${checkRollups.degraded})::int`, down: sql<number>`sum(${checkRollups.down})::int`,
  }).from(checkRollups).where(and(eq(checkRollups.monitorId, monitorId), gte(checkRollups.hour, start)))
    .groupBy(sql`1`);
  const opened = await db.select({ id: incidents.id, openedAt: incidents.openedAt, resolvedAt: incidents.resolvedAt, causeMessage: incidents.causeMessage, severity: incidents.severity })
    .from(incidents).where(and(eq(incidents.monitorId, monitorId), sql`coalesce(${incidents.resolvedAt}, now()) >= ${start.toISOString()}::timestamptz`));
  return Array.from({ length: days }, (_, i) => {
    const dayStart = new Date(start.getTime() + i * DAY);
    const key = dayStart.toISOString().slice(0, 10);
    const r = rows.find((x) => x.day === key);
    const dayEnd = dayStart.getTime() + DAY;
    return {
      day: key,
      checks: r?.checks ?? 0, down: r?.down ?? 0,
      uptime: r ? uptimePercent(r) : undefined,
      incidents: opened.filter((x) => x.openedAt.getTime() < dayEnd && (x.resolvedAt ?? now).getTime() >= dayStart.getTime())
        .map((x) => ({ id: x.id, severity: x.severity, causeMessage: x.causeMessage })),
    };
  });
}

/** p50 of each phase per hour, for the stacked response-time chart, and p95 of the total. */
export async function phaseSeries(db: Db, monitorId: string, hours = 24, now = new Date()) {
  const buckets = hourBuckets(now, hours);
  const rows = await db.select({ hour: checkRollups.hour, phaseMs: checkRollups.phaseMs, totalMs: checkRollups.totalMs })
    .from(checkRollups).where(and(eq(checkRollups.monitorId, monitorId), gte(checkRollups.hour, buckets[0])));
  return buckets.map((hour) => {
    const r = rows.find((x) => x.hour.getTime() === hour.getTime());
    const point: Record<string, number | string | null> = { hour: hour.toISOString() };
    for (const [phase, samples] of Object.entries(r?.phaseMs ?? {})) point[phase] = percentile(samples, 50) ?? null;
    point.p95 = r ? percentile(r.totalMs, 95) ?? null : null;
    return point;
  });
}

export async function recentChecks(db: Db, monitorId: string, limit = 50) {
  return db.select().from(checks).where(eq(checks.monitorId, monitorId)).orderBy(desc(checks.startedAt)).limit(limit);
}

function hourBuckets(now: Date, hours: number): Date[] {
  const current = Math.floor(now.getTime() / HOUR) * HOUR;
  return Array.from({ length: hours }, (_, i) => new Date(current - (hours - 1 - i) * HOUR));
}
