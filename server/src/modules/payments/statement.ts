import { asc, eq } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../../db/schema/index.ts';

export const TRANSACTION_LABELS: Record<string, string> = {
  deposit: '交存',
  deposit_reversal: '交存冲正',
  refund: '退款',
  disbursement: '维修支出',
  disbursement_refund: '清退',
  balance_move: '拆分合并转移',
  refund_payout: '退款付款',
  interest: '增值收益',
  reversal: '冲正',
};

/** 分户账明细: every entry of the house's account, oldest first, with the running balance. */
export async function houseStatement(db: Conn, houseId: number) {
  const rows = await db
    .select({
      at: ledgerTransactions.createdAt,
      kind: ledgerTransactions.kind,
      reference: ledgerTransactions.reference,
      memo: ledgerTransactions.memo,
      amount: ledgerEntries.amount,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(eq(ledgerAccounts.houseId, houseId))
    .orderBy(asc(ledgerEntries.id));
  let running = 0n;
  return rows.map((r) => {
    running += r.amount;
    return {
      at: r.at,
      kind: r.kind,
      kindLabel: TRANSACTION_LABELS[r.kind] ?? r.kind,
      reference: r.reference,
      memo: r.memo,
      amount: Number(r.amount),
      balance: Number(running),
    };
  });
}
