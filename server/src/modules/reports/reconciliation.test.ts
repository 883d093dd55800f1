import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { propertyAreas, repairProjects } from '../../db/schema/index.ts';
import { checkLedger } from '../../ledger/check.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';
import { houseXlsx, uploadForm } from '../../../test/registry-fixtures.ts';

/**
 * R-52 F-63: a scripted history over 侨城花园 — pay, 续筹, split, merge, cancel, a change of area and
 * of lift, a repair project's 清退 after its transfer, interest, and the bank paying every refund —
 * after which every figure of 统计报表 equals the ledger, the houses' own statements and the bank's
 * 日终对账, whatever happened to the houses.
 */

let t: TestApp;
let dev: Agent;
let acceptor: Agent;
let reviewer: Agent;
let teller: Agent;
let member: Agent;
let office: Agent;
let areaId: number;

interface House {
  id: number;
  building: string;
  unit: string;
  floor: number;
  room: string;
  address: string;
  buildingArea: number;
  innerArea: number;
  use: string;
  elevator: boolean;
  salesStatus: 'sold' | 'unsold';
}
interface Figures {
  houses: number;
  accounts: number;
  amountDue: number;
  deposited: number;
  depositRateBp: number;
  refunded: number;
  disbursed: number;
  income: number;
  balance: number;
  flagged: number;
}
interface Month {
  month: string;
  deposits: number;
  refunds: number;
  disbursements: number;
  income: number;
}

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
  teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  office = await t.login(DEMO.office.code, DEMO.office.admin);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  areaId = area?.id as number;
});
afterAll(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
  await t.close();
});

const today = () => new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const account = (name: string) => ({ accountName: name, bank: '中国工商银行江门分行', accountNo: '6222020000001234567' });

async function housesOf(q: string): Promise<House[]> {
  const res = await dev.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent(q)}&status=normal&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function application(type: string, form: unknown, items: Record<string, unknown[]>, file?: Uint8Array) {
  const res = await dev.post('/api/applications', { type, areaId, form });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  for (const [kind, rows] of Object.entries(items)) {
    const put = await dev.put(`/api/applications/${id}/items/${kind}`, { rows });
    expect(put.statusCode, put.body).toBe(200);
  }
  if (file) expect((await dev.postForm(`/api/applications/${id}/import`, uploadForm(file, 'houses.xlsx'))).statusCode).toBe(200);
  expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
  expect((await acceptApplication(acceptor, id)).statusCode).toBe(200);
  const approved = await reviewer.post(`/api/applications/${id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json();
}

async function pay(noticeNo: string, amount: number) {
  const res = await teller.post('/api/bank/deposits/confirm', {
    noticeNo,
    amount,
    channel: '柜台',
    bankRef: `BJ-${noticeNo}`,
    bankDate: today(),
  });
  expect(res.statusCode, res.body).toBe(200);
}

const afterOf = (h: House, patch: Partial<House> = {}) => {
  const { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus } = { ...h, ...patch };
  return { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus };
};

const parking = (room: string, area: string) => ({
  building: '地下车库',
  unit: '',
  floor: '-1',
  room,
  address: `侨城花园地下车库${room}`,
  buildingArea: area,
  use: '车位',
  elevator: '无',
  salesStatus: '未售',
});

/** The area's ledger by transaction kind, summed over every house account it ever had. */
async function ledgerOfArea(): Promise<Map<string, number>> {
  const rows = await rowsOf<{ kind: string; amount: string }>(
    t.handle.db,
    sql`select t.kind, sum(e.amount)::text as amount from ledger_entries e
      join ledger_transactions t on t.id = e.transaction_id
      join ledger_accounts a on a.id = e.account_id join houses h on h.id = a.house_id
      where h.area_id = ${areaId} group by t.kind`,
  );
  return new Map(rows.map((r) => [r.kind, Number(r.amount)]));
}

/** Every house the area ever had, live and cancelled, a page at a time. */
async function everyHouseOfArea(): Promise<number[]> {
  const ids: number[] = [];
  for (const status of ['normal', 'cancelled']) {
    for (let page = 1; ; page++) {
      const res = (await dev.get(`/api/areas/${areaId}/houses?status=${status}&pageSize=200&page=${page}`)).json();
      ids.push(...res.items.map((h: { id: number }) => h.id));
      if (res.items.length < 200) break;
    }
  }
  return ids;
}

let report: { areas: (Figures & { areaId: number })[]; city: Figures; monthly: Month[] };
let row: Figures;
let ledger: Map<string, number>;

const columns = ['houses', 'accounts', 'amountDue', 'deposited', 'refunded', 'disbursed', 'income', 'balance', 'flagged'] as const;

describe('R-52 F-63 统计报表 reconciles across every change a house can go through', () => {
  it('R-52 F-63 a scripted history: pay, 续筹, split, merge, cancel, change of area and lift, 清退, interest, refunds paid', async () => {
    // 交存: the bank confirms the area's open notices (5栋's developer notice among them).
    const unpaid = (await dev.get(`/api/notices?areaId=${areaId}&status=unpaid&pageSize=200`)).json().items as {
      no: string;
      total: number;
    }[];
    expect(unpaid.length).toBeGreaterThan(0);
    for (const n of unpaid) await pay(n.no, n.total);

    // 续筹交款 for one house.
    const [topUp] = await housesOf('6栋1单元18');
    if (!topUp) throw new Error('demo house missing');
    const replenish = await dev.post('/api/notices/custom', {
      areaId,
      purpose: 'replenish',
      note: '续筹',
      rows: [{ houseId: topUp.id, amount: 123_456 }],
    });
    expect(replenish.statusCode, replenish.body).toBe(200);
    await pay(replenish.json().issued[0], 123_456);

    // 拆分 one parking space into two, 合并 two into one (R-11 balance moves).
    const [split] = await housesOf('B070');
    const merge = (await housesOf('B08')).filter((h) => h.room === 'B081' || h.room === 'B082');
    if (!split || merge.length !== 2) throw new Error('demo parking spaces missing');
    await application(
      'house_split_merge',
      { reason: '车位拆分' },
      { source: [{ houseId: split.id }] },
      await houseXlsx([parking('B070A', '6.00'), parking('B070B', '7.00')]),
    );
    await application(
      'house_split_merge',
      { reason: '车位合并' },
      { source: merge.map((h) => ({ houseId: h.id })) },
      await houseXlsx([parking('B081', '25.00')]),
    );

    // 房屋注销 of a paid-up house: its balance refunded and its account closed.
    const [gone] = await housesOf('3栋1单元2');
    if (!gone) throw new Error('demo house missing');
    await application('house_cancellation', { reason: '拆迁' }, { house: [{ houseId: gone.id, refundAccount: account('业主甲') }] });

    // 房屋信息变更: one house grows by 10 m² (补交, paid), another loses its lift (refund of the excess).
    const [grown, lift] = (await housesOf('3栋2单元5')).slice(0, 2);
    if (!grown || !lift) throw new Error('demo houses missing');
    const grownOutcome = await application(
      'house_change',
      { reason: '重新测绘' },
      { house: [{ houseId: grown.id, after: afterOf(grown, { buildingArea: grown.buildingArea + 1000 }) }] },
    );
    const [supplement] = grownOutcome.outcome.fund.notices as string[];
    await pay(supplement as string, 30_000);
    await application(
      'house_change',
      { reason: '电梯登记有误', refundConfirmed: true },
      { house: [{ houseId: lift.id, after: afterOf(lift, { elevator: false }), refundAccount: account('业主乙') }] },
    );

    // The demo's 1栋屋面防水翻新 has its first phase transferred: part of it comes back (清退).
    const [roof] = await t.handle.db.select().from(repairProjects).where(eq(repairProjects.name, '1栋屋面防水翻新'));
    const summary = (await member.get(`/api/projects/${roof?.id}/summary`)).json();
    const transfer = summary.requests.find((r: { kind: string }) => r.kind === 'disbursement');
    const refund = await member.post(`/api/projects/${roof?.id}/refunds`, {
      sourceIds: [transfer.id],
      amount: 250_000,
      reason: '结算减少',
    });
    expect(refund.statusCode, refund.body).toBe(200);
    for (const r of refund.json().requests.filter((x: { kind: string }) => x.kind === 'refund')) {
      const res = await teller.post('/api/bank/project-refunds/confirm', {
        number: r.no,
        amount: r.amount,
        bankRef: `QT-${r.id}`,
        bankDate: today(),
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    // 增值收益 over the year, and the bank pays every refund instruction.
    expect((await office.post('/api/office/interest', { from: '2026-07-01', to: '2026-12-31', amount: 777_777 })).statusCode).toBe(200);
    const pending = (await teller.get('/api/bank/refunds?status=pending&pageSize=200')).json().items as { no: string; amount: number }[];
    expect(pending.length).toBeGreaterThanOrEqual(2);
    for (const r of pending) {
      const res = await teller.post('/api/bank/refunds/confirm', {
        refundNo: r.no,
        amount: r.amount,
        bankRef: `TK-${r.no}`,
        bankDate: today(),
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    report = (await office.get('/api/office/reports/fund')).json();
    row = report.areas.find((a) => a.areaId === areaId) as Figures;
    ledger = await ledgerOfArea();
  }, 120_000);

  it('R-52 F-63 the area row equals its ledger, 已交 − 退款 − 支出 + 收益 = 余额, the city adds up its areas and the months the city', async () => {
    // The area row equals its ledger, cancelled and split houses included.
    const of = (...kinds: string[]) => kinds.reduce((s, k) => s + (ledger.get(k) ?? 0), 0);
    expect(row.deposited).toBe(of('deposit', 'deposit_reversal'));
    expect(row.refunded).toBe(-of('refund'));
    expect(row.disbursed).toBe(-of('project_transfer', 'project_refund'));
    expect(row.income).toBe(of('interest'));
    expect(row.balance).toBe(of(...ledger.keys()));
    expect(of('balance_move')).toBe(0);
    expect(row.refunded).toBeGreaterThan(0);

    // 已交 − 退款 − 支出 + 收益 = 余额, in every area and the city.
    for (const f of [...report.areas, report.city]) expect(f.deposited - f.refunded - f.disbursed + f.income).toBe(f.balance);

    // The city is the sum of its areas; the months add up to the city.
    for (const k of columns) expect(report.city[k]).toBe(report.areas.reduce((s, a) => s + a[k], 0));
    const months = (k: keyof Omit<Month, 'month'>) => report.monthly.reduce((s, m) => s + m[k], 0);
    expect(months('deposits')).toBe(report.city.deposited);
    expect(months('refunds')).toBe(report.city.refunded);
    expect(months('disbursements')).toBe(report.city.disbursed);
    expect(months('income')).toBe(report.city.income);

    // 交存率: what the live houses paid towards their amount due (a split result inherits its source's).
    const [due] = await rowsOf<{ due: string; paid: string }>(
      t.handle.db,
      sql`select sum(ha.amount_due)::text as due, sum(least(ha.amount_due, coalesce((select sum(e.amount) from ledger_entries e
            join ledger_transactions t on t.id = e.transaction_id join ledger_accounts a on a.id = e.account_id
            where a.house_id = h.id and t.kind in ('deposit', 'deposit_reversal', 'balance_move', 'refund')), 0)))::text as paid
          from houses h join house_accounts ha on ha.house_id = h.id where h.area_id = ${areaId} and h.status = 'normal'`,
    );
    expect(row.amountDue).toBe(Number(due?.due));
    expect(row.depositRateBp).toBe(Math.floor((Number(due?.paid) * 10000) / Number(due?.due)));
    expect(row.depositRateBp).toBe(10000); // every house of the area has paid in full now
  });

  it('R-52 every house’s own statement, live or cancelled, summed over the area gives the same figures', async () => {
    // Every house's own statement, summed over the area, gives the same figures.
    const byKind = new Map<string, number>();
    for (const id of await everyHouseOfArea()) {
      const res = await dev.get(`/api/houses/${id}/statement`);
      expect(res.statusCode, res.body).toBe(200);
      for (const l of res.json().items as { kind: string; amount: number }[]) byKind.set(l.kind, (byKind.get(l.kind) ?? 0) + l.amount);
    }
    expect(Object.fromEntries(byKind)).toEqual(Object.fromEntries(ledger));
  }, 300_000);

  it('R-52 F-70 the bank’s 日终对账 over all days confirms what the report says moved', async () => {
    // The bank's 日终对账 over all days: what it confirmed is what the report says moved.
    const bank = (await teller.get('/api/bank/reconciliation?from=2000-01-01&to=2099-12-31')).json() as {
      items: { kind: string; amount: number }[];
    };
    const confirmed = (kind: string) => bank.items.filter((i) => i.kind === kind).reduce((s, i) => s + i.amount, 0);
    const [reversed] = await rowsOf<{ s: string }>(
      t.handle.db,
      sql`select coalesce(sum(e.amount), 0)::text as s from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
        join ledger_accounts a on a.id = e.account_id where a.kind = 'house' and t.kind = 'deposit_reversal'`,
    );
    expect(confirmed('deposit') + Number(reversed?.s)).toBe(report.city.deposited);
    expect(confirmed('refund')).toBe(report.city.refunded);
    expect(confirmed('transfer') - confirmed('project_refund')).toBe(report.city.disbursed);
  });

  it('F-63 the Excel export holds the same figures, money as numbers in yuan', async () => {
    // 导出 Excel: the same figures, written as numbers in yuan.
    const res = await office.get('/api/office/reports/fund.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('按物业区域');
    const header = ((sheet?.getRow(1).values ?? []) as string[]).slice(1);
    const cell = (r: number, title: string) => sheet?.getRow(r).getCell(header.indexOf(title) + 1);
    const yuanColumns = {
      应交金额: 'amountDue',
      已交金额: 'deposited',
      退款: 'refunded',
      支出: 'disbursed',
      收益: 'income',
      余额: 'balance',
    } as const;
    const rowNo = report.areas.findIndex((a) => a.areaId === areaId) + 2;
    const totalNo = report.areas.length + 2;
    expect(cell(totalNo, '物业区域')?.value).toBe('全市合计');
    for (const [title, k] of Object.entries(yuanColumns)) {
      const c = cell(rowNo, `${title}（元）`);
      expect(c?.value, title).toBe(row[k] / 100);
      expect(c?.numFmt).toBe('#,##0.00');
      expect(cell(totalNo, `${title}（元）`)?.value, title).toBe(report.city[k] / 100);
    }
    expect(cell(rowNo, '交存率')?.value).toBe(row.depositRateBp / 10000);
    const monthly = wb.getWorksheet('按月交存与支出');
    const monthRows = (monthly?.getSheetValues() ?? []).slice(2) as unknown[][];
    expect(monthRows.map((r) => r[1])).toEqual([...report.monthly.map((m) => m.month), '合计']);
    expect(monthRows.at(-1)?.slice(2, 6)).toEqual(
      [report.city.deposited, report.city.refunded, report.city.disbursed, report.city.income].map((f) => f / 100),
    );
  });
});
