import { readFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigintArray, rowsOf, type Tx } from '../db/client.ts';
import { houseAccounts as houseAccountRows, ledgerAccounts, ledgerBalanceBuckets, ledgerTransactions } from '../db/schema/index.ts';
import { reversalOf } from '../domain/ledger-rules.ts';
import { testApp, type TestApp } from '../../test/harness.ts';
import { fundBalance } from './balances.ts';
import { checkLedger } from './check.ts';
import { AccountClosed, InsufficientBalance, lockAccounts, post, postMany, systemAccount } from './post.ts';

let t: TestApp;
let houseAccounts: number[];
/** Demo deposits already sit on some accounts: every figure below is relative to these. */
const start = new Map<number, bigint>();
const at = new Date('2026-11-22T02:00:00Z');

beforeAll(async () => {
  t = await testApp();
  const rows = await t.handle.db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.kind, 'house')).limit(3);
  houseAccounts = rows.map((r) => r.id);
  for (const id of houseAccounts) start.set(id, (await balance(id)) ?? 0n);
});
afterAll(() => t.close());

async function balance(id: number) {
  return (await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id)))[0]?.balance;
}
const base = (id: number) => start.get(id) ?? 0n;

describe('R-20 R-21 ledger', () => {
  it('R-20 every demo house has its ledger account, and a fresh ledger has no breach', async () => {
    expect(houseAccounts).toHaveLength(3);
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });

  it('R-20 posts a balanced deposit and keeps the cached balance equal to the entries', async () => {
    const [a] = houseAccounts as [number];
    await t.handle.db.transaction(async (tx) => {
      const custody = await systemAccount(tx, 'custody');
      await post(tx, {
        kind: 'deposit',
        reference: 'JK-TEST-1',
        at,
        entries: [
          { accountId: a, amount: 500_00n },
          { accountId: custody, amount: -500_00n },
        ],
      });
    });
    expect(await balance(a)).toBe(base(a) + 500_00n);
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });

  // The tests below read the balance they start from: a mutation run picks out single tests by name.
  it('R-20 refuses entries that do not sum to zero, and leaves nothing behind', async () => {
    const [a] = houseAccounts as [number];
    const was = await balance(a);
    await expect(
      t.handle.db.transaction(async (tx) => {
        const custody = await systemAccount(tx, 'custody');
        await post(tx, {
          kind: 'deposit',
          reference: 'BAD',
          at,
          entries: [
            { accountId: a, amount: 100n },
            { accountId: custody, amount: -99n },
          ],
        });
      }),
    ).rejects.toThrow('合计须为零');
    expect(await balance(a)).toBe(was);
  });

  it('R-21 refuses a debit beyond a house balance, naming the house and its shortfall', async () => {
    const [a] = houseAccounts as [number];
    const have = (await balance(a)) ?? 0n;
    const err = await t.handle.db
      .transaction(async (tx) => {
        const payable = await systemAccount(tx, 'disbursements_payable');
        await post(tx, {
          kind: 'project_transfer',
          reference: 'BF-1',
          at,
          entries: [
            { accountId: a, amount: -(have + 1n) },
            { accountId: payable, amount: have + 1n },
          ],
        });
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(InsufficientBalance);
    expect((err as InsufficientBalance).shortfalls[0]).toMatchObject({
      accountId: a,
      balance: have,
      change: -(have + 1n),
    });
    expect(await balance(a)).toBe(have);
  });

  it('R-20 corrects by a reversing transaction, never by editing', async () => {
    const [, b] = houseAccounts as [number, number];
    await t.handle.db.transaction(async (tx) => {
      const custody = await systemAccount(tx, 'custody');
      const entries = [
        { accountId: b, amount: 123_45n },
        { accountId: custody, amount: -123_45n },
      ];
      const id = await post(tx, { kind: 'deposit', reference: 'JK-TEST-2', at, entries });
      await post(tx, { kind: 'reversal', reference: 'JK-TEST-2', reversesId: id, at, entries: reversalOf(entries) });
    });
    expect(await balance(b)).toBe(base(b));
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });

  it('R-21 under 50 concurrent deposits and payouts on the same accounts: no lost update, no negative balance, invariant holds', async () => {
    const [, , c] = houseAccounts as [number, number, number];
    const ops = Array.from({ length: 50 }, (_, i) => i);
    const results = await Promise.allSettled(
      ops.map((i) =>
        t.handle.db.transaction(async (tx) => {
          const custody = await systemAccount(tx, 'custody');
          const payable = await systemAccount(tx, 'refunds_payable');
          // Even ops deposit 100 fen; odd ops pay out 150 fen — some must be refused.
          const entries =
            i % 2 === 0
              ? [
                  { accountId: c, amount: 100n },
                  { accountId: custody, amount: -100n },
                ]
              : [
                  { accountId: c, amount: -150n },
                  { accountId: payable, amount: 150n },
                ];
          await post(tx, { kind: i % 2 === 0 ? 'deposit' : 'refund', reference: `C-${i}`, at, entries });
        }),
      ),
    );
    const ok = results.map((r, i) => (r.status === 'fulfilled' ? i : -1)).filter((i) => i >= 0);
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientBalance);
    const expected = ok.reduce((sum, i) => sum + (i % 2 === 0 ? 100n : -150n), 0n);
    expect(await balance(c)).toBe(base(c) + expected);
    expect(base(c) + expected >= 0n).toBe(true);
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });

  it('F-65 reports a cached balance that drifted from its entries', async () => {
    const [a] = houseAccounts as [number];
    const was = (await balance(a)) ?? 0n;
    await t.handle.db
      .update(ledgerAccounts)
      .set({ balance: was + 1n })
      .where(eq(ledgerAccounts.id, a));
    const breaches = await checkLedger(t.handle.db);
    // The account, and the whole ledger no longer summing to zero.
    expect(breaches).toEqual([
      expect.objectContaining({ rule: 'R-21', what: 'account', id: a }),
      expect.objectContaining({ rule: 'R-21', what: 'ledger' }),
    ]);
    await t.handle.db.update(ledgerAccounts).set({ balance: was }).where(eq(ledgerAccounts.id, a));
  });

  it('R-21 F-65 keeps the custody balance in buckets and reports a bucket that drifted from the entries', async () => {
    const custody = await t.handle.db.transaction((tx) => systemAccount(tx, 'custody'));
    const before = await fundBalance(t.handle.db, 'custody');
    const sumOfEntries = async () =>
      BigInt(
        (
          await rowsOf<{ s: string }>(
            t.handle.db,
            sql`select coalesce(sum(amount), 0)::text as s from ledger_entries where account_id = ${custody}`,
          )
        )[0]?.s ?? 0,
      );
    expect(before).toBe(await sumOfEntries());
    // The custody row itself no longer moves: its balance is the sum of its buckets.
    const [row] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, custody));
    expect(row?.balance).toBe(0n);
    const [bucket] = await t.handle.db.select().from(ledgerBalanceBuckets).where(eq(ledgerBalanceBuckets.accountId, custody)).limit(1);
    if (!bucket) throw new Error('custody has no bucket');
    await t.handle.db
      .update(ledgerBalanceBuckets)
      .set({ balance: bucket.balance + 7n })
      .where(and(eq(ledgerBalanceBuckets.accountId, custody), eq(ledgerBalanceBuckets.bucket, bucket.bucket)));
    expect(await checkLedger(t.handle.db)).toEqual([
      expect.objectContaining({ rule: 'R-21', what: 'account', id: custody }),
      expect.objectContaining({ rule: 'R-21', what: 'ledger' }),
    ]);
    await t.handle.db
      .update(ledgerBalanceBuckets)
      .set({ balance: bucket.balance })
      .where(and(eq(ledgerBalanceBuckets.accountId, custody), eq(ledgerBalanceBuckets.bucket, bucket.bucket)));
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });

  it('R-21 migration 0016 moves what a fund account held in its row into bucket 0, the balance unchanged', async () => {
    const custody = await t.handle.db.transaction((tx) => systemAccount(tx, 'custody'));
    const held = await fundBalance(t.handle.db, 'custody');
    // The database as it stood before 0016: the custody balance cached in its row, no buckets.
    await t.handle.db.transaction(async (tx) => {
      await tx.update(ledgerAccounts).set({ balance: held }).where(eq(ledgerAccounts.id, custody));
      await tx.delete(ledgerBalanceBuckets).where(eq(ledgerBalanceBuckets.accountId, custody));
    });
    expect(await checkLedger(t.handle.db)).toEqual([]);
    const file = readFileSync(new URL('../db/migrations/0016_ledger_balance_buckets.sql', import.meta.url), 'utf8');
    const moves = file
      .split('--> statement-breakpoint')
      .map((part) => part.trim())
      .filter((part) => /^(--.*\n)*\s*(INSERT|UPDATE)/.test(part));
    expect(moves).toHaveLength(2);
    await t.handle.db.transaction(async (tx) => {
      for (const statement of moves) await tx.execute(sql.raw(statement));
    });
    const [row] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, custody));
    expect(row?.balance).toBe(0n);
    const buckets = await t.handle.db.select().from(ledgerBalanceBuckets).where(eq(ledgerBalanceBuckets.accountId, custody));
    expect(buckets).toEqual([{ accountId: custody, bucket: 0, balance: held }]);
    expect(await fundBalance(t.handle.db, 'custody')).toBe(held);
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });
});

/** The SQLSTATE and message the database (either driver) answered with, or null when it went through. */
async function refusalOf(statement: ReturnType<typeof sql>): Promise<{ code?: string; message: string } | null> {
  try {
    await t.handle.db.execute(statement);
    return null;
  } catch (err) {
    for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
      const o = e as { code?: string; message: string };
      if (o.code) return o;
    }
    return err as { message: string };
  }
}

describe('R-20 the ledger is append-only in the database itself', () => {
  for (const table of ['ledger_entries', 'ledger_transactions'] as const) {
    it(`R-20 update, delete and truncate of ${table} are refused and change nothing`, async () => {
      const name = sql.identifier(table);
      const countRows = async () => (await rowsOf<{ n: number }>(t.handle.db, sql`select count(*)::int as n from ${name}`))[0]?.n;
      const before = await countRows();
      expect(before).toBeGreaterThan(0);
      for (const [op, statement] of [
        ['UPDATE', sql`update ${name} set created_at = created_at - interval '1 day'`],
        ['DELETE', sql`delete from ${name}`],
        ['TRUNCATE', sql`truncate ${name} cascade`],
      ] as const) {
        const err = await refusalOf(statement);
        expect(err, `${op} went through`).not.toBeNull();
        expect(err?.code).toBe('42501');
        expect(err?.message).toContain(`${table} is append-only: ${op} refused`);
      }
      expect(await countRows()).toBe(before);
      expect(await checkLedger(t.handle.db)).toEqual([]);
    });
  }
});

/** Runs `fn` in a transaction that is rolled back afterwards, so the ledger keeps nothing of it. */
async function rolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const undo = new Error('roll back');
  let result: T | undefined;
  const err = await t.handle.db
    .transaction(async (tx) => {
      result = await fn(tx);
      throw undo;
    })
    .catch((e) => e);
  if (err !== undo) throw err;
  return result as T;
}

/** The first six house accounts, for refusals that name five and say there are more. */
async function sixHouseAccounts() {
  const accounts = await t.handle.db
    .select()
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.kind, 'house'))
    .orderBy(ledgerAccounts.id)
    .limit(6);
  expect(accounts).toHaveLength(6);
  return accounts;
}

describe('R-20 R-21 R-52 refusals and records of a posting', () => {
  it('R-52 a closed house account takes no entry: the refusal names the accounts, the first five and the count', async () => {
    const accounts = await sixHouseAccounts();
    const closeAndPost = (some: typeof accounts) =>
      rolledBack(async (tx) => {
        await tx
          .update(houseAccountRows)
          .set({ status: 'closed' })
          .where(
            inArray(
              houseAccountRows.houseId,
              some.map((a) => a.houseId as number),
            ),
          );
        const custody = await systemAccount(tx, 'custody');
        return post(tx, {
          kind: 'deposit',
          reference: 'JK-CLOSED',
          at,
          entries: [...accounts.map((a) => ({ accountId: a.id, amount: 1n })), { accountId: custody, amount: -BigInt(accounts.length) }],
        }).catch((e) => e);
      });
    const one = await closeAndPost(accounts.slice(1, 2));
    expect(one).toBeInstanceOf(AccountClosed);
    expect(one).toMatchObject({ status: 409, code: 'ACCOUNT_CLOSED', message: `分户账 ${accounts[1]?.name} 已销户，不能再记账` });
    const five = await closeAndPost(accounts.slice(0, 5));
    expect(five).toMatchObject({
      message: `分户账 ${accounts
        .slice(0, 5)
        .map((a) => a.name)
        .join('、')} 已销户，不能再记账`,
    });
    const six = await closeAndPost(accounts);
    const names = accounts.slice(0, 5).map((a) => a.name);
    expect(six).toMatchObject({ code: 'ACCOUNT_CLOSED', message: `分户账 ${names.join('、')} 等 6 户 已销户，不能再记账` });
    // Open accounts take the same posting.
    expect(await closeAndPost([])).toEqual(expect.any(Number));
  });

  it('R-21 the shortfall names the house and the rule; an unknown account is refused', async () => {
    const [a] = houseAccounts as [number];
    const [row] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, a));
    const err = await rolledBack(async (tx) => {
      const payable = await systemAccount(tx, 'disbursements_payable');
      const have = (await lockAccounts(tx, [a]))[0]?.balance ?? 0n;
      return post(tx, {
        kind: 'project_transfer',
        reference: 'BF-SHORT',
        at,
        entries: [
          { accountId: a, amount: -(have + 1n) },
          { accountId: payable, amount: have + 1n },
        ],
      }).catch((e) => e);
    });
    expect(err).toMatchObject({ status: 409, code: 'INSUFFICIENT_BALANCE', rule: 'R-21', message: `1 个分户账余额不足：${row?.name}` });
    expect((err as InsufficientBalance).shortfalls[0]).toMatchObject({ accountId: a, houseId: row?.houseId, name: row?.name });
    const unknown = await rolledBack(async (tx) => {
      const custody = await systemAccount(tx, 'custody');
      return post(tx, {
        kind: 'deposit',
        reference: 'JK-UNKNOWN',
        at,
        entries: [
          { accountId: 2_000_000_000, amount: 1n },
          { accountId: custody, amount: -1n },
        ],
      }).catch((e) => e);
    });
    expect(unknown).toBeInstanceOf(Error);
    // An account that does not exist fails the entries' foreign key (SQLSTATE 23503) as they are written.
    const codes: string[] = [];
    for (let e: unknown = unknown; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string') codes.push(code);
    }
    expect(codes).toContain('23503');
  });

  it('R-20 a posting records its kind, reference and an empty memo by default; accounts come back with their house', async () => {
    const [a] = houseAccounts as [number];
    const { row, locked, custody } = await rolledBack(async (tx) => {
      const custody = await systemAccount(tx, 'custody');
      const id = await post(tx, {
        kind: 'deposit',
        reference: 'JK-MEMO',
        at,
        entries: [
          { accountId: a, amount: 1n },
          { accountId: custody, amount: -1n },
        ],
      });
      const [row] = await tx.select().from(ledgerTransactions).where(eq(ledgerTransactions.id, id));
      return { row, locked: await lockAccounts(tx, [custody, a, a]), custody };
    });
    expect(row).toMatchObject({ kind: 'deposit', reference: 'JK-MEMO', memo: '', reversesId: null, createdBy: null });
    const [house] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, a));
    expect(locked.map((l) => [l.id, l.houseId])).toEqual(
      [
        [custody, null],
        [a, house?.houseId],
      ].sort((x, y) => Number(x[0]) - Number(y[0])),
    );
    expect(() => bigintArray([1, 1.5])).toThrow('1.5 is not an integer');
    expect(await t.handle.db.transaction((tx) => lockAccounts(tx, []))).toEqual([]);
  });

  it('R-21 a shortfall over six houses names the first five and says there are more; over five it names them all', async () => {
    const accounts = await sixHouseAccounts();
    const overdraw = (some: typeof accounts) =>
      rolledBack(async (tx) => {
        const payable = await systemAccount(tx, 'disbursements_payable');
        const locked = await lockAccounts(
          tx,
          some.map((a) => a.id),
        );
        return post(tx, {
          kind: 'project_transfer',
          reference: 'BF-SIX',
          at,
          entries: [
            ...locked.map((a) => ({ accountId: a.id, amount: -(a.balance + 1n) })),
            { accountId: payable, amount: locked.reduce((sum, a) => sum + a.balance + 1n, 0n) },
          ],
        }).catch((e) => e);
      });
    const names = accounts.slice(0, 5).map((a) => a.name);
    const six = await overdraw(accounts);
    expect(six).toBeInstanceOf(InsufficientBalance);
    expect(six).toMatchObject({ count: 6, message: `6 个分户账余额不足：${names.join('、')} 等` });
    expect((six as InsufficientBalance).shortfalls.map((s) => s.accountId)).toEqual(accounts.map((a) => a.id));
    const five = await overdraw(accounts.slice(0, 5));
    expect(five).toMatchObject({ count: 5, message: `5 个分户账余额不足：${names.join('、')}` });
  });

  it('R-21 several postings are checked in their order against each house’s running balance, and come back as ids in that order', async () => {
    const [a] = houseAccounts as [number];
    const payout = (amount: bigint, payable: number, reference: string) => ({
      kind: 'refund' as const,
      reference,
      at,
      entries: [
        { accountId: a, amount: -amount },
        { accountId: payable, amount },
      ],
    });
    const deposit = (amount: bigint, custody: number, reference: string) => ({
      kind: 'deposit' as const,
      reference,
      at,
      entries: [
        { accountId: a, amount },
        { accountId: custody, amount: -amount },
      ],
    });
    // Each payout alone fits the balance; the second one after the first does not.
    const { both, have } = await rolledBack(async (tx) => {
      const payable = await systemAccount(tx, 'refunds_payable');
      const custody = await systemAccount(tx, 'custody');
      await post(tx, deposit(500n, custody, 'JK-0'));
      const have = (await lockAccounts(tx, [a]))[0]?.balance ?? 0n;
      return { both: await postMany(tx, [payout(have, payable, 'TK-1'), payout(1n, payable, 'TK-2')]).catch((e) => e), have };
    });
    expect(both).toBeInstanceOf(InsufficientBalance);
    expect((both as InsufficientBalance).shortfalls).toEqual([
      expect.objectContaining({ accountId: a, balance: have, change: -(have + 1n) }),
    ]);
    // A deposit earlier in the list pays for a payout later in it; the other way round it does not.
    const { ids, references, after } = await rolledBack(async (tx) => {
      const payable = await systemAccount(tx, 'refunds_payable');
      const custody = await systemAccount(tx, 'custody');
      const before = (await lockAccounts(tx, [a]))[0]?.balance ?? 0n;
      const refused = await postMany(tx, [payout(before + 100n, payable, 'TK-3'), deposit(100n, custody, 'JK-3')]).catch((e) => e);
      expect(refused).toBeInstanceOf(InsufficientBalance);
      const ids = await postMany(tx, [deposit(100n, custody, 'JK-4'), payout(before + 100n, payable, 'TK-4')]);
      const rows = await tx.select().from(ledgerTransactions).where(inArray(ledgerTransactions.id, ids));
      const references = ids.map((id) => rows.find((r) => r.id === id)?.reference);
      return { ids, references, after: (await lockAccounts(tx, [a]))[0]?.balance };
    });
    expect(ids).toHaveLength(2);
    expect(references).toEqual(['JK-4', 'TK-4']);
    expect(after).toBe(0n);
    expect(await t.handle.db.transaction((tx) => postMany(tx, []))).toEqual([]);
  });

  it('R-20 a reversal records the transaction it reverses and who posted it', async () => {
    const [a] = houseAccounts as [number];
    const { id, row } = await rolledBack(async (tx) => {
      const custody = await systemAccount(tx, 'custody');
      const entries = [
        { accountId: a, amount: 7n },
        { accountId: custody, amount: -7n },
      ];
      const id = await post(tx, { kind: 'deposit', reference: 'JK-REV', memo: '柜台 DZ-1', createdBy: 42, at, entries });
      const back = await post(tx, {
        kind: 'reversal',
        reference: 'JK-REV',
        reversesId: id,
        createdBy: 43,
        at,
        entries: reversalOf(entries),
      });
      const [row] = await tx.select().from(ledgerTransactions).where(eq(ledgerTransactions.id, back));
      return { id, row };
    });
    expect(row).toMatchObject({ kind: 'reversal', reference: 'JK-REV', memo: '', reversesId: id, createdBy: 43, createdAt: at });
  });

  it('F-65 reports a transaction without entries and a house account below zero, with the figures', async () => {
    const [a] = houseAccounts as [number];
    const breaches = await rolledBack(async (tx) => {
      const [tr] = await tx.insert(ledgerTransactions).values({ kind: 'deposit', reference: 'JK-EMPTY' }).returning();
      const [acc] = await tx.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, a));
      // The row itself cannot go below zero (a CHECK constraint); a stray balance bucket can.
      await tx.insert(ledgerBalanceBuckets).values({ accountId: a, bucket: 0, balance: -((acc?.balance ?? 0n) + 5n) });
      return { id: tr?.id, name: acc?.name, was: acc?.balance ?? 0n, list: await checkLedger(tx) };
    });
    expect(breaches.list).toEqual([
      { rule: 'R-20', what: 'transaction', id: breaches.id, detail: '0 条分录，合计 0 分' },
      { rule: 'R-21', what: 'account', id: a, detail: `${breaches.name}：余额 -5 分，分录合计 ${breaches.was} 分` },
      { rule: 'R-21', what: 'account', id: a, detail: `${breaches.name}：余额为负（-5 分）` },
      {
        rule: 'R-21',
        what: 'ledger',
        id: 0,
        detail: `全部账户余额合计 ${-5n - breaches.was} 分，应为 0：专户银行存款与各分户账、应付款不能对应`,
      },
    ]);
    expect(await checkLedger(t.handle.db)).toEqual([]);
  });
});
