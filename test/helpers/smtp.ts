// SMTP servers for the probe tests: smtp-server for well-behaved ones, raw net servers for the
// misbehaving ones, all on 127.0.0.1 port 0, all closed (connections included) by closeAll().
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { CheckTarget } from '../../probe/types';

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'tls');

/** A PEM file from test/fixtures/tls (see make.sh there). */
export function pem(name: string): string {
  return readFileSync(path.join(fixtures, name), 'utf8');
}

export const fixturePath = (name: string) => path.join(fixtures, name);

const closers: Array<() => Promise<void>> = [];

export async function closeAll(): Promise<void> {
  await Promise.all(closers.splice(0).map((close) => close()));
}

/** An smtp-server on a free port; quiet, no reverse DNS, a fixed name so the banner is predictable. */
export async function smtpServer(options: SMTPServerOptions = {}): Promise<number> {
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    name: 'mx.test',
    banner: 'Mailpulse test server',
    size: 10 * 1024 * 1024,
    authOptional: true,
    ...options,
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.server.address() as net.AddressInfo).port;
}

/** A raw TCP server whose behaviour each test writes; every accepted socket is destroyed on close. */
export async function rawServer(onConnection: (socket: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {}); // the probe hangs up on misbehaving servers: EPIPE/ECONNRESET are expected
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
    // Drain what the client sends even when the test ignores it, so the client hanging up is noticed.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return (server.address() as net.AddressInfo).port;
}

/** A raw server that speaks SMTP line by line: `script` maps each client line to the reply to send. */
export function scriptedServer(banner: string, script: (line: string, socket: net.Socket) => string | undefined): Promise<number> {
  return rawServer((socket) => {
    socket.write(banner);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\r\n')) !== -1) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const reply = script(line, socket);
        if (reply !== undefined && !socket.destroyed) socket.write(reply);
      }
    });
  });
}

/** A port nothing listens on: bound, then closed. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function target(port: number, overrides: Partial<CheckTarget> = {}): CheckTarget {
  return { host: '127.0.0.1', port, security: 'none', ehloName: 'probe.mailpulse.test', timeoutMs: 5000, ...overrides };
}

/** TLS options for smtp-server from a fixture pair, e.g. tlsOptions('expired'). */
export function tlsOptions(name: string): Pick<SMTPServerOptions, 'key' | 'cert'> {
  return { key: pem(`${name}.key`), cert: pem(`${name}.pem`) };
}

