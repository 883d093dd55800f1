import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ledgerAccounts, propertyAreas, refunds } from '../src/db/schema/index.ts';
import { fundBalance } from '../src/ledger/balances.ts';
import { checkLedger } from '../src/ledger/check.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';
import { acceptApplication } from './acceptance-fixtures.ts';

let t: TestApp;
let dev: Agent;
let acceptor: Agent;
let reviewer: Agent;
let teller: Agent;
let areaId: number;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
  teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  areaId = area?.id ?? 0;
});
afterAll(() => t.close());

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
const account = { accountName: '业主', bank: '中国工商银行江门分行', accountNo: '6222020000001111222' };

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const r = await res;
  if (r.statusCode !== 200 && r.statusCode !== 201) throw new Error(r.body);
  return r.json() as Record<string, unknown>;
}

async function balances(houseIds: number[]) {
  const rows = await t.handle.db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.houseId, houseIds));
  return new Map(rows.map((r) => [r.houseId as number, r.balance]));
}
async function fundAccount(kind: 'custody' | 'refunds_payable') {
  return fundBalance(t.handle.db, kind);
}

/** An accepted application ready to be approved. */
async function accepted(type: string, form: unknown, kind: string, rows: unknown[]) {
  const app = (await ok(dev.post('/api/applications', { type, areaId, form }))) as { id: number };
  await ok(dev.put(`/api/applications/${app.id}/items/${kind}`, { rows }));
  await ok(dev.post(`/api/applications/${app.id}/submit`));
  await ok(acceptApplication(acceptor, app.id));
  return app.id;
}

it('R-20 R-21 R-22 50 concurrent deposit confirmations, refund payouts and approvals over the same accounts: no lost update, no negative balance, no deadlock, invariant holds', async () => {
  const list = (await dev.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent('2栋')}&pageSize=200&status=normal`)).json()
    .items as House[];
  const flats = list.filter((h) => h.unit === '2单元').slice(0, 12);
  const parking = (await dev.get(`/api/areas/${areaId}/houses?q=B1&pageSize=200&status=normal`)).json().items as House[];
  const toRefund = parking.slice(0, 10);
  const toCancel = parking.slice(10, 12);
  expect(flats).toHaveLength(12);
  expect(toCancel).toHaveLength(2);

  // 24 deposit notices on the 12 flats: a 续筹 and an “other” notice each.
  const notices: { no: string; amount: number; houseId: number }[] = [];
  for (const purpose of ['replenish', 'other'] as const) {
    const rows = flats.map((h, i) => ({ houseId: h.id, amount: 1000 + i }));
    const { issued } = (await ok(dev.post('/api/notices/custom', { areaId, purpose, rows }))) as { issued: string[] };
    for (const [i, no] of issued.entries()) notices.push({ no, amount: rows[i]?.amount as number, houseId: rows[i]?.houseId as number });
  }
  // 10 pending refunds to pay out: a cancellation of 10 parking spaces, approved beforehand.
  const cancelled = await accepted(
    'house_cancellation',
    { reason: '拆除' },
    'house',
    toRefund.map((h) => ({ houseId: h.id, refundAccount: account })),
  );
  const pending = (
    (await ok(reviewer.post(`/api/applications/${cancelled}/approve`))) as {
      outcome: { fund: { refunds: { no: string; amount: number }[] } };
    }
  ).outcome.fund.refunds;
  expect(pending).toHaveLength(10);
  // 8 approvals racing the deposits: 6 flats lose 5 m² (R-12 refunds), 2 parking spaces are cancelled.
  const approvals = [
    ...(await Promise.all(
      flats.slice(0, 6).map(async (h) => {
        const { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus } = h;
        const after = { building, unit, floor, room, address, buildingArea: buildingArea - 500, innerArea, use, elevator, salesStatus };
        const id = (await ok(
          dev.post('/api/applications', {
            type: 'house_change',
            areaId,
            form: { reason: '测绘更正', refundConfirmed: true },
          }),
        )) as { id: number };
        await ok(dev.put(`/api/applications/${id.id}/items/house`, { rows: [{ houseId: h.id, after, refundAccount: account }] }));
        await ok(dev.post(`/api/applications/${id.id}/submit`));
        await ok(acceptApplication(acceptor, id.id));
        return id.id;
      }),
    )),
    ...(await Promise.all(
      toCancel.map((h) => accepted('house_cancellation', { reason: '拆除' }, 'house', [{ houseId: h.id, refundAccount: account }])),
    )),
  ];

  const houseIds = [...flats, ...toCancel].map((h) => h.id);
  const start = await balances(houseIds);
  const custody0 = await fundAccount('custody');
  const payable0 = await fundAccount('refunds_payable');

  const deposit = (n: (typeof notices)[number]) => () =>
    teller.post('/api/bank/deposits/confirm', {
      noticeNo: n.no,
      amount: n.amount,
      channel: '柜台',
      bankRef: `C-${n.no}`,
      bankDate: '2026-11-22',
    });
  const payout = (r: (typeof pending)[number]) => () =>
    teller.post('/api/bank/refunds/confirm', { refundNo: r.no, amount: r.amount, bankRef: `P-${r.no}`, bankDate: '2026-11-22' });
  const approve = (id: number) => () => reviewer.post(`/api/applications/${id}/approve`);
  // four deposits and four payouts are confirmed twice at the same moment.
  const ops = [
    ...notices.map(deposit),
    ...notices.slice(0, 4).map(deposit),
    ...pending.map(payout),
    ...pending.slice(0, 4).map(payout),
    ...approvals.map(approve),
  ];
  expect(ops).toHaveLength(50);
  // A fixed interleaving that mixes the kinds of work.
  const order = ops.map((op, i) => ({ op, k: (i * 37) % ops.length }));
  order.sort((a, b) => a.k - b.k);
  const results = await Promise.all(order.map((o) => o.op()));

  for (const r of results) expect(r.statusCode, r.body).toBe(200);
  const confirmed = results.map((r) => r.json()).filter((b) => 'noticeNo' in b);
  for (const n of notices) {
    const mine = confirmed.filter((b) => b.noticeNo === n.no);
    expect(mine.filter((b) => !b.repeated)).toHaveLength(1);
    for (const b of mine) expect(b.confirmationId).toBe(mine[0].confirmationId);
  }
  const paidOut = results.map((r) => r.json()).filter((b) => 'refundNo' in b);
  for (const r of pending) expect(paidOut.filter((b) => b.refundNo === r.no && !b.repeated)).toHaveLength(1);

  // No lost update: each house moved by exactly its confirmed deposits less its refunds.
  const made = await t.handle.db.select().from(refunds).where(inArray(refunds.houseId, houseIds));
  expect(made).toHaveLength(8);
  const end = await balances(houseIds);
  for (const id of houseIds) {
    const deposited = notices.filter((n) => n.houseId === id).reduce((a, n) => a + BigInt(n.amount), 0n);
    const refunded = made.filter((r) => r.houseId === id).reduce((a, r) => a + r.amount, 0n);
    expect(end.get(id)).toBe((start.get(id) as bigint) + deposited - refunded);
    expect((end.get(id) as bigint) >= 0n).toBe(true);
  }
  for (const h of toCancel) expect(end.get(h.id)).toBe(0n);
  const depositTotal = notices.reduce((a, n) => a + BigInt(n.amount), 0n);
  const payoutTotal = pending.reduce((a, r) => a + BigInt(r.amount), 0n);
  const refundTotal = made.reduce((a, r) => a + r.amount, 0n);
  expect(await fundAccount('custody')).toBe(custody0 - depositTotal + payoutTotal);
  expect(await fundAccount('refunds_payable')).toBe(payable0 + refundTotal - payoutTotal);
  expect(await checkLedger(t.handle.db)).toEqual([]);
  // Setting up 24 notices and 19 applications takes a while on pglite inside a busy full run.
}, 180_000);
