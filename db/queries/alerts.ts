// Read models for alert settings: channels (never their secrets), the relay, recent notifications.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { alertChannels, alertRelay, notifications } from '../schema';

export async function listChannels(db: Db) {
  const rows = await db.select().from(alertChannels).orderBy(alertChannels.name);
  return rows.map(({ secretEncrypted, ...rest }) => ({ ...rest, hasSecret: secretEncrypted !== null }));
}

export async function relaySettings(db: Db) {
  const [row] = await db.select().from(alertRelay).where(eq(alertRelay.id, 1));
  if (!row) return undefined;
  const { passwordEncrypted, ...rest } = row;
  return { ...rest, hasPassword: passwordEncrypted !== null };
}

export async function recentNotifications(db: Db, limit = 20) {
  return db.select({
    id: notifications.id, channelName: alertChannels.name, event: notifications.event, status: notifications.status,
    attempts: notifications.attempts, lastError: notifications.lastError, createdAt: notifications.createdAt, sentAt: notifications.sentAt,
  }).from(notifications).innerJoin(alertChannels, eq(alertChannels.id, notifications.channelId))
    .orderBy(desc(notifications.createdAt)).limit(limit);
}
