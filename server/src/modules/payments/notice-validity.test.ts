import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let areaId: number;

beforeAll(async () => {
  t = await testApp();
  areaId = (await t.handle.db.select().from(propertyAreas)).find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
});
afterAll(() => t.close());

/** An instant given as Beijing wall-clock time on 2026-11-23. */
const beijing = (hh: number, mm: number) => new Date(Date.UTC(2026, 10, 23, hh - 8, mm));

describe('§5 交款通知单有效期', () => {
  // The 30 days of validity count from the business day in Asia/Shanghai, at any hour of it.
  for (const [hh, mm] of [
    [0, 30],
    [7, 30],
    [12, 0],
    [23, 30],
  ] as const) {
    it(`§5 a notice issued at ${hh}:${String(mm).padStart(2, '0')} Beijing time on 2026-11-23 is valid until 2026-12-23`, async () => {
      t.clock.advance(beijing(hh, mm).getTime() - t.clock.now().getTime());
      const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
      const houses = (await dev.get(`/api/areas/${areaId}/houses?q=B0&pageSize=50&status=normal`)).json().items as { id: number }[];
      const house = houses[hh] as { id: number };
      const res = await dev.post('/api/notices/custom', {
        areaId,
        purpose: 'other',
        note: '有效期',
        rows: [{ houseId: house.id, amount: 100 }],
      });
      expect(res.statusCode, res.body).toBe(200);
      const notice = (await dev.get(`/api/notices/${res.json().issued[0]}`)).json();
      expect(notice.validUntil).toBe('2026-12-23');
    });
  }
});
