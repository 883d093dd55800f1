import { and, asc, eq, sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { evoteBallots, projectEvotes } from '../../db/schema/index.ts';
import type { ChainCheck, StoredBallot } from '../../domain/evote.ts';
import { checkChain, latestPerHouse } from '../../domain/evote.ts';
import type { Choice } from '../../domain/vote.ts';

export type EvoteRow = typeof projectEvotes.$inferSelect;

/** F-82: the e-vote of a project held on the given initiation notice, if any. */
export async function evoteOf(db: Conn, projectId: number, noticeId: number, lock = false): Promise<EvoteRow | null> {
  const q = db
    .select()
    .from(projectEvotes)
    .where(and(eq(projectEvotes.projectId, projectId), eq(projectEvotes.noticeId, noticeId)));
  const [e] = lock ? await q.for('update') : await q;
  return e ?? null;
}

/** Every ballot of an e-vote in chain order. */
export async function ballotsOf(db: Conn, evoteId: number): Promise<StoredBallot[]> {
  const rows = await db.select().from(evoteBallots).where(eq(evoteBallots.evoteId, evoteId)).orderBy(asc(evoteBallots.seq));
  return rows.map((r) => ({ ...r, choice: r.choice as Choice }));
}

/** the chain check and the choice that counts for each house that voted online. */
export async function onlineTally(db: Conn, evoteId: number): Promise<{ chain: ChainCheck; latest: Map<number, Choice> }> {
  const ballots = await ballotsOf(db, evoteId);
  const chain = checkChain(evoteId, ballots);
  const latest = new Map([...latestPerHouse(ballots)].map(([houseId, b]) => [houseId, b.choice]));
  return { chain, latest };
}

/** The houses that voted online in an e-vote (without their choice: turnout only). */
export async function votedHouses(db: Conn, evoteId: number): Promise<{ houses: Set<number>; ballots: number }> {
  const rows = await rowsOf<{ house_id: string; n: number }>(
    db,
    sql`select house_id::text as house_id, count(*)::int as n from evote_ballots where evote_id = ${evoteId} group by house_id`,
  );
  return { houses: new Set(rows.map((r) => Number(r.house_id))), ballots: rows.reduce((a, r) => a + Number(r.n), 0) };
}
