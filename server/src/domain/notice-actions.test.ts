import { describe, expect, it } from 'vitest';
import { type NoticeStatus, noticeActions, noticeRefusal } from './notice-actions.ts';

const issuer = { orgType: 'developer', permissions: ['payment.notice'] };
const bank = { orgType: 'bank', permissions: ['bank.confirm'] };
const office = { orgType: 'office', permissions: ['office.accept', 'office.review'] };
const allowed = (status: NoticeStatus, caller: typeof issuer) =>
  noticeActions({ no: 'JK1', status }, caller)
    .filter((a) => a.allowed)
    .map((a) => a.action);

describe('§5 the steps of a payment notice by status', () => {
  it('F-22 F-23 the issuer voids an unpaid notice, the bank confirms it, and each prints the receipt once it is paid', () => {
    const table = Object.fromEntries(
      (['unpaid', 'paid', 'void'] as const).map((s) => [s, [allowed(s, issuer), allowed(s, bank), allowed(s, office)]]),
    );
    expect(table).toEqual({
      unpaid: [['void'], ['confirm'], []],
      paid: [['receipt'], ['receipt'], ['receipt']],
      void: [[], [], []],
    });
    expect(noticeActions({ no: 'JK1', status: 'unpaid' }, office).map((a) => a.action)).toEqual(['receipt']);
    expect(noticeActions({ no: 'JK1', status: 'unpaid' }, bank).map((a) => a.action)).toEqual(['confirm', 'receipt']);
    expect(noticeActions({ no: 'JK1', status: 'unpaid' }, issuer).map((a) => a.action)).toEqual(['void', 'receipt']);
  });

  it('F-22 F-23 a blocked step names the notice and its status first, then the missing role; an allowed one carries no reason', () => {
    const clerk = { orgType: 'developer', permissions: [] };
    expect(noticeActions({ no: 'JK2', status: 'paid' }, clerk)).toEqual([
      { action: 'void', allowed: false, blockedBy: { message: '交款通知单 JK2 已缴款，不能作废' } },
      { action: 'receipt', allowed: true, blockedBy: null },
    ]);
    expect(noticeActions({ no: 'JK2', status: 'unpaid' }, clerk)).toEqual([
      { action: 'void', allowed: false, blockedBy: { message: '当前用户的角色无权执行此操作' } },
      { action: 'receipt', allowed: false, blockedBy: { message: '交款通知单 JK2 未缴款，不能打印交款回单' } },
    ]);
    expect(noticeActions({ no: 'JK2', status: 'unpaid' }, { orgType: 'bank', permissions: [] })[0]?.blockedBy?.message).toBe(
      '当前用户的角色无权执行此操作',
    );
    expect(noticeRefusal('JK3', 'void', 'confirm')).toBe('交款通知单 JK3 已作废，不能确认缴款');
    expect(noticeRefusal('JK3', 'unpaid', 'confirm')).toBeNull();
  });
});
