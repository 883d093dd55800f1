import type { Tx } from '../../db/client.ts';
import { organisations, users } from '../../db/schema/index.ts';

export type NewOrganisation = Omit<typeof organisations.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type NewUser = Pick<typeof users.$inferInsert, 'username' | 'name' | 'mobile' | 'roles'>;

/**
 * An organisation set up directly rather than registering (the office and banks), with its first
 * users: the demo city and the first-administrator command both make them here.
 */
export async function insertOrganisation(tx: Tx, org: NewOrganisation, staff: NewUser[], passwordHash: string, now: Date) {
  const [row] = await tx
    .insert(organisations)
    .values({ ...org, createdAt: now, updatedAt: now })
    .returning({ id: organisations.id });
  if (!row) throw new Error('organisation insert returned no row');
  const userIds = await insertUsers(tx, row.id, staff, passwordHash, now);
  return { orgId: row.id, userIds };
}

export async function insertUsers(tx: Tx, orgId: number, staff: NewUser[], passwordHash: string, now: Date): Promise<number[]> {
  if (staff.length === 0) return [];
  const rows = await tx
    .insert(users)
    .values(staff.map((u) => ({ ...u, orgId, passwordHash, createdAt: now })))
    .returning({ id: users.id });
  return rows.map((r) => r.id);
}
