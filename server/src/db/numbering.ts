import { sql } from 'drizzle-orm';
import type { Tx } from './client.ts';
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
