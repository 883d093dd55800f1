import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { files } from '../../db/schema/index.ts';
import { sniffImage } from '../../domain/upload-check.ts';

export interface IncomingFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Stores an already-validated upload; the MIME type comes from its content, never from the browser. */
export async function storeFile(tx: Tx, orgId: number | null, f: IncomingFile, createdBy: number | null, at: Date) {
  const mime = sniffImage(f.bytes) ?? 'application/octet-stream';
  const [row] = await tx
    .insert(files)
    .values({
      orgId,
      name: f.fileName,
      mime,
      size: f.bytes.length,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      data: f.bytes,
      createdBy,
      createdAt: at,
    })
    .returning({ id: files.id });
  if (!row) throw new Error('file insert returned no row');
  return row.id;
}

/** A stored file's name, for the audit row of a removed attachment (the bytes stay stored). */
export async function fileNameOf(tx: Tx, id: number): Promise<string> {
  const [row] = await tx.select({ name: files.name }).from(files).where(eq(files.id, id));
  return row?.name ?? '';
}
