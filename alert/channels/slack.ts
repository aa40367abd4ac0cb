// Slack incoming webhook: a short mrkdwn message.
import type { AlertMessage } from '../message';
import { postJson } from './http';

export async function sendSlack(webhookUrl: string, message: AlertMessage): Promise<void> {
  await postJson(webhookUrl, JSON.stringify({
    text: message.subject,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${message.subject.replace(/^\[Mailpulse\] /, '')}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: message.text } },
    ],
  }));
}
