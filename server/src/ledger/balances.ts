import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../db/client.ts';

export type FundKind = 'custody' | 'refunds_payable' | 'disbursements_payable' | 'interest';

/**
 * The balance of one of the fund's own accounts (专户银行存款, 应付退款…), 0 before its first use:
 * its row plus its balance buckets (see `ledgerBalanceBuckets`), at most a few dozen rows.
 */
export async function fundBalance(db: Conn, kind: FundKind): Promise<bigint> {
  const [r] = await rowsOf<{ balance: string | null }>(
    db,
    sql`select (sum(a.balance) + coalesce((select sum(b.balance) from ledger_balance_buckets b
        join ledger_accounts f on f.id = b.account_id where f.kind = ${kind} and f.house_id is null), 0))::text as balance
      from ledger_accounts a where a.kind = ${kind} and a.house_id is null`,
  );
  return BigInt(r?.balance ?? 0);
}

/** The sum of every account's balance: zero while every movement balances. */
export async function ledgerTotal(db: Conn): Promise<bigint> {
  const [r] = await rowsOf<{ total: string }>(
    db,
    sql`select ((select coalesce(sum(balance), 0) from ledger_accounts) + (select coalesce(sum(balance), 0) from ledger_balance_buckets))::text as total`,
  );
  return BigInt(r?.total ?? 0);
}
