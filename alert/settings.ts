// Alert channels and the email relay, as admins configure them. Secrets are sealed on the way in
// and never returned: the UI sees only whether one is set.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { alertChannels, alertRelay, alertRelayInputSchema, channelInputSchema, monitors, type ChannelConfig } from '../db/schema';
import type { SecretBox } from '../lib/crypto';
import { AppError } from '../lib/errors';
import type { Relay } from './channels/email';

export async function createChannel(db: Db, box: SecretBox, input: unknown) {
  const data = channelInputSchema.parse(input);
  let config: ChannelConfig;
  let secret: string | undefined;
  if (data.type === 'email') config = { type: 'email', to: data.to };
  else if (data.type === 'slack') { config = { type: 'slack' }; secret = data.webhookUrl; }
  else { config = { type: 'webhook', url: data.url }; secret = data.secret ?? randomBytes(24).toString('base64url'); }
  const id = randomUUID();
  await db.insert(alertChannels).values({ id, name: data.name, type: data.type, config, secretEncrypted: secret ? box.seal(secret) : null });
  // The webhook signing secret is shown once, at creation, so the receiver can be configured.
  return { id, signingSecret: data.type === 'webhook' ? secret : undefined };
}

export async function deleteChannel(db: Db, id: string) {
  const deleted = await db.delete(alertChannels).where(eq(alertChannels.id, id)).returning({ id: alertChannels.id });
  if (deleted.length === 0) throw new AppError(404, 'No such alert channel.');
}

export async function saveRelay(db: Db, box: SecretBox, input: unknown) {
  const data = alertRelayInputSchema.parse(input);
  // An outage of the relay would silence the very alert about it.
  const [monitored] = await db.select({ name: monitors.name }).from(monitors)
    .where(and(eq(monitors.target, data.host.toLowerCase().replace(/\.$/, '')), eq(monitors.port, data.port)));
  if (monitored) {
    throw new AppError(400, `${data.host}:${data.port} is monitored (${monitored.name}): send alerts through a server you do not monitor.`);
  }
  const [existing] = await db.select().from(alertRelay).where(eq(alertRelay.id, 1));
  const passwordEncrypted = data.password ? box.seal(data.password)
    : data.username && existing?.username === data.username ? existing.passwordEncrypted : null;
  const values = {
    host: data.host, port: data.port, security: data.security, username: data.username ?? null,
    passwordEncrypted, fromAddress: data.fromAddress, updatedAt: new Date(),
  };
  await db.insert(alertRelay).values({ id: 1, ...values }).onConflictDoUpdate({ target: alertRelay.id, set: values });
}

export async function loadRelay(db: Db, box: SecretBox): Promise<Relay | undefined> {
  const [row] = await db.select().from(alertRelay).where(eq(alertRelay.id, 1));
  if (!row) return undefined;
  return {
    host: row.host, port: row.port, security: row.security, fromAddress: row.fromAddress,
    username: row.username ?? undefined,
    password: row.passwordEncrypted ? box.open(row.passwordEncrypted) : undefined,
  };
}
