import { describe, expect, it } from 'vitest';
import { decide, type MonitorCounters } from '../../../alert/rules';

const base: MonitorCounters = { status: 'up', consecutiveFailures: 0, consecutiveSuccesses: 5, failuresToDown: 2, successesToUp: 1 };

function run(start: MonitorCounters, checks: Array<'up' | 'degraded' | 'down'>) {
  let state = start;
  return checks.map((c) => {
    const d = decide(state, c);
    state = { ...state, status: d.status, consecutiveFailures: d.consecutiveFailures, consecutiveSuccesses: d.consecutiveSuccesses };
    return d;
  });
}

describe('decide', () => {
  it('confirms a failure with an immediate re-check before going down (N = 2)', () => {
    const [first, second, third] = run(base, ['down', 'down', 'down']);
    expect(first).toEqual({ status: 'up', consecutiveFailures: 1, consecutiveSuccesses: 0, recheckNow: true });
    expect(second).toEqual({ status: 'down', consecutiveFailures: 2, consecutiveSuccesses: 0, recheckNow: false,
      transition: { from: 'up', to: 'down' }, incident: 'open' });
    expect(third).toEqual({ status: 'down', consecutiveFailures: 3, consecutiveSuccesses: 0, recheckNow: false });
  });

  it('ignores a single blip', () => {
    const decisions = run(base, ['down', 'up']);
    expect(decisions.map((d) => d.status)).toEqual(['up', 'up']);
    expect(decisions.filter((d) => d.incident)).toEqual([]);
  });

  it('goes down on the first failure when N = 1, and needs M successes to come back', () => {
    const decisions = run({ ...base, failuresToDown: 1, successesToUp: 3 }, ['down', 'up', 'up', 'up', 'up']);
    expect(decisions.map((d) => d.status)).toEqual(['down', 'down', 'down', 'up', 'up']);
    expect(decisions.map((d) => d.incident)).toEqual(['open', undefined, undefined, 'resolve', undefined]);
    expect(decisions[0].recheckNow).toBe(false);
  });

  it('opens a degraded incident, escalates it when the server goes down, and resolves when up', () => {
    const decisions = run(base, ['degraded', 'down', 'down', 'degraded', 'up']);
    expect(decisions.map((d) => d.status)).toEqual(['degraded', 'degraded', 'down', 'degraded', 'up']);
    expect(decisions.map((d) => d.incident)).toEqual(['open', undefined, 'escalate', undefined, 'resolve']);
  });

  it('treats the first result of a new monitor as a transition from pending', () => {
    const start: MonitorCounters = { ...base, status: 'pending', consecutiveSuccesses: 0 };
    expect(decide(start, 'up')).toMatchObject({ status: 'up', transition: { from: 'pending', to: 'up' } });
    expect(decide(start, 'up').incident).toBeUndefined();
    expect(run(start, ['down', 'down']).map((d) => d.incident)).toEqual([undefined, 'open']);
  });
});
