import { and, eq, sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { projectEvotes } from '../../db/schema/index.ts';
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

/**
 * Every ballot of an e-vote in chain order. Read as one JSON document of compact rows — a
 * 20,000-house vote with its changed votes is tens of thousands of ballots, and one parse of one
 * value costs a fraction of the driver's per-row work. The time is written as JavaScript writes it
 * (`toISOString`), the form the hash covers.
 */
export async function ballotsOf(db: Conn, evoteId: number): Promise<StoredBallot[]> {
  const [r] = await rowsOf<{ ballots: string | null }>(
    db,
    sql`select json_agg(json_build_array(id, seq, house_id, owner_id, choice,
              to_char(cast_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), prev_hash, hash, receipt_code) order by seq)::text as ballots
          from evote_ballots where evote_id = ${evoteId}`,
  );
  const rows = JSON.parse(r?.ballots ?? '[]') as [number, number, number, number, Choice, string, string, string, string][];
  return rows.map(([id, seq, houseId, ownerId, choice, castAt, prevHash, hash, receiptCode]) => ({
    id,
    evoteId,
    seq,
    houseId,
    ownerId,
    choice,
    castAt: new Date(castAt),
    prevHash,
    hash,
    receiptCode,
  }));
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
