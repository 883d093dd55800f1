import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { deadlineAfter, demoArea, draftProject } from '../../../test/project-fixtures.ts';

/** F-41 立项公告: it says how the shares were set — by building area, or as entered for each house. */
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

async function publishedBasis(id: number) {
  const res = await member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(t, 7), content: '' });
  expect(res.statusCode, res.body).toBe(200);
  const no = res.json().notices.at(-1).no;
  return (await t.agent().get(`/api/public/project-notices/${no}?pageSize=1`)).json().apportionBasis;
}

describe('F-41 apportion basis of the 立项公告', () => {
  it('F-41 R-40 shares from 预算分摊 are published as apportioned by building area', async () => {
    const { id } = await draftProject(t, member, area, 'general', '2栋', 30_000, [30_000]);
    expect(await publishedBasis(id)).toBe('area');
  });

  it('F-41 F-40 shares entered or imported house by house are published as such, not as by building area', async () => {
    const { id, itemId, houseIds } = await draftProject(t, member, area, 'general', '3栋', 30_000, [30_000]);
    const list = (await member.get(`/api/projects/${id}/items/${itemId}/houses?pageSize=2`)).json().items as {
      houseId: number;
      share: number;
    }[];
    const [a, b] = list as [{ houseId: number; share: number }, { houseId: number; share: number }];
    expect(houseIds).toContain(a.houseId);
    const moved = await member.put(`/api/projects/${id}/items/${itemId}/shares`, {
      rows: [
        { houseId: a.houseId, share: a.share + 1 },
        { houseId: b.houseId, share: b.share - 1 },
      ],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await publishedBasis(id)).toBe('custom');
  });
});
