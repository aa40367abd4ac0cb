// Who is signed in, and may they do this? Every page, server action and API route asks here.
import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Role } from '../../db/schema';
import { can, type Permission } from '../../lib/roles';
import { getRuntime } from '../../lib/runtime';
import { isSetupDone } from '../../lib/team';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** The signed-in member for this request, or null. Looked up once per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const { auth } = await getRuntime();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, name, email, role } = session.user;
  return { id, name, email, role: role as Role };
});

/** For pages and server actions: sends strangers to sign-in (or setup) and answers 403 to a missing permission. */
export async function requirePage(permission: Permission = 'read'): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    const { db } = await getRuntime();
    redirect((await isSetupDone(db)) ? '/sign-in' : '/setup');
  }
  if (!can(user.role, permission)) forbidden();
  return user;
}
