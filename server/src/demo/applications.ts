import { and, desc, eq, max } from 'drizzle-orm';
import type { DbHandle } from '../db/client.ts';
import { auditLog, buildings, houses, propertyAreas } from '../db/schema/index.ts';
import type { Ctx } from '../lib/context.ts';
import { createApplication, replaceItems, submit } from '../modules/applications/service.ts';
import { actorOf } from '../modules/auth/sessions.ts';
import { idNumber, mobile, prng } from './people.ts';

/**
 * Registry business waiting at the fund office's window, made through the same use cases as real
 * ones: the developer's 房屋权属批量变更 of 侨城花园's last parking space, sold on to a new owner and
 * submitted, for the window to 受理 and the reviewer to 审核. It moves no money.
 */
export async function seedDemoApplications(handle: DbHandle, now: Date) {
  const db = handle.db;
  const [area] = await db.select().from(propertyAreas).where(eq(propertyAreas.name, '侨城花园'));
  if (!area) return;
  const [space] = await db
    .select({ id: houses.id })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .where(and(eq(houses.areaId, area.id), eq(buildings.name, '地下车库'), eq(houses.status, 'normal')))
    .orderBy(desc(houses.room))
    .limit(1);
  if (!space) return;
  const clerk = await actorOf(db, '91440703MA4WJM001Q', 'jingban');
  // A second after the demo city's last audited write, so the audit log stays in order.
  const [last] = await db.select({ at: max(auditLog.at) }).from(auditLog);
  const at = new Date(Math.max(now.getTime(), last?.at?.getTime() ?? 0) + 1000);
  const ctx: Ctx = { db, dbKind: handle.kind, clock: { now: () => at }, actor: clerk, ip: 'demo' };
  const rand = prng(1804);
  const app = await createApplication(ctx, { type: 'ownership_change', areaId: area.id, form: {} });
  await replaceItems(ctx, app.id, 'owners', [
    { houseId: space.id, owners: [{ name: '邓嘉欣', idType: '居民身份证', idNumber: idNumber(rand), phone: mobile(rand) }] },
  ]);
  await submit(ctx, app.id);
}
