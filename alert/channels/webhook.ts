// Generic JSON webhook, signed so the receiver can tell it came from this Mailpulse:
// X-Mailpulse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the channel secret>.
import { createHmac } from 'node:crypto';
import type { AlertMessage } from '../message';
import { postJson } from './http';

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function sendWebhook(url: string, secret: string, message: AlertMessage, now = new Date()): Promise<void> {
  const body = JSON.stringify(message.json);
  const t = Math.floor(now.getTime() / 1000);
  await postJson(url, body, { 'x-mailpulse-signature': signature(secret, t, body), 'x-mailpulse-event': String(message.json.event) });
}
