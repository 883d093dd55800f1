import { and, asc, eq, like, max, or } from 'drizzle-orm';
import type { DbHandle } from '../db/client.ts';
import {
  auditLog,
  buildings,
  houseOwners,
  houses,
  ownerAccounts,
  ownerBindings,
  propertyAreas,
  rateCounters,
  units,
} from '../db/schema/index.ts';
import type { Ctx } from '../lib/context.ts';
import { actorOf } from '../modules/auth/sessions.ts';
import { bindOwner } from '../modules/owners/binding.ts';
import { issueLetters } from '../modules/owners/letters.ts';
import { DEMO_PASSWORD } from './seed.ts';

/** How many owners of 侨城花园 1栋 the demo city binds online (F-80). */
const BOUND = 3;

/**
 * F-80 in the demo city: the window prints letters for the first flats of 侨城花园 1栋 and their owners
 * bind with the demo password, through the same use cases as real ones.
 */
export async function seedDemoOwners(handle: DbHandle, now: Date) {
  const db = handle.db;
  const picked = await db
    .select({ houseId: houses.id, idNumber: houseOwners.idNumber })
    .from(houses)
    .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(units, eq(units.id, houses.unitId))
    .innerJoin(houseOwners, eq(houseOwners.houseId, houses.id))
    .where(
      and(eq(propertyAreas.name, '侨城花园'), eq(buildings.name, '1栋'), eq(houseOwners.idType, '居民身份证'), eq(houses.status, 'normal')),
    )
    .orderBy(asc(units.name), asc(houses.floor), asc(houses.room), asc(houseOwners.id));
  // Each house's first owner, for the first few houses.
  const firstPerHouse: typeof picked = [];
  for (const p of picked) {
    if (firstPerHouse.length === BOUND) break;
    if (!firstPerHouse.some((f) => f.houseId === p.houseId)) firstPerHouse.push(p);
  }
  const window = await actorOf(db, 'JMWXZJ', 'shouli');
  // Not before the demo city's last audited write, and not after `now`-stamped steps that follow
  // (the owners bind before the deposits and projects, so these reach them as messages): the audit
  // log stays in time order.
  const [last] = await db.select({ at: max(auditLog.at) }).from(auditLog);
  const at = new Date(Math.max(now.getTime(), last?.at?.getTime() ?? 0));
  const office: Ctx = { db, dbKind: handle.kind, clock: { now: () => at }, actor: window, ip: 'demo' };
  const portal: Ctx = { ...office, actor: null, owner: null };
  for (const p of firstPerHouse) {
    const letter = await issueLetters(office, { houseId: p.houseId });
    const code = letter.items[0]?.code;
    if (!code) throw new Error(`demo letter for house ${p.houseId} not issued`);
    await bindOwner(portal, { houseId: p.houseId, idNumber: p.idNumber, code, password: DEMO_PASSWORD });
  }
  // The demo's own bindings count against no address and no house.
  await db.delete(rateCounters).where(or(like(rateCounters.key, 'bind:house:%'), eq(rateCounters.key, 'binding:ip:demo')));
}

/** The demo owners bound online, for the start banner: ID number and house. */
export async function demoOwners(handle: DbHandle) {
  return handle.db
    .select({ idNumber: ownerAccounts.idNumber, name: ownerAccounts.name, address: houses.address })
    .from(ownerBindings)
    .innerJoin(ownerAccounts, eq(ownerAccounts.id, ownerBindings.ownerId))
    .innerJoin(houses, eq(houses.id, ownerBindings.houseId))
    .orderBy(asc(ownerBindings.id))
    .limit(BOUND);
}
