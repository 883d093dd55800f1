import { describe, expect, it } from 'vitest';
import { type OrgFacts, orgActions } from './org-actions.ts';

const OFFICE = { orgId: 1, permissions: ['office.suspend', 'office.files'] };
const developer: OrgFacts = { id: 7, name: '开发企业甲', type: 'developer', status: 'active', documentsVerified: false };
const offered = (o: OrgFacts, caller = OFFICE) =>
  Object.fromEntries(orgActions(o, caller).map((a) => [a.action, a.allowed || a.blockedBy?.message]));

describe('F-61 the steps the office has on an organisation', () => {
  it('F-61 an active organisation may be suspended, not resumed; its unverified documents may be verified', () => {
    expect(offered(developer)).toEqual({ suspend: true, resume: '开发企业甲正在使用，无需恢复', verifyDocuments: true });
  });

  it('F-61 a suspended organisation may be resumed, not suspended again', () => {
    expect(offered({ ...developer, status: 'suspended', documentsVerified: true })).toEqual({
      suspend: '开发企业甲已暂停使用',
      resume: true,
      verifyDocuments: '开发企业甲的要件原件已核验',
    });
  });

  it('F-61 the office itself, the caller’s own organisation and a bank’s documents are refused with their reasons', () => {
    expect(offered({ ...developer, id: 2, type: 'office' })).toMatchObject({
      suspend: '不能暂停维修资金管理部门',
      verifyDocuments: '该机构不经注册开设，没有需要核验的要件',
    });
    expect(offered({ ...developer, id: 1 }).suspend).toBe('不能暂停本机构');
  });

  it('F-61 a handover request and a retired committee are decided as handovers, not suspended or resumed', () => {
    const committee: OrgFacts = { ...developer, name: '业委会乙', type: 'committee', status: 'pending' };
    expect(offered(committee).resume).toBe('业委会乙是换届申请（换届申请待审核），请在换届申请中审核，不能直接恢复或暂停');
    expect(offered({ ...committee, status: 'retired' }).suspend).toBe(
      '业委会乙所在物业区域已由新一届业主委员会接任（换届），不能恢复或暂停',
    );
  });

  it('F-61 a caller without the roles is told so', () => {
    expect(offered(developer, { orgId: 1, permissions: [] })).toEqual({
      suspend: '当前用户的角色无权执行此操作',
      resume: '当前用户的角色无权执行此操作',
      verifyDocuments: '当前用户的角色无权执行此操作',
    });
  });
});
