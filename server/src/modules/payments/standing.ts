import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { chunks } from '../registry/bulk.ts';

export interface HouseStanding {
  houseId: number;
  amountDue: bigint;
  /**
   * What the house has paid towards its amount due: deposits (补交 included) net of reversals, plus
   * a balance moved in from split or merged houses, less R-12 refunds of an overpayment.
   */
  deposited: bigint;
  balance: bigint;
  /** Numbers of open (unpaid) notices holding this house, by purpose. */
  openNotices: Record<string, string>;
}

/**
 * The transaction kinds that count as paid towards a house's amount due (see `deposited` above);
 * 统计报表's 交存率 reads the same list.
 */
export const PAID_KINDS = ['deposit', 'deposit_reversal', 'balance_move', 'refund'] as const;
export const paidKindsSql = sql.join(
  PAID_KINDS.map((k) => sql`${k}`),
  sql`, `,
);

/** Amount due, deposited and balance of many houses in a few set-based queries. */
export async function standingOf(db: Conn, houseIds: readonly number[]): Promise<Map<number, HouseStanding>> {
  const out = new Map<number, HouseStanding>();
  for (const part of chunks([...new Set(houseIds)])) {
    const ids = sql.join(
      part.map((id) => sql`${id}::bigint`),
      sql`, `,
    );
    const rows = await rowsOf<{ house_id: string; amount_due: string; balance: string; deposited: string }>(
      db,
      sql`select ha.house_id::text, ha.amount_due::text, coalesce(la.balance, 0)::text as balance,
            coalesce((select sum(e.amount) from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
                      where e.account_id = la.id and t.kind in (${paidKindsSql})), 0)::text as deposited
          from house_accounts ha left join ledger_accounts la on la.house_id = ha.house_id
          where ha.house_id in (${ids})`,
    );
    for (const r of rows) {
      out.set(Number(r.house_id), {
        houseId: Number(r.house_id),
        amountDue: BigInt(r.amount_due),
        deposited: BigInt(r.deposited),
        balance: BigInt(r.balance),
        openNotices: {},
      });
    }
    const open = await rowsOf<{ house_id: string; purpose: string; no: string }>(
      db,
      sql`select i.house_id::text, i.purpose, n.no from payment_notice_items i join payment_notices n on n.id = i.notice_id
          where i.open and i.house_id in (${ids})`,
    );
    for (const o of open) {
      const s = out.get(Number(o.house_id));
      if (s) s.openNotices[o.purpose] = o.no;
    }
  }
  return out;
}

/** What is still to deposit for a house's amount due (never negative). */
export const outstanding = (s: HouseStanding) => (s.amountDue > s.deposited ? s.amountDue - s.deposited : 0n);
