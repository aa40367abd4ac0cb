// Check results: raw rows (kept 30 days) and hourly rollups (kept a year) written as results arrive.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CheckResult, DomainCheckResult } from '../../probe/types';
import { monitors } from './monitors';

export const checks = pgTable('checks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  monitorId: text('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  /** When the check was due: startedAt minus this is the schedule lag. */
  dueAt: timestamp('due_at', { withTimezone: true }),
  status: text('status').$type<'up' | 'degraded' | 'down'>().notNull(),
  totalMs: integer('total_ms').notNull(),
  failureCode: text('failure_code'),
  failureMessage: text('failure_message'),
  replyCode: integer('reply_code'),
  /** The full result: phases, extensions, TLS details, transcript (AUTH redacted). */
  result: jsonb('result').$type<CheckResult | DomainCheckResult>().notNull(),
}, (t) => [
  // monitor page: recent checks of one monitor; retention: delete by age
  index('checks_monitor_started_idx').on(t.monitorId, t.startedAt.desc()),
  index('checks_started_idx').on(t.startedAt),
]);

/**
 * One row per monitor and hour. Counts give uptime; the per-phase samples (one entry per check,
 * at most 120 an hour at the 30 s minimum interval) give exact p50/p95 without touching raw rows.
 */
export const checkRollups = pgTable('check_rollups', {
  monitorId: text('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
  hour: timestamp('hour', { withTimezone: true }).notNull(),
  checks: integer('checks').notNull().default(0),
  up: integer('up').notNull().default(0),
  degraded: integer('degraded').notNull().default(0),
  down: integer('down').notNull().default(0),
  totalMs: integer('total_ms').array().notNull().default(sql`'{}'::integer[]`),
  /** Phase name -> milliseconds of each check that ran the phase. */
  phaseMs: jsonb('phase_ms').$type<Record<string, number[]>>().notNull().default({}),
}, (t) => [primaryKey({ columns: [t.monitorId, t.hour] })]);
