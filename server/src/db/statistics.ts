import { sql } from 'drizzle-orm';
import { recordJob } from '../service/metrics.ts';
import type { Db, DbHandle } from './client.ts';

/** Fresh planner statistics for every table (row counts, value distributions). */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

/**
 * pglite runs no autovacuum, so its planner never learns how large the tables have grown and picks
 * plans for empty ones (a list that pages by its index at 0.2 s takes over a second without). The
 * embedded server therefore analyses as soon as it starts (its one connection answers the first
 * requests after that run) and every six hours after; PostgreSQL's autovacuum does it by itself.
 * `stop` ends the timer and waits for a run in progress, so the database is not closed under it.
 */
export function keepPlannerStatistics(handle: DbHandle, everyMs = 6 * 3_600_000): { stop(): Promise<void> } {
  if (handle.kind !== 'pglite') return { stop: async () => undefined };
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = refreshPlannerStatistics(handle.db)
      .then(() => recordJob('planner-statistics', true))
      .catch((err: unknown) => {
        recordJob('planner-statistics', false);
        console.error('planner statistics not refreshed:', err);
      });
    return running;
  };
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
