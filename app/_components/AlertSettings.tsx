'use client';
import { Badge, Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field, FormError } from './Field';

interface Channel { id: string; name: string; type: 'email' | 'slack' | 'webhook'; config: { to?: string[]; url?: string } }
interface Relay { host: string; port: number; security: 'none' | 'starttls' | 'tls'; username: string | null; fromAddress: string; hasPassword: boolean }
interface Attempt { id: number; channelName: string; event: string; status: string; attempts: number; lastError: string | null; createdAt: string }

async function send(url: string, method: string, body?: unknown) {
  const response = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined });
  const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
  return { ok: response.ok, data, error: response.ok ? undefined : (data.error ?? `The server answered ${response.status}.`) };
}

const select = 'mt-1 block w-full rounded-tremor-default border-tremor-border text-tremor-default shadow-tremor-input';

export function AlertSettings({ channels, relay, attempts }: { channels: Channel[]; relay?: Relay; attempts: Attempt[] }) {
  const router = useRouter();
  const [type, setType] = useState<Channel['type']>('webhook');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [relayError, setRelayError] = useState<string>();
  const [relayNotice, setRelayNotice] = useState<string>();

  async function addChannel(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const f = Object.fromEntries(new FormData(formElement)) as Record<string, string>;
    const body = type === 'email' ? { type, name: f.name, to: f.to.split(/[\s,;]+/).filter(Boolean) }
      : type === 'slack' ? { type, name: f.name, webhookUrl: f.url } : { type, name: f.name, url: f.url, secret: f.secret || undefined };
    const result = await send('/api/v1/channels', 'POST', body);
    setError(result.error);
    if (!result.ok) return;
    formElement.reset();
    setNotice(result.data.signingSecret ? `Channel added. Its signing secret, shown only now: ${result.data.signingSecret}` : 'Channel added.');
    router.refresh();
  }

  async function test(channel: Channel) {
    setNotice(undefined);
    const result = await send(`/api/v1/channels/${channel.id}/test`, 'POST');
    if (result.error) setError(result.error);
    else setNotice(result.data.ok ? `Test sent to ${channel.name}.` : `Test to ${channel.name} failed: ${result.data.error}`);
    router.refresh();
  }

  async function saveRelay(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const result = await send('/api/v1/settings/relay', 'PUT', { ...f, port: Number(f.port) });
    setRelayError(result.error);
    setRelayNotice(result.ok ? 'Saved.' : undefined);
    router.refresh();
  }

  return (
    <>
      <Card>
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Alert channels</h2>
        <p className="mt-1 text-tremor-default text-tremor-content">Each monitor picks the channels that hear about its incidents.</p>
        {channels.length > 0 && (
          <Table className="mt-4" data-testid="channel-table">
            <TableHead><TableRow><TableHeaderCell>Name</TableHeaderCell><TableHeaderCell>Type</TableHeaderCell><TableHeaderCell>Sends to</TableHeaderCell><TableHeaderCell /></TableRow></TableHead>
            <TableBody>
              {channels.map((c) => (
                <TableRow key={c.id} data-testid="channel-row">
                  <TableCell className="font-medium text-tremor-content-strong">{c.name}</TableCell>
                  <TableCell><Badge>{c.type}</Badge></TableCell>
                  <TableCell className="whitespace-normal">{c.type === 'email' ? c.config.to?.join(', ') : c.type === 'webhook' ? c.config.url : 'Slack incoming webhook'}</TableCell>
                  <TableCell className="space-x-2 text-right">
                    <Button size="xs" variant="secondary" onClick={() => test(c)}>Send test</Button>
                    <Button size="xs" variant="light" color="red" onClick={async () => {
                      if (confirm(`Delete the channel ${c.name}?`)) { const r = await send(`/api/v1/channels/${c.id}`, 'DELETE'); setError(r.error); router.refresh(); }
                    }}>Delete</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {notice && <p role="status" className="mt-3 break-all text-tremor-default text-emerald-700">{notice}</p>}
        <form onSubmit={addChannel} className="mt-6 grid gap-4 border-t border-tremor-border pt-6 sm:grid-cols-2" aria-label="Add a channel">
          <h3 className="text-tremor-default font-semibold sm:col-span-2">Add a channel</h3>
          <label className="block"><span className="text-tremor-default font-medium text-tremor-content-emphasis">Type</span>
            <select aria-label="Type" name="type" className={select} value={type} onChange={(e) => setType(e.target.value as Channel['type'])}>
              <option value="webhook">Webhook (JSON, HMAC-signed)</option><option value="slack">Slack</option><option value="email">Email</option>
            </select>
          </label>
          <Field label="Name" name="name" required />
          {type === 'email' && <div className="sm:col-span-2"><Field label="Recipients (comma-separated)" name="to" required /></div>}
          {type !== 'email' && <div className="sm:col-span-2"><Field label={type === 'slack' ? 'Slack webhook URL' : 'URL'} name="url" type="url" required /></div>}
          {type === 'webhook' && <div className="sm:col-span-2"><Field label="Signing secret (leave empty to generate one)" name="secret" autoComplete="off" /></div>}
          <div className="sm:col-span-2"><FormError message={error} /></div>
          <div><Button type="submit">Add channel</Button></div>
        </form>
      </Card>

      <Card className="mt-6">
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Email relay for alerts</h2>
        <p className="mt-1 text-tremor-default text-tremor-content">Alert emails go out through this SMTP server. Use one you do not monitor, so an outage cannot silence its own alert.</p>
        <form onSubmit={saveRelay} className="mt-4 grid gap-4 sm:grid-cols-3" aria-label="Email relay">
          <div className="sm:col-span-2"><Field label="SMTP host" name="host" required defaultValue={relay?.host} /></div>
          <Field label="Port" name="port" type="number" required defaultValue={relay?.port ?? 587} />
          <label className="block"><span className="text-tremor-default font-medium text-tremor-content-emphasis">Security</span>
            <select aria-label="Security" name="security" className={select} defaultValue={relay?.security ?? 'starttls'}>
              <option value="starttls">STARTTLS</option><option value="tls">Implicit TLS</option><option value="none">None</option>
            </select>
          </label>
          <Field label="Username" name="username" defaultValue={relay?.username ?? ''} autoComplete="off" />
          <Field label={relay?.hasPassword ? 'Password (leave empty to keep)' : 'Password'} name="password" type="password" autoComplete="new-password" />
          <div className="sm:col-span-2"><Field label="From address" name="fromAddress" type="email" required defaultValue={relay?.fromAddress} /></div>
          <div className="sm:col-span-3"><FormError message={relayError} />{relayNotice && <p role="status" className="text-tremor-default text-emerald-700">{relayNotice}</p>}</div>
          <div><Button type="submit">Save relay</Button></div>
        </form>
      </Card>

      <Card className="mt-6">
        <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Recent notifications</h2>
        {attempts.length === 0 ? <p className="mt-2 text-tremor-default text-tremor-content">None sent yet.</p> : (
          <Table className="mt-2" data-testid="notification-table">
            <TableHead><TableRow><TableHeaderCell>When</TableHeaderCell><TableHeaderCell>Channel</TableHeaderCell><TableHeaderCell>Event</TableHeaderCell><TableHeaderCell>Outcome</TableHeaderCell></TableRow></TableHead>
            <TableBody>
              {attempts.map((a) => (
                <TableRow key={a.id}>
                  <TableCell className="tabular-nums">{a.createdAt.replace('T', ' ').slice(0, 19)} UTC</TableCell>
                  <TableCell>{a.channelName}</TableCell>
                  <TableCell>{a.event}</TableCell>
                  <TableCell className="whitespace-normal">
                    <Badge color={a.status === 'sent' ? 'emerald' : a.status === 'failed' ? 'red' : 'amber'}>{a.status}</Badge>{' '}
                    {a.attempts} attempt{a.attempts === 1 ? '' : 's'}{a.lastError ? ` · ${a.lastError}` : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
