import { and, asc, eq, max, ne } from 'drizzle-orm';
import { facilityTypes } from '../../db/schema/index.ts';
import { requireActor, requirePermission, type Ctx } from '../../lib/context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { audit, changedFields } from '../audit/audit.ts';

const typeRow = { id: facilityTypes.id, name: facilityTypes.name, sortOrder: facilityTypes.sortOrder, active: facilityTypes.active };

/** Facility types in their configured order; disabled ones only when asked (configuration, old rows). */
export async function listFacilityTypes(ctx: Ctx, includeInactive: boolean) {
  requireActor(ctx);
  const rows = await ctx.db
    .select(typeRow)
    .from(facilityTypes)
    .where(includeInactive ? undefined : eq(facilityTypes.active, true))
    .orderBy(asc(facilityTypes.sortOrder), asc(facilityTypes.id));
  return { items: rows };
}

const duplicate = (name: string) => conflict(`设施设备类型“${name}”已存在`, 'name');

/** F-62: the office adds a type; it is offered to committees at once. */
export async function addFacilityType(ctx: Ctx, input: { name: string; sortOrder?: number }) {
  const actor = requirePermission(ctx, 'office.config');
  return ctx.db.transaction(async (tx) => {
    const [same] = await tx.select({ id: facilityTypes.id }).from(facilityTypes).where(eq(facilityTypes.name, input.name));
    if (same) throw duplicate(input.name);
    const [last] = await tx.select({ s: max(facilityTypes.sortOrder) }).from(facilityTypes);
    const [row] = await tx
      .insert(facilityTypes)
      .values({
        name: input.name,
        sortOrder: input.sortOrder ?? (last?.s ?? 0) + 10,
        createdBy: actor.userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning(typeRow);
    if (!row) throw new Error('facility type insert returned no row');
    await audit(tx, ctx, {
      action: 'config.facility-type.add',
      entity: 'facility_type',
      entityId: row.id,
      summary: `新增设施设备类型：${row.name}`,
      after: row,
    });
    return row;
  });
}

/**
 * F-62: rename, reorder, disable or re-enable. A disabled type is no longer offered for new
 * facilities; the facilities that have it keep it, so nothing already recorded changes meaning.
 */
export async function updateFacilityType(ctx: Ctx, id: number, input: { name?: string; sortOrder?: number; active?: boolean }) {
  requirePermission(ctx, 'office.config');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select(typeRow).from(facilityTypes).where(eq(facilityTypes.id, id)).for('update');
    if (!before) throw notFound('设施设备类型');
    if (input.name !== undefined) {
      const [same] = await tx
        .select({ id: facilityTypes.id })
        .from(facilityTypes)
        .where(and(eq(facilityTypes.name, input.name), ne(facilityTypes.id, id)));
      if (same) throw duplicate(input.name);
    }
    const diff = changedFields(before, input);
    if (!diff.changed) return before;
    const [after] = await tx
      .update(facilityTypes)
      .set({ ...diff.after, updatedAt: ctx.clock.now() })
      .where(eq(facilityTypes.id, id))
      .returning(typeRow);
    const what = input.active === false ? '停用' : input.active === true && !before.active ? '启用' : '修改';
    await audit(tx, ctx, {
      action: 'config.facility-type.update',
      entity: 'facility_type',
      entityId: id,
      summary: `${what}设施设备类型：${before.name}`,
      before: diff.before,
      after: diff.after,
    });
    return after ?? before;
  });
}
