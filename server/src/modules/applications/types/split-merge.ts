import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../db/client.ts';
import { fundInstructions, houseHistory, houses, propertyAreas } from '../../../db/schema/index.ts';
import { housePlaceKey, type ParsedHouse } from '../../../domain/house-row.ts';
import { text } from '../../../lib/fields.ts';
import { eq } from 'drizzle-orm';
import { endOwnerAccess } from '../../owners/service.ts';
import { standingOf } from '../../payments/standing.ts';
import { chunks, insertHouses, livePlaces } from '../../registry/bulk.ts';
import type { ApplicationHandler, ApplicationRow } from '../handler.ts';
import {
  type HouseSnapshot,
  houseItemSchema,
  houseLabel,
  itemsOf,
  liveProjectProblems,
  pickSchema,
  prepareHousePicks,
  snapshotHouses,
} from '../shared.ts';
import { existingBuildings } from './new-houses.ts';

/** Places the results may take: every live place of the area except those the sources free. */
export async function placesTakenOutsideSources(tx: Tx, app: ApplicationRow) {
  const taken = await livePlaces(tx, app.areaId as number);
  const sources = await itemsOf<{ houseId: number }>(tx, app, 'source');
  for (const s of sources) taken.delete(housePlaceKey(s.before as HouseSnapshot));
  return taken;
}

/**
 * F-14 房屋拆分合并: source houses are cancelled and the result houses created. R-11: the sources'
 * balances move to the results — a merge sums them, a split divides them by building area with the
 * R-40 remainder rule — recorded here as one balance-move instruction the ledger carries out.
 */
export const splitMerge: ApplicationHandler = {
  type: 'house_split_merge',
  prefix: 'CF',
  needsArea: true,
  form: z.object({ reason: text('拆分合并原因', 500) }).meta({ id: 'SplitMergeForm' }),
  items: { source: pickSchema, result: houseItemSchema },
  importKind: 'result',
  importExisting: placesTakenOutsideSources,
  async prepareItems({ tx, app }, kind, rows) {
    if (kind === 'result') return rows.map((data) => ({ data }));
    return prepareHousePicks(tx, app, rows as { houseId: number }[]);
  },
  async check({ tx, app }) {
    const sources = await itemsOf<{ houseId: number }>(tx, app, 'source');
    const results = (await itemsOf<ParsedHouse>(tx, app, 'result')).map((r) => r.data);
    const problems: string[] = [];
    if (sources.length === 0) problems.push('请选择拆分或合并的房屋');
    if (results.length === 0) problems.push('请导入拆分合并后的房屋');
    if (sources.length === 1 && results.length === 1) problems.push('一套房屋变为一套房屋不是拆分或合并，请办理房屋信息变更');
    const ids = sources.map((s) => s.data.houseId);
    const snaps = await snapshotHouses(tx, app.areaId as number, ids);
    if (ids.some((id) => snaps.get(id)?.status !== 'normal')) problems.push('拆分合并的房屋中有已注销的房屋');
    problems.push(...(await liveProjectProblems(tx, snaps, '拆分合并')));
    // R-11 moves the balance at approval; a notice paid afterwards would credit a cancelled source.
    for (const [id, s] of await standingOf(tx, ids)) {
      const open = Object.values(s.openNotices);
      const snap = snaps.get(id);
      if (open.length > 0 && snap) problems.push(`房屋 ${houseLabel(snap)} 有未缴的交款通知单 ${open.join('、')}，请先缴款或作废`);
    }
    const buildings = await existingBuildings(tx, app.areaId as number);
    const unknown = [...new Set(results.map((r) => r.building).filter((b) => !buildings.has(b)))];
    if (unknown.length > 0) problems.push(`楼幢 ${unknown.join('、')} 不在本物业区域`);
    const taken = await placesTakenOutsideSources(tx, app);
    const seen = new Set<string>();
    for (const r of results) {
      const k = housePlaceKey(r);
      if (seen.has(k) || taken.has(k)) problems.push(`拆分合并后的房屋 ${houseLabel(r)} 与其他房屋重复`);
      seen.add(k);
    }
    return { claims: ids, problems };
  },
  async apply(a) {
    const { tx, app, now } = a;
    const areaId = app.areaId as number;
    const sources = await itemsOf<{ houseId: number }>(tx, app, 'source');
    const results = (await itemsOf<ParsedHouse>(tx, app, 'result')).map((r) => r.data);
    const sourceIds = sources.map((s) => s.data.houseId);
    await tx.update(houses).set({ status: 'cancelled', updatedAt: now }).where(inArray(houses.id, sourceIds));
    // F-80: the source houses are gone; owners bind the result houses with new letters.
    await endOwnerAccess(tx, sourceIds, now, 'cancelled');
    const [area] = await tx.select({ depositTiming: propertyAreas.depositTiming }).from(propertyAreas).where(eq(propertyAreas.id, areaId));
    const labels = results.map(houseLabel).join('、');
    const resultIds = await insertHouses(
      tx,
      areaId,
      await existingBuildings(tx, areaId),
      results.map((r) => ({ ...r, depositTiming: area?.depositTiming ?? '其他' })),
      a.standards,
      {
        at: now,
        applicationId: app.id,
        applicationNo: app.no,
        kind: app.type,
        summary: `由 ${sources.map((s) => houseLabel(s.before as HouseSnapshot)).join('、')} 拆分合并而来`,
      },
    );
    for (const part of chunks(sources)) {
      await tx.insert(houseHistory).values(
        part.map((s) => ({
          houseId: s.data.houseId,
          applicationId: app.id,
          applicationNo: app.no,
          kind: app.type,
          summary: `拆分合并为 ${labels}，本房屋注销`,
          before: { status: 'normal' },
          after: { status: 'cancelled' },
          at: now,
        })),
      );
    }
    await tx.insert(fundInstructions).values({
      applicationId: app.id,
      kind: 'balance_move',
      houseId: null,
      payload: { from: sourceIds, to: resultIds, weights: results.map((r) => r.buildingArea), closeSources: true },
      createdAt: now,
    });
    return { cancelled: sourceIds.length, created: resultIds.length, resultIds };
  },
};
