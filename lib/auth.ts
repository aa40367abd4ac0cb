// Sign-in and sessions, through better-auth on our own tables. Public sign-up is off: the first
// owner is created by the setup page and everyone else by an admin (lib/team.ts).
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import type { Db } from '../db/client';
import { accounts, sessions, users, verifications } from '../db/schema';

export interface AuthOptions {
  secret: string;
  /** Public URL of the web UI; inferred from each request when unset. */
  baseURL?: string;
  signInAttemptsPerMinute: number;
}

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
    telemetry: { enabled: false },
    // Sets session cookies when a server action signs someone in (first-run setup, sign-out).
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
