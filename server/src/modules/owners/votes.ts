import { and, eq, inArray } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { projectBallots } from '../../db/schema/index.ts';

export type HouseChoice = 'agree' | 'oppose' | 'abstain';

export const CHOICE_LABELS: Record<HouseChoice, string> = { agree: '同意', oppose: '反对', abstain: '弃权' };

export interface HouseVote {
  /** null: the house has not voted (no ballot, or the sheet recorded it absent). */
  choice: HouseChoice | null;
  label: string;
  /** How the vote was cast: on the signed paper sheet (F-42); null when it has not voted. */
  channel: 'paper' | null;
}

const NOT_VOTED: HouseVote = { choice: null, label: '未投票', channel: null };

/**
 * F-81: how one house voted on each of the given projects, in one query. Today that is the paper
 * ballot entered from the signed sheet (project_ballots, F-42). Electronic ballots (SPEC §11's
 * electronic vote) join here: an online ballot prevails over a paper entry for the same house, so they are read
 * after the paper ones and overwrite them in the map.
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
  return out;
}
