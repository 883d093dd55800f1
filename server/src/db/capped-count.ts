import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { builtOnceRows, type Conn } from './client.ts';

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

/**
 * Counts lately found past the cap, by statement text and values, with when to count again. A list
 * of more than COUNT_CAP rows stays so longer than anyone pages through it, so its next pages say
 * "more than" without counting again: counting to the cap read 10,001 index entries on every page of
 * a city's 业务总览 (0.9 ms, half its page). A count within the cap is never kept: it is exact on
 * every page. The statement's values are in the key, so one organisation's count never answers another's.
 */
const PAST_CAP_FOR_MS = 60_000;
const PAST_CAP_KEPT = 1_000;
const pastCapUntil = new Map<string, number>();
const dialect = new PgDialect();

const keyOf = (count: SQL | string, values: Record<string, unknown>) => {
  const { sql: text, params } = typeof count === 'string' ? { sql: count, params: [] } : dialect.sqlToQuery(count);
  return `${text}\u0000${JSON.stringify([params, values], (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
};

/**
 * What is known of `count` (a statement counting up to the cap): `known`, whether it was found past
 * the cap less than a minute ago; `note`, to keep what it gave when counted (past the cap, for a
 * minute; within it, forgetting any earlier finding). Its key is made once: rendering a count's text
 * is not free. `values`: the values of its placeholders, if it has any (`builtOnce`); `count` may be
 * a name for its text instead (a statement's shape).
 */
export function pastCap(count: SQL | string, now = Date.now(), values: Record<string, unknown> = {}) {
  const key = keyOf(count, values);
  const until = pastCapUntil.get(key);
  if (until !== undefined && until <= now) pastCapUntil.delete(key);
  return {
    known: until !== undefined && until > now,
    note(n: number, at = Date.now()) {
      pastCapUntil.delete(key);
      if (n <= COUNT_CAP) return;
      // The oldest finding goes first when the memory is full (a Map iterates in insertion order).
      if (pastCapUntil.size >= PAST_CAP_KEPT) pastCapUntil.delete(pastCapUntil.keys().next().value as string);
      pastCapUntil.set(key, at + PAST_CAP_FOR_MS);
    },
  };
}

/**
 * Counts a query built by the query builder (any select with its joins and where) up to the cap.
 * `built`: for a query written with placeholders, their values, and its shape if it is built once
 * (`builtOnce`); a count lately found past the cap is then remembered under the shape and values.
 */
export async function countCapped(
  db: Conn,
  rows: { limit(n: number): { as(alias: string): unknown } },
  built: { shape: string | null; values: Record<string, unknown> } = { shape: null, values: {} },
) {
  const count = () => sql`select count(*)::text as n from ${rows.limit(COUNT_CAP + 1).as('capped')}`;
  const past = pastCap(built.shape ? `${built.shape} counted` : count(), Date.now(), built.values);
  if (past.known) return cappedTotal(COUNT_CAP + 1);
  const [row] = await builtOnceRows<{ n: string }>(db, built.shape && `${built.shape} counted`, count, built.values);
  const n = Number(row?.n ?? 0);
  past.note(n);
  return cappedTotal(n);
}
