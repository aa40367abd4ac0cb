// The one composition root: reads the configuration, opens the database, starts sign-in and the
// job queue, and (as later parts arrive) the SMTP receiver and the scheduler. Next.js bundles
// instrumentation and routes separately, so the running instance lives on globalThis: every part
// of the process shares one database (PGlite is a single connection).
import { PgBoss, fromPglite } from 'pg-boss';
import { openDatabase, type Database, type Db } from '../db/client';
import { createAuth, type Auth } from './auth';
import { loadSecret, parseEnv, type Env } from './env';
import { deleteExpiredSessions } from './team';

export interface Runtime {
  env: Env;
  database: Database;
  db: Db;
  auth: Auth;
  jobs: PgBoss;
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
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const { db } = database;
  try {
    const auth = createAuth(db, { secret, baseURL: env.PUBLIC_URL, signInAttemptsPerMinute: env.SIGN_IN_ATTEMPTS_PER_MINUTE });
    const context = await auth.$context;
    const jobs = await startJobs(database, db);
    log(`mailpulse: database ${database.kind === 'pglite' ? `PGlite in ${env.DATA_DIR}` : 'PostgreSQL'} ready`);
    let stopping: Promise<void> | undefined;
    const runtime: Runtime = {
      env, database, db, auth, jobs,
      hashPassword: (password) => context.password.hash(password),
      stop: () => (stopping ??= (async () => {
        await jobs.stop({ graceful: true, timeout: 5000 }).catch(() => {});
        await database.close();
      })()),
    };
    return runtime;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

async function startJobs(database: Database, db: Db): Promise<PgBoss> {
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite' })
    : new PgBoss({ connectionString: database.url, max: 4 });
  boss.on('error', (error) => console.error('mailpulse: job queue error:', error));
  await boss.start();
  await boss.createQueue('housekeeping');
  await boss.schedule('housekeeping', '17 * * * *');
  await boss.work('housekeeping', async () => { await deleteExpiredSessions(db); });
  return boss;
}

/**
 * Called by instrumentation.ts when the web server starts. A bad configuration or a busy DATA_DIR
 * stops the process with one clear line; a signal closes the database before the process ends.
 */
export async function startInServer(): Promise<void> {
  try {
    const runtime = await getRuntime();
    // `mailpulse start` sets NEXT_MANUAL_SIG_HANDLE so that these handlers, not Next.js's, end the
    // process: the job queue stops and the database closes before exit.
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
