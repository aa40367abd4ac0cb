import { Badge, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import Link from 'next/link';
import type { IncidentRow } from '../../db/queries/incidents';
import { formatDuration } from '../../alert/message';

export function IncidentTable({ rows, showMonitor = true, now = new Date() }: { rows: IncidentRow[]; showMonitor?: boolean; now?: Date }) {
  return (
    <Table className="mt-2" data-testid="incident-table">
      <TableHead>
        <TableRow>
          {showMonitor && <TableHeaderCell>Monitor</TableHeaderCell>}
          <TableHeaderCell>Cause</TableHeaderCell>
          <TableHeaderCell>Started</TableHeaderCell>
          <TableHeaderCell>Duration</TableHeaderCell>
          <TableHeaderCell>Comments</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((i) => (
          <TableRow key={i.id} data-testid="incident-row">
            {showMonitor && <TableCell><Link href={`/monitors/${i.monitorId}`} className="font-medium hover:text-tremor-brand">{i.monitorName}</Link></TableCell>}
            <TableCell className="whitespace-normal">
              <Badge color={i.resolvedAt ? 'gray' : i.severity === 'down' ? 'red' : 'amber'}>{i.resolvedAt ? 'resolved' : i.severity}</Badge>{' '}
              <Link href={`/incidents/${i.id}`} className="hover:text-tremor-brand"><code>{i.causeCode}</code> {i.causeMessage}</Link>
            </TableCell>
            <TableCell className="tabular-nums">{i.openedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</TableCell>
            <TableCell className="tabular-nums">{formatDuration((i.resolvedAt ?? now).getTime() - i.openedAt.getTime())}{i.resolvedAt ? '' : ' so far'}</TableCell>
            <TableCell className="tabular-nums">{i.comments}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
