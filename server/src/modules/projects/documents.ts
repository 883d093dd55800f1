import { and, asc, eq } from 'drizzle-orm';
import { files, projectDocuments } from '../../db/schema/index.ts';
import { documentProblem } from '../../domain/upload-check.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { fileNameOf, storeFile } from '../files/store.ts';
import { committeeActor, loadProject, readerActor } from './access.ts';

/**
 * 附件 of a project (emergency evidence, approval and disbursement documents, acceptance reports):
 * images checked by content like every upload. Attachments are added at any stage, since
 * each step brings its own documents; they are removed only while the project is a draft.
 */
export async function addProjectDocument(ctx: Ctx, id: number, kind: string, file: { fileName: string; bytes: Uint8Array }) {
  const actor = committeeActor(ctx);
  const problem = documentProblem(file.fileName, file.bytes.length, file.bytes.subarray(0, 16));
  if (problem) throw invalid('file', problem);
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    const now = ctx.clock.now();
    const fileId = await storeFile(tx, actor.orgId, file, actor.userId, now);
    const [doc] = await tx.insert(projectDocuments).values({ projectId: id, kind, fileId, createdAt: now }).returning();
    await audit(tx, ctx, {
      action: 'project.document',
      entity: 'repair_project',
      entityId: id,
      summary: `维修项目 ${p.no} 上传附件（${kind}）${file.fileName}`,
      after: { documentId: doc?.id, kind, fileId, fileName: file.fileName, size: file.bytes.length },
    });
    return { id: doc?.id as number, kind, fileId, fileName: file.fileName, size: file.bytes.length };
  });
}

export async function removeProjectDocument(ctx: Ctx, id: number, documentId: number) {
  const actor = committeeActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    if (p.status !== 'draft') throw invalid('documentId', `维修项目 ${p.no} 的立项申请已提交，附件不能删除`);
    const removed = await tx
      .delete(projectDocuments)
      .where(and(eq(projectDocuments.id, documentId), eq(projectDocuments.projectId, id)))
      .returning();
    const [doc] = removed;
    if (!doc) throw notFound('附件');
    const fileName = await fileNameOf(tx, doc.fileId);
    await audit(tx, ctx, {
      action: 'project.document.remove',
      entity: 'repair_project',
      entityId: id,
      summary: `维修项目 ${p.no} 删除附件（${doc.kind}）${fileName}`,
      before: { documentId: doc.id, kind: doc.kind, fileId: doc.fileId, fileName },
    });
  });
}

export async function listProjectDocuments(ctx: Ctx, id: number) {
  const actor = readerActor(ctx);
  await loadProject(ctx.db, actor, id);
  const rows = await ctx.db
    .select({ id: projectDocuments.id, kind: projectDocuments.kind, fileId: files.id, fileName: files.name, size: files.size })
    .from(projectDocuments)
    .innerJoin(files, eq(files.id, projectDocuments.fileId))
    .where(eq(projectDocuments.projectId, id))
    .orderBy(asc(projectDocuments.id));
  return { items: rows };
}
