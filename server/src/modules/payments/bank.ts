import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { transaction } from '../../db/retry.ts';
import { bankConfirmations, ledgerAccounts, organisations, paymentNoticeItems, paymentNotices } from '../../db/schema/index.ts';
import { formatYuan } from '../../domain/money.ts';
import { type Ctx, requirePermission } from '../../lib/context.ts';
import { AppError, invalid, notFound, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { notifyOrg } from '../messages/service.ts';
import { post, systemAccount } from '../../ledger/post.ts';
import { requireCustodianBank } from './custodian.ts';

export const CHANNELS = ['柜台', '侨都之窗', 'POS', '网上银行'] as const;

export interface DepositConfirmation {
  noticeNo: string;
  amount: bigint;
  channel: (typeof CHANNELS)[number];
  bankRef: string;
  bankDate: string;
}

export interface ConfirmResult {
  noticeNo: string;
  amount: number;
  status: 'paid';
  paidAt: string;
  confirmationId: number;
  /** True when this call repeated an earlier confirmation and changed nothing. */
  repeated: boolean;
}

type ConfirmationKind = (typeof bankConfirmations.$inferSelect)['kind'];

/**
 * the first confirmation of this number, as its stored result marked `repeated`, or null.
 * The same number with another amount is a conflict.
 */
export async function earlierConfirmation<R>(tx: Tx, kind: ConfirmationKind, what: string, number: string, amount: bigint) {
  const [c] = await tx
    .select()
    .from(bankConfirmations)
    .where(and(eq(bankConfirmations.kind, kind), eq(bankConfirmations.number, number)));
  if (!c) return null;
  if (c.amount !== amount) {
    throw ruleRefusal(
      409,
      'CONFIRMATION_CONFLICT',
      'R-22',
      `${what} ${number} 已按 ${formatYuan(c.amount)} 元确认，与本次金额 ${formatYuan(amount)} 元不符`,
    );
  }
  return { ...(c.result as R), confirmationId: c.id, repeated: true as const };
}

/**
 * records the first confirmation of a number, with the result that repeats of it answer
 * with. The result's `confirmationId` is the row's own id, so it is not stored inside the result
 * but added when the result is read back (see `earlierConfirmation`): one insert, no update.
 */
export async function recordConfirmation<R extends object>(
  tx: Tx,
  values: Omit<typeof bankConfirmations.$inferInsert, 'id' | 'result'>,
  result: R,
): Promise<R & { confirmationId: number }> {
  const [row] = await tx
    .insert(bankConfirmations)
    .values({ ...values, result })
    .returning({ id: bankConfirmations.id });
  return { ...result, confirmationId: row?.id as number };
}

const earlier = (tx: Tx, number: string, amount: bigint): Promise<ConfirmResult | null> =>
  earlierConfirmation<Omit<ConfirmResult, 'repeated'>>(tx, 'deposit', '通知单', number, amount);

/**
 * F-23 交款确认: credits every house of the notice and debits the custody account in one ledger
 * transaction. R-22: the notice number makes it idempotent — a repeat answers with the first
 * result; the same number with another amount is a conflict.
 */
export async function confirmDeposit(
  ctx: Ctx,
  bankOrgId: number,
  userId: number | null,
  c: DepositConfirmation,
  via: 'workspace' | 'api',
): Promise<ConfirmResult> {
  const number = c.noticeNo.trim().toUpperCase();
  return transaction(ctx.db, async (tx) => {
    await requireCustodianBank(tx, bankOrgId, `交款通知单 ${number} `);
    const [notice] = await tx.select().from(paymentNotices).where(eq(paymentNotices.no, number)).for('update');
    if (!notice) throw notFound(`交款通知单 ${number}`);
    // Looked up under the notice's lock, so a concurrent confirmation that committed while this
    // one waited for it is found here, and a repeat never posts twice.
    const first = await earlier(tx, number, c.amount);
    if (first) return first;
    if (notice.status === 'void') throw new AppError(409, 'NOTICE_VOID', `交款通知单 ${number} 已作废，不能缴款`);
    if (notice.status === 'paid') throw new AppError(409, 'NOTICE_PAID', `交款通知单 ${number} 已缴款`);
    if (c.amount !== notice.total)
      throw invalid('amount', `缴款金额 ${formatYuan(c.amount)} 元须与通知单金额 ${formatYuan(notice.total)} 元一致`);
    const now = ctx.clock.now();
    const items = await tx
      .select({ accountId: ledgerAccounts.id, amount: paymentNoticeItems.amount })
      .from(paymentNoticeItems)
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.houseId, paymentNoticeItems.houseId))
      .where(eq(paymentNoticeItems.noticeId, notice.id))
      .orderBy(asc(paymentNoticeItems.id));
    const custody = await systemAccount(tx, 'custody');
    const transactionId = await post(tx, {
      kind: 'deposit',
      reference: number,
      memo: `${c.channel} ${c.bankRef}`,
      createdBy: userId,
      at: now,
      entries: [...items.map((i) => ({ accountId: i.accountId, amount: i.amount })), { accountId: custody, amount: -notice.total }],
    });
    // The notice is paid and its houses free for another notice, in one statement.
    await tx.execute(sql`with paid as (
        update payment_notices set status = 'paid', paid_at = ${now.toISOString()}::timestamptz where id = ${notice.id}
      )
      update payment_notice_items set open = false where notice_id = ${notice.id}`);
    const stored = await recordConfirmation(
      tx,
      {
        kind: 'deposit',
        number,
        amount: c.amount,
        channel: c.channel,
        bankRef: c.bankRef,
        bankDate: c.bankDate,
        bankOrgId,
        userId,
        via,
        ledgerTransactionId: transactionId,
        createdAt: now,
      },
      {
        noticeNo: number,
        amount: Number(c.amount),
        status: 'paid' as const,
        paidAt: now.toISOString(),
      },
    );
    const result: ConfirmResult = { ...stored, repeated: false };
    await audit(tx, ctx, {
      action: 'notice.confirm',
      entity: 'payment_notice',
      entityId: number,
      summary: `银行确认缴款：${number}，${formatYuan(c.amount)} 元，${c.channel}，流水号 ${c.bankRef}（${via === 'api' ? '银行接口' : '银行工作台'}）`,
      after: { amount: String(c.amount), channel: c.channel, bankRef: c.bankRef, bankDate: c.bankDate },
      orgId: bankOrgId,
    });
    await notifyOrg(tx, ctx, {
      orgId: notice.issuerOrgId,
      kind: 'bank.deposit',
      title: `交款通知单 ${number} 已缴款 ${formatYuan(c.amount)} 元`,
      body: `${notice.payerName}，银行流水号 ${c.bankRef}`,
      link: `/payments/notices?q=${number}`,
    });
    return result;
  });
}

/** The bank workspace's confirmation: the bank is the caller's organisation. */
export async function confirmDepositAtCounter(ctx: Ctx, c: DepositConfirmation) {
  const actor = requirePermission(ctx, 'bank.confirm');
  return confirmDeposit(ctx, actor.orgId, actor.userId, c, 'workspace');
}

/** F-70 daily reconciliation: what this bank confirmed between two dates, with totals per channel. */
export async function reconciliation(ctx: Ctx, from: string, to: string) {
  const actor = requirePermission(ctx, 'bank.confirm');
  const rows = await ctx.db
    .select({ c: bankConfirmations, orgName: organisations.name })
    .from(bankConfirmations)
    .innerJoin(organisations, eq(organisations.id, bankConfirmations.bankOrgId))
    .where(and(eq(bankConfirmations.bankOrgId, actor.orgId), gte(bankConfirmations.bankDate, from), lte(bankConfirmations.bankDate, to)))
    .orderBy(asc(bankConfirmations.bankDate), asc(bankConfirmations.id));
  const totals = new Map<string, { channel: string; count: number; amount: bigint }>();
  for (const { c } of rows) {
    const t = totals.get(c.channel) ?? { channel: c.channel, count: 0, amount: 0n };
    t.count++;
    t.amount += c.amount;
    totals.set(c.channel, t);
  }
  return {
    items: rows.map(({ c }) => ({
      id: c.id,
      kind: c.kind,
      number: c.number,
      amount: Number(c.amount),
      channel: c.channel,
      bankRef: c.bankRef,
      bankDate: c.bankDate,
      via: c.via,
      createdAt: c.createdAt,
    })),
    totals: [...totals.values()].map((t) => ({ ...t, amount: Number(t.amount) })),
    total: Number(rows.reduce((a, r) => a + r.c.amount, 0n)),
  };
}
