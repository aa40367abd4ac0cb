// Who may do what. One table, checked server-side for every page, action and API route.
import type { Role } from '../db/schema/team';

export type Permission =
  | 'read'            // every dashboard page and read API
  | 'monitors:write'  // create, edit, pause, delete monitors and round trips
  | 'team:manage'     // add, remove and change the role of members
  | 'settings:manage'; // instance settings, alert channels, API keys

const grants: Record<Role, readonly Permission[]> = {
  owner: ['read', 'monitors:write', 'team:manage', 'settings:manage'],
  admin: ['read', 'monitors:write', 'team:manage', 'settings:manage'],
  editor: ['read', 'monitors:write'],
  viewer: ['read'],
};

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && grants[role]?.includes(permission) === true;
}

/** Roles a member with `role` may hand out: nobody but an owner makes another owner. */
export function assignableRoles(role: Role): Role[] {
  if (role === 'owner') return ['owner', 'admin', 'editor', 'viewer'];
  if (role === 'admin') return ['admin', 'editor', 'viewer'];
  return [];
}
