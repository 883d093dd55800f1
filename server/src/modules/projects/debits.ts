import { sql } from 'drizzle-orm';
import { type Conn, rowsOf, type Tx } from '../../db/client.ts';
import { formatYuan } from '../../domain/money.ts';
import { debitsForTransfer, finalList, type Share, shortfalls } from '../../domain/project-debits.ts';
import { AppError } from '../../lib/errors.ts';
import type { ProjectRow } from './access.ts';

/** Ledger transaction kinds of project money (the statement shows them with the project's name). */
export const TRANSFER_KIND = 'project_transfer';
export const REFUND_KIND = 'project_refund';

/**
 * Everything R-48 and F-46 need about the project's houses, in one query: budget share, ledger
 * account and balance, and what the project has debited from each so far net of refund credits
 * (read from the project's own ledger transactions, so it can never disagree with the ledger).
 */
export async function debitState(db: Conn, projectId: number) {
  const rows = await rowsOf<{ house_id: string; account_id: string; name: string; balance: string; share: string; net: string }>(
    db,
    sql`with rng as (select house_id, sum(share) as share from project_item_houses where project_id = ${projectId} group by house_id),
      mv as (select a.house_id, -sum(e.amount) as net from ledger_entries e
        join ledger_accounts a on a.id = e.account_id and a.kind = 'house'
        where e.transaction_id in (select t.id from ledger_transactions t
          where t.kind in ('project_transfer', 'project_refund') and t.reference in
            (select no from project_requests where project_id = ${projectId} union all select no from repair_projects where id = ${projectId}))
        group by a.house_id)
      select coalesce(rng.house_id, mv.house_id)::text as house_id, a.id::text as account_id, a.name, a.balance::text as balance,
        coalesce(rng.share, 0)::text as share, coalesce(mv.net, 0)::text as net
      from rng full join mv on mv.house_id = rng.house_id
      join ledger_accounts a on a.house_id = coalesce(rng.house_id, mv.house_id)
      order by coalesce(rng.house_id, mv.house_id)`,
  );
  const shares: Share[] = rows.filter((r) => BigInt(r.share) > 0n).map((r) => ({ houseId: r.house_id, share: BigInt(r.share) }));
  return {
    shares,
    debitedSoFar: new Map(rows.filter((r) => BigInt(r.net) !== 0n).map((r) => [r.house_id, BigInt(r.net)])),
    balances: new Map(rows.map((r) => [r.house_id, BigInt(r.balance)])),
    accounts: new Map(rows.map((r) => [r.house_id, { accountId: Number(r.account_id), name: r.name }])),
  };
}

export type DebitState = Awaited<ReturnType<typeof debitState>>;

export const netTransferred = (s: DebitState) => [...s.debitedSoFar.values()].reduce((a, b) => a + b, 0n);

/**
 * R-48: the debits of the next transfer. Once the settlement is known, the transfer that brings the
 * houses' payments up to it completes the project and lands every house on the final list.
 */
export function plannedDebits(s: DebitState, amount: bigint, settlement: bigint | null) {
  const completes = settlement !== null && netTransferred(s) + amount === settlement;
  return debitsForTransfer({
    shares: s.shares,
    debitedSoFar: s.debitedSoFar,
    amount,
    final: completes ? finalList(s.shares, settlement) : null,
  });
}

export class ShortfallError extends AppError {
  constructor(readonly houses: { houseId: number; name: string; balance: number; debit: number; shortfall: number }[]) {
    super(
      409,
      'SHORTFALL',
      `R-48：${houses.length} 户分户账余额不足以支付其分摊金额，须先续筹：${houses
        .slice(0, 5)
        .map((h) => `${h.name} 差 ${formatYuan(h.shortfall)} 元`)
        .join('、')}${houses.length > 5 ? ' 等' : ''}`,
    );
  }
  override body() {
    return { ...super.body(), shortfalls: this.houses };
  }
}

/** R-48: refuses an application whose debits some house cannot pay, listing every such house and its shortfall. */
export async function shortfallError(tx: Tx, p: ProjectRow, amount: bigint) {
  const s = await debitState(tx, p.id);
  const settlement = p.settlementAmount !== null && netTransferred(s) + amount <= p.settlementAmount ? p.settlementAmount : null;
  const debits = plannedDebits(s, amount, settlement);
  const short = shortfalls(debits, s.balances);
  if (short.length === 0) return;
  throw new ShortfallError(
    short.map((x) => ({
      houseId: Number(x.houseId),
      name: s.accounts.get(x.houseId)?.name ?? x.houseId,
      balance: Number(s.balances.get(x.houseId) ?? 0n),
      debit: Number(debits.get(x.houseId) ?? 0n),
      shortfall: Number(x.shortfall),
    })),
  );
}
