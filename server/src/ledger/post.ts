import { and, eq, isNull, sql } from 'drizzle-orm';
import { bigintArray, intArray, rowsOf, sentAs, type Tx } from '../db/client.ts';
import { ledgerAccounts } from '../db/schema/index.ts';
import { type Entry, entriesProblem } from '../domain/ledger-rules.ts';
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

/** How many shortfalls or closed accounts a refusal carries by name: the count says the rest. */
export const REFUSAL_SAMPLE = 20;

export class InsufficientBalance extends AppError {
  /**
   * `shortfalls` names at most REFUSAL_SAMPLE of them, in account order; `count` is how many
   * accounts would go below zero in all.
   */
  constructor(
    readonly shortfalls: { accountId: number; houseId: number | null; name: string; balance: bigint; change: bigint }[],
    readonly count = shortfalls.length,
  ) {
    super(
      409,
      'INSUFFICIENT_BALANCE',
      `${count} 个分户账余额不足：${shortfalls
        .map((s) => s.name)
        .slice(0, 5)
        .join('、')}${count > 5 ? ' 等' : ''}`,
      undefined,
      undefined,
      'R-21',
    );
  }
}

export class AccountClosed extends AppError {
  constructor(
    readonly names: string[],
    readonly count = names.length,
  ) {
    super(409, 'ACCOUNT_CLOSED', `分户账 ${names.slice(0, 5).join('、')}${count > 5 ? ` 等 ${count} 户` : ''} 已销户，不能再记账`);
  }
}

/**
 * How many rows hold the balance of each of the fund's own accounts: concurrent postings to the
 * custody account meet on the same row only when their transaction ids agree modulo this.
 */
export const LEDGER_BUCKETS = 64;

/** The one place money moves (R-20, R-21): one posting, one ledger transaction; see `postMany`. */
export async function post(tx: Tx, p: Posting): Promise<number> {
  const [id] = await postMany(tx, [p]);
  if (id === undefined) throw new Error('ledger: transaction insert returned no row');
  return id;
}

/**
 * Several postings, each its own ledger transaction (a bank's day file of deposits), in two
 * statements however many postings and accounts: R-20 balance per posting, checked here; then the
 * touched house accounts are locked in ascending id order — the same order in every transaction,
 * so concurrent postings queue instead of deadlocking — and R-21 checked in SQL against each
 * account's running balance over the postings in the order given; then, read after those locks,
 * R-52 (no entry to a closed account) guards the write of the transactions, their entries, the
 * house balances and, for the fund's own accounts (custody, payables, interest), which have no
 * floor to check, one balance bucket of this transaction's (see `ledgerBalanceBuckets`). So two
 * deposits into different houses never wait for each other. Nothing per account comes back to
 * this process: a refusal over half a million accounts carries a count and the first few names.
 * Returns the new transactions' ids in the order of `postings`.
 */
export async function postMany(tx: Tx, postings: readonly Posting[]): Promise<number[]> {
  if (postings.length === 0) return [];
  let size = 0;
  for (const p of postings) {
    const problem = entriesProblem(p.entries);
    if (problem) throw new Error(`ledger: ${problem}`);
    size += p.entries.length;
  }
  const postingOf = new Array<number>(size);
  const accountOf = new Array<number>(size);
  const amountOf = new Array<bigint>(size);
  let k = 0;
  postings.forEach((p, i) => {
    for (const e of p.entries) {
      postingOf[k] = i + 1;
      accountOf[k] = e.accountId;
      amountOf[k++] = e.amount;
    }
  });
  // A small posting's two statements (a deposit's) are prepared once per connection: PostgreSQL spent
  // more parsing and planning them than running them. A large one keeps plans made for its size.
  const { run, array: sent } = sentAs(size);
  const arrays = [
    [intArray(postingOf), 'int[]'],
    [bigintArray(accountOf), 'bigint[]'],
    [bigintArray(amountOf), 'bigint[]'],
  ] as const;
  // The entries as three array parameters, numbered in the order given.
  const entries = sql`select * from unnest(${sql.join(
    arrays.map(([array, type]) => sent(array, type)),
    sql`, `,
  )}) with ordinality as e(p, account_id, amount, n)`;
  // A single posting's running balance is its net; several postings' are summed in their order.
  const change = postings.length === 1 ? sql`n.delta` : sql`sum(n.delta) over (partition by l.id order by n.p)`;
  const [check] = await run<{ short: number; sample: ShortRow[] | null }>(
    tx,
    sql`with e as materialized (${entries}),
      net as materialized (select p, account_id, sum(amount) as delta from e group by p, account_id),
      locked as materialized (
        select a.id, a.house_id, a.name, a.balance from ledger_accounts a
         where a.id in (select account_id from net) and a.kind = 'house' order by a.id for update
      ),
      running as (
        select l.id, l.house_id, l.name, l.balance, n.p, ${change} as change
          from locked l join net n on n.account_id = l.id
      ),
      short as materialized (
        select distinct on (id) id, house_id, name, balance, change from running where balance + change < 0 order by id, p
      )
      select (select count(*) from short)::int as short,
             (select json_agg(json_build_object('accountId', id, 'houseId', house_id, 'name', name, 'balance', balance::text, 'change', change::text) order by id)
                from (select * from short order by id limit ${REFUSAL_SAMPLE}) s) as sample`,
  );
  // An account that does not exist fails the entries' foreign key when they are written.
  if (!check) throw new Error('ledger: the check returned no row');
  if (check.short > 0) {
    const sample = (check.sample ?? []).map((s) => ({
      accountId: Number(s.accountId),
      houseId: s.houseId === null ? null : Number(s.houseId),
      name: s.name,
      balance: BigInt(s.balance),
      change: BigInt(s.change),
    }));
    throw new InsufficientBalance(sample, check.short);
  }
  const meta = JSON.stringify(
    postings.map((p, i) => ({
      p: i + 1,
      kind: p.kind,
      reference: p.reference,
      memo: p.memo ?? '',
      reverses_id: p.reversesId ?? null,
      created_by: p.createdBy ?? null,
      created_at: p.at.toISOString(),
    })),
  );
  const [written] = await run<{ ids: (number | string)[] | null; closed: number; names: string[] | null }>(
    tx,
    sql`with e as materialized (${entries}),
      closed as (
        select la.id, la.name from ledger_accounts la join house_accounts ha on ha.house_id = la.house_id
         where la.id in (select account_id from e) and ha.status = 'closed'
      ),
      go as (select not exists (select 1 from closed) as ok),
      x as materialized (
        -- Each transaction's id drawn from the sequence in posting order, so the entries refer to it directly.
        select s.*, nextval(pg_get_serial_sequence('ledger_transactions', 'id')) as id
          from (select * from jsonb_to_recordset(${meta}::jsonb) as s(p int, kind text, reference text, memo text,
                  reverses_id bigint, created_by bigint, created_at timestamptz) order by p) s
         where (select ok from go)
      ),
      t as (
        insert into ledger_transactions (id, kind, reference, memo, reverses_id, created_by, created_at)
        overriding system value
        select id, kind, reference, memo, reverses_id, created_by, created_at from x order by p
        returning id
      ),
      entries as (
        insert into ledger_entries (transaction_id, account_id, amount, created_at)
        select x.id, e.account_id, e.amount, x.created_at from t join x on x.id = t.id join e on e.p = x.p order by e.n
      ),
      net as (
        select e.account_id as id, sum(e.amount) as delta, bool_or(a.kind = 'house') as house
          from e join ledger_accounts a on a.id = e.account_id where (select ok from go) group by e.account_id
      ),
      houses as (
        update ledger_accounts a set balance = a.balance + v.delta, version = a.version + 1
          from net v where a.id = v.id and v.house
      ),
      funds as (
        insert into ledger_balance_buckets as b (account_id, bucket, balance)
        select v.id, (txid_current() % ${LEDGER_BUCKETS})::smallint, v.delta from net v where not v.house and v.delta <> 0
         order by v.id
        on conflict (account_id, bucket) do update set balance = b.balance + excluded.balance
      )
      select (select json_agg(id order by p) from x) as ids,
             (select count(*) from closed)::int as closed,
             (select json_agg(name order by id) from (select * from closed order by id limit ${REFUSAL_SAMPLE}) c) as names`,
  );
  if (!written) throw new Error('ledger: the posting statement returned no row');
  if (written.closed > 0) throw new AccountClosed(written.names ?? [], written.closed);
  const ids = (written.ids ?? []).map(Number);
  if (ids.length !== postings.length) throw new Error('ledger: transaction insert returned no row');
  // F-83: the bound owners of the touched houses hear of it in the same transaction, all postings at once.
  await notifyPostingOwners(
    tx,
    postings.map((p, i) => ({
      transactionId: ids[i] as number,
      kind: p.kind,
      label: TRANSACTION_KINDS[p.kind],
      reference: p.reference,
      at: p.at,
    })),
  );
  return ids;
}

interface ShortRow {
  accountId: number | string;
  houseId: number | string | null;
  name: string;
  balance: string;
  change: string;
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
