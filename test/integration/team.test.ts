import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { accounts, instance, sessions, users } from '../../db/schema';
import { addMember, changeRole, createOwner, isSetupDone, listMembers, removeMember, TeamError } from '../../lib/team';
import { createTestDatabase } from '../helpers/db';
import { authFor } from '../helpers/runtime';

let database: Database;
let hash: (p: string) => Promise<string>;
let owner: { id: string; role: 'owner' };

beforeAll(async () => {
  database = await createTestDatabase();
  hash = (await authFor(database)).hashPassword;
});
afterAll(async () => { await database?.close(); });

const teamError = (status: number, message: string) => expect.objectContaining({ name: 'TeamError', status, message });

describe('first-run setup', () => {
  it('is not done on an empty database', async () => {
    expect(await isSetupDone(database.db)).toBe(false);
  });

  it('rejects bad input with the first problem and creates nothing', async () => {
    await expect(createOwner(database.db, hash, { name: 'Ann', email: 'not-an-email', password: 'long-enough-pw' }))
      .rejects.toMatchObject({ name: 'ZodError', issues: [expect.objectContaining({ message: 'Enter a valid email address' })] });
    await expect(createOwner(database.db, hash, { name: 'Ann', email: 'ann@example.com', password: 'short' }))
      .rejects.toMatchObject({ issues: [expect.objectContaining({ message: 'Password must be at least 10 characters' })] });
    expect(await isSetupDone(database.db)).toBe(false);
  });

  it('lets exactly one of two racing setups create the owner', async () => {
    const results = await Promise.allSettled([
      createOwner(database.db, hash, { name: 'Ann', email: 'Ann@Example.com', password: 'correct horse battery' }),
      createOwner(database.db, hash, { name: 'Bob', email: 'bob@example.com', password: 'correct horse battery' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toEqual(teamError(409, 'Mailpulse is already set up. Sign in instead.'));
    const members = await listMembers(database.db);
    expect(members).toHaveLength(1);
    expect(members[0].role).toBe('owner');
    owner = { id: members[0].id, role: 'owner' };
    const [row] = await database.db.select().from(instance);
    expect(row.ownerId).toBe(owner.id);
    expect(await isSetupDone(database.db)).toBe(true);
  });

  it('stores the password only as a scrypt hash', async () => {
    const [account] = await database.db.select().from(accounts).where(eq(accounts.userId, owner.id));
    expect(account.providerId).toBe('credential');
    expect(account.password).not.toContain('correct horse battery');
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });
});

describe('managing the team', () => {
  let adminId: string;
  let viewerId: string;

  it('adds members with a role, lower-cased email', async () => {
    adminId = (await addMember(database.db, hash, owner, { name: 'Ada', email: 'ADA@example.com', password: 'ada-password-1', role: 'admin' })).id;
    viewerId = (await addMember(database.db, hash, owner, { name: 'Vic', email: 'vic@example.com', password: 'vic-password-1', role: 'viewer' })).id;
    const members = await listMembers(database.db);
    expect(members.map((m) => [m.email, m.role])).toEqual(
      expect.arrayContaining([['ada@example.com', 'admin'], ['vic@example.com', 'viewer']]));
    expect(members).toHaveLength(3);
  });

  it('refuses a second member with the same email', async () => {
    await expect(addMember(database.db, hash, owner, { name: 'Vic 2', email: 'VIC@example.com', password: 'vic-password-2', role: 'viewer' }))
      .rejects.toEqual(teamError(409, 'A member with the email vic@example.com already exists.'));
    expect(await listMembers(database.db)).toHaveLength(3);
  });

  it('keeps viewers and editors out of team management', async () => {
    await expect(addMember(database.db, hash, { id: viewerId, role: 'viewer' }, { name: 'X', email: 'x@example.com', password: 'xxxxxxxxxxxx', role: 'viewer' }))
      .rejects.toEqual(teamError(403, 'Only owners and admins manage the team.'));
    await expect(removeMember(database.db, { id: viewerId, role: 'editor' }, adminId))
      .rejects.toEqual(teamError(403, 'Only owners and admins manage the team.'));
  });

  it('stops an admin from making or touching owners', async () => {
    const admin = { id: adminId, role: 'admin' as const };
    await expect(changeRole(database.db, admin, viewerId, { role: 'owner' }))
      .rejects.toEqual(teamError(403, 'Your role (admin) cannot make vic@example.com owner.'));
    await expect(removeMember(database.db, admin, owner.id))
      .rejects.toEqual(teamError(403, 'Your role (admin) cannot remove an owner.'));
    await expect(addMember(database.db, hash, admin, { name: 'O2', email: 'o2@example.com', password: 'o2-password-1', role: 'owner' }))
      .rejects.toEqual(teamError(403, 'Your role (admin) cannot add a member as owner.'));
  });

  it('changes a role and ends that member’s sessions', async () => {
    await database.db.insert(sessions).values({ id: 's1', token: 't1', userId: viewerId, expiresAt: new Date(Date.now() + 60_000) });
    await changeRole(database.db, owner, viewerId, { role: 'editor' });
    const [vic] = await database.db.select().from(users).where(eq(users.id, viewerId));
    expect(vic.role).toBe('editor');
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, viewerId))).toEqual([]);
  });

  it('rejects an unknown role and unknown members', async () => {
    await expect(changeRole(database.db, owner, viewerId, { role: 'superuser' }))
      .rejects.toMatchObject({ name: 'ZodError', issues: [expect.objectContaining({ message: 'must be one of owner, admin, editor, viewer' })] });
    await expect(changeRole(database.db, owner, 'nobody', { role: 'viewer' })).rejects.toEqual(teamError(404, 'No such member.'));
  });

  it('never leaves the team without an owner', async () => {
    await expect(changeRole(database.db, owner, owner.id, { role: 'viewer' }))
      .rejects.toEqual(teamError(400, 'You cannot change your own role.'));
    await expect(removeMember(database.db, owner, owner.id)).rejects.toEqual(teamError(400, 'You cannot remove yourself.'));
    // A second owner may demote the first, but not the other way round once only one is left.
    await changeRole(database.db, owner, adminId, { role: 'owner' });
    await changeRole(database.db, { id: adminId, role: 'owner' }, owner.id, { role: 'admin' });
    await expect(changeRole(database.db, { id: owner.id, role: 'owner' }, adminId, { role: 'viewer' }))
      .rejects.toEqual(teamError(409, 'The last owner cannot be demoted.'));
    await expect(removeMember(database.db, { id: owner.id, role: 'owner' }, adminId))
      .rejects.toEqual(teamError(409, 'The last owner cannot be removed.'));
    expect((await listMembers(database.db)).filter((m) => m.role === 'owner').map((m) => m.id)).toEqual([adminId]);
  });

  it('removes a member with their credentials', async () => {
    await removeMember(database.db, { id: adminId, role: 'owner' }, viewerId);
    expect((await listMembers(database.db)).map((m) => m.email)).not.toContain('vic@example.com');
    expect(await database.db.select().from(accounts).where(eq(accounts.userId, viewerId))).toEqual([]);
  });
});

it('TeamError carries its HTTP status', () => {
  expect(new TeamError(409, 'x').status).toBe(409);
});
