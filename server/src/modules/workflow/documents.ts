import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Conn, Tx } from '../../db/client.ts';
import { files, workflowDocuments } from '../../db/schema/index.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { type AuditEntry, audit } from '../audit/audit.ts';
import { fileNameOf, type IncomingFile, storeFile } from '../files/store.ts';
import { ofSubject, subjectOf, type WorkflowSubject } from './events.ts';

/*
 * 附件 of whatever the office reviews, in one list (`workflow_documents`). What is the same for
 * every subject lives here — storing the file, listing with the file's name and size, removing with
 * its audit row; each module keeps its own rules (which statuses allow an upload, which kinds exist)
 * and reads its subject through the caller's organisation before calling in. The file itself
 * belongs to the uploading organisation (`files.org_id`), which is what `GET /api/files/:id` checks.
 */

export type WorkflowDocument = typeof workflowDocuments.$inferSelect;

/** The audit row's words for a subject: its action prefix, entity and how a summary names it. */
export type DocumentAudit = Pick<AuditEntry, 'action' | 'entity' | 'entityId' | 'summary'>;

/** A subject's documents, for a module to narrow further (a project's step, a request). */
export function documentsOf(subject: WorkflowSubject): SQL {
  return ofSubject(workflowDocuments, subject);
}

export const documentColumns = {
  id: workflowDocuments.id,
  kind: workflowDocuments.kind,
  docName: workflowDocuments.docName,
  requestId: workflowDocuments.requestId,
  fileId: files.id,
  fileName: files.name,
  size: files.size,
};

/** The documents matching `where` with their file's name and size, in upload order. */
export async function listDocuments(db: Conn, where: SQL | undefined) {
  return db
    .select(documentColumns)
    .from(workflowDocuments)
    .innerJoin(files, eq(files.id, workflowDocuments.fileId))
    .where(where)
    .orderBy(asc(workflowDocuments.id));
}

/**
 * Stores an already-checked upload as the caller's organisation's file and files it under the
 * subject, audited in the same transaction. `docName` is a project upload's 要件 (F-62).
 */
export async function storeDocument(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  subject: WorkflowSubject,
  doc: { kind: string; docName?: string | null },
  file: IncomingFile,
  words: DocumentAudit,
) {
  const now = ctx.clock.now();
  const fileId = await storeFile(tx, actor.orgId, file, actor.userId, now);
  const [row] = await tx
    .insert(workflowDocuments)
    .values({ ...subjectOf(subject), kind: doc.kind, docName: doc.docName ?? null, fileId, createdAt: now })
    .returning({ id: workflowDocuments.id });
  const id = row?.id as number;
  const named = doc.docName === undefined ? {} : { docName: doc.docName };
  await audit(tx, ctx, {
    action: words.action,
    entity: words.entity,
    entityId: words.entityId,
    summary: words.summary,
    after: { documentId: id, kind: doc.kind, ...named, fileId, fileName: file.fileName, size: file.bytes.length },
  });
  return { id, fileId };
}

/**
 * Removes one of the subject's documents (another subject's is "not found") once `allowed` has
 * seen it — it throws when the subject's own rules keep the document — and audits what was removed.
 * The stored file stays: the audit row names it.
 */
export async function removeDocument(
  tx: Tx,
  ctx: Ctx,
  subject: WorkflowSubject,
  documentId: number,
  allowed: (doc: WorkflowDocument) => void,
  words: (doc: WorkflowDocument, fileName: string) => DocumentAudit,
) {
  const [doc] = await tx
    .select()
    .from(workflowDocuments)
    .where(and(eq(workflowDocuments.id, documentId), documentsOf(subject)))
    .for('update');
  if (!doc) throw notFound('附件');
  allowed(doc);
  await tx.delete(workflowDocuments).where(eq(workflowDocuments.id, doc.id));
  const fileName = await fileNameOf(tx, doc.fileId);
  const w = words(doc, fileName);
  const named = 'projectId' in subject ? { docName: doc.docName } : {};
  await audit(tx, ctx, {
    action: w.action,
    entity: w.entity,
    entityId: w.entityId,
    summary: w.summary,
    before: { documentId: doc.id, kind: doc.kind, ...named, fileId: doc.fileId, fileName },
  });
}
