import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import { listMonitors } from '../../../db/queries/monitors';
import { can } from '../../../lib/roles';
import { getRuntime } from '../../../lib/runtime';
import { EmptyState, PageHeader } from '../../_components/EmptyState';
import { formatAgo, formatMs, formatPercent } from '../../_components/format';
import { Sparkline } from '../../_components/Sparkline';
import { StatusBadge } from '../../_components/StatusBadge';
import { requirePage } from '../../_lib/guard';

export const metadata = { title: 'Monitors' };

export default async function MonitorsPage() {
  const user = await requirePage();
  const { db } = await getRuntime();
  const rows = await listMonitors(db);
  const canWrite = can(user.role, 'monitors:write');
  const add = canWrite && (
    <Link href="/monitors/new" className="rounded-tremor-default bg-tremor-brand px-4 py-2 text-tremor-default font-medium text-white shadow-tremor-input hover:bg-tremor-brand-emphasis">
      Add monitor
    </Link>
  );
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Monitors" description="Scheduled checks of your SMTP servers, with a timing for every phase." />
        {rows.length > 0 && add}
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No monitors yet" next={add || 'Ask an editor or admin of this Mailpulse to add one.'}>
          <p>A monitor checks one SMTP server, or every MX host of a domain, on a schedule: connect, banner, EHLO, STARTTLS
            or implicit TLS, certificate and AUTH, each phase timed. You will see its status, uptime over 24 hours, 7 and 30
            days, response time and days until its certificate expires, and an incident opens when it stops working.</p>
        </EmptyState>
      ) : (
        <Card className="mt-6 p-0">
          <Table data-testid="monitor-table">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Monitor</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell className="text-right">24 h</TableHeaderCell>
                <TableHeaderCell className="text-right">7 d</TableHeaderCell>
                <TableHeaderCell className="text-right">30 d</TableHeaderCell>
                <TableHeaderCell className="text-right">Response</TableHeaderCell>
                <TableHeaderCell className="text-right">Certificate</TableHeaderCell>
                <TableHeaderCell>Last 24 h</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((m) => (
                <TableRow key={m.id} data-testid="monitor-row">
                  <TableCell className="min-w-[14rem] max-w-md whitespace-normal">
                    <Link href={`/monitors/${m.id}`} className="font-medium text-tremor-content-strong hover:text-tremor-brand">{m.name}</Link>
                    <p className="text-tremor-label text-tremor-content">
                      {m.targetKind === 'domain' ? `MX of ${m.target}` : m.target}:{m.port} · {m.security} · checked {formatAgo(m.lastCheckAt)}
                    </p>
                    {m.status === 'down' && m.lastFailureMessage && <p className="text-tremor-label text-red-600">{m.lastFailureMessage}</p>}
                  </TableCell>
                  <TableCell><StatusBadge status={m.status} paused={m.paused} /></TableCell>
                  <TableCell className="text-right tabular-nums">{formatPercent(m.uptime24h)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatPercent(m.uptime7d)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatPercent(m.uptime30d)}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="response">{formatMs(m.lastResponseMs)}</TableCell>
                  <TableCell className="text-right tabular-nums">{m.certDaysLeft === null ? '—' : `${m.certDaysLeft} d`}</TableCell>
                  <TableCell><Sparkline points={m.sparkline} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </>
  );
}
