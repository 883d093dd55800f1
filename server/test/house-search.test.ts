import { afterAll, beforeAll, expect, it } from 'vitest';
import { propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';

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
