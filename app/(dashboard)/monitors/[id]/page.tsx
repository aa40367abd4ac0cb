import { Card } from '@tremor/react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { dailyUptime, listMonitors, monitorDetail, phaseSeries, recentChecks } from '../../../../db/queries/monitors';
import { monitorIncidents } from '../../../../db/queries/incidents';
import { can } from '../../../../lib/roles';
import { getRuntime } from '../../../../lib/runtime';
import { AutoRefresh } from '../../../_components/AutoRefresh';
import { CheckDetails } from '../../../_components/CheckDetails';
import { formatAgo, formatInterval, formatMs, formatPercent } from '../../../_components/format';
import { IncidentTable } from '../../../_components/IncidentTable';
import { MonitorActions } from '../../../_components/MonitorActions';
import { PhaseChart, UptimeBar } from '../../../_components/MonitorCharts';
import { StatusBadge } from '../../../_components/StatusBadge';
import { requirePage } from '../../../_lib/guard';

export default async function MonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage();
  const { id } = await params;
  const { db } = await getRuntime();
  const monitor = await monitorDetail(db, id);
  if (!monitor) notFound();
  const [days, series, checks, incidents, [summary]] = await Promise.all([
    dailyUptime(db, id), phaseSeries(db, id, 24), recentChecks(db, id, 30), monitorIncidents(db, id), listMonitors(db, new Date(), { id }),
  ]);
  return (
    <>
      <AutoRefresh />
      <Link href="/monitors" className="text-tremor-default text-tremor-content hover:text-tremor-content-strong">← Monitors</Link>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">{monitor.name}</h1>
            <StatusBadge status={monitor.status} paused={monitor.paused} />
          </div>
          <p className="mt-1 text-tremor-default text-tremor-content">
            {monitor.targetKind === 'domain' ? `Every MX host of ${monitor.target}` : monitor.target}:{monitor.port} · {monitor.security} ·
            every {formatInterval(monitor.intervalSeconds)} · last checked {formatAgo(monitor.lastCheckAt)}
            {monitor.channels.length > 0 && ` · alerts to ${monitor.channels.map((c) => c.name).join(', ')}`}
          </p>
          {monitor.lastFailureMessage && monitor.status !== 'up' && (
            <p className="mt-1 text-tremor-default text-red-700" data-testid="last-failure">{monitor.lastFailureCode}: {monitor.lastFailureMessage}</p>
          )}
        </div>
        {can(user.role, 'monitors:write') && (
          <MonitorActions id={monitor.id} name={monitor.name} paused={monitor.paused} lastCheckAt={monitor.lastCheckAt?.toISOString() ?? null} />
        )}
      </div>

      <div className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-5">
        {[['Uptime 24 h', formatPercent(summary?.uptime24h)], ['Uptime 7 d', formatPercent(summary?.uptime7d)], ['Uptime 30 d', formatPercent(summary?.uptime30d)],
          ['Last response', formatMs(monitor.lastResponseMs)], ['Certificate', summary?.certDaysLeft == null ? '—' : `${summary.certDaysLeft} days left`]].map(([label, value]) => (
          <Card key={label} className="p-4"><p className="text-tremor-label text-tremor-content">{label}</p><p className="mt-1 text-xl font-semibold tabular-nums">{value}</p></Card>
        ))}
      </div>

      <Card className="mt-6">
        <h2 className="text-tremor-title font-semibold">Last 90 days</h2>
        <UptimeBar days={days} />
      </Card>

      <Card className="mt-6">
        <h2 className="text-tremor-title font-semibold">Response time by phase, last 24 hours</h2>
        <p className="text-tremor-default text-tremor-content">Median of each phase per hour.</p>
        <PhaseChart points={series} />
      </Card>

      <Card className="mt-6">
        <h2 className="text-tremor-title font-semibold">Incidents</h2>
        {incidents.length === 0 ? <p className="mt-2 text-tremor-default text-tremor-content">No incidents.</p> : <IncidentTable rows={incidents} showMonitor={false} />}
      </Card>

      <Card className="mt-6">
        <h2 className="text-tremor-title font-semibold">Recent checks</h2>
        {checks.length === 0 && <p className="mt-2 text-tremor-default text-tremor-content">{monitor.paused ? 'Paused: no checks run.' : 'The first check runs within a few seconds.'}</p>}
        <ul className="mt-3 divide-y divide-tremor-border" data-testid="checks">
          {checks.map((c) => (
            <li key={c.id} className="py-2">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-3 text-tremor-default">
                  <StatusBadge status={c.status} />
                  <span className="tabular-nums">{c.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</span>
                  <span className="tabular-nums text-tremor-content">{formatMs(c.totalMs)}</span>
                  {c.failureCode && <span className="text-red-700">{c.failureCode}: {c.failureMessage}</span>}
                </summary>
                <div className="mt-3"><CheckDetails result={c.result} /></div>
              </details>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
