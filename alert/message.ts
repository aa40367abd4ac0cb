// What an alert says: one subject line, a short text, and the JSON body for webhooks. Pure.
import type { NotificationEvent } from '../db/schema/alerts';

export interface AlertContext {
  event: NotificationEvent;
  at: Date;
  monitor: { id: string; name: string; target: string; port: number };
  incident?: { id: number; severity: 'down' | 'degraded'; causeCode: string; causeMessage: string; openedAt: Date; resolvedAt: Date | null };
  /** Link back to the monitor page, when PUBLIC_URL is known. */
  url?: string;
}

export interface AlertMessage {
  subject: string;
  text: string;
  json: Record<string, unknown>;
}

const headline: Record<NotificationEvent, (c: AlertContext) => string> = {
  'incident.opened': (c) => (c.incident?.severity === 'down' ? 'DOWN' : 'DEGRADED'),
  'incident.escalated': () => 'DOWN',
  'incident.resolved': () => 'RESOLVED',
  test: () => 'TEST',
};

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function buildAlert(c: AlertContext): AlertMessage {
  const where = `${c.monitor.target}:${c.monitor.port}`;
  const what = headline[c.event](c);
  const lines: string[] = [];
  let subject: string;
  if (c.event === 'test') {
    subject = `[Mailpulse] TEST: alerts from Mailpulse reach this channel`;
    lines.push('This is a test notification sent from Mailpulse settings. No monitor is affected.');
  } else if (c.event === 'incident.resolved' && c.incident) {
    const lasted = formatDuration((c.incident.resolvedAt ?? c.at).getTime() - c.incident.openedAt.getTime());
    subject = `[Mailpulse] ${what}: ${c.monitor.name} (${where}) is up again after ${lasted}`;
    lines.push(`${c.monitor.name} (${where}) recovered at ${c.at.toISOString()}.`, `The incident lasted ${lasted}; it began with: ${c.incident.causeMessage}`);
  } else {
    subject = `[Mailpulse] ${what}: ${c.monitor.name} (${where}) — ${c.incident?.causeCode ?? 'unknown'}`;
    lines.push(`${c.monitor.name} (${where}) is ${what.toLowerCase()} since ${c.incident?.openedAt.toISOString() ?? c.at.toISOString()}.`,
      `Cause: ${c.incident?.causeMessage ?? 'unknown'} (${c.incident?.causeCode ?? 'unknown'})`);
  }
  if (c.url) lines.push('', c.url);
  return {
    subject,
    text: lines.join('\n'),
    json: {
      event: c.event,
      at: c.at.toISOString(),
      monitor: c.monitor,
      incident: c.incident ? {
        id: c.incident.id, severity: c.incident.severity, causeCode: c.incident.causeCode, causeMessage: c.incident.causeMessage,
        openedAt: c.incident.openedAt.toISOString(), resolvedAt: c.incident.resolvedAt?.toISOString() ?? null,
      } : null,
      url: c.url ?? null,
      summary: subject.replace(/^\[Mailpulse\] /, ''),
    },
  };
}
