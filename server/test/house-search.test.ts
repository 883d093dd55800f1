import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtOnce, rowsOf } from '../src/db/client.ts';
import { propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, statementsSent, testApp, type TestApp } from './harness.ts';

/**
 * The house list's search (F-10 list mode) answers what filtering the whole list would: a house
 * whose room, address, building name or an owner's name holds the text, in the list's order, with
 * its exact total and the same pages, a page past the last included.
 */
interface House {
  id: number;
  building: string;
  room: string;
  address: string;
  ownerNames: string;
}

let t: TestApp;
let dev: Agent;
let areaId: number;
let whole: House[];

const list = async (query: string) => {
  const res = await dev.get(`/api/areas/${areaId}/houses?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: House[]; total: number; totalCapped?: true };
};

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
  whole = [];
  for (let page = 1; ; page++) {
    const { items, total } = await list(`pageSize=200&page=${page}`);
    whole.push(...items);
    if (whole.length >= total || items.length === 0) break;
  }
}, 60_000);
afterAll(() => t.close());

it('F-10 a house search finds houses by room, address, building or owner name, in the list order, with its exact total and pages', async () => {
  const owner = whole.find((h) => h.ownerNames.length >= 2)?.ownerNames.slice(0, 2) ?? '';
  const room = whole[7]?.room ?? '';
  const building = whole.at(-1)?.building ?? '';
  const address = whole[3]?.address.slice(-6) ?? '';
  expect([owner, room, building, address].every((s) => s.length > 0)).toBe(true);
  for (const text of [owner, room, building, address, '1']) {
    const lower = text.toLowerCase();
    const expected = whole.filter((h) => [h.room, h.address, h.building, h.ownerNames].some((s) => s.toLowerCase().includes(lower)));
    expect(expected.length, text).toBeGreaterThan(0);
    const found = await list(`pageSize=200&q=${encodeURIComponent(text)}`);
    expect({ text, ids: found.items.map((h) => h.id), total: found.total }).toEqual({
      text,
      ids: expected.slice(0, 200).map((h) => h.id),
      total: expected.length,
    });
    const second = await list(`pageSize=3&page=2&q=${encodeURIComponent(text)}`);
    expect(second.items.map((h) => h.id)).toEqual(expected.slice(3, 6).map((h) => h.id));
    expect(second.total).toBe(expected.length);
    // A page past the last has no house to carry the total, and still says it.
    const past = await list(`pageSize=3&page=${expected.length + 1}&q=${encodeURIComponent(text)}`);
    expect(past).toMatchObject({ items: [], total: expected.length });
  }
  expect(await list(`pageSize=200&page=${Math.ceil(whole.length / 200) + 1}`)).toMatchObject({ items: [], total: whole.length });
  expect(await list(`q=${encodeURIComponent('没有这样的房屋')}`)).toMatchObject({ items: [], total: 0 });
});

it('F-10 a house search reads its matches, their count and its page of houses in one statement, as the plain list does', async () => {
  const owner = whole.find((h) => h.ownerNames.length >= 2)?.ownerNames.slice(0, 2) ?? '';
  const sent = async (query: string) => {
    const { result: res, texts } = await statementsSent(t.handle, () => dev.get(`/api/areas/${areaId}/houses?${query}`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.length, query).toBeGreaterThan(0);
    return texts.length;
  };
  const plain = await sent('pageSize=20');
  // Each request also reads its session and checks the area: the same for both.
  expect(await sent(`pageSize=20&q=${encodeURIComponent(owner)}`)).toBe(plain);
  expect(await sent(`pageSize=20&page=2&q=1`)).toBe(plain);
});

it("F-10 a search by owner name finds the houses of an area registered among other areas' houses, and none of theirs", async () => {
  const db = t.handle.db;
  const office = await t.login(DEMO.office.code, DEMO.office.acceptor);
  const [other] = await rowsOf<{ id: string }>(db, sql`select id::text from property_areas where id <> ${areaId} order by id limit 1`);
  const otherId = Number(other?.id);
  // Houses registered in turn in the two areas (ids one apart), then a run of the other area's, then
  // the area's again: the area's ids lie in two runs with the other area's owners, named alike, between.
  const register = (rows: string) =>
    db.execute(sql`
      insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing)
      select p.area_id, u.building_id, u.id, 1, 'J' || lpad(p.g::text, 3, '0'), '交错登记 ' || p.g, 8000, '住宅', false, 'sold', '首期'
        from (${sql.raw(rows)}) p(g, area_id)
        join lateral (select u.id, u.building_id from units u join buildings b on b.id = u.building_id where b.area_id = p.area_id order by u.id limit 1) u on true
       order by p.g`);
  await register(`select g, case when g % 2 = 0 then ${areaId} else ${otherId} end from generate_series(1, 40) g`);
  await register(`select g, ${otherId} from generate_series(41, 80) g`);
  await register(`select g, ${areaId} from generate_series(81, 84) g`);
  await db.execute(sql`
    insert into house_owners (house_id, name, id_type, id_number, phone)
    select id, '交错业主' || room, '居民身份证', '440703198001010000', '' from houses where address like '交错登记 %'`);
  for (const [area, expected] of [
    [areaId, [...Array.from({ length: 20 }, (_, i) => 2 * (i + 1)), 81, 82, 83, 84]],
    [otherId, [...Array.from({ length: 20 }, (_, i) => 2 * i + 1), ...Array.from({ length: 40 }, (_, i) => 41 + i)]],
  ] as const) {
    const res = await office.get(`/api/areas/${area}/houses?pageSize=200&q=${encodeURIComponent('交错业主')}`);
    expect(res.statusCode, res.body).toBe(200);
    const rooms = (res.json().items as House[]).map((h) => Number(h.room.slice(1))).sort((a, b) => a - b);
    expect({ area, rooms, total: res.json().total }).toEqual({ area, rooms: [...expected], total: expected.length });
  }
  // Letters are found whatever their case: rooms J081…J084 by "j08".
  const cased = await office.get(`/api/areas/${areaId}/houses?pageSize=200&q=j08`);
  expect((cased.json().items as House[]).map((h) => h.room)).toEqual(['J081', 'J082', 'J083', 'J084']);
});

it("F-10 every area's list and search is one statement built once, run with that area's values: each area gets its own houses", async () => {
  const office = await t.login(DEMO.office.code, DEMO.office.acceptor);
  const ids = (await t.handle.db.select({ id: propertyAreas.id }).from(propertyAreas)).map((a) => a.id).slice(0, 3);
  expect(ids.length).toBeGreaterThan(1);
  for (const query of ['pageSize=5', `pageSize=5&q=1`, 'pageSize=5&page=2']) {
    const texts = new Set<string>();
    for (const id of ids) {
      const { result: res, texts: sent } = await statementsSent(t.handle, () => office.get(`/api/areas/${id}/houses?${query}`));
      expect(res.statusCode, res.body).toBe(200);
      const houses = res.json().items as House[];
      const [theirs] = await rowsOf<{ n: string }>(
        t.handle.db,
        sql`select count(*)::text as n from houses where area_id = ${id} and id = any(${`{${houses.map((h) => h.id).join(',')}}`}::bigint[])`,
      );
      expect(Number(theirs?.n), `${query} area ${id}`).toBe(houses.length);
      for (const text of sent) texts.add(text);
    }
    // The session and the page (which checks the caller's sight of the area): the same two texts for every area.
    expect(texts.size, query).toBe(2);
  }
});

it('F-10 builtOnce builds a shape once and runs it with each call its own values; a shape of null is built every time', async () => {
  const db = t.handle.db;
  let built = 0;
  const build = () => {
    built++;
    return db
      .select({ id: propertyAreas.id })
      .from(propertyAreas)
      .where(sql`${propertyAreas.id} = ${sql.placeholder('id')}`);
  };
  const ids = (await db.select({ id: propertyAreas.id }).from(propertyAreas)).map((a) => a.id);
  for (const id of ids) expect(await builtOnce(db, 'test.area by id', build, { id })).toEqual([{ id }]);
  expect(built).toBe(1);
  for (const id of ids) expect(await builtOnce(db, null, build, { id })).toEqual([{ id }]);
  expect(built).toBe(1 + ids.length);
});
