import { and, eq, sql } from 'drizzle-orm';
import { builtOnce, type Conn } from '../../db/client.ts';
import { organisations, propertyAreas } from '../../db/schema/index.ts';
import type { Actor } from '../../lib/context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';

/** The one property area a committee is bound to (SPEC §1); null for any other organisation. */
export async function committeeArea(db: Conn, actor: Actor): Promise<number | null> {
  if (actor.orgType !== 'committee') return null;
  const [o] = await db.select({ areaId: organisations.areaId }).from(organisations).where(eq(organisations.id, actor.orgId));
  return o?.areaId ?? null;
}

/**
 * The areas `actor` may see, as a condition on `property_areas`: a developer the areas it collected,
 * a committee its own (`committeeAreaId`), the office all, anyone else none. Written with
 * placeholders (`viewerOrg`, `viewerArea`, given in `values`), so a statement built once
 * (`builtOnce`) under `shape` serves every organisation of a kind. The rule is written only here,
 * and used where an area is fetched (`visibleArea`), where areas are listed, and inside the page of
 * an area's houses, which so checks the caller's sight of the area in its own statement.
 */
export function areaSight(actor: Actor, committeeAreaId: number | null) {
  switch (actor.orgType) {
    case 'office':
      return { shape: 'office', where: sql`true`, values: {} };
    case 'developer':
      return {
        shape: 'developer',
        where: eq(propertyAreas.developerOrgId, sql.placeholder('viewerOrg')),
        values: { viewerOrg: actor.orgId },
      };
    case 'committee':
      return {
        shape: 'committee',
        where: eq(propertyAreas.id, sql.placeholder('viewerArea')),
        values: { viewerArea: committeeAreaId ?? -1 },
      };
    default:
      return { shape: 'none', where: sql`false`, values: {} };
  }
}

/**
 * The area, if `actor` may see it (`areaSight`). Anything else is "not found", so ids of other
 * organisations' areas reveal nothing.
 */
export async function visibleArea(db: Conn, actor: Actor, areaId: number, committeeAreaId: number | null = null) {
  const sight = areaSight(actor, committeeAreaId);
  // Built once and prepared: an area's pages and forms ask it often.
  const [area] = await builtOnce(
    db,
    `areas.one ${sight.shape}`,
    () =>
      db
        .select()
        .from(propertyAreas)
        .where(and(eq(propertyAreas.id, sql.placeholder('id')), sight.where)),
    { id: areaId, ...sight.values },
  );
  if (!area) throw notFound('物业区域');
  return area;
}

export function requireDeveloper(actor: Actor) {
  if (actor.orgType !== 'developer') throw forbidden('仅开发建设单位可办理此业务');
}
