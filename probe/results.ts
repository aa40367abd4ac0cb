// Storing a check result: the raw row, the hourly rollup, the monitor's new state, and the
// incident it opens or resolves. Called once per finished check; a monitor never has two
// checks in flight, so its counters and rollup row have a single writer.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { checkRollups, checks, monitors } from '../db/schema';
import { applyIncidentAction, type IncidentEvent } from '../alert/incidents';
import { decide, type Decision } from '../alert/rules';
import type { Monitor } from './monitors';
import type { CheckResult, DomainCheckResult, Failure } from './types';

export interface Recorded {
  checkId: number;
  decision: Decision;
  event?: IncidentEvent;
}

export interface RecordOptions {
  /** When this check was due. */
  dueAt: Date;
  finishedAt: Date;
  /** Uniform in [0, 1); injected so tests can pin the jitter. */
  random?: () => number;
}

export async function recordCheck(db: Db, monitor: Monitor, result: CheckResult | DomainCheckResult, options: RecordOptions): Promise<Recorded> {
  const startedAt = new Date(result.startedAt);
  const failure = primaryFailure(result);
  const decision = decide(monitor, result.status);
  const nextCheckAt = decision.recheckNow
    ? options.finishedAt
    : nextDue(options.dueAt, monitor.intervalSeconds * 1000, options.finishedAt, options.random ?? Math.random);

  const [row] = await db.insert(checks).values({
    monitorId: monitor.id,
    startedAt,
    dueAt: options.dueAt,
    status: result.status,
    totalMs: Math.round(result.totalMs),
    failureCode: failure?.code ?? null,
    failureMessage: failure?.message ?? null,
    replyCode: failure?.replyCode ?? null,
    result,
  }).returning({ id: checks.id });

  await upsertRollup(db, monitor.id, result);

  await db.update(monitors).set({
    status: decision.status,
    consecutiveFailures: decision.consecutiveFailures,
    consecutiveSuccesses: decision.consecutiveSuccesses,
    nextCheckAt,
    claimedUntil: null,
    lastCheckAt: startedAt,
    lastResponseMs: Math.round(result.totalMs),
    certExpiresAt: certExpiry(result) ?? null,
    lastFailureCode: failure?.code ?? null,
    lastFailureMessage: failure?.message ?? null,
  }).where(eq(monitors.id, monitor.id));

  let event: IncidentEvent | undefined;
  if (decision.incident) {
    const severity = decision.status === 'down' ? 'down' : 'degraded';
    const warning = 'hosts' in result ? result.hosts.flatMap((h) => h.warnings)[0] : result.warnings[0];
    const cause = failure
      ? { severity, code: failure.code, message: failure.message } as const
      : { severity, code: warning?.code ?? 'degraded', message: warning?.message ?? 'The server works but is degraded.' } as const;
    event = await applyIncidentAction(db, monitor.id, decision.incident, cause, startedAt);
  }
  return { checkId: row.id, decision, event };
}

/**
 * The next due time keeps the interval measured from the previous due time (no drift), with a small
 * symmetric jitter (±5 %, at most ±3 s) so monitors created together spread out. A monitor that fell
 * more than an interval behind (the process was down) is spread over the next interval (at most a
 * minute) instead of all catching up at once.
 */
export function nextDue(dueAt: Date, intervalMs: number, now: Date, random: () => number): Date {
  const base = dueAt.getTime() + intervalMs;
  if (base < now.getTime()) return new Date(now.getTime() + Math.floor(random() * Math.min(intervalMs, 60_000)));
  const spread = Math.min(intervalMs * 0.05, 3000);
  return new Date(Math.max(now.getTime(), base + Math.round((random() * 2 - 1) * spread)));
}

/** The failure that explains a result: the host's own, or the first failing MX host's. */
export function primaryFailure(result: CheckResult | DomainCheckResult): Failure | undefined {
  if (result.failure) return result.failure;
  if ('hosts' in result) {
    const failed = result.hosts.find((h) => h.failure);
    if (failed?.failure) return { ...failed.failure, message: `${failed.host}: ${failed.failure.message}` };
  }
  return undefined;
}

function certExpiry(result: CheckResult | DomainCheckResult): Date | undefined {
  const hosts = 'hosts' in result ? result.hosts : [result];
  const dates = hosts.map((h) => h.tls?.certificate.validTo).filter((d): d is string => Boolean(d)).map((d) => new Date(d));
  if (dates.length === 0) return undefined;
  return new Date(Math.min(...dates.map((d) => d.getTime())));
}

async function upsertRollup(db: Db, monitorId: string, result: CheckResult | DomainCheckResult) {
  const started = new Date(result.startedAt);
  const hour = new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth(), started.getUTCDate(), started.getUTCHours()));
  const phaseMs: Record<string, number[]> = {};
  const hosts = 'hosts' in result ? result.hosts : [result];
  // For a domain, the first MX host is the one mail goes to first: its phases represent the domain.
  for (const p of hosts[0]?.phases ?? []) phaseMs[p.phase] = [Math.round(p.ms)];
  const total = Math.round(result.totalMs);
  await db.insert(checkRollups).values({
    monitorId, hour, checks: 1,
    up: result.status === 'up' ? 1 : 0,
    degraded: result.status === 'degraded' ? 1 : 0,
    down: result.status === 'down' ? 1 : 0,
    totalMs: [total],
    phaseMs,
  }).onConflictDoUpdate({
    target: [checkRollups.monitorId, checkRollups.hour],
    set: {
      checks: sql`${checkRollups.checks} + 1`,
      up: sql`${checkRollups.up} + excluded.up`,
      degraded: sql`${checkRollups.degraded} + excluded.degraded`,
      down: sql`${checkRollups.down} + excluded.down`,
      totalMs: sql`${checkRollups.totalMs} || excluded.total_ms`,
      // Append this check's sample to each phase's array (jsonb has no element-wise merge).
      phaseMs: sql`(select coalesce(jsonb_object_agg(k, coalesce(${checkRollups.phaseMs} -> k, '[]'::jsonb) || coalesce(excluded.phase_ms -> k, '[]'::jsonb)), '{}'::jsonb)
        from (select jsonb_object_keys(${checkRollups.phaseMs}) as k union select jsonb_object_keys(excluded.phase_ms)) keys)`,
    },
  });
}
