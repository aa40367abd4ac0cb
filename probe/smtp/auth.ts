// Owns SMTP AUTH for the probe (RFC 4954): picking a mechanism from what the server advertises and
// running PLAIN or LOGIN. Secrets go on the wire only; the transcript gets '********' in their place.
import { describeReply, ProbeFailure } from '../failure';
import type { CheckTarget } from '../types';
import type { Reply } from './reply';
import type { Session } from './session';

export const redacted = '********';

type Credentials = NonNullable<CheckTarget['auth']>;
const supported = ['PLAIN', 'LOGIN'] as const;

/** Mechanisms from the EHLO keywords, e.g. 'AUTH PLAIN LOGIN' → ['PLAIN', 'LOGIN']; undefined when AUTH is not offered. */
export function offeredMechanisms(extensions: string[]): string[] | undefined {
  const line = extensions.find((e) => /^AUTH(\s|$)/i.test(e));
  return line?.split(/\s+/).slice(1).map((m) => m.toUpperCase());
}

/** The requested mechanism if the server offers it, else PLAIN, else LOGIN. */
export function chooseMechanism(offered: string[], requested?: Credentials['mechanism']): 'PLAIN' | 'LOGIN' | undefined {
  if (requested) return offered.includes(requested) ? requested : undefined;
  return supported.find((m) => offered.includes(m));
}

export async function authenticate(session: Session, extensions: string[], credentials: Credentials): Promise<void> {
  const offered = offeredMechanisms(extensions);
  if (!offered) {
    throw new ProbeFailure('auth_failed', 'not_offered', 'The server does not offer AUTH on this connection.', { canQuit: true });
  }
  const mechanism = chooseMechanism(offered, credentials.mechanism);
  if (!mechanism) {
    const wanted = credentials.mechanism ?? supported.join(' or ');
    throw new ProbeFailure('auth_failed', 'no_mechanism',
      `The server offers AUTH ${offered.join(' ') || '(no mechanism)'}, but the probe needs ${wanted}.`, { canQuit: true });
  }
  const final = mechanism === 'PLAIN' ? await plain(session, credentials) : await login(session, credentials);
  // RFC 4954 §6: 235 is the one success reply.
  if (final.code !== 235) throw rejected(final);
}

/** RFC 4616 §2: authzid NUL authcid NUL passwd, sent as the initial response (RFC 4954 §4). */
function plain(session: Session, { username, password }: Credentials): Promise<Reply> {
  const response = Buffer.from(`\0${username}\0${password}`, 'utf8').toString('base64');
  return session.command(`AUTH PLAIN ${response}`, `AUTH PLAIN ${redacted}`);
}

/** The LOGIN mechanism (draft-murchison-sasl-login): two 334 challenges, for the user name and the password. */
async function login(session: Session, { username, password }: Credentials): Promise<Reply> {
  let reply = await session.command('AUTH LOGIN');
  for (const secret of [username, password]) {
    if (reply.code !== 334) return reply;
    reply = await session.command(Buffer.from(secret, 'utf8').toString('base64'), redacted);
  }
  return reply;
}

function rejected(reply: Reply): ProbeFailure {
  return new ProbeFailure('auth_failed', undefined, `The server rejected the credentials: ${describeReply(reply)}.`,
    { reply, canQuit: reply.code !== 421 });
}
