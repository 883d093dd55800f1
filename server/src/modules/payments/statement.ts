import { asc, eq } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../../db/schema/index.ts';
import { TRANSACTION_KINDS, type TransactionKind } from '../../ledger/post.ts';

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
      kindLabel: TRANSACTION_KINDS[r.kind as TransactionKind] ?? r.kind,
      reference: r.reference,
      memo: r.memo,
      amount: Number(r.amount),
      balance: Number(running),
    };
  });
}
