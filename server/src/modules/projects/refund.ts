import { and, eq, inArray } from 'drizzle-orm';
import { allocateNumber } from '../../db/numbering.ts';
import { projectRequests } from '../../db/schema/index.ts';
import { checkRefund, refundedFrom } from '../../domain/disbursement.ts';
import { formatYuan } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { getSetting } from '../settings/store.ts';
import { committeeActor, loadProject, touch } from './access.ts';
import { requireAllowed } from './actions.ts';
import { moneyOf } from './facts.ts';
import { recordEvent } from '../workflow/events.ts';

/**
 * F-46 清退: a refund notice with its number for transferred disbursements, at most what they
 * transferred net of earlier refunds (pending ones included, so two notices cannot both take the
 * same money). The applicant pays at the bank; the bank's confirmation credits the houses.
 */
export async function issueRefund(ctx: Ctx, id: number, input: { sourceIds: number[]; amount: bigint; reason: string }) {
  const actor = committeeActor(ctx, 'project.submit');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    await requireAllowed(tx, ctx, p, 'refund');
    const sources = await tx
      .select()
      .from(projectRequests)
      .where(
        and(
          eq(projectRequests.projectId, id),
          eq(projectRequests.kind, 'disbursement'),
          eq(projectRequests.status, 'confirmed'),
          inArray(projectRequests.id, input.sourceIds),
        ),
      );
    if (sources.length !== new Set(input.sourceIds).size) throw invalid('sourceIds', '请选择本项目已划转的拨付申请');
    const refunds = await tx
      .select({ amount: projectRequests.amount, status: projectRequests.status, sourceIds: projectRequests.sourceIds })
      .from(projectRequests)
      .where(and(eq(projectRequests.projectId, id), eq(projectRequests.kind, 'refund')));
    const earlier = refundedFrom(
      input.sourceIds,
      refunds.map((r) => ({ ...r, sourceIds: r.sourceIds as number[] })),
    );
    const chosen = sources.reduce((a, s) => a + s.amount, 0n);
    const money = await moneyOf(tx, p);
    const problem =
      checkRefund(chosen, earlier, input.amount) ?? checkRefund(money.transferred, money.refunded + money.refunding, input.amount);
    if (problem) throw ruleRefusal(409, 'RULE', 'F-46', problem, { amount: problem });
    const no = await allocateNumber(tx, 'QT', now);
    const payInAccount = await getSetting(tx, 'custodyAccount');
    const [r] = await tx
      .insert(projectRequests)
      .values({
        no,
        projectId: id,
        kind: 'refund',
        status: 'submitted',
        amount: input.amount,
        sourceIds: input.sourceIds,
        payInAccount,
        note: input.reason,
        submittedBy: actor.userId,
        submittedAt: now,
      })
      .returning();
    await touch(tx, ctx, id);
    await recordEvent(tx, ctx, { projectId: id }, 'refund.issue', `${no}，${formatYuan(input.amount)} 元：${input.reason}`);
    await audit(tx, ctx, {
      action: 'project.refund.issue',
      entity: 'repair_project',
      entityId: id,
      summary: `开具清退通知单 ${no}（${p.no}，${formatYuan(input.amount)} 元）`,
      after: { no, amount: String(input.amount), sourceIds: input.sourceIds, reason: input.reason },
    });
    return r as typeof projectRequests.$inferSelect;
  });
}
