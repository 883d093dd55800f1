import { and, asc, eq, sql } from 'drizzle-orm';
import { buildings, houseOwners, houses, propertyAreas, units } from '../../db/schema/index.ts';
import { maskIdNumber, maskName } from '../../domain/id-card.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { houseStatement } from '../payments/statement.ts';
import { standingOf } from '../payments/standing.ts';
import { rateLimit } from '../../lib/rate-limit.ts';
import { builtOnce } from '../../db/client.ts';

export async function publicBuildings(ctx: Ctx, areaId: number) {
  const rows = await ctx.db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(eq(buildings.areaId, areaId))
    .orderBy(asc(buildings.id));
  return { items: rows };
}

export async function publicRooms(ctx: Ctx, buildingId: number) {
  const rows = await ctx.db
    .select({ id: houses.id, unit: units.name, floor: houses.floor, room: houses.room })
    .from(houses)
    .innerJoin(units, eq(units.id, houses.unitId))
    .where(and(eq(houses.buildingId, buildingId), eq(houses.status, 'normal')))
    .orderBy(asc(units.name), asc(houses.floor), asc(houses.room));
  return { items: rows };
}

/**
 * F-72 fund lookup: area → building → house, plus an owner's ID number. Only a matching owner sees
 * the figures; names and ID numbers are masked; lookups are rate-limited per client and per house.
 */
export async function lookupBalance(ctx: Ctx, houseId: number, idNumber: string) {
  const now = ctx.clock.now();
  await rateLimit(ctx.db, `lookup:ip:${ctx.ip}`, 30, 600, now);
  // The statements every lookup sends are prepared, planned once per connection: planned on every
  // request they doubled a lookup's PostgreSQL CPU (bench/README.md). They are also built once (`builtOnce`).
  const values = { house: houseId };
  const [h] = await builtOnce(
    ctx.db,
    'public.house',
    () =>
      ctx.db
        .select({
          id: houses.id,
          address: houses.address,
          room: houses.room,
          buildingArea: houses.buildingArea,
          area: propertyAreas.name,
          building: buildings.name,
          unit: units.name,
        })
        .from(houses)
        .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
        .innerJoin(buildings, eq(buildings.id, houses.buildingId))
        .innerJoin(units, eq(units.id, houses.unitId))
        .where(eq(houses.id, sql.placeholder('house'))),
    values,
  );
  if (!h) throw notFound('房屋');
  const owners = await builtOnce(
    ctx.db,
    'public.house owners',
    () =>
      ctx.db
        .select()
        .from(houseOwners)
        .where(eq(houseOwners.houseId, sql.placeholder('house'))),
    values,
  );
  const wanted = idNumber.trim().toUpperCase();
  if (!owners.some((o) => o.idNumber.toUpperCase() === wanted)) {
    // Guessing ID numbers for one house is slowed down separately from ordinary use.
    await rateLimit(ctx.db, `lookup:miss:${houseId}`, 5, 900, now);
    throw new AppError(404, 'NO_MATCH', '证件号码与该房屋登记的业主不符，请核对后再查');
  }
  const standing = (await standingOf(ctx.db, [houseId])).get(houseId);
  const statement = await houseStatement(ctx.db, houseId);
  return {
    area: h.area,
    building: h.building,
    unit: h.unit,
    room: h.room,
    address: h.address,
    buildingArea: h.buildingArea,
    owners: owners.map((o) => ({ name: maskName(o.name), idNumber: maskIdNumber(o.idNumber) })),
    amountDue: Number(standing?.amountDue ?? 0n),
    deposited: Number(standing?.deposited ?? 0n),
    balance: Number(standing?.balance ?? 0n),
    movements: statement.map((s) => ({ at: s.at, kindLabel: s.kindLabel, reference: s.reference, amount: s.amount, balance: s.balance })),
  };
}
