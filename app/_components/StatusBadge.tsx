import { Badge } from '@tremor/react';
import { statusColor, statusLabel } from './format';

export function StatusBadge({ status, paused }: { status: keyof typeof statusLabel; paused?: boolean }) {
  const shown = paused ? 'paused' : status;
  return <Badge color={statusColor[shown]} data-testid="status">{statusLabel[shown]}</Badge>;
}
