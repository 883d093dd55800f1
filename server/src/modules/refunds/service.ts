import { and, asc, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import { containing } from '../../lib/search.ts';
import type { Conn, Tx } from '../../db/client.ts';
import { transaction } from '../../db/retry.ts';
import { requireCustodianBank } from '../payments/custodian.ts';
import { applications, buildings, houses, propertyAreas, refunds, units } from '../../db/schema/index.ts';
import { formatYuan } from '../../domain/money.ts';
import { type Actor, type Ctx, requireActor, requirePermission } from '../../lib/context.ts';
import { paidRefundRefusal, refundActions } from '../../domain/refund-actions.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { pageAnswer } from '../../lib/paging.ts';
import { post, systemAccount } from '../../ledger/post.ts';
import { applicationPagePath } from '../../domain/application-types.ts';
import { audit } from '../audit/audit.ts';
import { notifyOrg } from '../messages/service.ts';
import type { RefundAccount } from '../fund/execute.ts';
import { earlierConfirmation, recordConfirmation } from '../payments/bank.ts';

export const REFUND_REASON_LABELS = { due_decrease: '应交金额调减退款', cancellation: '房屋注销退款' } as const;

export interface RefundPayout {
  refundNo: string;
  amount: bigint;
  bankRef: string;
  bankDate: string;
}

export interface PayoutResult {
  refundNo: string;
  amount: number;
  status: 'paid';
  paidAt: string;
  confirmationId: number;
  /** True when this call repeated an earlier confirmation and changed nothing. */
  repeated: boolean;
}

type RefundRow = typeof refunds.$inferSelect;

/** Refund instructions as `caller` sees them, with the steps it is offered on each. */
async function viewsOf(db: Conn, rows: RefundRow[], caller: Actor) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const extra = await db
    .select({
      id: refunds.id,
      applicationNo: applications.no,
      areaName: propertyAreas.name,
      building: buildings.name,
      unit: units.name,
      room: houses.room,
    })
    .from(refunds)
    .innerJoin(applications, eq(applications.id, refunds.applicationId))
    .innerJoin(propertyAreas, eq(propertyAreas.id, refunds.areaId))
    .innerJoin(houses, eq(houses.id, refunds.houseId))
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(units, eq(units.id, houses.unitId))
    .where(inArray(refunds.id, ids));
  const byId = new Map(extra.map((e) => [e.id, e]));
  return rows.map((r) => {
    const e = byId.get(r.id);
    return {
      id: r.id,
      no: r.no,
      reason: r.reason,
      reasonLabel: REFUND_REASON_LABELS[r.reason],
      applicationId: r.applicationId,
      applicationNo: e?.applicationNo ?? '',
      areaName: e?.areaName ?? '',
      houseId: r.houseId,
      house: e ? `${e.building}${e.unit}${e.room}` : '',
      amount: Number(r.amount),
      account: r.account as RefundAccount,
      status: r.status,
      createdAt: r.createdAt,
      paidAt: r.paidAt,
      actions: refundActions(r, caller),
    };
  });
}

/** Refund instructions an application produced: its developer and the office see them (退款申请表). */
export async function refundsOfApplication(db: Conn, applicationId: number, caller: Actor) {
  const rows = await db.select().from(refunds).where(eq(refunds.applicationId, applicationId)).orderBy(asc(refunds.id));
  return viewsOf(db, rows, caller);
}

/** F-70: the bank's list of refund instructions, pending first by default. */
export async function listRefunds(ctx: Ctx, q: { page: number; pageSize: number; status?: 'pending' | 'paid'; q?: string }) {
  const actor = requirePermission(ctx, 'bank.confirm');
  const where = and(
    q.status ? eq(refunds.status, q.status) : undefined,
    q.q ? or(ilike(refunds.no, containing(q.q)), ilike(applications.no, containing(q.q))) : undefined,
  );
  const page = await pageAnswer(
    ctx.db,
    q,
    ctx.db
      .select({ r: refunds })
      .from(refunds)
      .innerJoin(applications, eq(applications.id, refunds.applicationId))
      .where(where)
      .orderBy(q.status === 'paid' ? desc(refunds.paidAt) : asc(refunds.id)),
    ctx.db.select({ id: refunds.id }).from(refunds).innerJoin(applications, eq(applications.id, refunds.applicationId)).where(where),
  );
  return {
    ...page,
    items: await viewsOf(
      ctx.db,
      page.items.map((r) => r.r),
      actor,
    ),
  };
}

/** One refund instruction by its number: banks (to pay it), the office, and the developer whose application raised it. */
export async function refundDetail(ctx: Ctx, no: string) {
  const actor = requireActor(ctx);
  const [r] = await ctx.db.select().from(refunds).where(eq(refunds.no, no.trim().toUpperCase()));
  let visible = !!r && (actor.orgType === 'office' || (actor.orgType === 'bank' && actor.permissions.includes('bank.confirm')));
  if (r && !visible && actor.orgType === 'developer') {
    const [app] = await ctx.db.select({ orgId: applications.orgId }).from(applications).where(eq(applications.id, r.applicationId));
    visible = app?.orgId === actor.orgId;
  }
  if (!r || !visible) throw notFound(`退款指令 ${no}`);
  const [view] = await viewsOf(ctx.db, [r], actor);
  return view as NonNullable<typeof view>;
}

/**
 * F-70 F-71 退款确认: the bank paid the refund out; refunds payable → custody in one ledger
 * transaction. R-22: the refund number makes it idempotent — a repeat answers with the first
 * result; the same number with another amount is a conflict.
 */
export async function confirmRefund(
  ctx: Ctx,
  bankOrgId: number,
  userId: number | null,
  c: RefundPayout,
  via: 'workspace' | 'api',
): Promise<PayoutResult> {
  const number = c.refundNo.trim().toUpperCase();
  const earlier = (tx: Tx) => earlierConfirmation<Omit<PayoutResult, 'repeated'>>(tx, 'refund', '退款指令', number, c.amount);
  return transaction(ctx.db, async (tx) => {
    await requireCustodianBank(tx, bankOrgId, `退款指令 ${number} `);
    const first = await earlier(tx);
    if (first) return first;
    const [refund] = await tx.select().from(refunds).where(eq(refunds.no, number)).for('update');
    if (!refund) throw notFound(`退款指令 ${number}`);
    // A concurrent confirmation may have committed while this one waited for the lock.
    const raced = await earlier(tx);
    if (raced) return raced;
    if (refund.status === 'paid') throw new AppError(409, 'REFUND_PAID', paidRefundRefusal(number));
    if (c.amount !== refund.amount)
      throw invalid('amount', `付款金额 ${formatYuan(c.amount)} 元须与退款指令金额 ${formatYuan(refund.amount)} 元一致`);
    const now = ctx.clock.now();
    const payable = await systemAccount(tx, 'refunds_payable');
    const custody = await systemAccount(tx, 'custody');
    const transactionId = await post(tx, {
      kind: 'refund_payout',
      reference: number,
      memo: `转账 ${c.bankRef}`,
      createdBy: userId,
      at: now,
      entries: [
        { accountId: payable, amount: -refund.amount },
        { accountId: custody, amount: refund.amount },
      ],
    });
    await tx.update(refunds).set({ status: 'paid', paidAt: now, payoutTransactionId: transactionId }).where(eq(refunds.id, refund.id));
    const stored: Omit<PayoutResult, 'repeated'> = await recordConfirmation(
      tx,
      {
        kind: 'refund',
        number,
        amount: c.amount,
        channel: '转账',
        bankRef: c.bankRef,
        bankDate: c.bankDate,
        bankOrgId,
        userId,
        via,
        ledgerTransactionId: transactionId,
        createdAt: now,
      },
      {
        refundNo: number,
        amount: Number(c.amount),
        status: 'paid' as const,
        paidAt: now.toISOString(),
      },
    );
    await audit(tx, ctx, {
      action: 'refund.confirm',
      entity: 'refund',
      entityId: number,
      summary: `银行确认退款付款：${number}，${formatYuan(c.amount)} 元，流水号 ${c.bankRef}（${via === 'api' ? '银行接口' : '银行工作台'}）`,
      after: { amount: String(c.amount), bankRef: c.bankRef, bankDate: c.bankDate },
      orgId: bankOrgId,
    });
    const [applicant] = await tx
      .select({ orgId: applications.orgId, no: applications.no, type: applications.type, id: applications.id })
      .from(applications)
      .where(eq(applications.id, refund.applicationId));
    await notifyOrg(tx, ctx, {
      orgId: applicant?.orgId ?? null,
      kind: 'bank.refund',
      title: `退款指令 ${number} 已付款 ${formatYuan(c.amount)} 元`,
      body: applicant ? `业务单 ${applicant.no}，银行流水号 ${c.bankRef}` : `银行流水号 ${c.bankRef}`,
      link: applicant ? applicationPagePath(applicant.type, applicant.id) : null,
    });
    return { ...stored, repeated: false };
  });
}

/** The bank workspace's confirmation: the bank is the caller's organisation. */
export async function confirmRefundAtCounter(ctx: Ctx, c: RefundPayout) {
  const actor = requirePermission(ctx, 'bank.confirm');
  return confirmRefund(ctx, actor.orgId, actor.userId, c, 'workspace');
}
