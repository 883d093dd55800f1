import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houses } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { demoArea, draftProject } from '../../../test/project-fixtures.ts';

/** F-40 step 3: a building's item charged to a house of another building is allowed, but the page is warned. */
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

describe('F-40 range of a building item', () => {
  it('F-40 adding a house of another building to a building item warns, naming the building; houses of the building do not', async () => {
    const { id, itemId, houseIds } = await draftProject(t, member, area, 'general', '2栋', 10_000, [10_000]);
    const same = await member.post(`/api/projects/${id}/items/${itemId}/houses`, { remove: [houseIds[0]] });
    expect(same.json().warning).toBeNull();
    const back = await member.post(`/api/projects/${id}/items/${itemId}/houses`, { add: [houseIds[0]] });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().warning).toBeNull();

    const [other] = await t.handle.db
      .select({ id: houses.id })
      .from(houses)
      .where(and(eq(houses.areaId, area.areaId), ne(houses.buildingId, area.building('2栋')), eq(houses.status, 'normal')))
      .limit(1);
    const res = await member.post(`/api/projects/${id}/items/${itemId}/houses`, { add: [other?.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().added).toBe(1);
    expect(res.json().warning).toBe('分摊范围中有 1 套房屋不在“屋面防水层”所在的 2栋，请核对这些房屋是否应分摊本项费用');
  });
});
