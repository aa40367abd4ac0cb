// The probe against a real MTA nobody here wrote: a private Postfix instance from Debian's package, with
// its own configuration and queue directories under a temporary folder, on a free loopback port. Needs
// /usr/sbin/postfix (CI installs the package) and root, as `postfix start` does.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSmtp } from '../../../probe/check';
import { memoryResolver } from '../../../probe/dns';
import type { CheckTarget } from '../../../probe/types';
import { fixturePath, pem, target } from '../../helpers/smtp';

const postfix = '/usr/sbin/postfix';
const run = promisify(execFile);
const banner = 'mx.mailpulse.test ESMTP Mailpulse test MTA';

let dir = '';
let port = 0;
const conf = () => path.join(dir, 'conf');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return free;
}

function mainCf(): string {
  return `
compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
maillog_file = ${dir}/maillog
maillog_file_prefixes = ${dir}
myhostname = mx.mailpulse.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
smtpd_banner = $myhostname ESMTP Mailpulse test MTA
message_size_limit = 20480000
smtpd_tls_cert_file = ${fixturePath('localhost.pem')}
smtpd_tls_key_file = ${fixturePath('localhost.key')}
smtpd_tls_security_level = may
`;
}

// Postfix's own service list, with every service out of chroot (the queue folder here holds no copy of
// /etc or the libraries a chroot would need) and smtpd on our port only.
function masterCf(): string {
  return `
127.0.0.1:${port} inet n - n - - smtpd
pickup     unix n - n 60 1 pickup
cleanup    unix n - n - 0 cleanup
qmgr       unix n - n 300 1 qmgr
tlsmgr     unix - - n 1000? 1 tlsmgr
rewrite    unix - - n - - trivial-rewrite
bounce     unix - - n - 0 bounce
defer      unix - - n - 0 bounce
trace      unix - - n - 0 bounce
verify     unix - - n - 1 verify
flush      unix n - n 1000? 0 flush
proxymap   unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp       unix - - n - - smtp
relay      unix - - n - - smtp
showq      unix n - n - - showq
error      unix - - n - - error
retry      unix - - n - - error
discard    unix - - n - - discard
local      unix - n n - - local
virtual    unix - n n - - virtual
lmtp       unix - - n - - lmtp
anvil      unix - - n - 1 anvil
scache     unix - - n - 1 scache
postlog    unix-dgram n - n - 1 postlogd
`;
}

/** Postfix reports its own errors to its log file, not to stderr: show both when it will not start. */
function postfixLog(): string {
  try {
    return readFileSync(path.join(dir, 'maillog'), 'utf8');
  } catch {
    return '(no maillog)';
  }
}

async function waitUntil(condition: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Postfix: ${what} did not happen within 10 s. Log:\n${postfixLog()}`);
}

const accepts = () => new Promise<boolean>((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

beforeAll(async () => {
  // Fail loudly rather than skip: this test is the probe's check against a real MTA.
  if (!existsSync(postfix)) throw new Error(`${postfix} is missing: install Debian's postfix package (CI does, in .ci/run).`);
  if (process.getuid?.() !== 0) throw new Error('The Postfix test runs as root: `postfix start` is reserved for the superuser.');
  dir = mkdtempSync(path.join(tmpdir(), 'mp-postfix-'));
  chmodSync(dir, 0o755); // Postfix daemons run as the postfix user and must reach the queue
  port = await freePort();
  // Postfix creates the queue's subfolders (with their owners) at start, but not the queue folder itself.
  mkdirSync(conf());
  mkdirSync(path.join(dir, 'queue'));
  writeFileSync(path.join(conf(), 'main.cf'), mainCf());
  writeFileSync(path.join(conf(), 'master.cf'), masterCf());
  try {
    await run(postfix, ['-c', conf(), 'start']);
  } catch (error) {
    throw new Error(`postfix start failed: ${(error as Error).message}\nLog:\n${postfixLog()}`);
  }
  await waitUntil(accepts, `listening on 127.0.0.1:${port}`);
});

afterAll(async () => {
  if (!dir) return;
  await run(postfix, ['-c', conf(), 'stop']).catch(() => {});
  // `postfix status` fails once the master process has let go of its lock.
  await waitUntil(() => run(postfix, ['-c', conf(), 'status']).then(() => false, () => true), 'stopping');
  rmSync(dir, { recursive: true, force: true });
});

const resolver = memoryResolver({});
const postfixTarget = (overrides: Partial<CheckTarget> = {}) => target(port, overrides);

describe('Postfix', () => {
  it('is up over plain SMTP, with the configured banner, and advertises STARTTLS', async () => {
    const result = await checkSmtp(postfixTarget({ security: 'none' }), { resolver });
    expect(result.status).toBe('up');
    expect(result.failure).toBeUndefined();
    expect(result.banner).toBe(banner);
    expect(result.extensions).toEqual(expect.arrayContaining(['PIPELINING', '8BITMIME', 'STARTTLS', 'SIZE 20480000']));
    expect(result.phases.map((p) => p.phase)).toEqual(['connect', 'banner', 'ehlo', 'quit']);
    expect(result.transcript.filter((l) => l.dir === 'S').at(-1)?.line).toBe('221 2.0.0 Bye');
  });

  it('is up over STARTTLS with the test certificate, negotiating TLS 1.3', async () => {
    const result = await checkSmtp(postfixTarget({ security: 'starttls-required', ca: [pem('ca.pem')],
      expectations: { requiredExtensions: ['PIPELINING', '8BITMIME'], minTlsVersion: 'TLSv1.2', bannerPattern: '^mx\\.mailpulse\\.test ESMTP' } }),
    { resolver });
    expect(result.status).toBe('up');
    expect(result.failure).toBeUndefined();
    expect(result.banner).toBe(banner);
    expect(result.phases.map((p) => p.phase)).toEqual(['connect', 'banner', 'ehlo', 'starttls', 'ehlo2', 'quit']);
    expect(result.tls).toMatchObject({ protocol: 'TLSv1.3', chainVerified: true, hostnameVerified: true,
      certificate: { subject: 'localhost', issuer: 'Mailpulse Test CA' } });
    expect(result.extensions).toEqual(expect.arrayContaining(['PIPELINING', '8BITMIME']));
    // Postfix does not offer STARTTLS again inside TLS.
    expect(result.extensions).not.toContain('STARTTLS');
  });

  it('reports auth_failed/not_offered: this Postfix has no SASL configured', async () => {
    const result = await checkSmtp(postfixTarget({ security: 'starttls', ca: [pem('ca.pem')],
      auth: { username: 'probe', password: 'secret-never-sent' } }), { resolver });
    expect(result.failure).toMatchObject({ code: 'auth_failed', detail: 'not_offered', phase: 'auth' });
    expect(JSON.stringify(result)).not.toContain('secret-never-sent');
  });
});
