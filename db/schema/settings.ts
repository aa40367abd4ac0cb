// Instance-wide settings: one row that also records that first-run setup is done.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { users } from './team';

export const instance = pgTable('instance', {
  // Always 1: claiming the row with INSERT … ON CONFLICT DO NOTHING makes setup race-safe.
  id: integer('id').primaryKey().default(1),
  ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
  setupCompletedAt: timestamp('setup_completed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('instance_single_row', sql`${t.id} = 1`)]);

/** The SMTP server alert emails go out through (never a monitored one). One row, id 1. */
export const alertRelay = pgTable('alert_relay', {
  id: integer('id').primaryKey().default(1),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  security: text('security').$type<'none' | 'starttls' | 'tls'>().notNull(),
  username: text('username'),
  passwordEncrypted: text('password_encrypted'),
  fromAddress: text('from_address').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('alert_relay_single_row', sql`${t.id} = 1`)]);

export const alertRelayInputSchema = z.object({
  host: z.string().trim().min(1, 'Enter the SMTP host').max(253),
  port: z.coerce.number().int().min(1, 'Port must be 1-65535').max(65535, 'Port must be 1-65535'),
  security: z.enum(['none', 'starttls', 'tls']),
  username: z.string().max(256).optional().transform((v) => (v ? v : undefined)),
  /** Omitted to keep the stored password. */
  password: z.string().max(1024).optional().transform((v) => (v ? v : undefined)),
  fromAddress: z.email({ error: 'Enter the From address' }),
});
