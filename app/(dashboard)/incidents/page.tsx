import { Card } from '@tremor/react';
import { openIncidents, pastIncidents } from '../../../db/queries/incidents';
import { getRuntime } from '../../../lib/runtime';
import { AutoRefresh } from '../../_components/AutoRefresh';
import { EmptyState, PageHeader } from '../../_components/EmptyState';
import { IncidentTable } from '../../_components/IncidentTable';
import { requirePage } from '../../_lib/guard';

export const metadata = { title: 'Incidents' };

export default async function IncidentsPage() {
  await requirePage();
  const { db } = await getRuntime();
  const [open, past] = await Promise.all([openIncidents(db), pastIncidents(db)]);
  return (
    <>
      <AutoRefresh seconds={15} />
      <PageHeader title="Incidents" description="Outages and slow-downs of your monitors, open and past." />
      {open.length === 0 && past.length === 0 ? (
        <EmptyState title="No incidents" next="Incidents come from monitors: they open by themselves when a check confirms a failure.">
          <p>When a monitor fails its checks, Mailpulse opens an incident with its cause and duration, notifies the monitor’s alert
            channels and closes it when the server recovers. Open and past incidents, with comments, are listed here.</p>
        </EmptyState>
      ) : (
        <>
          <Card className="mt-6">
            <h2 className="text-tremor-title font-semibold">Open</h2>
            {open.length === 0 ? <p className="mt-2 text-tremor-default text-tremor-content" data-testid="no-open">All monitors are fine.</p> : <IncidentTable rows={open} />}
          </Card>
          <Card className="mt-6">
            <h2 className="text-tremor-title font-semibold">Past</h2>
            {past.length === 0 ? <p className="mt-2 text-tremor-default text-tremor-content">None yet.</p> : <IncidentTable rows={past} />}
          </Card>
        </>
      )}
    </>
  );
}
