// Instance-wide settings: one row that also records that first-run setup is done.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './team';

export const instance = pgTable('instance', {
  // Always 1: claiming the row with INSERT … ON CONFLICT DO NOTHING makes setup race-safe.
  id: integer('id').primaryKey().default(1),
  ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
  setupCompletedAt: timestamp('setup_completed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('instance_single_row', sql`${t.id} = 1`)]);
