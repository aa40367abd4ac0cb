// Owns the diagnostic SMTP conversation, step by step (resolve, connect, TLS, greeting, EHLO, STARTTLS,
// EHLO again, AUTH, QUIT), and the domain check that runs it against every MX host. The steps below are
// the documentation of the order; each may stop the run by throwing a ProbeFailure, which becomes the
// result's failure. checkSmtp never throws and always closes what it opened.
import net from 'node:net';
import { unmetExpectation, warningsFor } from './expectations';
import { describeReply, ProbeFailure, unexpectedReply } from './failure';
import { authenticate } from './smtp/auth';
import type { Reply } from './smtp/reply';
import { Session } from './smtp/session';
import { tlsDetails, tlsProblem } from './smtp/tls';
import type { CheckResult, CheckTarget, Clock, DomainCheckResult, Failure, Resolver, TlsDetails } from './types';

export const systemClock: Clock = { nowMs: () => performance.now(), now: () => new Date() };

export interface CheckDeps {
  resolver: Resolver;
  clock?: Clock;
}

/** What the steps learn, filled in as they go so a failure still reports everything seen before it. */
interface Seen {
  address?: string;
  banner?: string;
  extensions: string[];
  tls?: TlsDetails;
}

export async function checkSmtp(target: CheckTarget, deps: CheckDeps): Promise<CheckResult> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now().toISOString();
  const session = new Session(target, clock);
  const seen: Seen = { extensions: [] };
  let failure: Failure | undefined;
  try {
    await converse(session, target, deps.resolver, seen);
  } catch (error) {
    const problem = error instanceof ProbeFailure ? error : new ProbeFailure('protocol_error', 'internal', String(error));
    failure = problem.toFailure('dns');
    if (problem.canQuit) await session.phase('quit', () => quit(session)).catch(() => {});
  } finally {
    session.close();
  }
  const totalMs = session.elapsedMs();
  const partial = { ...seen, security: target.security, phases: session.phases, totalMs };
  failure ??= unmetExpectation(partial, target.expectations);
  const warnings = warningsFor(partial, target.expectations, clock.now());
  const result: CheckResult = {
    status: failure ? 'down' : warnings.length > 0 ? 'degraded' : 'up',
    host: target.host,
    port: target.port,
    security: target.security,
    ...(seen.address ? { address: seen.address } : {}),
    startedAt,
    totalMs,
    phases: session.phases,
    ...(seen.banner !== undefined ? { banner: seen.banner } : {}),
    extensions: seen.extensions,
    ...(seen.tls ? { tls: seen.tls } : {}),
    ...(failure ? { failure } : {}),
    warnings,
    transcript: session.transcript,
  };
  return result;
}

async function converse(s: Session, target: CheckTarget, resolver: Resolver, seen: Seen): Promise<void> {
  seen.address = net.isIP(target.host) ? target.host : await s.phase('dns', () => resolveAddress(s, target.host, resolver));
  const address = seen.address;
  await s.phase('connect', () => s.connect(address, target.port));
  if (target.security === 'tls') {
    await s.phase('tls', () => secure(s, target, seen));
  } else {
    s.listen();
  }
  seen.banner = await s.phase('banner', () => greeting(s));
  seen.extensions = await s.phase('ehlo', () => hello(s, target.ehloName));

  const offersStarttls = seen.extensions.some((e) => /^STARTTLS$/i.test(e));
  if (target.security === 'starttls-required' && !offersStarttls) {
    await s.phase('starttls', () => Promise.reject(new ProbeFailure('expectation_failed', 'starttls_missing',
      'The server does not offer STARTTLS, which this check requires.', { canQuit: true })));
  }
  if ((target.security === 'starttls' || target.security === 'starttls-required') && offersStarttls) {
    await s.phase('starttls', async () => {
      const reply = await s.command('STARTTLS');
      if (reply.code !== 220) throw unexpectedReply(reply, 'STARTTLS', 220); // RFC 3207 §4
      await secure(s, target, seen);
    });
    // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
    seen.extensions = [];
    seen.extensions = await s.phase('ehlo2', () => hello(s, target.ehloName));
  }
  const credentials = target.auth;
  if (credentials) {
    // Only an explicit "none" sends the password over plain text: with opportunistic STARTTLS that was
    // not offered, a stripped STARTTLS (a downgrade) must not hand the credentials to whoever listens.
    if (!seen.tls && target.security !== 'none') {
      await s.phase('auth', () => Promise.reject(new ProbeFailure('auth_failed', 'insecure',
        'The session is not encrypted (the server did not offer STARTTLS), so the password was not sent. ' +
        'Choose security "none" to test AUTH over plain text on purpose.', { canQuit: true })));
    }
    await s.phase('auth', () => authenticate(s, seen.extensions, credentials));
  }
  await s.phase('quit', () => quit(s));
}

/** A records first, then AAAA; the first address is the one we connect to. */
async function resolveAddress(s: Session, host: string, resolver: Resolver): Promise<string> {
  const codes: string[] = [];
  for (const [type, lookup] of [['A', (n: string) => resolver.resolve4(n)], ['AAAA', (n: string) => resolver.resolve6(n)]] as const) {
    try {
      const addresses = await withTimeout(lookup(host), s.remainingMs());
      if (addresses.length > 0) {
        s.event(`${host} ${type} ${addresses.join(', ')}`);
        return addresses[0]!;
      }
      codes.push('ENODATA');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'ESERVFAIL';
      codes.push(code);
      // NXDOMAIN means the name does not exist for any type (RFC 8020); a timeout has used the budget.
      if (code === 'ENOTFOUND' || code === 'ETIMEOUT') break;
    }
  }
  throw dnsFailure(host, codes.find((c) => c !== 'ENODATA') ?? 'ENODATA', 'A or AAAA');
}

function dnsFailure(name: string, code: string, what: string): ProbeFailure {
  const message = {
    ENOTFOUND: `The name ${name} does not exist (NXDOMAIN).`,
    ENODATA: `${name} has no ${what} record.`,
    ETIMEOUT: `The DNS lookup of ${name} timed out.`,
  }[code] ?? `The DNS lookup of ${name} failed (${code}).`;
  return new ProbeFailure('dns_failed', code, message, { phase: 'dns' });
}

/** Implicit TLS, or the handshake after STARTTLS: details are kept even when the certificate is refused. */
async function secure(s: Session, target: CheckTarget, seen: Seen): Promise<void> {
  const socket = await s.startTls();
  const details = tlsDetails(socket, target.host, s.clock.now());
  seen.tls = details;
  s.event(`TLS established: ${details.protocol} ${details.cipher}, certificate ${details.certificate.subject}` +
    ` issued by ${details.certificate.issuer}${details.verifyError ? ` (${details.verifyError})` : ''}`);
  const problem = tlsProblem(details, target.host, target.expectations?.minTlsVersion);
  // Stop before anything else (AUTH above all) goes to a peer we cannot vouch for.
  if (problem) throw new ProbeFailure('tls_failed', problem.detail, problem.message, { canQuit: true });
}

/** RFC 5321 §4.2 / §3.1: the greeting is 220; 554 means "no service here", 421 "not now". */
async function greeting(s: Session): Promise<string> {
  const reply = await s.reply('banner');
  if (reply.code !== 220) throw unexpectedReply(reply, 'the connection', 220);
  return reply.lines.join('\n');
}

/** EHLO, falling back to HELO once when EHLO is refused (RFC 5321 §4.1.4, §3.2). Returns the keywords. */
async function hello(s: Session, name: string): Promise<string[]> {
  const ehlo = await s.command(`EHLO ${name}`);
  if (ehlo.code === 250) return extensionsOf(ehlo);
  // A 421 is the server closing (RFC 5321 §3.8); HELO would only meet a closed connection.
  if (ehlo.code < 400 || ehlo.code === 421) throw unexpectedReply(ehlo, 'EHLO', 250);
  s.event(`EHLO refused (${describeReply(ehlo)}), falling back to HELO`);
  const helo = await s.command(`HELO ${name}`);
  if (helo.code !== 250) throw unexpectedReply(helo, 'HELO', 250);
  return [];
}

/** RFC 5321 §4.1.1.1: the first line greets, each further line is "keyword [params]". */
function extensionsOf(reply: Reply): string[] {
  return reply.lines.slice(1).map((line) => line.trim()).filter((line) => line.length > 0).map((line) => {
    const [keyword = '', ...params] = line.split(/\s+/);
    return [keyword.toUpperCase(), ...params].join(' ');
  });
}

/** RFC 5321 §4.1.1.10: QUIT gets 221. Waited for briefly; its absence is noted, never a failure. */
async function quit(s: Session): Promise<void> {
  try {
    s.send('QUIT');
  } catch {
    return; // already closed by the server: nothing to say goodbye to
  }
  try {
    const reply = await s.reply('QUIT', Math.min(s.remainingMs(), 2000));
    if (reply.code !== 221) s.event(`QUIT answered with ${describeReply(reply)}`);
  } catch {
    s.event('no 221 reply to QUIT');
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('DNS timeout'), { code: 'ETIMEOUT' })), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Checks every MX host of a domain, in preference order. RFC 5321 §5.1. */
export async function checkDomain(domain: string, template: Omit<CheckTarget, 'host'>, deps: CheckDeps): Promise<DomainCheckResult> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now().toISOString();
  const startMs = clock.nowMs();
  const finish = (result: Omit<DomainCheckResult, 'domain' | 'startedAt' | 'totalMs'>): DomainCheckResult =>
    ({ domain, startedAt, totalMs: Math.round((clock.nowMs() - startMs) * 10) / 10, ...result });

  let mx: Array<{ exchange: string; priority: number }>;
  try {
    mx = await withTimeout(deps.resolver.resolveMx(domain), template.timeoutMs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'ESERVFAIL';
    // A domain that exists without MX records still receives mail at its address. RFC 5321 §5.1.
    if (code !== 'ENODATA') return finish({ status: 'down', mx: [], hosts: [], failure: dnsFailure(domain, code, 'MX').toFailure('dns') });
    mx = [];
  }
  mx = mx.map((r) => ({ exchange: r.exchange.replace(/\.$/, ''), priority: r.priority }));
  // RFC 7505: a single MX of "." says the domain accepts no mail at all.
  if (mx.length === 1 && mx[0]!.exchange === '') {
    return finish({ status: 'down', mx, hosts: [], failure: { code: 'dns_failed', detail: 'null_mx', phase: 'dns',
      message: `${domain} publishes a null MX: it accepts no mail (RFC 7505).` } });
  }
  if (mx.length === 0) mx = [{ exchange: domain, priority: 0 }];
  // Equal preferences are tried in a random order by senders (RFC 5321 §5.1); a monitor wants a stable one.
  mx.sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));

  const hosts: CheckResult[] = [];
  for (const record of mx) hosts.push(await checkSmtp({ ...template, host: record.exchange }, deps));
  const up = hosts.filter((h) => h.status === 'up').length;
  const down = hosts.filter((h) => h.status === 'down').length;
  return finish({ status: up === hosts.length ? 'up' : down === hosts.length ? 'down' : 'degraded', mx, hosts });
}
