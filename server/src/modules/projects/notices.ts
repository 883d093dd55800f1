import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { requireVerifiedCommittee } from '../organisations/committee.ts';
import { allocateNumber } from '../../db/numbering.ts';
import { type ProjectNoticeKind, projectNotices, propertyAreas, repairProjects } from '../../db/schema/index.ts';
import { checkDeadline } from '../../domain/notice-period.ts';
import { formatYuan } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { notifyProjectOwners } from '../owners/notify.ts';
import { businessDate } from '../../lib/clock.ts';
import { pageAnswer } from '../../lib/paging.ts';
import { getSetting } from '../settings/store.ts';
import { committeeActor, loadProject, touch, TYPE_LABELS } from './access.ts';
import { requireAllowed } from './actions.ts';
import { amountProblems, refuseAmountProblems } from './approval.ts';
import { maybeComplete } from './completion.ts';
import { finalAmounts, finalListPage } from './final-list.ts';
import { keepNoticeList, noticeListPage } from './range.ts';
import { recordEvent } from '../workflow/events.ts';

export const NOTICE_KIND_LABELS: Record<ProjectNoticeKind, string> = {
  initiation: '立项公示',
  acceptance: '验收公示',
  cancellation: '撤销公示',
};
/** The notice's page on the public portal. */
export const publicNoticePath = (no: string) => `/notices/${encodeURIComponent(no)}`;

const ACTION_OF = { initiation: 'initiation_notice', acceptance: 'acceptance_notice', cancellation: 'cancellation_notice' } as const;

/**
 * F-41: publishes a notice — public at once. The deadline must leave at least the configured
 * minimum period; the notice keeps the budget (and, for acceptance, the settlement) of this moment.
 */
export async function publishNotice(ctx: Ctx, id: number, input: { kind: ProjectNoticeKind; deadline: string; content: string }) {
  const actor = committeeActor(ctx, 'project.submit');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    // After the project lookup, so another area's project stays "not found".
    await requireVerifiedCommittee(tx, actor, '发布公示');
    await requireAllowed(tx, ctx, p, ACTION_OF[input.kind]);
    if (input.kind === 'initiation') {
      // The budget list published with the notice must be exact.
      refuseAmountProblems(await amountProblems(tx, p));
    }
    const minDays = await getSetting(tx, 'projectNoticeMinDays');
    const problem = checkDeadline(businessDate(now), input.deadline, minDays);
    if (problem) throw new AppError(400, 'VALIDATION', `公示截止日：${problem}`, { deadline: `公示截止日：${problem}` });
    const no = await allocateNumber(tx, 'GS', now);
    const title = `${p.name}${NOTICE_KIND_LABELS[input.kind]}`;
    const [n] = await tx
      .insert(projectNotices)
      .values({
        no,
        projectId: id,
        areaId: p.areaId,
        kind: input.kind,
        title,
        content: input.content,
        deadline: input.deadline,
        budgetTotal: p.budgetTotal,
        settlementAmount: input.kind === 'acceptance' ? p.settlementAmount : null,
        apportionBasis: input.kind === 'initiation' ? p.shareBasis : null,
        publishedBy: actor.userId,
        publishedAt: now,
      })
      .returning();
    const notice = n as typeof projectNotices.$inferSelect;
    if (input.kind === 'initiation') await keepNoticeList(tx, notice.id, id);
    if (input.kind === 'acceptance' && p.settlementAmount !== null) {
      await keepNoticeList(tx, notice.id, id, await finalAmounts(tx, id, p.settlementAmount));
    }
    await touch(tx, ctx, id);
    await recordEvent(tx, ctx, { projectId: id }, `notice.${input.kind}`, `${no}，截止 ${input.deadline}`);
    await audit(tx, ctx, {
      action: `project.notice.${input.kind}`,
      entity: 'repair_project',
      entityId: id,
      summary: `发布${NOTICE_KIND_LABELS[input.kind]} ${no}（${p.no}，预算 ${formatYuan(p.budgetTotal)} 元，截止 ${input.deadline}）`,
      after: { no, deadline: input.deadline, content: input.content },
    });
    // F-83: the bound owners of the range's houses hear of it with the notice.
    await notifyProjectOwners(tx, id, {
      title: `新公示：${title}`,
      body: `${p.name}（${p.no}）发布${NOTICE_KIND_LABELS[input.kind]}，公示截止 ${input.deadline}，请查看公示内容并参与监督。`,
      link: publicNoticePath(no),
      at: now,
    });
    if (input.kind === 'acceptance') await maybeComplete(tx, ctx, p);
    return notice;
  });
}

export function noticeView(
  n: typeof projectNotices.$inferSelect,
  extra: { areaName: string; projectNo: string; projectName: string; projectType: string },
) {
  return {
    id: n.id,
    no: n.no,
    kind: n.kind,
    kindLabel: NOTICE_KIND_LABELS[n.kind],
    title: n.title,
    content: n.content,
    deadline: n.deadline,
    budgetTotal: Number(n.budgetTotal),
    settlementAmount: n.settlementAmount === null ? null : Number(n.settlementAmount),
    apportionBasis: n.apportionBasis,
    publishedAt: n.publishedAt,
    areaId: n.areaId,
    areaName: extra.areaName,
    projectId: n.projectId,
    projectNo: extra.projectNo,
    projectName: extra.projectName,
    projectType: extra.projectType,
  };
}

const noticeColumns = {
  n: projectNotices,
  areaName: propertyAreas.name,
  projectNo: repairProjects.no,
  projectName: repairProjects.name,
  projectType: repairProjects.type,
};

export interface PublicNoticeQuery {
  page: number;
  pageSize: number;
  areaId?: number;
  kind?: ProjectNoticeKind;
  from?: Date;
  to?: Date;
}

/** F-72: every published notice, newest first — no login needed. */
export async function publicNotices(ctx: Ctx, q: PublicNoticeQuery) {
  const where = and(
    q.areaId ? eq(projectNotices.areaId, q.areaId) : undefined,
    q.kind ? eq(projectNotices.kind, q.kind) : undefined,
    q.from ? gte(projectNotices.publishedAt, q.from) : undefined,
    q.to ? lt(projectNotices.publishedAt, q.to) : undefined,
  );
  const page = await pageAnswer(
    ctx.db,
    q,
    ctx.db
      .select(noticeColumns)
      .from(projectNotices)
      .innerJoin(repairProjects, eq(repairProjects.id, projectNotices.projectId))
      .innerJoin(propertyAreas, eq(propertyAreas.id, projectNotices.areaId))
      .where(where)
      .orderBy(desc(projectNotices.publishedAt), desc(projectNotices.id)),
    ctx.db.select({ id: projectNotices.id }).from(projectNotices).where(where),
  );
  return {
    ...page,
    items: page.items.map((r) => noticeView(r.n, { ...r, projectType: TYPE_LABELS[r.projectType] })),
  };
}

/** A published notice with one page of its list: the budget list (预算清册) or, for acceptance, the final list (决算清册). */
export async function publicNotice(ctx: Ctx, no: string, page: number, pageSize: number) {
  const [r] = await ctx.db
    .select(noticeColumns)
    .from(projectNotices)
    .innerJoin(repairProjects, eq(repairProjects.id, projectNotices.projectId))
    .innerJoin(propertyAreas, eq(propertyAreas.id, projectNotices.areaId))
    .where(eq(projectNotices.no, no));
  if (!r) throw notFound(`公示 ${no}`);
  const view = noticeView(r.n, { ...r, projectType: TYPE_LABELS[r.projectType] });
  if (r.n.kind === 'cancellation') return { ...view, list: null };
  let list = await noticeListPage(ctx.db, r.n.id, page, pageSize);
  // An acceptance notice published before lists were kept shows its list computed now.
  if (list.total === 0 && r.n.kind === 'acceptance' && r.n.settlementAmount !== null) {
    list = await finalListPage(ctx.db, r.n.projectId, r.n.settlementAmount, page, pageSize);
  }
  // Public pages show places, areas and amounts, never owners' names (F-72).
  return { ...view, list: { ...list, items: list.items.map(({ owners: _o, ...rest }) => rest) } };
}
