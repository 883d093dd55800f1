import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { buildings, houseHistory, houses, propertyAreas } from '../../../db/schema/index.ts';
import { invalidFields } from '../../../lib/errors.ts';
import { text } from '../../../lib/fields.ts';
import { chunks } from '../../registry/bulk.ts';
import type { ApplicationHandler } from '../handler.ts';
import { buildingSchema, itemsOf } from '../shared.ts';

const after = buildingSchema.extend({ areaId: z.number().int().positive('请选择物业区域') });
const item = z.object({ buildingId: z.number().int().positive(), after });
type Item = z.infer<typeof item>;
type Building = typeof buildings.$inferSelect;

/**
 * F-13 楼幢变更: each picked building's "after" row (one by one, or 批量修改 of area, year, structure).
 * A building moved to another of the developer's areas takes its houses with it, so those houses
 * are held while the application is open.
 */
export const buildingChange: ApplicationHandler = {
  type: 'building_change',
  prefix: 'LZ',
  needsArea: true,
  form: z.object({ reason: text('变更原因', 500) }),
  items: { building: item },
  async prepareItems({ tx, app }, _kind, rows) {
    const list = rows as Item[];
    const ids = list.map((r) => r.buildingId);
    const found = ids.length
      ? await tx
          .select()
          .from(buildings)
          .where(and(inArray(buildings.id, ids), eq(buildings.areaId, app.areaId as number)))
      : [];
    const byId = new Map(found.map((b) => [b.id, b]));
    const errors: Record<string, string> = {};
    list.forEach((r, i) => {
      if (!byId.has(r.buildingId)) errors[`items.${i}.buildingId`] = `第 ${i + 1} 行：楼幢不存在或不属于本物业区域`;
      if (ids.indexOf(r.buildingId) !== i) errors[`items.${i}.buildingId`] = `第 ${i + 1} 行：楼幢重复选择`;
    });
    if (Object.keys(errors).length > 0) throw invalidFields(errors);
    return list.map((r) => ({ buildingId: r.buildingId, before: byId.get(r.buildingId), data: r }));
  },
  async check({ tx, app }) {
    const items = await itemsOf<Item>(tx, app, 'building');
    const problems: string[] = [];
    if (items.length === 0) problems.push('请选择需要变更的楼幢');
    const targets = [...new Set(items.map((i) => i.data.after.areaId))];
    const owned = targets.length
      ? await tx
          .select({ id: propertyAreas.id })
          .from(propertyAreas)
          .where(and(inArray(propertyAreas.id, targets), eq(propertyAreas.developerOrgId, app.orgId)))
      : [];
    if (owned.length !== targets.length) problems.push('只能把楼幢变更到本单位的物业区域');
    const changing = new Set(items.map((i) => i.data.buildingId));
    const staying = targets.length
      ? await tx
          .select({ id: buildings.id, areaId: buildings.areaId, name: buildings.name })
          .from(buildings)
          .where(inArray(buildings.areaId, targets))
      : [];
    const taken = new Set(staying.filter((b) => !changing.has(b.id)).map((b) => `${b.areaId}/${b.name}`));
    for (const i of items) {
      const k = `${i.data.after.areaId}/${i.data.after.name}`;
      if (taken.has(k)) problems.push(`楼幢名称“${i.data.after.name}”在目标物业区域中已存在`);
      taken.add(k);
    }
    const moving = items.filter((i) => i.data.after.areaId !== (i.before as Building).areaId).map((i) => i.data.buildingId);
    const claims = moving.length
      ? (
          await tx
            .select({ id: houses.id })
            .from(houses)
            .where(and(inArray(houses.buildingId, moving), eq(houses.status, 'normal')))
        ).map((h) => h.id)
      : [];
    return { claims, problems };
  },
  async apply({ tx, app, now }) {
    const items = await itemsOf<Item>(tx, app, 'building');
    // Free the names first so two buildings can swap names within one application.
    const ids = items.map((i) => i.data.buildingId);
    await tx
      .update(buildings)
      .set({ name: sql`'#' || ${buildings.id}` })
      .where(inArray(buildings.id, ids));
    let movedHouses = 0;
    for (const i of items) {
      const before = i.before as Building;
      await tx.update(buildings).set(i.data.after).where(eq(buildings.id, i.data.buildingId));
      if (i.data.after.areaId !== before.areaId) {
        const moved = await tx
          .update(houses)
          .set({ areaId: i.data.after.areaId, updatedAt: now })
          .where(eq(houses.buildingId, i.data.buildingId))
          .returning({ id: houses.id });
        movedHouses += moved.length;
        for (const part of chunks(moved)) {
          await tx.insert(houseHistory).values(
            part.map((h) => ({
              houseId: h.id,
              applicationId: app.id,
              applicationNo: app.no,
              kind: app.type,
              summary: `楼幢变更：${before.name} 变更到其他物业区域`,
              before: { areaId: before.areaId },
              after: { areaId: i.data.after.areaId },
              at: now,
            })),
          );
        }
      }
    }
    return { buildings: items.length, movedHouses };
  },
};
