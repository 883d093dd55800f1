import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { ledgerAccounts } from '../../db/schema/index.ts';
import { checkLedger } from '../../ledger/check.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let office: Agent;
beforeAll(async () => {
  t = await testApp();
  office = await t.login(DEMO.office.code, DEMO.office.admin);
});
afterAll(() => t.close());

const houseTotal = async () =>
  BigInt(
    (
      await rowsOf<{ s: string }>(t.handle.db, sql`select coalesce(sum(balance), 0)::text as s from ledger_accounts where kind = 'house'`)
    )[0]?.s ?? '0',
  );

describe('F-63 reports', () => {
  it('F-63 reports each area and the city: houses, amount due, deposited, rate and balance, consistent with the ledger', async () => {
    const res = await office.get('/api/office/reports/fund');
    expect(res.statusCode).toBe(200);
    const { areas, city, monthly } = res.json();
    const qc = areas.find((a: { name: string }) => a.name === DEMO.areas.withCommittee);
    expect(qc.houses).toBeGreaterThan(1000);
    expect(qc.deposited).toBeGreaterThan(0);
    expect(qc.depositRateBp).toBeGreaterThan(7000); // all but 5栋 confirmed
    expect(qc.depositRateBp).toBeLessThan(10000);
    expect(city.balance).toBe(Number(await houseTotal()));
    expect(monthly.reduce((s: number, m: { deposits: number }) => s + m.deposits, 0)).toBe(city.deposited);
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await dev.get('/api/office/reports/fund')).statusCode).toBe(403);
  });

  it('R-31 counts houses whose balance fell below 30 % of their first deposit', async () => {
    const [acct] = await rowsOf<{ id: string; balance: string }>(
      t.handle.db,
      sql`select id::text, balance::text from ledger_accounts where kind = 'house' and balance > 0 order by id limit 1`,
    );
    const report = (await office.get('/api/office/reports/fund')).json();
    const before = report.city.flagged;
    // The demo's 1栋屋面防水翻新 has had its first phase (93,000.00) taken from the houses.
    expect(report.city.disbursed).toBe(9_300_000);
    // Spend 75 % of the house's money through a proper ledger posting (a repair paid out).
    const { post, systemAccount } = await import('../../ledger/post.ts');
    const spend = (BigInt(acct?.balance ?? '0') * 3n) / 4n;
    await t.handle.db.transaction(async (tx) => {
      const payable = await systemAccount(tx, 'disbursements_payable');
      await post(tx, {
        kind: 'project_transfer',
        reference: 'TEST',
        at: t.clock.now(),
        entries: [
          { accountId: Number(acct?.id), amount: -spend },
          { accountId: payable, amount: spend },
        ],
      });
    });
    const after = (await office.get('/api/office/reports/fund')).json();
    expect(after.city.flagged).toBe(before + 1);
    expect(after.city.disbursed).toBe(report.city.disbursed + Number(spend));
    const flagged = (await office.get('/api/office/reports/flagged?pageSize=100')).json();
    expect(flagged.total).toBe(before + 1);
    const house = flagged.items.find(
      (h: { balance: number; firstDeposit: number }) => h.balance === Number(BigInt(acct?.balance ?? '0') - spend),
    );
    expect(house.balance * 100).toBeLessThan(house.firstDeposit * 30);
  });

  it('F-63 exports the report to Excel: the areas with the city total, the monthly series and the R-31 houses', async () => {
    const res = await office.get('/api/office/reports/fund.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按物业区域', '按月交存与支出', '续筹提示房屋']);
    const report = (await office.get('/api/office/reports/fund')).json();
    const areas = wb.getWorksheet('按物业区域');
    const names = areas?.getColumn(2).values.slice(2);
    expect(names).toEqual([...report.areas.map((a: { name: string }) => a.name), '全市合计']);
    const total = areas?.getRow(report.areas.length + 2);
    expect(total?.getCell(6).value).toBe(report.city.deposited / 100);
    expect(total?.getCell(6).numFmt).toBe('#,##0.00');
    expect(total?.getCell(11).value).toBe(report.city.balance / 100);
    expect(wb.getWorksheet('续筹提示房屋')?.rowCount).toBe(report.city.flagged + 1);
    const dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await dev.get('/api/office/reports/fund.xlsx')).statusCode).toBe(403);
  });
});

describe('F-64 interest allocation', () => {
  it('F-64 allocates the period’s interest over balance × days, exactly to the fen, as one balanced transaction', async () => {
    const before = await houseTotal();
    const res = await office.post('/api/office/interest', { from: '2026-07-01', to: '2026-12-31', amount: 1234567 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ amount: 1234567, repeated: false });
    expect(res.json().houses).toBeGreaterThan(500);
    expect((await houseTotal()) - before).toBe(1234567n);
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });

  it('F-64 a second run for the same period changes nothing; another amount for it is refused', async () => {
    const before = await houseTotal();
    const again = await office.post('/api/office/interest', { from: '2026-07-01', to: '2026-12-31', amount: 1234567 });
    expect(again.json().repeated).toBe(true);
    expect(await houseTotal()).toBe(before);
    const other = await office.post('/api/office/interest', { from: '2026-07-01', to: '2026-12-31', amount: 1 });
    expect(other.statusCode).toBe(409);
    expect((await office.get('/api/office/interest')).json().items).toHaveLength(1);
  });

  it('F-64 refuses a day that does not exist and an amount in yuan, naming the field, before anything is read', async () => {
    const res = await office.post('/api/office/interest/preview', { from: '2027-02-30', to: '2027-03-31', amount: 12.5 });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().fieldErrors).toEqual({
      from: '开始日期不是有效日期，请按 YYYY-MM-DD 填写实际存在的日期',
      amount: '金额须为整数（单位：分）',
    });
  });

  it('F-64 the preview shows what an allocation would give without posting it, and names an allocated period it overlaps', async () => {
    const before = await houseTotal();
    const res = await office.post('/api/office/interest/preview', { from: '2027-03-01', to: '2027-03-31', amount: 500000 });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ amount: 500000, allocated: null });
    expect(p.houses).toBeGreaterThan(500);
    expect(p.areas.reduce((s: number, a: { amount: number }) => s + a.amount, 0)).toBe(500000);
    expect(p.areas.reduce((s: number, a: { houses: number }) => s + a.houses, 0)).toBe(p.houses);
    expect(p.largest).toBeGreaterThanOrEqual(p.smallest);
    expect(p.smallest).toBeGreaterThan(0);
    expect(await houseTotal()).toBe(before);
    expect((await office.get('/api/office/interest')).json().items).toHaveLength(1);
    const done = (await office.post('/api/office/interest/preview', { from: '2026-12-01', to: '2027-01-31', amount: 1 })).json();
    expect(done.allocated).toMatchObject({ from: '2026-07-01', to: '2026-12-31', amount: 1234567 });
  });

  it('F-64 counts both ends of the period: money deposited on its last day earns one day', async () => {
    // The demo city's deposits were all made on the test clock's day.
    const day = (offset: number) => new Date(t.clock.now().getTime() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await office.post('/api/office/interest/preview', { from: day(-1), to: day(0), amount: 10000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().houses).toBeGreaterThan(500);
  });

  it('F-64 refuses a period that shares a day with an allocated one, so no day earns interest twice', async () => {
    const before = await houseTotal();
    for (const period of [
      { from: '2026-12-31', to: '2027-01-31' },
      { from: '2026-06-01', to: '2026-07-01' },
      { from: '2026-08-01', to: '2026-08-31' },
      { from: '2026-07-01', to: '2026-12-30' },
    ]) {
      const res = await office.post('/api/office/interest', { ...period, amount: 1234567 });
      expect(res.statusCode, JSON.stringify(period)).toBe(409);
      expect(res.json().message).toContain('与已分配的 2026-07-01 至 2026-12-31 重叠');
    }
    expect(await houseTotal()).toBe(before);
    expect((await office.get('/api/office/interest')).json().items).toHaveLength(1);
  });

  it('F-64 gives nothing to an empty account and shares in proportion to balance × days, within one fen', async () => {
    const houses = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.kind, 'house'));
    const empty = houses.find((a) => a.balance === 0n);
    const [a, b] = houses.filter((x) => x.balance > 0n);
    if (!empty || !a || !b) throw new Error('demo city lacks the accounts this test needs');
    const res = await office.post('/api/office/interest', { from: '2027-01-01', to: '2027-01-02', amount: 100000 });
    expect(res.statusCode).toBe(200);
    const now = new Map((await t.handle.db.select().from(ledgerAccounts)).map((x) => [x.id, x.balance]));
    expect(now.get(empty.id)).toBe(0n);
    const shareA = (now.get(a.id) as bigint) - a.balance;
    const shareB = (now.get(b.id) as bigint) - b.balance;
    // One day, balances unchanged in it: shares ∝ balances, each within a fen of exact.
    const skew = shareA * b.balance - shareB * a.balance;
    expect(skew <= a.balance + b.balance && skew >= -(a.balance + b.balance)).toBe(true);
  });
});
