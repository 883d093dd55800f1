import { eq } from 'drizzle-orm';
import { type Conn, preparedSelect } from '../../db/client.ts';
import { propertyAreas } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';

/**
 * A developer sees only the areas it collected; the office sees all; a committee only its own.
 * Anything else is "not found", so ids of other organisations' areas reveal nothing.
 */
export async function visibleArea(db: Conn, actor: Actor, areaId: number, committeeAreaId: number | null = null) {
  // Prepared: every request for an area's lists asks it first.
  const [area] = await preparedSelect(db.select().from(propertyAreas).where(eq(propertyAreas.id, areaId)));
  const visible =
    area &&
    (actor.orgType === 'office' ||
      (actor.orgType === 'developer' && area.developerOrgId === actor.orgId) ||
      (actor.orgType === 'committee' && committeeAreaId === area.id));
  if (!visible) throw notFound('物业区域');
  return area;
}

export function requireDeveloper(actor: Actor) {
  if (actor.orgType !== 'developer') throw forbidden('仅开发建设单位可办理此业务');
}
