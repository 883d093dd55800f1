import { and, asc, count, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { containing } from '../../lib/search.ts';
import type { Conn } from '../../db/client.ts';
import { buildings, facilities, facilityRepairRecords, facilityTypes, projectItems, propertyAreas, units } from '../../db/schema/index.ts';
import {
  deleteRefusal,
  installDateProblem,
  type LocationKey,
  locationKeyOf,
  locationLabel,
  locationOf,
  parseLocationKey,
} from '../../domain/facility.ts';
import type { Ctx } from '../../lib/context.ts';
import { conflict, invalid } from '../../lib/errors.ts';
import { isForeignKeyViolation } from '../../lib/pg-errors.ts';
import { businessDate } from '../../lib/clock.ts';
import { pageAnswer } from '../../lib/paging.ts';
import { audit, changedFields } from '../audit/audit.ts';
import { readableArea, readableFacility, resolveLocation, writableArea, writableFacility } from './access.ts';

export interface FacilityInput {
  typeId: number;
  name: string;
  brandModel: string;
  installDate: string | null;
  quantity: number;
  remark: string;
}

export interface FacilityQuery {
  page: number;
  pageSize: number;
  location?: string;
  /** With a building: its units' facilities too; with the area: every facility of the area. */
  within?: boolean;
  typeId?: number;
  q?: string;
  ids?: number[];
}

const repairCount = sql<number>`(select count(*)::int from ${facilityRepairRecords} where ${facilityRepairRecords.facilityId} = ${facilities.id})`;
const repairTotal = sql<string>`(select coalesce(sum(${facilityRepairRecords.amount}), 0)::text from ${facilityRepairRecords} where ${facilityRepairRecords.facilityId} = ${facilities.id})`;

const rowFields = {
  id: facilities.id,
  areaId: facilities.areaId,
  area: propertyAreas.name,
  buildingId: facilities.buildingId,
  building: buildings.name,
  unitId: facilities.unitId,
  unit: units.name,
  typeId: facilities.typeId,
  type: facilityTypes.name,
  name: facilities.name,
  brandModel: facilities.brandModel,
  installDate: facilities.installDate,
  quantity: facilities.quantity,
  remark: facilities.remark,
  updatedAt: facilities.updatedAt,
  repairCount,
  repairTotal,
};

function rowQuery(db: Conn) {
  return db
    .select(rowFields)
    .from(facilities)
    .innerJoin(propertyAreas, eq(propertyAreas.id, facilities.areaId))
    .innerJoin(facilityTypes, eq(facilityTypes.id, facilities.typeId))
    .leftJoin(buildings, eq(buildings.id, facilities.buildingId))
    .leftJoin(units, eq(units.id, facilities.unitId));
}

type Row = Awaited<ReturnType<ReturnType<typeof rowQuery>['execute']>>[number];

function toFacility(r: Row) {
  const { repairTotal: total, ...rest } = r;
  return {
    ...rest,
    location: locationKeyOf(locationOf(r)),
    locationLabel: locationLabel(r.area, r.building, r.unit),
    repairTotal: Number(total),
  };
}

async function facilityRow(db: Conn, id: number) {
  const [r] = await rowQuery(db).where(eq(facilities.id, id));
  if (!r) throw new Error(`facility ${id} vanished`);
  return toFacility(r);
}

function locationFilter(key: LocationKey | null, within: boolean): SQL | undefined {
  if (!key) return undefined;
  if (key.kind === 'area') return within ? undefined : isNull(facilities.buildingId);
  if (key.kind === 'building') return and(eq(facilities.buildingId, key.id), within ? undefined : isNull(facilities.unitId));
  return eq(facilities.unitId, key.id);
}

function locationParam(location: string | undefined, field = 'location'): LocationKey | null {
  if (location === undefined) return null;
  const key = parseLocationKey(location);
  if (!key) throw invalid(field, '安装位置格式不正确');
  return key;
}

/**
 * F-30 location tree: the area (shared facilities), its buildings and their units, each with the
 * number of facilities installed exactly there (of one type, when given). Two queries for any area.
 */
export async function locationTree(ctx: Ctx, areaId: number, typeId?: number) {
  const area = await readableArea(ctx.db, ctx, areaId);
  const [places, counts] = await Promise.all([
    ctx.db
      .select({ buildingId: buildings.id, building: buildings.name, unitId: units.id, unit: units.name })
      .from(buildings)
      .leftJoin(units, eq(units.buildingId, buildings.id))
      .where(eq(buildings.areaId, areaId))
      .orderBy(asc(buildings.id), asc(units.id)),
    ctx.db
      .select({ buildingId: facilities.buildingId, unitId: facilities.unitId, n: count() })
      .from(facilities)
      .where(and(eq(facilities.areaId, areaId), typeId ? eq(facilities.typeId, typeId) : undefined))
      .groupBy(facilities.buildingId, facilities.unitId),
  ]);
  const countAt = new Map(counts.map((c) => [`${c.buildingId ?? ''}/${c.unitId ?? ''}`, c.n]));
  const tree = new Map<
    number,
    { id: number; name: string; count: number; total: number; units: { id: number; name: string; count: number }[] }
  >();
  for (const p of places) {
    let b = tree.get(p.buildingId);
    if (!b) {
      const own = countAt.get(`${p.buildingId}/`) ?? 0;
      b = { id: p.buildingId, name: p.building, count: own, total: own, units: [] };
      tree.set(p.buildingId, b);
    }
    // '' is the unit of a building without units: its facilities belong to the building.
    if (p.unitId !== null && p.unit) {
      const n = countAt.get(`${p.buildingId}/${p.unitId}`) ?? 0;
      b.units.push({ id: p.unitId, name: p.unit ?? '', count: n });
      b.total += n;
    }
  }
  const buildingsList = [...tree.values()];
  const shared = countAt.get('/') ?? 0;
  return {
    area: { id: area.id, name: area.name, count: shared, total: shared + buildingsList.reduce((a, b) => a + b.total, 0) },
    buildings: buildingsList,
  };
}

/** F-30 list by location and type, paginated on the server. */
export async function listFacilities(ctx: Ctx, areaId: number, q: FacilityQuery) {
  await readableArea(ctx.db, ctx, areaId);
  const where = and(
    eq(facilities.areaId, areaId),
    locationFilter(locationParam(q.location), q.within ?? false),
    q.typeId ? eq(facilities.typeId, q.typeId) : undefined,
    q.ids && q.ids.length > 0 ? inArray(facilities.id, q.ids) : undefined,
    q.q ? or(ilike(facilities.name, containing(q.q)), ilike(facilities.brandModel, containing(q.q))) : undefined,
  );
  const page = await pageAnswer(
    ctx.db,
    q,
    rowQuery(ctx.db)
      .where(where)
      .orderBy(
        sql`${facilities.buildingId} asc nulls first`,
        sql`${facilities.unitId} asc nulls first`,
        asc(facilityTypes.sortOrder),
        asc(facilities.id),
      ),
    ctx.db.select({ id: facilities.id }).from(facilities).where(where),
  );
  return { ...page, items: page.items.map(toFacility) };
}

export async function getFacility(ctx: Ctx, id: number) {
  await readableFacility(ctx.db, ctx, id);
  return facilityRow(ctx.db, id);
}

async function checkType(db: Conn, typeId: number, keep?: number) {
  const [t] = await db.select().from(facilityTypes).where(eq(facilityTypes.id, typeId));
  if (!t) throw invalid('typeId', '设施设备类型不存在');
  if (!t.active && t.id !== keep) throw invalid('typeId', `设施设备类型“${t.name}”已停用，请选择其他类型`);
  return t;
}

function checkInput(ctx: Ctx, input: FacilityInput) {
  if (input.installDate) {
    const problem = installDateProblem(input.installDate, businessDate(ctx.clock.now()));
    if (problem) throw invalid('installDate', problem);
  }
}

/** F-30 添加: a new facility at the chosen location (manual §1.4.1 steps 3–6). */
export async function createFacility(ctx: Ctx, areaId: number, input: FacilityInput & { location: string }) {
  checkInput(ctx, input);
  const key = locationParam(input.location);
  if (!key) throw invalid('location', '请选择安装位置');
  return ctx.db.transaction(async (tx) => {
    const { actor, area } = await writableArea(tx, ctx, areaId);
    const place = await resolveLocation(tx, areaId, key);
    const type = await checkType(tx, input.typeId);
    const now = ctx.clock.now();
    const { location: _location, ...fields } = input;
    const [row] = await tx
      .insert(facilities)
      .values({
        ...fields,
        areaId,
        buildingId: place.buildingId,
        unitId: place.unitId,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        createdByOrgId: actor.orgId,
        updatedBy: actor.userId,
      })
      .returning({ id: facilities.id });
    if (!row) throw new Error('facility insert returned no row');
    const where = locationLabel(area.name, place.building, place.unit);
    await audit(tx, ctx, {
      action: 'facility.create',
      entity: 'facility',
      entityId: row.id,
      summary: `添加设施设备：${where} ${type.name} ${input.name}`,
      after: { ...fields, location: where, type: type.name },
    });
    return facilityRow(tx, row.id);
  });
}

/** F-30 修改: the facility's own details; its location changes only through 移动到. */
export async function updateFacility(ctx: Ctx, id: number, input: FacilityInput) {
  checkInput(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const { actor, facility } = await writableFacility(tx, ctx, id);
    await checkType(tx, input.typeId, facility.typeId);
    const diff = changedFields(facility, input);
    if (diff.changed) {
      await tx
        .update(facilities)
        .set({ ...input, updatedAt: ctx.clock.now(), updatedBy: actor.userId })
        .where(eq(facilities.id, id));
      await audit(tx, ctx, {
        action: 'facility.update',
        entity: 'facility',
        entityId: id,
        summary: `修改设施设备：${facility.name}`,
        before: diff.before,
        after: diff.after,
      });
    }
    return facilityRow(tx, id);
  });
}

async function usage(db: Conn, id: number) {
  // Sequential: called with a transaction, a single connection.
  const [p] = await db
    .select({ n: sql<number>`count(distinct ${projectItems.projectId})::int` })
    .from(projectItems)
    .where(eq(projectItems.facilityId, id));
  const [r] = await db.select({ n: count() }).from(facilityRepairRecords).where(eq(facilityRepairRecords.facilityId, id));
  return { projectCount: p?.n ?? 0, repairRecordCount: r?.n ?? 0 };
}

/** F-30 删除: only a facility that was never in a project and has no repair records. */
export async function deleteFacility(ctx: Ctx, id: number) {
  try {
    await ctx.db.transaction(async (tx) => {
      const { facility } = await writableFacility(tx, ctx, id);
      const refusal = deleteRefusal(await usage(tx, id));
      if (refusal) throw conflict(refusal);
      await tx.delete(facilities).where(eq(facilities.id, id));
      await audit(tx, ctx, {
        action: 'facility.delete',
        entity: 'facility',
        entityId: id,
        summary: `删除设施设备：${facility.name}`,
        before: facility,
      });
    });
  } catch (err) {
    // A project that took the facility after our check still holds it through its foreign key.
    if (isForeignKeyViolation(err)) throw conflict('该设施设备已在维修项目中使用，不能删除');
    throw err;
  }
  return { ok: true as const };
}

/** F-30 移动到: the ticked facilities of one area to another location of it, in one statement. */
export async function moveFacilities(ctx: Ctx, areaId: number, input: { ids: number[]; location: string }) {
  const key = locationParam(input.location);
  if (!key) throw invalid('location', '请选择要移动到的安装位置');
  const ids = [...new Set(input.ids)];
  return ctx.db.transaction(async (tx) => {
    const { actor, area } = await writableArea(tx, ctx, areaId);
    const place = await resolveLocation(tx, areaId, key);
    const found = await tx
      .select({ id: facilities.id, name: facilities.name, buildingId: facilities.buildingId, unitId: facilities.unitId })
      .from(facilities)
      .where(and(eq(facilities.areaId, areaId), inArray(facilities.id, ids)))
      .orderBy(asc(facilities.id))
      .for('update');
    if (found.length !== ids.length) throw invalid('ids', '所选设施设备不存在或不属于该物业区域，请刷新后重新选择');
    const moving = found.filter((f) => f.buildingId !== place.buildingId || f.unitId !== place.unitId);
    if (moving.length > 0) {
      await tx
        .update(facilities)
        .set({ buildingId: place.buildingId, unitId: place.unitId, updatedAt: ctx.clock.now(), updatedBy: actor.userId })
        .where(
          inArray(
            facilities.id,
            moving.map((f) => f.id),
          ),
        );
      const where = locationLabel(area.name, place.building, place.unit);
      await audit(tx, ctx, {
        action: 'facility.move',
        entity: 'facility',
        entityId: moving.map((f) => f.id).join(','),
        summary: `移动 ${moving.length} 项设施设备到 ${where}`,
        before: moving.map((f) => ({ id: f.id, name: f.name, location: locationKeyOf(locationOf(f)) })),
        after: { location: locationKeyOf(locationOf(place)), label: where },
      });
    }
    return { moved: moving.length };
  });
}
