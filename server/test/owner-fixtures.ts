import { and, asc, eq, ne } from 'drizzle-orm';
import { houseOwners, houses, organisations, propertyAreas } from '../src/db/schema/index.ts';
import type { TestApp } from './harness.ts';

/** A house of the named area whose first owner has an ID number and a phone, read from the database. */
export async function houseWithOwner(t: TestApp, areaName: string) {
  const [row] = await t.handle.db
    .select({ houseId: houseOwners.houseId, name: houseOwners.name, idNumber: houseOwners.idNumber, phone: houseOwners.phone })
    .from(houseOwners)
    .innerJoin(houses, eq(houses.id, houseOwners.houseId))
    .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
    .where(and(eq(propertyAreas.name, areaName), ne(houseOwners.phone, '')))
    .orderBy(asc(houseOwners.id))
    .limit(1);
  if (!row) throw new Error(`no owner with a phone in ${areaName}`);
  return row;
}

export async function orgIdOf(t: TestApp, code: string): Promise<number> {
  const [o] = await t.handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
  if (!o) throw new Error(`no organisation ${code}`);
  return o.id;
}
