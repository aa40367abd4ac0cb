// Team members, their sign-in sessions and credentials. The shape is the one better-auth's
// drizzle adapter expects (user, session, account, verification), plus our role column.
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { z } from 'zod';

export const roles = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles, { error: 'must be one of owner, admin, editor, viewer' });

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  role: text('role').$type<Role>().notNull().default('viewer'),
  ...timestamps,
}, (t) => [check('users_role_check', sql`${t.role} in ('owner', 'admin', 'editor', 'viewer')`)]);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  // better-auth stores the session token; the cookie carries it signed with the instance secret.
  token: text('token').notNull().unique(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ipAddress: text('ip_address'),
  userAgent: text('user_agent'),
  ...timestamps,
}, (t) => [
  // sessions of one member: revoke all when a member is removed or their role changes
  index('sessions_user_id_idx').on(t.userId),
]);

export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  accountId: text('account_id').notNull(),
  providerId: text('provider_id').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  accessToken: text('access_token'),
  refreshToken: text('refresh_token'),
  idToken: text('id_token'),
  accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
  refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
  scope: text('scope'),
  // scrypt hash (memory-hard), never the password itself
  password: text('password'),
  ...timestamps,
}, (t) => [
  // credential lookup at sign-in
  index('accounts_user_id_idx').on(t.userId),
]);

export const verifications = pgTable('verifications', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ...timestamps,
});

export const memberInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100, 'Name is too long'),
  email: z.email({ error: 'Enter a valid email address' }).trim().toLowerCase(),
  password: z.string().min(10, 'Password must be at least 10 characters').max(128, 'Password is too long'),
});
export type MemberInput = z.infer<typeof memberInputSchema>;

/**
 * Failed sign-ins per account. The per-address limit can be dodged by a client that sends a made-up
 * X-Forwarded-For, so an account also locks for a while after too many failures, whatever the address.
 */
export const signInFailures = pgTable('sign_in_failures', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // "failures of this email since …" at every sign-in attempt
  index('sign_in_failures_email_idx').on(t.email, t.failedAt),
]);
