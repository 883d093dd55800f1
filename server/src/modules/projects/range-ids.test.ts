import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectNotices } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let committee: Agent;

beforeAll(async () => {
  t = await testApp();
  committee = await t.login(DEMO.committee.code, DEMO.committee.director);
});
afterAll(async () => {
  await t.close();
});

describe('F-40 the 楼盘表 picker knows the houses already in an item’s range', () => {
  it('lists every house of the item’s range, or those of one building, and nothing to another organisation', async () => {
    const [n] = await t.handle.db.select({ projectId: projectNotices.projectId }).from(projectNotices).limit(1);
    const id = n?.projectId as number;
    const item = (await committee.get(`/api/projects/${id}`)).json().items[0];
    const range = (await committee.get(`/api/projects/${id}/items/${item.id}/houses?pageSize=200`)).json();
    const all = (await committee.get(`/api/projects/${id}/items/${item.id}/house-ids`)).json().ids as number[];
    expect(all.length).toBe(range.total);
    expect(new Set(all)).toEqual(new Set(range.items.map((h: { houseId: number }) => h.houseId)));
    const house = (await committee.get(`/api/houses/${all[0]}`)).json();
    const inBuilding = (await committee.get(`/api/projects/${id}/items/${item.id}/house-ids?buildingId=${house.buildingId}`)).json().ids;
    expect(inBuilding).toContain(all[0]);
    expect(inBuilding.length).toBeLessThanOrEqual(all.length);
    const developer = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await developer.get(`/api/projects/${id}/items/${item.id}/house-ids`)).statusCode).toBe(404);
  });
});
