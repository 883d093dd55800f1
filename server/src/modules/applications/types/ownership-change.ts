import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { houseHistory, houseOwners, houses } from '../../../db/schema/index.ts';
import { endOwnerAccess } from '../../owners/service.ts';
import { chunks } from '../../registry/bulk.ts';
import type { ApplicationHandler } from '../handler.ts';
import { type HouseSnapshot, itemsOf, ownerSchema, pickSchema, snapshotHouses, prepareHousePicks } from '../shared.ts';

const item = pickSchema.extend({ owners: z.array(ownerSchema).min(1, '每套房屋至少一位业主').max(20) }).meta({ id: 'OwnershipItem' });
type Item = z.infer<typeof item>;

/** F-17 房屋权属批量变更: each picked house gets the owner list edited in “编辑业主”. */
export const ownershipChange: ApplicationHandler = {
  type: 'ownership_change',
  prefix: 'QS',
  needsArea: true,
  form: z.object({}).default({}).meta({ id: 'OwnershipChangeForm' }),
  items: { owners: item },
  prepareItems: ({ tx, app }, _kind, rows) => prepareHousePicks(tx, app, rows as Item[]),
  async check({ tx, app }) {
    const items = await itemsOf<Item>(tx, app, 'owners');
    const problems: string[] = [];
    if (items.length === 0) problems.push('请添加需要变更权属的房屋');
    const ids = items.map((i) => i.data.houseId);
    const snaps = await snapshotHouses(tx, app.areaId as number, ids);
    if (ids.some((id) => snaps.get(id)?.status !== 'normal')) problems.push('所选房屋中有已注销的房屋');
    return { claims: ids, problems };
  },
  async apply({ tx, app, now }) {
    const items = await itemsOf<Item>(tx, app, 'owners');
    const ids = items.map((i) => i.data.houseId);
    for (const part of chunks(ids)) {
      await tx.delete(houseOwners).where(inArray(houseOwners.houseId, part));
      // A house that gets owners has been sold.
      await tx
        .update(houses)
        .set({ salesStatus: 'sold', updatedAt: now })
        .where(and(inArray(houses.id, part), eq(houses.salesStatus, 'unsold')));
    }
    const owners = items.flatMap((i) => i.data.owners.map((o) => ({ ...o, houseId: i.data.houseId, createdAt: now })));
    for (const part of chunks(owners)) await tx.insert(houseOwners).values(part);
    // F-80: owners no longer on record lose the house online too, in this same approval.
    await endOwnerAccess(tx, ids, now, 'ownership_change');
    for (const part of chunks(items)) {
      await tx.insert(houseHistory).values(
        part.map((i) => ({
          houseId: i.data.houseId,
          applicationId: app.id,
          applicationNo: app.no,
          kind: app.type,
          summary: `权属变更：${i.data.owners.map((o) => o.name).join('、')}`,
          before: { owners: (i.before as HouseSnapshot).owners },
          after: { owners: i.data.owners },
          at: now,
        })),
      );
    }
    return { houses: ids.length, owners: owners.length };
  },
};
