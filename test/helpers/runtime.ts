// Auth and password hashing over a test database, the way lib/runtime.ts wires them.
import type { Database } from '../../db/client';
import { createAuth } from '../../lib/auth';

export async function authFor(database: Database, signInAttemptsPerMinute = 10) {
  const auth = createAuth(database.db, { secret: 's'.repeat(40), baseURL: 'http://mailpulse.test', signInAttemptsPerMinute });
  const context = await auth.$context;
  return { auth, hashPassword: (password: string) => context.password.hash(password) };
}
