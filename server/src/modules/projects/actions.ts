import { eq, sql } from 'drizzle-orm';
import { type Conn, rowsOf, type Tx } from '../../db/client.ts';
import { repairProjects } from '../../db/schema/index.ts';
import {
  type ActionName,
  acceptanceCorrectionBlock,
  actionBlock,
  allowedActions,
  type Block,
  type ProjectFacts,
  voteCorrectionBlock,
} from '../../domain/project-actions.ts';
import { projectStage } from '../../domain/project-stage.ts';
import type { Ctx } from '../../lib/context.ts';
import { businessDate } from '../../lib/clock.ts';
import { ruleRefusal } from '../../lib/errors.ts';
import { getSetting } from '../settings/store.ts';
import type { ProjectRow } from './access.ts';
import { latestApproval, latestNotice, moneyOf, noticeListChanged, phasesOf } from './facts.ts';

const APPROVAL_STATE = {
  submitted: 'submitted',
  accepted: 'submitted',
  approved: 'approved',
  confirmed: 'approved',
  rejected: 'rejected',
} as const;

/** The plain facts SPEC §7.2's rules are decided on, read in a handful of queries. */
export async function projectFacts(db: Conn, ctx: Ctx, p: ProjectRow): Promise<ProjectFacts> {
  // One after another: inside a transaction `db` is a single connection, which takes one query at a time.
  const initiation = await latestNotice(db, p.id, 'initiation');
  const acceptanceNotice = await latestNotice(db, p.id, 'acceptance');
  const cancellation = await latestNotice(db, p.id, 'cancellation');
  const approval = await latestApproval(db, p.id);
  const phases = await phasesOf(db, p.id);
  const money = await moneyOf(db, p);
  const percent = await getSetting(db, 'acceptanceFirstPercent');
  const [pending] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from project_requests where project_id = ${p.id} and kind = 'disbursement' and status = 'approved'`,
  );
  // money applied for after the acceptance relies on its settlement, which then stands (at the
  // same instant counts as after: the conservative reading).
  const [since] =
    p.acceptanceRecordedAt === null
      ? [{ moved: false }]
      : await rowsOf<{ moved: boolean }>(
          db,
          sql`select exists (select 1 from project_requests where project_id = ${p.id} and kind in ('disbursement', 'refund')
            and status <> 'rejected' and submitted_at >= ${p.acceptanceRecordedAt}) as moved`,
        );
  // A vote counts only for the initiation notice it followed: a new notice after a failed vote starts over.
  const vote = p.votePassed !== null && initiation !== null && p.voteNoticeId === initiation.id ? { passed: p.votePassed } : null;
  const [evote] =
    initiation === null
      ? []
      : await rowsOf<{ open: boolean }>(
          db,
          sql`select exists (select 1 from project_evotes where project_id = ${p.id} and notice_id = ${initiation.id} and status = 'open') as open`,
        );
  // once the application is in, the list can no longer change; before, compare it with the notice.
  const listChanged = initiation !== null && p.status === 'draft' ? await noticeListChanged(db, initiation.id, p.id) : false;
  return {
    type: p.type,
    status: p.status === 'completed' || p.status === 'cancelled' ? p.status : 'draft',
    initiationNotice: initiation ? { published: true, deadline: initiation.deadline, budget: initiation.budgetTotal, listChanged } : null,
    today: businessDate(ctx.clock.now()),
    vote,
    evoteOpen: evote?.open === true,
    approval: approval ? APPROVAL_STATE[approval.status] : 'none',
    acceptance: {
      done: p.acceptanceRecordedAt !== null,
      noticePublished: acceptanceNotice !== null,
      ...(acceptanceNotice ? { noticeDeadline: acceptanceNotice.deadline } : {}),
      moneySince: since?.moved === true,
    },
    settlement: p.settlementAmount,
    budgetTotal: p.budgetTotal,
    phases: phases.map((ph) => ({
      amount: ph.amount,
      applied: money.phaseApplied.get(ph.id) ?? 0n,
      refunded: money.phaseRefunded.get(ph.id) ?? 0n,
    })),
    transferred: money.transferred,
    refunded: money.refunded,
    awaitingTransfer: Number(pending?.n ?? 0),
    cancellationNotice: cancellation !== null,
    acceptancePercent: percent,
  };
}

/**
 * Stores the project's stage (domain/project-stage.ts) after a step changed it, inside the step's
 * transaction, so the list shows and filters the stage without deriving it per row.
 */
export async function storeStage(tx: Tx, ctx: Ctx, id: number) {
  const [p] = await tx.select().from(repairProjects).where(eq(repairProjects.id, id));
  if (!p) return;
  const course = projectStage(await projectFacts(tx, ctx, p));
  await tx
    .update(repairProjects)
    .set({ stage: course.stage, stageUntil: course.until, stageNext: course.next })
    .where(eq(repairProjects.id, id));
}

export async function projectActions(db: Conn, ctx: Ctx, p: ProjectRow) {
  return allowedActions(await projectFacts(db, ctx, p));
}

/** F-42 / R-49: whether a recorded vote or acceptance may still be corrected, and what stops it. */
export const CORRECTIONS = { vote: voteCorrectionBlock, acceptance: acceptanceCorrectionBlock } as const;
export type Correction = keyof typeof CORRECTIONS;

export function correctionStates(f: ProjectFacts) {
  const state = (b: Block | null) => ({ allowed: b === null, blockedBy: b });
  return { vote: state(voteCorrectionBlock(f)), acceptance: state(acceptanceCorrectionBlock(f)) };
}

/** Refuses a correction the project no longer allows (under the caller's project lock). */
export async function requireCorrectable(db: Conn, ctx: Ctx, p: ProjectRow, what: Correction) {
  const blocked = CORRECTIONS[what](await projectFacts(db, ctx, p));
  if (blocked) throw ruleRefusal(409, 'RULE', blocked.rule, blocked.message);
}

/**
 * Refuses an action the lifecycle does not allow yet, naming the rule that blocks it (under the
 * caller's project lock). Rules the caller checks itself for the exact request (a phase's R-45, an
 * amount's R-46) are left to it, so the refusal names the rule that applies to that request.
 */
export async function requireAllowed(db: Conn, ctx: Ctx, p: ProjectRow, action: ActionName, checkedByCaller: string[] = []) {
  const blocked = actionBlock(await projectFacts(db, ctx, p), action);
  if (blocked && !checkedByCaller.includes(blocked.rule)) throw ruleRefusal(409, 'RULE', blocked.rule, blocked.message);
}
