// When does a monitor change state? Pure: the monitor's counters and the latest check in, the next
// state and what happened out. A monitor goes down after N consecutive failed checks (the ones after
// the first are immediate re-checks) and comes back after M successes; a slow or soon-expiring but
// working server is degraded.
import type { MonitorStatus } from '../db/schema/monitors';

export interface MonitorCounters {
  status: MonitorStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  failuresToDown: number;
  successesToUp: number;
}

export type IncidentAction = 'open' | 'escalate' | 'resolve';

export interface Decision {
  status: MonitorStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** Check again at once instead of waiting an interval: a failure not yet confirmed. */
  recheckNow: boolean;
  /** Set when the status changed. */
  transition?: { from: MonitorStatus; to: MonitorStatus };
  /** What the change means for the monitor's incident. */
  incident?: IncidentAction;
}

export function decide(state: MonitorCounters, checkStatus: 'up' | 'degraded' | 'down'): Decision {
  let status = state.status;
  let consecutiveFailures = 0;
  let consecutiveSuccesses = 0;
  let recheckNow = false;

  if (checkStatus === 'down') {
    consecutiveFailures = state.consecutiveFailures + 1;
    if (consecutiveFailures >= state.failuresToDown) status = 'down';
    else recheckNow = true;
  } else {
    consecutiveSuccesses = state.consecutiveSuccesses + 1;
    // Leaving 'down' takes M successes in a row; from anywhere else a working check counts at once.
    if (state.status !== 'down' || consecutiveSuccesses >= state.successesToUp) status = checkStatus;
  }

  const decision: Decision = { status, consecutiveFailures, consecutiveSuccesses, recheckNow };
  if (status !== state.status) {
    decision.transition = { from: state.status, to: status };
    decision.incident = incidentAction(state.status, status);
  }
  return decision;
}

function incidentAction(from: MonitorStatus, to: MonitorStatus): IncidentAction | undefined {
  const troubled = (s: MonitorStatus) => s === 'down' || s === 'degraded';
  if (to === 'up') return troubled(from) ? 'resolve' : undefined;
  if (!troubled(from)) return 'open';
  // degraded -> down worsens the open incident; down -> degraded keeps it open until fully up.
  return to === 'down' ? 'escalate' : undefined;
}
