'use client';
import { Button, Card } from '@tremor/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field, FormError } from './Field';

export interface MonitorFormValues {
  name: string;
  targetKind: 'host' | 'domain';
  target: string;
  port: number;
  security: 'none' | 'starttls' | 'starttls-required' | 'tls';
  ehloName: string;
  authUsername: string;
  authMechanism: '' | 'PLAIN' | 'LOGIN';
  hasAuthPassword: boolean;
  intervalSeconds: number;
  timeoutMs: number;
  bannerPattern: string;
  requiredExtensions: string[];
  minTlsVersion: '' | 'TLSv1.2' | 'TLSv1.3';
  certWarningDays: number;
  maxResponseMs: number | null;
  /** Per-phase limits in ms; a slower phase makes the check degraded. */
  maxPhaseMs: Partial<Record<LimitedPhase, number>>;
  failuresToDown: number;
  successesToUp: number;
  channelIds: string[];
}

const limitedPhases = ['connect', 'banner', 'ehlo', 'starttls', 'auth'] as const;
type LimitedPhase = (typeof limitedPhases)[number];

export const emptyMonitor: MonitorFormValues = {
  name: '', targetKind: 'host', target: '', port: 587, security: 'starttls-required', ehloName: 'mailpulse.localhost',
  authUsername: '', authMechanism: '', hasAuthPassword: false, intervalSeconds: 60, timeoutMs: 10_000,
  bannerPattern: '', requiredExtensions: [], minTlsVersion: '', certWarningDays: 14, maxResponseMs: null, maxPhaseMs: {},
  failuresToDown: 2, successesToUp: 1, channelIds: [],
};

const extensions = ['STARTTLS', 'AUTH', 'SIZE', 'PIPELINING', '8BITMIME', 'SMTPUTF8', 'ENHANCEDSTATUSCODES', 'CHUNKING', 'DSN'];
const portFor = { none: 25, starttls: 587, 'starttls-required': 587, tls: 465 } as const;
const intervals = [[30, '30 seconds'], [60, '1 minute'], [300, '5 minutes'], [900, '15 minutes'], [3600, '1 hour'], [21_600, '6 hours'], [86_400, '24 hours']] as const;

const select = 'mt-1 block w-full rounded-tremor-default border-tremor-border text-tremor-default shadow-tremor-input';
const label = 'text-tremor-default font-medium text-tremor-content-emphasis';

export function MonitorForm({ monitorId, initial, channels }: {
  monitorId?: string; initial: MonitorFormValues; channels: Array<{ id: string; name: string; type: string }>;
}) {
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [useAuth, setUseAuth] = useState(Boolean(initial.authUsername));
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const set = <K extends keyof MonitorFormValues>(key: K, value: MonitorFormValues[K]) => setV((old) => ({ ...old, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const body = {
      name: v.name, targetKind: v.targetKind, target: v.target, port: v.port, security: v.security, ehloName: v.ehloName,
      auth: useAuth ? { username: v.authUsername, password: password || undefined, mechanism: v.authMechanism || undefined } : null,
      intervalSeconds: v.intervalSeconds, timeoutMs: v.timeoutMs,
      expectations: {
        bannerPattern: v.bannerPattern || undefined,
        requiredExtensions: v.requiredExtensions.length ? v.requiredExtensions : undefined,
        minTlsVersion: v.minTlsVersion || undefined,
        certWarningDays: v.certWarningDays,
        maxResponseMs: v.maxResponseMs ?? undefined,
        maxPhaseMs: Object.keys(v.maxPhaseMs).length ? v.maxPhaseMs : undefined,
      },
      failuresToDown: v.failuresToDown, successesToUp: v.successesToUp, channelIds: v.channelIds,
    };
    const response = await fetch(monitorId ? `/api/v1/monitors/${monitorId}` : '/api/v1/monitors', {
      method: monitorId ? 'PATCH' : 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) {
      const data = await response.json().catch(() => ({}));
      setPending(false);
      setError(data.error ?? `The server answered ${response.status}.`);
      return;
    }
    const id = monitorId ?? (await response.json()).id;
    router.push(`/monitors/${id}`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-6" aria-label="Monitor">
      <Card className="space-y-4">
        <h2 className="text-tremor-title font-semibold">Server</h2>
        <Field label="Name" name="name" required value={v.name} onChange={(e) => set('name', e.target.value)} placeholder="Primary relay" />
        <fieldset>
          <legend className={label}>Check</legend>
          <div className="mt-1 flex gap-6 text-tremor-default">
            <label className="flex items-center gap-2"><input type="radio" name="targetKind" checked={v.targetKind === 'host'} onChange={() => set('targetKind', 'host')} /> One host</label>
            <label className="flex items-center gap-2"><input type="radio" name="targetKind" checked={v.targetKind === 'domain'} onChange={() => set('targetKind', 'domain')} /> Every MX host of a domain</label>
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <Field label={v.targetKind === 'domain' ? 'Domain' : 'Host'} name="target" required value={v.target}
              onChange={(e) => set('target', e.target.value)} placeholder={v.targetKind === 'domain' ? 'example.com' : 'smtp.example.com'} />
          </div>
          <Field label="Port" name="port" type="number" min={1} max={65535} required value={v.port} onChange={(e) => set('port', Number(e.target.value))} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block"><span className={label}>Security</span>
            <select aria-label="Security" name="security" className={select} value={v.security} onChange={(e) => {
              const security = e.target.value as MonitorFormValues['security'];
              setV((old) => ({ ...old, security, port: Object.values(portFor).includes(old.port as never) ? portFor[security] : old.port }));
            }}>
              <option value="starttls-required">STARTTLS required</option>
              <option value="starttls">STARTTLS if offered</option>
              <option value="tls">Implicit TLS (port 465)</option>
              <option value="none">None (plain SMTP)</option>
            </select>
          </label>
          <Field label="EHLO name" name="ehloName" required value={v.ehloName} onChange={(e) => set('ehloName', e.target.value)} />
        </div>
        <label className="flex items-center gap-2 text-tremor-default">
          <input type="checkbox" checked={useAuth} onChange={(e) => setUseAuth(e.target.checked)} /> Test AUTH with credentials
        </label>
        {useAuth && (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Username" name="authUsername" required value={v.authUsername} onChange={(e) => set('authUsername', e.target.value)} autoComplete="off" />
            <Field label={v.hasAuthPassword ? 'Password (leave empty to keep)' : 'Password'} name="authPassword" type="password"
              required={!v.hasAuthPassword} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
            <label className="block"><span className={label}>Mechanism</span>
              <select aria-label="Mechanism" className={select} value={v.authMechanism} onChange={(e) => set('authMechanism', e.target.value as MonitorFormValues['authMechanism'])}>
                <option value="">Automatic (PLAIN, else LOGIN)</option><option value="PLAIN">PLAIN</option><option value="LOGIN">LOGIN</option>
              </select>
            </label>
          </div>
        )}
      </Card>

      <Card className="space-y-4">
        <h2 className="text-tremor-title font-semibold">Schedule and alerting</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block"><span className={label}>Check every</span>
            <select aria-label="Check every" name="intervalSeconds" className={select} value={v.intervalSeconds} onChange={(e) => set('intervalSeconds', Number(e.target.value))}>
              {intervals.map(([s, text]) => <option key={s} value={s}>{text}</option>)}
            </select>
          </label>
          <Field label="Timeout per phase (ms)" name="timeoutMs" type="number" min={1000} max={120000} value={v.timeoutMs} onChange={(e) => set('timeoutMs', Number(e.target.value))} />
          <Field label="Down after this many failed checks" name="failuresToDown" type="number" min={1} max={10} value={v.failuresToDown} onChange={(e) => set('failuresToDown', Number(e.target.value))} />
          <Field label="Up again after this many good checks" name="successesToUp" type="number" min={1} max={10} value={v.successesToUp} onChange={(e) => set('successesToUp', Number(e.target.value))} />
        </div>
        <fieldset>
          <legend className={label}>Alert channels</legend>
          {channels.length === 0
            ? <p className="mt-1 text-tremor-default text-tremor-content">No alert channels yet: an admin adds email, Slack or webhook channels in Settings.</p>
            : <div className="mt-1 flex flex-wrap gap-4 text-tremor-default">{channels.map((c) => (
              <label key={c.id} className="flex items-center gap-2">
                <input type="checkbox" checked={v.channelIds.includes(c.id)}
                  onChange={(e) => set('channelIds', e.target.checked ? [...v.channelIds, c.id] : v.channelIds.filter((x) => x !== c.id))} />
                {c.name} <span className="text-tremor-content">({c.type})</span>
              </label>))}</div>}
        </fieldset>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-tremor-title font-semibold">Expectations</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Banner must match (regular expression)" name="bannerPattern" value={v.bannerPattern} onChange={(e) => set('bannerPattern', e.target.value)} placeholder="ESMTP" />
          <label className="block"><span className={label}>Minimum TLS version</span>
            <select aria-label="Minimum TLS version" className={select} value={v.minTlsVersion} onChange={(e) => set('minTlsVersion', e.target.value as MonitorFormValues['minTlsVersion'])}>
              <option value="">Any</option><option value="TLSv1.2">TLS 1.2</option><option value="TLSv1.3">TLS 1.3</option>
            </select>
          </label>
          <Field label="Warn when the certificate expires within (days)" name="certWarningDays" type="number" min={0} max={365} value={v.certWarningDays} onChange={(e) => set('certWarningDays', Number(e.target.value))} />
          <Field label="Degraded when a check takes longer than (ms)" name="maxResponseMs" type="number" min={1} value={v.maxResponseMs ?? ''}
            onChange={(e) => set('maxResponseMs', e.target.value ? Number(e.target.value) : null)} placeholder="no limit" />
        </div>
        <fieldset>
          <legend className={label}>Degraded when a phase takes longer than (ms)</legend>
          <div className="mt-1 grid grid-cols-2 gap-4 sm:grid-cols-5">{limitedPhases.map((phase) => (
            <Field key={phase} label={phase.toUpperCase()} name={`maxPhaseMs.${phase}`} type="number" min={1} placeholder="no limit"
              value={v.maxPhaseMs[phase] ?? ''} onChange={(e) => {
                const { [phase]: _old, ...rest } = v.maxPhaseMs;
                set('maxPhaseMs', e.target.value ? { ...rest, [phase]: Number(e.target.value) } : rest);
              }} />))}</div>
        </fieldset>
        <fieldset>
          <legend className={label}>Required extensions</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-tremor-default">{extensions.map((x) => (
            <label key={x} className="flex items-center gap-2">
              <input type="checkbox" checked={v.requiredExtensions.includes(x)}
                onChange={(e) => set('requiredExtensions', e.target.checked ? [...v.requiredExtensions, x] : v.requiredExtensions.filter((y) => y !== x))} />
              {x}
            </label>))}</div>
        </fieldset>
      </Card>

      <FormError message={error} />
      <div className="flex gap-3">
        <Button type="submit" loading={pending}>{monitorId ? 'Save changes' : 'Add monitor'}</Button>
        <Button type="button" variant="secondary" onClick={() => router.back()}>Cancel</Button>
      </div>
    </form>
  );
}
