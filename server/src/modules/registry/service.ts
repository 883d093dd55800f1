import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { caseless, containing, holding } from '../../lib/search.ts';
import {
  applicationHouseClaims,
  applications,
  buildings,
  houseAccounts,
  houseHistory,
  houseOwners,
  houses,
  organisations,
  propertyAreas,
  units,
} from '../../db/schema/index.ts';
import { requireActor, requirePermission, type Ctx } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { carriedCount, carriedTotal, pageAnswer, pageShape } from '../../lib/paging.ts';
import { cappedCountOf, cappedTotal } from '../../db/capped-count.ts';
import { builtOnce, builtOnceRows, type Conn } from '../../db/client.ts';
import { type PersonalDataView, presentIdNumber, presentPersonalFields, presentPhone } from '../../domain/privacy.ts';
import { personalDataViewOf, UNVERIFIED_COMMITTEE } from '../organisations/committee.ts';
import { audit, changedFields } from '../audit/audit.ts';
import { areaSight, committeeArea, visibleArea } from './access.ts';
import { standingOf } from '../payments/standing.ts';

async function areaFor(ctx: Ctx, areaId: number) {
  const actor = requireActor(ctx);
  return visibleArea(ctx.db, actor, areaId, await committeeArea(ctx.db, actor));
}

const liveHouses = sql<number>`count(${houses.id}) filter (where ${houses.status} = 'normal')::int`;

/** Areas the caller may see: a developer its own, a committee its one, the office all. */
export async function listAreas(ctx: Ctx, q: { page: number; pageSize: number; q?: string }) {
  const actor = requireActor(ctx);
  if (actor.orgType === 'bank') throw notFound('物业区域');
  const sight = areaSight(actor, await committeeArea(ctx.db, actor));
  const where = and(
    sight.where,
    q.q ? or(ilike(propertyAreas.name, containing(q.q)), ilike(propertyAreas.address, containing(q.q))) : undefined,
  );
  const page = await pageAnswer(
    ctx.db,
    q,
    ctx.db
      .select({ a: propertyAreas, developerName: organisations.name, houses: liveHouses })
      .from(propertyAreas)
      .leftJoin(organisations, eq(organisations.id, propertyAreas.developerOrgId))
      .leftJoin(houses, eq(houses.areaId, propertyAreas.id))
      .where(where)
      .groupBy(propertyAreas.id, organisations.name)
      .orderBy(asc(propertyAreas.district), asc(propertyAreas.name)),
    ctx.db.select({ id: propertyAreas.id }).from(propertyAreas).where(where),
    // A search's text is written in: that one is built every time.
    { shape: q.q ? null : `areas.list ${sight.shape}`, values: sight.values },
  );
  return { ...page, items: page.items.map((r) => ({ ...r.a, developerName: r.developerName, houseCount: r.houses })) };
}

/** F-12 物业区域变更: only address and remark; saved = effective at once, audited. */
export async function changeArea(ctx: Ctx, areaId: number, input: { address: string; remark: string }) {
  const actor = requirePermission(ctx, 'registry.edit');
  if (actor.orgType !== 'developer') throw notFound('物业区域');
  return ctx.db.transaction(async (tx) => {
    const area = await visibleArea(tx, actor, areaId);
    const diff = changedFields(area, input);
    if (!diff.changed) return area;
    const [after] = await tx
      .update(propertyAreas)
      .set({ ...input, updatedAt: ctx.clock.now() })
      .where(eq(propertyAreas.id, areaId))
      .returning();
    await audit(tx, ctx, {
      action: 'area.update',
      entity: 'property_area',
      entityId: areaId,
      summary: `物业区域变更：${area.name}（${Object.keys(diff.after)
        .map((k) => (k === 'address' ? '地址' : '备注'))
        .join('、')}）`,
      before: diff.before,
      after: diff.after,
    });
    return after ?? area;
  });
}

export async function listBuildings(ctx: Ctx, areaId: number) {
  await areaFor(ctx, areaId);
  const rows = await ctx.db
    .select({ b: buildings, houses: liveHouses })
    .from(buildings)
    .leftJoin(houses, eq(houses.buildingId, buildings.id))
    .where(eq(buildings.areaId, areaId))
    .groupBy(buildings.id)
    .orderBy(asc(buildings.id));
  return { items: rows.map((r) => ({ ...r.b, houseCount: r.houses })) };
}

const houseRow = {
  id: houses.id,
  buildingId: houses.buildingId,
  building: buildings.name,
  unit: units.name,
  floor: houses.floor,
  room: houses.room,
  address: houses.address,
  buildingArea: houses.buildingArea,
  innerArea: houses.innerArea,
  use: houses.use,
  elevator: houses.elevator,
  salesStatus: houses.salesStatus,
  status: houses.status,
  amountDue: houseAccounts.amountDue,
  ownerNames: sql<string>`coalesce((select string_agg(${houseOwners.name}, '、' order by ${houseOwners.id}) from ${houseOwners} where ${houseOwners.houseId} = ${houses.id}), '')`,
  heldBy: applications.no,
};

/** `total`: the list's capped count, carried by every row of its page (`carriedCount`); null elsewhere. */
function houseQuery(ctx: Ctx, total: SQL<string | null> = sql`null`, db: Pick<Ctx['db'], 'select'> = ctx.db) {
  return db
    .select({ ...houseRow, total })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(units, eq(units.id, houses.unitId))
    .leftJoin(houseAccounts, eq(houseAccounts.houseId, houses.id))
    .leftJoin(applicationHouseClaims, eq(applicationHouseClaims.houseId, houses.id))
    .leftJoin(applications, eq(applications.id, applicationHouseClaims.applicationId));
}

function toHouse({ total: _total, ...r }: Awaited<ReturnType<ReturnType<typeof houseQuery>['execute']>>[number]) {
  return { ...r, amountDue: r.amountDue === null ? null : Number(r.amountDue) };
}

/** F-10 楼盘表: one building as floors × rooms, every house with the state that colours its cell. */
export async function buildingGrid(ctx: Ctx, buildingId: number) {
  const [b] = await ctx.db.select().from(buildings).where(eq(buildings.id, buildingId));
  if (!b) throw notFound('楼幢');
  await areaFor(ctx, b.areaId);
  const rows = await houseQuery(ctx)
    .where(eq(houses.buildingId, buildingId))
    .orderBy(desc(houses.floor), asc(units.name), asc(houses.room));
  return { building: b, houses: rows.map(toHouse) };
}

/** The list mode of the picker: searchable and paginated on the server. */
export async function listHouses(
  ctx: Ctx,
  areaId: number,
  q: { page: number; pageSize: number; buildingId?: number; q?: string; status?: 'normal' | 'cancelled'; ids?: number[] },
) {
  const actor = requireActor(ctx);
  const ownArea = await committeeArea(ctx.db, actor);
  // The caller's sight of the area is checked in the page's own statement: a page with houses proves
  // it. A page without any (an area not seen, one without houses yet, a page past the last) asks the
  // area itself, which answers "not found" for an area the caller may not see.
  const sight = areaSight(actor, ownArea);
  const seen = async (rows: readonly unknown[]) => {
    if (rows.length === 0) await visibleArea(ctx.db, actor, areaId, ownArea);
  };
  const text = q.q || null;
  // Each statement is built once for its shape and then only run with each request's values
  // (`builtOnce`): the area, building, status, search text and the caller's organisation are
  // placeholders. A list of ids makes a statement of its own length: that one is built every time,
  // and not prepared.
  const window = pageShape(q);
  const area = sql.placeholder('area');
  const pattern = sql.placeholder('pattern');
  const filters = { area: areaId, building: q.buildingId, status: q.status };
  const values = { ...window.values, ...filters, ...sight.values, pattern: text && containing(text) };
  const given = `${q.buildingId ? ' building' : ''}${q.status ? ' status' : ''}`;
  const shaped = (name: string) => (q.ids?.length ? null : `houses.${name}${given} ${sight.shape} ${window.shape}`);
  // Tested once, on the page's own rows: inside the area's row streams (the count, the search's matches)
  // it cost PostgreSQL more than the statement it saves.
  const sightOfArea = sql`exists (select from ${propertyAreas} where ${and(eq(propertyAreas.id, area), sight.where)})`;
  const where = and(
    eq(houses.areaId, area),
    q.buildingId ? eq(houses.buildingId, sql.placeholder('building')) : undefined,
    q.status ? eq(houses.status, sql.placeholder('status')) : undefined,
    q.ids && q.ids.length > 0 ? inArray(houses.id, q.ids) : undefined,
  );
  const order = [asc(houses.buildingId), asc(units.name), asc(houses.floor), asc(houses.room)];
  if (!text) {
    // The plain list, one statement: its page in index order, its count (up to the cap) from the index.
    // The page's houses are chosen from the houses and their units alone (the order needs the unit's
    // name); only they are then joined to their building, account, owners and claim. Joined before the
    // page was taken, every house of the page's first building was (ten times the page).
    const count = carriedCount(cappedCountOf(sql`${houses} where ${where}`), filters, q.ids?.length ? undefined : `houses.count${given}`);
    const rows = await builtOnce(
      ctx.db,
      shaped(count.known ? 'list past cap' : 'list'),
      () =>
        houseQuery(ctx, count.column)
          .where(
            and(
              sql`${houses.id} = any(array(select ${houses.id} from ${houses} inner join ${units} on ${units.id} = ${houses.unitId}
                   where ${where} order by ${sql.join(order, sql`, `)} ${window.limit}))`,
              sightOfArea,
            ),
          )
          .orderBy(...order),
      values,
    );
    await seen(rows);
    const total = await count.total(rows, q, async () => {
      const [alone] = await builtOnceRows<{ n: string }>(ctx.db, null, () => sql`select ${count.column} as n`, values);
      return Number(alone?.n ?? 0);
    });
    return { items: rows.map(toHouse), ...total };
  }
  // A search reads the area's houses once, for the page and its count alike, and the page is joined
  // to its details in the same statement: the chosen ids reach the page through a common table, out
  // of the planner's sight, so one plan suits every page of twenty houses (a plan made for visible
  // ids cost PostgreSQL more than reading the page), and the statement keeps its generic plan.
  const search = () => {
    const matching = and(
      where,
      or(
        holding(houses.room, text, pattern),
        holding(houses.address, text, pattern),
        // A house's building is in the house's area: its buildings are the area's.
        sql`${houses.buildingId} in (select b.id from ${buildings} b where b.area_id = ${area} and ${holding(sql`b.name`, text, pattern)})`,
        sql`${houses.id} in (select named.house_id from named)`,
      ),
    );
    return sql`with ${housesNamed(ctx, area, text, pattern)},
        area_units as materialized (
          select u.id, u.name from ${units} u where u.building_id = any(array(select b.id from ${buildings} b where b.area_id = ${area}))),
        matched as materialized (
          select ${houses.id}, ${houses.buildingId}, u.name as unit, ${houses.floor}, ${houses.room}
            from ${houses} inner join area_units u on u.id = ${houses.unitId} where ${matching})
        select array(select m.id from matched m order by m.building_id, m.unit, m.floor, m.room ${window.limit}) as ids,
               ${cappedCountOf(sql`matched`)}::text as total`;
  };
  const rows = await builtOnce(
    ctx.db,
    shaped(`search ${caseless(text) ? 'like' : 'ilike'}`),
    () => {
      const chosen = ctx.db.$with('chosen', { ids: sql`ids`, total: sql`total` }).as(search());
      return houseQuery(ctx, sql<string | null>`(select c.total from chosen c)`, ctx.db.with(chosen))
        .where(and(sql`${houses.id} = any((select c.ids from chosen c)::bigint[])`, sightOfArea))
        .orderBy(...order);
    },
    values,
  );
  await seen(rows);
  // A page past the last has no row to carry the count: the search is then counted alone.
  const total = await carriedTotal(rows, q, async () => {
    const [alone] = await builtOnceRows<{ total: string }>(ctx.db, null, () => sql`select total from (${search()}) s`, values);
    return Number(alone?.total ?? 0);
  });
  return { items: rows.map(toHouse), ...cappedTotal(total) };
}

/**
 * `named`, a statement's common table: the houses of an area with an owner whose name holds the text.
 * A two-character name has no trigram for an index, so the owners are read through the area's house
 * ids, a range of the owners' index for each block of 64 ids the area has houses in: an area
 * registered at once is read in order, a descent every 64 houses, and one registered among other
 * areas' houses costs at most the owners of 64 ids a block, which the caller's own area condition
 * leaves out. Looked up one house at a time, 2,000 houses took 2,000 descents, ten times as long.
 * On PostgreSQL the blocks are found by one descent each of `houses_area_id_idx`, from each block to
 * the area's next house: reading every house id of the area to group them took a third of the
 * search, and the statement so written gets one generic plan. The embedded engine pays more to start
 * each of those descents than to read the area's ids (2.5 against 1.3 ms for 2,000 houses), so it groups.
 */
function housesNamed(ctx: Ctx, area: unknown, text: string, pattern: unknown) {
  const blocks =
    ctx.dbKind === 'postgres'
      ? sql`with recursive b(lo) as (
          (select h.id from ${houses} h where h.area_id = ${area} order by h.id limit 1)
          union all
          select (select h.id from ${houses} h where h.area_id = ${area} and h.id >= (b.lo / 64 + 1) * 64 order by h.id limit 1)
            from b where b.lo is not null)
        select lo, (lo / 64 + 1) * 64 - 1 as hi from b where lo is not null`
      : sql`select min(h.id) as lo, max(h.id) as hi from ${houses} h where h.area_id = ${area} group by h.id / 64`;
  return sql`blocks as materialized (${blocks}),
    named as materialized (
      select unnest(array(select o.house_id from ${houseOwners} o where o.house_id between b.lo and b.hi and ${holding(sql`o.name`, text, pattern)})) as house_id
        from blocks b)`;
}

/** A house the caller may see (its area is visible to the caller's organisation), or not found. */
export async function visibleHouse(ctx: Ctx, houseId: number) {
  const [row] = await ctx.db.select({ areaId: houses.areaId }).from(houses).where(eq(houses.id, houseId));
  if (!row) throw notFound('房屋');
  await areaFor(ctx, row.areaId);
}

const ownersOf = (db: Conn, houseId: number) =>
  db.select().from(houseOwners).where(eq(houseOwners.houseId, houseId)).orderBy(asc(houseOwners.id));

const presentOwner = (o: typeof houseOwners.$inferSelect, view: PersonalDataView) => ({
  id: o.id,
  name: o.name,
  idType: o.idType,
  idNumber: presentIdNumber(o.idNumber, view),
  phone: presentPhone(o.phone, view),
});

/** Owners' ID numbers and phones are masked (or withheld) here, on the server, per §10 privacy. */
export async function houseDetail(ctx: Ctx, houseId: number) {
  await visibleHouse(ctx, houseId);
  const [h] = await houseQuery(ctx).where(eq(houses.id, houseId));
  if (!h) throw notFound('房屋');
  const view = await personalDataViewOf(ctx.db, requireActor(ctx));
  const owners = await ownersOf(ctx.db, houseId);
  const history = await ctx.db.select().from(houseHistory).where(eq(houseHistory.houseId, houseId)).orderBy(desc(houseHistory.id));
  const standing = (await standingOf(ctx.db, [houseId])).get(houseId);
  return {
    ...toHouse(h),
    // 已交 and 余额 in fen; null for a house without an account.
    deposited: standing ? Number(standing.deposited) : null,
    balance: standing ? Number(standing.balance) : null,
    personalData: view,
    owners: owners.map((o) => presentOwner(o, view)),
    history: history.map((e) => ({
      applicationNo: e.applicationNo,
      kind: e.kind,
      summary: e.summary,
      before: presentPersonalFields(e.before, view),
      after: presentPersonalFields(e.after, view),
      at: e.at,
    })),
  };
}

/**
 * 查看完整信息: one house's owners in full, for a reader who otherwise sees them masked. Who saw
 * whose data is audit-logged (names only; the log itself holds no ID numbers).
 */
export async function revealOwners(ctx: Ctx, houseId: number) {
  const actor = requireActor(ctx);
  await visibleHouse(ctx, houseId);
  if ((await personalDataViewOf(ctx.db, actor)) === 'hidden') {
    throw forbidden(`${UNVERIFIED_COMMITTEE}，核验后方可查看业主证件号码和手机号`);
  }
  return ctx.db.transaction(async (tx) => {
    const [h] = await tx
      .select({ building: buildings.name, unit: units.name, room: houses.room })
      .from(houses)
      .innerJoin(buildings, eq(buildings.id, houses.buildingId))
      .innerJoin(units, eq(units.id, houses.unitId))
      .where(eq(houses.id, houseId));
    const owners = await ownersOf(tx, houseId);
    await audit(tx, ctx, {
      action: 'owner.reveal',
      entity: 'house',
      entityId: houseId,
      summary: `查看业主完整信息：${h ? `${h.building}${h.unit}${h.room}` : `房屋 ${houseId}`}，业主：${owners.map((o) => o.name).join('、') || '无'}`,
      after: { ownerIds: owners.map((o) => o.id) },
    });
    return { owners: owners.map((o) => presentOwner(o, 'full')) };
  });
}
