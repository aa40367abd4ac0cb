// Sign-in and sessions, through better-auth on our own tables. Public sign-up is off: the first
// owner is created by the setup page and everyone else by an admin (lib/team.ts).
import { randomUUID } from 'node:crypto';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import type { Db } from '../db/client';
import { accounts, sessions, signInFailures, users, verifications } from '../db/schema';

export interface AuthOptions {
  secret: string;
  /** Public URL of the web UI; inferred from each request when unset. */
  baseURL?: string;
  signInAttemptsPerMinute: number;
}

/** Failed sign-ins that lock an account, and for how long. */
export const accountLock = { failures: 10, minutes: 15 } as const;

export function createAuth(db: Db, options: AuthOptions) {
  return betterAuth({
    appName: 'Mailpulse',
    secret: options.secret,
    // Without PUBLIC_URL the origin comes from each request (any host name the UI is reached by);
    // better-auth still rejects cross-origin form posts.
    baseURL: options.baseURL ?? { allowedHosts: ['*'], protocol: 'auto' },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
    },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, required: false, defaultValue: 'viewer' },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: options.signInAttemptsPerMinute },
      },
    },
    advanced: {
      cookiePrefix: 'mailpulse',
      // Explicit, so the check also runs under NODE_ENV=test, where better-auth would skip it.
      disableOriginCheck: false,
      // Secure cookies when the UI is served over HTTPS (PUBLIC_URL); plain-HTTP installs must still sign in.
      useSecureCookies: options.baseURL?.startsWith('https://') ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: ['x-forwarded-for', 'x-real-ip'] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        if (await failuresOf(db, emailOf(ctx.body)) >= accountLock.failures) {
          throw new APIError('TOO_MANY_REQUESTS', {
            message: `Too many failed sign-ins for this account. Wait ${accountLock.minutes} minutes and try again.`,
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = emailOf(ctx.body);
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          if (returned.statusCode === 401) await db.insert(signInFailures).values({ id: randomUUID(), email });
        } else {
          await db.delete(signInFailures).where(eq(signInFailures.email, email));
        }
      }),
    },
    telemetry: { enabled: false },
    // Sets session cookies when a server action signs someone in (first-run setup, sign-out).
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

function emailOf(body: unknown): string {
  return String((body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase();
}

async function failuresOf(db: Db, email: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - accountLock.minutes * 60_000);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(signInFailures)
    .where(and(eq(signInFailures.email, email), gte(signInFailures.failedAt, since)));
  return row?.n ?? 0;
}

/** Housekeeping: failures older than the lock window no longer count. */
export async function pruneSignInFailures(db: Db, now = new Date()) {
  await db.delete(signInFailures).where(lt(signInFailures.failedAt, new Date(now.getTime() - accountLock.minutes * 60_000)));
}
