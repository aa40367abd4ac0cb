// Team members and their roles: the first owner at setup, then members managed by admins.
// Role rules live in lib/roles.ts; this file enforces them against the database, race-safely.
import { randomUUID } from 'node:crypto';
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, instance, memberInputSchema, roleSchema, sessions, users, verifications, type Role } from '../db/schema';
import { AppError } from './errors';
import { assignableRoles, can } from './roles';

export class TeamError extends AppError {
  override name = 'TeamError';
}

export interface Actor {
  id: string;
  role: Role;
}

type HashPassword = (password: string) => Promise<string>;

export async function isSetupDone(db: Db): Promise<boolean> {
  const rows = await db.select({ id: instance.id }).from(instance).limit(1);
  return rows.length > 0;
}

/** First-run setup: creates the owner. Only one caller can ever win, even when two race. */
export async function createOwner(db: Db, hash: HashPassword, input: unknown) {
  const member = memberInputSchema.parse(input);
  const passwordHash = await hash(member.password);
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(instance).values({ id: 1 }).onConflictDoNothing().returning();
    if (claimed.length === 0) throw new TeamError(409, 'Mailpulse is already set up. Sign in instead.');
    const id = await insertMember(tx as unknown as Db, { ...member, role: 'owner' }, passwordHash);
    await tx.update(instance).set({ ownerId: id }).where(eq(instance.id, 1));
    return { id, email: member.email };
  });
}

export async function listMembers(db: Db) {
  return db.select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(users).orderBy(users.createdAt);
}

export async function addMember(db: Db, hash: HashPassword, actor: Actor, input: unknown) {
  requireTeamManager(actor);
  const member = memberInputSchema.extend({ role: roleSchema }).parse(input);
  if (!assignableRoles(actor.role).includes(member.role)) {
    throw new TeamError(403, `Your role (${actor.role}) cannot add a member as ${member.role}.`);
  }
  const passwordHash = await hash(member.password);
  try {
    return await db.transaction(async (tx) => ({ id: await insertMember(tx as unknown as Db, member, passwordHash) }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new TeamError(409, `A member with the email ${member.email} already exists.`);
    throw error;
  }
}

export async function changeRole(db: Db, actor: Actor, memberId: string, input: unknown) {
  requireTeamManager(actor);
  const role = roleSchema.parse((input as { role?: unknown } | null)?.role);
  if (memberId === actor.id) throw new TeamError(400, 'You cannot change your own role.');
  const target = await findMember(db, memberId);
  if (!assignableRoles(actor.role).includes(role) || (target.role === 'owner' && actor.role !== 'owner')) {
    throw new TeamError(403, `Your role (${actor.role}) cannot make ${target.email} ${role}.`);
  }
  const updated = await db.update(users).set({ role, updatedAt: new Date() })
    .where(and(eq(users.id, memberId), keepsAnOwner(memberId)))
    .returning({ id: users.id });
  if (updated.length === 0) throw new TeamError(409, 'The last owner cannot be demoted.');
  // A new role takes effect at once: end the member's sessions.
  await db.delete(sessions).where(eq(sessions.userId, memberId));
}

export async function removeMember(db: Db, actor: Actor, memberId: string) {
  requireTeamManager(actor);
  if (memberId === actor.id) throw new TeamError(400, 'You cannot remove yourself.');
  const target = await findMember(db, memberId);
  if (target.role === 'owner' && actor.role !== 'owner') {
    throw new TeamError(403, `Your role (${actor.role}) cannot remove an owner.`);
  }
  const deleted = await db.delete(users).where(and(eq(users.id, memberId), keepsAnOwner(memberId)))
    .returning({ id: users.id });
  if (deleted.length === 0) throw new TeamError(409, 'The last owner cannot be removed.');
}

/** Housekeeping: drops expired sessions and verification tokens. */
export async function deleteExpiredSessions(db: Db, now = new Date()) {
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  await db.delete(verifications).where(lt(verifications.expiresAt, now));
  return gone.length;
}

async function insertMember(db: Db, member: { name: string; email: string; role: Role }, passwordHash: string) {
  const id = randomUUID();
  await db.insert(users).values({ id, name: member.name, email: member.email, role: member.role });
  // The credential account is what better-auth checks at sign-in.
  await db.insert(accounts).values({ id: randomUUID(), userId: id, accountId: id, providerId: 'credential', password: passwordHash });
  return id;
}

async function findMember(db: Db, memberId: string) {
  const [target] = await db.select({ email: users.email, role: users.role }).from(users).where(eq(users.id, memberId));
  if (!target) throw new TeamError(404, 'No such member.');
  return target;
}

// True unless the change would leave no owner: checked in the same statement as the change.
function keepsAnOwner(memberId: string) {
  return sql`(${users.role} <> 'owner' or exists (select 1 from ${users} u2 where u2.role = 'owner' and ${ne(sql`u2.id`, memberId)}))`;
}

function requireTeamManager(actor: Actor) {
  if (!can(actor.role, 'team:manage')) throw new TeamError(403, 'Only owners and admins manage the team.');
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
