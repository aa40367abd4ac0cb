import { listChannels } from '../../../../db/queries/alerts';
import { getRuntime } from '../../../../lib/runtime';
import { PageHeader } from '../../../_components/EmptyState';
import { MonitorForm, emptyMonitor } from '../../../_components/MonitorForm';
import { requirePage } from '../../../_lib/guard';

export const metadata = { title: 'Add monitor' };

export default async function NewMonitorPage() {
  await requirePage('monitors:write');
  const { db } = await getRuntime();
  const channels = (await listChannels(db)).map(({ id, name, type }) => ({ id, name, type }));
  return (
    <>
      <PageHeader title="Add monitor" description="Mailpulse checks it at once, then at the interval you choose." />
      <MonitorForm initial={emptyMonitor} channels={channels} />
    </>
  );
}
