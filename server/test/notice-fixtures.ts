import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import type { TestApp } from './harness.ts';

/**
 * Adds `count` sold houses to one unit of the demo area with a committee, set-based; every tenth has
 * two owners (甲 and 乙 + room), the others one. Answers the area and the new houses' ids in order.
 */
export async function addNoticeHouses(t: TestApp, count: number): Promise<{ areaId: number; houses: number[] }> {
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  const areaId = area?.id ?? 0;
  const db = t.handle.db;
  await db.execute(sql`
    insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing)
    select h.area_id, h.building_id, h.unit_id, 1, 'N' || lpad(g::text, 5, '0'), '批量通知 ' || g, 8000, '住宅', false, 'sold', '首期'
      from (select area_id, building_id, unit_id from houses where area_id = ${areaId} order by id limit 1) h, generate_series(1, ${count}) g`);
  await db.execute(sql`
    insert into house_owners (house_id, name, id_type, id_number, phone, created_at)
    select h.id, o.name, '身份证', '44070319800101' || lpad((h.id % 10000)::text, 4, '0'), '1380000' || lpad((h.id % 10000)::text, 4, '0'), now()
      from houses h cross join lateral (values ('甲' || h.room), ('乙' || h.room)) o(name)
     where h.address like '批量通知 %' and (right(h.room, 1) = '0' or o.name like '甲%')`);
  const rows = await rowsOf<{ id: string }>(db, sql`select id::text from houses where address like '批量通知 %' order by id`);
  return { areaId, houses: rows.map((r) => Number(r.id)) };
}

/** JK + business day + serial + check digit: the serial. */
export const serialOf = (no: string) => Number(no.slice(10, -1));

export function expectContiguous(nos: string[]) {
  const serials = nos.map(serialOf);
  const first = serials[0] ?? 0;
  expect(serials).toEqual(serials.map((_, i) => first + i));
}
