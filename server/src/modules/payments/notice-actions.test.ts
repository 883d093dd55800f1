import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';

/** §5 交款通知单: the server says who may void, confirm or print the receipt of a notice, and why not. */
let t: TestApp;
let dev: Agent;
let teller: Agent;
let areaId: number;
beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
  areaId = (await t.handle.db.select().from(propertyAreas)).find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
});
afterAll(() => t.close());

type State = { action: string; allowed: boolean; blockedBy: { message: string } | null };
const actionsOf = async (who: Agent, no: string) => {
  const res = await who.get(`/api/notices/${no}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().actions as State[]).map((a) => [a.action, a]));
};
const allowed = (a: Record<string, State>) =>
  Object.values(a)
    .filter((x) => x.allowed)
    .map((x) => x.action);

describe('§5 the steps a payment notice allows, decided by the server', () => {
  it('F-22 F-23 unpaid: the issuer may void it, the custodian bank confirm it; once paid only the receipt prints', async () => {
    const houses = (await dev.get(`/api/areas/${areaId}/houses?q=B0&pageSize=5&status=normal`)).json().items as { id: number }[];
    const issued = await dev.post('/api/notices/custom', {
      areaId,
      purpose: 'other',
      note: '动作',
      rows: [{ houseId: houses[0]?.id, amount: 100 }],
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const no = issued.json().issued[0] as string;

    const mine = await actionsOf(dev, no);
    expect(allowed(mine)).toEqual(['void']);
    expect(mine.receipt?.blockedBy?.message).toContain('未缴款');
    const list = (await dev.get(`/api/notices?q=${no}`)).json().items.find((n: { no: string }) => n.no === no);
    expect(allowed(Object.fromEntries((list.actions as State[]).map((a) => [a.action, a])))).toEqual(['void']);
    expect(allowed(await actionsOf(teller, no))).toEqual(['confirm']);

    const paid = await teller.post('/api/bank/deposits/confirm', {
      noticeNo: no,
      amount: 100,
      channel: '柜台',
      bankRef: 'DZ-ACT',
      bankDate: '2026-11-22',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const after = await actionsOf(dev, no);
    expect(allowed(after)).toEqual(['receipt']);
    expect(after.void?.blockedBy?.message).toBe(`交款通知单 ${no} 已缴款，不能作废`);
    const refused = await dev.post(`/api/notices/${no}/void`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(after.void?.blockedBy?.message);
    expect(allowed(await actionsOf(teller, no))).toEqual(['receipt']);
  });
});
