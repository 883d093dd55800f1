import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bankApiKeys,
  houseAccounts,
  ledgerAccounts,
  organisations,
  paymentNotices,
  propertyAreas,
  refunds,
} from '../../db/schema/index.ts';
import { moveBalances } from '../../domain/balance-move.ts';
import { fundBalance } from '../../ledger/balances.ts';
import { checkLedger } from '../../ledger/check.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { houseXlsx, uploadForm } from '../../../test/registry-fixtures.ts';
import { BANK_API_HEADERS, sign } from '../payments/bank-api-auth.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';

let t: TestApp;
let dev: Agent;
let acceptor: Agent;
let reviewer: Agent;
let teller: Agent;
let areaId: number;
let freeAreaId: number;
const KEY = 'FUND-TEST-KEY';
const SECRET = 'fund-test-secret-0123456789';
const account = (name: string) => ({ accountName: name, bank: '中国工商银行江门分行', accountNo: '6222020000007654321' });

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
  amountDue: number;
}

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
  teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
  freeAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
  const [bank] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.bank.code));
  await t.handle.db.insert(bankApiKeys).values({ keyId: KEY, orgId: bank?.id as number, secret: SECRET });
});
// R-20 R-21: every scenario leaves a ledger without breach.
afterEach(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
});
afterAll(() => t.close());

async function housesOf(area: number, q: string): Promise<House[]> {
  const res = await dev.get(`/api/areas/${area}/houses?q=${encodeURIComponent(q)}&pageSize=200&status=normal`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

async function balanceOf(houseId: number): Promise<bigint> {
  const [a] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.houseId, houseId));
  return a?.balance as bigint;
}

async function systemBalance(kind: 'custody' | 'refunds_payable'): Promise<bigint> {
  return fundBalance(t.handle.db, kind);
}

async function accountStatus(houseId: number) {
  return (await t.handle.db.select().from(houseAccounts).where(eq(houseAccounts.houseId, houseId)))[0]?.status;
}

async function create(type: string, form: unknown, area = areaId) {
  const res = await dev.post('/api/applications', { type, areaId: area, form });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; no: string };
}

async function accept(id: number) {
  const res = await acceptApplication(acceptor, id);
  expect(res.statusCode, res.body).toBe(200);
}

async function approve(id: number) {
  const res = await reviewer.post(`/api/applications/${id}/approve`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function through(id: number) {
  const submitted = await dev.post(`/api/applications/${id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  await accept(id);
  return approve(id);
}

const afterOf = (h: House, patch: Partial<House> = {}) => {
  const { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus } = { ...h, ...patch };
  return { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus };
};

const statement = async (houseId: number) =>
  (await dev.get(`/api/houses/${houseId}/statement`)).json().items as {
    kind: string;
    kindLabel: string;
    reference: string;
    memo: string;
    amount: number;
  }[];

const parkingRow = (room: string, area: string) => ({
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

describe('R-11 balance moves on split and merge', () => {
  it('R-11 splits one parking space into three: source to zero and closed, results get R-40 shares, total exact to the fen', async () => {
    const [source] = (await housesOf(areaId, 'B050')).filter((h) => h.room === 'B050');
    if (!source) throw new Error('demo parking space missing');
    const before = await balanceOf(source.id);
    expect(before).toBeGreaterThan(0n);
    const custody = await systemBalance('custody');
    const app = await create('house_split_merge', { reason: '车位拆分' });
    expect((await dev.put(`/api/applications/${app.id}/items/source`, { rows: [{ houseId: source.id }] })).statusCode).toBe(200);
    const file = await houseXlsx([parkingRow('B050A', '3.33'), parkingRow('B050B', '3.33'), parkingRow('B050C', '3.34')]);
    expect((await dev.postForm(`/api/applications/${app.id}/import`, uploadForm(file, 'split.xlsx'))).statusCode).toBe(200);
    const approved = await through(app.id);
    const resultIds = approved.outcome.resultIds as number[];
    const after = await Promise.all(resultIds.map(balanceOf));
    expect(after).toEqual(moveBalances([before], [333, 333, 334]));
    expect(after.reduce((a, b) => a + b, 0n)).toBe(before);
    expect(await balanceOf(source.id)).toBe(0n);
    expect(await accountStatus(source.id)).toBe('closed');
    expect(await systemBalance('custody')).toBe(custody);
    expect(approved.outcome.fund).toMatchObject({ balanceMoved: Number(before), refunds: [], notices: [] });
    const lines = await statement(source.id);
    expect(lines.at(-1)).toMatchObject({ kind: 'balance_move', reference: app.no, amount: -Number(before) });
    expect((await statement(resultIds[0] as number))[0]).toMatchObject({
      kind: 'balance_move',
      reference: app.no,
      amount: Number(after[0]),
    });
  });

  it('R-11 merges two parking spaces: the result holds the sum of the sources, both sources close at zero', async () => {
    const sources = (await housesOf(areaId, 'B06')).filter((h) => h.room === 'B061' || h.room === 'B062');
    expect(sources).toHaveLength(2);
    const balances = await Promise.all(sources.map((s) => balanceOf(s.id)));
    const app = await create('house_split_merge', { reason: '车位合并' });
    await dev.put(`/api/applications/${app.id}/items/source`, { rows: sources.map((s) => ({ houseId: s.id })) });
    await dev.postForm(`/api/applications/${app.id}/import`, uploadForm(await houseXlsx([parkingRow('B061', '25.00')]), 'merge.xlsx'));
    const approved = await through(app.id);
    const [merged] = approved.outcome.resultIds as number[];
    expect(await balanceOf(merged as number)).toBe(balances.reduce((a, b) => a + b, 0n));
    for (const s of sources) {
      expect(await balanceOf(s.id)).toBe(0n);
      expect(await accountStatus(s.id)).toBe('closed');
    }
  });
});

describe('R-12 a change of the amount due', () => {
  it('R-12 an increase issues a 补交 notice in the developer’s name that the bank confirms like any notice', async () => {
    const [h] = (await housesOf(areaId, '1栋')).filter((x) => x.unit === '1单元' && x.floor === 3);
    if (!h) throw new Error('demo house missing');
    const before = await balanceOf(h.id);
    const app = await create('house_change', { reason: '重新测绘，面积增加' });
    await dev.put(`/api/applications/${app.id}/items/house`, {
      rows: [{ houseId: h.id, after: afterOf(h, { buildingArea: h.buildingArea + 1000 }) }],
    });
    const preview = (await dev.get(`/api/applications/${app.id}/fund`)).json();
    expect(preview.effects).toEqual([expect.objectContaining({ houseId: h.id, supplement: 30000, refund: 0 })]);
    const approved = await through(app.id);
    const [no] = approved.outcome.fund.notices as string[];
    const notice = (await dev.get(`/api/notices/${no}`)).json();
    expect(notice).toMatchObject({ purpose: 'supplement', status: 'unpaid', total: 30000, items: [{ houseId: h.id, amount: 30000 }] });
    const [row] = await t.handle.db
      .select()
      .from(paymentNotices)
      .where(eq(paymentNotices.no, no as string));
    expect(row?.applicationId).toBe(app.id);
    expect((await dev.get(`/api/applications/${app.id}/fund`)).json().notices).toEqual([{ no, total: 30000, status: 'unpaid' }]);
    // Until the bank confirms it, nothing has moved.
    expect(await balanceOf(h.id)).toBe(before);
    const paid = await teller.post('/api/bank/deposits/confirm', {
      noticeNo: no,
      amount: 30000,
      channel: '柜台',
      bankRef: 'BJ-1',
      bankDate: '2026-11-22',
    });
    expect(paid.statusCode).toBe(200);
    expect(await balanceOf(h.id)).toBe(before + 30000n);
    expect((await statement(h.id)).at(-1)).toMatchObject({ kind: 'deposit', reference: no, amount: 30000 });
  });

  it('§4 the house statement names a 补交 as 补交 and the first deposit as 交存, by the notice that paid it', async () => {
    const [h] = (await housesOf(areaId, '1栋')).filter((x) => x.unit === '1单元' && x.floor === 3);
    if (!h) throw new Error('demo house missing');
    const lines = await statement(h.id);
    expect(lines[0]).toMatchObject({ kind: 'deposit', kindLabel: '交存' });
    expect(lines.at(-1)).toMatchObject({ kind: 'deposit', kindLabel: '补交' });
  });

  let refundNo = '';
  let refundHouse = 0;
  it('R-12 a decrease below what was paid is refused at submit until the refund is confirmed with an account, and saves nothing', async () => {
    const [h] = (await housesOf(areaId, '1栋')).filter((x) => x.unit === '1单元' && x.floor === 4);
    if (!h) throw new Error('demo house missing');
    refundHouse = h.id;
    const app = await create('house_change', { reason: '重新测绘，面积减少' });
    const smaller = afterOf(h, { buildingArea: h.buildingArea - 1000 });
    await dev.put(`/api/applications/${app.id}/items/house`, { rows: [{ houseId: h.id, after: smaller }] });
    const refused = await dev.post(`/api/applications/${app.id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fieldErrors['items.0.refundAccount']).toContain('请填写该房屋的退款账户');
    expect(refused.json().message).toContain('需退款 300.00 元');
    expect((await dev.get(`/api/applications/${app.id}`)).json().status).toBe('draft');

    const badAccount = await dev.put(`/api/applications/${app.id}/items/house`, {
      rows: [{ houseId: h.id, after: smaller, refundAccount: { ...account('业主丁'), accountNo: '12ab' } }],
    });
    expect(badAccount.statusCode).toBe(400);
    expect(badAccount.json().fieldErrors['items.0.refundAccount.accountNo']).toContain('银行账号须为 8–30 位数字');
    const unconfirmed = await dev.put(`/api/applications/${app.id}/items/house`, {
      rows: [{ houseId: h.id, after: smaller, refundAccount: account('业主丁') }],
    });
    expect(unconfirmed.statusCode).toBe(200);
    expect((await dev.post(`/api/applications/${app.id}/submit`)).statusCode).toBe(400);

    const confirmed = await dev.put(`/api/applications/${app.id}/form`, { form: { reason: '重新测绘，面积减少', refundConfirmed: true } });
    expect(confirmed.statusCode).toBe(200);
    const preview = (await dev.get(`/api/applications/${app.id}/fund`)).json();
    expect(preview).toMatchObject({ refundTotal: 30000, effects: [{ houseId: h.id, refund: 30000, account: account('业主丁') }] });

    const before = await balanceOf(h.id);
    const payable = await systemBalance('refunds_payable');
    const approved = await through(app.id);
    const [refund] = approved.outcome.fund.refunds as { no: string; houseId: number; amount: number }[];
    expect(refund).toMatchObject({ houseId: h.id, amount: 30000 });
    expect(refund?.no).toMatch(/^TK\d{13,}$/);
    refundNo = refund?.no as string;
    expect(await balanceOf(h.id)).toBe(before - 30000n);
    expect(await systemBalance('refunds_payable')).toBe(payable + 30000n);
    expect((await statement(h.id)).at(-1)).toMatchObject({ kind: 'refund', reference: refundNo, amount: -30000 });
    expect((await statement(h.id)).at(-1)?.memo).toContain(app.no);
    expect((await dev.get(`/api/applications/${app.id}/fund`)).json().refunds).toEqual([
      expect.objectContaining({ no: refundNo, status: 'pending', amount: 30000, applicationNo: app.no, account: account('业主丁') }),
    ]);
  });

  it('F-70 R-22 the bank pays the refund from its workspace once; a repeat answers with the first result, another amount is refused', async () => {
    const pending = (await teller.get('/api/bank/refunds?status=pending')).json();
    expect(pending.items.find((r: { no: string }) => r.no === refundNo).actions).toEqual([
      { action: 'confirm', allowed: true, blockedBy: null },
    ]);
    const custody = await systemBalance('custody');
    const payable = await systemBalance('refunds_payable');
    const body = { refundNo, amount: 30000, bankRef: 'TK-REF-1', bankDate: '2026-11-22' };
    const wrong = await teller.post('/api/bank/refunds/confirm', { ...body, amount: 29999 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fieldErrors.amount).toContain('须与退款指令金额');
    const first = await teller.post('/api/bank/refunds/confirm', body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ refundNo, amount: 30000, status: 'paid', repeated: false });
    const again = await teller.post('/api/bank/refunds/confirm', body);
    expect(again.json()).toEqual({ ...first.json(), repeated: true });
    const conflict = await teller.post('/api/bank/refunds/confirm', { ...body, amount: 30001 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().rule).toBe('R-22');
    expect(conflict.json().message).not.toMatch(/R-\d/);
    // Paid once: refunds payable → custody, the house untouched.
    expect(await systemBalance('custody')).toBe(custody + 30000n);
    expect(await systemBalance('refunds_payable')).toBe(payable - 30000n);
    expect((await teller.get(`/api/refunds/${refundNo}`)).json()).toMatchObject({
      status: 'paid',
      house: expect.stringContaining('1栋'),
      actions: [{ action: 'confirm', allowed: false, blockedBy: { message: `退款指令 ${refundNo} 已付款` } }],
    });
    // The developer who raised it sees it and is offered nothing.
    const raisedBy = (await teller.get(`/api/refunds/${refundNo}`)).json().applicationId;
    expect((await dev.get(`/api/applications/${raisedBy}/fund`)).json().refunds[0].actions).toEqual([]);
    expect((await teller.get('/api/bank/refunds?status=pending')).json().items.map((r: { no: string }) => r.no)).not.toContain(refundNo);
    expect((await statement(refundHouse)).filter((l) => l.reference === refundNo)).toHaveLength(1);
  });

  it('F-70 only a bank confirms a refund; another organisation cannot see it', async () => {
    expect(
      (await dev.post('/api/bank/refunds/confirm', { refundNo, amount: 30000, bankRef: 'X', bankDate: '2026-11-22' })).statusCode,
    ).toBe(403);
    expect((await dev.get('/api/bank/refunds')).statusCode).toBe(403);
    const committee = await t.login(DEMO.committee.code, DEMO.committee.director);
    expect((await committee.get(`/api/refunds/${refundNo}`)).statusCode).toBe(404);
    expect((await dev.get(`/api/refunds/${refundNo}`)).statusCode).toBe(200);
  });
});

describe('R-13 house cancellation', () => {
  async function apiCall(body: object, opts: { secret?: string } = {}) {
    t.clock.advance(1000);
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const path = '/api/bank-api/v1/refunds/confirm';
    return t.app.inject({
      method: 'POST',
      url: path,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        [BANK_API_HEADERS.key]: KEY,
        [BANK_API_HEADERS.timestamp]: ts,
        [BANK_API_HEADERS.signature]: sign(opts.secret ?? SECRET, ts, 'POST', path, raw),
      },
    });
  }

  let refundNo = '';
  let amount = 0;
  it('R-13 refuses a house with money left and no refund account, naming the row; then refunds the whole balance and closes the account at zero', async () => {
    const [h] = (await housesOf(areaId, '3栋')).filter((x) => x.unit === '1单元' && x.floor === 6);
    if (!h) throw new Error('demo house missing');
    const before = await balanceOf(h.id);
    expect(before).toBeGreaterThan(0n);
    const app = await create('house_cancellation', { reason: '旧城改造拆迁' });
    await dev.put(`/api/applications/${app.id}/items/house`, { rows: [{ houseId: h.id }] });
    const refused = await dev.post(`/api/applications/${app.id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fieldErrors['items.0.refundAccount']).toContain('请填写退款账户');
    await dev.put(`/api/applications/${app.id}/items/house`, { rows: [{ houseId: h.id, refundAccount: account('业主戊') }] });
    expect((await dev.get(`/api/applications/${app.id}/fund`)).json().effects).toEqual([
      expect.objectContaining({ houseId: h.id, refund: Number(before), account: account('业主戊') }),
    ]);
    const approved = await through(app.id);
    const [refund] = approved.outcome.fund.refunds;
    expect(refund).toMatchObject({ houseId: h.id, amount: Number(before) });
    refundNo = refund.no;
    amount = refund.amount;
    expect(await balanceOf(h.id)).toBe(0n);
    expect(await accountStatus(h.id)).toBe('closed');
    const [row] = await t.handle.db.select().from(refunds).where(eq(refunds.no, refundNo));
    expect(row).toMatchObject({ reason: 'cancellation', status: 'pending', account: account('业主戊') });
    expect((await statement(h.id)).at(-1)).toMatchObject({ kind: 'refund', reference: refundNo, amount: -Number(before) });
  });

  it('R-13 a house with nothing left closes at zero without a refund and needs no account', async () => {
    const [h] = await housesOf(freeAreaId, '2栋');
    if (!h) throw new Error('demo house missing');
    expect(await balanceOf(h.id)).toBe(0n);
    const app = await create('house_cancellation', { reason: '拆除' }, freeAreaId);
    await dev.put(`/api/applications/${app.id}/items/house`, { rows: [{ houseId: h.id }] });
    const approved = await through(app.id);
    expect(approved.outcome.fund.refunds).toEqual([]);
    expect(await accountStatus(h.id)).toBe('closed');
  });

  it('R-13 refuses to cancel a house on an unpaid notice (a later payment would credit a closed account)', async () => {
    const [h] = await housesOf(areaId, '5栋');
    if (!h) throw new Error('demo house missing');
    const app = await create('house_cancellation', { reason: '拆迁' });
    await dev.put(`/api/applications/${app.id}/items/house`, { rows: [{ houseId: h.id, refundAccount: account('业主己') }] });
    const res = await dev.post(`/api/applications/${app.id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('未缴的交款通知单');
  });

  it('F-71 R-22 the bank system confirms the payout over the signed API, idempotently; a conflicting amount and a bad signature are refused', async () => {
    const custody = await systemBalance('custody');
    const body = { refundNo, amount, bankRef: 'API-TK-1', bankDate: '2026-11-22' };
    const bad = await apiCall(body, { secret: 'wrong' });
    expect(bad.statusCode).toBe(401);
    const first = await apiCall(body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ refundNo, amount, repeated: false });
    const again = await apiCall(body);
    expect(again.json()).toEqual({ ...first.json(), repeated: true });
    const conflict = await apiCall({ ...body, amount: amount + 1 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('CONFIRMATION_CONFLICT');
    expect(await systemBalance('custody')).toBe(custody + BigInt(amount));
    const unknown = await apiCall({ ...body, refundNo: 'TK000000000000' });
    expect(unknown.statusCode).toBe(404);
  });
});
