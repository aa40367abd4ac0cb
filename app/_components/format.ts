// Formatting shared by server and client components (no imports: safe on both sides).
export function formatMs(ms: number | null | undefined): string {
  if (ms == null) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function formatPercent(value: number | null | undefined): string {
  if (value == null) return '—';
  if (value === 100) return '100%';
  return `${value.toFixed(value >= 99 ? 3 : 2)}%`;
}

export function formatAgo(iso: string | Date | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return `${Math.max(0, seconds)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

export function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export const statusColor = { up: 'emerald', degraded: 'amber', down: 'red', pending: 'gray', paused: 'gray' } as const;
export const statusLabel = { up: 'Up', degraded: 'Degraded', down: 'Down', pending: 'Pending', paused: 'Paused' } as const;
