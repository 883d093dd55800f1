import { sql } from 'drizzle-orm';
import { type Db, type DbHandle, rowsOf } from './client.ts';
import { periodicJob } from '../service/periodic-job.ts';

/**
 * Every table of the database with whether its planner statistics are due, as PostgreSQL's
 * autovacuum would judge by default (more rows written since than 50 and a tenth of the table) and
 * as the embedded engine can still tell after a restart, which forgets what was written before it:
 * a table with no statistics at all, or whose size moved by more than a tenth since it was last
 * vacuumed or analysed. The system's own tables are vacuumed, never analysed here.
 */
const TABLES = `select c.oid::regclass::text as name,
       c.relnamespace <> 'pg_catalog'::regnamespace
       and (not exists (select 1 from pg_statistic st where st.starelid = c.oid)
            or coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * greatest(c.reltuples, 0)
            or abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages) > 0.1 * greatest(c.relpages, 10)) as due
  from pg_class c left join pg_stat_all_tables s on s.relid = c.oid
 where c.relkind in ('r', 'm') and c.relpersistence = 'p'
 order by c.oid`;

/**
 * Planner statistics in one statement, then every table vacuumed (`vacuumEach`): of every table
 * (after a bulk load, which the engine may not have counted yet), or with `onlyDue` of those whose
 * statistics are due (`TABLES`), as the embedded server does at start, its first requests waiting for
 * them and planned with them. A restart finds most tables' statistics as they were: on the
 * 50,000-house bench city, with a log of 2,000,000 records, analysing every table took 4.9 s
 * (bench/README.md).
 */
export async function vacuumAndAnalyse(db: Db, { onlyDue = false } = {}): Promise<void> {
  await db.execute(
    onlyDue
      ? sql.raw(
          `do $$ declare t record; begin for t in ${TABLES} loop if t.due then execute 'analyze ' || t.name; end if; end loop; end $$`,
        )
      : sql`analyze`,
  );
  await vacuumEach(db, false);
}

/** Every table vacuumed (`vacuumEach`), and analysed too where its statistics are due. */
export const vacuumAndAnalyseDue = (db: Db): Promise<void> => vacuumEach(db, true);

/**
 * Every table vacuumed, one at a time, the system's own included: the space of deleted and superseded
 * rows made free for new ones, and pages whose rows every transaction sees marked so (an index-only
 * scan then skips the table). The embedded database answers one statement at a time: requests that
 * arrive meanwhile are answered between two tables, not after the whole database. `analyseDue`: also
 * analyse each table whose statistics are due (`TABLES`).
 */
async function vacuumEach(db: Db, analyseDue: boolean): Promise<void> {
  const tables = await rowsOf<{ name: string; due: boolean }>(db, sql.raw(TABLES));
  for (const { name, due } of tables) await db.execute(sql.raw(`vacuum${analyseDue && due ? ' (analyze)' : ''} ${name}`));
}

/**
 * pglite runs no autovacuum: without this its tables would keep every deleted and superseded row's
 * space for ever, its index-only scans would read the table for every row, and its planner would
 * never learn how large the tables have grown, picking plans for empty ones (a list that pages by
 * its index at 0.2 s takes over a second without). The embedded server therefore analyses the
 * tables that need it and vacuums every table as soon as it starts (its one connection answers the
 * first requests after the statistics), and every six hours after vacuums again, analysing the
 * tables that need it then (`TABLES`); PostgreSQL's autovacuum does it by itself. `stop` ends the
 * timer and waits for a run in progress, so the database is not closed under it.
 */
export function keepEmbeddedVacuumed(handle: DbHandle, everyMs = 6 * 3_600_000): { stop(): Promise<void> } {
  if (handle.kind !== 'pglite') return { stop: async () => undefined };
  let runs = 0;
  return periodicJob('vacuum', () => (runs++ === 0 ? vacuumAndAnalyse(handle.db, { onlyDue: true }) : vacuumAndAnalyseDue(handle.db)), {
    everyMs,
    atStart: true,
    failure: 'embedded database not vacuumed:',
  });
}
