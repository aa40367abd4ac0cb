// `mailpulse check`: argument validation, exit codes, the readable and the JSON output, and the wiring in
// bin/mailpulse.mjs (run as a real process).
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCheckArgs, runCli, usage } from '../../../probe/cli';
import { memoryResolver } from '../../../probe/dns';
import { closeAll, closedPort, pem, smtpServer, tlsOptions } from '../../helpers/smtp';

afterEach(closeAll);

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await runCli(argv, io, { resolver: memoryResolver({}), hostname: 'probe.mailpulse.test' });
  return { code, stdout, stderr };
}

describe('mailpulse check', () => {
  it('exits 0 and prints a readable result for a server that is up', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const { code, stdout, stderr } = await run([`127.0.0.1:${port}`]);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} is UP in \\d+\\.\\d ms \\(security: starttls\\)$`));
    expect(lines.slice(1, 6).map((l) => l.replace(/\s+\d+\.\d ms/, ' N ms'))).toEqual([
      'Phases:',
      '  connect N ms  ok',
      '  banner N ms  ok',
      '  ehlo N ms  ok',
      '  quit N ms  ok',
    ]);
    expect(lines.slice(6)).toEqual([
      'Banner:      mx.test ESMTP Mailpulse test server',
      'Extensions:  PIPELINING, 8BITMIME, SMTPUTF8, SIZE 10485760',
    ]);
  });

  it('exits 2 and names the cause for a refused connection', async () => {
    const port = await closedPort();
    const { code, stdout } = await run([`127.0.0.1:${port}`, '--starttls-required']);
    expect(code).toBe(2);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      `Failure:     connection_refused in connect: 127.0.0.1:${port} refused the connection (nothing listens on that port, or a firewall rejects it).`);
  });

  it('prints the TLS session and the certificate problem', async () => {
    const port = await smtpServer({ ...tlsOptions('localhost'), disabledCommands: ['AUTH'] });
    const { code, stdout } = await run([`127.0.0.1:${port}`]);
    expect(code).toBe(2);
    const expires = new X509Certificate(pem('localhost.pem')).validToDate.toISOString().slice(0, 10);
    expect(stdout.trimEnd().split('\n').slice(-5).map((l) => l.replace(/in \d+ days/, 'in N days'))).toEqual([
      'TLS:         TLSv1.3, TLS_AES_256_GCM_SHA384',
      'Certificate: localhost, issued by Mailpulse Test CA',
      `Expires:     ${expires} (in N days)`,
      'Verified:    chain no (UNABLE_TO_VERIFY_LEAF_SIGNATURE), hostname yes',
      'Failure:     tls_failed/untrusted in starttls: The certificate is not issued by a trusted authority (UNABLE_TO_VERIFY_LEAF_SIGNATURE).',
    ]);
  });

  it('prints the CheckResult as JSON with --json', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const { code, stdout } = await run([`127.0.0.1:${port}`, '--json', '--timeout', '4000', '--ehlo', 'cli.mailpulse.test']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ status: 'up', host: '127.0.0.1', port, security: 'starttls', address: '127.0.0.1',
      banner: 'mx.test ESMTP Mailpulse test server', extensions: ['PIPELINING', '8BITMIME', 'SMTPUTF8', 'SIZE 10485760'], warnings: [] });
    expect(result.phases.map((p: { phase: string }) => p.phase)).toEqual(['connect', 'banner', 'ehlo', 'quit']);
    expect(result.transcript).toContainEqual(expect.objectContaining({ dir: 'C', line: 'EHLO cli.mailpulse.test' }));
  });

  it.each([
    [[], 'a host is required'],
    [['a.test', 'b.test'], 'only one host can be checked at a time'],
    [['--tls', '--starttls', 'mx.test'], 'choose one of --starttls, --tls'],
    [['mx.test:99999'], 'the port must be 1-65535'],
    [['mx.test:smtp'], 'the port must be a number'],
    [['mx..test'], '"mx..test" is not a host name or IP address'],
    [['mx.test', '--timeout', 'soon'], '--timeout must be a number of milliseconds'],
    [['mx.test', '--timeout', '5'], '--timeout must be at least 100 ms'],
    [['mx.test', '--auth', 'nopassword'], '--auth must be user:password'],
    [['mx.test', '--ehlo', 'bad name'], '--ehlo must be a host name or [address literal]'],
  ])('exits 3 with the reason and the usage line for %j', async (argv, reason) => {
    const { code, stdout, stderr } = await run(argv);
    expect([code, stdout, stderr]).toEqual([3, '', `mailpulse check: ${reason}\n${usage}\n`]);
  });

  it('exits 3 for an unknown option', async () => {
    const { code, stderr } = await run(['mx.test', '--verbose']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/^mailpulse check: Unknown option '--verbose'/);
    expect(stderr.endsWith(`\n${usage}\n`)).toBe(true);
  });
});

describe('parseCheckArgs', () => {
  it('defaults to port 25, opportunistic STARTTLS, the machine name, 10 s', () => {
    expect(parseCheckArgs(['mx.example.com'], 'here.example.com')).toEqual({ json: false,
      target: { host: 'mx.example.com', port: 25, security: 'starttls', ehloName: 'here.example.com', timeoutMs: 10_000 } });
  });

  it('defaults to port 465 with --tls, and splits --auth at the first colon', () => {
    expect(parseCheckArgs(['smtp.example.com', '--tls', '--auth', 'me@example.com:pa:ss'], 'h.test').target).toEqual({
      host: 'smtp.example.com', port: 465, security: 'tls', ehloName: 'h.test', timeoutMs: 10_000,
      auth: { username: 'me@example.com', password: 'pa:ss' } });
  });

  it('reads IPv6 literals with and without a port', () => {
    expect(parseCheckArgs(['[2001:db8::25]:587', '--starttls-required'], 'h.test').target).toMatchObject(
      { host: '2001:db8::25', port: 587, security: 'starttls-required' });
    expect(parseCheckArgs(['2001:db8::25'], 'h.test').target).toMatchObject({ host: '2001:db8::25', port: 25 });
  });
});

describe('bin/mailpulse.mjs check', () => {
  it('runs a check as a real process and exits with its code', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const bin = path.resolve(import.meta.dirname, '../../../bin/mailpulse.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'check', `127.0.0.1:${port}`, '--json', '--ehlo', 'bin.mailpulse.test']);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'up', port, banner: 'mx.test ESMTP Mailpulse test server' });

    const refused = await closedPort();
    const failed = await promisify(execFile)(process.execPath, [bin, 'check', `127.0.0.1:${refused}`]).then(() => 0, (e: { code: number }) => e.code);
    expect(failed).toBe(2);
  });
});
