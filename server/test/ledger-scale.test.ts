import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { checkLedger } from '../src/ledger/check.ts';
import { InsufficientBalance, post, REFUSAL_SAMPLE, systemAccount } from '../src/ledger/post.ts';
import { testApp, type TestApp } from './harness.ts';

/**
 * One statement holds at most 65,535 parameters, so a posting that spent one or two per account
 * failed above 32,767 accounts (and a query built by recursion overflowed the stack earlier).
 * 40,000 extra houses put every posting below well past that line.
 */
const EXTRA = 40_000;
const at = new Date('2026-11-22T02:00:00Z');

let t: TestApp;
let accounts: number[];

beforeAll(async () => {
  t = await testApp();
  const db = t.handle.db;
  // Set-based: one unit of the demo area receives the extra houses, each with an open account.
  await db.execute(sql`
    insert into houses (area_id, building_id, unit_id, floor, room, address, building_area, use, elevator, sales_status, deposit_timing)
    select u.area_id, u.building_id, u.id, 1, 'S' || lpad(g::text, 6, '0'), '规模测试 ' || g, 8000, '住宅', false, 'sold', '首期'
      from (select h.area_id, h.building_id, h.unit_id as id from houses h order by h.id limit 1) u, generate_series(1, ${EXTRA}) g`);
  await db.execute(sql`
    insert into house_accounts (house_id, amount_due)
    select h.id, 100000 from houses h where h.room like 'S%' and h.address like '规模测试 %'`);
  await db.execute(sql`
    insert into ledger_accounts (kind, house_id, name)
    select 'house', h.id, h.address from houses h where h.room like 'S%' and h.address like '规模测试 %'`);
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`select a.id::text as id from ledger_accounts a join houses h on h.id = a.house_id where h.address like '规模测试 %' order by a.id`,
  );
  accounts = rows.map((r) => Number(r.id));
}, 120_000);
afterAll(() => t.close());

describe('R-20 R-21 postings of any size', () => {
  it(`R-20 posts one deposit transaction over ${EXTRA.toLocaleString('en')} house accounts and keeps every balance exact`, async () => {
    expect(accounts).toHaveLength(EXTRA);
    await t.handle.db.transaction(async (tx) => {
      const custody = await systemAccount(tx, 'custody');
      await post(tx, {
        kind: 'deposit',
        reference: 'JK-SCALE',
        at,
        entries: [
          ...accounts.map((accountId, i) => ({ accountId, amount: BigInt(1000 + i) })),
          { accountId: custody, amount: -sumOf(EXTRA) },
        ],
      });
    });
    const [row] = await rowsOf<{ n: string; total: string }>(
      t.handle.db,
      sql`select count(*)::text as n, sum(a.balance)::text as total from ledger_accounts a join houses h on h.id = a.house_id
          where h.address like '规模测试 %' and a.balance > 0`,
    );
    expect(row).toEqual({ n: String(EXTRA), total: String(sumOf(EXTRA)) });
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });

  it(`R-21 refuses a debit that would take each of ${EXTRA.toLocaleString('en')} accounts below zero with their count and the first names, changing nothing`, async () => {
    const sum = async () =>
      (
        await rowsOf<{ total: string }>(
          t.handle.db,
          sql`select sum(a.balance)::text as total from ledger_accounts a join houses h on h.id = a.house_id where h.address like '规模测试 %'`,
        )
      )[0]?.total;
    const before = await sum();
    const err = await t.handle.db
      .transaction(async (tx) => {
        const payable = await systemAccount(tx, 'disbursements_payable');
        await post(tx, {
          kind: 'project_transfer',
          reference: 'BF-SCALE',
          at,
          entries: [
            ...accounts.map((accountId) => ({ accountId, amount: -1_000_000n })),
            { accountId: payable, amount: 1_000_000n * BigInt(EXTRA) },
          ],
        });
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(InsufficientBalance);
    const refusal = err as InsufficientBalance;
    expect(refusal.count).toBe(EXTRA);
    expect(refusal.shortfalls).toHaveLength(REFUSAL_SAMPLE);
    expect(refusal.shortfalls[0]).toMatchObject({ accountId: accounts[0], change: -1_000_000n });
    expect(refusal.message).toContain(`${EXTRA} 个分户账余额不足`);
    expect(await sum()).toBe(before);
  });

  it(`F-64 allocates interest over every open account (at least ${EXTRA.toLocaleString('en')}) in one transaction, exact to the fen`, async () => {
    const office = await t.login('JMWXZJ', 'admin');
    const amount = 98_765_43;
    const res = await office.post('/api/office/interest', { from: '2026-11-22', to: '2026-11-30', amount });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().houses).toBeGreaterThanOrEqual(EXTRA);
    const [row] = await rowsOf<{ total: string; n: string }>(
      t.handle.db,
      sql`select sum(e.amount)::text as total, count(*)::text as n from ledger_entries e join ledger_transactions x on x.id = e.transaction_id
          join ledger_accounts a on a.id = e.account_id where x.kind = 'interest' and a.kind = 'house'`,
    );
    expect(row?.total).toBe(String(amount));
    expect(Number(row?.n)).toBe(res.json().houses);
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });
});

/** 1000 + 1001 + … over n accounts. */
function sumOf(n: number): bigint {
  const count = BigInt(n);
  return count * 1000n + (count * (count - 1n)) / 2n;
}
