import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../db/client.ts';
import { buildings, fundInstructions, houseAccounts, houseHistory, houses } from '../../../db/schema/index.ts';
import { amountDue, rateFor, type StandardRow } from '../../../domain/deposit-standard.ts';
import { settleDueChange } from '../../../domain/due-change.ts';
import { housePlaceKey } from '../../../domain/house-row.ts';
import { formatYuan } from '../../../domain/money.ts';
import { businessDate } from '../../../lib/clock.ts';
import { bodyId, text } from '../../../lib/fields.ts';
import { standingOf } from '../../payments/standing.ts';
import { chunks, ensureUnits, livePlaces } from '../../registry/bulk.ts';
import type { ApplicationHandler, ApplicationRow } from '../handler.ts';
import {
  type HouseSnapshot,
  houseFieldsSchema,
  houseLabel,
  itemsOf,
  refundAccountSchema,
  snapshotHouses,
  prepareHousePicks,
} from '../shared.ts';

const form = z
  .object({
    reason: text('变更原因', 500),
    /** R-12: the user confirmed at submit that the change refunds money (确认需要退款). */
    refundConfirmed: z.boolean({ error: '确认退款须为是或否' }).default(false),
  })
  .meta({ id: 'HouseChangeForm' });

const item = z
  .object({
    houseId: bodyId('房屋编号'),
    after: houseFieldsSchema,
    /** R-12: where this house's refund is paid when the change lowers its amount due below what was paid — one per house, since co-owned houses of one application belong to different owners. */
    refundAccount: refundAccountSchema.nullable().default(null),
  })
  .meta({ id: 'HouseChangeItem' });
type Item = z.infer<typeof item>;
type After = z.infer<typeof houseFieldsSchema>;

/** R-12: the amount due a house would have after the change, by the standard in force today. */
export function newAmountDue(after: After, standards: readonly StandardRow[], now: Date): bigint | null {
  const rate = rateFor(standards, after.use, after.elevator, businessDate(now));
  return rate ? amountDue(after.buildingArea, rate) : null;
}

export async function dueOf(tx: Tx, ids: number[]) {
  const out = new Map<number, bigint>();
  for (const part of chunks(ids)) {
    for (const r of await tx.select().from(houseAccounts).where(inArray(houseAccounts.houseId, part))) out.set(r.houseId, r.amountDue);
  }
  return out;
}

export interface DueEffect {
  houseId: number;
  house: string;
  oldDue: bigint;
  newDue: bigint;
  paid: bigint;
  balance: bigint;
  supplement: bigint;
  refund: bigint;
  /** An unpaid 补交 notice already holding the house (R-30). */
  openSupplement: string | null;
}

/** R-12: what approving the change would collect or refund per house, from today's standards and ledger. */
export async function dueEffects(tx: Tx, app: ApplicationRow, standards: readonly StandardRow[], now: Date): Promise<DueEffect[]> {
  const items = await itemsOf<Item>(tx, app, 'house');
  const ids = items.map((i) => i.data.houseId);
  const due = await dueOf(tx, ids);
  const standing = await standingOf(tx, ids);
  return items.map((i) => {
    const s = standing.get(i.data.houseId);
    const oldDue = due.get(i.data.houseId) ?? 0n;
    const newDue = newAmountDue(i.data.after, standards, now) ?? oldDue;
    const paid = s?.deposited ?? 0n;
    const balance = s?.balance ?? 0n;
    return {
      houseId: i.data.houseId,
      house: houseLabel((i.before as HouseSnapshot | null) ?? i.data.after),
      oldDue,
      newDue,
      paid,
      balance,
      ...settleDueChange({ oldDue, newDue, paid, balance }),
      openSupplement: s?.openNotices.supplement ?? null,
    };
  });
}

export interface Repricing {
  houseId: number;
  oldDue: bigint;
  nextDue: bigint;
  refundAccount: z.infer<typeof refundAccountSchema> | null;
}

/**
 * R-12, for every registry change that alters amounts due (房屋信息变更, a 楼幢变更 of the lift): the
 * new amounts due, and an instruction per re-priced house — 补交 for an increase, a refund settled
 * against what was paid for a decrease — carried out by the approval's fund step.
 */
export async function reprice(tx: Tx, app: ApplicationRow, list: readonly Repricing[], now: Date) {
  const repriced = list.filter((p) => p.nextDue !== p.oldDue);
  for (const part of chunks(repriced, 500)) {
    await tx.execute(sql`
      update house_accounts a set amount_due = v.due
      from (values ${sql.join(
        part.map((p) => sql`(${p.houseId}::bigint, ${String(p.nextDue)}::bigint)`),
        sql`, `,
      )}) as v(id, due)
      where a.house_id = v.id`);
    await tx.insert(fundInstructions).values(
      part.map((p) => ({
        applicationId: app.id,
        kind: p.nextDue > p.oldDue ? ('supplement' as const) : ('refund' as const),
        houseId: p.houseId,
        payload: {
          reason: 'amount_due_change',
          oldAmountDue: String(p.oldDue),
          newAmountDue: String(p.nextDue),
          refundAccount: p.refundAccount,
        },
        createdAt: now,
      })),
    );
  }
}

/** F-16 房屋信息变更: each picked house's "after" row; approval applies them and re-prices the amount due (R-12). */
export const houseChange: ApplicationHandler = {
  type: 'house_change',
  prefix: 'FX',
  needsArea: true,
  form,
  items: { house: item },
  prepareItems: ({ tx, app }, _kind, rows) => prepareHousePicks(tx, app, rows as Item[]),
  async check({ tx, app, standards, now }) {
    const areaId = app.areaId as number;
    const items = await itemsOf<Item>(tx, app, 'house');
    const problems: string[] = [];
    if (items.length === 0) problems.push('请选择需要变更的房屋');
    const ids = items.map((i) => i.data.houseId);
    const snaps = await snapshotHouses(tx, areaId, ids);
    if (ids.some((id) => snaps.get(id)?.status !== 'normal')) problems.push('所选房屋中有已注销的房屋');
    const areaBuildings = new Set(
      (await tx.select({ name: buildings.name }).from(buildings).where(eq(buildings.areaId, areaId))).map((b) => b.name),
    );
    const missing = [...new Set(items.map((i) => i.data.after.building).filter((b) => !areaBuildings.has(b)))];
    if (missing.length > 0) problems.push(`楼幢 ${missing.join('、')} 不在本物业区域，请先办理楼幢或房屋补充`);
    // Places freed by the houses being changed may be taken by others in the same application.
    const others = await livePlaces(tx, areaId);
    for (const s of snaps.values()) others.delete(housePlaceKey(s));
    const seen = new Set<string>();
    for (const i of items) {
      const k = housePlaceKey(i.data.after);
      if (seen.has(k) || others.has(k)) problems.push(`变更后房屋 ${houseLabel(i.data.after)} 与其他房屋重复`);
      seen.add(k);
    }
    if (items.some((i) => newAmountDue(i.data.after, standards, now) === null)) problems.push('没有适用的交存标准，请联系维修资金管理部门');
    const fields: Record<string, string> = {};
    const effects = await dueEffects(tx, app, standards, now);
    const f = app.form as z.infer<typeof form>;
    const refunded = effects.filter((e) => e.refund > 0n);
    if (refunded.length > 0 && !f.refundConfirmed) {
      const total = refunded.reduce((a, e) => a + e.refund, 0n);
      problems.push(
        `${refunded
          .map((e) => e.house)
          .slice(0, 5)
          .join(
            '、',
          )} 等 ${refunded.length} 套房屋变更后应交金额低于已交金额，需退款 ${formatYuan(total)} 元，请确认退款并逐套填写退款账户`,
      );
    }
    const refundOf = new Map(refunded.map((e) => [e.houseId, e.refund]));
    items.forEach((i, n) => {
      const refund = refundOf.get(i.data.houseId);
      if (refund === undefined || i.data.refundAccount) return;
      const message = `房屋 ${houseLabel((i.before as HouseSnapshot | null) ?? i.data.after)} 需退款 ${formatYuan(refund)} 元，请填写该房屋的退款账户`;
      problems.push(message);
      fields[`items.${n}.refundAccount`] = message;
    });
    const held = effects.filter((e) => e.supplement > 0n && e.openSupplement);
    if (held.length > 0)
      problems.push(`${held.map((e) => `${e.house} 已有未缴的补交通知单 ${e.openSupplement}`).join('、')}，请先缴款或作废后再提交`);
    return { claims: ids, problems, fields };
  },
  async apply({ tx, app, now, standards }) {
    const areaId = app.areaId as number;
    const items = await itemsOf<Item>(tx, app, 'house');
    const buildingIds = new Map(
      (await tx.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.areaId, areaId))).map((b) => [
        b.name,
        b.id,
      ]),
    );
    const unitIds = await ensureUnits(
      tx,
      items.map((i) => ({ buildingId: buildingIds.get(i.data.after.building) as number, name: i.data.after.unit })),
    );
    const due = await dueOf(
      tx,
      items.map((i) => i.data.houseId),
    );
    // Move every changed house out of its place first, so swaps of room numbers do not collide.
    const ids = items.map((i) => i.data.houseId);
    for (const part of chunks(ids))
      await tx
        .update(houses)
        .set({ room: sql`'#' || ${houses.id}` })
        .where(inArray(houses.id, part));
    const reason = (app.form as z.infer<typeof form>).reason;
    const priced = items.map((i) => ({
      i,
      oldDue: due.get(i.data.houseId) ?? 0n,
      nextDue: newAmountDue(i.data.after, standards, now) as bigint,
    }));
    for (const part of chunks(priced, 500)) {
      const rows = part.map(({ i }) => {
        const a = i.data.after;
        const buildingId = buildingIds.get(a.building) as number;
        const unitId = unitIds.get(`${buildingId}/${a.unit}`) as number;
        return sql`(${i.data.houseId}::bigint, ${buildingId}::bigint, ${unitId}::bigint, ${a.floor}::int, ${a.room}, ${a.address}, ${a.buildingArea}::int, ${a.innerArea}::int, ${a.use}, ${a.elevator}::boolean, ${a.salesStatus})`;
      });
      await tx.execute(sql`
        update houses h set building_id = v.building_id, unit_id = v.unit_id, floor = v.floor, room = v.room, address = v.address,
          building_area = v.building_area, inner_area = v.inner_area, use = v.use, elevator = v.elevator, sales_status = v.sales_status,
          updated_at = ${now}
        from (values ${sql.join(rows, sql`, `)}) as v(id, building_id, unit_id, floor, room, address, building_area, inner_area, use, elevator, sales_status)
        where h.id = v.id`);
      await reprice(
        tx,
        app,
        part.map((p) => ({ houseId: p.i.data.houseId, oldDue: p.oldDue, nextDue: p.nextDue, refundAccount: p.i.data.refundAccount })),
        now,
      );
      await tx.insert(houseHistory).values(
        part.map(({ i, oldDue, nextDue }) => ({
          houseId: i.data.houseId,
          applicationId: app.id,
          applicationNo: app.no,
          kind: app.type,
          summary: `房屋信息变更：${reason}`,
          before: { ...(i.before as HouseSnapshot), owners: undefined, amountDue: String(oldDue) },
          after: { ...i.data.after, amountDue: String(nextDue) },
          at: now,
        })),
      );
    }
    const supplements = priced.filter((p) => p.nextDue > p.oldDue).length;
    const decreases = priced.filter((p) => p.nextDue < p.oldDue).length;
    return { houses: items.length, supplements, decreases };
  },
};
