// Notifications: one row per channel and event, delivered by a durable job and retried on failure.
// Every attempt is recorded on the row (attempts, last error, sent time).
import { eq, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import { alertChannels, monitorChannels, monitors, notifications, type NotificationEvent } from '../db/schema';
import type { SecretBox } from '../lib/crypto';
import { AppError } from '../lib/errors';
import { sendEmail, type Relay } from './channels/email';
import { sendSlack } from './channels/slack';
import { sendWebhook } from './channels/webhook';
import type { IncidentEvent } from './incidents';
import { buildAlert, type AlertContext } from './message';

export const NOTIFY_QUEUE = 'notify';
/** Attempts per notification: the first and four retries with backoff (about 15 s, 30 s, 60 s, 120 s). */
export const MAX_ATTEMPTS = 5;

export interface NotifyDeps {
  db: Db;
  box: SecretBox;
  loadRelay(): Promise<Relay | undefined>;
  /** Base URL for links to monitor pages, when known. */
  publicUrl?: string;
  now?: () => Date;
}

/** Records a notification for every channel of the monitor and queues their delivery. */
export async function queueIncidentNotifications(db: Db, jobs: PgBoss, event: IncidentEvent, publicUrl?: string): Promise<number[]> {
  const [monitor] = await db.select().from(monitors).where(eq(monitors.id, event.incident.monitorId));
  if (!monitor) return [];
  const channels = await db.select({ id: monitorChannels.channelId }).from(monitorChannels).where(eq(monitorChannels.monitorId, monitor.id));
  if (channels.length === 0) return [];
  const context: AlertContext = {
    event: event.event,
    at: event.incident.resolvedAt ?? new Date(),
    monitor: { id: monitor.id, name: monitor.name, target: monitor.target, port: monitor.port },
    incident: event.incident,
    url: publicUrl ? `${publicUrl.replace(/\/$/, '')}/monitors/${monitor.id}` : undefined,
  };
  const payload = buildAlert(context).json;
  const rows = await db.insert(notifications)
    .values(channels.map((c) => ({ channelId: c.id, incidentId: event.incident.id, event: event.event, payload })))
    .returning({ id: notifications.id });
  for (const row of rows) {
    await jobs.send(NOTIFY_QUEUE, { id: row.id }, { retryLimit: MAX_ATTEMPTS - 1, retryDelay: 15, retryBackoff: true });
  }
  return rows.map((r) => r.id);
}

/**
 * Delivers one notification. Throws while attempts remain so the job queue retries it; after the
 * last attempt the row is marked failed and the error is kept.
 */
export async function deliverNotification(deps: NotifyDeps, id: number): Promise<'sent' | 'failed' | 'skipped'> {
  const { db } = deps;
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  if (!row || row.status !== 'pending') return 'skipped';
  const [channel] = await db.select().from(alertChannels).where(eq(alertChannels.id, row.channelId));
  try {
    if (!channel) throw new Error('the channel was deleted');
    await sendToChannel(deps, channel, row.payload as AlertPayload);
    await db.update(notifications).set({ status: 'sent', attempts: sql`${notifications.attempts} + 1`, sentAt: (deps.now ?? (() => new Date()))(), lastError: null })
      .where(eq(notifications.id, id));
    return 'sent';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const [updated] = await db.update(notifications)
      .set({ attempts: sql`${notifications.attempts} + 1`, lastError: message.slice(0, 1000) })
      .where(eq(notifications.id, id)).returning({ attempts: notifications.attempts });
    if (!channel || updated.attempts >= MAX_ATTEMPTS) {
      await db.update(notifications).set({ status: 'failed' }).where(eq(notifications.id, id));
      return 'failed';
    }
    throw error;
  }
}

/** "Send test": delivers at once and says how it went; the attempt is logged like any other. */
export async function sendTestNotification(deps: NotifyDeps, channelId: string): Promise<{ ok: boolean; error?: string }> {
  const { db } = deps;
  const [channel] = await db.select().from(alertChannels).where(eq(alertChannels.id, channelId));
  if (!channel) throw new AppError(404, 'No such alert channel.');
  const payload = buildAlert({ event: 'test', at: (deps.now ?? (() => new Date()))(), monitor: { id: 'test', name: 'Test', target: 'mailpulse', port: 0 } }).json;
  const [row] = await db.insert(notifications).values({ channelId, event: 'test', payload }).returning({ id: notifications.id });
  try {
    await sendToChannel(deps, channel, payload as AlertPayload);
    await db.update(notifications).set({ status: 'sent', attempts: 1, sentAt: new Date() }).where(eq(notifications.id, row.id));
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.update(notifications).set({ status: 'failed', attempts: 1, lastError: message.slice(0, 1000) }).where(eq(notifications.id, row.id));
    return { ok: false, error: message };
  }
}

type AlertPayload = ReturnType<typeof buildAlert>['json'] & { event: NotificationEvent };

async function sendToChannel(deps: NotifyDeps, channel: typeof alertChannels.$inferSelect, payload: AlertPayload) {
  const message = messageFromPayload(payload);
  const secret = channel.secretEncrypted ? deps.box.open(channel.secretEncrypted) : '';
  switch (channel.config.type) {
    case 'email': {
      const relay = await deps.loadRelay();
      if (!relay) throw new Error('no email relay is configured in Settings');
      return sendEmail(relay, channel.config.to, message);
    }
    case 'slack':
      return sendSlack(secret, message);
    case 'webhook':
      return sendWebhook(channel.config.url, secret, message, deps.now?.());
  }
}

/** Rebuilds the message from the stored payload, so a retry sends exactly what the first try did. */
function messageFromPayload(payload: AlertPayload) {
  const incident = payload.incident as null | { id: number; severity: 'down' | 'degraded'; causeCode: string; causeMessage: string; openedAt: string; resolvedAt: string | null };
  return buildAlert({
    event: payload.event,
    at: new Date(String(payload.at)),
    monitor: payload.monitor as AlertContext['monitor'],
    incident: incident ? { ...incident, openedAt: new Date(incident.openedAt), resolvedAt: incident.resolvedAt ? new Date(incident.resolvedAt) : null } : undefined,
    url: (payload.url as string | null) ?? undefined,
  });
}
