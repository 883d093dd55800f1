import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Conn, Tx } from '../../db/client.ts';
import { projectRequests, workflowDocuments } from '../../db/schema/index.ts';
import { checkUploaded, projectDocType, type RequiredDocType } from '../../domain/required-documents.ts';
import { documentProblem } from '../../domain/upload-check.ts';
import { type Ctx, requirePermission } from '../../lib/context.ts';
import { invalid, notFound, ruleRefusal } from '../../lib/errors.ts';
import { documentsOf, listDocuments, removeDocument, storeDocument } from '../workflow/documents.ts';
import { requiredDocumentsFor } from '../settings/required-documents.ts';
import { committeeActor, loadProject, readerActor } from './access.ts';

/** The steps whose uploads are checked on submit (F-62), by the kind they are filed under. */
export const DOCUMENT_STEP_KINDS = { approval: '立项申请要件', disbursement: '资金拨付要件' } as const;
export type DocumentStep = keyof typeof DOCUMENT_STEP_KINDS;

/**
 * 附件 of a project (emergency evidence, approval and disbursement documents, acceptance reports):
 * images checked by content like every upload (R-1), each tagged with the 要件 it proves (`docName`,
 * F-62) or untagged (其他材料). Attachments are added at any stage, since each step brings its own.
 */
export async function addProjectDocument(
  ctx: Ctx,
  id: number,
  kind: string,
  docName: string | null,
  file: { fileName: string; bytes: Uint8Array },
) {
  const actor = committeeActor(ctx);
  const problem = documentProblem(file.fileName, file.bytes.length, file.bytes.subarray(0, 16));
  if (problem) throw invalid('file', problem);
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    const doc = await storeDocument(tx, ctx, actor, { projectId: id }, { kind, docName }, file, {
      action: 'project.document',
      entity: 'repair_project',
      entityId: id,
      summary: `维修项目 ${p.no} 上传附件（${kind}${docName ? `：${docName}` : ''}）${file.fileName}`,
    });
    return { id: doc.id, kind, docName, requestId: null, fileId: doc.fileId, fileName: file.fileName, size: file.bytes.length };
  });
}

/**
 * Removal while the project is a draft; a 资金拨付 upload also later, until the application it goes
 * with is submitted (then it belongs to that application and stays with it).
 */
export async function removeProjectDocument(ctx: Ctx, id: number, documentId: number) {
  const actor = committeeActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    await removeDocument(
      tx,
      ctx,
      { projectId: id },
      documentId,
      (doc) => {
        const pendingDisbursement = doc.kind === DOCUMENT_STEP_KINDS.disbursement && doc.requestId === null;
        if (p.status !== 'draft' && !pendingDisbursement) {
          throw invalid('documentId', doc.requestId ? '附件已随申请提交，不能删除' : `维修项目 ${p.no} 的立项申请已提交，附件不能删除`);
        }
      },
      (doc, fileName) => ({
        action: 'project.document.remove',
        entity: 'repair_project',
        entityId: id,
        summary: `维修项目 ${p.no} 删除附件（${doc.kind}）${fileName}`,
      }),
    );
  });
}

export async function listProjectDocuments(ctx: Ctx, id: number) {
  const actor = readerActor(ctx);
  await loadProject(ctx.db, actor, id);
  return { items: await listDocuments(ctx.db, documentsOf({ projectId: id })) };
}

/**
 * The uploads a step's next submission goes with: every 立项申请要件 of the project (one approval is
 * live at a time, a returned one is resubmitted with the same papers), or the 资金拨付要件 not yet
 * submitted with an application. `requestId` instead: those submitted with that disbursement.
 */
function stepDocuments(projectId: number, step: DocumentStep, requestId: number | null = null) {
  return and(
    documentsOf({ projectId }),
    eq(workflowDocuments.kind, DOCUMENT_STEP_KINDS[step]),
    step === 'disbursement'
      ? requestId === null
        ? isNull(workflowDocuments.requestId)
        : eq(workflowDocuments.requestId, requestId)
      : undefined,
  );
}

/** F-62 on submit, in the submitting transaction: refuses naming each required document without an upload. */
export async function requireUploaded(tx: Tx, projectId: number, step: DocumentStep, type: RequiredDocType, required: readonly string[]) {
  const rows = await tx
    .select({ docName: workflowDocuments.docName })
    .from(workflowDocuments)
    .where(and(stepDocuments(projectId, step), isNotNull(workflowDocuments.docName)));
  const { message } = checkUploaded(
    type,
    required,
    rows.map((r) => r.docName as string),
  );
  if (message) throw ruleRefusal(409, 'RULE', 'F-62', message);
}

/** A disbursement application takes the 资金拨付 uploads waiting for it: they are its documents from now on. */
export async function attachDisbursementDocuments(tx: Tx, projectId: number, requestId: number) {
  await tx.update(workflowDocuments).set({ requestId }).where(stepDocuments(projectId, 'disbursement'));
}

/**
 * What the office reviews with a request (F-60): the documents submitted with it beside the list
 * of 要件 kept at its submission. The committee reads its own; the office only with a role that
 * may read uploads (the same rule as the files themselves); anyone else is told it does not exist.
 */
export async function requestDocuments(ctx: Ctx, requestId: number) {
  const actor = readerActor(ctx);
  if (actor.orgType === 'office') requirePermission(ctx, 'office.files');
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(projectRequests).where(eq(projectRequests.id, requestId));
    if (!r || r.kind === 'refund') throw notFound('申请');
    const p = await loadProject(tx, actor, r.projectId);
    const step: DocumentStep = r.kind === 'approval' ? 'approval' : 'disbursement';
    const type = projectDocType(step, p.type);
    // A simple project's approval binds its disbursement: both show the approval's documents.
    const own = step === 'disbursement' && p.type !== 'simple';
    const items = await uploadsOf(tx, p.id, own ? 'disbursement' : 'approval', own ? r.id : null);
    return { type, required: await requiredDocumentsFor(tx, type, r.requiredDocuments), items };
  });
}

async function uploadsOf(db: Conn, projectId: number, step: DocumentStep, requestId: number | null) {
  return listDocuments(db, stepDocuments(projectId, step, requestId));
}
