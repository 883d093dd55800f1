import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../db/client.ts';
import { buildings, houseHistory, houses, propertyAreas, units } from '../../../db/schema/index.ts';
import { amountDue, rateFor, type StandardRow } from '../../../domain/deposit-standard.ts';
import { settleDueChange } from '../../../domain/due-change.ts';
import { formatYuan } from '../../../domain/money.ts';
import { invalidFields } from '../../../lib/errors.ts';
import { bodyId, text } from '../../../lib/fields.ts';
import { standingOf } from '../../payments/standing.ts';
import { chunks } from '../../registry/bulk.ts';
import type { ApplicationHandler, ApplicationRow } from '../handler.ts';
import { buildingSchema, itemsOf } from '../shared.ts';
import { dueOf, reprice } from './house-change.ts';
import { businessDate } from '../../../lib/clock.ts';

const after = buildingSchema.extend({ areaId: z.number().int().positive('请选择物业区域') }).meta({ id: 'BuildingAfter' });
const item = z.object({ buildingId: bodyId('楼幢编号'), after }).meta({ id: 'BuildingChangeItem' });
/** A building as an item's "before" keeps it; built by the server, never parsed. Drafts saved before it was narrowed also hold the row's createdAt. */
export const buildingSnapshotSchema = buildingSchema
  .extend({ id: z.number(), areaId: z.number() })
  .loose()
  .meta({ id: 'BuildingSnapshot' });
type Building = z.output<typeof buildingSnapshotSchema>;
/** The building row without its bookkeeping (createdAt). */
const snapshotOf = ({ createdAt: _, ...kept }: typeof buildings.$inferSelect): Building => kept;
type Item = z.infer<typeof item>;

const SAME_FIELDS = ['name', 'floorsAbove', 'floorsBelow', 'builtYear', 'structure', 'elevator', 'areaId'] as const;
const unchanged = (i: { before: unknown; data: Item }) => SAME_FIELDS.every((f) => (i.before as Building)[f] === i.data.after[f]);

interface LiftChange {
  houseId: number;
  house: string;
  buildingName: string;
  paid: bigint;
  balance: bigint;
  elevator: boolean;
  oldDue: bigint;
  nextDue: bigint | null;
  supplement: bigint;
  refund: bigint;
  openSupplement: string | null;
}

/**
 * A building whose lift is added or removed takes its live houses with it (电梯 is a house's
 * field too, and the deposit standard depends on it): each such house's new amount due by today's
 * standard, and what R-12 would collect or refund. One query per chunk of houses, not per house.
 */
export async function liftChanges(tx: Tx, app: ApplicationRow, standards: readonly StandardRow[], now: Date): Promise<LiftChange[]> {
  const items = (await itemsOf<Item>(tx, app, 'building')).filter((i) => i.data.after.elevator !== (i.before as Building).elevator);
  const out: LiftChange[] = [];
  const day = businessDate(now);
  for (const i of items) {
    const elevator = i.data.after.elevator;
    const affected = await tx
      .select({ id: houses.id, use: houses.use, buildingArea: houses.buildingArea, unit: units.name, room: houses.room })
      .from(houses)
      .innerJoin(units, eq(units.id, houses.unitId))
      .where(and(eq(houses.buildingId, i.data.buildingId), eq(houses.status, 'normal'), ne(houses.elevator, elevator)));
    const ids = affected.map((h) => h.id);
    const due = await dueOf(tx, ids);
    const standing = await standingOf(tx, ids);
    for (const h of affected) {
      const rate = rateFor(standards, h.use, elevator, day);
      const oldDue = due.get(h.id) ?? 0n;
      const nextDue = rate ? amountDue(h.buildingArea, rate) : null;
      const s = standing.get(h.id);
      const settled = settleDueChange({ oldDue, newDue: nextDue ?? oldDue, paid: s?.deposited ?? 0n, balance: s?.balance ?? 0n });
      out.push({
        houseId: h.id,
        house: `${(i.before as Building).name}${h.unit}${h.room}`,
        buildingName: (i.before as Building).name,
        paid: s?.deposited ?? 0n,
        balance: s?.balance ?? 0n,
        elevator,
        oldDue,
        nextDue,
        ...settled,
        openSupplement: s?.openNotices.supplement ?? null,
      });
    }
  }
  return out;
}

/**
 * F-13 楼幢变更: each picked building's "after" row (one by one, or 批量修改 of area, year, structure).
 * A building moved to another of the developer's areas takes its houses with it, so those houses
 * are held while the application is open.
 */
export const buildingChange: ApplicationHandler = {
  type: 'building_change',
  prefix: 'LZ',
  needsArea: true,
  form: z.object({ reason: text('变更原因', 500) }).meta({ id: 'BuildingChangeForm' }),
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
    return list.map((r) => ({
      buildingId: r.buildingId,
      before: snapshotOf(byId.get(r.buildingId) as typeof buildings.$inferSelect),
      data: r,
    }));
  },
  async check({ tx, app, standards, now }) {
    const items = await itemsOf<Item>(tx, app, 'building');
    const problems: string[] = [];
    if (items.length === 0) problems.push('请选择需要变更的楼幢');
    else if (items.every(unchanged)) problems.push('变更后的楼幢信息与变更前相同，没有变化，请修改变更后的楼幢信息');
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
    // R-12 through the lift: the houses re-priced are held too, and what they would refund needs an
    // account per house, which 房屋信息变更 asks for.
    const lift = await liftChanges(tx, app, standards, now);
    if (lift.some((l) => l.nextDue === null)) problems.push('没有适用的交存标准，请联系维修资金管理部门');
    const refunded = lift.filter((l) => l.refund > 0n);
    if (refunded.length > 0)
      problems.push(
        `${[...new Set(refunded.map((l) => l.buildingName))].join('、')} 取消电梯后 ${refunded.length} 套房屋应交金额低于已交金额，需退款 ${formatYuan(
          refunded.reduce((a, l) => a + l.refund, 0n),
        )} 元；请先通过“房屋信息变更”修改这些房屋的电梯并逐套填写退款账户，再办理楼幢变更`,
      );
    const held = lift.filter((l) => l.supplement > 0n && l.openSupplement);
    if (held.length > 0)
      problems.push(`${held.length} 套房屋已有未缴的补交通知单（如 ${held[0]?.openSupplement}），请先缴款或作废后再提交`);
    return { claims: [...new Set([...claims, ...lift.map((l) => l.houseId)])], problems };
  },
  async apply({ tx, app, now, standards }) {
    const lift = await liftChanges(tx, app, standards, now);
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
    // The lift changes the houses' 电梯 and, by the standard, their amounts due (R-12).
    for (const part of chunks(lift, 500)) {
      for (const elevator of [true, false]) {
        const ids = part.filter((l) => l.elevator === elevator).map((l) => l.houseId);
        if (ids.length > 0) await tx.update(houses).set({ elevator, updatedAt: now }).where(inArray(houses.id, ids));
      }
      await reprice(
        tx,
        app,
        part.map((l) => ({ houseId: l.houseId, oldDue: l.oldDue, nextDue: l.nextDue as bigint, refundAccount: null })),
        now,
      );
      await tx.insert(houseHistory).values(
        part.map((l) => ({
          houseId: l.houseId,
          applicationId: app.id,
          applicationNo: app.no,
          kind: app.type,
          summary: `楼幢变更：${l.buildingName} ${l.elevator ? '加装电梯' : '取消电梯'}`,
          before: { elevator: !l.elevator, amountDue: String(l.oldDue) },
          after: { elevator: l.elevator, amountDue: String(l.nextDue) },
          at: now,
        })),
      );
    }
    return { buildings: items.length, movedHouses, liftHouses: lift.length };
  },
};
