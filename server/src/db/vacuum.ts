import { sql } from 'drizzle-orm';
import { type Db, type DbHandle, rowsOf } from './client.ts';
import { periodicJob } from '../service/periodic-job.ts';

/**
 * Fresh planner statistics (row counts, value distributions) for every table, then every table
 * vacuumed (`vacuumEach`). The statistics in one statement, sent at once: the embedded server's first
 * requests wait for them and are planned with them. On the 50,000-house bench city, with a log of
 * 2,000,000 records, it took 4.9 s (bench/README.md).
 */
export async function vacuumAndAnalyse(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
  await vacuumEach(db, false);
}

/** Every table vacuumed (`vacuumEach`), and analysed too where its statistics are due. */
export const vacuumAndAnalyseDue = (db: Db): Promise<void> => vacuumEach(db, true);

/**
 * Every table vacuumed, one at a time, the system's own included: the space of deleted and superseded
 * rows made free for new ones, and pages whose rows every transaction sees marked so (an index-only
 * scan then skips the table). The embedded database answers one statement at a time: requests that
 * arrive meanwhile are answered between two tables, not after the whole database. `analyseDue`: also
 * analyse each table whose statistics are due as PostgreSQL's autovacuum would by default: never
 * gathered, or more rows written since than 50 and a tenth of the table.
 */
async function vacuumEach(db: Db, analyseDue: boolean): Promise<void> {
  const tables = await rowsOf<{ name: string; due: boolean }>(
    db,
    sql`select c.oid::regclass::text as name,
               coalesce(s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
                        or (c.relnamespace <> 'pg_catalog'::regnamespace and s.last_analyze is null and s.last_autoanalyze is null), false) as due
          from pg_class c left join pg_stat_all_tables s on s.relid = c.oid
         where c.relkind in ('r', 'm') and c.relpersistence = 'p'
         order by c.oid`,
  );
  for (const { name, due } of tables) await db.execute(sql.raw(`vacuum${analyseDue && due ? ' (analyze)' : ''} ${name}`));
}

/**
 * pglite runs no autovacuum: without this its tables would keep every deleted and superseded row's
 * space for ever, its index-only scans would read the table for every row, and its planner would
 * never learn how large the tables have grown, picking plans for empty ones (a list that pages by
 * its index at 0.2 s takes over a second without). The embedded server therefore analyses and
 * vacuums as soon as it starts (its one connection answers the first requests after the statistics),
 * and every six hours after vacuums again, analysing only the tables much written to since;
 * PostgreSQL's autovacuum does it by itself. `stop` ends the timer and waits for a run in progress,
 * so the database is not closed under it.
 */
export function keepEmbeddedVacuumed(handle: DbHandle, everyMs = 6 * 3_600_000): { stop(): Promise<void> } {
  if (handle.kind !== 'pglite') return { stop: async () => undefined };
  let runs = 0;
  return periodicJob('vacuum', () => (runs++ === 0 ? vacuumAndAnalyse : vacuumAndAnalyseDue)(handle.db), {
    everyMs,
    atStart: true,
    failure: 'embedded database not vacuumed:',
  });
}
