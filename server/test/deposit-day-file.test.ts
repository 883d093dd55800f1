import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { auditLog, orgMessages, paymentNotices } from '../src/db/schema/index.ts';
import { fundBalance, ledgerTotal } from '../src/ledger/balances.ts';
import { checkLedger } from '../src/ledger/check.ts';
import { BANK_API_HEADERS } from '../src/modules/payments/bank-api-auth.ts';
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

it('F-71 R-22 single confirmations sent at once are written together, yet each is answered as if it had come alone', async () => {
  const notices = await oneHouseNotices(t, dev, 24);
  const [twice, mistyped, voided, ...rest] = notices;
  if (!twice || !mistyped || !voided) throw new Error('no notices');
  expect((await dev.post(`/api/notices/${voided.no}/void`)).statusCode).toBe(200);
  const before = await Promise.all(notices.map(async (n) => BigInt((await balanceOf(n.houseId)) as string)));
  const custody = await fundBalance(t.handle.db, 'custody');
  const messages0 = await t.handle.db.$count(orgMessages, eq(orgMessages.kind, 'bank.deposit'));

  const replayed = bank.signed(rest[0]?.no as string, rest[0]?.total as number, undefined, '10.0.0.99');
  const forged = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/bank-api/v1/deposits/confirm',
      payload: { noticeNo: rest[1]?.no, amount: rest[1]?.total, channel: '网上银行', bankRef: 'X', bankDate: '2026-11-22' },
      headers: {
        [BANK_API_HEADERS.key]: 'CUSTODY-TEST-KEY',
        [BANK_API_HEADERS.timestamp]: String(Math.floor(t.clock.now().getTime() / 1000)),
        [BANK_API_HEADERS.signature]: 'ab'.repeat(32),
      },
    });
  // 30 requests at once: every fresh notice from its own address, a notice confirmed twice, one
  // with a mistyped amount beside its right one, a void notice, an unknown one, a replayed
  // signature and a forged one.
  const answers = await Promise.all([
    ...rest.map((n, i) => bank.confirm(n.no, n.total, `API-${n.no}`).then((r) => ({ r, n, i }))),
    ...[
      bank.signed(twice.no, twice.total, 'T-1', '10.0.1.1')(),
      bank.signed(twice.no, twice.total, 'T-2', '10.0.1.2')(),
      bank.signed(mistyped.no, mistyped.total, 'M-1', '10.0.2.1')(),
      bank.signed(mistyped.no, mistyped.total * 10, 'M-2', '10.0.2.2')(),
      bank.signed(voided.no, voided.total)(),
      bank.signed('JK-NOPE-0001', 100)(),
      replayed(),
      replayed(),
      forged(),
    ].map((p, i) => p.then((r) => ({ r, n: null, i }))),
  ]);
  const odd = answers.slice(rest.length).map(({ r }) => [r.statusCode, r.json().code ?? null, r.json().repeated ?? null]);
  const [t1, t2, m1, m2, v, unknown, rp1, rp2, forgedAnswer] = odd;
  // The notice confirmed twice: paid once, the other answer a repeat of the same confirmation.
  expect([t1, t2].map((a) => a?.[2]).sort()).toEqual([false, true]);
  expect(answers[rest.length]?.r.json().confirmationId).toBe(answers[rest.length + 1]?.r.json().confirmationId);
  // The mistyped amount is refused (as a wrong amount, or as a conflict if its right twin went first); the right one is paid.
  expect(m1).toEqual([200, null, false]);
  expect([400, 409]).toContain(m2?.[0]);
  expect(v).toEqual([409, 'NOTICE_VOID', null]);
  expect(unknown).toEqual([404, 'NOT_FOUND', null]);
  // A signature used twice at once: one request is confirmed, the other refused as a replay.
  expect([rp1?.[0], rp2?.[0]].sort()).toEqual([200, 401]);
  expect(
    answers
      .slice(rest.length + 6, rest.length + 8)
      .map(({ r }) => r.json().message)
      .filter(Boolean),
  ).toEqual(['重复的请求（签名已使用过），请以新的时间戳重新签名']);
  expect(forgedAnswer).toEqual([401, 'BANK_API_AUTH', null]);
  for (const { r, n } of answers.slice(0, rest.length)) {
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ noticeNo: n?.no, amount: n?.total, status: 'paid' });
  }
  // rest[0] was sent three times (its own request and the replayed pair): paid once.
  expect(answers.filter(({ r }) => r.statusCode === 200 && r.json().noticeNo === rest[0]?.no && !r.json().repeated)).toHaveLength(1);

  // Money: every house credited exactly once with its notice's amount, the void one untouched.
  const after = await Promise.all(notices.map(async (n) => BigInt((await balanceOf(n.houseId)) as string)));
  const paid = [twice, mistyped, ...rest];
  expect(after.map((b, i) => b - (before[i] as bigint))).toEqual(notices.map((n) => (paid.includes(n) ? BigInt(n.total) : 0n)));
  expect(await fundBalance(t.handle.db, 'custody')).toBe(custody - paid.reduce((s, n) => s + BigInt(n.total), 0n));
  expect(await checkLedger(t.handle.db)).toEqual([]);

  // Each confirmation's audit row names the address its own request came from.
  const audits = await t.handle.db
    .select({ entityId: auditLog.entityId, ip: auditLog.ip })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'notice.confirm'), inArray(auditLog.entityId, [twice.no, mistyped.no, rest[0]?.no as string])));
  expect(audits.find((a) => a.entityId === mistyped.no)?.ip).toBe('10.0.2.1');
  expect(['10.0.1.1', '10.0.1.2']).toContain(audits.find((a) => a.entityId === twice.no)?.ip);
  expect(audits).toHaveLength(3);
  // The issuer hears of each request's notice on its own, as when they come one by one.
  const told = await t.handle.db.select({ title: orgMessages.title }).from(orgMessages).where(eq(orgMessages.kind, 'bank.deposit'));
  expect(told.length - messages0).toBe(paid.length);
  for (const n of paid) expect(told.some((m) => m.title.startsWith(`交款通知单 ${n.no} 已缴款`))).toBe(true);

  // Written together: on PostgreSQL the confirmations of these 30 requests took far fewer
  // transactions than requests. pglite answers each statement within the same turn of the event
  // loop, so a request runs to its end before the next one is read: there each is its own group.
  const [written] = await rowsOf<{ transactions: number; rows: number }>(
    t.handle.db,
    sql`select count(distinct xmin::text)::int as transactions, count(*)::int as rows from bank_confirmations
         where number in ${paid.map((n) => n.no)}`,
  );
  expect(written?.rows).toBe(paid.length);
  if (t.handle.kind === 'postgres') expect(written?.transactions).toBeLessThan(paid.length / 2);
  else expect(written?.transactions).toBeLessThanOrEqual(paid.length);
});
