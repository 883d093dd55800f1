import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { auditLog, orgMessages } from '../src/db/schema/index.ts';
import { fundBalance } from '../src/ledger/balances.ts';
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

const balanceOf = async (houseId: number) =>
  BigInt(
    (
      await rowsOf<{ balance: string }>(
        t.handle.db,
        sql`select balance::text from ledger_accounts where house_id = ${houseId} and kind = 'house'`,
      )
    )[0]?.balance ?? 'x',
  );

it('F-71 R-22 single confirmations sent at once are written together, yet each is answered as if it had come alone', async () => {
  const notices = await oneHouseNotices(t, dev, 24);
  const [twice, mistyped, voided, ...rest] = notices;
  if (!twice || !mistyped || !voided) throw new Error('no notices');
  expect((await dev.post(`/api/notices/${voided.no}/void`)).statusCode).toBe(200);
  const before = await Promise.all(notices.map((n) => balanceOf(n.houseId)));
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
  const after = await Promise.all(notices.map((n) => balanceOf(n.houseId)));
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
