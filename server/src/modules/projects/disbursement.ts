import { and, eq } from 'drizzle-orm';
import { allocateNumber } from '../../db/numbering.ts';
import { projectPhases, projectRequests } from '../../db/schema/index.ts';
import { checkAcceptanceGate, checkPhaseCap, type PayeeInput, phaseRemaining } from '../../domain/disbursement.ts';
import { formatYuan } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { currentRequiredDocuments } from '../settings/required-documents.ts';
import { getSetting } from '../settings/store.ts';
import { committeeActor, loadProject, touch, readerActor } from './access.ts';
import { requireAllowed } from './actions.ts';
import { shortfallError } from './debits.ts';
import { latestNotice, moneyOf, phasesOf } from './facts.ts';
import { checkPayees } from './payees.ts';
import { attachDisbursementDocuments, requireUploaded } from './documents.ts';
import { recordEvent } from '../workflow/events.ts';

/**
 * F-44 资金拨付: one application for part or all of a phase, to one or more payees. The project row
 * is locked first, so concurrent applications queue and each sees the ones before it: R-45 holds
 * in the database, not only in the page. R-44 (approval passed) comes from the allowed actions,
 * R-46 (acceptance first) and R-48 (every house can pay its part) are checked here, then an upload
 * for each required document (F-62); the uploads waiting for an application become its own.
 */
export async function applyDisbursement(ctx: Ctx, id: number, input: { phaseId: number; payees: PayeeInput[]; note: string }) {
  const actor = committeeActor(ctx, 'project.submit');
  const payees = checkPayees(input.payees);
  const amount = input.payees.reduce((a, p) => a + p.amount, 0n);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    await requireAllowed(tx, ctx, p, 'disbursement', ['R-45', 'R-46']);
    const phases = await phasesOf(tx, id);
    const phase = phases.find((ph) => ph.id === input.phaseId);
    if (!phase) throw invalid('phaseId', '请选择本项目拨付计划中的一期');
    const money = await moneyOf(tx, p);
    // What refunds gave back may be applied for again (R-45 with F-46).
    const applied = (money.phaseApplied.get(phase.id) ?? 0n) - (money.phaseRefunded.get(phase.id) ?? 0n);
    const cap = checkPhaseCap(phase.amount, applied, amount);
    if (cap) throw ruleRefusal(409, 'RULE', 'R-45', `第 ${phase.seq} 期${cap}`, { amount: cap });
    if (p.settlementAmount !== null && money.applied - money.refunded + amount > p.settlementAmount) {
      throw ruleRefusal(
        409,
        'RULE',
        'R-49',
        `累计申请 ${formatYuan(money.applied - money.refunded + amount)} 元将超过结算金额 ${formatYuan(p.settlementAmount)} 元`,
      );
    }
    const acceptance = await latestNotice(tx, id, 'acceptance');
    const percent = await getSetting(tx, 'acceptanceFirstPercent');
    const gate = checkAcceptanceGate({
      isLastPhase: phase.seq === Math.max(...phases.map((ph) => ph.seq)),
      appliedSoFar: money.applied,
      requested: amount,
      budgetTotal: p.budgetTotal,
      percent,
      accepted: p.acceptanceRecordedAt !== null,
      acceptanceNoticePublished: acceptance !== null,
    });
    if (gate) throw ruleRefusal(409, 'RULE', 'R-46', gate);
    await shortfallError(tx, p, amount);
    const required = await currentRequiredDocuments(tx, 'project.disbursement');
    await requireUploaded(tx, id, 'disbursement', 'project.disbursement', required);
    const no = await allocateNumber(tx, 'BF', now);
    const [r] = await tx
      .insert(projectRequests)
      .values({
        no,
        projectId: id,
        kind: 'disbursement',
        status: 'submitted',
        phaseId: phase.id,
        amount,
        payees,
        note: input.note,
        submittedBy: actor.userId,
        submittedAt: now,
        requiredDocuments: required,
      })
      .returning();
    if (!r) throw new Error('disbursement application not inserted');
    await attachDisbursementDocuments(tx, id, r.id);
    await touch(tx, ctx, id);
    await recordEvent(tx, ctx, { projectId: id }, 'disbursement.submit', `${no}，第 ${phase.seq} 期 ${formatYuan(amount)} 元`);
    await audit(tx, ctx, {
      action: 'project.disbursement.submit',
      entity: 'repair_project',
      entityId: id,
      summary: `提交资金拨付申请 ${no}（${p.no} 第 ${phase.seq} 期，${formatYuan(amount)} 元，${payees.length} 个收款账户）`,
      after: { no, phase: phase.seq, amount: String(amount), payees },
    });
    return r as typeof projectRequests.$inferSelect;
  });
}

/** What the form proposes for a phase (F-44): its plan amount less every live application against it. */
export async function phaseProposal(ctx: Ctx, id: number, phaseId: number) {
  const actor = readerActor(ctx);
  const p = await loadProject(ctx.db, actor, id);
  const [phase] = await ctx.db
    .select()
    .from(projectPhases)
    .where(and(eq(projectPhases.id, phaseId), eq(projectPhases.projectId, id)));
  if (!phase) throw notFound('拨付计划');
  const money = await moneyOf(ctx.db, p);
  const applied = (money.phaseApplied.get(phase.id) ?? 0n) - (money.phaseRefunded.get(phase.id) ?? 0n);
  let remaining = phaseRemaining(phase.amount, [applied]);
  // After acceptance the settlement caps what can still be applied for, whatever the plan said.
  if (p.settlementAmount !== null) {
    const settlementLeft = p.settlementAmount - (money.applied - money.refunded);
    if (settlementLeft < remaining) remaining = settlementLeft > 0n ? settlementLeft : 0n;
  }
  return {
    phaseId,
    seq: phase.seq,
    plan: Number(phase.amount),
    applied: Number(applied),
    remaining: Number(remaining),
  };
}
