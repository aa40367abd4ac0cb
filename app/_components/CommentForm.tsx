'use client';
import { Button } from '@tremor/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormError } from './Field';

export function CommentForm({ incidentId }: { incidentId: number }) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const response = await fetch(`/api/v1/incidents/${incidentId}/comments`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body }),
    });
    setPending(false);
    if (!response.ok) { setError((await response.json().catch(() => ({}))).error ?? `The server answered ${response.status}.`); return; }
    setBody('');
    setError(undefined);
    router.refresh();
  }
  return (
    <form onSubmit={submit} className="mt-4 space-y-2" aria-label="Add a comment">
      <label className="block">
        <span className="text-tremor-default font-medium text-tremor-content-emphasis">Comment</span>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} required
          className="mt-1 block w-full rounded-tremor-default border-tremor-border text-tremor-default shadow-tremor-input" />
      </label>
      <FormError message={error} />
      <Button type="submit" loading={pending}>Add comment</Button>
    </form>
  );
}
