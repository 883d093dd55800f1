import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../db/client.ts';
import { ledgerTotal } from './balances.ts';

export interface Breach {
  rule: 'R-20' | 'R-21';
  what: string;
  id: number;
  detail: string;
}

/**
 * F-65: the ledger's invariants over every account and transaction, in four set-based queries —
 * each transaction sums to zero with at least two entries; each account's balance (its row
 * plus its balance buckets, see `ledgerBalanceBuckets`) equals the sum of its entries, no house
 * account is negative, and all balances together are zero: the custody account mirrors the house
 * accounts and the other fund accounts exactly.
 */
export async function checkLedger(db: Conn): Promise<Breach[]> {
  const unbalanced = await rowsOf<{ id: string; n: string; total: string }>(
    db,
    sql`
    select t.id::text as id, count(e.id)::text as n, coalesce(sum(e.amount), 0)::text as total
    from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id
    group by t.id having count(e.id) < 2 or coalesce(sum(e.amount), 0) <> 0`,
  );
  const drifted = await rowsOf<{ id: string; name: string; balance: string; total: string }>(
    db,
    sql`
    select a.id::text as id, a.name, (a.balance + coalesce(b.total, 0))::text as balance, coalesce(s.total, 0)::text as total
    from ledger_accounts a
      left join (select account_id, sum(amount) as total from ledger_entries group by account_id) s on s.account_id = a.id
      left join (select account_id, sum(balance) as total from ledger_balance_buckets group by account_id) b on b.account_id = a.id
    where a.balance + coalesce(b.total, 0) <> coalesce(s.total, 0)`,
  );
  const negative = await rowsOf<{ id: string; name: string; balance: string }>(
    db,
    sql`
    select a.id::text as id, a.name, (a.balance + coalesce(b.total, 0))::text as balance
    from ledger_accounts a left join (select account_id, sum(balance) as total from ledger_balance_buckets group by account_id) b on b.account_id = a.id
    where a.kind = 'house' and a.balance + coalesce(b.total, 0) < 0`,
  );
  const total = await ledgerTotal(db);
  return [
    ...unbalanced.map((r) => ({
      rule: 'R-20' as const,
      what: 'transaction',
      id: Number(r.id),
      detail: `${r.n} 条分录，合计 ${r.total} 分`,
    })),
    ...drifted.map((r) => ({
      rule: 'R-21' as const,
      what: 'account',
      id: Number(r.id),
      detail: `${r.name}：余额 ${r.balance} 分，分录合计 ${r.total} 分`,
    })),
    ...negative.map((r) => ({
      rule: 'R-21' as const,
      what: 'account',
      id: Number(r.id),
      detail: `${r.name}：余额为负（${r.balance} 分）`,
    })),
    ...(total === 0n
      ? []
      : [
          {
            rule: 'R-21' as const,
            what: 'ledger',
            id: 0,
            detail: `全部账户余额合计 ${total} 分，应为 0：专户银行存款与各分户账、应付款不能对应`,
          },
        ]),
  ];
}
