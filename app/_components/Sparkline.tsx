'use client';
import { SparkAreaChart } from '@tremor/react';

/** Last 24 hours of average response time, one point an hour. */
export function Sparkline({ points }: { points: Array<{ hour: string; ms: number | null }> }) {
  if (points.every((p) => p.ms === null)) return <span className="text-tremor-label text-tremor-content-subtle">no data</span>;
  return <SparkAreaChart data={points} index="hour" categories={['ms']} colors={['blue']} className="h-8 w-28" connectNulls />;
}
