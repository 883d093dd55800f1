import { asc, count } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { depositStandards } from '../../db/schema/index.ts';
import { JIANGMEN_2022, type Rate, type StandardRow } from '../../domain/deposit-standard.ts';

export async function loadStandards(db: Db | Tx): Promise<StandardRow[]> {
  const rows = await db.select().from(depositStandards).orderBy(asc(depositStandards.effectiveFrom), asc(depositStandards.id));
  return rows.map((r) => ({
    effectiveFrom: r.effectiveFrom,
    use: r.use as StandardRow['use'],
    elevator: r.elevator,
    rate: r.rate as Rate,
  }));
}

/** A platform without any standard could not open accounts: start from Jiangmen's (SPEC §5). */
export async function ensureDefaultStandards(db: Db): Promise<void> {
  const [row] = await db.select({ n: count() }).from(depositStandards);
  if ((row?.n ?? 0) > 0) return;
  await db
    .insert(depositStandards)
    .values(JIANGMEN_2022.map((s) => ({ effectiveFrom: s.effectiveFrom, use: s.use, elevator: s.elevator, rate: s.rate })));
}
