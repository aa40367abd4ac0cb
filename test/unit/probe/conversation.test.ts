// checkSmtp over real sockets: a well-behaved smtp-server, expectations, and raw servers that misbehave
// at each step of the conversation.
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSmtp } from '../../../probe/check';
import { memoryResolver } from '../../../probe/dns';
import type { CheckResult, CheckTarget } from '../../../probe/types';
import { closeAll, closedPort, rawServer, scriptedServer, smtpServer, target } from '../../helpers/smtp';

afterEach(closeAll);

const noDns = memoryResolver({});
const check = (t: CheckTarget) => checkSmtp(t, { resolver: noDns });
const phaseNames = (r: CheckResult) => r.phases.map((p) => `${p.phase}${p.ok ? '' : ' FAILED'}`);
const sent = (r: CheckResult) => r.transcript.filter((l) => l.dir === 'C').map((l) => l.line);
/** Open sockets and timers of this process, by kind. */
const handles = () => process.getActiveResourcesInfo().filter((r) => /TCP|TLS|Timeout/.test(r)).sort();

/** A minimal well-behaved dialogue for raw servers: EHLO/HELO get 250, QUIT gets 221 and a close. */
function polite(line: string, socket: net.Socket): string | undefined {
  if (/^EHLO /.test(line)) return '250-raw.test\r\n250 8BITMIME\r\n';
  if (/^QUIT$/.test(line)) {
    socket.end('221 2.0.0 Bye\r\n');
    return undefined;
  }
  return '502 5.5.1 Not implemented\r\n';
}

describe('checkSmtp against smtp-server', () => {
  it('is up against a plain server, with its banner, keywords, phases and transcript', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const result = await check(target(port));
    expect(result).toMatchObject({ status: 'up', host: '127.0.0.1', port, security: 'none', address: '127.0.0.1',
      banner: 'mx.test ESMTP Mailpulse test server', warnings: [] });
    expect(result.failure).toBeUndefined();
    expect(result.tls).toBeUndefined();
    expect(result.extensions).toEqual(['PIPELINING', '8BITMIME', 'SMTPUTF8', 'SIZE 10485760']);
    // An IP literal needs no DNS phase.
    expect(phaseNames(result)).toEqual(['connect', 'banner', 'ehlo', 'quit']);
    expect(result.transcript.map((l) => `${l.dir} ${l.line}`)).toEqual([
      `* connected to 127.0.0.1:${port}`,
      'S 220 mx.test ESMTP Mailpulse test server',
      'C EHLO probe.mailpulse.test',
      'S 250-mx.test Nice to meet you, [127.0.0.1]',
      'S 250-PIPELINING',
      'S 250-8BITMIME',
      'S 250-SMTPUTF8',
      'S 250 SIZE 10485760',
      'C QUIT',
      'S 221 Bye',
      '* connection closed',
    ]);
    const times = result.transcript.map((l) => l.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Date.parse(result.startedAt)).not.toBeNaN();
  });

  it('stays plain and up when STARTTLS is opportunistic and not offered', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const result = await check(target(port, { security: 'starttls' }));
    expect(result.status).toBe('up');
    expect(phaseNames(result)).toEqual(['connect', 'banner', 'ehlo', 'quit']);
  });

  it('fails starttls-required when STARTTLS is not offered, and still says QUIT', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const result = await check(target(port, { security: 'starttls-required' }));
    expect(result.status).toBe('down');
    expect(result.failure).toEqual({ code: 'expectation_failed', detail: 'starttls_missing', phase: 'starttls',
      message: 'The server does not offer STARTTLS, which this check requires.' });
    expect(phaseNames(result)).toEqual(['connect', 'banner', 'ehlo', 'starttls FAILED', 'quit']);
    expect(sent(result)).toEqual(['EHLO probe.mailpulse.test', 'QUIT']);
  });

  it('checks required extensions case-insensitively and names the missing ones', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const ok = await check(target(port, { expectations: { requiredExtensions: ['pipelining', 'Size', '8BITMIME'] } }));
    expect(ok.status).toBe('up');
    const missing = await check(target(port, { expectations: { requiredExtensions: ['PIPELINING', 'STARTTLS', 'CHUNKING'] } }));
    expect(missing.status).toBe('down');
    expect(missing.failure).toEqual({ code: 'expectation_failed', detail: 'extension', phase: 'ehlo',
      message: 'The server does not advertise STARTTLS, CHUNKING.' });
  });

  it('checks the banner against a pattern', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    expect((await check(target(port, { expectations: { bannerPattern: '^mx\\.test ESMTP' } }))).status).toBe('up');
    const result = await check(target(port, { expectations: { bannerPattern: 'Postfix' } }));
    expect(result.failure).toEqual({ code: 'expectation_failed', detail: 'banner', phase: 'banner',
      message: 'The banner "mx.test ESMTP Mailpulse test server" does not match "Postfix".' });
  });

  it('fails a minimum TLS version when the session was never encrypted', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const result = await check(target(port, { security: 'starttls', expectations: { minTlsVersion: 'TLSv1.2' } }));
    expect(result.failure).toEqual({ code: 'expectation_failed', detail: 'tls_version', phase: 'ehlo',
      message: 'The session was not encrypted (the server did not offer STARTTLS), but TLSv1.2 or newer is expected.' });
  });

  it('is degraded, not down, when over its time limits', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    // Zero limits: any real conversation exceeds them, so this asserts the rule, not the speed.
    const result = await check(target(port, { expectations: { maxResponseMs: 0, maxPhaseMs: { banner: 0 } } }));
    expect(result.status).toBe('degraded');
    expect(result.failure).toBeUndefined();
    expect(result.warnings.map((w) => [w.code, w.phase])).toEqual([['slow_response', undefined], ['slow_phase', 'banner']]);
  });
});

describe('checkSmtp against misbehaving servers', () => {
  it('reports a 421 greeting as unexpected_reply in the banner phase, without sending anything', async () => {
    const port = await rawServer((socket) => socket.end('421 4.3.2 mx.test busy, try again later\r\n'));
    const result = await check(target(port));
    expect(result.status).toBe('down');
    expect(result.failure).toEqual({ code: 'unexpected_reply', phase: 'banner', replyCode: 421, enhancedStatus: '4.3.2',
      message: 'The server answered the connection with 421 4.3.2 mx.test busy, try again later instead of 220.' });
    expect(phaseNames(result)).toEqual(['connect', 'banner FAILED']);
    expect(sent(result)).toEqual([]);
    expect(result.transcript.slice(0, 2).map((l) => `${l.dir} ${l.line}`)).toEqual([
      `* connected to 127.0.0.1:${port}`, 'S 421 4.3.2 mx.test busy, try again later']);
  });

  it('reports a 554 greeting and says QUIT, as RFC 5321 §3.1 asks', async () => {
    const port = await scriptedServer('554 5.7.1 No SMTP service here\r\n', polite);
    const result = await check(target(port));
    expect(result.failure).toMatchObject({ code: 'unexpected_reply', phase: 'banner', replyCode: 554, enhancedStatus: '5.7.1' });
    expect(result.banner).toBeUndefined();
    expect(sent(result)).toEqual(['QUIT']);
    expect(phaseNames(result)).toEqual(['connect', 'banner FAILED', 'quit']);
  });

  it('accepts a multi-line 220- greeting and keeps all its lines', async () => {
    const port = await scriptedServer('220-mx.test ESMTP first line\r\n220-second line\r\n220 third line\r\n', polite);
    const result = await check(target(port));
    expect(result.status).toBe('up');
    expect(result.banner).toBe('mx.test ESMTP first line\nsecond line\nthird line');
    expect(result.extensions).toEqual(['8BITMIME']);
  });

  describe('a greeting that comes after 3 seconds', () => {
    async function slowGreeter() {
      return rawServer((socket) => {
        const timer = setTimeout(() => socket.write('220 slow.test ESMTP\r\n'), 3000);
        socket.on('close', () => clearTimeout(timer));
        socket.on('data', (chunk) => {
          if (chunk.toString().startsWith('EHLO')) socket.write('250 slow.test\r\n');
          if (chunk.toString().startsWith('QUIT')) socket.end('221 Bye\r\n');
        });
      });
    }

    it('is up with a 5 s timeout, and the banner phase lasted the wait', async () => {
      const result = await check(target(await slowGreeter(), { timeoutMs: 5000 }));
      expect(result.status).toBe('up');
      expect(result.banner).toBe('slow.test ESMTP');
      expect(result.phases.find((p) => p.phase === 'banner')!.ms).toBeGreaterThanOrEqual(2900);
    });

    it('is banner_timeout with a 1 s timeout', async () => {
      const result = await check(target(await slowGreeter(), { timeoutMs: 1000 }));
      expect(result.failure).toEqual({ code: 'banner_timeout', phase: 'banner',
        message: 'The server accepted the connection but sent no greeting within 1000 ms.' });
    });
  });

  it('reports banner_timeout for a server that accepts TCP and never speaks', async () => {
    const port = await rawServer(() => {});
    const result = await check(target(port, { timeoutMs: 500 }));
    expect(result.status).toBe('down');
    expect(result.failure).toMatchObject({ code: 'banner_timeout', phase: 'banner' });
    expect(phaseNames(result)).toEqual(['connect', 'banner FAILED']);
  });

  it('reports connection_closed when the server hangs up during EHLO', async () => {
    const port = await scriptedServer('220 flaky.test ESMTP\r\n', (line, socket) => {
      if (line.startsWith('EHLO')) socket.destroy();
      return undefined;
    });
    const result = await check(target(port));
    expect(result.failure).toEqual({ code: 'connection_closed', phase: 'ehlo',
      message: 'The server closed the connection while the probe waited for the reply to EHLO.' });
    expect(result.banner).toBe('flaky.test ESMTP');
  });

  it('reports reply_timeout when EHLO gets no answer', async () => {
    const port = await scriptedServer('220 mute.test ESMTP\r\n', () => undefined);
    const result = await check(target(port, { timeoutMs: 500 }));
    expect(result.failure).toEqual({ code: 'reply_timeout', phase: 'ehlo', message: 'The server did not answer EHLO within 500 ms.' });
  });

  it('reports protocol_error/line_too_long for a 10 MB line without CRLF, without reading it all', async () => {
    const port = await rawServer((socket) => socket.write(Buffer.alloc(10 * 1024 * 1024, 'A')));
    const result = await check(target(port));
    expect(result.failure).toEqual({ code: 'protocol_error', detail: 'line_too_long', phase: 'banner',
      message: 'This does not look like an SMTP server: the server sent a line longer than 4096 bytes.' });
    expect(result.transcript.filter((l) => l.dir === 'S')).toEqual([]);
  });

  it('reports protocol_error/malformed for a reply that is not SMTP', async () => {
    const port = await scriptedServer('220 odd.test ESMTP\r\n', (line) => (line.startsWith('EHLO') ? 'HTTP/1.1 400 Bad Request\r\n' : undefined));
    const result = await check(target(port));
    expect(result.failure).toMatchObject({ code: 'protocol_error', detail: 'malformed', phase: 'ehlo' });
  });

  it('falls back to HELO once when EHLO is refused with 502 (RFC 5321 §4.1.4)', async () => {
    const port = await scriptedServer('220 old.test SMTP\r\n', (line, socket) => {
      if (line.startsWith('EHLO')) return '502 5.5.1 EHLO not implemented\r\n';
      if (line.startsWith('HELO')) return '250 old.test\r\n';
      return polite(line, socket);
    });
    const result = await check(target(port));
    expect(result.status).toBe('up');
    expect(result.extensions).toEqual([]);
    expect(sent(result)).toEqual(['EHLO probe.mailpulse.test', 'HELO probe.mailpulse.test', 'QUIT']);
  });

  it('reports unexpected_reply when HELO is refused too', async () => {
    const port = await scriptedServer('220 grumpy.test SMTP\r\n', (line, socket) =>
      (/^(EHLO|HELO)/.test(line) ? '550 5.7.1 Go away\r\n' : polite(line, socket)));
    const result = await check(target(port));
    expect(result.failure).toEqual({ code: 'unexpected_reply', phase: 'ehlo', replyCode: 550, enhancedStatus: '5.7.1',
      message: 'The server answered HELO with 550 5.7.1 Go away instead of 250.' });
    expect(sent(result)).toEqual(['EHLO probe.mailpulse.test', 'HELO probe.mailpulse.test', 'QUIT']);
  });

  it('is still up when QUIT gets no 221', async () => {
    const port = await scriptedServer('220 rude.test ESMTP\r\n', (line, socket) => {
      if (line === 'QUIT') socket.destroy();
      return line.startsWith('EHLO') ? '250 rude.test\r\n' : undefined;
    });
    const result = await check(target(port));
    expect(result.status).toBe('up');
    expect(result.phases.at(-1)).toMatchObject({ phase: 'quit', ok: true });
  });

  it('refuses to send an EHLO name with a line break (no command smuggling)', async () => {
    const port = await scriptedServer('220 any.test ESMTP\r\n', polite);
    const result = await check(target(port, { ehloName: 'probe.test\r\nMAIL FROM:<x@y.test>' }));
    expect(result.failure).toEqual({ code: 'protocol_error', detail: 'internal', phase: 'ehlo',
      message: 'Refusing to send EHLO: the command contains a line break.' });
    expect(sent(result)).toEqual([]);
  });

  it('leaves no socket or timer behind, whatever the path', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50)); // let earlier tests' servers finish closing
    const before = handles();
    expect(before.filter((h) => h !== 'Timeout')).toEqual([]);
    const silent = await rawServer(() => {});
    const flood = await rawServer((socket) => socket.write(Buffer.alloc(1024 * 1024, 'A')));
    const fine = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const results = await Promise.all([
      check(target(silent, { timeoutMs: 200 })),
      check(target(silent, { timeoutMs: 200, security: 'tls' })),
      check(target(flood)),
      check(target(fine)),
      check(target(await closedPort())),
    ]);
    expect(results.map((r) => r.failure?.code ?? r.status)).toEqual(
      ['banner_timeout', 'tls_failed', 'protocol_error', 'up', 'connection_refused']);
    // The servers are still listening: only their listening sockets may remain, every connection is gone.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = handles();
    expect(after.filter((h) => h !== 'Timeout')).toEqual(['TCPServerWrap', 'TCPServerWrap', 'TCPServerWrap']);
    // Earlier tests' servers may still hold a timer at the start; none may be added.
    expect(after.filter((h) => h === 'Timeout').length).toBeLessThanOrEqual(before.filter((h) => h === 'Timeout').length);
  });

  it('reports connection_refused for a port nobody listens on', async () => {
    const port = await closedPort();
    const result = await check(target(port));
    expect(result.status).toBe('down');
    expect(result.failure).toEqual({ code: 'connection_refused', phase: 'connect',
      message: `127.0.0.1:${port} refused the connection (nothing listens on that port, or a firewall rejects it).` });
    expect(phaseNames(result)).toEqual(['connect FAILED']);
    expect(result.transcript).toEqual([]);
  });
});
