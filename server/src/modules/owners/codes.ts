import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { serverSecrets } from '../../db/schema/index.ts';
import { CODE_ALPHABET, CODE_LENGTH } from '../../domain/owner-binding.ts';

/** A fresh binding code, uniformly random over the unambiguous alphabet. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

const KEY_NAME = 'owner-code-key';

/**
 * The key of the codes' hash: made once by whichever instance needs it first and shared through the
 * database; `WYGL_OWNER_CODE_PEPPER`, when set, is mixed in so a copy of the database alone does
 * not let anyone test guesses offline.
 */
export async function codeKey(db: Conn): Promise<Buffer> {
  await db
    .insert(serverSecrets)
    .values({ name: KEY_NAME, value: randomBytes(32) })
    .onConflictDoNothing();
  const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, KEY_NAME));
  if (!row) throw new Error('owner code key missing');
  return createHash('sha256')
    .update(Buffer.from(row.value))
    .update(process.env.WYGL_OWNER_CODE_PEPPER ?? '')
    .digest();
}

/** Codes are short, so they are stored only as a keyed hash, bound to their house. */
export const hashCode = (key: Buffer, houseId: number, code: string) =>
  createHmac('sha256', key).update(`${houseId}:${code}`).digest('hex');
