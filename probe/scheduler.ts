// Runs every active monitor at its interval. Due times live in the database; each pass claims due
// monitors with FOR UPDATE SKIP LOCKED and a lease, so checks survive restarts, a monitor never
// overlaps itself, and several processes on one PostgreSQL share the work without double checks.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { monitors } from '../db/schema';
import type { SecretBox } from '../lib/crypto';
import type { IncidentEvent } from '../alert/incidents';
import { checkDomain, checkSmtp } from './check';
import { toCheckTarget, type Monitor } from './monitors';
import { recordCheck, type Recorded } from './results';
import type { CheckResult, DomainCheckResult, Resolver } from './types';

export type RunCheck = (monitor: Monitor) => Promise<CheckResult | DomainCheckResult>;

export interface SchedulerOptions {
  db: Db;
  box: SecretBox;
  resolver: Resolver;
  /** Called for every incident opened, escalated or resolved (queues notifications). */
  onIncident?: (event: IncidentEvent) => Promise<void>;
  /** Called after every stored check (benchmarks and tests watch this). */
  onRecorded?: (monitor: Monitor, recorded: Recorded, result: CheckResult | DomainCheckResult) => void;
  /** Checks in flight at most. */
  concurrency?: number;
  /** Monitors claimed per database round trip. */
  batchSize?: number;
  /** How often to look for due monitors. */
  pollMs?: number;
  now?: () => Date;
  random?: () => number;
  runCheck?: RunCheck;
  log?: (line: string) => void;
}

export class Scheduler {
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private passing = false;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly now: () => Date;
  private readonly runCheck: RunCheck;

  constructor(private readonly options: SchedulerOptions) {
    this.concurrency = options.concurrency ?? 500;
    this.batchSize = options.batchSize ?? 200;
    this.now = options.now ?? (() => new Date());
    this.runCheck = options.runCheck ?? ((monitor) => {
      const target = toCheckTarget(monitor, options.box);
      return monitor.targetKind === 'domain'
        ? checkDomain(target.host, target, { resolver: options.resolver })
        : checkSmtp(target, { resolver: options.resolver });
    });
  }

  start() {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      await this.pass().catch((error) => this.options.log?.(`mailpulse: scheduler pass failed: ${error}`));
      if (this.running) this.timer = setTimeout(loop, this.options.pollMs ?? 250);
    };
    void loop();
  }

  /** Stops claiming and waits for checks in flight to be stored. */
  async stop() {
    this.running = false;
    clearTimeout(this.timer);
    await this.idle();
  }

  async idle() {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  get checksInFlight() {
    return this.inFlight.size;
  }

  /** Claims due monitors while there is room and starts their checks. Returns how many started. */
  async pass(): Promise<number> {
    if (this.passing) return 0;
    this.passing = true;
    try {
      let started = 0;
      for (;;) {
        const room = Math.min(this.batchSize, this.concurrency - this.inFlight.size);
        if (room <= 0) break;
        const due = await this.claim(room);
        for (const { monitor, dueAt } of due) this.track(this.execute(monitor, dueAt));
        started += due.length;
        if (due.length < room) break;
      }
      return started;
    } finally {
      this.passing = false;
    }
  }

  private track(work: Promise<void>) {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async claim(limit: number): Promise<Array<{ monitor: Monitor; dueAt: Date }>> {
    const now = this.now();
    // The lease outlasts the longest possible check: every phase timing out, for each of up to ten MX
    // hosts of a domain, plus a minute. A crashed process's claims expire with it.
    const rows = await this.options.db.execute(sql`
      update ${monitors} m
         set claimed_until = ${now.toISOString()}::timestamptz
               + make_interval(secs => (m.timeout_ms * 9 * (case when m.target_kind = 'domain' then 10 else 1 end) + 60000) / 1000.0)
        from (select id from ${monitors}
               where not paused and next_check_at <= ${now.toISOString()}::timestamptz
                 and (claimed_until is null or claimed_until < ${now.toISOString()}::timestamptz)
               order by next_check_at
               limit ${limit}
               for update skip locked) due
       where m.id = due.id
   returning m.id`);
    const ids = rowsOf(rows).map((r) => String(r.id));
    if (ids.length === 0) return [];
    const claimed = await this.options.db.query.monitors.findMany({ where: (m, { inArray }) => inArray(m.id, ids) });
    return claimed.map((monitor) => ({ monitor, dueAt: monitor.nextCheckAt }));
  }

  private async execute(monitor: Monitor, dueAt: Date) {
    try {
      const result = await this.runCheck(monitor);
      const recorded = await recordCheck(this.options.db, monitor, result, { dueAt, finishedAt: this.now(), random: this.options.random });
      this.options.onRecorded?.(monitor, recorded, result);
      if (recorded.event) await this.options.onIncident?.(recorded.event);
      // An unconfirmed failure is re-checked at once rather than at the next poll.
      if (recorded.decision.recheckNow && this.running) void this.pass();
    } catch (error) {
      this.options.log?.(`mailpulse: check of monitor ${monitor.id} failed to run: ${error instanceof Error ? error.stack : error}`);
      // Release the claim so the next pass retries instead of waiting for the lease to expire.
      await this.options.db.update(monitors).set({ claimedUntil: null })
        .where(sql`${monitors.id} = ${monitor.id}`).catch(() => {});
    }
  }
}

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  // postgres.js returns the rows array itself; PGlite returns { rows }.
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: Array<Record<string, unknown>> }).rows) ?? [];
}
