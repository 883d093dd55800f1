import { sql } from 'drizzle-orm';
import { type DbHandle, rowsOf, type Tx } from '../../db/client.ts';
import { genesisHash } from '../../domain/evote.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { onOneInstance } from '../../service/one-instance.ts';
import { periodicJob } from '../../service/periodic-job.ts';
import { audit } from '../audit/audit.ts';
import { storeStage } from '../projects/actions.ts';
import { recordEvent } from '../workflow/events.ts';

/**
 * F-82: closes every e-vote whose end has passed (or only those of one project), writing down the
 * closing time and the chain's last hash (R-82). Idempotent: an e-vote is closed once, whoever
 * closes it and however many closers run at once — the rows are locked first and only those still
 * open are closed, so a second closer waiting on the lock finds nothing left to do. The hash is read
 * after the lock, in a statement of its own, so it includes every ballot committed before.
 */
export async function closeDueEvotes(tx: Tx, ctx: Ctx, projectId?: number) {
  const now = ctx.clock.now();
  const due = await rowsOf<{ id: string }>(
    tx,
    sql`select id::text as id from project_evotes
      where status = 'open' and closes_at <= ${now} ${projectId === undefined ? sql`` : sql`and project_id = ${projectId}`}
      order by id for update`,
  );
  if (due.length === 0) return [];
  const ids = due.map((d) => Number(d.id));
  const closed = await rowsOf<{
    id: string;
    project_id: string;
    final_hash: string | null;
    ballots: number;
    houses: number;
    closes_at: Date | string;
  }>(
    tx,
    sql`update project_evotes e set status = 'closed', closed_at = e.closes_at,
        final_hash = (select b.hash from evote_ballots b where b.evote_id = e.id order by b.seq desc limit 1),
        totals = (select jsonb_build_object('ballots', count(*), 'houses', count(distinct b.house_id))
                  from evote_ballots b where b.evote_id = e.id)
      where e.id in (${sql.join(
        ids.map((id) => sql`${id}::bigint`),
        sql`, `,
      )}) and e.status = 'open'
      returning e.id::text as id, e.project_id::text as project_id, e.final_hash,
        (e.totals->>'ballots')::int as ballots, (e.totals->>'houses')::int as houses, e.closes_at`,
  );
  const result = [];
  for (const c of closed) {
    const id = Number(c.id);
    const finalHash = c.final_hash ?? genesisHash(id);
    if (c.final_hash === null) await tx.execute(sql`update project_evotes set final_hash = ${finalHash} where id = ${id}`);
    const projectIdOf = Number(c.project_id);
    const note = `电子投票已于投票结束时间截止：共 ${c.houses} 户网上投票（选票 ${c.ballots} 张），最终哈希 ${finalHash}`;
    await recordEvent(tx, ctx, { projectId: projectIdOf }, 'evote.closed', note);
    await storeStage(tx, ctx, projectIdOf);
    await audit(tx, ctx, {
      action: 'evote.close',
      entity: 'evote',
      entityId: id,
      summary: note,
      before: { status: 'open' },
      after: { status: 'closed', closedAt: new Date(c.closes_at), finalHash, ballots: c.ballots, houses: c.houses },
    });
    result.push({ id, projectId: projectIdOf, finalHash });
  }
  return result;
}

const EVOTE_CLOSE_LOCK = 7_041_982;

/** One round of the closing job, on one instance at a time. */
export function closeDueEvotesNow(handle: DbHandle, clock: Clock) {
  return onOneInstance(handle, EVOTE_CLOSE_LOCK, () =>
    handle.db.transaction((tx) =>
      closeDueEvotes(tx, { db: handle.db, dbKind: handle.kind, clock, actor: null, owner: null, ip: 'scheduler' }),
    ),
  );
}

/**
 * F-82: the vote closes by itself at its end. Every `everyMs` (and once at start, for votes that ended
 * while no instance ran) one instance closes what is due; the state lives in the database, so a
 * restart loses nothing. Until the job has run, readers treat an e-vote past its end as closed.
 */
export function keepEvotesClosed(handle: DbHandle, clock: Clock, everyMs = 60_000): { stop(): Promise<void> } {
  return periodicJob('evote-close', () => closeDueEvotesNow(handle, clock), {
    everyMs,
    atStart: true,
    failure: 'electronic votes past their end not closed:',
  });
}
