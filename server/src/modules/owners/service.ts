import { type AnyColumn, and, asc, eq, exists, isNull, sql } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Conn, Tx } from '../../db/client.ts';
import {
  buildings,
  houseOwners,
  houses,
  loginAttempts,
  ownerAccounts,
  ownerBindings,
  ownerLetters,
  propertyAreas,
  units,
} from '../../db/schema/index.ts';
import { maskIdNumber } from '../../domain/id-card.ts';
import { MAX_FAILED_LOGINS } from '../../domain/session-policy.ts';
import type { Ctx, OwnerActor } from '../../lib/context.ts';
import { AppError, forbidden, unauthenticated } from '../../lib/errors.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../lib/password.ts';
import { clearPasswordChecks, reservePasswordCheck } from '../auth/lockout.ts';
import { throttle } from '../auth/throttle.ts';
import { standingOf } from '../payments/standing.ts';
import { chunks } from '../registry/bulk.ts';
import { createOwnerSession } from './sessions.ts';

const SESSION_MESSAGES = {
  idle: '登录已超时（30 分钟无操作），请重新登录',
  expired: '登录已超过 12 小时，请重新登录',
  revoked: '登录已失效，请重新登录',
} as const;

/** F-80: owner routes serve owner sessions only; an organisation's user is sent to its workspace. */
export function requireOwner(ctx: Ctx): OwnerActor {
  if (ctx.owner) return ctx.owner;
  if (ctx.actor) throw forbidden('机构用户不能使用业主功能，请在本机构工作台办理业务');
  if (ctx.sessionProblem) throw new AppError(401, 'SESSION_ENDED', SESSION_MESSAGES[ctx.sessionProblem]);
  throw unauthenticated('请先以业主身份登录');
}

const WRONG_CREDENTIALS = `证件号码或密码错误（连续错误 ${MAX_FAILED_LOGINS} 次将锁定 15 分钟；忘记密码可凭新的业主告知书重新绑定）`;
const wrongCredentials = () => new AppError(401, 'BAD_CREDENTIALS', WRONG_CREDENTIALS);

/**
 * F-80 owner login with ID number + password, under the same rules as §10: a per-address throttle,
 * five password checks per account per 15 minutes taken before verifying, one answer for an unknown
 * account, a wrong password and a locked account.
 */
export async function ownerLogin(ctx: Ctx, input: { idNumber: string; password: string }) {
  await throttle(ctx, 'login');
  const now = ctx.clock.now();
  const idNumber = input.idNumber.trim().toUpperCase();
  const [account] = await ctx.db.select().from(ownerAccounts).where(eq(ownerAccounts.idNumber, idNumber));
  const record = (success: boolean, reason: string) =>
    ctx.db
      .insert(loginAttempts)
      .values({ orgCode: '业主', username: maskIdNumber(idNumber), userId: null, success, reason, ip: ctx.ip, at: now });
  const slot = account ? await reservePasswordCheck(ctx.db, account.id, now, ownerAccounts) : null;
  if (!account || slot === null) {
    await verifyPassword(input.password, await dummyPasswordHash());
    await record(false, account ? 'owner-locked' : 'owner-unknown');
    throw wrongCredentials();
  }
  if (!(await verifyPassword(input.password, account.passwordHash))) {
    await record(false, 'owner-bad-password');
    throw wrongCredentials();
  }
  const upgraded = needsRehash(account.passwordHash) ? await hashPassword(input.password) : null;
  return ctx.db.transaction(async (tx) => {
    await clearPasswordChecks(tx, account.id, slot, ownerAccounts);
    await tx
      .update(ownerAccounts)
      .set(upgraded ? { lastLoginAt: now, passwordHash: upgraded } : { lastLoginAt: now })
      .where(eq(ownerAccounts.id, account.id));
    await tx
      .insert(loginAttempts)
      .values({ orgCode: '业主', username: maskIdNumber(idNumber), success: true, reason: 'owner-ok', ip: ctx.ip, at: now });
    const s = await createOwnerSession(tx, account.id, now, ctx.ip);
    return { ...s, owner: { name: account.name, idNumber } };
  });
}

/** The owner's ID number is still among the house's recorded owners (F-80). */
const idOnRecord = (db: Conn, owner: OwnerActor, houseId: AnyColumn) =>
  exists(
    db
      .select({ one: houseOwners.id })
      .from(houseOwners)
      .where(and(eq(houseOwners.houseId, houseId), sql`upper(${houseOwners.idNumber}) = ${owner.idNumber}`)),
  );

/** F-80/F-81: the owner reaches the house (column `houseId`) now: a live binding, the ID number still on record. */
export const liveBinding = (db: Conn, owner: OwnerActor, houseId: AnyColumn) =>
  and(
    exists(
      db
        .select({ one: ownerBindings.id })
        .from(ownerBindings)
        .where(and(eq(ownerBindings.houseId, houseId), eq(ownerBindings.ownerId, owner.ownerId), isNull(ownerBindings.endedAt))),
    ),
    idOnRecord(db, owner, houseId),
  );

/** Where a house is, as the owner's pages and letters name it (F-80, F-81). */
export const housePlace = {
  id: houses.id,
  area: propertyAreas.name,
  building: buildings.name,
  unit: units.name,
  room: houses.room,
  address: houses.address,
};

/** Joins a query on `houses` to the area, building and unit that `housePlace` reads. */
export function joinPlace<T extends PgSelect>(q: T) {
  return q
    .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(units, eq(units.id, houses.unitId));
}

/**
 * F-80: the houses bound to the owner, each with its balance and amount due read from
 * the ledger as the public lookup reads them. Only live bindings whose ID number is still on record.
 */
export async function ownerHouses(ctx: Ctx) {
  const owner = requireOwner(ctx);
  const query = ctx.db
    .select({ ...housePlace, buildingArea: houses.buildingArea, boundAt: ownerBindings.boundAt })
    .from(ownerBindings)
    .innerJoin(houses, eq(houses.id, ownerBindings.houseId))
    .$dynamic();
  const rows = await joinPlace(query)
    .where(and(eq(ownerBindings.ownerId, owner.ownerId), isNull(ownerBindings.endedAt), idOnRecord(ctx.db, owner, houses.id)))
    .orderBy(asc(propertyAreas.name), asc(buildings.name), asc(units.name), asc(houses.room));
  const standing = await standingOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const s = standing.get(r.id);
      return {
        ...r,
        amountDue: Number(s?.amountDue ?? 0n),
        deposited: Number(s?.deposited ?? 0n),
        balance: Number(s?.balance ?? 0n),
      };
    }),
  };
}

/**
 * F-80 / F-17: when the registry changes a house's owners, owners no longer on record lose the
 * house, and letters printed for the former owners stop working — in the registry change's own
 * transaction. A cancelled house ends every binding (`all`).
 */
export async function endOwnerAccess(tx: Tx, houseIds: readonly number[], now: Date, reason: 'ownership_change' | 'cancelled') {
  for (const part of chunks([...houseIds])) {
    const ids = sql.join(
      part.map((id) => sql`${id}::bigint`),
      sql`, `,
    );
    await tx.execute(
      sql`update owner_bindings b set ended_at = ${now}, end_reason = ${reason}
          from owner_accounts a
          where a.id = b.owner_id and b.house_id in (${ids}) and b.ended_at is null
            and (${reason === 'cancelled'} or not exists (
              select 1 from house_owners ho where ho.house_id = b.house_id and upper(ho.id_number) = a.id_number))`,
    );
    await tx
      .update(ownerLetters)
      .set({ revokedAt: now })
      .where(and(sql`${ownerLetters.houseId} in (${ids})`, isNull(ownerLetters.usedAt), isNull(ownerLetters.revokedAt)));
  }
}
