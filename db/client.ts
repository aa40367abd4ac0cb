// Opens the database: PGlite in DATA_DIR by default, PostgreSQL through postgres.js when a
// connection URL is given. Applies the committed migrations before anything else touches it.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance when kind is 'pglite' (pg-boss runs on it too). */
  pglite?: PGlite;
  /** The connection string when kind is 'postgres'. */
  url?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent an embedded PGlite in dataDir is used. */
  databaseUrl?: string;
  /** Folder for the embedded database; ignored with databaseUrl. */
  dataDir?: string;
  /** In-memory PGlite, for tests. */
  memory?: boolean;
  migrationsFolder?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
}

const defaultMigrations = path.join(process.cwd(), 'db', 'migrations');

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrations;
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, { max: options.maxConnections ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    // Several processes may start at once against one PostgreSQL: one migrates, the others wait
    // on a session advisory lock held by a single-connection client.
    const migrator = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await migrator`select pg_advisory_lock(hashtext('mailpulse.migrate'))`;
      await migratePostgres(drizzlePostgres(migrator, { schema }), { migrationsFolder });
    } finally {
      await migrator.end({ timeout: 5 });
    }
    return { db, kind: 'postgres', url: options.databaseUrl, close: () => client.end({ timeout: 5 }) };
  }

  let release = () => {};
  let pglite: PGlite;
  if (options.memory) {
    pglite = new PGlite();
  } else {
    if (!options.dataDir) throw new Error('openDatabase needs dataDir, memory or databaseUrl');
    const folder = path.join(options.dataDir, 'pglite');
    mkdirSync(folder, { recursive: true });
    release = lockDataDir(options.dataDir);
    pglite = new PGlite(folder);
  }
  try {
    await pglite.waitReady;
    const db = drizzlePglite(pglite, { schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db, kind: 'pglite', pglite,
      close: async () => { await pglite.close(); release(); },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite is a single-process database: two processes writing one folder silently lose writes.
 * The first process takes DATA_DIR/mailpulse.lock (its pid); a second one refuses to start.
 * A lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'mailpulse.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => { try { if (ownerOf(file) === process.pid) unlinkSync(file); } catch { /* gone */ } };
      process.once('exit', release);
      return () => { process.off('exit', release); release(); };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      if (owner === process.pid) return () => {};
      if (owner !== undefined && isRunning(owner)) {
        throw new DataDirLockedError(
          `${path.resolve(dataDir)} is in use by another Mailpulse process (pid ${owner}). ` +
          'The embedded database serves one process only: stop the other one, use another DATA_DIR, or, ' +
          'to run several processes, start a PostgreSQL server and set DATABASE_URL for all of them.',
        );
      }
      try { unlinkSync(file); } catch { /* someone else cleared it */ }
    }
  }
  throw new DataDirLockedError(`could not take the lock ${file}`);
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A cheap round trip, for health checks. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
