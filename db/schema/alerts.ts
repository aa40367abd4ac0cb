// Alert channels, which monitors use them, and every notification attempt with its outcome.
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { incidents } from './incidents';
import { monitors } from './monitors';

export type ChannelType = 'email' | 'slack' | 'webhook';

/**
 * Non-secret settings per type. Secrets (Slack webhook URL, webhook signing secret) are stored
 * encrypted in `secretEncrypted` and never sent back to the browser.
 */
export type ChannelConfig =
  | { type: 'email'; to: string[] }
  | { type: 'slack' }
  | { type: 'webhook'; url: string };

export const alertChannels = pgTable('alert_channels', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type').$type<ChannelType>().notNull(),
  config: jsonb('config').$type<ChannelConfig>().notNull(),
  secretEncrypted: text('secret_encrypted'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const monitorChannels = pgTable('monitor_channels', {
  monitorId: text('monitor_id').notNull().references(() => monitors.id, { onDelete: 'cascade' }),
  channelId: text('channel_id').notNull().references(() => alertChannels.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.monitorId, t.channelId] }), index('monitor_channels_channel_idx').on(t.channelId)]);

export type NotificationEvent = 'incident.opened' | 'incident.escalated' | 'incident.resolved' | 'test';

export const notifications = pgTable('notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channelId: text('channel_id').notNull().references(() => alertChannels.id, { onDelete: 'cascade' }),
  incidentId: bigint('incident_id', { mode: 'number' }).references(() => incidents.id, { onDelete: 'cascade' }),
  event: text('event').$type<NotificationEvent>().notNull(),
  payload: jsonb('payload').notNull(),
  /** pending until delivered or out of retries. */
  status: text('status').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [
  // settings page: latest attempts per channel
  index('notifications_channel_created_idx').on(t.channelId, t.createdAt.desc()),
  index('notifications_incident_idx').on(t.incidentId),
]);

const httpUrl = z.url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL' });

export const channelInputSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('email'),
    name: z.string().trim().min(1, 'Enter a name').max(100),
    to: z.array(z.email({ error: 'Enter valid email addresses' })).min(1, 'Enter at least one address').max(20),
  }),
  z.object({
    type: z.literal('slack'),
    name: z.string().trim().min(1, 'Enter a name').max(100),
    webhookUrl: httpUrl,
  }),
  z.object({
    type: z.literal('webhook'),
    name: z.string().trim().min(1, 'Enter a name').max(100),
    url: httpUrl,
    /** HMAC-SHA256 signing secret; generated when omitted. */
    secret: z.string().min(16, 'The signing secret needs at least 16 characters').max(256).optional(),
  }),
], { error: 'Choose email, slack or webhook' });
export type ChannelInput = z.infer<typeof channelInputSchema>;
