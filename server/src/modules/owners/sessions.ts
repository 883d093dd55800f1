import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Conn, Db, Tx } from '../../db/client.ts';
import { ownerAccounts, ownerSessions } from '../../db/schema/index.ts';
import { sessionVerdict, TOUCH_INTERVAL_MS } from '../../domain/session-policy.ts';
import type { OwnerActor } from '../../lib/context.ts';
import { endSession, hashToken, type ResolvedSession } from '../auth/sessions.ts';

/**
 * Owner session tokens carry this prefix, so the one session cookie tells which kind of session it
 * names and an owner's token is never looked up among the organisations' sessions, nor the reverse.
 */
export const OWNER_TOKEN_PREFIX = 'o.';

export const isOwnerToken = (token: string) => token.startsWith(OWNER_TOKEN_PREFIX);

export async function createOwnerSession(tx: Tx, ownerId: number, now: Date, ip: string) {
  const token = `${OWNER_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const csrfToken = randomBytes(32).toString('base64url');
  await tx.insert(ownerSessions).values({ tokenHash: hashToken(token), ownerId, csrfToken, createdAt: now, lastSeenAt: now, ip });
  return { token, csrfToken };
}

export interface ResolvedOwnerSession {
  owner: OwnerActor | null;
  csrfToken: string | null;
  problem: ResolvedSession['problem'];
}

/** The same idle and absolute limits as the organisations' sessions (SPEC §10). */
export async function resolveOwnerSession(db: Db, token: string, now: Date): Promise<ResolvedOwnerSession> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      createdAt: ownerSessions.createdAt,
      lastSeenAt: ownerSessions.lastSeenAt,
      csrfToken: ownerSessions.csrfToken,
      ownerId: ownerAccounts.id,
      name: ownerAccounts.name,
      idNumber: ownerAccounts.idNumber,
    })
    .from(ownerSessions)
    .innerJoin(ownerAccounts, eq(ownerAccounts.id, ownerSessions.ownerId))
    .where(eq(ownerSessions.tokenHash, tokenHash));
  if (!row) return { owner: null, csrfToken: null, problem: 'revoked' };
  const verdict = sessionVerdict(now, row.createdAt, row.lastSeenAt);
  if (verdict !== 'valid') {
    await db.delete(ownerSessions).where(eq(ownerSessions.tokenHash, tokenHash));
    return { owner: null, csrfToken: null, problem: verdict };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(ownerSessions).set({ lastSeenAt: now }).where(eq(ownerSessions.tokenHash, tokenHash));
  }
  return {
    owner: { ownerId: row.ownerId, name: row.name, idNumber: row.idNumber, sessionHash: tokenHash },
    csrfToken: row.csrfToken,
    problem: null,
  };
}

export async function endOwnerSession(db: Conn, tokenHash: string) {
  await db.delete(ownerSessions).where(eq(ownerSessions.tokenHash, tokenHash));
}

/** A new password set from a letter signs the owner out everywhere else. */
export async function endOwnerSessionsOf(tx: Tx, ownerId: number) {
  await tx.delete(ownerSessions).where(eq(ownerSessions.ownerId, ownerId));
}

/** Ends whichever kind of session the cookie names (logging in or out replaces either kind). */
export async function endAnySession(db: Conn, token: string) {
  if (isOwnerToken(token)) await endOwnerSession(db, hashToken(token));
  else await endSession(db, hashToken(token));
}
