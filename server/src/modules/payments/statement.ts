import { and, asc, eq } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions, type NoticePurpose, paymentNotices } from '../../db/schema/index.ts';
import { TRANSACTION_KINDS, type TransactionKind } from '../../ledger/post.ts';

/** A deposit is named by what its notice collected: the first deposit, a 补交 or a 续筹. */
const DEPOSIT_LABELS: Record<NoticePurpose, string> = { deposit: '交存', supplement: '补交', replenish: '续筹', other: '其他交款' };

/** 分户账明细: every entry of the house's account, oldest first, with the running balance. */
export async function houseStatement(db: Conn, houseId: number) {
  const rows = await db
    .select({
      at: ledgerTransactions.createdAt,
      kind: ledgerTransactions.kind,
      reference: ledgerTransactions.reference,
      memo: ledgerTransactions.memo,
      amount: ledgerEntries.amount,
      purpose: paymentNotices.purpose,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    // A deposit's reference is the notice it paid (unique number).
    .leftJoin(paymentNotices, and(eq(ledgerTransactions.kind, 'deposit'), eq(paymentNotices.no, ledgerTransactions.reference)))
    .where(eq(ledgerAccounts.houseId, houseId))
    .orderBy(asc(ledgerEntries.id));
  let running = 0n;
  return rows.map((r) => {
    running += r.amount;
    return {
      at: r.at,
      kind: r.kind,
      kindLabel: r.purpose ? DEPOSIT_LABELS[r.purpose] : (TRANSACTION_KINDS[r.kind as TransactionKind] ?? r.kind),
      reference: r.reference,
      memo: r.memo,
      amount: Number(r.amount),
      balance: Number(running),
    };
  });
}
