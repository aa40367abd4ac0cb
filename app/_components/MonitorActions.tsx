'use client';
import { Button } from '@tremor/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function MonitorActions({ id, name, paused, lastCheckAt }: { id: string; name: string; paused: boolean; lastCheckAt: string | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  async function act(label: string, url: string, method: string, body?: unknown) {
    setBusy(label);
    setError(undefined);
    const response = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) {
      setError((await response.json().catch(() => ({}))).error ?? `The server answered ${response.status}.`);
      setBusy(undefined);
      return false;
    }
    return true;
  }

  async function checkNow() {
    if (!(await act('check', `/api/v1/monitors/${id}/check`, 'POST'))) return;
    // The scheduler runs it within a second or so; refresh until the new result is in.
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const data = await fetch(`/api/v1/monitors/${id}`).then((r) => r.json()).catch(() => undefined);
      if (data?.monitor?.lastCheckAt && data.monitor.lastCheckAt !== lastCheckAt) break;
    }
    setBusy(undefined);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="xs" onClick={checkNow} loading={busy === 'check'} disabled={Boolean(busy)}>Check now</Button>
      <Button size="xs" variant="secondary" disabled={Boolean(busy)} loading={busy === 'pause'}
        onClick={async () => { if (await act('pause', `/api/v1/monitors/${id}`, 'PATCH', { paused: !paused })) { setBusy(undefined); router.refresh(); } }}>
        {paused ? 'Resume' : 'Pause'}
      </Button>
      <Link href={`/monitors/${id}/edit`} className="rounded-tremor-default border border-tremor-border px-2.5 py-1 text-tremor-label font-medium text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-muted">Edit</Link>
      <Button size="xs" variant="light" color="red" disabled={Boolean(busy)}
        onClick={async () => { if (confirm(`Delete ${name} and its history?`) && await act('delete', `/api/v1/monitors/${id}`, 'DELETE')) { router.push('/monitors'); router.refresh(); } }}>
        Delete
      </Button>
      {error && <p role="alert" className="w-full text-tremor-default text-red-600">{error}</p>}
    </div>
  );
}
