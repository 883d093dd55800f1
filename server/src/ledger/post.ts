import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../db/schema/index.ts';
import { type Entry, entriesProblem, netByAccount } from '../domain/ledger-rules.ts';
import { AppError } from '../lib/errors.ts';

export interface Posting {
  kind: string;
  reference: string;
  memo?: string;
  reversesId?: number | null;
  createdBy?: number | null;
  at: Date;
  entries: Entry[];
}

export class InsufficientBalance extends AppError {
  constructor(readonly shortfalls: { accountId: number; houseId: number | null; name: string; balance: bigint; change: bigint }[]) {
    super(
      409,
      'INSUFFICIENT_BALANCE',
      `R-21：${shortfalls.length} 个分户账余额不足：${shortfalls
        .map((s) => s.name)
        .slice(0, 5)
        .join('、')}`,
    );
  }
}

/**
 * The one place money moves. Locks the touched accounts in ascending id order — the
 * same order in every transaction, so concurrent postings queue instead of deadlocking — checks
 * that no house account would go negative, appends the entries and updates the cached balances.
 */
export async function post(tx: Tx, p: Posting): Promise<number> {
  const problem = entriesProblem(p.entries);
  if (problem) throw new Error(`ledger: ${problem}`);
  const net = netByAccount(p.entries);
  const ids = [...net.keys()].sort((a, b) => a - b);
  const accounts = await tx
    .select()
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, ids))
    .orderBy(asc(ledgerAccounts.id))
    .for('update');
  if (accounts.length !== ids.length) throw new Error('ledger: unknown account');
  const short = accounts
    .filter((a) => a.kind === 'house' && a.balance + (net.get(a.id) ?? 0n) < 0n)
    .map((a) => ({ accountId: a.id, houseId: a.houseId, name: a.name, balance: a.balance, change: net.get(a.id) ?? 0n }));
  if (short.length > 0) throw new InsufficientBalance(short);
  const [t] = await tx
    .insert(ledgerTransactions)
    .values({
      kind: p.kind,
      reference: p.reference,
      memo: p.memo ?? '',
      reversesId: p.reversesId ?? null,
      createdBy: p.createdBy ?? null,
      createdAt: p.at,
    })
    .returning({ id: ledgerTransactions.id });
  if (!t) throw new Error('ledger: transaction insert returned no row');
  for (let i = 0; i < p.entries.length; i += 1000) {
    await tx
      .insert(ledgerEntries)
      .values(
        p.entries.slice(i, i + 1000).map((e) => ({ transactionId: t.id, accountId: e.accountId, amount: e.amount, createdAt: p.at })),
      );
  }
  // One statement updates every touched balance.
  const values = sql.join(
    ids.map((id) => sql`(${id}::bigint, ${String(net.get(id))}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`update ledger_accounts a set balance = a.balance + v.delta, version = a.version + 1
    from (values ${values}) as v(id, delta) where a.id = v.id`);
  return t.id;
}

/** The fund's own accounts, created on first use. */
export async function systemAccount(tx: Tx, kind: 'custody' | 'refunds_payable' | 'disbursements_payable' | 'interest'): Promise<number> {
  const names = {
    custody: '专户银行存款',
    refunds_payable: '应付退款',
    disbursements_payable: '应付拨付款',
    interest: '增值收益',
  } as const;
  const [found] = await tx.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.kind, kind)).limit(1);
  if (found) return found.id;
  const [made] = await tx.insert(ledgerAccounts).values({ kind, name: names[kind] }).returning({ id: ledgerAccounts.id });
  return made?.id as number;
}
