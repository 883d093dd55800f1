import { asc, eq, sql } from 'drizzle-orm';
import { type Tx, rowsOf } from '../../db/client.ts';
import { facilityRepairRecords, projectItems, repairProjects } from '../../db/schema/index.ts';
import { apportion } from '../../domain/apportion.ts';
import type { Ctx } from '../../lib/context.ts';
import { post } from '../../ledger/post.ts';
import { businessDate } from '../../lib/clock.ts';
import { audit } from '../audit/audit.ts';
import { type ProjectRow, touch } from './access.ts';
import { debitState, netTransferred, plannedDebits, TRANSFER_KIND } from './debits.ts';
import { latestNotice } from './facts.ts';
import { recordEvent } from '../workflow/events.ts';

/**
 * A project is done once it is accepted with its notice published, nothing is waiting for the bank,
 * and the houses have paid exactly the settlement. Completing settles any fen of rounding left from
 * the phases onto the final list (R-48, a zero-sum transaction between the project's houses) and
 * writes one repair record per facility (F-31), its amount the item's part of the settlement.
 */
export async function maybeComplete(tx: Tx, ctx: Ctx, before: ProjectRow) {
  const [p] = await tx.select().from(repairProjects).where(eq(repairProjects.id, before.id));
  if (p?.status !== 'approved' || p.settlementAmount === null || !p.acceptanceRecordedAt) return false;
  if (!(await latestNotice(tx, p.id, 'acceptance'))) return false;
  const [waiting] = await rowsOf<{ n: number }>(
    tx,
    sql`select count(*)::int as n from project_requests where project_id = ${p.id}
      and ((kind = 'disbursement' and status in ('submitted', 'accepted', 'approved')) or (kind = 'refund' and status = 'submitted'))`,
  );
  if (Number(waiting?.n ?? 0) > 0) return false;
  const state = await debitState(tx, p.id);
  if (netTransferred(state) !== p.settlementAmount) return false;
  const now = ctx.clock.now();
  const moves = plannedDebits(state, 0n, p.settlementAmount);
  // The moves sum to zero, so there are none or at least two of them.
  if (moves.size > 0) {
    const entries = [...moves].map(([houseId, debit]) => ({ accountId: state.accounts.get(houseId)?.accountId as number, amount: -debit }));
    await post(tx, { kind: TRANSFER_KIND, reference: p.no, memo: `${p.name} 决算调整`, at: now, entries });
  }
  const items = await tx.select().from(projectItems).where(eq(projectItems.projectId, p.id)).orderBy(asc(projectItems.seq));
  const amounts = apportion(
    p.settlementAmount,
    items.map((i) => i.budget),
  );
  const date = p.acceptanceDate ?? businessDate(now);
  if (items.length > 0) {
    await tx
      .insert(facilityRepairRecords)
      .values(
        items.map((i, k) => ({
          facilityId: i.facilityId,
          projectId: p.id,
          projectNo: p.no,
          projectName: p.name,
          repairDate: date,
          content: i.content,
          amount: amounts[k] as bigint,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
  }
  await touch(tx, ctx, p.id, { status: 'completed', completedAt: now });
  await recordEvent(tx, ctx, { projectId: p.id }, 'complete', `结算金额已全部划转`);
  await audit(tx, ctx, {
    action: 'project.complete',
    entity: 'repair_project',
    entityId: p.id,
    summary: `维修项目 ${p.no} 完成，维修记录写入 ${items.length} 项设施设备`,
  });
  return true;
}
