import { sql } from 'drizzle-orm';
import { type Conn, rowsOf, type Tx } from '../../db/client.ts';
import { formatYuan } from '../../domain/money.ts';
import { debitsForTransfer, finalList, type Share, shortfalls } from '../../domain/project-debits.ts';
import { AppError, type ErrorBody } from '../../lib/errors.ts';
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
      `${houses.length} 户分户账余额不足以支付其分摊金额，须先续筹：${houses
        .slice(0, 5)
        .map((h) => `${h.name} 差 ${formatYuan(h.shortfall)} 元`)
        .join('、')}${houses.length > 5 ? ' 等' : ''}`,
      undefined,
      undefined,
      'R-48',
    );
  }
  override body(): ErrorBody {
    return { ...super.body(), shortfalls: this.houses };
  }
}

/**
 * Approved disbursements the bank has not transferred yet, of any project sharing a house with this
 * one (other than `exceptRequestId`), as what each will debit per house. Each project's pending
 * instructions are played in order on its own running totals, as the bank will transfer them.
 * Returns those debits and this project's state after them.
 */
async function pendingDebits(tx: Tx, p: ProjectRow, s: DebitState, exceptRequestId: number | null) {
  const rows = await rowsOf<{ project_id: number; amount: string; settlement: string | null }>(
    tx,
    sql`select r.project_id::int as project_id, r.amount::text as amount, rp.settlement_amount::text as settlement
      from project_requests r join repair_projects rp on rp.id = r.project_id
      where r.kind = 'disbursement' and r.status = 'approved' and r.id <> ${exceptRequestId ?? 0}
        and r.project_id in (select distinct o.project_id from project_item_houses o
          where o.house_id in (select house_id from project_item_houses where project_id = ${p.id}))
      order by r.project_id, r.id`,
  );
  const byHouse = new Map<string, bigint>();
  const states = new Map<number, DebitState>([[p.id, s]]);
  for (const r of rows) {
    const state = states.get(r.project_id) ?? (await debitState(tx, r.project_id));
    const amount = BigInt(r.amount);
    const settlement = r.settlement !== null && netTransferred(state) + amount <= BigInt(r.settlement) ? BigInt(r.settlement) : null;
    const debits = plannedDebits(state, amount, settlement);
    const debited = new Map(state.debitedSoFar);
    for (const [house, d] of debits) {
      byHouse.set(house, (byHouse.get(house) ?? 0n) + d);
      debited.set(house, (debited.get(house) ?? 0n) + d);
    }
    states.set(r.project_id, { ...state, debitedSoFar: debited });
  }
  return { byHouse, after: states.get(p.id) as DebitState };
}

/**
 * R-48: refuses an application whose debits some house cannot pay, listing every such house and its
 * shortfall. Every instruction already sent to the bank on the same houses comes first: each alone
 * may fit a balance that cannot pay them all. `exceptRequestId` is the request under review itself.
 */
export async function shortfallError(tx: Tx, p: ProjectRow, amount: bigint, exceptRequestId: number | null = null) {
  const before = await debitState(tx, p.id);
  const pending = await pendingDebits(tx, p, before, exceptRequestId);
  const s = pending.after;
  const settlement = p.settlementAmount !== null && netTransferred(s) + amount <= p.settlementAmount ? p.settlementAmount : null;
  const debits = plannedDebits(s, amount, settlement);
  const available = new Map([...s.balances].map(([house, b]) => [house, b - (pending.byHouse.get(house) ?? 0n)]));
  const short = shortfalls(debits, available);
  if (short.length === 0) return;
  throw new ShortfallError(
    short.map((x) => ({
      houseId: Number(x.houseId),
      name: s.accounts.get(x.houseId)?.name ?? x.houseId,
      balance: Number(available.get(x.houseId) ?? 0n),
      debit: Number(debits.get(x.houseId) ?? 0n),
      shortfall: Number(x.shortfall),
    })),
  );
}
