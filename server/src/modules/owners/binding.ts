import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { houseOwners, houses, ownerAccounts, ownerBindings, ownerLetters, rateCounters } from '../../db/schema/index.ts';
import { maskIdNumber } from '../../domain/id-card.ts';
import { MAX_BIND_TRIES, normaliseCode, sameIdNumber, triesExhausted } from '../../domain/owner-binding.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { businessDay } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, ruleRefusal } from '../../lib/errors.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password.ts';
import { audit } from '../audit/audit.ts';
import { throttle } from '../auth/throttle.ts';
import { codeKey, hashCode } from './codes.ts';
import { endOwnerSessionsOf } from './sessions.ts';

/**
 * every refusal reads the same — wrong house, ID number or code, a used, replaced or expired
 * code, or a house out of tries for the day — so a guesser learns nothing from the answer.
 */
const BIND_REFUSED = `房屋、业主证件号码与绑定码不符，或绑定码已使用、已过期；同一房屋每天最多可尝试 ${MAX_BIND_TRIES} 次，请核对业主告知书后再试`;
const refused = () => ruleRefusal(400, 'BIND_REFUSED', 'R-80', BIND_REFUSED);

const triesKey = (houseId: number, now: Date) => `bind:house:${houseId}:${businessDay(now)}`;

/**
 * takes one of the house's tries for the day before anything is checked, in one upsert, so
 * parallel tries are counted exactly and none is checked beyond the limit.
 */
async function takeTry(db: Conn, houseId: number, now: Date): Promise<number> {
  const [row] = await rowsOf<{ count: number }>(
    db,
    sql`insert into rate_counters (key, window_start, count) values (${triesKey(houseId, now)}, ${now}, 1)
        on conflict (key) do update set count = rate_counters.count + 1
        returning count`,
  );
  return Number(row?.count ?? 0);
}

export interface BindInput {
  houseId: number;
  idNumber: string;
  code: string;
  password: string;
}

/**
 * F-80 binding: the house picked as in the public lookup, an ID number on record for it, the code
 * of its current letter and a new password. On success the owner account (one per ID number) is
 * made or reused with that password, the house is bound and the code spent — in one transaction.
 */
export async function bindOwner(ctx: Ctx, input: BindInput) {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('password', problem);
  await throttle(ctx, 'binding');
  const now = ctx.clock.now();
  const idNumber = input.idNumber.trim().toUpperCase();
  const code = normaliseCode(input.code);
  if (triesExhausted(await takeTry(ctx.db, input.houseId, now))) {
    // The same hashing work as a real binding, so a refusal is not told apart by its speed.
    await verifyPassword(input.password, await dummyPasswordHash());
    throw refused();
  }
  const key = await codeKey(ctx.db);
  const [house] = await ctx.db
    .select({ id: houses.id })
    .from(houses)
    .where(and(eq(houses.id, input.houseId), eq(houses.status, 'normal')));
  const owners = house ? await ctx.db.select().from(houseOwners).where(eq(houseOwners.houseId, input.houseId)) : [];
  const owner = owners.find((o) => sameIdNumber(o.idNumber, idNumber));
  const [letter] = owner
    ? await ctx.db
        .select({ id: ownerLetters.id })
        .from(ownerLetters)
        .where(
          and(
            eq(ownerLetters.houseId, input.houseId),
            eq(ownerLetters.codeHash, hashCode(key, input.houseId, code)),
            isNull(ownerLetters.usedAt),
            isNull(ownerLetters.revokedAt),
            gt(ownerLetters.expiresAt, now),
          ),
        )
    : [];
  // Hashed before the transaction (and for a refusal too), so no row is held while it runs.
  const passwordHash = await hashPassword(input.password);
  if (!owner || !letter) throw refused();
  return ctx.db.transaction(async (tx) => {
    // Spent under the update's row lock: of two tries with the same right code only one binds.
    const [spent] = await tx
      .update(ownerLetters)
      .set({ usedAt: now })
      .where(and(eq(ownerLetters.id, letter.id), isNull(ownerLetters.usedAt), isNull(ownerLetters.revokedAt)))
      .returning({ id: ownerLetters.id });
    if (!spent) throw refused();
    const [before] = await tx.select({ id: ownerAccounts.id }).from(ownerAccounts).where(eq(ownerAccounts.idNumber, idNumber));
    const [account] = await tx
      .insert(ownerAccounts)
      .values({ idNumber, name: owner.name, passwordHash, createdAt: now })
      .onConflictDoUpdate({
        target: ownerAccounts.idNumber,
        set: { name: owner.name, passwordHash, failedLogins: 0, lockedUntil: null },
      })
      .returning({ id: ownerAccounts.id });
    if (!account) throw new Error('owner account not written');
    // A password set from a new letter signs out every earlier session of the account.
    if (before) await endOwnerSessionsOf(tx, account.id);
    await tx
      .insert(ownerBindings)
      .values({ ownerId: account.id, houseId: input.houseId, letterId: letter.id, boundAt: now })
      .onConflictDoNothing({ target: [ownerBindings.ownerId, ownerBindings.houseId], where: sql`ended_at is null` });
    await tx.update(ownerLetters).set({ usedBy: account.id }).where(eq(ownerLetters.id, letter.id));
    // A right code is not a wrong try: it gives its try back.
    await tx
      .update(rateCounters)
      .set({ count: sql`greatest(${rateCounters.count} - 1, 0)` })
      .where(eq(rateCounters.key, triesKey(input.houseId, now)));
    await audit(tx, ctx, {
      action: 'owner.bind',
      entity: 'owner_account',
      entityId: account.id,
      summary: `业主 ${maskIdNumber(idNumber)} 凭业主告知书绑定房屋${before ? '（已有账户，密码已重设）' : ''}`,
      after: { houseId: input.houseId, letterId: letter.id, accountCreated: !before },
    });
    return { ok: true as const, idNumber: maskIdNumber(idNumber) };
  });
}
