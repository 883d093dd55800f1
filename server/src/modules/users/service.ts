import { and, asc, eq, gt, ilike, ne, or } from 'drizzle-orm';
import { containing } from '../../lib/search.ts';
import type { Tx } from '../../db/client.ts';
import { organisations, users } from '../../db/schema/index.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { isAdmin, isKnownRole, ROLES, type OrgType } from '../../domain/roles.ts';
import { isLocked } from '../../domain/session-policy.ts';
import { SELF_DEACTIVATION, userActions } from '../../domain/user-actions.ts';
import { requirePermission, type Actor, type Ctx } from '../../lib/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { pageAnswer } from '../../lib/paging.ts';
import { audit, changedFields } from '../audit/audit.ts';
import { endSessionsOfUsers } from '../auth/sessions.ts';

type UserRow = typeof users.$inferSelect;

/** A user as its organisation's administrator sees it, with the steps offered on it (F-3). */
function view(u: UserRow, actor: Actor, now: Date) {
  const locked = isLocked(now, u.lockedUntil);
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    mobile: u.mobile,
    roles: u.roles,
    roleLabels: u.roles.map((r) => ROLES[actor.orgType][r]?.label ?? r),
    status: u.status,
    locked,
    lockedUntil: locked ? u.lockedUntil : null,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    actions: userActions({ username: u.username, status: u.status, locked, self: u.id === actor.userId }),
  };
}

function checkRoles(actor: Actor, roles: string[]) {
  const unknown = roles.filter((r) => !isKnownRole(actor.orgType, r));
  if (unknown.length > 0) throw invalid('roles', `角色不存在：${unknown.join('、')}`);
}

/** Users of the caller's own organisation only: another organisation's user is simply not found. */
async function ownUser(tx: Tx, actor: Actor, id: number, lock = false) {
  const q = tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.orgId, actor.orgId)));
  const [u] = lock ? await q.for('update') : await q;
  if (!u) throw notFound('用户');
  return u;
}

/** F-3: an organisation always keeps at least one active administrator. */
async function otherActiveAdmins(tx: Tx, actor: Actor, exceptId: number) {
  const rows = await tx
    .select({ roles: users.roles })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.status, 'active'), ne(users.id, exceptId)));
  return rows.filter((r) => isAdmin(actor.orgType, r.roles)).length;
}

/**
 * Changes that may remove an administrator queue on the organisation's row, so two of them at once
 * (two administrators deactivating or demoting each other) cannot both see "another admin remains".
 */
async function lockOrgUsers(tx: Tx, actor: Actor) {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.orgId)).for('no key update');
}

const LAST_ADMIN = '不能移除本机构最后一位管理员：请先为其他用户授予管理员角色';

export async function listUsers(ctx: Ctx, q: { page: number; pageSize: number; q?: string; status?: 'active' | 'inactive' }) {
  const actor = requirePermission(ctx, 'org.users');
  const where = and(
    eq(users.orgId, actor.orgId),
    q.status ? eq(users.status, q.status) : undefined,
    q.q ? or(ilike(users.username, containing(q.q)), ilike(users.name, containing(q.q)), ilike(users.mobile, containing(q.q))) : undefined,
  );
  const page = await pageAnswer(
    ctx.db,
    q,
    ctx.db.select().from(users).where(where).orderBy(asc(users.id)),
    ctx.db.select({ id: users.id }).from(users).where(where),
  );
  const now = ctx.clock.now();
  return { ...page, items: page.items.map((u) => view(u, actor, now)) };
}

export async function getUser(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'org.users');
  return ctx.db.transaction(async (tx) => view(await ownUser(tx, actor, id), actor, ctx.clock.now()));
}

export async function createUser(ctx: Ctx, input: { username: string; name: string; mobile: string; roles: string[]; password: string }) {
  const actor = requirePermission(ctx, 'org.users');
  checkRoles(actor, input.roles);
  const pw = passwordProblem(input.password);
  if (pw) throw invalid('password', pw);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({
          orgId: actor.orgId,
          username: input.username,
          name: input.name,
          mobile: input.mobile,
          roles: input.roles,
          passwordHash,
          createdAt: now,
        })
        .returning();
      if (!u) throw new Error('user insert returned no row');
      const { password: _secret, ...after } = input;
      await audit(tx, ctx, {
        action: 'user.create',
        entity: 'user',
        entityId: u.id,
        summary: `添加用户 ${u.username}（${u.name}）`,
        after,
      });
      return view(u, actor, now);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'users_org_username_uq')) throw conflict(`用户名 ${input.username} 已存在`, 'username');
    throw err;
  }
}

export async function updateUser(ctx: Ctx, id: number, input: { name: string; mobile: string; roles: string[] }) {
  const actor = requirePermission(ctx, 'org.users');
  checkRoles(actor, input.roles);
  return ctx.db.transaction(async (tx) => {
    await lockOrgUsers(tx, actor);
    const before = await ownUser(tx, actor, id, true);
    if (isAdmin(actor.orgType, before.roles) && !isAdmin(actor.orgType, input.roles) && before.status === 'active') {
      if ((await otherActiveAdmins(tx, actor, id)) === 0) throw invalid('roles', LAST_ADMIN);
    }
    const diff = changedFields(before, input);
    if (!diff.changed) return view(before, actor, ctx.clock.now());
    const [u] = await tx.update(users).set(input).where(eq(users.id, id)).returning();
    if (!u) throw notFound('用户');
    await audit(tx, ctx, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      summary: `修改用户 ${u.username}`,
      before: diff.before,
      after: diff.after,
    });
    return view(u, actor, ctx.clock.now());
  });
}

/** 注销用户: the account can no longer log in, and its live sessions end in the same transaction. */
export async function deactivateUser(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'org.users');
  if (id === actor.userId) throw new AppError(400, 'SELF', SELF_DEACTIVATION);
  return ctx.db.transaction(async (tx) => {
    await lockOrgUsers(tx, actor);
    const u = await ownUser(tx, actor, id, true);
    if (u.status === 'inactive') return view(u, actor, ctx.clock.now());
    if (isAdmin(actor.orgType, u.roles) && (await otherActiveAdmins(tx, actor, id)) === 0) throw invalid('id', LAST_ADMIN);
    const [after] = await tx.update(users).set({ status: 'inactive' }).where(eq(users.id, id)).returning();
    await endSessionsOfUsers(tx, [id]);
    await audit(tx, ctx, {
      action: 'user.deactivate',
      entity: 'user',
      entityId: id,
      summary: `注销用户 ${u.username}`,
      before: { status: 'active' },
      after: { status: 'inactive' },
    });
    return view(after ?? u, actor, ctx.clock.now());
  });
}

export async function activateUser(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'org.users');
  return ctx.db.transaction(async (tx) => {
    const u = await ownUser(tx, actor, id, true);
    if (u.status === 'active') return view(u, actor, ctx.clock.now());
    const [after] = await tx
      .update(users)
      .set({ status: 'active', failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'user.activate',
      entity: 'user',
      entityId: id,
      summary: `激活用户 ${u.username}`,
      before: { status: 'inactive' },
      after: { status: 'active' },
    });
    return view(after ?? u, actor, ctx.clock.now());
  });
}

/** The administrator sets a new password for a user who forgot theirs; this also lifts a lockout. */
export async function resetPassword(ctx: Ctx, id: number, password: string) {
  const actor = requirePermission(ctx, 'org.users');
  const pw = passwordProblem(password);
  if (pw) throw invalid('password', pw);
  const passwordHash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const u = await ownUser(tx, actor, id, true);
    const [after] = await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).returning();
    await endSessionsOfUsers(tx, [id], actor.sessionHash);
    // The password itself is never logged; what changed besides it is the lockout it lifts.
    await audit(tx, ctx, {
      action: 'user.reset-password',
      entity: 'user',
      entityId: id,
      summary: `重置用户 ${u.username} 的密码`,
      before: { failedLogins: u.failedLogins, lockedUntil: u.lockedUntil },
      after: { failedLogins: 0, lockedUntil: null, sessionsEnded: true },
    });
    return view(after ?? u, actor, ctx.clock.now());
  });
}

/** Lifts a lockout (SPEC §10) without touching the password: the user's checks count afresh. */
async function unlock(tx: Tx, ctx: Ctx, u: UserRow, orgName: string) {
  if (!isLocked(ctx.clock.now(), u.lockedUntil)) return u;
  const [after] = await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id)).returning();
  await audit(tx, ctx, {
    action: 'user.unlock',
    entity: 'user',
    entityId: u.id,
    summary: `解除${orgName}用户 ${u.username} 的锁定`,
    before: { lockedUntil: u.lockedUntil, failedLogins: u.failedLogins },
    after: { lockedUntil: null, failedLogins: 0 },
  });
  return after ?? u;
}

/** The organisation's administrator unlocks one of its own users. */
export async function unlockUser(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'org.users');
  return ctx.db.transaction(async (tx) => {
    const u = await ownUser(tx, actor, id, true);
    return view(await unlock(tx, ctx, u, ''), actor, ctx.clock.now());
  });
}

/** The office's administrator may unlock any organisation's user (e.g. when its only administrator is locked out). */
function requireOfficeAdmin(ctx: Ctx): Actor {
  const actor = requirePermission(ctx, 'office.orgs');
  if (!actor.isAdmin) throw forbidden('只有维修资金管理部门的管理员可以解除其他机构用户的锁定');
  return actor;
}

/** The office's view of an organisation's users who are locked out right now. */
export async function lockedUsersOf(ctx: Ctx, orgId: number) {
  requirePermission(ctx, 'office.orgs');
  const rows = await ctx.db
    .select({ id: users.id, username: users.username, name: users.name, lockedUntil: users.lockedUntil })
    .from(users)
    .where(and(eq(users.orgId, orgId), gt(users.lockedUntil, ctx.clock.now())))
    .orderBy(asc(users.id));
  return { items: rows.map((r) => ({ ...r, lockedUntil: r.lockedUntil as Date })) };
}

export async function unlockOrgUser(ctx: Ctx, orgId: number, userId: number) {
  requireOfficeAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ user: users, orgName: organisations.name })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(and(eq(users.id, userId), eq(users.orgId, orgId)))
      .for('update', { of: users });
    if (!found) throw notFound('用户');
    await unlock(tx, ctx, found.user, found.orgName);
    return { ok: true as const };
  });
}

export function rolesOf(orgType: OrgType) {
  return {
    items: Object.entries(ROLES[orgType]).map(([key, d]) => ({
      key,
      label: d.label,
      description: d.description,
      admin: d.admin,
      permissions: d.permissions,
    })),
  };
}
