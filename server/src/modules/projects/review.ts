import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { allocateNumber } from '../../db/numbering.ts';
import {
  type MessageKind,
  type ProjectRequestKind,
  type ProjectRequestStatus,
  projectPhases,
  projectRequests,
  propertyAreas,
  repairProjects,
} from '../../db/schema/index.ts';
import { formatYuan } from '../../domain/money.ts';
import { actionStates, REVIEW_STEP_RULES, REVIEW_STEPS, type ReviewStep, stepRefusal } from '../../domain/review-steps.ts';
import { acceptanceNote, projectDocType } from '../../domain/required-documents.ts';
import { type Actor, type Ctx, requirePermission } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { pageAnswer } from '../../lib/paging.ts';
import { audit } from '../audit/audit.ts';
import { requireReceived } from '../settings/required-documents.ts';
import { notifyOrg } from '../messages/service.ts';
import { loadProject, projectPagePath, type ProjectRow, readerActor, TYPE_LABELS, touch } from './access.ts';
import { shortfallError } from './debits.ts';
import type { RequestRow } from './facts.ts';
import { payeesView } from './payees.ts';
import { recordEvent } from '../workflow/events.ts';

export const REQUEST_KIND_LABELS: Record<ProjectRequestKind, string> = {
  approval: '立项申请',
  disbursement: '资金拨付申请',
  refund: '清退通知单',
};
export const REQUEST_STATUS_LABELS: Record<ProjectRequestStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  approved: '审核通过',
  rejected: '已退回',
  confirmed: '银行已确认',
};

/** A request and its project, both locked (project first — the order every use case takes). */
export async function loadRequest(tx: Tx, actor: Actor, requestId: number): Promise<{ p: ProjectRow; r: RequestRow }> {
  const [found] = await tx.select({ projectId: projectRequests.projectId }).from(projectRequests).where(eq(projectRequests.id, requestId));
  if (!found) throw notFound('申请');
  const p = await loadProject(tx, actor, found.projectId, true);
  const [r] = await tx.select().from(projectRequests).where(eq(projectRequests.id, requestId)).for('update');
  if (!r || r.kind === 'refund') throw notFound('申请');
  return { p, r };
}

/**
 * F-60: the project a request belongs to, for the review page that is opened by the request alone.
 * Read through the caller's organisation like the project itself: another committee's is "not found".
 */
export async function requestSubject(ctx: Ctx, requestId: number) {
  const actor = readerActor(ctx);
  const [found] = await ctx.db
    .select({ id: projectRequests.id, projectId: projectRequests.projectId, kind: projectRequests.kind })
    .from(projectRequests)
    .where(eq(projectRequests.id, requestId));
  if (!found) throw notFound('申请');
  await loadProject(ctx.db, actor, found.projectId);
  return found;
}

const requestName = (r: Pick<RequestRow, 'kind' | 'no'>) => `${REQUEST_KIND_LABELS[r.kind]} ${r.no}`;

/** F-60: the review step must be one the request's status allows (the table the pages read too). */
function requireRequestStatus(r: RequestRow, step: ReviewStep) {
  const refusal = stepRefusal<ProjectRequestStatus>(REVIEW_STEP_RULES[step], requestName(r), r.status, REQUEST_STATUS_LABELS[r.status]);
  if (refusal) throw new AppError(409, 'STATUS', refusal);
}

/**
 * F-60: the review steps the office's caller may take on a 立项 or 资金拨付 application, each allowed
 * or blocked with its reason. Refund notices are the bank's to confirm, and the committee reviews
 * nothing: both get none.
 */
function reviewActions(r: RequestRow, caller: Actor | null) {
  if (!caller || caller.orgType !== 'office' || r.kind === 'refund') return [];
  return actionStates<ReviewStep, ProjectRequestStatus>(
    REVIEW_STEP_RULES,
    REVIEW_STEPS,
    { what: requestName(r), status: r.status, statusLabel: REQUEST_STATUS_LABELS[r.status] },
    caller.permissions,
  );
}

/** 受理: the office received the paper documents at the window (F-60), all those F-62 requires. */
export async function acceptRequest(ctx: Ctx, requestId: number, note: string, received: string[]) {
  const actor = requirePermission(ctx, 'office.accept');
  await ctx.db.transaction(async (tx) => {
    const { p, r } = await loadRequest(tx, actor, requestId);
    requireRequestStatus(r, 'accept');
    const type = projectDocType(r.kind === 'approval' ? 'approval' : 'disbursement', p.type);
    const documents = await requireReceived(tx, type, r.requiredDocuments, received);
    const acceptNote = acceptanceNote(documents, note);
    const now = ctx.clock.now();
    await tx
      .update(projectRequests)
      .set({ status: 'accepted', acceptedAt: now, acceptedBy: actor.userId, acceptNote })
      .where(eq(projectRequests.id, r.id));
    await recordEvent(tx, ctx, { projectId: p.id }, `${r.kind}.accept`, `${r.no}${acceptNote ? `：${acceptNote}` : ''}`);
    await notifyCommittee(tx, ctx, p, r, 'project.accept', '已受理', acceptNote);
    await audit(tx, ctx, {
      action: `project.${r.kind}.accept`,
      entity: 'project_request',
      entityId: r.id,
      summary: `受理${REQUEST_KIND_LABELS[r.kind]} ${r.no}（${p.no}）${documents.length > 0 ? `，已收要件：${documents.join('、')}` : ''}`,
      after: { note, received: documents },
    });
  });
}

/** 审核退回: a rejected approval makes the project editable again; a rejected disbursement frees its phase amount. */
export async function rejectRequest(ctx: Ctx, requestId: number, reason: string) {
  const actor = requirePermission(ctx, 'office.review');
  await ctx.db.transaction(async (tx) => {
    const { p, r } = await loadRequest(tx, actor, requestId);
    requireRequestStatus(r, 'reject');
    const now = ctx.clock.now();
    await tx
      .update(projectRequests)
      .set({ status: 'rejected', reviewedAt: now, reviewedBy: actor.userId, rejectReason: reason })
      .where(eq(projectRequests.id, r.id));
    await touch(tx, ctx, p.id, r.kind === 'approval' ? { status: 'draft' } : {});
    await recordEvent(tx, ctx, { projectId: p.id }, `${r.kind}.reject`, `${r.no}：${reason}`);
    await notifyCommittee(tx, ctx, p, r, 'project.reject', '被退回', `退回原因：${reason}`);
    await audit(tx, ctx, {
      action: `project.${r.kind}.reject`,
      entity: 'project_request',
      entityId: r.id,
      summary: `退回${REQUEST_KIND_LABELS[r.kind]} ${r.no}（${p.no}）：${reason}`,
      after: { reason },
    });
  });
}

/**
 * 审核通过. An approval makes the project 已立项; for a simple project it also approves the one
 * disbursement of the whole budget to the payees (R-47), which the bank then transfers. A
 * disbursement's approval is the instruction to the bank. R-48 is checked again: balances may
 * have moved since submission.
 */
export async function approveRequest(ctx: Ctx, requestId: number) {
  const actor = requirePermission(ctx, 'office.review');
  await ctx.db.transaction(async (tx) => {
    const { p, r } = await loadRequest(tx, actor, requestId);
    requireRequestStatus(r, 'approve');
    const now = ctx.clock.now();
    await tx
      .update(projectRequests)
      .set({ status: 'approved', reviewedAt: now, reviewedBy: actor.userId })
      .where(eq(projectRequests.id, r.id));
    let note = r.no;
    if (r.kind === 'approval') {
      await touch(tx, ctx, p.id, { status: 'approved' });
      if (p.type === 'simple') {
        await shortfallError(tx, p, r.amount);
        const no = await allocateNumber(tx, 'BF', now);
        await tx.insert(projectRequests).values({
          no,
          projectId: p.id,
          kind: 'disbursement',
          status: 'approved',
          amount: r.amount,
          payees: r.payees,
          note: `随立项申请 ${r.no} 一并审核`,
          submittedBy: r.submittedBy,
          submittedAt: r.submittedAt,
          acceptedBy: r.acceptedBy,
          acceptedAt: r.acceptedAt,
          reviewedBy: actor.userId,
          reviewedAt: now,
        });
        note = `${r.no}，拨付指令 ${no}`;
      }
    } else {
      await shortfallError(tx, p, r.amount, r.id);
      await touch(tx, ctx, p.id);
    }
    await recordEvent(tx, ctx, { projectId: p.id }, `${r.kind}.approve`, note);
    await notifyCommittee(tx, ctx, p, r, 'project.approve', '已审核通过', r.kind === 'approval' ? '' : '等待银行划转');
    await audit(tx, ctx, {
      action: `project.${r.kind}.approve`,
      entity: 'project_request',
      entityId: r.id,
      summary: `审核通过${REQUEST_KIND_LABELS[r.kind]} ${note}（${TYPE_LABELS[p.type]} ${p.no}，${formatYuan(r.amount)} 元）`,
      before: { status: r.status, ...(r.kind === 'approval' ? { projectStatus: p.status } : {}) },
      after: { status: 'approved', amount: String(r.amount), ...(r.kind === 'approval' ? { projectStatus: 'approved', note } : {}) },
    });
  });
}

/** 站内消息 to the project's committee, in the step's transaction. */
function notifyCommittee(tx: Tx, ctx: Ctx, p: ProjectRow, r: RequestRow, kind: MessageKind, what: string, body: string) {
  return notifyOrg(tx, ctx, {
    orgId: p.orgId,
    kind,
    title: `${p.name}：${REQUEST_KIND_LABELS[r.kind]} ${r.no} ${what}`,
    body,
    link: projectPagePath(p.id),
  });
}

/** A request as pages show it; `caller` gets the review steps it may take (see `reviewActions`). */
export function requestView(r: RequestRow, extra: { phaseSeq: number | null }, caller: Actor | null) {
  return {
    id: r.id,
    no: r.no,
    projectId: r.projectId,
    kind: r.kind,
    kindLabel: REQUEST_KIND_LABELS[r.kind],
    status: r.status,
    statusLabel: REQUEST_STATUS_LABELS[r.status],
    phaseId: r.phaseId,
    phaseSeq: extra.phaseSeq,
    amount: Number(r.amount),
    payees: payeesView(r.payees),
    sourceIds: r.sourceIds as number[],
    payInAccount: r.payInAccount ?? null,
    note: r.note,
    submittedAt: r.submittedAt,
    acceptedAt: r.acceptedAt,
    requiredDocuments: r.requiredDocuments ?? null,
    acceptNote: r.acceptNote,
    reviewedAt: r.reviewedAt,
    rejectReason: r.rejectReason,
    confirmedAt: r.confirmedAt,
    actions: reviewActions(r, caller),
  };
}

export interface RequestListQuery {
  page: number;
  pageSize: number;
  kind?: ProjectRequestKind;
  status?: ProjectRequestStatus;
  areaId?: number;
  from?: Date;
  to?: Date;
}

/** F-60: the office's list of project approval and disbursement applications and refund notices, filterable. */
export async function officeRequests(ctx: Ctx, q: RequestListQuery) {
  requirePermission(ctx, 'office.orgs');
  const where = and(
    q.kind ? eq(projectRequests.kind, q.kind) : undefined,
    q.status ? eq(projectRequests.status, q.status) : undefined,
    q.areaId ? eq(repairProjects.areaId, q.areaId) : undefined,
    q.from ? gte(projectRequests.submittedAt, q.from) : undefined,
    q.to ? lt(projectRequests.submittedAt, q.to) : undefined,
  );
  const page = await pageAnswer(
    ctx.db,
    q,
    ctx.db
      .select({
        r: projectRequests,
        projectNo: repairProjects.no,
        projectName: repairProjects.name,
        projectType: repairProjects.type,
        areaName: propertyAreas.name,
        phaseSeq: projectPhases.seq,
      })
      .from(projectRequests)
      .innerJoin(repairProjects, eq(repairProjects.id, projectRequests.projectId))
      .innerJoin(propertyAreas, eq(propertyAreas.id, repairProjects.areaId))
      .leftJoin(projectPhases, eq(projectPhases.id, projectRequests.phaseId))
      .where(where)
      .orderBy(desc(projectRequests.submittedAt), desc(projectRequests.id)),
    ctx.db
      .select({ id: projectRequests.id })
      .from(projectRequests)
      .innerJoin(repairProjects, eq(repairProjects.id, projectRequests.projectId))
      .where(where),
  );
  return {
    ...page,
    items: page.items.map((x) => ({
      ...requestView(x.r, { phaseSeq: x.phaseSeq }, ctx.actor),
      projectNo: x.projectNo,
      projectName: x.projectName,
      projectType: x.projectType,
      areaName: x.areaName,
    })),
  };
}

/** The project's requests with their phase numbers, oldest first. */
export async function requestsOf(db: Tx | Ctx['db'], caller: Actor | null, projectId: number, kinds?: ProjectRequestKind[]) {
  const rows = await db
    .select({ r: projectRequests, phaseSeq: projectPhases.seq })
    .from(projectRequests)
    .leftJoin(projectPhases, eq(projectPhases.id, projectRequests.phaseId))
    .where(and(eq(projectRequests.projectId, projectId), kinds ? inArray(projectRequests.kind, kinds) : undefined))
    .orderBy(projectRequests.id);
  return rows.map((x) => requestView(x.r, { phaseSeq: x.phaseSeq }, caller));
}
