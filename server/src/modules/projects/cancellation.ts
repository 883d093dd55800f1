import { and, eq, inArray } from 'drizzle-orm';
import { projectRequests } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../audit/audit.ts';
import { committeeActor, loadProject, touch } from './access.ts';
import { requireAllowed } from './actions.ts';
import { latestNotice } from './facts.ts';
import { recordEvent } from '../workflow/events.ts';

/**
 * F-47 撤销: after the cancellation notice, at any stage — R-50 (nothing transferred left
 * unrefunded) comes from the allowed actions. Requests still open die with the project.
 */
export async function cancelProject(ctx: Ctx, id: number) {
  const actor = committeeActor(ctx, 'project.submit');
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    await requireAllowed(tx, ctx, p, 'cancel');
    const notice = await latestNotice(tx, id, 'cancellation');
    const now = ctx.clock.now();
    const reason = notice?.content ?? '';
    await tx
      .update(projectRequests)
      .set({ status: 'rejected', rejectReason: '项目已撤销', reviewedAt: now })
      .where(
        and(
          eq(projectRequests.projectId, id),
          inArray(projectRequests.kind, ['approval', 'disbursement']),
          inArray(projectRequests.status, ['submitted', 'accepted', 'approved']),
        ),
      );
    await touch(tx, ctx, id, { status: 'cancelled', cancelledAt: now, cancelReason: reason });
    await recordEvent(tx, ctx, { projectId: id }, 'cancel', reason);
    await audit(tx, ctx, {
      action: 'project.cancel',
      entity: 'repair_project',
      entityId: id,
      summary: `撤销维修项目 ${p.no}${notice ? `（撤销公示 ${notice.no}）` : ''}`,
      before: { status: p.status },
      after: { status: 'cancelled', reason },
    });
  });
}
