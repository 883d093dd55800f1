import { APPLICATION_STEP_RULES } from '../../domain/application-actions.ts';
import { documentProblem } from '../../domain/upload-check.ts';
import { requireActor, requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { documentsOf, listDocuments as documentList, removeDocument as removeFiled, storeDocument } from '../workflow/documents.ts';
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
    const doc = await storeDocument(tx, ctx, actor, { applicationId: id }, { kind }, file, {
      action: 'application.document',
      entity: 'application',
      entityId: id,
      summary: `业务单 ${app.no} 上传附件 ${file.fileName}`,
    });
    return { id: doc.id, kind, fileId: doc.fileId, fileName: file.fileName, size: file.bytes.length };
  });
}

export async function removeDocument(ctx: Ctx, id: number, documentId: number) {
  const actor = requirePermission(ctx, 'registry.edit');
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id, true);
    if (!APPLICATION_STEP_RULES.edit.statuses.includes(app.status))
      throw new AppError(409, 'STATUS', `业务单 ${app.no} 已提交，不能删除附件`);
    await removeFiled(
      tx,
      ctx,
      { applicationId: id },
      documentId,
      () => {},
      (_doc, fileName) => ({
        action: 'application.document.remove',
        entity: 'application',
        entityId: id,
        summary: `业务单 ${app.no} 删除附件 ${fileName}`,
      }),
    );
  });
}

export async function listDocuments(ctx: Ctx, id: number) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    await loadApplication(tx, actor, id);
    const rows = await documentList(tx, documentsOf({ applicationId: id }));
    return { items: rows.map(({ id, kind, fileId, fileName, size }) => ({ id, kind, fileId, fileName, size })) };
  });
}
