// Sign-in through better-auth's real HTTP handler on our tables: cookies, wrong passwords,
// rate limiting, sign-up closed to the public.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { signInFailures } from '../../db/schema';
import { addMember, createOwner } from '../../lib/team';
import { createTestDatabase } from '../helpers/db';
import { authFor } from '../helpers/runtime';

let database: Database;
let auth: Awaited<ReturnType<typeof authFor>>['auth'];
const origin = 'http://mailpulse.test';

beforeAll(async () => {
  database = await createTestDatabase();
  const wired = await authFor(database, 4);
  auth = wired.auth;
  const owner = await createOwner(database.db, wired.hashPassword, { name: 'Ann', email: 'ann@example.com', password: 'ann-password-1' });
  await addMember(database.db, wired.hashPassword, { id: owner.id, role: 'owner' },
    { name: 'Vic', email: 'vic@example.com', password: 'vic-password-1', role: 'viewer' });
});
afterAll(async () => { await database?.close(); });

function post(path: string, body: unknown, ip: string, headers: Record<string, string> = {}) {
  return auth.handler(new Request(`${origin}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': ip, ...headers },
    body: JSON.stringify(body),
  }));
}

describe('sign-in', () => {
  it('signs a member in with an HTTP-only, SameSite session cookie that identifies them and their role', async () => {
    const response = await post('/sign-in/email', { email: 'vic@example.com', password: 'vic-password-1' }, '10.0.0.1');
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mailpulse\.session_token=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookie.split(';')[0] }) });
    expect(session?.user).toMatchObject({ email: 'vic@example.com', role: 'viewer' });
  });

  it('answers a wrong password with 401 and no session cookie', async () => {
    const response = await post('/sign-in/email', { email: 'vic@example.com', password: 'wrong-password' }, '10.0.0.2');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD' });
    expect(response.headers.get('set-cookie') ?? '').not.toContain('session_token=');
  });

  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post('/sign-in/email', { email: 'ann@example.com', password: `guess-${i}-xxxx` }, '10.0.0.3')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // Another address is not held back by the first one's failures.
    expect((await post('/sign-in/email', { email: 'ann@example.com', password: 'ann-password-1' }, '10.0.0.4')).status).toBe(200);
  });

  it('locks an account after ten failures, even from ever-changing addresses, and not its neighbours', async () => {
    await database.db.delete(signInFailures); // the wrong password of an earlier test counts too
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await post('/sign-in/email', { email: 'VIC@example.com', password: `guess-${i}-xxxx` }, `10.1.0.${i}`)).status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const locked = await post('/sign-in/email', { email: 'vic@example.com', password: 'vic-password-1' }, '10.1.1.1');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ message: 'Too many failed sign-ins for this account. Wait 15 minutes and try again.' });
    expect(locked.headers.get('set-cookie') ?? '').not.toContain('session_token=');
    expect((await post('/sign-in/email', { email: 'ann@example.com', password: 'ann-password-1' }, '10.1.1.2')).status).toBe(200);
    // The window passes: failures older than 15 minutes no longer count.
    await database.db.update(signInFailures).set({ failedAt: new Date(Date.now() - 16 * 60_000) });
    expect((await post('/sign-in/email', { email: 'vic@example.com', password: 'vic-password-1' }, '10.1.1.3')).status).toBe(200);
    // A success clears the account's failures.
    expect(await database.db.select().from(signInFailures).where(eq(signInFailures.email, 'vic@example.com'))).toEqual([]);
  });

  it('refuses a cross-site sign-in post', async () => {
    const response = await post('/sign-in/email', { email: 'ann@example.com', password: 'ann-password-1' }, '10.0.0.5',
      { origin: 'http://evil.test', cookie: 'x=1' });
    expect(response.status).toBe(403);
  });

  it('keeps public sign-up closed', async () => {
    const response = await post('/sign-up/email', { name: 'Eve', email: 'eve@example.com', password: 'eve-password-1' }, '10.0.0.6');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'EMAIL_PASSWORD_SIGN_UP_DISABLED' });
  });
});
