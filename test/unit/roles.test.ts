import { describe, expect, it } from 'vitest';
import { assignableRoles, can, type Permission } from '../../lib/roles';

describe('roles', () => {
  const table: Array<[string, Permission[]]> = [
    ['owner', ['read', 'monitors:write', 'team:manage', 'settings:manage']],
    ['admin', ['read', 'monitors:write', 'team:manage', 'settings:manage']],
    ['editor', ['read', 'monitors:write']],
    ['viewer', ['read']],
  ];
  const all: Permission[] = ['read', 'monitors:write', 'team:manage', 'settings:manage'];

  it.each(table)('%s has exactly %j', (role, granted) => {
    expect(all.filter((p) => can(role as never, p))).toEqual(granted);
  });

  it('grants nothing without a role', () => {
    expect(all.filter((p) => can(undefined, p))).toEqual([]);
  });

  it('lets only owners hand out the owner role', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'editor', 'viewer']);
    expect(assignableRoles('admin')).toEqual(['admin', 'editor', 'viewer']);
    expect(assignableRoles('editor')).toEqual([]);
    expect(assignableRoles('viewer')).toEqual([]);
  });
});
