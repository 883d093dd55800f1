import { COUNT_CAP, cappedTotal, countCapped, pastCap } from '../db/capped-count.ts';
import { builtOnce, type Conn, type PreparableSelect } from '../db/client.ts';
import { type Placeholder, type SQL, sql } from 'drizzle-orm';

/** What a paged list is asked for (fields.ts `page`): page numbers start at 1. */
export interface PageQuery {
  page: number;
  pageSize: number;
}

/** A query builder's select, ordered, not yet limited: awaited, it gives its rows. */
interface Pageable<T> {
  limit(n: number | Placeholder): { offset(n: number | Placeholder): PromiseLike<T[]> & PreparableSelect<T[]> };
}

/** The rows of a page: its size, after the pages before it (also for lists written in SQL). */
export const pageWindow = (q: PageQuery) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/**
 * A page's window written into a statement built once (`builtOnce`): `limit`, the clause; `upTo`, a
 * bound on the rows up to the page's end, for branches that each give at most that many (`upToRows`, as
 * a number); `shape`, what tells the statements apart; `values`, a later page's window (`limit`,
 * `offset` placeholders). With a LIMIT given as a parameter PostgreSQL prices a prepared statement's
 * generic plan as if it read a tenth of every row, so it plans the page afresh on every run, and
 * planning a city list's joins cost as much as running its page (bench/README.md). So the first page,
 * most of what is asked, has its size written into the statement (a validated integer), and a later
 * page's branches read up to the next power of two past its end, also written in: the statement's text
 * changes only when that doubles, while the page's own window stays placeholders (literals there would
 * make a new statement for every page).
 */
export function pageShape(q: PageQuery): {
  shape: string;
  limit: SQL;
  upTo: SQL;
  upToRows: number;
  values: { limit?: number; offset?: number };
} {
  const { limit, offset } = pageWindow(q);
  if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset)) throw new Error(`page window out of range: ${limit} after ${offset}`);
  if (offset === 0) {
    const size = sql.raw(String(limit));
    return { shape: `first ${limit}`, limit: sql`limit ${size}`, upTo: size, upToRows: limit, values: {} };
  }
  const upTo = upToOf(offset, limit);
  return {
    shape: `later ${upTo}`,
    limit: sql`limit ${sql.placeholder('limit')} offset ${sql.placeholder('offset')}`,
    upTo: sql.raw(String(upTo)),
    upToRows: upTo,
    values: { limit, offset },
  };
}

/** A later page's bound: the next power of two past its end. */
const upToOf = (offset: number, limit: number) => 2 ** Math.ceil(Math.log2(offset + limit));

/**
 * One page of `rows`, and of the same list's `counted` (its table, joins and where) the count up to
 * COUNT_CAP, side by side. `built`: for rows written with placeholders, their values, and the shape
 * they are built once under (`builtOnce`); the page's window is then placeholders too.
 */
export async function pageAnswer<T>(
  db: Conn,
  q: PageQuery,
  rows: Pageable<T>,
  counted: Parameters<typeof countCapped>[1],
  built?: Parameters<typeof countCapped>[2] & {},
) {
  const { limit, offset } = pageWindow(q);
  const [items, total] = await Promise.all([
    built
      ? builtOnce(db, built.shape, () => rows.limit(sql.placeholder('limit')).offset(sql.placeholder('offset')), {
          ...built.values,
          limit,
          offset,
        })
      : rows.limit(limit).offset(offset),
    countCapped(db, counted, built),
  ]);
  return { items, ...total };
}

/**
 * The total of a page whose rows carry it: `column`, the page statement's column `total`, holding the
 * list's `count` (its `cappedCountOf`), which PostgreSQL computes once for the statement, so a page
 * and its count are one round trip instead of two. A count lately found past the cap is not computed
 * again (`pastCap`): the column is then null. A page past the last has no row to carry it, and is
 * counted by `countAlone`; a first page without rows has a total of 0. `values`: the values of the
 * count's placeholders, if it has any (`builtOnce`); `shape`, if given, names the count's text instead
 * of the text itself. `apart`: the page cannot carry the count (it reads only some of the rows
 * counted), which `countAlone` then counts; `carried` says whether the column holds it.
 */
export function carriedCount(count: SQL, values: Record<string, unknown> = {}, shape?: string, { apart = false } = {}) {
  const past = pastCap(shape ?? count, Date.now(), values);
  const known = past.known;
  const carried = !known && !apart;
  return {
    known,
    carried,
    column: carried ? sql<string | null>`(${count})::text` : sql<string | null>`null::text`,
    async total(rows: readonly { total: string | number | null }[], q: PageQuery, countAlone: () => Promise<number>) {
      if (known) return cappedTotal(COUNT_CAP + 1);
      const n = carried ? await carriedTotal(rows, q, countAlone) : await countAlone();
      past.note(n);
      return cappedTotal(n);
    },
  };
}

/**
 * The total a page's rows carry in their column `total`: a first page without rows has a total of 0,
 * and a page past the last, with no row to carry it, is counted by `countAlone`.
 */
export async function carriedTotal(
  rows: readonly { total: string | number | null }[],
  q: PageQuery,
  countAlone: () => Promise<number>,
): Promise<number> {
  const [first] = rows;
  return first ? Number(first.total) : q.page === 1 ? 0 : countAlone();
}

/**
 * One page of `rows` without a count: one row more is read to say whether another page follows, and
 * the total is what has been seen so far (the pager offers one page further while `more`).
 */
export async function pageAhead<T>(q: PageQuery, rows: Pageable<T>) {
  const { limit, offset } = pageWindow(q);
  const read = await rows.limit(limit + 1).offset(offset);
  return { items: read.slice(0, limit), ...cappedTotal(offset + read.length), more: read.length > limit };
}
