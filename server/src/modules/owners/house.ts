import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { houses, type ProjectStatus, type ProjectType, projectNotices } from '../../db/schema/index.ts';
import type { ProjectStage } from '../../domain/project-stage.ts';
import type { Ctx, OwnerActor } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { houseStatementPage } from '../payments/statement.ts';
import { standingOf } from '../payments/standing.ts';
import { TYPE_LABELS } from '../projects/access.ts';
import { NOTICE_KIND_LABELS, publicNoticePath } from '../projects/notices.ts';
import { storedStage } from '../projects/summary.ts';
import { housePlace, joinPlace, liveBinding, requireOwner } from './service.ts';
import { houseVotes } from './votes.ts';

/**
 * F-81: the owner reaches a house only through a live binding whose ID number is still on the
 * house's record; any other house — another owner's, an ended binding, one that does not exist —
 * gets the same answer, so nothing is learnt by trying numbers.
 */
async function ownedHouse(ctx: Ctx, houseId: number): Promise<OwnerActor> {
  const owner = requireOwner(ctx);
  const [bound] = await ctx.db
    .select({ id: houses.id })
    .from(houses)
    .where(and(eq(houses.id, houseId), liveBinding(ctx.db, owner, houses.id)));
  if (!bound) throw new AppError(404, 'NOT_FOUND', '未找到该房屋，或该房屋未绑定到您的名下');
  return owner;
}

/** F-81 one house: where it is, its balance, amount due and what has been paid in. */
export async function ownerHouse(ctx: Ctx, houseId: number) {
  await ownedHouse(ctx, houseId);
  const [h] = await joinPlace(
    ctx.db
      .select({ ...housePlace, buildingArea: houses.buildingArea })
      .from(houses)
      .$dynamic(),
  ).where(eq(houses.id, houseId));
  if (!h) throw new AppError(404, 'NOT_FOUND', '未找到该房屋，或该房屋未绑定到您的名下');
  const s = (await standingOf(ctx.db, [houseId])).get(houseId);
  return {
    ...h,
    amountDue: Number(s?.amountDue ?? 0n),
    deposited: Number(s?.deposited ?? 0n),
    balance: Number(s?.balance ?? 0n),
  };
}

/** F-81 分户账明细 of the owner's house, newest first, a page at a time. */
export async function ownerHouseStatement(ctx: Ctx, houseId: number, q: { page: number; pageSize: number }) {
  await ownedHouse(ctx, houseId);
  return houseStatementPage(ctx.db, houseId, q.page, q.pageSize);
}

/**
 * F-81: every repair project that charges or charged the house — in its range now (its share of
 * the budget), or with money it moved on the house's account (transfers net of refunds) — with its
 * stage in plain words, its published notices and how the house voted. A draft nobody has seen
 * (no notice, never submitted) stays the committee's own. Three queries whatever the count.
 */
export async function ownerHouseProjects(ctx: Ctx, houseId: number) {
  await ownedHouse(ctx, houseId);
  const rows = await rowsOf<{
    id: string;
    no: string;
    name: string;
    type: ProjectType;
    status: ProjectStatus;
    stage: ProjectStage;
    stage_until: string | null;
    stage_next: ProjectStage | null;
    budget: string;
    share: string;
    charged: string;
  }>(
    ctx.db,
    sql`with mine as (
        select project_id, sum(share) as share from project_item_houses where house_id = ${houseId} group by project_id
      ), moved as (
        select r.project_id, -sum(e.amount) as charged
        from ledger_accounts a
        join ledger_entries e on e.account_id = a.id
        join ledger_transactions t on t.id = e.transaction_id and t.kind in ('project_transfer', 'project_refund')
        join (select no, project_id from project_requests union all select no, id from repair_projects) r on r.no = t.reference
        where a.house_id = ${houseId} and a.kind = 'house'
        group by r.project_id
      ), ids as (select project_id from mine union select project_id from moved)
      select p.id::text as id, p.no, p.name, p.type, p.status, p.stage, p.stage_until, p.stage_next, p.budget_total::text as budget,
        coalesce(m.share, 0)::text as share, coalesce(mv.charged, 0)::text as charged
      from ids
      join repair_projects p on p.id = ids.project_id
      left join mine m on m.project_id = p.id
      left join moved mv on mv.project_id = p.id
      where p.status <> 'draft' or exists (select 1 from project_notices n where n.project_id = p.id)
      order by p.created_at desc, p.id desc`,
  );
  const ids = rows.map((r) => Number(r.id));
  const [notices, votes] = await Promise.all([
    ids.length === 0
      ? []
      : ctx.db
          .select({
            projectId: projectNotices.projectId,
            no: projectNotices.no,
            kind: projectNotices.kind,
            title: projectNotices.title,
            deadline: projectNotices.deadline,
            publishedAt: projectNotices.publishedAt,
          })
          .from(projectNotices)
          .where(inArray(projectNotices.projectId, ids))
          .orderBy(asc(projectNotices.publishedAt), asc(projectNotices.id)),
    houseVotes(ctx.db, houseId, ids),
  ]);
  return {
    items: rows.map((r) => {
      const id = Number(r.id);
      return {
        id,
        no: r.no,
        name: r.name,
        typeLabel: TYPE_LABELS[r.type],
        ...storedStage(ctx, { stage: r.stage, stageUntil: r.stage_until, stageNext: r.stage_next }),
        budgetTotal: Number(r.budget),
        share: Number(r.share),
        charged: Number(r.charged),
        vote: votes.get(id) ?? { choice: null, label: '未投票', channel: null },
        notices: notices
          .filter((n) => n.projectId === id)
          .map((n) => ({
            no: n.no,
            kind: n.kind,
            kindLabel: NOTICE_KIND_LABELS[n.kind],
            title: n.title,
            deadline: n.deadline,
            publishedAt: n.publishedAt,
            link: publicNoticePath(n.no),
          })),
      };
    }),
  };
}
