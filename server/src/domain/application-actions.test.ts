import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, applicationActions, statusRefusal } from './application-actions.ts';

const developer = { orgType: 'developer', permissions: ['registry.edit', 'registry.submit'] };
const office = { orgType: 'office', permissions: ['office.accept', 'office.review'] };
const allowed = (status: (typeof APPLICATION_STATUSES)[number], caller: typeof developer) =>
  applicationActions({ no: 'QY1', status }, caller)
    .filter((a) => a.allowed)
    .map((a) => a.action);

describe('§6 the steps of a business application by status', () => {
  it('F-11 F-60 each status allows exactly the steps of the manual, for the developer and for the office', () => {
    const table = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, [allowed(s, developer), allowed(s, office)]]));
    expect(table).toEqual({
      draft: [['edit', 'submit', 'withdraw'], []],
      submitted: [
        ['withdraw', 'print'],
        ['print', 'accept', 'reject'],
      ],
      accepted: [['print'], ['print', 'reject', 'approve']],
      rejected: [['edit', 'submit', 'withdraw', 'print'], ['print']],
      approved: [['print'], ['print']],
      withdrawn: [[], []],
    });
  });

  it('F-60 a blocked step names the status first, then the missing role', () => {
    const clerk = { orgType: 'office', permissions: ['office.accept'] };
    const approve = applicationActions({ no: 'QY2', status: 'submitted' }, clerk).find((a) => a.action === 'approve');
    expect(approve?.blockedBy?.message).toBe('业务单 QY2 当前状态为“已提交”，不能审核通过（须先受理）');
    const reject = applicationActions({ no: 'QY2', status: 'submitted' }, clerk).find((a) => a.action === 'reject');
    expect(reject?.blockedBy?.message).toBe('当前用户的角色无权执行此操作');
    expect(statusRefusal('QY2', 'accepted', 'approve')).toBeNull();
  });

  it('F-60 an allowed step carries no reason, and a refused one names the application and its status', () => {
    expect(applicationActions({ no: 'QY3', status: 'draft' }, developer).find((a) => a.action === 'edit')).toEqual({
      action: 'edit',
      allowed: true,
      blockedBy: null,
    });
    expect(statusRefusal('QY3', 'draft', 'approve')).toBe('业务单 QY3 当前状态为“草稿”，不能审核通过（须先受理）');
  });
});
