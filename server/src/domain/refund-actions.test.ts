import { describe, expect, it } from 'vitest';
import { refundActions } from './refund-actions.ts';

const TELLER = { orgType: 'bank', permissions: ['bank.confirm'] };

describe('F-70 the steps offered on a refund instruction', () => {
  it('F-70 a bank teller may confirm a pending refund, not a paid one', () => {
    expect(refundActions({ no: 'TK2026000001', status: 'pending' }, TELLER)).toEqual([
      { action: 'confirm', allowed: true, blockedBy: null },
    ]);
    expect(refundActions({ no: 'TK2026000001', status: 'paid' }, TELLER)).toEqual([
      { action: 'confirm', allowed: false, blockedBy: { message: '退款指令 TK2026000001 已付款' } },
    ]);
  });

  it('F-70 a bank user without the confirming role is told so; the office and the developer are offered nothing', () => {
    expect(refundActions({ no: 'TK2026000001', status: 'pending' }, { orgType: 'bank', permissions: [] })[0]?.blockedBy?.message).toBe(
      '当前用户的角色无权执行此操作',
    );
    expect(refundActions({ no: 'TK2026000001', status: 'pending' }, { orgType: 'office', permissions: ['bank.confirm'] })).toEqual([]);
    expect(refundActions({ no: 'TK2026000001', status: 'pending' }, { orgType: 'developer', permissions: [] })).toEqual([]);
  });
});
