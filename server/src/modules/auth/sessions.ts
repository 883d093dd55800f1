import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { builtOnce, type Db, type Tx } from '../../db/client.ts';
import { organisations, sessions, users } from '../../db/schema/index.ts';
import { isAdmin, permissionsOf } from '../../domain/roles.ts';
import { sessionVerdict, TOUCH_INTERVAL_MS, type SessionVerdict } from '../../domain/session-policy.ts';
import type { Actor } from '../../lib/context.ts';

export const SESSION_COOKIE = 'wygl_sid';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A 256-bit random token for the cookie; only its hash is stored. */
export async function createSession(tx: Tx, userId: number, now: Date, ip: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await tx.insert(sessions).values({ tokenHash: hashToken(token), userId, csrfToken, createdAt: now, lastSeenAt: now, ip });
  return { token, csrfToken };
}

export interface ResolvedSession {
  actor: Actor | null;
  csrfToken: string | null;
  /** Why a presented cookie did not yield an actor (for a clear message), or null. */
  problem: Exclude<SessionVerdict, 'valid'> | 'revoked' | null;
}

/**
 * The caller's session, user and organisation by the cookie's hash: every request of a logged-in user
 * asks it, so it is built once per database and prepared on each connection (planning it cost more
 * than running it, and building its text each time cost the server as much again).
 */
const sessionLookup = (db: Db, tokenHash: string) =>
  builtOnce(
    db,
    'sessions.lookup',
    () =>
      db
        .select({
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          csrfToken: sessions.csrfToken,
          userId: users.id,
          username: users.username,
          userName: users.name,
          roles: users.roles,
          userStatus: users.status,
          orgId: organisations.id,
          orgType: organisations.type,
          orgName: organisations.name,
          orgCode: organisations.code,
          orgStatus: organisations.status,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(organisations, eq(organisations.id, users.orgId))
        .where(eq(sessions.tokenHash, sql.placeholder('tokenHash'))),
    { tokenHash },
  );

/** Loads the caller from a session cookie: user and organisation must still be active. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<ResolvedSession> {
  const tokenHash = hashToken(token);
  const [row] = await sessionLookup(db, tokenHash);
  if (!row) return { actor: null, csrfToken: null, problem: 'revoked' };
  const verdict = sessionVerdict(now, row.createdAt, row.lastSeenAt);
  if (verdict !== 'valid' || row.userStatus !== 'active' || row.orgStatus !== 'active') {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return { actor: null, csrfToken: null, problem: verdict === 'valid' ? 'revoked' : verdict };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  const actor = toActor(row, tokenHash);
  return { actor, csrfToken: row.csrfToken, problem: null };
}

interface ActorRow {
  userId: number;
  username: string;
  userName: string;
  roles: string[];
  orgId: number;
  orgType: Actor['orgType'];
  orgName: string;
  orgCode: string;
}

export function toActor(row: ActorRow, sessionHash: string): Actor {
  return {
    userId: row.userId,
    username: row.username,
    userName: row.userName,
    orgId: row.orgId,
    orgType: row.orgType,
    orgName: row.orgName,
    orgCode: row.orgCode,
    roles: row.roles,
    permissions: permissionsOf(row.orgType, row.roles),
    isAdmin: isAdmin(row.orgType, row.roles),
    sessionHash,
  };
}

/** The actor of a user acting without a session (demo data loading, maintenance scripts). */
export async function actorOf(db: Db, orgCode: string, username: string): Promise<Actor> {
  const [row] = await db
    .select({
      userId: users.id,
      username: users.username,
      userName: users.name,
      roles: users.roles,
      orgId: organisations.id,
      orgType: organisations.type,
      orgName: organisations.name,
      orgCode: organisations.code,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(organisations.code, orgCode), eq(users.username, username)));
  if (!row) throw new Error(`no user ${orgCode}/${username}`);
  return toActor(row, '');
}

export async function endSession(db: Db | Tx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every live session of these users at once (deactivation, suspension, password change). */
export async function endSessionsOfUsers(tx: Tx, userIds: number[], exceptHash?: string) {
  if (userIds.length === 0) return;
  const rows = await tx.select({ h: sessions.tokenHash }).from(sessions).where(inArray(sessions.userId, userIds));
  const doomed = rows.map((r) => r.h).filter((h) => h !== exceptHash);
  if (doomed.length > 0) await tx.delete(sessions).where(inArray(sessions.tokenHash, doomed));
}

export async function endSessionsOfOrg(tx: Tx, orgId: number) {
  const ids = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId)));
  await endSessionsOfUsers(
    tx,
    ids.map((r) => r.id),
  );
}
