import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { projectBallots } from '../../db/schema/index.ts';

export type HouseChoice = 'agree' | 'oppose' | 'abstain';

export const CHOICE_LABELS: Record<HouseChoice, string> = { agree: '同意', oppose: '反对', abstain: '弃权' };

export interface HouseVote {
  /** null: the house has not voted (no ballot, or the sheet recorded it absent). */
  choice: HouseChoice | null;
  label: string;
  /** How the vote was cast: on the signed paper sheet (F-42) or online (F-82); null when it has not voted. */
  channel: 'paper' | 'online' | null;
}

const NOT_VOTED: HouseVote = { choice: null, label: '未投票', channel: null };

/**
 * F-81: how one house voted on each of the given projects: the paper ballot entered from the signed
 * sheet (project_ballots, F-42), or the house's latest online ballot in the electronic vote of the
 * project's current initiation notice (F-82). An online ballot prevails over a paper entry for the
 * same house (R-81), so the online ones are read after the paper ones and overwrite them in the map.
 */
export async function houseVotes(db: Conn, houseId: number, projectIds: readonly number[]): Promise<Map<number, HouseVote>> {
  const out = new Map<number, HouseVote>(projectIds.map((id) => [id, NOT_VOTED]));
  if (projectIds.length === 0) return out;
  const paper = await db
    .select({ projectId: projectBallots.projectId, choice: projectBallots.choice })
    .from(projectBallots)
    .where(and(eq(projectBallots.houseId, houseId), inArray(projectBallots.projectId, [...projectIds])));
  for (const b of paper) {
    if (b.choice === 'absent') continue;
    out.set(b.projectId, { choice: b.choice, label: CHOICE_LABELS[b.choice], channel: 'paper' });
  }
  const online = await rowsOf<{ projectId: string; choice: HouseChoice }>(
    db,
    sql`select distinct on (e.project_id) e.project_id::text as "projectId", b.choice
          from evote_ballots b join project_evotes e on e.id = b.evote_id
         where b.house_id = ${houseId}
           and e.project_id in (${sql.join(
             projectIds.map((id) => sql`${id}::bigint`),
             sql`, `,
           )})
           and e.notice_id = (select max(n.id) from project_notices n where n.project_id = e.project_id and n.kind = 'initiation')
         order by e.project_id, b.seq desc`,
  );
  for (const b of online) out.set(Number(b.projectId), { choice: b.choice, label: CHOICE_LABELS[b.choice], channel: 'online' });
  return out;
}
