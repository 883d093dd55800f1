import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fundInstructions, houseHistory, houses } from '../../../db/schema/index.ts';
import { formatYuan } from '../../../domain/money.ts';
import { text } from '../../../lib/fields.ts';
import { endOwnerAccess } from '../../owners/service.ts';
import { standingOf } from '../../payments/standing.ts';
import { chunks } from '../../registry/bulk.ts';
import type { ApplicationHandler } from '../handler.ts';
import {
  type HouseSnapshot,
  houseLabel,
  itemsOf,
  liveProjectProblems,
  pickSchema,
  prepareHousePicks,
  refundAccountSchema,
  snapshotHouses,
} from '../shared.ts';

const form = z.object({ reason: text('注销原因', 500) }).meta({ id: 'HouseCancellationForm' });
const item = pickSchema.extend({ refundAccount: refundAccountSchema.nullable().default(null) }).meta({ id: 'CancellationItem' });
type Item = z.infer<typeof item>;

/**
 * F-18 房屋注销. R-13: approval cancels the houses and records, per house, the refund of its remaining
 * balance to the account entered at submit; the fund ledger pays it and closes the account at zero.
 */
export const houseCancellation: ApplicationHandler = {
  type: 'house_cancellation',
  prefix: 'ZX',
  needsArea: true,
  form,
  items: { house: item },
  prepareItems: ({ tx, app }, _kind, rows) => prepareHousePicks(tx, app, rows as Item[]),
  async check({ tx, app }) {
    const items = await itemsOf<Item>(tx, app, 'house');
    const problems: string[] = [];
    if (items.length === 0) problems.push('请添加需要注销的房屋');
    const ids = items.map((i) => i.data.houseId);
    const snaps = await snapshotHouses(tx, app.areaId as number, ids);
    const gone = ids.filter((id) => snaps.get(id)?.status !== 'normal');
    if (gone.length > 0) problems.push(`${gone.length} 套房屋已注销或不存在`);
    problems.push(...(await liveProjectProblems(tx, snaps, '注销')));
    const standing = await standingOf(tx, ids);
    const fields: Record<string, string> = {};
    items.forEach((i, n) => {
      const s = standing.get(i.data.houseId);
      const label = houseLabel((i.before as HouseSnapshot | null) ?? { building: '', unit: '', room: `#${i.data.houseId}` });
      // the remaining balance is refunded to the owner, so it needs an account to go to.
      if (s && s.balance > 0n && !i.data.refundAccount) {
        const message = `房屋 ${label} 余额 ${formatYuan(s.balance)} 元，请填写退款账户`;
        problems.push(message);
        fields[`items.${n}.refundAccount`] = message;
      }
      // A notice paid after the account is closed would credit a cancelled house.
      const open = s ? Object.values(s.openNotices) : [];
      if (open.length > 0) problems.push(`房屋 ${label} 有未缴的交款通知单 ${open.join('、')}，请先缴款或作废后再注销`);
    });
    return { claims: ids, problems, fields };
  },
  async apply({ tx, app, now }) {
    const items = await itemsOf<Item>(tx, app, 'house');
    const ids = items.map((i) => i.data.houseId);
    for (const part of chunks(ids)) await tx.update(houses).set({ status: 'cancelled', updatedAt: now }).where(inArray(houses.id, part));
    // F-80: a cancelled house is no owner's any more, online included.
    await endOwnerAccess(tx, ids, now, 'cancelled');
    const reason = (app.form as z.infer<typeof form>).reason;
    for (const part of chunks(items)) {
      await tx.insert(houseHistory).values(
        part.map((i) => ({
          houseId: i.data.houseId,
          applicationId: app.id,
          applicationNo: app.no,
          kind: app.type,
          summary: `房屋注销：${reason}`,
          before: { status: 'normal' },
          after: { status: 'cancelled' },
          at: now,
        })),
      );
      await tx.insert(fundInstructions).values(
        part.map((i) => ({
          applicationId: app.id,
          kind: 'refund' as const,
          houseId: i.data.houseId,
          payload: {
            reason: 'cancellation',
            closeAccount: true,
            refundAccount: i.data.refundAccount,
            house: houseLabel(i.before as HouseSnapshot),
          },
          createdAt: now,
        })),
      );
    }
    return { cancelled: ids.length };
  },
};
