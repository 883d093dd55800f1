import type { Db, Tx } from './client.ts';
import { isRetryable } from '../lib/pg-errors.ts';

/**
 * The one place a transaction is retried: money use cases lock accounts in one global order, so a
 * deadlock or serialization failure should not happen; if the server still reports one (a lock
 * taken outside that order, a stricter isolation level), the whole use case runs again from the
 * start — it has no effects outside the database.
 */
export async function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
