import { describe, expect, it } from 'vitest';
import { loginRefusal, ORG_STATUSES } from './org-status.ts';

describe('F-61 an organisation that is not active cannot log in', () => {
  it('F-61 only an active organisation logs in; every other status says why, with the office’s reason where it has one', () => {
    expect(loginRefusal('active', '任意')).toBeNull();
    expect(loginRefusal('suspended', '资料待补正')).toEqual({
      code: 'ORG_SUSPENDED',
      message: '本机构已被维修资金管理部门暂停使用（资料待补正）',
    });
    expect(loginRefusal('suspended', null)).toEqual({ code: 'ORG_SUSPENDED', message: '本机构已被维修资金管理部门暂停使用' });
    expect(loginRefusal('pending', null)).toEqual({
      code: 'ORG_PENDING',
      message: '本机构的换届申请尚待维修资金管理部门审核，审核通过后方可登录',
    });
    expect(loginRefusal('rejected', '选举程序不符')).toEqual({
      code: 'ORG_REJECTED',
      message: '本机构的换届申请未获维修资金管理部门通过（选举程序不符），不能登录',
    });
    expect(loginRefusal('rejected', '')).toEqual({ code: 'ORG_REJECTED', message: '本机构的换届申请未获维修资金管理部门通过，不能登录' });
    expect(loginRefusal('retired', null)).toEqual({
      code: 'ORG_RETIRED',
      message: '本业主委员会已由新一届业主委员会接任（换届），不能再登录',
    });
    expect(ORG_STATUSES.filter((s) => loginRefusal(s, null) === null)).toEqual(['active']);
  });
});
