import { eq, sql } from 'drizzle-orm';
import { builtOnce, type Conn } from '../../db/client.ts';
import { propertyAreas } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';

/**
 * A developer sees only the areas it collected; the office sees all; a committee only its own.
 * Anything else is "not found", so ids of other organisations' areas reveal nothing.
 */
export async function visibleArea(db: Conn, actor: Actor, areaId: number, committeeAreaId: number | null = null) {
  // Built once and prepared: every request for an area's lists asks it first.
  const [area] = await builtOnce(
    db,
    'areas.one',
    () =>
      db
        .select()
        .from(propertyAreas)
        .where(eq(propertyAreas.id, sql.placeholder('id'))),
    { id: areaId },
  );
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
