import { describe, expect, it } from 'vitest';
import { adminRoleOf, isAdmin, permissionsOf, ROLES, type OrgType } from './roles.ts';

describe('F-3 roles and permissions', () => {
  it('F-3 committee: 主任 manages the organisation, 委员 submits projects, 经办人 prepares but does not submit', () => {
    expect(permissionsOf('committee', ['director'])).toEqual(expect.arrayContaining(['org.users', 'project.submit']));
    expect(permissionsOf('committee', ['member'])).toContain('project.submit');
    expect(permissionsOf('committee', ['clerk'])).toEqual(['project.edit']);
  });

  it('F-3 every organisation type has exactly one administrator role, which can manage users', () => {
    for (const type of Object.keys(ROLES) as OrgType[]) {
      const admins = Object.entries(ROLES[type]).filter(([, d]) => d.admin);
      expect(admins).toHaveLength(1);
      expect(permissionsOf(type, [adminRoleOf(type)])).toContain('org.users');
      expect(isAdmin(type, [adminRoleOf(type)])).toBe(true);
    }
  });

  it('F-3 an unknown role grants nothing', () => {
    expect(permissionsOf('developer', ['director'])).toEqual([]);
    expect(isAdmin('developer', ['director'])).toBe(false);
  });
});
