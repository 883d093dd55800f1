import { eq } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { organisations } from '../../db/schema/index.ts';
import { type PersonalDataView, personalDataView } from '../../domain/privacy.ts';
import type { Actor } from '../../lib/context.ts';
import { forbidden } from '../../lib/errors.ts';

/** Until the office has seen a new committee's paper documents it works without owners' personal data. */
export const UNVERIFIED_COMMITTEE = '本业主委员会的备案材料尚待维修资金管理部门核验';

/** How much of owners' ID numbers and phones the caller's organisation may read (SPEC §10). */
export async function personalDataViewOf(db: Conn, actor: Actor): Promise<PersonalDataView> {
  if (actor.orgType !== 'committee') return personalDataView(actor.orgType, false);
  const [o] = await db
    .select({ verifiedAt: organisations.documentsVerifiedAt })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  return personalDataView('committee', Boolean(o?.verifiedAt));
}

/** SPEC §10: a committee whose documents are not verified publishes nothing. */
export async function requireVerifiedCommittee(db: Conn, actor: Actor, doing: string): Promise<void> {
  if (actor.orgType !== 'committee') return;
  if ((await personalDataViewOf(db, actor)) === 'hidden') {
    throw forbidden(`${UNVERIFIED_COMMITTEE}，核验前不能${doing}；请携带备案材料原件到维修资金管理部门办理核验`);
  }
}
