/**
 * An organisation's standing. `pending`: a committee registered for an area that already has one —
 * a handover request (换届申请) waiting for the office; `rejected`: the office refused it;
 * `retired`: a committee replaced by an approved handover. Only `active` organisations log in.
 */
export const ORG_STATUSES = ['active', 'suspended', 'pending', 'rejected', 'retired'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

export const ORG_STATUS_LABELS: Record<OrgStatus, string> = {
  active: '正常',
  suspended: '已暂停',
  pending: '换届申请待审核',
  rejected: '换届申请未通过',
  retired: '已换届',
};

/** A committee that still holds its area: a suspended one keeps it until a handover is approved. */
export const AREA_HOLDING_STATUSES: readonly OrgStatus[] = ['active', 'suspended'];

/** Why an organisation that is not active cannot log in, in words its users understand. */
export function loginRefusal(status: OrgStatus, reason: string | null): { code: string; message: string } | null {
  const why = reason ? `（${reason}）` : '';
  switch (status) {
    case 'active':
      return null;
    case 'suspended':
      return { code: 'ORG_SUSPENDED', message: `本机构已被维修资金管理部门暂停使用${why}` };
    case 'pending':
      return { code: 'ORG_PENDING', message: '本机构的换届申请尚待维修资金管理部门审核，审核通过后方可登录' };
    case 'rejected':
      return { code: 'ORG_REJECTED', message: `本机构的换届申请未获维修资金管理部门通过${why}，不能登录` };
    case 'retired':
      return { code: 'ORG_RETIRED', message: '本业主委员会已由新一届业主委员会接任（换届），不能再登录' };
  }
}
