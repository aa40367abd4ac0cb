// The reply reader over a real socket: multi-line assembly, enhanced status codes, and every limit crossed.
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { enhancedStatusOf, parseReplyLine, ReadError, ReplyReader } from '../../../probe/smtp/reply';
import { closeAll, rawServer } from '../../helpers/smtp';

const clients: net.Socket[] = [];
afterEach(async () => {
  for (const socket of clients.splice(0)) socket.destroy();
  await closeAll();
});

/** A reader connected to a server that sends `bytes` as soon as we connect, one write per element, a few
 *  milliseconds apart so that they arrive as separate chunks. */
async function readerFor(...bytes: Array<string | Buffer>) {
  const port = await rawServer(async (socket) => {
    for (const b of bytes) {
      socket.write(b);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  clients.push(socket);
  await once(socket, 'connect');
  const lines: string[] = [];
  const closes: string[] = [];
  const reader = new ReplyReader(socket, { onLine: (l) => lines.push(l), onClose: (r) => closes.push(r) });
  return { socket, reader, lines, closes };
}

async function readError(promise: Promise<unknown>): Promise<ReadError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

describe('parseReplyLine / enhancedStatusOf', () => {
  it.each([
    ['250-PIPELINING', { code: 250, last: false, text: 'PIPELINING' }],
    ['250 OK', { code: 250, last: true, text: 'OK' }],
    ['221', { code: 221, last: true, text: '' }],
    ['550 5.7.1 no', { code: 550, last: true, text: '5.7.1 no' }],
  ])('parses %j', (line, expected) => {
    expect(parseReplyLine(line)).toEqual(expected);
  });

  it.each(['hello', '25 short', '250_underscore', '2500 four digits', '150 not an SMTP class', ''])('rejects %j', (line) => {
    expect(parseReplyLine(line)).toBeUndefined();
  });

  it('reads an enhanced status only when its class matches the reply code (RFC 3463)', () => {
    expect(enhancedStatusOf(535, '5.7.8 Authentication credentials invalid')).toBe('5.7.8');
    expect(enhancedStatusOf(250, '2.1.5 Ok')).toBe('2.1.5');
    expect(enhancedStatusOf(250, '5.1.1 mismatched class')).toBeUndefined();
    expect(enhancedStatusOf(220, 'mx.example.com ESMTP')).toBeUndefined();
    expect(enhancedStatusOf(250, '2.0.0.1 too many parts')).toBeUndefined();
  });
});

describe('ReplyReader', () => {
  it('assembles a multi-line reply and keeps pipelined replies in order', async () => {
    const { reader, lines } = await readerFor('250-mx.test greets you\r\n250-8BITMIME\r\n250 SIZE 1000\r\n550-5.7.1 Rejected\r\n550 5.7.1 by policy\r\n');
    expect(await reader.read(1000)).toEqual({ code: 250, lines: ['mx.test greets you', '8BITMIME', 'SIZE 1000'] });
    expect(await reader.read(1000)).toEqual({ code: 550, enhancedStatus: '5.7.1', lines: ['5.7.1 Rejected', '5.7.1 by policy'] });
    expect(lines).toEqual(['250-mx.test greets you', '250-8BITMIME', '250 SIZE 1000', '550-5.7.1 Rejected', '550 5.7.1 by policy']);
  });

  it('joins a reply that arrives in pieces, and tolerates a bare LF', async () => {
    const { reader } = await readerFor('22', '0-first\r', '\n220 sec', 'ond\n');
    expect(await reader.read(1000)).toEqual({ code: 220, lines: ['first', 'second'] });
  });

  it('accepts a line of exactly 4096 bytes', async () => {
    const line = `250 ${'x'.repeat(4092)}`;
    const { reader } = await readerFor(`${line}\r\n`);
    expect((await reader.read(1000)).lines[0]).toHaveLength(4092);
  });

  it('fails a line over 4096 bytes that has its CRLF', async () => {
    const { reader } = await readerFor(`250 ${'x'.repeat(4093)}\r\n`);
    expect((await readError(reader.read(1000))).reason).toBe('line_too_long');
  });

  it('fails a 10 MB line without CRLF after reading only a little of it, and closes the socket', async () => {
    const { reader, socket, lines } = await readerFor(Buffer.alloc(10 * 1024 * 1024, 'x'));
    const error = await readError(reader.read(5000));
    expect(error.reason).toBe('line_too_long');
    expect(error.message).toBe('the server sent a line longer than 4096 bytes');
    expect(socket.destroyed).toBe(true);
    expect(socket.bytesRead).toBeLessThan(1024 * 1024);
    expect(lines).toEqual([]);
  });

  it('fails a reply of more than 100 lines', async () => {
    const { reader } = await readerFor(`${'250-x\r\n'.repeat(100)}250 last\r\n`);
    expect((await readError(reader.read(1000))).reason).toBe('reply_too_large');
  });

  it('accepts a reply of exactly 100 lines', async () => {
    const { reader } = await readerFor(`${'250-x\r\n'.repeat(99)}250 last\r\n`);
    expect((await reader.read(1000)).lines).toHaveLength(100);
  });

  it('fails a reply over 64 KiB even with few lines', async () => {
    const { reader } = await readerFor(`${`250-${'y'.repeat(4000)}\r\n`.repeat(17)}250 end\r\n`);
    expect((await readError(reader.read(1000))).reason).toBe('reply_too_large');
  });

  it.each([
    ['a line without a code', 'hello there\r\n', 'the server sent a line that is not an SMTP reply: "hello there"'],
    ['a wrong separator', '250_PIPELINING\r\n', 'the server sent a line that is not an SMTP reply: "250_PIPELINING"'],
    ['a code that changes within a reply', '250-first\r\n251 second\r\n', 'the reply code changed from 250 to 251 within one reply'],
  ])('fails %s as malformed', async (_, bytes, message) => {
    const { reader } = await readerFor(bytes);
    const error = await readError(reader.read(1000));
    expect([error.reason, error.message]).toEqual(['malformed', message]);
  });

  it('times out when nothing comes', async () => {
    const { reader } = await readerFor();
    const error = await readError(reader.read(50));
    expect([error.reason, error.message]).toEqual(['timeout', 'no reply within 50 ms']);
  });

  it('reports a close in the middle of a reply, after delivering complete ones', async () => {
    const port = await rawServer((socket) => socket.end('220 hello\r\n250-half\r\n'));
    const socket = net.connect(port, '127.0.0.1');
    clients.push(socket);
    const closes: string[] = [];
    const reader = new ReplyReader(socket, { onLine: () => {}, onClose: (r) => closes.push(r) });
    expect(await reader.read(1000)).toEqual({ code: 220, lines: ['hello'] });
    expect((await readError(reader.read(1000))).reason).toBe('closed');
    expect(closes).toEqual(['closed by server']);
  });

  it('drops what was never read when detached (nothing plain-text survives into TLS)', async () => {
    const { reader } = await readerFor('220 ready\r\n250 injected\r\n');
    expect(await reader.read(1000)).toEqual({ code: 220, lines: ['ready'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.detach()).toBe('250 injected\r\n'.length);
    expect((await readError(reader.read(10))).reason).toBe('closed');
  });
});
