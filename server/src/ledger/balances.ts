import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../db/client.ts';

export type FundKind = 'custody' | 'refunds_payable' | 'disbursements_payable' | 'interest';

/** The balance of one of the fund's own accounts (专户银行存款, 应付退款…), 0 before its first use. */
export async function fundBalance(db: Conn, kind: FundKind): Promise<bigint> {
  const [r] = await rowsOf<{ balance: string | null }>(
    db,
    sql`select sum(a.balance)::text as balance from ledger_accounts a where a.kind = ${kind} and a.house_id is null`,
  );
  return BigInt(r?.balance ?? 0);
}

/** The sum of every account's balance: zero while every movement balances. */
export async function ledgerTotal(db: Conn): Promise<bigint> {
  const [r] = await rowsOf<{ total: string | null }>(db, sql`select sum(balance)::text as total from ledger_accounts`);
  return BigInt(r?.total ?? 0);
}
