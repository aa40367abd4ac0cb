'use client';
import { Badge, Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Role } from '../../db/schema/team';
import { Field, FormError } from './Field';

interface Member { id: string; name: string; email: string; role: Role; createdAt: string }

const roleColor: Record<Role, string> = { owner: 'violet', admin: 'blue', editor: 'emerald', viewer: 'gray' };

async function call(url: string, method: string, body?: unknown): Promise<string | undefined> {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.ok) return undefined;
  const data = await response.json().catch(() => ({}));
  return data.error ?? `The server answered ${response.status}.`;
}

export function TeamPanel({ me, myRole, assignable, members }: {
  me: string; myRole: Role; assignable: Role[]; members: Member[];
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function run(action: () => Promise<string | undefined>, after?: () => void) {
    setPending(true);
    setError(undefined);
    const failure = await action();
    setPending(false);
    if (failure) setError(failure);
    else { after?.(); router.refresh(); }
  }

  function addMember(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = Object.fromEntries(new FormData(formElement));
    run(() => call('/api/v1/team', 'POST', form), () => formElement.reset());
  }

  const editable = (m: Member) => m.id !== me && (m.role !== 'owner' || myRole === 'owner');

  return (
    <Card>
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Team</h2>
      <p className="mt-1 text-tremor-default text-tremor-content">
        Viewers read everything; editors also change monitors; admins manage the team and settings; owners can make other owners.
      </p>
      <Table className="mt-4" data-testid="team-table">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Email</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell><span className="sr-only">Actions</span></TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {members.map((m) => (
            <TableRow key={m.id} data-testid="member-row">
              <TableCell className="font-medium text-tremor-content-strong">{m.name}{m.id === me ? ' (you)' : ''}</TableCell>
              <TableCell>{m.email}</TableCell>
              <TableCell>
                {editable(m) ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    disabled={pending}
                    onChange={(e) => run(() => call(`/api/v1/team/${m.id}`, 'PATCH', { role: e.target.value }))}
                    className="rounded-tremor-default border-tremor-border py-1 text-tremor-default"
                  >
                    {assignable.map((r) => <option key={r} value={r}>{r}</option>)}
                  </select>
                ) : <Badge color={roleColor[m.role]}>{m.role}</Badge>}
              </TableCell>
              <TableCell className="text-right">
                {editable(m) && (
                  <Button variant="light" color="red" disabled={pending}
                    onClick={() => { if (confirm(`Remove ${m.email} from the team?`)) run(() => call(`/api/v1/team/${m.id}`, 'DELETE')); }}>
                    Remove
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <form onSubmit={addMember} className="mt-8 grid grid-cols-1 gap-4 border-t border-tremor-border pt-6 sm:grid-cols-2" aria-label="Add a member">
        <h3 className="text-tremor-default font-semibold text-tremor-content-strong sm:col-span-2">Add a member</h3>
        <Field label="Name" name="name" required />
        <Field label="Email" name="email" type="email" required />
        <Field label="Temporary password" name="password" type="password" autoComplete="new-password" required minLength={10} />
        <label className="block">
          <span className="text-tremor-default font-medium text-tremor-content-emphasis">Role</span>
          <select aria-label="Role" name="role" defaultValue="viewer" className="mt-1 block w-full rounded-tremor-default border-tremor-border text-tremor-default">
            {assignable.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <div className="sm:col-span-2"><FormError message={error} /></div>
        <div className="sm:col-span-2">
          <Button type="submit" loading={pending}>Add member</Button>
        </div>
      </form>
    </Card>
  );
}
