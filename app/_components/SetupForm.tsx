'use client';
import { Button, Card } from '@tremor/react';
import { useActionState } from 'react';
import type { SetupState } from '../(auth)/setup/actions';
import { Field, FormError } from './Field';

export function SetupForm({ action }: { action: (state: SetupState, form: FormData) => Promise<SetupState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <Card>
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong">Welcome to Mailpulse</h1>
      <p className="mt-1 text-tremor-default text-tremor-content">
        Create the owner account. You can invite the rest of your team from Settings afterwards.
      </p>
      <form action={formAction} className="mt-6 space-y-4">
        <Field label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} />
        <Field label="Repeat password" name="confirm" type="password" autoComplete="new-password" required minLength={10} />
        <FormError message={state.error} />
        <Button type="submit" className="w-full" loading={pending}>Create owner account</Button>
      </form>
    </Card>
  );
}
