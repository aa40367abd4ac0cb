// TLS over real sockets: STARTTLS and implicit TLS against smtp-server with the certificates in
// test/fixtures/tls (valid, expired, for another name, self-signed), and handshakes that never finish.
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSmtp } from '../../../probe/check';
import { memoryResolver } from '../../../probe/dns';
import type { CheckResult, CheckTarget, Clock } from '../../../probe/types';
import { closeAll, pem, rawServer, smtpServer, target, tlsOptions } from '../../helpers/smtp';

afterEach(closeAll);

const dayMs = 86_400_000;
const resolver = memoryResolver({ a: { localhost: ['127.0.0.1'] } });
const leaf = new X509Certificate(pem('localhost.pem'));
const ca = new X509Certificate(pem('ca.pem'));
/** A wall clock pinned at `now`, with a real monotonic clock for timings. */
const clockAt = (now: Date): Clock => ({ nowMs: () => performance.now(), now: () => new Date(now) });

const check = (t: CheckTarget, clock?: Clock) => checkSmtp(t, { resolver, clock });
const phaseNames = (r: CheckResult) => r.phases.map((p) => `${p.phase}${p.ok ? '' : ' FAILED'}`);
const sent = (r: CheckResult) => r.transcript.filter((l) => l.dir === 'C').map((l) => l.line);

/** STARTTLS to 'localhost' trusting the test CA. */
const starttls = (port: number, overrides: Partial<CheckTarget> = {}) =>
  target(port, { host: 'localhost', security: 'starttls', ca: [pem('ca.pem')], ...overrides });

describe('STARTTLS', () => {
  it('is up with a chain from a trusted CA, reporting the session and both certificates', async () => {
    const sni: unknown[] = [];
    const port = await smtpServer({ ...tlsOptions('localhost'), disabledCommands: ['AUTH'],
      onSecure: (_socket, session, callback) => { sni.push(session.servername); callback(); } });
    const now = new Date('2030-06-15T12:00:00Z');
    const result = await check(starttls(port), clockAt(now));
    expect(result.status).toBe('up');
    expect(result.failure).toBeUndefined();
    expect(sni).toEqual(['localhost']);
    expect(phaseNames(result)).toEqual(['dns', 'connect', 'banner', 'ehlo', 'starttls', 'ehlo2', 'quit']);
    expect(result.tls).toEqual({
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      certificate: {
        subject: 'localhost', issuer: 'Mailpulse Test CA', subjectAltNames: ['localhost', 'IP:127.0.0.1'],
        validFrom: leaf.validFromDate.toISOString(), validTo: leaf.validToDate.toISOString(), fingerprint256: leaf.fingerprint256,
      },
      chain: [
        expect.objectContaining({ subject: 'localhost', fingerprint256: leaf.fingerprint256 }),
        expect.objectContaining({ subject: 'Mailpulse Test CA', issuer: 'Mailpulse Test CA', fingerprint256: ca.fingerprint256 }),
      ],
      daysToExpiry: Math.floor((leaf.validToDate.getTime() - now.getTime()) / dayMs),
      chainVerified: true,
      hostnameVerified: true,
    });
    // RFC 3207 §4.2: what was learnt before TLS is forgotten; the second EHLO no longer offers STARTTLS.
    expect(result.extensions).toEqual(['PIPELINING', '8BITMIME', 'SMTPUTF8', 'SIZE 10485760']);
    expect(sent(result)).toEqual(['EHLO probe.mailpulse.test', 'STARTTLS', 'EHLO probe.mailpulse.test', 'QUIT']);
    expect(result.transcript.find((l) => l.line.startsWith('TLS established'))?.line)
      .toBe('TLS established: TLSv1.3 TLS_AES_256_GCM_SHA384, certificate localhost issued by Mailpulse Test CA');
  });

  it('verifies an IP literal against the certificate\'s IP address, sending no SNI (RFC 6066 §3)', async () => {
    const sni: unknown[] = [];
    const port = await smtpServer({ ...tlsOptions('localhost'), disabledCommands: ['AUTH'],
      onSecure: (_socket, session, callback) => { sni.push(session.servername); callback(); } });
    const result = await check(starttls(port, { host: '127.0.0.1', security: 'starttls-required' }));
    expect(result.status).toBe('up');
    expect(sni).toEqual([false]);
    expect(result.tls).toMatchObject({ chainVerified: true, hostnameVerified: true });
  });

  it('fails an expired certificate, keeping its details, and sends nothing more than QUIT', async () => {
    const port = await smtpServer({ ...tlsOptions('expired'), disabledCommands: ['AUTH'] });
    const result = await check(starttls(port, { auth: { username: 'probe', password: 'never-sent' } }));
    expect(result.status).toBe('down');
    expect(result.failure).toEqual({ code: 'tls_failed', detail: 'expired', phase: 'starttls',
      message: 'The certificate for localhost expired on 2001-01-01.' });
    expect(result.tls).toMatchObject({ verifyError: 'CERT_HAS_EXPIRED', chainVerified: false, hostnameVerified: true,
      certificate: { subject: 'localhost', validTo: '2001-01-01T00:00:00.000Z' } });
    expect(result.tls!.daysToExpiry).toBeLessThan(0);
    expect(phaseNames(result)).toEqual(['dns', 'connect', 'banner', 'ehlo', 'starttls FAILED', 'quit']);
    expect(sent(result)).toEqual(['EHLO probe.mailpulse.test', 'STARTTLS', 'QUIT']);
  });

  it('fails a certificate issued for another name', async () => {
    const port = await smtpServer({ ...tlsOptions('other'), disabledCommands: ['AUTH'] });
    const result = await check(starttls(port));
    expect(result.failure).toEqual({ code: 'tls_failed', detail: 'hostname_mismatch', phase: 'starttls',
      message: 'The certificate is for other.example, not for localhost.' });
    expect(result.tls).toMatchObject({ chainVerified: true, hostnameVerified: false, certificate: { subject: 'other.example' } });
    expect(result.tls!.verifyError).toBeUndefined();
  });

  it('fails a self-signed certificate that is not among the trusted CAs', async () => {
    const port = await smtpServer({ ...tlsOptions('selfsigned'), disabledCommands: ['AUTH'] });
    const result = await check(starttls(port));
    expect(result.failure).toMatchObject({ code: 'tls_failed', detail: 'self_signed', phase: 'starttls' });
    expect(result.tls).toMatchObject({ verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chainVerified: false, hostnameVerified: true });
    expect(result.tls!.chain).toHaveLength(1);
  });

  it('fails a chain from a CA that is not trusted', async () => {
    const port = await smtpServer({ ...tlsOptions('localhost'), disabledCommands: ['AUTH'] });
    const result = await check(starttls(port, { ca: undefined }));
    expect(result.failure).toEqual({ code: 'tls_failed', detail: 'untrusted', phase: 'starttls',
      message: 'The certificate is not issued by a trusted authority (UNABLE_TO_VERIFY_LEAF_SIGNATURE).' });
    expect(result.tls).toMatchObject({ verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', chainVerified: false });
  });

  it('is degraded when the certificate expires within certWarningDays (clock pinned 5 days before notAfter)', async () => {
    const port = await smtpServer({ ...tlsOptions('localhost'), disabledCommands: ['AUTH'] });
    const fiveDaysBefore = clockAt(new Date(leaf.validToDate.getTime() - 5 * dayMs));
    const result = await check(starttls(port, { expectations: { certWarningDays: 14 } }), fiveDaysBefore);
    expect(result.status).toBe('degraded');
    expect(result.failure).toBeUndefined();
    expect(result.tls!.daysToExpiry).toBe(5);
    expect(result.warnings).toEqual([{ code: 'cert_expiring', phase: 'starttls',
      message: `The certificate for localhost expires in 5 days (${leaf.validToDate.toISOString().slice(0, 10)}), within the 14-day warning period.` }]);

    const shorterWindow = await check(starttls(port, { expectations: { certWarningDays: 3 } }), fiveDaysBefore);
    expect(shorterWindow.status).toBe('up');
    expect(shorterWindow.warnings).toEqual([]);
  });

  it('fails with tls_failed/protocol when the negotiated version is below minTlsVersion', async () => {
    const port = await smtpServer({ ...tlsOptions('localhost'), maxVersion: 'TLSv1.2', disabledCommands: ['AUTH'] });
    const result = await check(starttls(port, { expectations: { minTlsVersion: 'TLSv1.3' } }));
    expect(result.failure).toEqual({ code: 'tls_failed', detail: 'protocol', phase: 'starttls',
      message: 'The server negotiated TLSv1.2, older than the required TLSv1.3.' });
    expect(result.tls!.protocol).toBe('TLSv1.2');
  });

  it('fails with tls_failed/protocol when the server only speaks a TLS version the probe refuses', async () => {
    const port = await smtpServer({ ...tlsOptions('localhost'), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', disabledCommands: ['AUTH'] });
    const result = await check(starttls(port));
    expect(result.failure).toEqual({ code: 'tls_failed', detail: 'protocol', phase: 'starttls',
      message: 'The server and the probe share no TLS version (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION).' });
    expect(result.tls).toBeUndefined();
  });
});

describe('implicit TLS', () => {
  it('is up against a server speaking TLS from the first byte', async () => {
    const port = await smtpServer({ ...tlsOptions('localhost'), secure: true, disabledCommands: ['AUTH'] });
    const result = await check(starttls(port, { security: 'tls' }));
    expect(result).toMatchObject({ status: 'up', security: 'tls', banner: 'mx.test ESMTP Mailpulse test server' });
    expect(phaseNames(result)).toEqual(['dns', 'connect', 'tls', 'banner', 'ehlo', 'quit']);
    expect(result.tls).toMatchObject({ protocol: 'TLSv1.3', chainVerified: true, hostnameVerified: true });
    expect(result.extensions).not.toContain('STARTTLS');
  });

  it('reports handshake_timeout when the server accepts and never answers the ClientHello', async () => {
    const port = await rawServer(() => {});
    const result = await check(starttls(port, { security: 'tls', timeoutMs: 500 }));
    expect(result.failure).toEqual({ code: 'tls_failed', detail: 'handshake_timeout', phase: 'tls',
      message: 'The TLS handshake did not complete within 500 ms.' });
    expect(result.tls).toBeUndefined();
    expect(phaseNames(result)).toEqual(['dns', 'connect', 'tls FAILED']);
  });

  it('reports handshake_failed against a server that answers in plain text', async () => {
    const port = await smtpServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const result = await check(starttls(port, { security: 'tls' }));
    expect(result.failure).toMatchObject({ code: 'tls_failed', detail: 'handshake_failed', phase: 'tls' });
  });
});
