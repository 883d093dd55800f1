import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { type ProjectNoticeKind, projectNotices, projectPhases, projectRequests } from '../../db/schema/index.ts';
import { refundedByPhase } from '../../domain/disbursement.ts';
import type { ProjectRow } from './access.ts';

export type NoticeRow = typeof projectNotices.$inferSelect;
export type RequestRow = typeof projectRequests.$inferSelect;
export type PhaseRow = typeof projectPhases.$inferSelect;

/** Statuses that count against a phase's plan amount: pending, approved or transferred. */
export const LIVE_DISBURSEMENT = ['submitted', 'accepted', 'approved', 'confirmed'] as const;

export async function latestNotice(db: Conn, projectId: number, kind: ProjectNoticeKind): Promise<NoticeRow | null> {
  const [n] = await db
    .select()
    .from(projectNotices)
    .where(and(eq(projectNotices.projectId, projectId), eq(projectNotices.kind, kind)))
    .orderBy(desc(projectNotices.id))
    .limit(1);
  return n ?? null;
}

export async function latestApproval(db: Conn, projectId: number): Promise<RequestRow | null> {
  const [r] = await db
    .select()
    .from(projectRequests)
    .where(and(eq(projectRequests.projectId, projectId), eq(projectRequests.kind, 'approval')))
    .orderBy(desc(projectRequests.id))
    .limit(1);
  return r ?? null;
}

export async function phasesOf(db: Conn, projectId: number) {
  return db.select().from(projectPhases).where(eq(projectPhases.projectId, projectId)).orderBy(asc(projectPhases.seq));
}

/**
 * The project's money (SPEC §7 "its money"): applied = live disbursements; transferred = confirmed
 * ones; refunded = confirmed refunds; per phase the applied amount and what refunds gave back.
 */
export async function moneyOf(db: Conn, p: ProjectRow) {
  const [m] = await rowsOf<{ plan: string; applied: string; transferred: string; refunded: string; refunding: string }>(
    db,
    sql`select
      (select coalesce(sum(amount), 0) from project_phases where project_id = ${p.id})::text as plan,
      (select coalesce(sum(amount), 0) from project_requests where project_id = ${p.id} and kind = 'disbursement'
         and status in ('submitted', 'accepted', 'approved', 'confirmed'))::text as applied,
      (select coalesce(sum(amount), 0) from project_requests where project_id = ${p.id} and kind = 'disbursement'
         and status = 'confirmed')::text as transferred,
      (select coalesce(sum(amount), 0) from project_requests where project_id = ${p.id} and kind = 'refund'
         and status = 'confirmed')::text as refunded,
      (select coalesce(sum(amount), 0) from project_requests where project_id = ${p.id} and kind = 'refund'
         and status = 'submitted')::text as refunding`,
  );
  const phaseApplied = await rowsOf<{ phase_id: string; applied: string }>(
    db,
    sql`select phase_id::text as phase_id, sum(amount)::text as applied from project_requests
      where project_id = ${p.id} and kind = 'disbursement' and phase_id is not null
        and status in ('submitted', 'accepted', 'approved', 'confirmed') group by phase_id`,
  );
  const given = await rowsOf<{ kind: string; id: string; phase_id: string | null; amount: string; source_ids: (number | string)[] }>(
    db,
    sql`select kind, id, phase_id, amount::text as amount, source_ids from project_requests
      where project_id = ${p.id} and status = 'confirmed' and kind in ('disbursement', 'refund') order by id`,
  );
  const refundedPhase = refundedByPhase(
    // Ids as numbers on both drivers (PostgreSQL returns bigint columns as text).
    given
      .filter((r) => r.kind === 'disbursement')
      .map((r) => ({ id: Number(r.id), phaseId: r.phase_id === null ? null : Number(r.phase_id), amount: BigInt(r.amount) })),
    given.filter((r) => r.kind === 'refund').map((r) => ({ amount: BigInt(r.amount), sourceIds: r.source_ids.map(Number) })),
  );
  return {
    budget: p.budgetTotal,
    plan: BigInt(m?.plan ?? 0),
    applied: BigInt(m?.applied ?? 0),
    transferred: BigInt(m?.transferred ?? 0),
    refunded: BigInt(m?.refunded ?? 0),
    refunding: BigInt(m?.refunding ?? 0),
    settlement: p.settlementAmount,
    phaseApplied: new Map(phaseApplied.map((r) => [Number(r.phase_id), BigInt(r.applied)])),
    /** Per phase, what refunds of its disbursements gave back: that may be applied for again (R-45 with F-46). */
    phaseRefunded: refundedPhase,
  };
}

/** Items whose shares do not add up to their budget (R-40 must hold before anything is published or submitted). */
export async function unbalancedItems(db: Conn, projectId: number) {
  return rowsOf<{ seq: number; budget: string; shares: string; houses: number }>(
    db,
    sql`select i.seq, i.budget::text as budget, coalesce(sum(s.share), 0)::text as shares, count(s.house_id)::int as houses
      from project_items i left join project_item_houses s on s.item_id = i.id
      where i.project_id = ${projectId} group by i.id
      having coalesce(sum(s.share), 0) <> i.budget or count(s.house_id) = 0 or i.budget = 0 order by i.seq`,
  );
}

/**
 * whether the project's merged list (each house's total share) differs from the list the
 * notice published — a house added, removed or charged another amount.
 */
export async function noticeListChanged(db: Conn, noticeId: number, projectId: number): Promise<boolean> {
  const [r] = await rowsOf<{ changed: boolean }>(
    db,
    sql`select exists (
        select 1 from (select house_id, amount from project_notice_houses where notice_id = ${noticeId}) n
        full join (select house_id, sum(share) as share from project_item_houses where project_id = ${projectId} group by house_id) c
          on c.house_id = n.house_id
        where n.amount is distinct from c.share
      ) as changed`,
  );
  return r?.changed === true;
}
