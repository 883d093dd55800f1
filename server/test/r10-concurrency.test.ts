import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applicationHouseClaims, propertyAreas } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { testApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it('R-10 lets exactly one of 8 applications submitted at once take the same house', async () => {
  const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.free));
  // 2栋 is on no unpaid notice and holds no money: cancelling it needs no refund account.
  const [house] = (await dev.get(`/api/areas/${area?.id}/houses?q=${encodeURIComponent('2栋')}&pageSize=1`)).json().items;
  const ids: number[] = [];
  for (let i = 0; i < 8; i++) {
    const id = (await dev.post('/api/applications', { type: 'house_cancellation', areaId: area?.id, form: { reason: `拆迁 ${i}` } })).json()
      .id;
    expect((await dev.put(`/api/applications/${id}/items/house`, { rows: [{ houseId: house.id }] })).statusCode).toBe(200);
    ids.push(id);
  }
  const results = await Promise.all(ids.map((id) => dev.post(`/api/applications/${id}/submit`)));
  const codes = results.map((r) => r.statusCode).sort();
  expect(codes).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
  for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'HOUSE_HELD', rule: 'R-10' });
  const claims = await t.handle.db.select().from(applicationHouseClaims).where(eq(applicationHouseClaims.houseId, house.id));
  expect(claims).toHaveLength(1);
});
