import { Badge, Card } from '@tremor/react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { incidentWithComments } from '../../../../db/queries/incidents';
import { formatDuration } from '../../../../alert/message';
import { can } from '../../../../lib/roles';
import { getRuntime } from '../../../../lib/runtime';
import { CommentForm } from '../../../_components/CommentForm';
import { requirePage } from '../../../_lib/guard';

export const metadata = { title: 'Incident' };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage();
  const id = Number((await params).id);
  const { db } = await getRuntime();
  const incident = Number.isSafeInteger(id) ? await incidentWithComments(db, id) : undefined;
  if (!incident) notFound();
  const lasted = formatDuration((incident.resolvedAt ?? new Date()).getTime() - incident.openedAt.getTime());
  return (
    <>
      <Link href="/incidents" className="text-tremor-default text-tremor-content hover:text-tremor-content-strong">← Incidents</Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">
        <Link href={`/monitors/${incident.monitorId}`} className="hover:text-tremor-brand">{incident.monitorName}</Link>: {incident.causeCode}
      </h1>
      <p className="mt-1 text-tremor-default text-tremor-content">
        <Badge color={incident.resolvedAt ? 'gray' : incident.severity === 'down' ? 'red' : 'amber'}>{incident.resolvedAt ? 'resolved' : incident.severity}</Badge>{' '}
        {incident.causeMessage} · began {incident.openedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC ·
        {incident.resolvedAt ? ` lasted ${lasted}` : ` open for ${lasted}`}
      </p>
      <Card className="mt-6">
        <h2 className="text-tremor-title font-semibold">Comments</h2>
        {incident.commentList.length === 0 && <p className="mt-2 text-tremor-default text-tremor-content">No comments yet.</p>}
        <ul className="mt-3 space-y-3" data-testid="comments">
          {incident.commentList.map((c) => (
            <li key={c.id} className="rounded-tremor-default bg-tremor-background-muted p-3">
              <p className="text-tremor-label text-tremor-content">{c.author ?? 'former member'} · {c.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</p>
              <p className="mt-1 whitespace-pre-wrap text-tremor-default text-tremor-content-strong">{c.body}</p>
            </li>
          ))}
        </ul>
        {can(user.role, 'monitors:write') && <CommentForm incidentId={incident.id} />}
      </Card>
    </>
  );
}
