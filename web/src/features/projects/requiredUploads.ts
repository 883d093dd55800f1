import { checkUploaded } from '../../../../server/src/domain/required-documents-check.ts';
import { type RequiredDocType, useRequiredDocuments } from '../required-documents/api';
import { useProjectDocuments } from './api';
import { stepUploads } from './DocumentsPanel';

/**
 * F-62 before the server: the office's list for the step, and the message the submit would be
 * refused with (null when every 要件 has an upload), from the same check the server runs.
 */
export function useRequiredUploads(projectId: number, kind: string, type: RequiredDocType) {
  const list = useRequiredDocuments(type);
  const docs = useProjectDocuments(projectId);
  const required = list.data?.documents;
  const names = stepUploads(docs.data?.items ?? [], kind).flatMap((d) => (d.docName ? [d.docName] : []));
  const message = required && docs.data ? checkUploaded(type, required, names).message : null;
  return { required, message };
}
