import { and, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/client.ts';
import { ledgerAccounts } from '../db/schema/index.ts';
import { type Entry, entriesProblem, netByAccount } from '../domain/ledger-rules.ts';
import { AppError } from '../lib/errors.ts';
import { notifyPostingOwners } from '../modules/owners/notify.ts';

/** What a ledger transaction records; each has the Chinese name an account statement shows. */
export const TRANSACTION_KINDS = {
  deposit: '交存',
  deposit_reversal: '交存冲正',
  refund: '退款',
  project_transfer: '维修支出',
  project_refund: '清退',
  balance_move: '拆分合并转移',
  refund_payout: '退款付款',
  interest: '增值收益',
  reversal: '冲正',
} as const;
export type TransactionKind = keyof typeof TRANSACTION_KINDS;

export interface Posting {
  kind: TransactionKind;
  reference: string;
  memo?: string;
  reversesId?: number | null;
  createdBy?: number | null;
  at: Date;
  entries: Entry[];
}

export class InsufficientBalance extends AppError {
  constructor(readonly shortfalls: { accountId: number; houseId: number | null; name: string; balance: bigint; change: bigint }[]) {
    super(
      409,
      'INSUFFICIENT_BALANCE',
      `${shortfalls.length} 个分户账余额不足：${shortfalls
        .map((s) => s.name)
        .slice(0, 5)
        .join('、')}`,
      undefined,
      undefined,
      'R-21',
    );
  }
}

export class AccountClosed extends AppError {
  constructor(readonly names: string[]) {
    super(
      409,
      'ACCOUNT_CLOSED',
      `分户账 ${names.slice(0, 5).join('、')}${names.length > 5 ? ` 等 ${names.length} 户` : ''} 已销户，不能再记账`,
    );
  }
}

/**
 * R-52: a closed house account (房屋注销, or a split/merge source) never receives another entry.
 * Read after the accounts are locked — an approval closing one holds that lock — in one statement
 * however many accounts the posting touches.
 */
async function refuseClosedAccounts(tx: Tx, ids: readonly number[]) {
  if (ids.length === 0) return;
  const closed = await rowsOf<{ name: string }>(
    tx,
    sql`select la.name from ledger_accounts la join house_accounts ha on ha.house_id = la.house_id
      where la.id = any(${bigintArray(ids)}) and ha.status = 'closed' order by la.id`,
  );
  const names = closed.map((r) => r.name);
  if (names.length > 0) throw new AccountClosed(names);
}

/**
 * How many rows hold the balance of each of the fund's own accounts: concurrent postings to the
 * custody account meet on the same row only when their transaction ids agree modulo this.
 */
export const LEDGER_BUCKETS = 64;

/**
 * The one place money moves (R-20, R-21). Locks the touched house accounts in ascending id order —
 * the same order in every transaction, so concurrent postings queue instead of deadlocking — checks
 * that no house account would go negative, appends the entries and updates the cached balances:
 * a house account's row, and for the fund's own accounts (custody, payables, interest), which have
 * no floor to check, one balance bucket of this transaction's (see `ledgerBalanceBuckets`). So two
 * deposits into different houses never wait for each other.
 */
export async function post(tx: Tx, p: Posting): Promise<number> {
  const problem = entriesProblem(p.entries);
  if (problem) throw new Error(`ledger: ${problem}`);
  const net = netByAccount(p.entries);
  const ids = [...net.keys()].sort((a, b) => a - b);
  const accounts = await lockAccounts(tx, ids);
  if (accounts.length !== ids.length) throw new Error('ledger: unknown account');
  const short = accounts
    .filter((a) => a.kind === 'house' && a.balance + (net.get(a.id) ?? 0n) < 0n)
    .map((a) => ({ accountId: a.id, houseId: a.houseId, name: a.name, balance: a.balance, change: net.get(a.id) ?? 0n }));
  if (short.length > 0) throw new InsufficientBalance(short);
  await refuseClosedAccounts(
    tx,
    accounts.filter((a) => a.kind === 'house').map((a) => a.id),
  );
  const kindOf = new Map(accounts.map((a) => [a.id, a.kind]));
  const houseIds = ids.filter((id) => kindOf.get(id) === 'house');
  const fundIds = ids.filter((id) => kindOf.get(id) !== 'house' && (net.get(id) ?? 0n) !== 0n);
  // One statement whatever the number of accounts, each list one array parameter: the transaction,
  // its entries in the order given, the house balances (rows locked above), and for the fund's own
  // accounts one bucket each — in account order, the same order in every transaction.
  const [t] = await rowsOf<{ id: string }>(
    tx,
    sql`with t as (
        insert into ledger_transactions (kind, reference, memo, reverses_id, created_by, created_at)
        values (${p.kind}, ${p.reference}, ${p.memo ?? ''}, ${p.reversesId ?? null}::bigint, ${p.createdBy ?? null}::bigint, ${p.at.toISOString()}::timestamptz)
        returning id
      ), entries as (
        insert into ledger_entries (transaction_id, account_id, amount, created_at)
        select t.id, e.account_id, e.amount, ${p.at.toISOString()}::timestamptz
          from t, unnest(${bigintArray(p.entries.map((e) => e.accountId))}, ${bigintArray(p.entries.map((e) => e.amount))})
            with ordinality as e(account_id, amount, n)
         order by e.n
      ), houses as (
        update ledger_accounts a set balance = a.balance + v.delta, version = a.version + 1
          from unnest(${bigintArray(houseIds)}, ${bigintArray(houseIds.map((id) => net.get(id) ?? 0n))}) as v(id, delta) where a.id = v.id
      ), funds as (
        insert into ledger_balance_buckets as b (account_id, bucket, balance)
        select v.id, (txid_current() % ${LEDGER_BUCKETS})::smallint, v.delta
          from unnest(${bigintArray(fundIds)}, ${bigintArray(fundIds.map((id) => net.get(id) ?? 0n))}) as v(id, delta)
         order by v.id
        on conflict (account_id, bucket) do update set balance = b.balance + excluded.balance
      )
      select id::text as id from t`,
  );
  if (!t) throw new Error('ledger: transaction insert returned no row');
  // F-83: the bound owners of the touched houses hear of it in the same transaction.
  if (houseIds.length > 0) {
    await notifyPostingOwners(tx, Number(t.id), { kind: p.kind, label: TRANSACTION_KINDS[p.kind], reference: p.reference, at: p.at });
  }
  return Number(t.id);
}

/**
 * Locks the house accounts among `ids` `FOR UPDATE` in ascending id order and returns every one of
 * the accounts in that order. A use case that posts several times, or reads balances before
 * posting, locks everything it will touch here first, so every transaction takes its account locks
 * in the one global order and none can deadlock. The fund's own accounts are returned unlocked:
 * their balance is not in the row (see `ledgerBalanceBuckets`) and has no floor to defend, and
 * locking the custody row would make every deposit wait for the one before it.
 */
export async function lockAccounts(tx: Tx, ids: readonly number[]) {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const rows = await rowsOf<{
    id: string;
    kind: string;
    house_id: string | null;
    name: string;
    balance: string;
    version: number;
    created_at: string | Date;
  }>(
    tx,
    sql`with houses as materialized (
        select * from ledger_accounts where id = any(${bigintArray(sorted)}) and kind = 'house' order by id for update
      )
      select * from houses
      union all select * from ledger_accounts where id = any(${bigintArray(sorted)}) and kind <> 'house'
      order by id`,
  );
  return rows.map((r): typeof ledgerAccounts.$inferSelect => ({
    id: Number(r.id),
    kind: r.kind as (typeof ledgerAccounts.$inferSelect)['kind'],
    houseId: r.house_id === null ? null : Number(r.house_id),
    name: r.name,
    balance: BigInt(r.balance),
    version: r.version,
    createdAt: new Date(r.created_at),
  }));
}

/**
 * A list of integers as one `bigint[]` parameter (PostgreSQL's array literal): a statement holds at
 * most 65,535 parameters, and one per value would fail for a city's accounts.
 */
export function bigintArray(values: readonly (number | bigint)[]) {
  for (const v of values) if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error(`ledger: ${v} is not an integer`);
  return sql`${`{${values.join(',')}}`}::bigint[]`;
}

/**
 * The fund's own accounts, created on first use. The partial unique index on kind makes a
 * concurrent first use wait for the other's row instead of creating a second account.
 */
export async function systemAccount(tx: Tx, kind: 'custody' | 'refunds_payable' | 'disbursements_payable' | 'interest'): Promise<number> {
  const names = {
    custody: '专户银行存款',
    refunds_payable: '应付退款',
    disbursements_payable: '应付拨付款',
    interest: '增值收益',
  } as const;
  const find = async () =>
    (
      await tx
        .select({ id: ledgerAccounts.id })
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.kind, kind), isNull(ledgerAccounts.houseId)))
    )[0]?.id;
  const found = await find();
  if (found) return found;
  await tx
    .insert(ledgerAccounts)
    .values({ kind, name: names[kind] })
    .onConflictDoNothing({ target: ledgerAccounts.kind, where: sql`house_id is null` });
  const made = await find();
  if (!made) throw new Error(`ledger: no ${kind} account`);
  return made;
}
