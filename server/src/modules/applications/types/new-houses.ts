import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { buildings } from '../../../db/schema/index.ts';
import { rateFor, type StandardRow } from '../../../domain/deposit-standard.ts';
import { housePlaceKey, type ParsedHouse } from '../../../domain/house-row.ts';
import { businessDate } from '../../../lib/clock.ts';
import { insertBuildings, insertHouses, livePlaces } from '../../registry/bulk.ts';
import type { HandlerArgs } from '../handler.ts';
import { type BuildingInput, itemsOf } from '../shared.ts';

/**
 * What area collection (F-11) and house supplement (F-15) share: imported houses that must each
 * sit in a known building and appear once, against the file and against the registry.
 */
export function checkNewHouses(
  houses: readonly ParsedHouse[],
  knownBuildings: ReadonlySet<string>,
  existing: ReadonlySet<string>,
  describedBuildings: readonly string[],
  standards: readonly StandardRow[],
  now: Date,
): string[] {
  const problems: string[] = [];
  const used = new Set(houses.map((h) => h.building));
  const empty = describedBuildings.filter((b) => !used.has(b));
  if (empty.length > 0) problems.push(`楼幢 ${empty.join('、')} 没有房屋，请删除该楼幢或导入其房屋`);
  const today = businessDate(now);
  const unpriced = houses.filter((h) => !rateFor(standards, h.use, h.elevator, today));
  if (unpriced.length > 0) problems.push(`${unpriced.length} 套房屋没有适用的交存标准，请联系维修资金管理部门`);
  if (houses.length === 0) problems.push('请导入房屋信息');
  const unknown = [...new Set(houses.map((h) => h.building).filter((b) => !knownBuildings.has(b)))];
  if (unknown.length > 0) problems.push(`楼幢 ${unknown.join('、')} 没有楼幢信息，请在楼幢列表中补充`);
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const h of houses) {
    const k = housePlaceKey(h);
    if (seen.has(k) || existing.has(k)) dupes.push(`${h.building}${h.unit}${h.room}`);
    seen.add(k);
  }
  if (dupes.length > 0)
    problems.push(`房屋重复或已登记：${dupes.slice(0, 10).join('、')}${dupes.length > 10 ? ` 等 ${dupes.length} 套` : ''}`);
  return problems;
}

export async function existingBuildings(tx: Tx, areaId: number) {
  const rows = await tx.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.areaId, areaId));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Inserts the new buildings and houses, opens accounts, and records history against the application. */
export async function createHouses(a: HandlerArgs, areaId: number, newBuildings: BuildingInput[], depositTiming: string, summary: string) {
  const items = await itemsOf<ParsedHouse>(a.tx, a.app, 'house');
  const ids = new Map(await existingBuildings(a.tx, areaId));
  for (const [name, id] of await insertBuildings(a.tx, areaId, newBuildings, a.now)) ids.set(name, id);
  const houseIds = await insertHouses(
    a.tx,
    areaId,
    ids,
    items.map((i) => ({ ...i.data, depositTiming })),
    a.standards,
    { at: a.now, applicationId: a.app.id, applicationNo: a.app.no, kind: a.app.type, summary },
  );
  return { houses: houseIds.length, buildings: newBuildings.length };
}

export async function livePlacesOf(tx: Tx, areaId: number | null) {
  return areaId ? livePlaces(tx, areaId) : new Set<string>();
}
