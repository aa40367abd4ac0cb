// Incidents: one per outage of a monitor, opened and resolved race-safely, with comments.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { monitors } from './monitors';
import { users } from './team';

export const incidents = pgTable('incidents', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  monitorId: text('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
  /** 'down' or 'degraded'; escalates to 'down' if the monitor goes down during the incident. */
  severity: text('severity').$type<'down' | 'degraded'>().notNull(),
  causeCode: text('cause_code').notNull(),
  causeMessage: text('cause_message').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
}, (t) => [
  // at most one open incident per monitor: opening is INSERT … ON CONFLICT DO NOTHING
  uniqueIndex('incidents_one_open_idx').on(t.monitorId).where(sql`${t.resolvedAt} is null`),
  // incidents page and monitor page: newest first
  index('incidents_monitor_opened_idx').on(t.monitorId, t.openedAt.desc()),
  index('incidents_opened_idx').on(t.openedAt.desc()),
]);

export const incidentComments = pgTable('incident_comments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  incidentId: bigint('incident_id', { mode: 'number' }).notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('incident_comments_incident_idx').on(t.incidentId, t.createdAt)]);

export const commentInputSchema = z.object({
  body: z.string().trim().min(1, 'Write a comment').max(5000, 'Comments are limited to 5,000 characters'),
});
