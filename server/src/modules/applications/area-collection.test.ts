import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseAccounts, houses, propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { collectionDraft, houseRow, pushThrough, tower } from '../../../test/registry-fixtures.ts';

let t: TestApp;
let dev: Agent;
let office: Agent;
beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  office = await t.login(DEMO.office.code, DEMO.office.admin);
});
afterAll(() => t.close());

describe('F-11 物业区域采集', () => {
  it('F-11 imports a template, derives its buildings, and opens one account per house with its amount due on approval', async () => {
    const rows = [
      ...tower('A栋', 3, 4),
      houseRow({
        building: '地下车库',
        unit: '',
        floor: '-1',
        room: 'B001',
        use: '车位',
        elevator: '无',
        buildingArea: '12.50',
        innerArea: '',
      }),
    ];
    const id = await collectionDraft(dev, rows);
    const detail = (await dev.get(`/api/applications/${id}`)).json();
    expect(detail.no).toMatch(/^QY\d{12}$/);
    expect(detail.form.buildings.map((b: { name: string }) => b.name)).toEqual(['A栋', '地下车库']);
    expect(detail.itemCount).toBe(13);
    const [before] = await t.handle.db.select({ n: count() }).from(propertyAreas).where(eq(propertyAreas.name, '新城花园'));
    expect(before?.n).toBe(0);

    await pushThrough(dev, office, id);
    const approved = (await dev.get(`/api/applications/${id}`)).json();
    expect(approved.status).toBe('approved');
    const areaId = approved.outcome.areaId as number;
    const list = await t.handle.db
      .select()
      .from(houses)
      .innerJoin(houseAccounts, eq(houseAccounts.houseId, houses.id))
      .where(eq(houses.areaId, areaId));
    expect(list).toHaveLength(13);
    const flat = list.find((r) => r.houses.room === '101');
    expect(flat?.house_accounts.amountDue).toBe(267450n); // 89.15 m² × 30 yuan (elevator)
    const parking = list.find((r) => r.houses.room === 'B001');
    expect(parking?.house_accounts.amountDue).toBe(25000n); // 12.50 m² × 20 yuan
  });
});
