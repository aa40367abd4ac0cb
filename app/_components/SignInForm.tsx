'use client';
import { Button, Card } from '@tremor/react';
import { createAuthClient } from 'better-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field, FormError } from './Field';

const authClient = createAuthClient();

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const { error } = await authClient.signIn.email({
      email: String(form.get('email')),
      password: String(form.get('password')),
    });
    if (error) {
      setPending(false);
      setError(error.status === 429
        ? (error.message?.startsWith('Too many failed sign-ins') ? error.message : 'Too many sign-in attempts. Wait a minute and try again.')
        : error.status === 401 ? 'Wrong email or password.' : error.message ?? 'Sign-in failed.');
      return;
    }
    router.replace('/monitors');
    router.refresh();
  }

  return (
    <Card>
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong">Sign in</h1>
      <form onSubmit={onSubmit} className="mt-6 space-y-4">
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <FormError message={error} />
        <Button type="submit" className="w-full" loading={pending}>Sign in</Button>
      </form>
    </Card>
  );
}
