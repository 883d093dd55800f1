import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildings, houses, organisations, propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { demoArea, draftProject } from '../../../test/project-fixtures.ts';

/** F-42 投票表决签字表: every house has someone to sign for it. */
let t: TestApp;
let member: Agent;
let area: Awaited<ReturnType<typeof demoArea>>;

beforeAll(async () => {
  t = await testApp();
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  area = await demoArea(t);
});
afterAll(async () => {
  await t.close();
});

describe('F-42 vote sheet owners', () => {
  it('R-42 F-42 an unsold house shows the developer as its owner on the vote sheet (the developer votes for its unsold houses as one owner)', async () => {
    const db = t.handle.db;
    const [unsold] = await db
      .select({ id: houses.id, building: buildings.name })
      .from(houses)
      .innerJoin(buildings, eq(buildings.id, houses.buildingId))
      .where(and(eq(houses.areaId, area.areaId), ne(houses.salesStatus, 'sold')))
      .limit(1);
    expect(unsold, 'the demo area has an unsold house').toBeDefined();
    const [developer] = await db
      .select({ name: organisations.name })
      .from(propertyAreas)
      .innerJoin(organisations, eq(organisations.id, propertyAreas.developerOrgId))
      .where(eq(propertyAreas.id, area.areaId));
    const { id, houseIds } = await draftProject(t, member, area, 'general', unsold?.building as string, 10_000, [10_000]);
    expect(houseIds).toContain(unsold?.id);
    const sheet = (await member.get(`/api/projects/${id}/vote-sheet?pageSize=200`)).json();
    const pages = Math.ceil(sheet.total / 200);
    const rows = [...sheet.items];
    for (let p = 2; p <= pages; p++) rows.push(...(await member.get(`/api/projects/${id}/vote-sheet?page=${p}&pageSize=200`)).json().items);
    const row = rows.find((r: { houseId: number }) => r.houseId === unsold?.id);
    expect(row.owners).toBe(`${developer?.name}（开发建设单位，未售）`);
    expect(rows.every((r: { owners: string }) => r.owners !== '')).toBe(true);
  });
});

describe('house number search in a project’s lists', () => {
  it('F-40 F-42 the item’s range, the merged list and the vote sheet find a house by its number, paging over the matches only', async () => {
    const { id, itemId, houseIds } = await draftProject(t, member, area, 'general', '2栋', 20_000, [20_000]);
    // The item names its building, so the 楼盘表 picker can open on it.
    const detail = (await member.get(`/api/projects/${id}`)).json();
    expect(detail.items[0].buildingId).toBe(area.building('2栋'));
    // Its 安装位置 reads as the facility list writes it, so the column keeps its wording after saving.
    const facilities = (await member.get(`/api/areas/${area.areaId}/facilities?pageSize=200`)).json();
    const facility = facilities.items.find((f: { id: number }) => f.id === detail.items[0].facilityId);
    expect(detail.items[0].locationLabel).toBe(facility.locationLabel);
    expect(detail.items[0].locationLabel).toBe(`${DEMO.areas.withCommittee} 2栋`);
    const [one] = await t.handle.db
      .select({ id: houses.id, room: houses.room, address: houses.address })
      .from(houses)
      .where(eq(houses.id, houseIds[0] as number));
    if (!one) throw new Error('range has no house');
    const q = encodeURIComponent(`2栋`);
    const room = encodeURIComponent(one.room);
    for (const path of [
      `/api/projects/${id}/items/${itemId}/houses`,
      `/api/projects/${id}/merged-list`,
      `/api/projects/${id}/vote-sheet`,
    ]) {
      const all = (await member.get(`${path}?pageSize=5`)).json();
      expect(all.total, path).toBe(houseIds.length);
      const byRoom = (await member.get(`${path}?pageSize=200&q=${room}`)).json();
      expect(byRoom.items.length, path).toBeGreaterThan(0);
      expect(byRoom.items.length, path).toBeLessThan(houseIds.length);
      expect(byRoom.total, path).toBe(byRoom.items.length);
      expect(
        byRoom.items.every((h: { room: string; address: string }) => h.room.includes(one.room) || h.address.includes(one.room)),
        path,
      ).toBe(true);
      expect(
        byRoom.items.map((h: { houseId: number }) => h.houseId),
        path,
      ).toContain(one.id);
      // The building and room as people write them, e.g. 2栋…101, matches too.
      const byBuilding = (await member.get(`${path}?pageSize=5&q=${q}`)).json();
      expect(byBuilding.total, path).toBe(houseIds.length);
      const none = (await member.get(`${path}?q=${encodeURIComponent('无此房号')}`)).json();
      expect(none.items, path).toEqual([]);
      expect(none.total, path).toBe(0);
    }
  });
});
