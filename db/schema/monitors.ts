// SMTP monitors: what to check, how often, and the state the scheduler keeps between checks.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Expectations, Security } from '../../probe/types';
import { users } from './team';

export type MonitorStatus = 'pending' | 'up' | 'degraded' | 'down';

export const monitors = pgTable('monitors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** 'host': one server; 'domain': every MX host of the domain, in preference order. */
  targetKind: text('target_kind').$type<'host' | 'domain'>().notNull().default('host'),
  target: text('target').notNull(),
  port: integer('port').notNull(),
  security: text('security').$type<Security>().notNull(),
  ehloName: text('ehlo_name').notNull(),
  authUsername: text('auth_username'),
  /** AES-256-GCM under the instance secret (lib/crypto.ts); never sent back to the browser. */
  authPasswordEncrypted: text('auth_password_encrypted'),
  authMechanism: text('auth_mechanism').$type<'PLAIN' | 'LOGIN'>(),
  intervalSeconds: integer('interval_seconds').notNull(),
  timeoutMs: integer('timeout_ms').notNull(),
  expectations: jsonb('expectations').$type<Expectations>().notNull().default({}),
  failuresToDown: integer('failures_to_down').notNull().default(2),
  successesToUp: integer('successes_to_up').notNull().default(1),
  paused: boolean('paused').notNull().default(false),

  status: text('status').$type<MonitorStatus>().notNull().default('pending'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  consecutiveSuccesses: integer('consecutive_successes').notNull().default(0),
  /** When the next check is due; the scheduler claims due rows with FOR UPDATE SKIP LOCKED. */
  nextCheckAt: timestamp('next_check_at', { withTimezone: true }).notNull().defaultNow(),
  /** Set while a check runs, so a monitor never overlaps itself; a crashed worker's lease expires. */
  claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  lastCheckAt: timestamp('last_check_at', { withTimezone: true }),
  lastResponseMs: integer('last_response_ms'),
  certExpiresAt: timestamp('cert_expires_at', { withTimezone: true }),
  lastFailureCode: text('last_failure_code'),
  lastFailureMessage: text('last_failure_message'),

  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('monitors_interval_range', sql`${t.intervalSeconds} between 30 and 86400`),
  check('monitors_timeout_range', sql`${t.timeoutMs} between 1000 and 120000`),
  check('monitors_port_range', sql`${t.port} between 1 and 65535`),
  // scheduler: due, active monitors in due order
  index('monitors_due_idx').on(t.nextCheckAt).where(sql`not ${t.paused}`),
]);

const extensionName = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'Extension names are letters, digits and dashes');
const hostName = z.string().trim().toLowerCase().min(1, 'Enter a host or domain').max(253, 'Host name is too long')
  .regex(/^(\[?[0-9a-f:.]+\]?|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?)$/, 'Enter a host name, domain or IP address');

export const expectationsSchema = z.object({
  bannerPattern: z.string().max(500).optional().refine((p) => {
    if (!p) return true;
    try { new RegExp(p); return true; } catch { return false; }
  }, 'Banner pattern is not a valid regular expression'),
  requiredExtensions: z.array(extensionName).max(20).optional(),
  minTlsVersion: z.enum(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']).optional(),
  certWarningDays: z.number().int().min(0, 'Certificate warning must be 0-365 days').max(365, 'Certificate warning must be 0-365 days').optional(),
  maxResponseMs: z.number().int().min(1).max(600_000).optional(),
  // partialRecord: in zod 4 a record keyed by an enum requires every key.
  maxPhaseMs: z.partialRecord(z.enum(['dns', 'connect', 'tls', 'banner', 'ehlo', 'starttls', 'ehlo2', 'auth', 'quit']),
    z.number().int().min(1, 'Phase limits must be 1-600000 ms').max(600_000, 'Phase limits must be 1-600000 ms')).optional(),
});

/** What a person submits to create or edit a monitor. */
export const monitorInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Name is too long'),
  targetKind: z.enum(['host', 'domain']).default('host'),
  target: hostName,
  port: z.coerce.number().int().min(1, 'Port must be 1-65535').max(65535, 'Port must be 1-65535'),
  security: z.enum(['none', 'starttls', 'starttls-required', 'tls']),
  ehloName: z.string().trim().min(1, 'Enter the EHLO name').max(253).default('mailpulse.localhost'),
  auth: z.object({
    username: z.string().min(1, 'Enter the AUTH username').max(256),
    /** Omitted on edit to keep the stored password. */
    password: z.string().min(1, 'Enter the AUTH password').max(1024).optional(),
    mechanism: z.enum(['PLAIN', 'LOGIN']).optional(),
  }).nullable().optional(),
  intervalSeconds: z.coerce.number().int().min(30, 'Interval must be between 30 seconds and 24 hours')
    .max(86_400, 'Interval must be between 30 seconds and 24 hours').default(60),
  timeoutMs: z.coerce.number().int().min(1000, 'Timeout must be between 1 and 120 seconds')
    .max(120_000, 'Timeout must be between 1 and 120 seconds').default(10_000),
  expectations: expectationsSchema.default({}),
  failuresToDown: z.coerce.number().int().min(1).max(10).default(2),
  successesToUp: z.coerce.number().int().min(1).max(10).default(1),
  paused: z.boolean().default(false),
  channelIds: z.array(z.string()).max(50).default([]),
});
export type MonitorInput = z.infer<typeof monitorInputSchema>;
