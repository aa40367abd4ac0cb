// Small pure helpers for read models.

/** Percentile by nearest rank over unsorted samples; undefined for none. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Share of checks that found the server working (up or degraded), as a percentage. */
export function uptimePercent(counts: { checks: number; up: number; degraded: number }): number | undefined {
  if (counts.checks === 0) return undefined;
  return ((counts.up + counts.degraded) / counts.checks) * 100;
}
