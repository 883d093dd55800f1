import { and, eq } from 'drizzle-orm';
import type { Conn, Db } from '../../db/client.ts';
import { type ownerAccounts, users } from '../../db/schema/index.ts';
import { takeCheck } from '../../domain/session-policy.ts';

/** Organisation users and owners (F-80) are locked out by the same rule, each in their own table. */
type Accounts = typeof users | typeof ownerAccounts;

/**
 * SPEC §10: takes one of the account's five password checks before the password is verified, under
 * the user's row lock, so parallel attempts are counted one after another and never exceed the
 * limit. Answers the check's number, or null when the account is locked (no check is made).
 */
export async function reservePasswordCheck(db: Db, userId: number, now: Date, table: Accounts = users): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .select({ checks: table.failedLogins, lockedUntil: table.lockedUntil })
      .from(table as typeof users)
      .where(eq(table.id, userId))
      .for('update');
    const next = u ? takeCheck(u.checks, u.lockedUntil, now) : null;
    if (!next) return null;
    await tx.update(table).set({ failedLogins: next.slot, lockedUntil: next.lockedUntil }).where(eq(table.id, userId));
    return next.slot;
  });
}

/**
 * A right password starts the count afresh, unless other checks were taken while it was verified:
 * then those (possibly a lock reached meanwhile) stand.
 */
export async function clearPasswordChecks(db: Conn, userId: number, slot: number, table: Accounts = users) {
  await db
    .update(table)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(and(eq(table.id, userId), eq(table.failedLogins, slot)));
}
