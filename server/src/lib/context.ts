import type { Permission, OrgType } from '../domain/roles.ts';
import type { Clock } from './clock.ts';
import type { Db, DbKind } from '../db/client.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

/** Who is calling: resolved from the session on every request. */
export interface Actor {
  userId: number;
  username: string;
  userName: string;
  orgId: number;
  orgType: OrgType;
  orgName: string;
  orgCode: string;
  roles: string[];
  permissions: Permission[];
  isAdmin: boolean;
  sessionHash: string;
}

/** An owner logged in on the portal (F-80): no organisation, so no organisation route serves it. */
export interface OwnerActor {
  ownerId: number;
  name: string;
  idNumber: string;
  sessionHash: string;
}

/** What every use case receives besides its input. */
export interface Ctx {
  db: Db;
  dbKind: DbKind;
  /** See DbHandle.autonomous: absent on pglite, where one transaction runs at a time anyway. */
  autonomous?: Db;
  clock: Clock;
  actor: Actor | null;
  /** The owner of an owner session (never set together with `actor`). */
  owner?: OwnerActor | null;
  /** Why a presented session cookie gave no actor: lets "please log in" say what happened. */
  sessionProblem?: 'idle' | 'expired' | 'revoked' | null;
  ip: string;
}

const SESSION_MESSAGES = {
  idle: '登录已超时（30 分钟无操作），请重新登录',
  expired: '登录已超过 12 小时，请重新登录',
  revoked: '登录已失效（用户已注销、机构已暂停或已在别处退出），请重新登录',
} as const;

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) {
    // A distinct code lets the page tell "your session ended, and why" from "not logged in yet".
    if (ctx.sessionProblem) throw new AppError(401, 'SESSION_ENDED', SESSION_MESSAGES[ctx.sessionProblem]);
    throw unauthenticated();
  }
  return ctx.actor;
}

export function requirePermission(ctx: Ctx, permission: Permission): Actor {
  const actor = requireActor(ctx);
  if (!actor.permissions.includes(permission)) throw forbidden('当前用户的角色无权执行此操作');
  return actor;
}

/** One of several permissions, e.g. the window's 受理 or the reviewer's 审核. */
export function requireAnyPermission(ctx: Ctx, ...permissions: Permission[]): Actor {
  const actor = requireActor(ctx);
  if (!permissions.some((p) => actor.permissions.includes(p))) throw forbidden('当前用户的角色无权执行此操作');
  return actor;
}

export function requireOrgType(ctx: Ctx, ...types: OrgType[]): Actor {
  const actor = requireActor(ctx);
  if (!types.includes(actor.orgType)) throw forbidden('本机构无权执行此操作');
  return actor;
}
