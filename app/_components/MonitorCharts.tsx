'use client';
import { BarChart, Tracker } from '@tremor/react';

const phaseOrder = ['dns', 'connect', 'tls', 'banner', 'ehlo', 'starttls', 'ehlo2', 'auth', 'quit'];
const phaseColors = ['slate', 'blue', 'violet', 'cyan', 'teal', 'indigo', 'sky', 'amber', 'gray'];

export interface UptimeDay {
  day: string;
  checks: number;
  down: number;
  uptime?: number;
  incidents: Array<{ id: number; severity: string; causeMessage: string }>;
}

/** 90 cells, one a day, coloured by uptime; the tooltip names the day's incidents. */
export function UptimeBar({ days }: { days: UptimeDay[] }) {
  const data = days.map((d) => ({
    key: d.day,
    color: d.uptime === undefined ? 'gray' : d.uptime >= 99.9 ? 'emerald' : d.uptime >= 99 ? 'lime' : d.uptime >= 95 ? 'amber' : 'red',
    tooltip: d.uptime === undefined ? `${d.day}: no checks`
      : `${d.day}: ${d.uptime.toFixed(2)}% up (${d.checks} checks)` +
        (d.incidents.length ? ` — ${d.incidents.map((i) => `${i.severity}: ${i.causeMessage}`).join('; ')}` : ''),
  }));
  return <Tracker data={data} className="mt-2" data-testid="uptime-bar" />;
}

/** Median time of each phase per hour, stacked, so a slow phase stands out. */
export function PhaseChart({ points }: { points: Array<Record<string, number | string | null>> }) {
  const present = phaseOrder.filter((p) => points.some((x) => typeof x[p] === 'number'));
  const data = points.map((p) => ({
    ...Object.fromEntries(present.map((k) => [k, p[k] ?? 0])),
    hour: new Date(String(p.hour)).toISOString().slice(11, 16),
  }));
  if (present.length === 0) return <p className="mt-4 text-tremor-default text-tremor-content">No checks in this period yet.</p>;
  return (
    <BarChart data={data} index="hour" categories={present} colors={present.map((p) => phaseColors[phaseOrder.indexOf(p)])}
      stack valueFormatter={(v) => `${Math.round(v)} ms`} className="mt-4 h-72" yAxisWidth={64} data-testid="phase-chart" />
  );
}
