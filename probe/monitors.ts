// Creating, editing, pausing and deleting monitors, and turning a stored monitor into what the
// SMTP check needs. Passwords are sealed on the way in and opened only to run a check.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { alertChannels, monitorChannels, monitorInputSchema, monitors, type MonitorInput } from '../db/schema';
import type { SecretBox } from '../lib/crypto';
import { AppError } from '../lib/errors';
import type { CheckTarget } from './types';

export type Monitor = typeof monitors.$inferSelect;

export async function createMonitor(db: Db, box: SecretBox, input: unknown, createdBy?: string, now = new Date()) {
  const data = monitorInputSchema.parse(input);
  if (data.auth && !data.auth.password) throw new AppError(400, 'Enter the AUTH password');
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(monitors).values({
      id, ...columns(data, box), createdBy,
      // The first check runs at once, so a new monitor shows a result right away.
      nextCheckAt: now,
    });
    await setChannels(tx as unknown as Db, id, data.channelIds);
  });
  return { id };
}

export async function updateMonitor(db: Db, box: SecretBox, id: string, input: unknown, now = new Date()) {
  const data = monitorInputSchema.parse(input);
  const existing = await getMonitor(db, id);
  const values = columns(data, box);
  if (data.auth && !data.auth.password) {
    // Editing without retyping the password keeps the stored one, for the same username.
    if (!existing.authPasswordEncrypted) throw new AppError(400, 'Enter the AUTH password');
    values.authPasswordEncrypted = existing.authPasswordEncrypted;
  }
  await db.transaction(async (tx) => {
    await tx.update(monitors).set({ ...values, updatedAt: now, nextCheckAt: now }).where(eq(monitors.id, id));
    await setChannels(tx as unknown as Db, id, data.channelIds);
  });
}

export async function setPaused(db: Db, id: string, paused: boolean, now = new Date()) {
  const updated = await db.update(monitors)
    .set(paused ? { paused, updatedAt: now } : { paused, updatedAt: now, nextCheckAt: now })
    .where(eq(monitors.id, id)).returning({ id: monitors.id });
  if (updated.length === 0) throw new AppError(404, 'No such monitor.');
}

export async function deleteMonitor(db: Db, id: string) {
  const deleted = await db.delete(monitors).where(eq(monitors.id, id)).returning({ id: monitors.id });
  if (deleted.length === 0) throw new AppError(404, 'No such monitor.');
}

/** Asks the scheduler to check this monitor at its next pass (within about a second). */
export async function requestCheckNow(db: Db, id: string, now = new Date()) {
  const updated = await db.update(monitors).set({ nextCheckAt: now })
    .where(eq(monitors.id, id)).returning({ id: monitors.id });
  if (updated.length === 0) throw new AppError(404, 'No such monitor.');
}

export async function getMonitor(db: Db, id: string): Promise<Monitor> {
  const [row] = await db.select().from(monitors).where(eq(monitors.id, id));
  if (!row) throw new AppError(404, 'No such monitor.');
  return row;
}

/** What checkSmtp/checkDomain need; the only place a stored password is opened. */
export function toCheckTarget(monitor: Monitor, box: SecretBox): Omit<CheckTarget, 'host'> & { host: string } {
  return {
    host: monitor.target,
    port: monitor.port,
    security: monitor.security,
    ehloName: monitor.ehloName,
    timeoutMs: monitor.timeoutMs,
    expectations: monitor.expectations,
    auth: monitor.authUsername && monitor.authPasswordEncrypted
      ? { username: monitor.authUsername, password: box.open(monitor.authPasswordEncrypted), mechanism: monitor.authMechanism ?? undefined }
      : undefined,
  };
}

function columns(data: MonitorInput, box: SecretBox) {
  return {
    name: data.name,
    targetKind: data.targetKind,
    target: data.target.replace(/\.$/, ''),
    port: data.port,
    security: data.security,
    ehloName: data.ehloName,
    authUsername: data.auth?.username ?? null,
    authPasswordEncrypted: data.auth?.password ? box.seal(data.auth.password) : null,
    authMechanism: data.auth?.mechanism ?? null,
    intervalSeconds: data.intervalSeconds,
    timeoutMs: data.timeoutMs,
    expectations: data.expectations,
    failuresToDown: data.failuresToDown,
    successesToUp: data.successesToUp,
    paused: data.paused,
  };
}

async function setChannels(db: Db, monitorId: string, channelIds: string[]) {
  await db.delete(monitorChannels).where(eq(monitorChannels.monitorId, monitorId));
  if (channelIds.length === 0) return;
  const known = await db.select({ id: alertChannels.id }).from(alertChannels).where(inArray(alertChannels.id, channelIds));
  if (known.length !== new Set(channelIds).size) throw new AppError(400, 'One of the chosen alert channels does not exist.');
  await db.insert(monitorChannels).values(known.map((c) => ({ monitorId, channelId: c.id })));
}
