import { and, eq } from 'drizzle-orm';
import { loginAttempts, organisations, users } from '../../db/schema/index.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { normaliseOrgCode } from '../../domain/org-code.ts';
import { loginRefusal } from '../../domain/org-status.ts';
import { MAX_FAILED_LOGINS } from '../../domain/session-policy.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { requireActor, type Ctx } from '../../lib/context.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../lib/password.ts';
import { audit } from '../audit/audit.ts';
import type { Conn } from '../../db/client.ts';
import { clearPasswordChecks, reservePasswordCheck } from './lockout.ts';
import { createSession, endSessionsOfUsers } from './sessions.ts';

/**
 * Unknown account, wrong password and locked account answer alike (SPEC §10: the answer never tells
 * whether an account exists), so the lockout is announced to everyone in the same words.
 */
const WRONG_CREDENTIALS = `机构代码、用户名或密码错误（同一账户连续错误 ${MAX_FAILED_LOGINS} 次将锁定 15 分钟，可请本机构管理员解锁）`;
const wrongCredentials = () => new AppError(401, 'BAD_CREDENTIALS', WRONG_CREDENTIALS);

export interface LoginInput {
  orgCode: string;
  username: string;
  password: string;
}

/**
 * SPEC §10: every attempt is logged; each password check takes one of the account's five checks
 * before verifying, so 5 failures lock the user for 15 minutes even under parallel attempts.
 */
export async function login(ctx: Ctx, input: LoginInput) {
  const now = ctx.clock.now();
  const orgCode = normaliseOrgCode(input.orgCode);
  const username = input.username.trim();
  const [found] = await ctx.db
    .select({ user: users, orgStatus: organisations.status, orgStatusReason: organisations.statusReason })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(organisations.code, orgCode), eq(users.username, username)));

  const record = (db: Conn, success: boolean, reason: string, userId: number | null) =>
    db.insert(loginAttempts).values({ orgCode, username, userId, success, reason, ip: ctx.ip, at: now });

  const slot = found ? await reservePasswordCheck(ctx.db, found.user.id, now) : null;
  if (!found || slot === null) {
    // The same hashing work as a real check, so neither case answers faster than a wrong password.
    await verifyPassword(input.password, await dummyPasswordHash());
    await record(ctx.db, false, found ? 'locked' : 'unknown-user', found?.user.id ?? null);
    throw wrongCredentials();
  }
  const user = found.user;
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await record(ctx.db, false, 'bad-password', user.id);
    throw wrongCredentials();
  }
  if (user.status !== 'active') {
    await record(ctx.db, false, 'inactive-user', user.id);
    throw new AppError(403, 'USER_INACTIVE', '该用户已注销，请联系本机构管理员激活');
  }
  const refusal = loginRefusal(found.orgStatus, found.orgStatusReason);
  if (refusal) {
    await record(ctx.db, false, `org-${found.orgStatus}`, user.id);
    throw new AppError(403, refusal.code, refusal.message);
  }
  // A hash stored with older parameters is replaced now that the password is known to be right; the
  // hashing happens before the transaction so no row is held while it runs. Not audited: the password
  // did not change, only how it is stored.
  const upgraded = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  return ctx.db.transaction(async (tx) => {
    await clearPasswordChecks(tx, user.id, slot);
    await tx
      .update(users)
      .set(upgraded ? { lastLoginAt: now, passwordHash: upgraded } : { lastLoginAt: now })
      .where(eq(users.id, user.id));
    await record(tx, true, 'ok', user.id);
    return createSession(tx, user.id, now, ctx.ip);
  });
}

export async function changePassword(ctx: Ctx, input: { oldPassword: string; newPassword: string }) {
  const actor = requireActor(ctx);
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid('newPassword', problem);
  if (input.oldPassword === input.newPassword) throw invalid('newPassword', '新密码不能与原密码相同');
  const now = ctx.clock.now();
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw invalid('oldPassword', '原密码不正确');
  // The old password is checked like a login: it takes one of the account's checks (SPEC §10).
  const slot = await reservePasswordCheck(ctx.db, user.id, now);
  if (slot === null) {
    throw new AppError(423, 'LOCKED', '原密码错误次数过多，账户已锁定 15 分钟，请稍后再试或请本机构管理员解锁', {
      oldPassword: '原密码错误次数过多，账户已锁定',
    });
  }
  if (!(await verifyPassword(input.oldPassword, user.passwordHash))) {
    await ctx.db.insert(loginAttempts).values({
      orgCode: actor.orgCode,
      username: actor.username,
      userId: user.id,
      success: false,
      reason: 'bad-old-password',
      ip: ctx.ip,
      at: now,
    });
    throw invalid('oldPassword', slot >= MAX_FAILED_LOGINS ? '原密码不正确，错误次数已达上限，账户已锁定 15 分钟' : '原密码不正确');
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await clearPasswordChecks(tx, actor.userId, slot);
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, actor.userId));
    // Other devices logged in with the old password are signed out; this one stays.
    await endSessionsOfUsers(tx, [actor.userId], actor.sessionHash);
    // The password itself is never logged, only that it changed and that other sessions ended.
    await audit(tx, ctx, {
      action: 'user.password',
      entity: 'user',
      entityId: actor.userId,
      summary: '修改密码',
      after: { otherSessionsEnded: true },
    });
  });
}
