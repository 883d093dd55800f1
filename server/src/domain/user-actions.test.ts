import { describe, expect, it } from 'vitest';
import { SELF_DEACTIVATION, userActions } from './user-actions.ts';

const allowed = (facts: Parameters<typeof userActions>[0]) =>
  Object.fromEntries(userActions(facts).map((a) => [a.action, a.allowed ? true : a.blockedBy?.message]));

describe('F-3 the steps offered on an organisation user', () => {
  it('F-3 an active user may be deactivated, not activated; a locked one may be unlocked', () => {
    expect(allowed({ username: 'clerk', status: 'active', locked: true, self: false })).toEqual({
      deactivate: true,
      activate: '用户 clerk 正在使用，无需激活',
      unlock: true,
    });
  });

  it('F-3 an inactive user may be activated, not deactivated again; an unlocked one is not unlocked', () => {
    expect(allowed({ username: 'clerk', status: 'inactive', locked: false, self: false })).toEqual({
      deactivate: '用户 clerk 已注销',
      activate: true,
      unlock: '用户 clerk 未被锁定',
    });
  });

  it('F-3 the caller never deactivates itself, whatever its status', () => {
    expect(allowed({ username: 'admin', status: 'active', locked: false, self: true }).deactivate).toBe(SELF_DEACTIVATION);
  });
});
