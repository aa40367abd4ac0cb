// The one composition root: reads the configuration, opens the database, and starts sign-in, the
// job queue, the monitor scheduler and the notification worker. Next.js bundles instrumentation and
// routes separately, so the running instance lives on globalThis: every part of the process shares
// one database (PGlite is a single connection).
import { PgBoss, fromPglite } from 'pg-boss';
import { openDatabase, type Database, type Db } from '../db/client';
import { NOTIFY_QUEUE, deliverNotification, queueIncidentNotifications, type NotifyDeps } from '../alert/notify';
import { loadRelay } from '../alert/settings';
import { systemResolver } from '../probe/dns';
import { pruneChecks } from '../probe/retention';
import { Scheduler } from '../probe/scheduler';
import { createAuth, pruneSignInFailures, type Auth } from './auth';
import { secretBox, type SecretBox } from './crypto';
import { loadSecret, parseEnv, type Env } from './env';
import { deleteExpiredSessions } from './team';

export interface Runtime {
  env: Env;
  database: Database;
  db: Db;
  auth: Auth;
  jobs: PgBoss;
  box: SecretBox;
  notify: NotifyDeps;
  scheduler?: Scheduler;
  hashPassword(password: string): Promise<string>;
  stop(): Promise<void>;
}

const KEY = Symbol.for('mailpulse.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

/** The process's runtime, started on first use. */
export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= startRuntime(parseEnv()).catch((error) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

export async function startRuntime(env: Env): Promise<Runtime> {
  const log = (line: string) => { if (env.LOG_LEVEL !== 'error' && env.LOG_LEVEL !== 'warn') console.log(line); };
  const secret = loadSecret(env, log);
  const box = secretBox(secret);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const { db } = database;
  try {
    const auth = createAuth(db, { secret, baseURL: env.PUBLIC_URL, signInAttemptsPerMinute: env.SIGN_IN_ATTEMPTS_PER_MINUTE });
    const context = await auth.$context;
    const notify: NotifyDeps = { db, box, loadRelay: () => loadRelay(db, box), publicUrl: env.PUBLIC_URL };
    const jobs = await startJobs(database, env, notify);
    const scheduler = env.RUN_SCHEDULER
      ? new Scheduler({
        db, box, resolver: systemResolver(5000), log: console.error,
        onIncident: async (event) => { await queueIncidentNotifications(db, jobs, event, env.PUBLIC_URL); },
      })
      : undefined;
    scheduler?.start();
    log(`mailpulse: database ${database.kind === 'pglite' ? `PGlite in ${env.DATA_DIR}` : 'PostgreSQL'} ready` +
      (scheduler ? '; monitor scheduler running' : '; monitor scheduler off (RUN_SCHEDULER=false)'));
    let stopping: Promise<void> | undefined;
    return {
      env, database, db, auth, jobs, box, notify, scheduler,
      hashPassword: (password) => context.password.hash(password),
      stop: () => (stopping ??= (async () => {
        await scheduler?.stop();
        await jobs.stop({ graceful: true, timeout: 5000 }).catch(() => {});
        await database.close();
      })()),
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

async function startJobs(database: Database, env: Env, notify: NotifyDeps): Promise<PgBoss> {
  const { db } = database;
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite' })
    : new PgBoss({ connectionString: database.url, max: 4 });
  boss.on('error', (error) => console.error('mailpulse: job queue error:', error));
  await boss.start();
  await boss.createQueue('housekeeping');
  await boss.schedule('housekeeping', '17 * * * *');
  await boss.work('housekeeping', async () => {
    await deleteExpiredSessions(db);
    await pruneSignInFailures(db);
    await pruneChecks(db, new Date(), { checkDays: env.CHECK_RETENTION_DAYS, rollupDays: env.ROLLUP_RETENTION_DAYS });
  });
  await boss.createQueue(NOTIFY_QUEUE);
  await boss.work<{ id: number }>(NOTIFY_QUEUE, async ([job]) => { await deliverNotification(notify, job.data.id); });
  return boss;
}

/**
 * Starts this process's runtime: from instrumentation.ts in the web server, or on its own as a
 * worker (`mailpulse worker`: scheduler and jobs, no web UI). A bad configuration or a busy
 * DATA_DIR stops the process with one clear line; a signal closes the database before exit.
 */
export async function startProcess(): Promise<void> {
  try {
    const runtime = await getRuntime();
    // `mailpulse start` sets NEXT_MANUAL_SIG_HANDLE so that these handlers, not Next.js's, end the
    // process: the scheduler and job queue stop and the database closes before exit.
    const stop = (signal: NodeJS.Signals) => {
      const code = signal === 'SIGINT' ? 130 : 0;
      setTimeout(() => process.exit(code), 10_000).unref();
      runtime.stop().finally(() => process.exit(code));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    console.error(`mailpulse: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
