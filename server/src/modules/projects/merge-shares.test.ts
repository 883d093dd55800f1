import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectItemHouses } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { demoArea, draftProject, refused } from '../../../test/project-fixtures.ts';

/** F-40 step 4 分摊合并: the budget becomes what the page shows, never 0 by accident. */
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

const shareOf = async (itemId: number, houseId: number) => {
  const [r] = await t.handle.db
    .select({ share: projectItemHouses.share })
    .from(projectItemHouses)
    .where(and(eq(projectItemHouses.itemId, itemId), eq(projectItemHouses.houseId, houseId)));
  return r?.share;
};

describe('F-40 分摊合并', () => {
  it('F-40 分摊合并 saves the shares typed on the page first, in the same step, and merges them into the budget', async () => {
    const { id, itemId, houseIds } = await draftProject(t, member, area, 'general', '2栋', 50_000, [50_000]);
    const [a, b] = houseIds as [number, number];
    const before = [(await shareOf(itemId, a)) ?? 0n, (await shareOf(itemId, b)) ?? 0n];
    const merged = await member.post(`/api/projects/${id}/merge-shares`, {
      items: [
        {
          itemId,
          rows: [
            { houseId: a, share: Number(before[0]) + 1_000 },
            { houseId: b, share: Number(before[1]) + 234 },
          ],
        },
      ],
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().budgetTotal).toBe(51_234);
    expect(merged.json().items[0].budget).toBe(51_234);
    expect(merged.json().items[0].shareTotal).toBe(51_234);
    expect(await shareOf(itemId, a)).toBe((before[0] ?? 0n) + 1_000n);
  });

  it('F-40 分摊合并 refuses to turn an item without shares into a budget of 0, and says to fill the shares first', async () => {
    const res = await member.post('/api/projects', { type: 'general', name: '3栋未分摊项目', description: '' });
    const id = res.json().id as number;
    const facilityId = await area.buildingFacility('3栋');
    const items = await member.put(`/api/projects/${id}/items`, { items: [{ facilityId, content: '维修', budget: 80_000 }] });
    expect(items.statusCode, items.body).toBe(200);
    const merged = await member.post(`/api/projects/${id}/merge-shares`);
    refused(merged, 409, 'F-40');
    expect(merged.json().message).toContain('第 1 项的分摊金额合计为 0');
    expect(merged.json().message).toContain('逐户填写或导入分摊金额');
    expect((await member.get(`/api/projects/${id}`)).json().budgetTotal).toBe(80_000);
  });

  it('F-40 typed shares of a house outside the item are refused and nothing is saved', async () => {
    const { id, itemId, houseIds } = await draftProject(t, member, area, 'general', '4栋', 20_000, [20_000]);
    const first = houseIds[0] as number;
    const before = await shareOf(itemId, first);
    const merged = await member.post(`/api/projects/${id}/merge-shares`, {
      items: [
        {
          itemId,
          rows: [
            { houseId: first, share: 1 },
            { houseId: 999_999, share: 5 },
          ],
        },
      ],
    });
    expect(merged.statusCode).toBe(400);
    expect(merged.json().message).toContain('不在第 1 项的分摊范围内');
    expect(await shareOf(itemId, first)).toBe(before);
  });
});
