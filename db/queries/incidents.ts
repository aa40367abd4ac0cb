// Read models for incidents across monitors and one incident with its comments.
import { asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { incidentComments, incidents, monitors, users } from '../schema';

const columns = {
  id: incidents.id, monitorId: incidents.monitorId, monitorName: monitors.name, target: monitors.target, port: monitors.port,
  severity: incidents.severity, causeCode: incidents.causeCode, causeMessage: incidents.causeMessage,
  openedAt: incidents.openedAt, resolvedAt: incidents.resolvedAt,
  comments: sql<number>`(select count(*)::int from ${incidentComments} c where c.incident_id = ${incidents.id})`,
};

export async function openIncidents(db: Db) {
  return db.select(columns).from(incidents).innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(isNull(incidents.resolvedAt)).orderBy(desc(incidents.openedAt));
}

export async function pastIncidents(db: Db, limit = 100) {
  return db.select(columns).from(incidents).innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(sql`${incidents.resolvedAt} is not null`).orderBy(desc(incidents.openedAt)).limit(limit);
}

export async function monitorIncidents(db: Db, monitorId: string, limit = 20) {
  return db.select(columns).from(incidents).innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(eq(incidents.monitorId, monitorId)).orderBy(desc(incidents.openedAt)).limit(limit);
}

export async function incidentWithComments(db: Db, id: number) {
  const [incident] = await db.select(columns).from(incidents).innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(eq(incidents.id, id));
  if (!incident) return undefined;
  const comments = await db.select({ id: incidentComments.id, body: incidentComments.body, createdAt: incidentComments.createdAt, author: users.name })
    .from(incidentComments).leftJoin(users, eq(users.id, incidentComments.authorId))
    .where(eq(incidentComments.incidentId, id)).orderBy(asc(incidentComments.createdAt));
  return { ...incident, commentList: comments };
}
export type IncidentRow = Awaited<ReturnType<typeof openIncidents>>[number];
