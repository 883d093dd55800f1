import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from './client.ts';

/** Fresh planner statistics for every table (row counts, value distributions). */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

/**
 * pglite runs no autovacuum, so its planner never learns how large the tables have grown and picks
 * plans for empty ones (a list that pages by its index at 0.2 s takes over a second without). The
 * embedded server therefore analyses at start and every six hours; PostgreSQL's autovacuum does it
 * by itself. Returns what stops the timer.
 */
export function keepPlannerStatistics(handle: DbHandle, everyMs = 6 * 3_600_000): () => void {
  if (handle.kind !== 'pglite') return () => undefined;
  const run = () =>
    refreshPlannerStatistics(handle.db).catch((err: unknown) => {
      console.error('planner statistics not refreshed:', err);
    });
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
