// Alert channels and monitors as admins and editors set them up: validation, sealed secrets,
// and a test message through each kind of channel to a real local peer.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { listChannels, recentNotifications, relaySettings } from '../../db/queries/alerts';
import { alertChannels, alertRelay, monitors } from '../../db/schema';
import { sendTestNotification, type NotifyDeps } from '../../alert/notify';
import { createChannel, deleteChannel, loadRelay, saveRelay } from '../../alert/settings';
import { secretBox } from '../../lib/crypto';
import { createMonitor, getMonitor, toCheckTarget, updateMonitor } from '../../probe/monitors';
import { createTestDatabase } from '../helpers/db';
import { HttpSink, ToggleSmtpServer } from '../helpers/servers';

let database: Database;
let relay: ToggleSmtpServer;
let sink: HttpSink;
let notify: NotifyDeps;
const box = secretBox('r'.repeat(43));

beforeAll(async () => {
  database = await createTestDatabase();
  relay = await new ToggleSmtpServer({
    allowInsecureAuth: true,
    // Accepts only the relay credentials saved below: proves the sealed password is opened and used.
    onAuth(auth, _session, callback) {
      if (auth.username === 'alerts' && auth.password === 'relay-pass-1') callback(null, { user: 'alerts' });
      else callback(new Error('Invalid username or password'));
    },
  }).start();
  sink = await new HttpSink().start();
  notify = { db: database.db, box, loadRelay: () => loadRelay(database.db, box), now: () => new Date('2026-11-28T12:00:00Z') };
});
afterAll(async () => {
  await relay?.stop();
  await sink?.stop();
  await database?.close();
});

describe('alert channels', () => {
  it('rejects bad channels with a clear message', async () => {
    await expect(createChannel(database.db, box, { type: 'email', name: 'Ops', to: ['not an address'] }))
      .rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'Enter valid email addresses' })] });
    await expect(createChannel(database.db, box, { type: 'webhook', name: 'Hook', url: 'ftp://example.com' }))
      .rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'Enter an http:// or https:// URL' })] });
    await expect(createChannel(database.db, box, { type: 'pager', name: 'X' }))
      .rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'Choose email, slack or webhook' })] });
  });

  it('says plainly when no email relay is configured', async () => {
    const { id } = await createChannel(database.db, box, { type: 'email', name: 'Ops mail', to: ['ops@example.com'] });
    expect(await sendTestNotification(notify, id)).toEqual({ ok: false, error: 'no email relay is configured in Settings' });
    await deleteChannel(database.db, id);
  });

  it('sends a test email through the configured relay, never storing its password in clear', async () => {
    await saveRelay(database.db, box, { host: '127.0.0.1', port: relay.port, security: 'none', username: 'alerts', password: 'relay-pass-1', fromAddress: 'mailpulse@example.com' });
    const [stored] = await database.db.select().from(alertRelay);
    expect(stored.passwordEncrypted).not.toContain('relay-pass-1');
    expect(await relaySettings(database.db)).toMatchObject({ host: '127.0.0.1', username: 'alerts', hasPassword: true });
    expect(JSON.stringify(await relaySettings(database.db))).not.toContain('relay-pass');
    // Saving again without a password keeps the stored one.
    await saveRelay(database.db, box, { host: '127.0.0.1', port: relay.port, security: 'none', username: 'alerts', fromAddress: 'mailpulse@example.com' });
    expect((await loadRelay(database.db, box))?.password).toBe('relay-pass-1');

    const { id } = await createChannel(database.db, box, { type: 'email', name: 'Ops mail', to: ['ops@example.com', 'oncall@example.com'] });
    expect(await sendTestNotification(notify, id)).toEqual({ ok: true });
    expect(relay.messages).toHaveLength(1);
    expect(relay.messages[0].from).toBe('mailpulse@example.com');
    expect(relay.messages[0].to).toEqual(['ops@example.com', 'oncall@example.com']);
    expect(relay.messages[0].raw).toContain('Subject: [Mailpulse] TEST: alerts from Mailpulse reach this channel');
  });

  it('posts a Slack message and keeps the webhook URL secret', async () => {
    const { id } = await createChannel(database.db, box, { type: 'slack', name: 'Slack #ops', webhookUrl: sink.url('/services/T0/B0/xyz') });
    const [row] = await database.db.select().from(alertChannels).where(eq(alertChannels.id, id));
    expect(JSON.stringify(row)).not.toContain('/services/T0/B0/xyz');
    expect((await listChannels(database.db)).find((c) => c.id === id)).toEqual(expect.objectContaining({ type: 'slack', hasSecret: true }));
    expect(await sendTestNotification(notify, id)).toEqual({ ok: true });
    const request = sink.requests.at(-1)!;
    expect(request.path).toBe('/services/T0/B0/xyz');
    expect(JSON.parse(request.body)).toMatchObject({ text: '[Mailpulse] TEST: alerts from Mailpulse reach this channel' });
  });

  it('logs a failed test with the error the receiver gave', async () => {
    sink.statuses.push(404);
    const { id } = await createChannel(database.db, box, { type: 'webhook', name: 'Broken hook', url: sink.url('/missing'), secret: 'sixteen-chars-secret' });
    expect(await sendTestNotification(notify, id)).toEqual({ ok: false, error: 'HTTP 404: sink says no' });
    const [latest] = await recentNotifications(database.db, 1);
    expect(latest).toMatchObject({ channelName: 'Broken hook', event: 'test', status: 'failed', attempts: 1, lastError: 'HTTP 404: sink says no' });
  });
});

describe('monitors', () => {
  it('validates input with messages a person can act on', async () => {
    const bad = { name: 'X', target: 'not a host!', port: 70000, security: 'starttls', intervalSeconds: 5 };
    await expect(createMonitor(database.db, box, bad)).rejects.toMatchObject({
      issues: [
        expect.objectContaining({ path: ['target'], message: 'Enter a host name, domain or IP address' }),
        expect.objectContaining({ path: ['port'], message: 'Port must be 1-65535' }),
        expect.objectContaining({ path: ['intervalSeconds'], message: 'Interval must be between 30 seconds and 24 hours' }),
      ],
    });
    await expect(createMonitor(database.db, box, { name: 'X', target: 'mx.example.com', port: 25, security: 'none', expectations: { bannerPattern: '(' } }))
      .rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'Banner pattern is not a valid regular expression' })] });
  });

  it('seals the AUTH password, keeps it on edit, and opens it only for the check', async () => {
    const { id } = await createMonitor(database.db, box, {
      name: 'Submission', target: 'SMTP.Example.com.', port: 587, security: 'starttls-required',
      auth: { username: 'probe@example.com', password: 'monitor-pass-1' }, expectations: { requiredExtensions: ['auth', 'starttls'] },
    });
    const stored = await getMonitor(database.db, id);
    expect(stored.target).toBe('smtp.example.com');
    expect(stored.expectations).toEqual({ requiredExtensions: ['AUTH', 'STARTTLS'] });
    expect(stored.authPasswordEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain('monitor-pass-1');

    await updateMonitor(database.db, box, id, { name: 'Submission 2', target: 'smtp.example.com', port: 587, security: 'starttls-required', auth: { username: 'probe@example.com' } });
    const edited = await getMonitor(database.db, id);
    expect(edited.name).toBe('Submission 2');
    expect(toCheckTarget(edited, box).auth).toEqual({ username: 'probe@example.com', password: 'monitor-pass-1', mechanism: undefined });

    await updateMonitor(database.db, box, id, { name: 'Submission 2', target: 'smtp.example.com', port: 587, security: 'starttls-required', auth: null });
    const [row] = await database.db.select().from(monitors).where(eq(monitors.id, id));
    expect([row.authUsername, row.authPasswordEncrypted]).toEqual([null, null]);
  });

  it('accepts limits for some phases only', async () => {
    const { id } = await createMonitor(database.db, box, { name: 'Phases', target: 'mx2.example.com', port: 25, security: 'none',
      expectations: { maxPhaseMs: { banner: 5000, ehlo: 2000 } } });
    expect((await getMonitor(database.db, id)).expectations).toEqual({ maxPhaseMs: { banner: 5000, ehlo: 2000 } });
    await expect(createMonitor(database.db, box, { name: 'Phases', target: 'mx2.example.com', port: 25, security: 'none',
      expectations: { maxPhaseMs: { banner: 0 } } })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'Phase limits must be 1-600000 ms' })] });
  });

  it('refuses a monitored server as the alert relay', async () => {
    await createMonitor(database.db, box, { name: 'Main MX', target: 'mx1.example.com', port: 25, security: 'none' });
    await expect(saveRelay(database.db, box, { host: 'MX1.example.com', port: 25, security: 'none', fromAddress: 'a@example.com' }))
      .rejects.toMatchObject({ status: 400, message: 'MX1.example.com:25 is monitored (Main MX): send alerts through a server you do not monitor.' });
  });

  it('refuses an unknown alert channel', async () => {
    await expect(createMonitor(database.db, box, { name: 'X', target: 'mx.example.com', port: 25, security: 'none', channelIds: ['nope'] }))
      .rejects.toMatchObject({ status: 400, message: 'One of the chosen alert channels does not exist.' });
  });
});
