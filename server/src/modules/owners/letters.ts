import { and, asc, eq, exists, inArray, isNull } from 'drizzle-orm';
import { houseOwners, houses, ownerLetters, units } from '../../db/schema/index.ts';
import { LETTER_VALID_DAYS, printedCode } from '../../domain/owner-binding.ts';
import { requireActor, type Actor, type Ctx } from '../../lib/context.ts';
import { forbidden, invalid, notFound } from '../../lib/errors.ts';
import { housePlace, joinPlace } from './service.ts';
import { audit, bounded } from '../audit/audit.ts';
import { requireVerifiedCommittee } from '../organisations/committee.ts';
import { committeeArea, visibleArea } from '../registry/access.ts';
import { chunks } from '../registry/bulk.ts';
import { codeKey, hashCode, newCode } from './codes.ts';

/** Where the letter sends the owner (the portal's binding page, typed in from the letter). */
export const BIND_PAGE_PATH = '/owner/bind';

/** The QR code's path: the binding page with the letter's house already chosen. */
export const bindPathOf = (h: { areaId: number; buildingId: number; id: number }) =>
  `${BIND_PAGE_PATH}?area=${h.areaId}&building=${h.buildingId}&house=${h.id}`;

/** F-80: the fund office's window, or a verified committee's director or members for its own area. */
async function requireLetterIssuer(ctx: Ctx, areaId: number): Promise<Actor> {
  const actor = requireActor(ctx);
  const allowed =
    (actor.orgType === 'office' && actor.permissions.includes('office.accept')) ||
    (actor.orgType === 'committee' && actor.permissions.includes('project.submit'));
  if (!allowed) throw forbidden('只有维修资金管理部门受理窗口或本区域业主委员会可出具业主告知书');
  await visibleArea(ctx.db, actor, areaId, await committeeArea(ctx.db, actor));
  await requireVerifiedCommittee(ctx.db, actor, '出具业主告知书');
  return actor;
}

/**
 * F-80 owner letters (业主告知书) for one house or a whole building: every normal house with
 * recorded owners gets a new one-time code; the house's earlier unused codes stop working. The codes
 * are answered once, for printing, and stored only hashed; the audit log never sees them.
 */
export async function issueLetters(ctx: Ctx, input: { houseId?: number; buildingId?: number }) {
  if ((input.houseId === undefined) === (input.buildingId === undefined)) throw invalid('houseId', '请选择一套房屋或一幢楼');
  const scope = input.houseId !== undefined ? eq(houses.id, input.houseId) : eq(houses.buildingId, input.buildingId as number);
  const [first] = await ctx.db.select({ areaId: houses.areaId }).from(houses).where(scope).limit(1);
  if (!first) throw notFound(input.houseId !== undefined ? '房屋' : '楼幢');
  const actor = await requireLetterIssuer(ctx, first.areaId);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LETTER_VALID_DAYS * 86_400_000);
  const rows = await joinPlace(
    ctx.db
      .select({ ...housePlace, areaId: houses.areaId, buildingId: houses.buildingId })
      .from(houses)
      .$dynamic(),
  )
    .where(
      and(
        scope,
        eq(houses.status, 'normal'),
        exists(ctx.db.select({ one: houseOwners.id }).from(houseOwners).where(eq(houseOwners.houseId, houses.id))),
      ),
    )
    .orderBy(asc(units.name), asc(houses.floor), asc(houses.room));
  if (rows.length === 0) throw invalid(input.houseId !== undefined ? 'houseId' : 'buildingId', '所选房屋没有登记业主，请先办理权属登记');
  const key = await codeKey(ctx.db);
  const codes = rows.map((r) => ({ house: r, code: newCode() }));
  const ids = rows.map((r) => r.id);
  return ctx.db.transaction(async (tx) => {
    let revoked = 0;
    for (const part of chunks(ids)) {
      const gone = await tx
        .update(ownerLetters)
        .set({ revokedAt: now })
        .where(and(inArray(ownerLetters.houseId, part), isNull(ownerLetters.usedAt), isNull(ownerLetters.revokedAt)))
        .returning({ id: ownerLetters.id });
      revoked += gone.length;
    }
    const letterIds = new Map<number, number>();
    for (const part of chunks(codes)) {
      const made = await tx
        .insert(ownerLetters)
        .values(
          part.map((c) => ({
            houseId: c.house.id,
            codeHash: hashCode(key, c.house.id, c.code),
            issuedBy: actor.userId,
            issuedOrgId: actor.orgId,
            createdAt: now,
            expiresAt,
          })),
        )
        .returning({ id: ownerLetters.id, houseId: ownerLetters.houseId });
      for (const m of made) letterIds.set(m.houseId, m.id);
    }
    await audit(tx, ctx, {
      action: 'owner.letters',
      entity: 'owner_letter',
      entityId: input.houseId !== undefined ? `house:${input.houseId}` : `building:${input.buildingId}`,
      summary: `出具业主告知书 ${rows.length} 份${revoked > 0 ? `，原未使用的 ${revoked} 个绑定码作废` : ''}`,
      // The codes themselves are never recorded.
      after: { houses: bounded(ids), revokedEarlier: revoked, expiresAt },
    });
    return {
      expiresAt,
      bindPath: BIND_PAGE_PATH,
      items: codes.map((c) => ({
        letterId: letterIds.get(c.house.id) as number,
        houseId: c.house.id,
        area: c.house.area,
        building: c.house.building,
        unit: c.house.unit,
        room: c.house.room,
        address: c.house.address,
        bindPath: bindPathOf(c.house),
        code: printedCode(c.code),
      })),
    };
  });
}
