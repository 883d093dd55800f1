import { type ActionState, offer } from './review-steps.ts';

/**
 * F-3 机构用户管理: the steps an administrator has on one of the organisation's users — 注销, 激活,
 * 解锁 — each allowed or blocked with the reason. The use cases enforce the same refusals; a repeat of
 * a step already done (注销 an inactive user) answers with the user as it is.
 */
export const USER_ACTIONS = ['deactivate', 'activate', 'unlock'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export const SELF_DEACTIVATION = '不能注销当前登录的用户（自己）';

export interface UserFacts {
  username: string;
  status: 'active' | 'inactive';
  locked: boolean;
  /** The user is the caller. */
  self: boolean;
}

export function userActions(u: UserFacts): ActionState<UserAction>[] {
  return [
    offer('deactivate', u.self ? SELF_DEACTIVATION : u.status === 'inactive' ? `用户 ${u.username} 已注销` : null),
    offer('activate', u.status === 'active' ? `用户 ${u.username} 正在使用，无需激活` : null),
    offer('unlock', u.locked ? null : `用户 ${u.username} 未被锁定`),
  ];
}
