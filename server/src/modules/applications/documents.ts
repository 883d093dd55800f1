import { and, asc, eq } from 'drizzle-orm';
import { applicationDocuments, files } from '../../db/schema/index.ts';
import { APPLICATION_STEP_RULES } from '../../domain/application-actions.ts';
import { documentProblem } from '../../domain/upload-check.ts';
import { requireActor, requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { fileNameOf, storeFile } from '../files/store.ts';
import { loadApplication } from './service.ts';

/** 附件 of an application: the same image rule as registration documents, checked by content. */
export async function addDocument(ctx: Ctx, id: number, kind: string, file: { fileName: string; bytes: Uint8Array }) {
  const actor = requirePermission(ctx, 'registry.edit');
  const problem = documentProblem(file.fileName, file.bytes.length, file.bytes.subarray(0, 16));
  if (problem) throw invalid('file', problem);
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    if (!APPLICATION_STEP_RULES.edit.statuses.includes(app.status))
      throw new AppError(409, 'STATUS', `业务单 ${app.no} 已提交，不能再上传附件`);
    const now = ctx.clock.now();
    const fileId = await storeFile(tx, actor.orgId, file, actor.userId, now);
    const [doc] = await tx.insert(applicationDocuments).values({ applicationId: id, kind, fileId, createdAt: now }).returning();
    await audit(tx, ctx, {
      action: 'application.document',
      entity: 'application',
      entityId: id,
      summary: `业务单 ${app.no} 上传附件 ${file.fileName}`,
      after: { documentId: doc?.id, kind, fileId, fileName: file.fileName, size: file.bytes.length },
    });
    return { id: doc?.id as number, kind, fileId, fileName: file.fileName, size: file.bytes.length };
  });
}

export async function removeDocument(ctx: Ctx, id: number, documentId: number) {
  const actor = requirePermission(ctx, 'registry.edit');
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    if (!APPLICATION_STEP_RULES.edit.statuses.includes(app.status))
      throw new AppError(409, 'STATUS', `业务单 ${app.no} 已提交，不能删除附件`);
    const removed = await tx
      .delete(applicationDocuments)
      .where(and(eq(applicationDocuments.id, documentId), eq(applicationDocuments.applicationId, id)))
      .returning();
    const [doc] = removed;
    if (!doc) throw notFound('附件');
    const fileName = await fileNameOf(tx, doc.fileId);
    await audit(tx, ctx, {
      action: 'application.document.remove',
      entity: 'application',
      entityId: id,
      summary: `业务单 ${app.no} 删除附件 ${fileName}`,
      before: { documentId: doc.id, kind: doc.kind, fileId: doc.fileId, fileName },
    });
  });
}

export async function listDocuments(ctx: Ctx, id: number) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    await loadApplication(tx, actor, id);
    const rows = await tx
      .select({ id: applicationDocuments.id, kind: applicationDocuments.kind, fileId: files.id, fileName: files.name, size: files.size })
      .from(applicationDocuments)
      .innerJoin(files, eq(files.id, applicationDocuments.fileId))
      .where(eq(applicationDocuments.applicationId, id))
      .orderBy(asc(applicationDocuments.id));
    return { items: rows };
  });
}
