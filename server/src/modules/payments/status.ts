import { and, asc, eq } from 'drizzle-orm';
import { buildings, houses } from '../../db/schema/index.ts';
import { requireActor, type Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { visibleArea } from '../registry/access.ts';
import { organisations } from '../../db/schema/index.ts';
import { outstanding, standingOf } from './standing.ts';

/** Per building: live houses, how many still owe, the amount outstanding; per house when a building is chosen. */
export async function areaDepositStatus(ctx: Ctx, areaId: number, buildingId?: number) {
  const actor = requireActor(ctx);
  const [own] = await ctx.db.select({ areaId: organisations.areaId }).from(organisations).where(eq(organisations.id, actor.orgId));
  await visibleArea(ctx.db, actor, areaId, own?.areaId ?? null);
  const list = await ctx.db
    .select({ id: houses.id, buildingId: houses.buildingId, name: buildings.name })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    // Cancelled houses (注销, or the sources of a split or merge) owe nothing and are never billed again.
    .where(and(eq(houses.areaId, areaId), eq(houses.status, 'normal')))
    .orderBy(asc(buildings.id));
  if (buildingId) {
    const [b] = await ctx.db
      .select({ id: buildings.id })
      .from(buildings)
      .where(and(eq(buildings.id, buildingId), eq(buildings.areaId, areaId)));
    if (!b) throw notFound('楼幢');
  }
  const standing = await standingOf(
    ctx.db,
    list.map((h) => h.id),
  );
  const byBuilding = new Map<
    number,
    { buildingId: number; name: string; houses: number; unpaid: number; outstanding: bigint; openNotices: Set<string> }
  >();
  for (const h of list) {
    const s = standing.get(h.id);
    const b = byBuilding.get(h.buildingId) ?? {
      buildingId: h.buildingId,
      name: h.name,
      houses: 0,
      unpaid: 0,
      outstanding: 0n,
      openNotices: new Set<string>(),
    };
    b.houses++;
    if (s && outstanding(s) > 0n) {
      b.unpaid++;
      b.outstanding += outstanding(s);
    }
    if (s?.openNotices.deposit) b.openNotices.add(s.openNotices.deposit);
    byBuilding.set(h.buildingId, b);
  }
  return {
    buildings: [...byBuilding.values()].map((b) => ({ ...b, outstanding: Number(b.outstanding), openNotices: b.openNotices.size })),
    houses: buildingId
      ? list
          .filter((h) => h.buildingId === buildingId)
          .map((h) => {
            const s = standing.get(h.id);
            return {
              houseId: h.id,
              amountDue: Number(s?.amountDue ?? 0n),
              deposited: Number(s?.deposited ?? 0n),
              balance: Number(s?.balance ?? 0n),
              openNotice: s?.openNotices.deposit ?? null,
            };
          })
      : [],
  };
}
