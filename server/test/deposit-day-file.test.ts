import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { auditLog, orgMessages, paymentNotices } from '../src/db/schema/index.ts';
import { fundBalance, ledgerTotal } from '../src/ledger/balances.ts';
import { checkLedger } from '../src/ledger/check.ts';
import { bankSystem, oneHouseNotices } from './bank-api-fixtures.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';

let t: TestApp;
let dev: Agent;
let bank: Awaited<ReturnType<typeof bankSystem>>;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  bank = await bankSystem(t);
});
afterAll(() => t.close());

interface Line {
  noticeNo: string;
  status: 'paid' | 'refused';
  repeated: boolean;
  confirmationId?: number;
  code?: string;
  message?: string;
  rule?: string;
}

const balanceOf = async (houseId: number) =>
  (
    await rowsOf<{ balance: string }>(
      t.handle.db,
      sql`select balance::text from ledger_accounts where house_id = ${houseId} and kind = 'house'`,
    )
  )[0]?.balance;

it('F-71 a day file of 30 notices is confirmed in one request: each notice paid once, its house credited, one audit row each, the ledger exact', async () => {
  const notices = await oneHouseNotices(t, dev, 30);
  const before = await Promise.all(notices.map((n) => balanceOf(n.houseId)));
  const custody0 = await fundBalance(t.handle.db, 'custody');
  const messages0 = await t.handle.db.$count(orgMessages);
  const res = await bank.batch(notices.map((n) => ({ noticeNo: n.no, amount: n.total })));
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { results: Line[]; paid: number; repeated: number; refused: number };
  expect(body).toMatchObject({ paid: 30, repeated: 0, refused: 0 });
  expect(body.results.map((r) => r.noticeNo)).toEqual(notices.map((n) => n.no));
  expect(body.results.every((r) => r.status === 'paid' && !r.repeated && r.confirmationId)).toBe(true);
  expect(new Set(body.results.map((r) => r.confirmationId)).size).toBe(30);
  const after = await Promise.all(notices.map((n) => balanceOf(n.houseId)));
  expect(after.map((b, i) => BigInt(b as string) - BigInt(before[i] as string))).toEqual(notices.map((n) => BigInt(n.total)));
  const paid = notices.reduce((a, n) => a + BigInt(n.total), 0n);
  expect(await fundBalance(t.handle.db, 'custody')).toBe(custody0 - paid);
  const rows = await t.handle.db
    .select()
    .from(paymentNotices)
    .where(
      inArray(
        paymentNotices.no,
        notices.map((n) => n.no),
      ),
    );
  expect(rows.every((n) => n.status === 'paid' && n.paidAt)).toBe(true);
  // Each notice its own ledger transaction, under its own number.
  const txs = await rowsOf<{ reference: string }>(
    t.handle.db,
    sql`select reference from ledger_transactions where kind = 'deposit' and reference in (select jsonb_array_elements_text(${JSON.stringify(notices.map((n) => n.no))}::jsonb))`,
  );
  expect(txs.map((x) => x.reference).sort()).toEqual(notices.map((n) => n.no).sort());
  const audits = await t.handle.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'notice.confirm'),
        inArray(
          auditLog.entityId,
          notices.map((n) => n.no),
        ),
      ),
    );
  expect(audits).toHaveLength(30);
  expect(audits[0]?.summary).toContain('银行接口');
  // The developer that issued them is told once, with the count and the total.
  expect((await t.handle.db.$count(orgMessages)) - messages0).toBe(1);
  const [message] = await t.handle.db.select().from(orgMessages).orderBy(sql`id desc`).limit(1);
  expect(message?.title).toContain('30 张交款通知单已缴款');
  expect(await ledgerTotal(t.handle.db)).toBe(0n);
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

it('F-71 R-22 the same day file sent again posts nothing twice: every line answers with its first confirmation, marked repeated', async () => {
  const notices = await oneHouseNotices(t, dev, 5);
  const lines = notices.map((n) => ({ noticeNo: n.no, amount: n.total }));
  const first = (await bank.batch(lines)).json() as { results: Line[] };
  const custody = await fundBalance(t.handle.db, 'custody');
  const again = await bank.batch(lines);
  expect(again.statusCode, again.body).toBe(200);
  expect(again.json()).toMatchObject({ paid: 0, repeated: 5, refused: 0 });
  const results = (again.json() as { results: Line[] }).results;
  expect(results.map((r) => [r.status, r.repeated, r.confirmationId])).toEqual(first.results.map((r) => ['paid', true, r.confirmationId]));
  expect(await fundBalance(t.handle.db, 'custody')).toBe(custody);
  // A single confirmation of one of them is a repeat too.
  const single = await bank.confirm(notices[0]?.no as string, notices[0]?.total as number);
  expect(single.json()).toMatchObject({ repeated: true, confirmationId: first.results[0]?.confirmationId });
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

it('F-71 R-22 each line of a day file answers on its own: unknown, void, wrong amount and a repeat with another amount are refused, the rest paid', async () => {
  const [good, voided, wrong, earlier, twice] = await oneHouseNotices(t, dev, 5);
  if (!good || !voided || !wrong || !earlier || !twice) throw new Error('no notices');
  expect((await dev.post(`/api/notices/${voided.no}/void`)).statusCode).toBe(200);
  expect((await bank.confirm(earlier.no, earlier.total)).statusCode).toBe(200);
  const custody = await fundBalance(t.handle.db, 'custody');
  const res = await bank.batch([
    { noticeNo: good.no, amount: good.total },
    { noticeNo: 'JK-NOPE-0001', amount: 100 },
    { noticeNo: voided.no, amount: voided.total },
    { noticeNo: wrong.no, amount: wrong.total + 1 },
    { noticeNo: earlier.no, amount: earlier.total + 5 },
    { noticeNo: twice.no.toLowerCase(), amount: twice.total },
    { noticeNo: twice.no, amount: twice.total },
    { noticeNo: twice.no, amount: twice.total + 2 },
  ]);
  expect(res.statusCode, res.body).toBe(200);
  const { results, ...counts } = res.json() as { results: Line[]; paid: number; repeated: number; refused: number };
  expect(counts).toEqual({ paid: 2, repeated: 1, refused: 5 });
  expect(results.map((r) => [r.status, r.repeated, r.code ?? null, r.rule ?? null])).toEqual([
    ['paid', false, null, null],
    ['refused', false, 'NOT_FOUND', null],
    ['refused', false, 'NOTICE_VOID', null],
    ['refused', false, 'VALIDATION', null],
    ['refused', false, 'CONFIRMATION_CONFLICT', 'R-22'],
    ['paid', false, null, null],
    ['paid', true, null, null],
    ['refused', false, 'CONFIRMATION_CONFLICT', 'R-22'],
  ]);
  expect(results[1]?.message).toBe('交款通知单 JK-NOPE-0001不存在');
  expect(results[3]?.message).toContain('须与通知单金额');
  expect(results[5]?.confirmationId).toBe(results[6]?.confirmationId);
  expect(await fundBalance(t.handle.db, 'custody')).toBe(custody - BigInt(good.total) - BigInt(twice.total));
  const [w] = await t.handle.db.select().from(paymentNotices).where(eq(paymentNotices.no, wrong.no));
  expect(w?.status).toBe('unpaid');
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

it('F-71 a day file and single confirmations of the same notices at once post each notice once', async () => {
  const notices = await oneHouseNotices(t, dev, 12);
  const custody = await fundBalance(t.handle.db, 'custody');
  const lines = notices.map((n) => ({ noticeNo: n.no, amount: n.total }));
  const [a, b, ...singles] = await Promise.all([
    bank.batch(lines),
    bank.batch([...lines].reverse()),
    ...notices.map((n) => bank.confirm(n.no, n.total)),
  ]);
  for (const r of [a, b, ...singles]) expect(r?.statusCode, r?.body).toBe(200);
  const fresh = (a?.json().paid as number) + (b?.json().paid as number) + singles.filter((r) => r.json().repeated === false).length;
  expect(fresh).toBe(12);
  expect(await fundBalance(t.handle.db, 'custody')).toBe(custody - notices.reduce((s, n) => s + BigInt(n.total), 0n));
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

it('F-71 a day file is refused whole when unsigned, empty or longer than the limit, naming what to do', async () => {
  const unsigned = await t.app.inject({
    method: 'POST',
    url: '/api/bank-api/v1/deposits/confirm-batch',
    payload: { items: [] },
  });
  expect(unsigned.statusCode).toBe(401);
  const empty = await bank.batch([]);
  expect(empty.statusCode).toBe(400);
  expect(empty.json().message).toContain('缴款明细不能为空');
  const long = await bank.batch(Array.from({ length: 5001 }, (_, i) => ({ noticeNo: `JK-${String(i).padStart(8, '0')}`, amount: 100 })));
  expect(long.statusCode).toBe(400);
  expect(long.json().message).toContain('一次最多确认 5000 笔');
});
