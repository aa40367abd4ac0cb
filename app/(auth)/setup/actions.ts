'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { ZodError } from 'zod';
import { getRuntime } from '../../../lib/runtime';
import { createOwner, TeamError } from '../../../lib/team';

export interface SetupState {
  error?: string;
  values?: { name: string; email: string };
}

export async function completeSetup(_previous: SetupState, form: FormData): Promise<SetupState> {
  const values = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? '') };
  const password = String(form.get('password') ?? '');
  if (password !== String(form.get('confirm') ?? '')) return { error: 'The two passwords do not match.', values };
  const runtime = await getRuntime();
  try {
    await createOwner(runtime.db, runtime.hashPassword, { ...values, password });
  } catch (error) {
    if (error instanceof ZodError) return { error: error.issues[0]?.message ?? 'Check the form.', values };
    if (error instanceof TeamError) return { error: error.message, values };
    throw error;
  }
  await runtime.auth.api.signInEmail({ body: { email: values.email, password }, headers: await headers() });
  redirect('/monitors');
}
