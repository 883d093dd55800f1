import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { builtOnce, type Conn } from '../../db/client.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions, type NoticePurpose, paymentNotices } from '../../db/schema/index.ts';
import { TRANSACTION_KINDS, type TransactionKind } from '../../ledger/post.ts';

/** A deposit is named by what its notice collected: the first deposit, a 补交 or a 续筹. */
const DEPOSIT_LABELS: Record<NoticePurpose, string> = { deposit: '交存', supplement: '补交', replenish: '续筹', other: '其他交款' };

const labelOf = (r: { kind: string; purpose: NoticePurpose | null }) =>
  r.purpose ? DEPOSIT_LABELS[r.purpose] : (TRANSACTION_KINDS[r.kind as TransactionKind] ?? r.kind);

/** What a statement line shows of an entry: its transaction's time, kind, reference and memo, its amount, a deposit's purpose. */
const entryColumns = {
  at: ledgerTransactions.createdAt,
  kind: ledgerTransactions.kind,
  reference: ledgerTransactions.reference,
  memo: ledgerTransactions.memo,
  amount: ledgerEntries.amount,
  purpose: paymentNotices.purpose,
};

/**
 * 分户账明细 a page at a time, newest first (F-81): the same lines and labels as `houseStatement`,
 * each with the balance after it — a running sum over the house's entries in posting order,
 * computed by the database before the page is cut, so any page is exact without reading the others.
 */
export async function houseStatementPage(db: Conn, houseId: number, page: number, pageSize: number) {
  const account = db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.houseId, houseId), eq(ledgerAccounts.kind, 'house')));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: ledgerEntries.id,
        ...entryColumns,
        balance: sql<string>`sum(${ledgerEntries.amount}) over (order by ${ledgerEntries.id})`.mapWith(String),
      })
      .from(ledgerEntries)
      .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
      .leftJoin(paymentNotices, and(eq(ledgerTransactions.kind, 'deposit'), eq(paymentNotices.no, ledgerTransactions.reference)))
      .where(sql`${ledgerEntries.accountId} in (${account})`)
      .orderBy(desc(ledgerEntries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(ledgerEntries).where(sql`${ledgerEntries.accountId} in (${account})`),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      kindLabel: labelOf(r),
      reference: r.reference,
      memo: r.memo,
      amount: Number(r.amount),
      balance: Number(BigInt(r.balance)),
    })),
    total: total?.n ?? 0,
  };
}

/** 分户账明细: every entry of the house's account, oldest first, with the running balance. */
export async function houseStatement(db: Conn, houseId: number) {
  const rows = await builtOnce(
    db,
    'ledger.house statement',
    () =>
      db
        .select(entryColumns)
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
        // A deposit's reference is the notice it paid (unique number).
        .leftJoin(paymentNotices, and(eq(ledgerTransactions.kind, 'deposit'), eq(paymentNotices.no, ledgerTransactions.reference)))
        .where(eq(ledgerAccounts.houseId, sql.placeholder('house')))
        .orderBy(asc(ledgerEntries.id)),
    { house: houseId },
  );
  let running = 0n;
  return rows.map((r) => {
    running += r.amount;
    return {
      at: r.at,
      kind: r.kind,
      kindLabel: labelOf(r),
      reference: r.reference,
      memo: r.memo,
      amount: Number(r.amount),
      balance: Number(running),
    };
  });
}
