// Alert emails, sent through the relay configured in settings (never a monitored server).
import nodemailer from 'nodemailer';
import type { AlertMessage } from '../message';

export interface Relay {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  username?: string;
  password?: string;
  fromAddress: string;
  /** Extra trusted CAs (tests with a private CA). */
  ca?: string[];
}

export async function sendEmail(relay: Relay, to: string[], message: AlertMessage): Promise<void> {
  const transport = nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.security === 'tls',
    requireTLS: relay.security === 'starttls',
    ignoreTLS: relay.security === 'none',
    auth: relay.username ? { user: relay.username, pass: relay.password ?? '' } : undefined,
    tls: relay.ca ? { ca: relay.ca } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: relay.fromAddress, to, subject: message.subject, text: message.text });
  } finally {
    transport.close();
  }
}
