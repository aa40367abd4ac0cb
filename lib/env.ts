// Owns the process configuration: the environment is read once, here, through zod.
// Every variable has a default that works out of the box; a bad value stops start-up
// with one line naming the variable and what is wrong with it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const port = (fallback: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-65535')
    .max(65535, 'must be 1-65535').default(fallback);

const optionalText = z.string().trim().transform((v) => (v === '' ? undefined : v)).optional();

export const envSchema = z.object({
  PORT: port(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  SMTP_PORT: port(2525),
  DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: optionalText.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  ),
  SECRET_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  PUBLIC_URL: optionalText.pipe(z.url({ error: 'must be a full URL such as https://mailpulse.example.com' }).optional()),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })
    .default('info'),
  RUN_SCHEDULER: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((v) => v === 'true'),
  CHECK_RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(30),
  ROLLUP_RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(365),
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
    .min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(10),
});

export type Env = z.infer<typeof envSchema> & { DATA_DIR: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment (process.env by default); throws ConfigError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, emptyToUndefined(k, source[k])]));
  const result = envSchema.safeParse(picked);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(source[name])})`);
  }
  return { ...result.data, DATA_DIR: path.resolve(result.data.DATA_DIR) };
}

// An empty numeric or enum variable means "use the default", as in most tools.
function emptyToUndefined(key: string, value: string | undefined) {
  if (value === undefined) return undefined;
  if (value.trim() === '' && key !== 'DATA_DIR' && key !== 'HOST') return undefined;
  return value;
}

/**
 * The instance secret that encrypts stored credentials and signs sessions. Taken from SECRET_KEY
 * or, on first start, generated into DATA_DIR/secret.key (readable by the owner only).
 */
export function loadSecret(env: Env, log: (line: string) => void = console.log): string {
  if (env.SECRET_KEY) return env.SECRET_KEY;
  const file = path.join(env.DATA_DIR, 'secret.key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another start won the race: use its key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  log(`mailpulse: generated a new secret key in ${file} (set SECRET_KEY to share one between processes)`);
  return secret;
}
