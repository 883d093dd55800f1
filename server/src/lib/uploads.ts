import type { FastifyRequest } from 'fastify';
import { fileNameProblem } from '../domain/upload-check.ts';
import { invalid } from './errors.ts';

/** Imports and attachments are read up to this size; a larger file is refused by name. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The one file of a multipart upload, as field `file`. Its name is checked before its bytes are
 * read; reading stops one byte past the limit. `fields` holds the text fields sent before the file.
 */
export async function readUpload(req: FastifyRequest, missing: string, tooLargeAdvice = '') {
  const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } });
  if (!part) throw invalid('file', missing);
  const nameProblem = fileNameProblem(part.filename);
  if (nameProblem) {
    part.file.resume();
    throw invalid('file', nameProblem);
  }
  const bytes = new Uint8Array(await part.toBuffer());
  if (part.file.truncated) throw invalid('file', `文件“${part.filename}”超过 20M${tooLargeAdvice}`);
  const fields: Record<string, string> = {};
  for (const [name, f] of Object.entries(part.fields)) if (f && !Array.isArray(f) && f.type === 'field') fields[name] = String(f.value);
  return { fileName: part.filename, bytes, fields };
}
