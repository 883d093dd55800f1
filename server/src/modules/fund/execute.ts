import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { allocateNumber } from '../../db/numbering.ts';
import { fundInstructions, houseAccounts, houseOwners, ledgerAccounts, organisations, refunds } from '../../db/schema/index.ts';
import { moveBalances } from '../../domain/balance-move.ts';
import { withCheckDigit } from '../../domain/check-digit.ts';
import { settleDueChange } from '../../domain/due-change.ts';
import { formatYuan } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { lockAccounts, post, systemAccount } from '../../ledger/post.ts';
import type { ApplicationRow } from '../applications/handler.ts';
import { audit } from '../audit/audit.ts';
import { issue, type NoticeDraft } from '../payments/service.ts';
import { standingOf } from '../payments/standing.ts';
import { chunks } from '../registry/bulk.ts';

type Instruction = typeof fundInstructions.$inferSelect;
export interface RefundAccount {
  accountName: string;
  bank: string;
  accountNo: string;
}
interface BalanceMovePayload {
  from: number[];
  to: number[];
  weights: number[];
}
interface RefundPayload {
  reason: 'cancellation' | 'amount_due_change';
  refundAccount: RefundAccount | null;
  oldAmountDue?: string;
  newAmountDue?: string;
}
interface SupplementPayload {
  oldAmountDue: string;
  newAmountDue: string;
}

export interface FundOutcome {
  balanceMoved: number;
  notices: string[];
  refunds: { no: string; houseId: number; amount: number }[];
}

/**
 * Carries out, inside the approving transaction, the money consequences an approved registry change
 * recorded: R-11 balance moves (one balanced posting; sources closed), R-12 补交 notices and
 * refunds, R-13 closing refunds. Every account touched is locked first, in ascending id order.
 */
export async function executeFundInstructions(tx: Tx, ctx: Ctx, app: ApplicationRow): Promise<FundOutcome | null> {
  const list = await tx
    .select()
    .from(fundInstructions)
    .where(and(eq(fundInstructions.applicationId, app.id), eq(fundInstructions.status, 'pending')))
    .orderBy(asc(fundInstructions.id));
  if (list.length === 0) return null;
  const now = ctx.clock.now();
  // Houses whose accounts move money here: balance-move sources and results, refunded houses.
  const houseIds = new Set<number>();
  for (const i of list) {
    if (i.kind === 'balance_move') {
      const p = i.payload as BalanceMovePayload;
      for (const h of [...p.from, ...p.to]) houseIds.add(h);
    } else if (i.kind === 'refund') houseIds.add(i.houseId as number);
  }
  const accountOf = new Map<number, number>();
  for (const part of chunks([...houseIds])) {
    const rows = await tx
      .select({ id: ledgerAccounts.id, houseId: ledgerAccounts.houseId })
      .from(ledgerAccounts)
      .where(inArray(ledgerAccounts.houseId, part));
    for (const r of rows) accountOf.set(r.houseId as number, r.id);
  }
  const refundList = list.filter((i) => i.kind === 'refund');
  // Created (if ever) before any lock is held: a first use by two approvals at once queues here.
  const payable = refundList.length > 0 ? await systemAccount(tx, 'refunds_payable') : null;
  const refundHouses = refundList.map((i) => i.houseId as number);
  const locked = await lockAccounts(tx, [...[...houseIds].map((h) => accountOf.get(h) as number), ...(payable ? [payable] : [])]);
  // R-12 needs what each house paid; read under the locks, so a deposit committed meanwhile counts.
  const standing = await standingOf(tx, [...refundHouses, ...list.filter((i) => i.kind === 'supplement').map((i) => i.houseId as number)]);
  const balance = new Map(locked.map((a) => [a.id, a.balance]));
  const outcome: FundOutcome = { balanceMoved: 0, notices: [], refunds: [] };

  for (const i of list.filter((x) => x.kind === 'balance_move'))
    outcome.balanceMoved += Number(await moveBalance(tx, ctx, app, i, accountOf, balance));

  const supplements = list.filter((i) => i.kind === 'supplement');
  if (supplements.length > 0) outcome.notices = await issueSupplements(tx, ctx, app, supplements, standing);

  for (const i of refundList) {
    const houseId = i.houseId as number;
    const accountId = accountOf.get(houseId) as number;
    const p = i.payload as RefundPayload;
    const held = balance.get(accountId) ?? 0n;
    const s = standing.get(houseId);
    const amount =
      p.reason === 'cancellation'
        ? held
        : settleDueChange({
            oldDue: BigInt(p.oldAmountDue ?? 0),
            newDue: BigInt(p.newAmountDue ?? 0),
            paid: s?.deposited ?? 0n,
            balance: held,
          }).refund;
    if (amount > 0n) {
      if (!p.refundAccount)
        throw new AppError(409, 'REFUND_ACCOUNT', `业务单 ${app.no} 须退款 ${formatYuan(amount)} 元，但未填写退款账户，请退回申请人补充`);
      const no = withCheckDigit(await allocateNumber(tx, 'TK', now));
      const transactionId = await post(tx, {
        kind: 'refund',
        reference: no,
        memo: `${app.no} ${p.reason === 'cancellation' ? '房屋注销退款' : '应交金额调减退款'}`,
        createdBy: ctx.actor?.userId ?? null,
        at: now,
        entries: [
          { accountId, amount: -amount },
          { accountId: payable as number, amount },
        ],
      });
      balance.set(accountId, held - amount);
      await tx.insert(refunds).values({
        no,
        reason: p.reason === 'cancellation' ? 'cancellation' : 'due_decrease',
        applicationId: app.id,
        fundInstructionId: i.id,
        areaId: app.areaId as number,
        houseId,
        amount,
        account: p.refundAccount,
        transactionId,
        createdAt: now,
      });
      outcome.refunds.push({ no, houseId, amount: Number(amount) });
    }
    // R-13: the account of a cancelled house ends at zero and is closed.
    if (p.reason === 'cancellation') await closeAccounts(tx, [houseId], now);
  }

  await tx
    .update(fundInstructions)
    .set({ status: 'done', doneAt: now })
    .where(
      inArray(
        fundInstructions.id,
        list.map((i) => i.id),
      ),
    );
  await audit(tx, ctx, {
    action: 'fund.execute',
    entity: 'application',
    entityId: app.id,
    summary: `业务单 ${app.no} 资金处理：${
      [
        outcome.balanceMoved ? `转移余额 ${formatYuan(outcome.balanceMoved)} 元` : '',
        outcome.notices.length ? `开具补交通知单 ${outcome.notices.length} 张` : '',
        outcome.refunds.length
          ? `退款指令 ${outcome.refunds.length} 笔共 ${formatYuan(outcome.refunds.reduce((a, r) => a + BigInt(r.amount), 0n))} 元`
          : '',
      ]
        .filter(Boolean)
        .join('，') || '无资金变动'
    }`,
    after: outcome,
  });
  return outcome;
}

async function closeAccounts(tx: Tx, houseIds: number[], now: Date) {
  for (const part of chunks(houseIds)) {
    await tx.update(houseAccounts).set({ status: 'closed', closedAt: now }).where(inArray(houseAccounts.houseId, part));
  }
}

/** R-11: sources to zero, results get their R-40 shares by building area; one balanced posting. */
async function moveBalance(
  tx: Tx,
  ctx: Ctx,
  app: ApplicationRow,
  i: Instruction,
  accountOf: Map<number, number>,
  balance: Map<number, bigint>,
): Promise<bigint> {
  const p = i.payload as BalanceMovePayload;
  const sources = p.from.map((h) => accountOf.get(h) as number);
  const targets = p.to.map((h) => accountOf.get(h) as number);
  const before = sources.map((a) => balance.get(a) ?? 0n);
  const shares = moveBalances(before, p.weights);
  const total = before.reduce((a, b) => a + b, 0n);
  const entries = [
    ...sources.map((accountId, k) => ({ accountId, amount: -(before[k] as bigint) })),
    ...targets.map((accountId, k) => ({ accountId, amount: shares[k] as bigint })),
  ].filter((e) => e.amount !== 0n);
  if (total > 0n) {
    await post(tx, {
      kind: 'balance_move',
      reference: app.no,
      memo: `拆分合并：${p.from.length} 套转入 ${p.to.length} 套`,
      createdBy: ctx.actor?.userId ?? null,
      at: ctx.clock.now(),
      entries,
    });
    for (const a of sources) balance.set(a, 0n);
    for (const [k, a] of targets.entries()) balance.set(a, (balance.get(a) ?? 0n) + (shares[k] as bigint));
  }
  await closeAccounts(tx, p.from, ctx.clock.now());
  return total;
}

/** R-12 increase: one 补交 notice per house, issued in the developer's name, printable and bank-confirmed like any notice. */
async function issueSupplements(
  tx: Tx,
  ctx: Ctx,
  app: ApplicationRow,
  list: Instruction[],
  standing: Awaited<ReturnType<typeof standingOf>>,
): Promise<string[]> {
  const ids = list.map((i) => i.houseId as number);
  const owners = await tx.select().from(houseOwners).where(inArray(houseOwners.houseId, ids)).orderBy(asc(houseOwners.id));
  const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.orgId));
  const ownersOf = new Map<number, typeof owners>();
  for (const o of owners) ownersOf.set(o.houseId, [...(ownersOf.get(o.houseId) ?? []), o]);
  const drafts: NoticeDraft[] = [];
  for (const i of list) {
    const houseId = i.houseId as number;
    const p = i.payload as SupplementPayload;
    const s = standing.get(houseId);
    const amount = settleDueChange({
      oldDue: BigInt(p.oldAmountDue),
      newDue: BigInt(p.newAmountDue),
      paid: s?.deposited ?? 0n,
      balance: s?.balance ?? 0n,
    }).supplement;
    if (amount === 0n) continue;
    const mine = ownersOf.get(houseId) ?? [];
    drafts.push({
      purpose: 'supplement',
      purposeNote: `业务单 ${app.no} 应交金额调增`,
      payerType: mine.length > 0 ? 'owner' : 'developer',
      payerName: mine.length > 0 ? mine.map((o) => o.name).join('、') : (org?.name ?? ''),
      payerIdNumber: mine[0]?.idNumber ?? '',
      payerPhone: mine[0]?.phone ?? '',
      items: [{ houseId, amount }],
      applicationId: app.id,
    });
  }
  if (drafts.length === 0) return [];
  return issue(tx, ctx, { orgId: app.orgId, userId: app.createdBy }, app.areaId as number, drafts);
}
