'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getRuntime } from '../../lib/runtime';

export async function signOut() {
  const { auth } = await getRuntime();
  await auth.api.signOut({ headers: await headers() });
  redirect('/sign-in');
}
