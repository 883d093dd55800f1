import { reviewRounds } from '../../domain/review-rounds.ts';
import { and, asc, count, desc, eq, getTableColumns, gte, ilike, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { containing } from '../../lib/search.ts';
import type { Tx } from '../../db/client.ts';
import {
  type ApplicationStatus,
  type ApplicationType,
  applicationHouseClaims,
  applicationItems,
  applications,
  type MessageKind,
  organisations,
  propertyAreas,
} from '../../db/schema/index.ts';
import { allocateNumber } from '../../db/numbering.ts';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  applicationActions,
  OPEN_APPLICATION_STATUSES,
  statusRefusal,
} from '../../domain/application-actions.ts';
import { APPLICATION_TYPE_LABELS, applicationPagePath } from '../../domain/application-types.ts';
import { acceptanceNote } from '../../domain/required-documents.ts';
import { transaction } from '../../db/retry.ts';
import { requirePermission, type Actor, type Ctx } from '../../lib/context.ts';
import { AppError, invalid, invalidFields, notFound, ruleRefusal } from '../../lib/errors.ts';
import { fieldErrorsOf } from '../../lib/fields.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { pageAnswer, pageWindow } from '../../lib/paging.ts';
import { AUDIT_SAMPLE, audit, bounded } from '../audit/audit.ts';
import { executeFundInstructions } from '../fund/execute.ts';
import { notifyOrg } from '../messages/service.ts';
import { currentRequiredDocuments, requireReceived } from '../settings/required-documents.ts';
import { requireDeveloper, visibleArea } from '../registry/access.ts';
import { chunks } from '../registry/bulk.ts';
import { loadStandards } from '../standards/store.ts';
import { recordEvent, timeline } from '../workflow/events.ts';
import type { ApplicationHandler, ApplicationRow, HandlerArgs } from './handler.ts';
import { handlerFor } from './handlers.ts';

export const STATUS_LABELS = APPLICATION_STATUS_LABELS;

function parseForm(handler: ApplicationHandler, form: unknown) {
  const parsed = handler.form.safeParse(form);
  if (!parsed.success)
    throw invalidFields(Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([k, v]) => [`form.${k}`, v])));
  return parsed.data;
}

/** Developers see their own applications; the office sees every submitted one. */
export async function loadApplication(tx: Tx, actor: Actor, id: number, lock = false): Promise<ApplicationRow> {
  const q = tx.select().from(applications).where(eq(applications.id, id));
  const [app] = lock ? await q.for('update') : await q;
  const visible =
    app && ((actor.orgType === 'developer' && app.orgId === actor.orgId) || (actor.orgType === 'office' && app.status !== 'draft'));
  if (!app || !visible) throw notFound('业务单');
  return app;
}

/** §6: the step must be one the application's status allows (the same table the pages read). */
function requireStatus(app: ApplicationRow, action: ApplicationAction) {
  const refusal = statusRefusal(app.no, app.status, action);
  if (refusal) throw new AppError(409, 'STATUS', refusal);
}

async function args(tx: Tx, ctx: Ctx, app: ApplicationRow): Promise<HandlerArgs> {
  return { tx, ctx, app, now: ctx.clock.now(), standards: await loadStandards(tx) };
}

export async function createApplication(ctx: Ctx, input: { type: ApplicationType; areaId?: number; form: unknown }) {
  const actor = requirePermission(ctx, 'registry.edit');
  requireDeveloper(actor);
  const handler = handlerFor(input.type);
  const form = parseForm(handler, input.form);
  if (handler.needsArea && !input.areaId) throw invalid('areaId', '请选择物业区域');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const area = handler.needsArea ? await visibleArea(tx, actor, input.areaId as number) : null;
    const no = await allocateNumber(tx, handler.prefix, now);
    const [app] = await tx
      .insert(applications)
      .values({
        no,
        type: input.type,
        orgId: actor.orgId,
        areaId: area?.id ?? null,
        form,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!app) throw new Error('application insert returned no row');
    await recordEvent(tx, ctx, { applicationId: app.id }, 'create');
    await audit(tx, ctx, {
      action: 'application.create',
      entity: 'application',
      entityId: app.id,
      summary: `新建${APPLICATION_TYPE_LABELS[handler.type]}业务单 ${no}`,
      after: { form },
    });
    return app;
  });
}

export async function saveForm(ctx: Ctx, id: number, form: unknown) {
  const actor = requirePermission(ctx, 'registry.edit');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    requireStatus(app, 'edit');
    const parsed = parseForm(handlerFor(app.type), form);
    const [after] = await tx
      .update(applications)
      .set({ form: parsed, updatedAt: ctx.clock.now() })
      .where(eq(applications.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'application.save',
      entity: 'application',
      entityId: id,
      summary: `保存业务单 ${app.no}`,
      before: { form: app.form },
      after: { form: parsed },
    });
    return after as ApplicationRow;
  });
}

/** The rows of one kind an edit replaces, as the audit keeps them: how many, and the first few. */
async function itemsForAudit(tx: Tx, applicationId: number, kind: string) {
  const where = and(eq(applicationItems.applicationId, applicationId), eq(applicationItems.kind, kind));
  const [n] = await tx.select({ n: count() }).from(applicationItems).where(where);
  const first = await tx
    .select({ houseId: applicationItems.houseId, buildingId: applicationItems.buildingId, data: applicationItems.data })
    .from(applicationItems)
    .where(where)
    .orderBy(asc(applicationItems.seq))
    .limit(AUDIT_SAMPLE);
  const total = n?.n ?? 0;
  return { count: total, sample: first, ...(total > first.length ? { more: total - first.length } : {}) };
}

/** Replaces all items of one kind: the page's picks and "after" rows, or a clean import. */
export async function replaceItems(ctx: Ctx, id: number, kind: string, rows: unknown[]) {
  const actor = requirePermission(ctx, 'registry.edit');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    requireStatus(app, 'edit');
    const handler = handlerFor(app.type);
    const schema = handler.items[kind];
    if (!schema) throw invalid('kind', `此类业务单没有“${kind}”明细`);
    const errors: Record<string, string> = {};
    const parsed = rows.map((r, i) => {
      const p = schema.safeParse(r);
      if (!p.success) for (const [k, v] of Object.entries(fieldErrorsOf(p.error))) errors[`items.${i}.${k}`] ??= `第 ${i + 1} 行：${v}`;
      return p.success ? p.data : null;
    });
    if (Object.keys(errors).length > 0) throw invalidFields(errors);
    const prepared = handler.prepareItems
      ? await handler.prepareItems(await args(tx, ctx, app), kind, parsed)
      : parsed.map((data) => ({ data }));
    const before = await itemsForAudit(tx, id, kind);
    await writeItems(tx, app, kind, prepared);
    await audit(tx, ctx, {
      action: 'application.items',
      entity: 'application',
      entityId: id,
      summary: `业务单 ${app.no} 更新明细（${kind}，${prepared.length} 行）`,
      before: { kind, rows: before },
      after: {
        kind,
        rows: bounded(prepared.map((r: ItemRow) => ({ houseId: r.houseId ?? null, buildingId: r.buildingId ?? null, data: r.data }))),
      },
    });
    return { count: prepared.length };
  });
}

type ItemRow = { houseId?: number | null; buildingId?: number | null; before?: unknown; data: unknown };

export async function writeItems(tx: Tx, app: ApplicationRow, kind: string, rows: readonly ItemRow[]) {
  await tx.delete(applicationItems).where(and(eq(applicationItems.applicationId, app.id), eq(applicationItems.kind, kind)));
  if (rows.length > 0) {
    // One statement whatever the count: the rows travel as one JSON document, in their order.
    const items = JSON.stringify(rows.map((r) => ({ h: r.houseId ?? null, b: r.buildingId ?? null, x: r.before ?? null, d: r.data })));
    await tx.execute(sql`
      insert into application_items (application_id, kind, seq, house_id, building_id, before, data)
      select ${app.id}, ${kind}, e.n, (e.v->>'h')::bigint, (e.v->>'b')::bigint, nullif(e.v->'x', 'null'::jsonb), e.v->'d'
        from jsonb_array_elements(${items}::jsonb) with ordinality as e(v, n)`);
  }
  const [n] = await tx.select({ n: count() }).from(applicationItems).where(eq(applicationItems.applicationId, app.id));
  await tx
    .update(applications)
    .set({ itemCount: n?.n ?? 0 })
    .where(eq(applications.id, app.id));
}

/** R-10 at submit: the houses this application changes must not be held by another open one. */
async function claimHouses(tx: Tx, app: ApplicationRow, houseIds: number[]) {
  await tx.delete(applicationHouseClaims).where(eq(applicationHouseClaims.applicationId, app.id));
  if (houseIds.length === 0) return;
  const held: { no: string; houseId: number }[] = [];
  for (const part of chunks([...new Set(houseIds)])) {
    held.push(
      ...(await tx
        .select({ no: applications.no, houseId: applicationHouseClaims.houseId })
        .from(applicationHouseClaims)
        .innerJoin(applications, eq(applications.id, applicationHouseClaims.applicationId))
        .where(and(inArray(applicationHouseClaims.houseId, part), ne(applicationHouseClaims.applicationId, app.id)))),
    );
  }
  if (held.length > 0) {
    const nos = [...new Set(held.map((h) => h.no))];
    throw ruleRefusal(409, 'HOUSE_HELD', 'R-10', `${held.length} 套房屋正由业务单 ${nos.join('、')} 办理中，须待其办结或撤回后再提交`);
  }
  for (const part of chunks([...new Set(houseIds)])) {
    await tx.insert(applicationHouseClaims).values(part.map((houseId) => ({ houseId, applicationId: app.id })));
  }
}

export async function submit(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'registry.submit');
  try {
    return await ctx.db.transaction(async (tx) => {
      const app = await loadApplication(tx, actor, id, true);
      requireStatus(app, 'submit');
      const handler = handlerFor(app.type);
      parseForm(handler, app.form);
      const result = await handler.check(await args(tx, ctx, app));
      if (result.problems.length > 0)
        throw new AppError(400, 'INCOMPLETE', result.problems.join('；'), { _: result.problems.join('；'), ...result.fields });
      await claimHouses(tx, app, result.claims);
      const now = ctx.clock.now();
      const [after] = await tx
        .update(applications)
        .set({
          status: 'submitted',
          submittedAt: now,
          // A new round of 受理 and 审核 begins; the earlier rounds stay in the events (F-60).
          acceptedAt: null,
          reviewedAt: null,
          updatedAt: now,
          rejectReason: null,
          requiredDocuments: await currentRequiredDocuments(tx, app.type),
        })
        .where(eq(applications.id, id))
        .returning();
      await recordEvent(tx, ctx, { applicationId: id }, app.status === 'rejected' ? 'resubmit' : 'submit');
      await audit(tx, ctx, {
        action: 'application.submit',
        entity: 'application',
        entityId: id,
        summary: `提交业务单 ${app.no}（${APPLICATION_TYPE_LABELS[handler.type]}）`,
        before: { status: app.status },
        after: { status: 'submitted' },
      });
      return after as ApplicationRow;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'application_house_claims_pkey')) {
      throw ruleRefusal(409, 'HOUSE_HELD', 'R-10', '所选房屋刚被另一业务单提交占用，请刷新后重试');
    }
    throw err;
  }
}

export async function withdraw(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'registry.submit');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    if (actor.orgType !== 'developer') throw notFound('业务单');
    requireStatus(app, 'withdraw');
    await tx.delete(applicationHouseClaims).where(eq(applicationHouseClaims.applicationId, id));
    const [after] = await tx
      .update(applications)
      .set({ status: 'withdrawn', updatedAt: ctx.clock.now() })
      .where(eq(applications.id, id))
      .returning();
    await recordEvent(tx, ctx, { applicationId: id }, 'withdraw');
    await audit(tx, ctx, {
      action: 'application.withdraw',
      entity: 'application',
      entityId: id,
      summary: `撤回业务单 ${app.no}`,
      before: { status: app.status },
      after: { status: 'withdrawn' },
    });
    return after as ApplicationRow;
  });
}

/** 受理: the office received the paper documents at the window. */
export async function accept(ctx: Ctx, id: number, note: string, received: string[]) {
  const actor = requirePermission(ctx, 'office.accept');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    requireStatus(app, 'accept');
    const documents = await requireReceived(tx, app.type, app.requiredDocuments, received);
    const acceptNote = acceptanceNote(documents, note);
    const now = ctx.clock.now();
    const [after] = await tx
      .update(applications)
      .set({ status: 'accepted', acceptedAt: now, acceptedBy: actor.userId, acceptNote, updatedAt: now })
      .where(eq(applications.id, id))
      .returning();
    await recordEvent(tx, ctx, { applicationId: id }, 'accept', acceptNote);
    await notifyApplicant(tx, ctx, app, 'application.accept', '已受理', acceptNote);
    await audit(tx, ctx, {
      action: 'application.accept',
      entity: 'application',
      entityId: id,
      summary: `受理业务单 ${app.no}${documents.length > 0 ? `，已收要件：${documents.join('、')}` : ''}`,
      after: { note, received: documents },
    });
    return after as ApplicationRow;
  });
}

/** 审核退回: back to the developer, who corrects it and submits again; its houses stay held. */
export async function reject(ctx: Ctx, id: number, reason: string) {
  const actor = requirePermission(ctx, 'office.review');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    requireStatus(app, 'reject');
    const now = ctx.clock.now();
    const [after] = await tx
      .update(applications)
      .set({ status: 'rejected', reviewedAt: now, reviewedBy: actor.userId, rejectReason: reason, updatedAt: now })
      .where(eq(applications.id, id))
      .returning();
    await recordEvent(tx, ctx, { applicationId: id }, 'reject', reason);
    await notifyApplicant(tx, ctx, app, 'application.reject', '被退回', `退回原因：${reason}`);
    await audit(tx, ctx, {
      action: 'application.reject',
      entity: 'application',
      entityId: id,
      summary: `退回业务单 ${app.no}：${reason}`,
      after: { reason },
    });
    return after as ApplicationRow;
  });
}

/**
 * 审核通过: the whole change is applied in this one transaction, or nothing is — registry, and the
 * money it moves (R-11 balance moves, R-12 补交 notices and refunds, R-13 closing refunds).
 */
export async function approve(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'office.review');
  return transaction(ctx.db, async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    requireStatus(app, 'approve');
    const handler = handlerFor(app.type);
    const a = await args(tx, ctx, app);
    // The registry may have moved since submission: check again under the lock.
    const result = await handler.check(a);
    if (result.problems.length > 0) throw new AppError(409, 'STALE', `业务单已不能通过：${result.problems.join('；')}，请退回申请人修改`);
    const applied = await handler.apply(a);
    const fund = await executeFundInstructions(tx, ctx, app);
    const outcome = fund ? { ...applied, fund } : applied;
    await tx.delete(applicationHouseClaims).where(eq(applicationHouseClaims.applicationId, id));
    const now = ctx.clock.now();
    const [after] = await tx
      .update(applications)
      .set({
        status: 'approved',
        reviewedAt: now,
        reviewedBy: actor.userId,
        outcome,
        updatedAt: now,
        areaId: (outcome.areaId as number | undefined) ?? app.areaId,
      })
      .where(eq(applications.id, id))
      .returning();
    await recordEvent(tx, ctx, { applicationId: id }, 'approve');
    await notifyApplicant(tx, ctx, app, 'application.approve', '已审核通过', '');
    await audit(tx, ctx, {
      action: 'application.approve',
      entity: 'application',
      entityId: id,
      summary: `审核通过业务单 ${app.no}（${APPLICATION_TYPE_LABELS[handler.type]}）`,
      after: outcome,
    });
    return after as ApplicationRow;
  });
}

/** 站内消息 to the applicant, in the step's transaction. */
function notifyApplicant(tx: Tx, ctx: Ctx, app: ApplicationRow, kind: MessageKind, what: string, body: string) {
  return notifyOrg(tx, ctx, {
    orgId: app.orgId,
    kind,
    title: `${APPLICATION_TYPE_LABELS[app.type]}业务单 ${app.no} ${what}`,
    body,
    link: applicationPagePath(app.type, app.id),
  });
}

export interface ApplicationListQuery {
  page: number;
  pageSize: number;
  type?: ApplicationType;
  status?: ApplicationStatus;
  areaId?: number;
  orgId?: number;
  q?: string;
  from?: Date;
  to?: Date;
}

/**
 * An application's columns but what approval produced (`outcome`), which a list never shows and a
 * large 补交 makes large: the number of every notice it issued.
 */
const { outcome: _outcome, ...listedColumns } = getTableColumns(applications);

/** The developer's own list, or the office inbox (F-60) of every submitted application. */
export async function listApplications(ctx: Ctx, q: ApplicationListQuery) {
  const actor = ctx.actor;
  if (!actor || (actor.orgType !== 'developer' && actor.orgType !== 'office')) throw notFound('业务单');
  if (actor.orgType === 'developer') requirePermission(ctx, 'registry.edit');
  const where = and(
    actor.orgType === 'developer' ? eq(applications.orgId, actor.orgId) : ne(applications.status, 'draft'),
    q.type ? eq(applications.type, q.type) : undefined,
    q.status ? eq(applications.status, q.status) : undefined,
    q.areaId ? eq(applications.areaId, q.areaId) : undefined,
    q.orgId && actor.orgType === 'office' ? eq(applications.orgId, q.orgId) : undefined,
    q.q
      ? or(
          ilike(applications.no, containing(q.q)),
          ilike(organisations.name, containing(q.q)),
          ilike(propertyAreas.name, containing(q.q)),
          sql`${applications.form}->'area'->>'name' ilike ${containing(q.q)}`,
        )
      : undefined,
    q.from ? gte(applications.submittedAt, q.from) : undefined,
    q.to ? lt(applications.submittedAt, q.to) : undefined,
  );
  const base = () =>
    ctx.db
      .select({ app: listedColumns, orgName: organisations.name, areaName: propertyAreas.name })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.orgId))
      .leftJoin(propertyAreas, eq(propertyAreas.id, applications.areaId))
      .where(where);
  // The total is counted only up to the cap: a city's office inbox holds hundreds of thousands.
  const page = await pageAnswer(
    ctx.db,
    q,
    base().orderBy(actor.orgType === 'office' ? desc(applications.submittedAt) : desc(applications.createdAt), desc(applications.id)),
    ctx.db
      .select({ id: applications.id })
      .from(applications)
      .innerJoin(organisations, eq(organisations.id, applications.orgId))
      .leftJoin(propertyAreas, eq(propertyAreas.id, applications.areaId))
      .where(where),
  );
  return { ...page, items: page.items.map((r) => summaryOf(r.app, r.orgName, r.areaName, actor)) };
}

/** One application as its lists and pages show it, with the steps `caller` may take next. */
export function summaryOf(app: Omit<ApplicationRow, 'outcome'>, orgName: string, areaName: string | null, caller: Actor) {
  const formArea = (app.form as { area?: { name?: string } }).area?.name;
  return {
    id: app.id,
    no: app.no,
    type: app.type,
    typeLabel: APPLICATION_TYPE_LABELS[app.type],
    status: app.status,
    statusLabel: STATUS_LABELS[app.status],
    orgId: app.orgId,
    orgName,
    areaId: app.areaId,
    areaName: areaName ?? formArea ?? null,
    itemCount: app.itemCount,
    createdAt: app.createdAt,
    submittedAt: app.submittedAt,
    acceptedAt: app.acceptedAt,
    reviewedAt: app.reviewedAt,
    rejectReason: app.rejectReason,
    requiredDocuments: app.requiredDocuments ?? null,
    actions: applicationActions(app, caller),
  };
}

export async function applicationDetail(ctx: Ctx, id: number) {
  const actor = ctx.actor;
  if (!actor) throw notFound('业务单');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id);
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.orgId));
    const [area] = app.areaId
      ? await tx.select({ name: propertyAreas.name }).from(propertyAreas).where(eq(propertyAreas.id, app.areaId))
      : [];
    const events = await timeline(tx, { applicationId: id });
    const kinds = await tx
      .select({ kind: applicationItems.kind, n: count() })
      .from(applicationItems)
      .where(eq(applicationItems.applicationId, id))
      .groupBy(applicationItems.kind);
    return {
      ...summaryOf(app, org?.name ?? '', area?.name ?? null, actor),
      form: app.form,
      outcome: app.outcome,
      acceptNote: app.acceptNote,
      itemCounts: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
      open: OPEN_APPLICATION_STATUSES.includes(app.status),
      events: events.map((e) => ({ action: e.action, userName: e.userName, orgName: e.orgName, note: e.note, at: e.at })),
      rounds: reviewRounds(events),
    };
  });
}

export async function listItems(ctx: Ctx, id: number, kind: string, page: number, pageSize: number) {
  const actor = ctx.actor;
  if (!actor) throw notFound('业务单');
  return ctx.db.transaction(async (tx) => {
    await loadApplication(tx, actor, id);
    const where = and(eq(applicationItems.applicationId, id), eq(applicationItems.kind, kind));
    const slice = pageWindow({ page, pageSize });
    // Sequential: a transaction is one connection.
    const rows = await tx
      .select()
      .from(applicationItems)
      .where(where)
      .orderBy(asc(applicationItems.seq))
      .limit(slice.limit)
      .offset(slice.offset);
    const [total] = await tx.select({ n: count() }).from(applicationItems).where(where);
    return {
      items: rows.map((r) => ({ seq: r.seq, houseId: r.houseId, buildingId: r.buildingId, before: r.before, data: r.data })),
      total: total?.n ?? 0,
    };
  });
}
