import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSecret, parseEnv } from '../../lib/env';

describe('parseEnv', () => {
  it('works out of the box with no variables set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, SMTP_PORT: 2525, HOST: '0.0.0.0', LOG_LEVEL: 'info', SIGN_IN_ATTEMPTS_PER_MINUTE: 10 });
    expect(env.DATA_DIR).toBe(path.resolve('./data'));
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '', SECRET_KEY: ' ' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined, SECRET_KEY: undefined });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be a number (got "abc")'],
    [{ SMTP_PORT: '70000' }, 'Invalid configuration: SMTP_PORT must be 1-65535 (got "70000")'],
    [{ PORT: '80.5' }, 'Invalid configuration: PORT must be a whole number (got "80.5")'],
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid configuration: DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://x")'],
    [{ SECRET_KEY: 'short' }, 'Invalid configuration: SECRET_KEY must be at least 32 characters (got "short")'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error (got "loud")'],
    [{ PUBLIC_URL: 'mailpulse' }, 'Invalid configuration: PUBLIC_URL must be a full URL such as https://mailpulse.example.com (got "mailpulse")'],
    [{ DATA_DIR: '' }, 'Invalid configuration: DATA_DIR must not be empty (got "")'],
  ])('rejects %j with one line naming the variable', (source, message) => {
    expect(() => parseEnv(source)).toThrowError(new ConfigError(message));
  });

  it('accepts a PostgreSQL URL and resolves DATA_DIR', () => {
    const env = parseEnv({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/mp', DATA_DIR: 'rel/dir' });
    expect(env.DATABASE_URL).toBe('postgresql://u:p@127.0.0.1:5432/mp');
    expect(env.DATA_DIR).toBe(path.resolve('rel/dir'));
  });
});

describe('loadSecret', () => {
  it('generates a key into DATA_DIR once, readable by the owner only, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mp-secret-'));
    const lines: string[] = [];
    const env = parseEnv({ DATA_DIR: dir });
    const first = loadSecret(env, (l) => lines.push(l));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lines).toEqual([`mailpulse: generated a new secret key in ${path.join(dir, 'secret.key')} (set SECRET_KEY to share one between processes)`]);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecret(env, (l) => lines.push(l))).toBe(first);
    expect(lines).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toBe(first);
  });

  it('prefers SECRET_KEY and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mp-secret-'));
    const key = 'k'.repeat(40);
    expect(loadSecret(parseEnv({ DATA_DIR: dir, SECRET_KEY: key }))).toBe(key);
    expect(() => statSync(path.join(dir, 'secret.key'))).toThrow(/ENOENT/);
  });
});
