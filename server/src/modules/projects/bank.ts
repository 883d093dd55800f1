import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { bankConfirmations, projectRequests, propertyAreas, repairProjects } from '../../db/schema/index.ts';
import type { Entry } from '../../domain/ledger-rules.ts';
import { formatYuan } from '../../domain/money.ts';
import { refundCredits } from '../../domain/project-debits.ts';
import { type Ctx, requirePermission } from '../../lib/context.ts';
import { AppError, invalid, notFound, ruleRefusal } from '../../lib/errors.ts';
import { InsufficientBalance, type Posting, post, systemAccount } from '../../ledger/post.ts';
import { audit } from '../audit/audit.ts';
import { notifyOrg } from '../messages/service.ts';
import { earlierConfirmation, recordConfirmation } from '../payments/bank.ts';
import { requireCustodianBank } from '../payments/custodian.ts';
import { type ProjectRow, projectPagePath, touch } from './access.ts';
import { maybeComplete } from './completion.ts';
import { debitState, plannedDebits, REFUND_KIND, TRANSFER_KIND } from './debits.ts';
import { payeesView } from './payees.ts';
import { recordEvent } from '../workflow/events.ts';

export interface ProjectConfirmation {
  number: string;
  amount: bigint;
  bankRef: string;
  bankDate: string;
}

export interface ProjectConfirmResult {
  number: string;
  kind: 'transfer' | 'project_refund';
  amount: number;
  confirmedAt: string;
  confirmationId: number;
  /** True when this call repeated an earlier confirmation and changed nothing. */
  repeated: boolean;
}

type Kind = ProjectConfirmResult['kind'];
const LABEL: Record<Kind, string> = { transfer: '拨付指令', project_refund: '清退通知单' };

const earlier = (tx: Tx, kind: Kind, number: string, amount: bigint): Promise<ProjectConfirmResult | null> =>
  earlierConfirmation<Omit<ProjectConfirmResult, 'repeated'>>(tx, kind, LABEL[kind], number, amount);

/** Posts the ledger transaction; a house that cannot pay is named as R-48 says, not as a bare R-21. */
async function postOrExplain(tx: Tx, posting: Posting) {
  try {
    return await post(tx, posting);
  } catch (err) {
    if (err instanceof InsufficientBalance) {
      throw ruleRefusal(
        409,
        'SHORTFALL',
        'R-48',
        `${err.count} 户分户账余额不足，不能划转：${err.shortfalls
          .map((s) => s.name)
          .slice(0, 5)
          .join('、')}`,
      );
    }
    throw err;
  }
}

/**
 * F-70/F-71 划转确认 and 清退确认, idempotent by the instruction or notice number: the first
 * confirmation posts ONE balanced ledger transaction — a transfer debits the houses and
 * the custody account the other way; a refund credits the houses in proportion to what each paid
 * (F-46) — a repeat answers with the first result.
 */
export async function confirmProjectMoney(
  ctx: Ctx,
  kind: Kind,
  bankOrgId: number,
  userId: number | null,
  c: ProjectConfirmation,
  via: 'workspace' | 'api',
): Promise<ProjectConfirmResult> {
  const number = c.number.trim().toUpperCase();
  return ctx.db.transaction(async (tx) => {
    await requireCustodianBank(tx, bankOrgId, `${LABEL[kind]} ${number} `);
    const first = await earlier(tx, kind, number, c.amount);
    if (first) return first;
    const [found] = await tx
      .select({ projectId: projectRequests.projectId })
      .from(projectRequests)
      .where(and(eq(projectRequests.no, number), eq(projectRequests.kind, kind === 'transfer' ? 'disbursement' : 'refund')));
    if (!found) throw notFound(`${LABEL[kind]} ${number}`);
    // Project first, then the request: the lock order of every project use case.
    const [p] = await tx.select().from(repairProjects).where(eq(repairProjects.id, found.projectId)).for('update');
    const [r] = await tx.select().from(projectRequests).where(eq(projectRequests.no, number)).for('update');
    if (!p || !r) throw notFound(`${LABEL[kind]} ${number}`);
    const raced = await earlier(tx, kind, number, c.amount);
    if (raced) return raced;
    const wanted = kind === 'transfer' ? 'approved' : 'submitted';
    if (r.status !== wanted) {
      throw new AppError(
        409,
        'STATUS',
        kind === 'transfer' ? `拨付申请 ${number} 尚未审核通过，不能划转` : `清退通知单 ${number} 已确认或已作废`,
      );
    }
    if (c.amount !== r.amount)
      throw invalid('amount', `金额 ${formatYuan(c.amount)} 元须与${LABEL[kind]}金额 ${formatYuan(r.amount)} 元一致`);
    const now = ctx.clock.now();
    const custody = await systemAccount(tx, 'custody');
    const state = await debitState(tx, p.id);
    const moves =
      kind === 'transfer'
        ? plannedDebits(state, r.amount, p.settlementAmount)
        : new Map(
            [
              ...refundCredits(
                [...state.debitedSoFar].filter(([, v]) => v > 0n).map(([houseId, share]) => ({ houseId, share })),
                r.amount,
              ),
            ].map(([h, v]) => [h, -v]),
          );
    // Debits leave house accounts (negative entries); the custody account mirrors the bank.
    const entries: Entry[] = [...moves].map(([houseId, debit]) => ({
      accountId: state.accounts.get(houseId)?.accountId as number,
      amount: -debit,
    }));
    entries.push({ accountId: custody, amount: kind === 'transfer' ? r.amount : -r.amount });
    const transactionId = await postOrExplain(tx, {
      kind: kind === 'transfer' ? TRANSFER_KIND : REFUND_KIND,
      reference: number,
      memo: `${p.name}（${p.no}）${c.bankRef}`,
      createdBy: userId,
      at: now,
      entries,
    });
    await tx
      .update(projectRequests)
      .set({ status: 'confirmed', confirmedAt: now, ledgerTransactionId: transactionId })
      .where(eq(projectRequests.id, r.id));
    const stored = await recordConfirmation(
      tx,
      {
        kind,
        number,
        amount: c.amount,
        channel: kind === 'transfer' ? '划转' : '清退',
        bankRef: c.bankRef,
        bankDate: c.bankDate,
        bankOrgId,
        userId,
        via,
        ledgerTransactionId: transactionId,
        createdAt: now,
      },
      { number, kind, amount: Number(c.amount), confirmedAt: now.toISOString() },
    );
    const result: ProjectConfirmResult = { ...stored, repeated: false };
    await touch(tx, ctx, p.id);
    await recordEvent(
      tx,
      ctx,
      { projectId: p.id },
      kind === 'transfer' ? 'disbursement.transfer' : 'refund.confirm',
      `${number}，${formatYuan(r.amount)} 元`,
    );
    await audit(tx, ctx, {
      action: kind === 'transfer' ? 'project.transfer.confirm' : 'project.refund.confirm',
      entity: 'project_request',
      entityId: r.id,
      summary: `银行确认${kind === 'transfer' ? '划转' : '清退'}：${number}（${p.no}），${formatYuan(r.amount)} 元，流水号 ${c.bankRef}（${via === 'api' ? '银行接口' : '银行工作台'}）`,
      after: { amount: String(c.amount), bankRef: c.bankRef, bankDate: c.bankDate, houses: moves.size },
      orgId: bankOrgId,
    });
    await notifyOrg(tx, ctx, {
      orgId: p.orgId,
      kind: kind === 'transfer' ? 'bank.transfer' : 'bank.refund',
      title: `${p.name}：${LABEL[kind]} ${number} 已${kind === 'transfer' ? '划转' : '到账'} ${formatYuan(r.amount)} 元`,
      body: `银行流水号 ${c.bankRef}`,
      link: projectPagePath(p.id),
    });
    // A refund can also bring the houses' payments down onto the settlement, which completes the project.
    await maybeComplete(tx, ctx, p as ProjectRow);
    return result;
  });
}

export async function confirmAtCounter(ctx: Ctx, kind: Kind, c: ProjectConfirmation) {
  const actor = requirePermission(ctx, 'bank.confirm');
  return confirmProjectMoney(ctx, kind, actor.orgId, actor.userId, c, 'workspace');
}

/**
 * F-70: what waits for the bank — approved disbursements to transfer (with payees) and refund
 * notices to receive — and what this bank already confirmed. The bank sees nothing else of projects.
 */
export async function bankQueue(ctx: Ctx, state: 'pending' | 'confirmed') {
  const actor = requirePermission(ctx, 'bank.confirm');
  const base = ctx.db
    .select({ r: projectRequests, projectNo: repairProjects.no, projectName: repairProjects.name, areaName: propertyAreas.name })
    .from(projectRequests)
    .innerJoin(repairProjects, eq(repairProjects.id, projectRequests.projectId))
    .innerJoin(propertyAreas, eq(propertyAreas.id, repairProjects.areaId));
  const rows =
    state === 'pending'
      ? await base
          .where(
            or(
              and(eq(projectRequests.kind, 'disbursement'), eq(projectRequests.status, 'approved')),
              // A refund notice is payable at the bank as soon as it is issued.
              and(eq(projectRequests.kind, 'refund'), eq(projectRequests.status, 'submitted')),
            ),
          )
          .orderBy(asc(projectRequests.id))
      : await base
          .innerJoin(bankConfirmations, eq(bankConfirmations.ledgerTransactionId, projectRequests.ledgerTransactionId))
          .where(eq(bankConfirmations.bankOrgId, actor.orgId))
          .orderBy(desc(projectRequests.confirmedAt))
          .limit(200);
  return {
    items: rows.map((x) => ({
      number: x.r.no,
      kind: x.r.kind === 'disbursement' ? ('transfer' as const) : ('project_refund' as const),
      amount: Number(x.r.amount),
      payees: payeesView(x.r.payees),
      projectNo: x.projectNo,
      projectName: x.projectName,
      areaName: x.areaName,
      status: x.r.status,
      confirmedAt: x.r.confirmedAt,
    })),
  };
}
