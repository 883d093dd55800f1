import { and, eq } from 'drizzle-orm';
import type { Conn, Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { takeCheck } from '../../domain/session-policy.ts';

/**
 * SPEC §10: takes one of the account's five password checks before the password is verified, under
 * the user's row lock, so parallel attempts are counted one after another and never exceed the
 * limit. Answers the check's number, or null when the account is locked (no check is made).
 */
export async function reservePasswordCheck(db: Db, userId: number, now: Date): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .select({ checks: users.failedLogins, lockedUntil: users.lockedUntil })
      .from(users)
      .where(eq(users.id, userId))
      .for('update');
    const next = u ? takeCheck(u.checks, u.lockedUntil, now) : null;
    if (!next) return null;
    await tx.update(users).set({ failedLogins: next.slot, lockedUntil: next.lockedUntil }).where(eq(users.id, userId));
    return next.slot;
  });
}

/**
 * A right password starts the count afresh, unless other checks were taken while it was verified:
 * then those (possibly a lock reached meanwhile) stand.
 */
export async function clearPasswordChecks(db: Conn, userId: number, slot: number) {
  await db
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.id, userId), eq(users.failedLogins, slot)));
}
