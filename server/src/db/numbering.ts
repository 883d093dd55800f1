import { sql } from 'drizzle-orm';
import { type Conn, rowsOf, type Tx } from './client.ts';
import { businessCounters } from './schema/index.ts';
import { businessDay } from '../lib/clock.ts';
import { formatBusinessNumber } from '../domain/numbering.ts';

/**
 * Allocates the next business number for `prefix` on the day of `at`. The upsert takes a row lock,
 * so concurrent transactions queue on it and never receive the same serial; a rolled-back
 * transaction gives its serial back.
 */
export async function allocateNumber(tx: Tx, prefix: string, at: Date): Promise<string> {
  const day = businessDay(at);
  const [row] = await tx
    .insert(businessCounters)
    .values({ prefix, day, value: 1 })
    .onConflictDoUpdate({
      target: [businessCounters.prefix, businessCounters.day],
      set: { value: sql`${businessCounters.value} + 1` },
    })
    .returning({ value: businessCounters.value });
  if (!row) throw new Error('number allocation returned no row');
  return formatBusinessNumber(prefix, day, row.value);
}

/**
 * Allocates `n` consecutive business numbers for `prefix` in one step: the counter moves once by n.
 * Given a separate connection (`autonomous`, PostgreSQL) the step is its own short transaction, so
 * the counter row is locked for one statement and never for the caller's whole batch: a clerk's
 * single notice does not wait for another's 10,000. The price is that a batch which then rolls back
 * leaves its numbers unused (numbers stay unique, not gapless). Without one (pglite, where only one
 * transaction runs at a time) it runs inside `tx` as allocateNumber does.
 */
export async function allocateNumbers(tx: Tx, autonomous: Conn | undefined, prefix: string, at: Date, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const day = businessDay(at);
  const [row] = await rowsOf<{ last: number }>(
    autonomous ?? tx,
    sql`insert into business_counters (prefix, day, value) values (${prefix}, ${day}, ${n})
        on conflict (prefix, day) do update set value = business_counters.value + excluded.value
        returning value as last`,
  );
  if (!row) throw new Error('number allocation returned no row');
  const first = Number(row.last) - n + 1;
  return Array.from({ length: n }, (_, i) => formatBusinessNumber(prefix, day, first + i));
}
