import { and, eq } from 'drizzle-orm';
import { loginAttempts, organisations, users } from '../../db/schema/index.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { normaliseOrgCode } from '../../domain/org-code.ts';
import { afterFailure, isLocked, MAX_FAILED_LOGINS } from '../../domain/session-policy.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { requireActor, type Ctx } from '../../lib/context.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password.ts';
import { audit } from '../audit/audit.ts';
import { createSession, endSessionsOfUsers } from './sessions.ts';

const WRONG_CREDENTIALS = '机构代码、用户名或密码错误';

const minutes = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

export interface LoginInput {
  orgCode: string;
  username: string;
  password: string;
}

/** SPEC §10: every attempt is logged; 5 failures lock the user for 15 minutes. */
export async function login(ctx: Ctx, input: LoginInput) {
  const now = ctx.clock.now();
  const orgCode = normaliseOrgCode(input.orgCode);
  const username = input.username.trim();
  const [found] = await ctx.db
    .select({ user: users, orgStatus: organisations.status, orgStatusReason: organisations.statusReason })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(organisations.code, orgCode), eq(users.username, username)));

  const record = (success: boolean, reason: string, userId: number | null) =>
    ctx.db.insert(loginAttempts).values({ orgCode, username, userId, success, reason, ip: ctx.ip, at: now });

  if (!found) {
    await verifyPassword(input.password, await dummyPasswordHash());
    await record(false, 'unknown-user', null);
    throw new AppError(401, 'BAD_CREDENTIALS', WRONG_CREDENTIALS);
  }
  const user = found.user;
  if (isLocked(now, user.lockedUntil)) {
    await record(false, 'locked', user.id);
    throw new AppError(423, 'LOCKED', `连续 ${MAX_FAILED_LOGINS} 次密码错误，账户已锁定，请于 ${minutes(user.lockedUntil as Date)} 后再试`);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const lockedNow = await ctx.db.transaction(async (tx) => {
      // Read and write under the row lock so parallel wrong guesses each count.
      const [cur] = await tx.select({ failed: users.failedLogins }).from(users).where(eq(users.id, user.id)).for('update');
      const next = afterFailure(cur?.failed ?? 0, now);
      await tx.update(users).set({ failedLogins: next.failed, lockedUntil: next.lockedUntil }).where(eq(users.id, user.id));
      await tx
        .insert(loginAttempts)
        .values({ orgCode, username, userId: user.id, success: false, reason: 'bad-password', ip: ctx.ip, at: now });
      return next;
    });
    if (lockedNow.lockedUntil) {
      throw new AppError(
        423,
        'LOCKED',
        `连续 ${MAX_FAILED_LOGINS} 次密码错误，账户已锁定 15 分钟，请于 ${minutes(lockedNow.lockedUntil)} 后再试`,
      );
    }
    throw new AppError(401, 'BAD_CREDENTIALS', `${WRONG_CREDENTIALS}（再错 ${MAX_FAILED_LOGINS - lockedNow.failed} 次将锁定 15 分钟）`);
  }
  if (user.status !== 'active') {
    await record(false, 'inactive-user', user.id);
    throw new AppError(403, 'USER_INACTIVE', '该用户已注销，请联系本机构管理员激活');
  }
  if (found.orgStatus !== 'active') {
    await record(false, 'org-suspended', user.id);
    throw new AppError(
      403,
      'ORG_SUSPENDED',
      `本机构已被维修资金管理部门暂停使用${found.orgStatusReason ? `（${found.orgStatusReason}）` : ''}`,
    );
  }
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    await tx.insert(loginAttempts).values({ orgCode, username, userId: user.id, success: true, reason: 'ok', ip: ctx.ip, at: now });
    return createSession(tx, user.id, now, ctx.ip);
  });
}

export async function changePassword(ctx: Ctx, input: { oldPassword: string; newPassword: string }) {
  const actor = requireActor(ctx);
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid('newPassword', problem);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(input.oldPassword, user.passwordHash))) {
    throw invalid('oldPassword', '原密码不正确');
  }
  if (input.oldPassword === input.newPassword) throw invalid('newPassword', '新密码不能与原密码相同');
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
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
