import { sql } from 'drizzle-orm';
import { type DbHandle, rowsOf } from '../db/client.ts';

/**
 * A periodic job runs on one instance at a time: the others skip that round instead of repeating
 * it. The transaction-scoped try-lock ends with the job's transaction, or with its connection.
 */
export async function onOneInstance(handle: DbHandle, lock: number, job: () => Promise<unknown>): Promise<boolean> {
  if (handle.kind === 'pglite') {
    await job();
    return true;
  }
  return handle.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${lock}) as got`);
    if (!row?.got) return false;
    await job();
    return true;
  });
}
