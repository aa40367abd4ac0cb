// AUTH against smtp-server: PLAIN and LOGIN accepted and refused, mechanisms missing, and secrets that
// must never reach the result (the transcript shows ******** instead).
import { afterEach, describe, expect, it } from 'vitest';
import { checkSmtp } from '../../../probe/check';
import { memoryResolver } from '../../../probe/dns';
import type { CheckResult, CheckTarget } from '../../../probe/types';
import { closeAll, pem, smtpServer, target, tlsOptions } from '../../helpers/smtp';
import type { SMTPServerOptions } from 'smtp-server';

afterEach(closeAll);

const username = 'probe@mailpulse.test';
const password = 'c0rrect-hörse-battery';
const secrets = [password, Buffer.from(password).toString('base64'), Buffer.from(`\0${username}\0${password}`).toString('base64'),
  Buffer.from(username).toString('base64')];
const resolver = memoryResolver({ a: { localhost: ['127.0.0.1'] } });
const check = (t: CheckTarget) => checkSmtp(t, { resolver });
const lines = (r: CheckResult) => r.transcript.filter((l) => l.dir !== '*').map((l) => `${l.dir} ${l.line}`);

/** An smtp-server that records the credentials it was given and accepts only ours. */
async function authServer(options: SMTPServerOptions = {}) {
  const attempts: Array<{ method: string; username?: string | null; password?: string | null }> = [];
  const port = await smtpServer({
    allowInsecureAuth: true,
    hideENHANCEDSTATUSCODES: false,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      attempts.push({ method: auth.method, username: auth.username, password: auth.password });
      if (auth.username === username && auth.password === password) callback(null, { user: username });
      else callback(new Error('Authentication credentials invalid'));
    },
    ...options,
  });
  return { port, attempts };
}

describe('AUTH', () => {
  it('authenticates with PLAIN after STARTTLS and redacts the initial response', async () => {
    const { port, attempts } = await authServer({ ...tlsOptions('localhost'), disabledCommands: [] });
    const result = await check(target(port, { host: 'localhost', security: 'starttls-required', ca: [pem('ca.pem')],
      auth: { username, password } }));
    expect(result.status).toBe('up');
    expect(result.phases.map((p) => p.phase)).toEqual(['dns', 'connect', 'banner', 'ehlo', 'starttls', 'ehlo2', 'auth', 'quit']);
    expect(attempts).toEqual([{ method: 'PLAIN', username, password }]);
    expect(lines(result)).toContain('C AUTH PLAIN ********');
    expect(lines(result)).toContain('S 235 2.7.0 Authentication successful');
    const json = JSON.stringify(result);
    for (const secret of secrets.slice(0, 3)) expect(json).not.toContain(secret);
  });

  it('never sends the password in clear when opportunistic STARTTLS was not offered', async () => {
    const { port, attempts } = await authServer();
    const result = await check(target(port, { security: 'starttls', auth: { username, password } }));
    expect(result.status).toBe('down');
    expect(result.failure).toEqual({ code: 'auth_failed', detail: 'insecure', phase: 'auth',
      message: 'The session is not encrypted (the server did not offer STARTTLS), so the password was not sent. ' +
        'Choose security "none" to test AUTH over plain text on purpose.' });
    expect(attempts).toEqual([]);
    expect(lines(result).filter((l) => l.startsWith('C '))).toEqual(['C EHLO probe.mailpulse.test', 'C QUIT']);
  });

  it('reports auth_failed with the reply code and enhanced status when credentials are refused', async () => {
    const { port, attempts } = await authServer();
    const result = await check(target(port, { auth: { username, password: 'wrong-password' } }));
    expect(result.status).toBe('down');
    expect(result.failure).toEqual({ code: 'auth_failed', phase: 'auth', replyCode: 535, enhancedStatus: '5.7.8',
      message: 'The server rejected the credentials: 535 5.7.8 Authentication credentials invalid.' });
    expect(attempts).toEqual([{ method: 'PLAIN', username, password: 'wrong-password' }]);
    expect(JSON.stringify(result)).not.toContain('wrong-password');
    // The server still talks after a 535, so the probe says goodbye instead of dropping the line.
    expect(lines(result).filter((l) => l.startsWith('C '))).toEqual(['C EHLO probe.mailpulse.test', 'C AUTH PLAIN ********', 'C QUIT']);
  });

  it('uses LOGIN when it is the only mechanism, redacting both answers and keeping the challenges', async () => {
    const { port, attempts } = await authServer({ authMethods: ['LOGIN'] });
    const result = await check(target(port, { auth: { username, password } }));
    expect(result.status).toBe('up');
    expect(attempts).toEqual([{ method: 'LOGIN', username, password }]);
    const auth = lines(result);
    const start = auth.indexOf('C AUTH LOGIN');
    expect(auth.slice(start, start + 6)).toEqual([
      'C AUTH LOGIN',
      'S 334 VXNlcm5hbWU6',
      'C ********',
      'S 334 UGFzc3dvcmQ6',
      'C ********',
      'S 235 2.7.0 Authentication successful',
    ]);
    const json = JSON.stringify(result);
    for (const secret of secrets) expect(json).not.toContain(secret);
  });

  it('uses the requested mechanism when the server offers several', async () => {
    const { port, attempts } = await authServer();
    const result = await check(target(port, { auth: { username, password, mechanism: 'LOGIN' } }));
    expect(result.status).toBe('up');
    expect(attempts.map((a) => a.method)).toEqual(['LOGIN']);
  });

  it('reports auth_failed/not_offered when the server does not advertise AUTH', async () => {
    const { port, attempts } = await authServer({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const result = await check(target(port, { auth: { username, password } }));
    expect(result.failure).toEqual({ code: 'auth_failed', detail: 'not_offered', phase: 'auth',
      message: 'The server does not offer AUTH on this connection.' });
    expect(attempts).toEqual([]);
  });

  it('reports auth_failed/no_mechanism when nothing the probe speaks is offered', async () => {
    const { port, attempts } = await authServer({ authMethods: ['XOAUTH2'] });
    const result = await check(target(port, { auth: { username, password } }));
    expect(result.failure).toEqual({ code: 'auth_failed', detail: 'no_mechanism', phase: 'auth',
      message: 'The server offers AUTH XOAUTH2, but the probe needs PLAIN or LOGIN.' });
    expect(attempts).toEqual([]);
    expect(result.transcript.some((l) => l.line.startsWith('AUTH'))).toBe(false);
  });
});
