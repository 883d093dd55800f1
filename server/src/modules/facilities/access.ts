import { and, eq } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { buildings, facilities, units } from '../../db/schema/index.ts';
import type { LocationKey } from '../../domain/facility.ts';
import { requireActor, requirePermission, type Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { committeeArea, visibleArea } from '../registry/access.ts';

/** Reading: the office any area, a committee its own, a developer the areas it collected. */
export async function readableArea(db: Conn, ctx: Ctx, areaId: number) {
  const actor = requireActor(ctx);
  return visibleArea(db, actor, areaId, await committeeArea(db, actor));
}

/**
 * Writing: only the area's own owners' committee keeps its facilities registry (§6); the office
 * browses read-only. Adding a facility is a step of preparing a project (manual §1.3 "添加设备"),
 * so the same permission as editing projects applies.
 */
export async function writableArea(db: Conn, ctx: Ctx, areaId: number) {
  const actor = requirePermission(ctx, 'project.edit');
  if (actor.orgType !== 'committee' || (await committeeArea(db, actor)) !== areaId) throw notFound('物业区域');
  return { actor, area: await visibleArea(db, actor, areaId, areaId) };
}

/** A facility of an area the caller may read, or "not found" (another area's ids reveal nothing). */
export async function readableFacility(db: Conn, ctx: Ctx, facilityId: number) {
  const [f] = await db.select().from(facilities).where(eq(facilities.id, facilityId));
  if (!f) throw notFound('设施设备');
  try {
    await readableArea(db, ctx, f.areaId);
  } catch (err) {
    if ((err as { status?: number }).status === 404) throw notFound('设施设备');
    throw err;
  }
  return f;
}

/** The same for a change, with the row locked so two edits of one facility queue. */
export async function writableFacility(db: Conn, ctx: Ctx, facilityId: number) {
  const [f] = await db.select().from(facilities).where(eq(facilities.id, facilityId)).for('update');
  if (!f) throw notFound('设施设备');
  try {
    return { facility: f, ...(await writableArea(db, ctx, f.areaId)) };
  } catch (err) {
    if ((err as { status?: number }).status === 404) throw notFound('设施设备');
    throw err;
  }
}

/** A location key → the stored columns, checked to lie inside the area. */
export async function resolveLocation(db: Conn, areaId: number, key: LocationKey, field = 'location') {
  if (key.kind === 'area') return { buildingId: null, unitId: null, building: null, unit: null };
  if (key.kind === 'building') {
    const [b] = await db
      .select({ id: buildings.id, name: buildings.name })
      .from(buildings)
      .where(and(eq(buildings.id, key.id), eq(buildings.areaId, areaId)));
    if (!b) throw invalid(field, '安装位置不存在：所选楼幢不属于该物业区域');
    return { buildingId: b.id, unitId: null, building: b.name, unit: null };
  }
  const [u] = await db
    .select({ id: units.id, name: units.name, buildingId: buildings.id, building: buildings.name })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.id, key.id), eq(buildings.areaId, areaId)));
  if (!u) throw invalid(field, '安装位置不存在：所选单元不属于该物业区域');
  return { buildingId: u.buildingId, unitId: u.id, building: u.building, unit: u.name };
}
