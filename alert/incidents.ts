// Opening, escalating and resolving a monitor's incident. Each is one statement whose row count
// says whether it happened, so two workers acting on the same transition produce one incident.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { incidentComments, incidents } from '../db/schema';
import { AppError } from '../lib/errors';
import type { IncidentAction } from './rules';

export type Incident = typeof incidents.$inferSelect;
export type IncidentEvent = { event: 'incident.opened' | 'incident.escalated' | 'incident.resolved'; incident: Incident };

export interface Cause {
  severity: 'down' | 'degraded';
  code: string;
  message: string;
}

export async function applyIncidentAction(db: Db, monitorId: string, action: IncidentAction, cause: Cause, at: Date): Promise<IncidentEvent | undefined> {
  if (action === 'open') {
    const [opened] = await db.insert(incidents)
      .values({ monitorId, severity: cause.severity, causeCode: cause.code, causeMessage: cause.message, openedAt: at })
      .onConflictDoNothing({ target: incidents.monitorId, where: sql`${incidents.resolvedAt} is null` })
      .returning();
    return opened ? { event: 'incident.opened', incident: opened } : undefined;
  }
  if (action === 'escalate') {
    const [escalated] = await db.update(incidents)
      .set({ severity: 'down', causeCode: cause.code, causeMessage: cause.message })
      .where(and(eq(incidents.monitorId, monitorId), isNull(incidents.resolvedAt), ne(incidents.severity, 'down')))
      .returning();
    return escalated ? { event: 'incident.escalated', incident: escalated } : undefined;
  }
  const [resolved] = await db.update(incidents).set({ resolvedAt: at })
    .where(and(eq(incidents.monitorId, monitorId), isNull(incidents.resolvedAt)))
    .returning();
  return resolved ? { event: 'incident.resolved', incident: resolved } : undefined;
}

export async function addComment(db: Db, incidentId: number, authorId: string, body: string) {
  const [exists] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
  if (!exists) throw new AppError(404, 'No such incident.');
  const [comment] = await db.insert(incidentComments).values({ incidentId, authorId, body }).returning();
  return comment;
}
