import { describe, expect, it } from 'vitest';
import { adminRoleOf, isAdmin, isKnownRole, permissionsOf, ROLES, type OrgType } from './roles.ts';

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

  it('F-3 permissions come sorted and once each; one administrator role among others makes an administrator', () => {
    const p = permissionsOf('committee', ['member', 'director', 'clerk']);
    expect(p).toEqual([...new Set(p)].sort());
    expect(permissionsOf('bank', ['teller', 'admin'])).toEqual(['bank.confirm', 'org.users']);
    expect(isAdmin('bank', ['teller', 'admin'])).toBe(true);
    expect(isAdmin('bank', ['teller'])).toBe(false);
  });

  it('F-3 a role is known only within its organisation type', () => {
    expect(isKnownRole('bank', 'teller')).toBe(true);
    expect(isKnownRole('developer', 'teller')).toBe(false);
    expect(isKnownRole('bank', 'toString')).toBe(false);
  });
});
