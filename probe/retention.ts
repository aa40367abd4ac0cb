// Retention: raw check rows are kept 30 days by default, hourly rollups a year.
import { lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { checkRollups, checks } from '../db/schema';

export async function pruneChecks(db: Db, now: Date, keep: { checkDays: number; rollupDays: number }) {
  const day = 86_400_000;
  const raw = await db.delete(checks).where(lt(checks.startedAt, new Date(now.getTime() - keep.checkDays * day))).returning({ id: checks.id });
  const hourly = await db.delete(checkRollups).where(lt(checkRollups.hour, new Date(now.getTime() - keep.rollupDays * day)))
    .returning({ hour: checkRollups.hour });
  return { checks: raw.length, rollups: hourly.length };
}
