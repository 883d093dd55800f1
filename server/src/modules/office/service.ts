import { and, count, desc, eq, getTableColumns, gte, ilike, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { containing, numberFound, searchValues } from '../../lib/search.ts';
import { auditLog, auditSearchText, loginAttempts, organisations, propertyAreas, users } from '../../db/schema/index.ts';
import { orgActions, SELF_SUSPENSION, statusChangeRefusal } from '../../domain/org-actions.ts';
import type { OrgStatus } from '../../domain/org-status.ts';
import { ORG_TYPE_LABELS, type OrgType, REGISTERING_TYPES } from '../../domain/roles.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { carriedCount, pageAnswer, pageWindow } from '../../lib/paging.ts';
import { cappedCountOf } from '../../db/capped-count.ts';
import { rowsOf } from '../../db/client.ts';
import { audit } from '../audit/audit.ts';
import { endSessionsOfOrg } from '../auth/sessions.ts';
import { loadOrgView } from '../organisations/view.ts';

export interface OrgListQuery {
  page: number;
  pageSize: number;
  type?: OrgType;
  status?: OrgStatus;
  verified?: boolean;
  q?: string;
}

/** F-61: every organisation, newest first, filterable. */
export async function listOrganisations(ctx: Ctx, q: OrgListQuery) {
  requirePermission(ctx, 'office.orgs');
  const where = and(
    q.type ? eq(organisations.type, q.type) : undefined,
    q.status ? eq(organisations.status, q.status) : undefined,
    // Only registering organisations hand in documents; the office and the banks are set up directly.
    q.verified === undefined
      ? undefined
      : and(
          inArray(organisations.type, [...REGISTERING_TYPES]),
          q.verified ? isNotNull(organisations.documentsVerifiedAt) : isNull(organisations.documentsVerifiedAt),
        ),
    q.q
      ? or(
          ilike(organisations.name, containing(q.q)),
          ilike(organisations.code, containing(q.q)),
          ilike(organisations.contactPerson, containing(q.q)),
        )
      : undefined,
  );
  const page = await pageAnswer(
    ctx.db,
    q,
    ctx.db
      .select({ o: organisations, areaName: propertyAreas.name })
      .from(organisations)
      .leftJoin(propertyAreas, eq(propertyAreas.id, organisations.areaId))
      .where(where)
      .orderBy(desc(organisations.createdAt), desc(organisations.id)),
    ctx.db.select({ id: organisations.id }).from(organisations).where(where),
  );
  return {
    ...page,
    items: page.items.map(({ o, areaName }) => ({
      id: o.id,
      type: o.type,
      typeLabel: ORG_TYPE_LABELS[o.type],
      name: o.name,
      code: o.code,
      contactPerson: o.contactPerson,
      phone: o.phone,
      areaName,
      status: o.status,
      documentsVerifiedAt: o.documentsVerifiedAt,
      createdAt: o.createdAt,
    })),
  };
}

export async function organisationDetail(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'office.orgs');
  const view = await loadOrgView(ctx.db, id);
  const [n] = await ctx.db.select({ n: count() }).from(users).where(eq(users.orgId, id));
  const actions = orgActions({ ...view, documentsVerified: view.documentsVerifiedAt !== null }, actor);
  return { ...view, userCount: n?.n ?? 0, actions };
}

/** Marks the paper originals as seen at the window (manual §1.1 第六步). */
export async function verifyDocuments(ctx: Ctx, id: number) {
  // Comparing the originals with the uploads needs the uploads.
  const actor = requirePermission(ctx, 'office.files');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [o] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!o) throw notFound('机构');
    if (!REGISTERING_TYPES.includes(o.type)) throw new AppError(409, 'CONFLICT', '该机构不经注册开设，没有需要核验的要件');
    if (o.documentsVerifiedAt) return;
    await tx.update(organisations).set({ documentsVerifiedAt: now, documentsVerifiedBy: actor.userId }).where(eq(organisations.id, id));
    await audit(tx, ctx, {
      action: 'org.verify-documents',
      entity: 'organisation',
      entityId: id,
      summary: `核验要件原件：${o.name}`,
      after: { documentsVerifiedAt: now },
    });
  });
  return organisationDetail(ctx, id);
}

/** Suspension logs every user of the organisation out at once and refuses their next logins. */
export async function setOrganisationStatus(ctx: Ctx, id: number, status: 'active' | 'suspended', reason: string | null) {
  const actor = requirePermission(ctx, 'office.suspend');
  if (id === actor.orgId) throw new AppError(400, 'SELF', SELF_SUSPENSION);
  try {
    await ctx.db.transaction(async (tx) => {
      const [o] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
      if (!o) throw notFound('机构');
      const refusal = statusChangeRefusal(o, actor.orgId);
      if (o.type === 'office' && refusal) throw new AppError(400, 'OFFICE', refusal);
      if (o.status === status) return;
      // Only a working or suspended organisation changes here; handovers have their own decisions.
      if (refusal) throw conflict(refusal);
      await tx
        .update(organisations)
        .set({ status, statusReason: status === 'suspended' ? reason : null, updatedAt: ctx.clock.now() })
        .where(eq(organisations.id, id));
      if (status === 'suspended') await endSessionsOfOrg(tx, id);
      await audit(tx, ctx, {
        action: status === 'suspended' ? 'org.suspend' : 'org.reactivate',
        entity: 'organisation',
        entityId: id,
        summary: `${status === 'suspended' ? '暂停' : '恢复'}机构：${o.name}${reason ? `，原因：${reason}` : ''}`,
        before: { status: o.status, statusReason: o.statusReason },
        after: { status, statusReason: status === 'suspended' ? reason : null },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'organisations_committee_area_uq')) {
      throw conflict('该物业区域已有另一个在用的业主委员会，不能恢复此业主委员会');
    }
    throw err;
  }
  return organisationDetail(ctx, id);
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  orgId?: number;
  entity?: string;
  entityId?: string;
  action?: string;
  q?: string;
  from?: Date;
  to?: Date;
}

/**
 * The records whose summary, person or organisation holds `text` (`auditSearchText`), through that
 * text's search indexes: two characters (a given name, 王伟) by its pairs; one by its characters,
 * more by its trigrams, a long number by its end (`numberFound`).
 */
const auditHolding = (text: string) => numberFound(auditSearchText(auditLog), text, searchValues(text), { pairs: true });

/** The log's columns but a record's values before and after (read one record at a time, `auditRecord`). */
const { before: _before, after: _after, ...listedColumns } = getTableColumns(auditLog);

/**
 * What a page of the log shows of each record: all but its values before and after, which a batch
 * makes large (the notices of a batch, 38 kB a record), and whether it has any.
 */
const auditListed = {
  ...listedColumns,
  changed: sql<boolean>`(${auditLog.before} is not null or ${auditLog.after} is not null)`,
};

/** SPEC §10 audit search: who, which organisation, what, when, and whether the record holds values before and after. */
export async function searchAudit(ctx: Ctx, q: AuditQuery) {
  requirePermission(ctx, 'office.audit');
  // A search finds its records first, through the search indexes of their text (`auditSearchText`),
  // then the page among them: walking the log newest first and testing each record read all of a
  // city's 2,000,000 when none held the text (1.7 s), whenever the planner guessed many would.
  const matches = q.q ? sql`select id from ${auditLog} where ${auditHolding(q.q)}` : null;
  const others = [
    q.orgId ? eq(auditLog.orgId, q.orgId) : undefined,
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, q.from) : undefined,
    q.to ? lt(auditLog.at, q.to) : undefined,
  ].filter((c) => c !== undefined);
  const where = and(...others, matches ? sql`${auditLog.id} = any(array(select id from matched))` : undefined);
  // The page carries its count (`carriedCount`), so the matches are found once for both; searched
  // without other filters, the count is theirs, not each one's record looked up again.
  const onlyText = matches && others.length === 0;
  const count = carriedCount(cappedCountOf(onlyText ? sql`matched` : sql`${auditLog} where ${where ?? sql`true`}`));
  const { limit, offset } = pageWindow(q);
  const rows = await (matches ? ctx.db.with(ctx.db.$with('matched', { id: sql`id` }).as(matches)) : ctx.db)
    .select({ ...auditListed, total: count.column })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  const total = await count.total(rows, q, async () => {
    const alone = sql`select ${count.column} as n`;
    const [row] = await rowsOf<{ n: string }>(ctx.db, matches ? sql`with matched as (${matches}) ${alone}` : alone);
    return Number(row?.n ?? 0);
  });
  return { items: rows.map(({ total: _, ...record }) => record), ...total };
}

/** SPEC §10: one record of the log with its values before and after the change. */
export async function auditRecord(ctx: Ctx, id: number) {
  requirePermission(ctx, 'office.audit');
  const [record] = await ctx.db.select().from(auditLog).where(eq(auditLog.id, id));
  if (!record) throw notFound('审计记录');
  return record;
}

export async function listLoginAttempts(ctx: Ctx, q: { page: number; pageSize: number; orgCode?: string; success?: boolean }) {
  requirePermission(ctx, 'office.audit');
  const where = and(
    q.orgCode ? eq(loginAttempts.orgCode, q.orgCode.toUpperCase()) : undefined,
    q.success === undefined ? undefined : eq(loginAttempts.success, q.success),
  );
  return pageAnswer(
    ctx.db,
    q,
    ctx.db.select().from(loginAttempts).where(where).orderBy(desc(loginAttempts.id)),
    ctx.db.select({ id: loginAttempts.id }).from(loginAttempts).where(where),
  );
}
