import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { files, organisations, propertyAreas, repairProjects, workflowDocuments } from '../../db/schema/index.ts';
import { AREA_HOLDING_STATUSES } from '../../domain/org-status.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { endSessionsOfOrg } from '../auth/sessions.ts';
import { organisationDetail } from './service.ts';

type OrgRow = typeof organisations.$inferSelect;

const side = (o: OrgRow) => ({
  id: o.id,
  name: o.name,
  code: o.code,
  contactPerson: o.contactPerson,
  phone: o.phone,
  legalRepresentative: o.legalRepresentative,
  status: o.status,
  statusReason: o.statusReason,
  registrationNo: o.registrationNo,
  documentsVerifiedAt: o.documentsVerifiedAt,
  createdAt: o.createdAt,
});

/** The committees that hold an area now: the one a handover replaces (normally exactly one). */
function holders(db: Ctx['db'] | Tx, areaId: number) {
  return db
    .select()
    .from(organisations)
    .where(
      and(eq(organisations.type, 'committee'), eq(organisations.areaId, areaId), inArray(organisations.status, [...AREA_HOLDING_STATUSES])),
    )
    .orderBy(asc(organisations.id));
}

/** §10 换届申请 waiting for the office, each with the committee it would replace side by side. */
export async function listHandovers(ctx: Ctx) {
  requirePermission(ctx, 'office.orgs');
  const pending = await ctx.db
    .select({ o: organisations, areaName: propertyAreas.name })
    .from(organisations)
    .innerJoin(propertyAreas, eq(propertyAreas.id, organisations.areaId))
    .where(and(eq(organisations.type, 'committee'), eq(organisations.status, 'pending')))
    .orderBy(asc(organisations.createdAt), asc(organisations.id));
  const items = [];
  for (const { o, areaName } of pending) {
    const [current] = await holders(ctx.db, o.areaId as number);
    items.push({ area: { id: o.areaId as number, name: areaName }, candidate: side(o), current: current ? side(current) : null });
  }
  return { items };
}

async function pendingCandidate(tx: Tx, id: number) {
  const [o] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
  if (!o) throw notFound('机构');
  if (o.type !== 'committee' || o.status !== 'pending' || o.areaId === null) {
    throw new AppError(409, 'NOT_PENDING', `${o.name}没有待审核的换届申请`);
  }
  return { ...o, areaId: o.areaId };
}

/**
 * Approval retires the area's committee (its users are logged out and can no longer log in) and
 * makes the newcomer the area's committee. Projects and facilities follow the area; the files of
 * the area's project documents are handed to the new committee so it can open them. The new
 * committee still sees no owners' personal data until its documents are verified.
 */
export async function approveHandover(ctx: Ctx, id: number) {
  // Retiring a committee weighs like suspending one: the office's administrator decides.
  requirePermission(ctx, 'office.suspend');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const c = await pendingCandidate(tx, id);
    const old = await holders(tx, c.areaId).for('update');
    const oldIds = old.map((o) => o.id);
    for (const o of old) {
      const statusReason = `已由${c.name}接任`;
      await tx.update(organisations).set({ status: 'retired', statusReason, updatedAt: now }).where(eq(organisations.id, o.id));
      await endSessionsOfOrg(tx, o.id);
      await audit(tx, ctx, {
        action: 'org.retire',
        entity: 'organisation',
        entityId: o.id,
        summary: `业主委员会换届：${o.name}由${c.name}接任`,
        before: { status: o.status, statusReason: o.statusReason },
        after: { status: 'retired', statusReason },
      });
    }
    let movedFiles: number[] = [];
    if (oldIds.length > 0) {
      const areaDocs = tx
        .select({ id: workflowDocuments.fileId })
        .from(workflowDocuments)
        .innerJoin(repairProjects, eq(repairProjects.id, workflowDocuments.projectId))
        .where(eq(repairProjects.areaId, c.areaId));
      const moved = await tx
        .update(files)
        .set({ orgId: c.id })
        .where(and(inArray(files.orgId, oldIds), inArray(files.id, areaDocs)))
        .returning({ id: files.id });
      movedFiles = moved.map((f) => f.id);
    }
    await tx.update(organisations).set({ status: 'active', statusReason: null, updatedAt: now }).where(eq(organisations.id, c.id));
    const previous = old[0];
    await audit(tx, ctx, {
      action: 'org.handover.approve',
      entity: 'organisation',
      entityId: c.id,
      summary: `换届申请审核通过：${c.name}接任${previous ? previous.name : '物业区域业主委员会'}`,
      before: { status: 'pending', previous: previous ? { id: previous.id, name: previous.name, status: previous.status } : null },
      after: {
        status: 'active',
        previous: previous ? { id: previous.id, name: previous.name, status: 'retired' } : null,
        projectDocumentFiles: movedFiles,
      },
    });
  });
  return organisationDetail(ctx, id);
}

export async function rejectHandover(ctx: Ctx, id: number, reason: string) {
  requirePermission(ctx, 'office.suspend');
  await ctx.db.transaction(async (tx) => {
    const c = await pendingCandidate(tx, id);
    await tx
      .update(organisations)
      .set({ status: 'rejected', statusReason: reason, updatedAt: ctx.clock.now() })
      .where(eq(organisations.id, c.id));
    await audit(tx, ctx, {
      action: 'org.handover.reject',
      entity: 'organisation',
      entityId: c.id,
      summary: `换届申请驳回：${c.name}，原因：${reason}`,
      before: { status: 'pending', statusReason: c.statusReason },
      after: { status: 'rejected', statusReason: reason },
    });
  });
  return organisationDetail(ctx, id);
}
