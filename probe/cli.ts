// Owns `mailpulse check`: turning command-line arguments into a CheckTarget (validated with zod), running
// one check and printing it. Exit codes: 0 up, 1 degraded, 2 down, 3 usage error.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { checkSmtp } from './check';
import { systemResolver } from './dns';
import { formatResult } from './format';
import type { CheckTarget, Clock, Resolver, Security } from './types';

export const usage =
  'usage: mailpulse check <host>[:port] [--starttls|--starttls-required|--tls] [--auth user:pass] [--ehlo name] [--timeout ms] [--json]';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface CliDeps {
  resolver?: Resolver;
  clock?: Clock;
  /** The default EHLO name; os.hostname() when not given. */
  hostname?: string;
}

const exitCodes = { up: 0, degraded: 1, down: 2 } as const;
export const usageExitCode = 3;

export async function runCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  let parsed: { target: CheckTarget; json: boolean };
  try {
    parsed = parseCheckArgs(argv, deps.hostname ?? os.hostname());
  } catch (error) {
    io.stderr.write(`mailpulse check: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return usageExitCode;
  }
  const { target, json } = parsed;
  const result = await checkSmtp(target, { resolver: deps.resolver ?? systemResolver(target.timeoutMs), clock: deps.clock });
  io.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
  return exitCodes[result.status];
}

// A host name (labels of letters, digits, hyphens; underscores are common in real MX names) or an IP.
const hostName = /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;
const isIp = (value: string) => z.union([z.ipv4(), z.ipv6()]).safeParse(value).success;

const argsSchema = z.object({
  host: z.string().refine((h) => isIp(h) || hostName.test(h), { error: (issue) => `"${String(issue.input)}" is not a host name or IP address` }),
  port: z.coerce.number({ error: 'the port must be a number' }).int('the port must be a whole number')
    .min(1, 'the port must be 1-65535').max(65535, 'the port must be 1-65535').optional(),
  auth: z.string().regex(/^[^:]+:[\s\S]+$/, '--auth must be user:password').optional(),
  // RFC 5321 §4.1.1.1: EHLO takes a domain or an address literal.
  ehlo: z.string().refine((n) => hostName.test(n) || /^\[[0-9a-f.:]+\]$/i.test(n), '--ehlo must be a host name or [address literal]'),
  timeout: z.coerce.number({ error: '--timeout must be a number of milliseconds' }).int('--timeout must be a whole number of milliseconds')
    .min(100, '--timeout must be at least 100 ms').max(600_000, '--timeout must be at most 600000 ms').default(10_000),
  json: z.boolean(),
});

export function parseCheckArgs(argv: string[], defaultEhlo: string): { target: CheckTarget; json: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      starttls: { type: 'boolean' },
      'starttls-required': { type: 'boolean' },
      tls: { type: 'boolean' },
      auth: { type: 'string' },
      ehlo: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'a host is required' : 'only one host can be checked at a time');
  const securityFlags = (['starttls', 'starttls-required', 'tls'] as const).filter((flag) => values[flag]);
  if (securityFlags.length > 1) throw new Error(`choose one of --${securityFlags.join(', --')}`);
  const security: Security = securityFlags[0] ?? 'starttls';
  const { host, port } = splitHostPort(positionals[0]!);

  const result = argsSchema.safeParse({
    host, port, auth: values.auth, ehlo: values.ehlo ?? defaultEhlo, timeout: values.timeout, json: values.json ?? false,
  });
  if (!result.success) throw new Error(result.error.issues[0]!.message);
  const args = result.data;
  const target: CheckTarget = {
    host: args.host,
    // RFC 8314 §3.3: implicit TLS submission is on 465; otherwise the SMTP relay port.
    port: args.port ?? (security === 'tls' ? 465 : 25),
    security,
    ehloName: args.ehlo,
    timeoutMs: args.timeout,
  };
  if (args.auth) {
    const colon = args.auth.indexOf(':');
    target.auth = { username: args.auth.slice(0, colon), password: args.auth.slice(colon + 1) };
  }
  return { target, json: args.json };
}

/** "host", "host:25", "[2001:db8::1]:25", or a bare IPv6 address (more than one colon means no port). */
function splitHostPort(value: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(value);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] };
  const colons = value.split(':').length - 1;
  if (colons !== 1) return { host: value };
  const [host = '', port] = value.split(':');
  return { host, port };
}
