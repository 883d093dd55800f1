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
