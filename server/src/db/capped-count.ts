import { type SQL, sql } from 'drizzle-orm';
import { type Conn, rowsOf } from './client.ts';

/**
 * A list's total is counted up to this many rows and no further: an exact count of a city's
 * 500,000 houses or 300,000 businesses would scan them all on every page. Past it the total says
 * "more than" (`totalCapped`), and a filter narrows the list; every page up to it stays reachable.
 */
export const COUNT_CAP = 10_000;

/** `{ total }`, exact up to COUNT_CAP; above it `{ total: COUNT_CAP, totalCapped: true }`. */
export function cappedTotal(n: number): { total: number; totalCapped?: true } {
  return n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: n };
}

/**
 * The rows of `from … where …` counted up to one past the cap (the engine stops reading there). The
 * cap is written into the statement, not passed as a parameter: a LIMIT PostgreSQL cannot see makes
 * a prepared statement's generic plan look as dear as reading every row, so it would be planned
 * again on every execution.
 */
export function cappedCountOf(fromWhere: SQL): SQL<number> {
  return sql<number>`(select count(*) from (select 1 from ${fromWhere} limit ${sql.raw(String(COUNT_CAP + 1))}) as capped)`;
}

/** Counts a query built by the query builder (any select with its joins and where) up to the cap. */
export async function countCapped(db: Conn, rows: { limit(n: number): { as(alias: string): unknown } }) {
  const sub = rows.limit(COUNT_CAP + 1).as('capped');
  const [row] = await rowsOf<{ n: string }>(db, sql`select count(*)::text as n from ${sub}`);
  return cappedTotal(Number(row?.n ?? 0));
}
