import { notFound } from 'next/navigation';
import { listChannels } from '../../../../../db/queries/alerts';
import { monitorDetail } from '../../../../../db/queries/monitors';
import { getRuntime } from '../../../../../lib/runtime';
import { PageHeader } from '../../../../_components/EmptyState';
import { MonitorForm } from '../../../../_components/MonitorForm';
import { requirePage } from '../../../../_lib/guard';

export const metadata = { title: 'Edit monitor' };

export default async function EditMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage('monitors:write');
  const { id } = await params;
  const { db } = await getRuntime();
  const m = await monitorDetail(db, id);
  if (!m) notFound();
  const channels = (await listChannels(db)).map(({ id: cid, name, type }) => ({ id: cid, name, type }));
  const e = m.expectations;
  return (
    <>
      <PageHeader title={`Edit ${m.name}`} description="Changes apply from the next check, which runs at once." />
      <MonitorForm monitorId={m.id} channels={channels} initial={{
        name: m.name, targetKind: m.targetKind, target: m.target, port: m.port, security: m.security, ehloName: m.ehloName,
        authUsername: m.authUsername ?? '', authMechanism: m.authMechanism ?? '', hasAuthPassword: m.hasAuthPassword,
        intervalSeconds: m.intervalSeconds, timeoutMs: m.timeoutMs, bannerPattern: e.bannerPattern ?? '',
        requiredExtensions: e.requiredExtensions ?? [], minTlsVersion: (e.minTlsVersion === 'TLSv1.2' || e.minTlsVersion === 'TLSv1.3') ? e.minTlsVersion : '',
        certWarningDays: e.certWarningDays ?? 14, maxResponseMs: e.maxResponseMs ?? null, maxPhaseMs: e.maxPhaseMs ?? {},
        failuresToDown: m.failuresToDown, successesToUp: m.successesToUp, channelIds: m.channels.map((c) => c.id),
      }} />
    </>
  );
}
