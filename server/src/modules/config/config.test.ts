import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../test/fixtures.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('F-62 deposit standards and F-65 ledger check', () => {
  it('F-62 lists Jiangmen’s 2022 standard and adds a future one without touching it', async () => {
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const before = (await office.get('/api/office/deposit-standards')).json().items;
    expect(before.map((s: { effectiveFrom: string }) => s.effectiveFrom)).toEqual(Array(4).fill('2022-04-01'));
    const add = await office.post('/api/office/deposit-standards', {
      effectiveFrom: '2027-01-01',
      rows: [{ use: '*', elevator: null, rate: { mode: 'cost_percent', costFenPerM2: 300000, basisPoints: 600 } }],
    });
    expect(add.statusCode).toBe(200);
    expect(add.json().items).toHaveLength(5);
  });

  it('F-62 refuses a back-dated standard, one that leaves houses without a rate, a rate outside 5–8 %, and a non-admin', async () => {
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const past = await office.post('/api/office/deposit-standards', {
      effectiveFrom: '2026-01-01',
      rows: [{ use: '*', elevator: null, rate: { mode: 'per_m2', fenPerM2: 2500 } }],
    });
    expect(past.json().fieldErrors.effectiveFrom).toContain('不能早于今天');
    const partial = await office.post('/api/office/deposit-standards', {
      effectiveFrom: '2027-02-01',
      rows: [{ use: '住宅', elevator: true, rate: { mode: 'per_m2', fenPerM2: 2500 } }],
    });
    expect(partial.json().fieldErrors.rows).toContain('全部房屋类型');
    const pct = await office.post('/api/office/deposit-standards', {
      effectiveFrom: '2027-02-01',
      rows: [{ use: '*', elevator: null, rate: { mode: 'cost_percent', costFenPerM2: 1, basisPoints: 900 } }],
    });
    expect(pct.statusCode).toBe(400);
    const reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
    expect((await reviewer.post('/api/office/deposit-standards', { effectiveFrom: '2027-03-01', rows: [] })).statusCode).toBe(403);
  });

  it('F-65 the office runs the ledger check over the demo city and finds no breach', async () => {
    const office = await t.login(DEMO.office.code, DEMO.office.reviewer);
    const res = await office.post('/api/office/ledger-check');
    expect(res.statusCode).toBe(200);
    expect(res.json().breaches).toEqual([]);
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await dev.post('/api/office/ledger-check')).statusCode).toBe(403);
  });
});
