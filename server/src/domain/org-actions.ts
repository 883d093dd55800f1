import { ORG_STATUS_LABELS, type OrgStatus } from './org-status.ts';
import { type ActionState, NO_ROLE, offer } from './review-steps.ts';
import { type OrgType, REGISTERING_TYPES } from './roles.ts';

/**
 * F-61 机构管理: the steps the office has on an organisation — 暂停使用, 恢复使用, 核验要件原件 — each
 * allowed or blocked with the reason. `statusChangeRefusal` is also what the use case enforces.
 */
export const ORG_ACTIONS = ['suspend', 'resume', 'verifyDocuments'] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

export const SELF_SUSPENSION = '不能暂停本机构';

export interface OrgFacts {
  id: number;
  name: string;
  type: OrgType;
  status: OrgStatus;
  documentsVerified: boolean;
}

/**
 * Why the office may not suspend or resume the organisation at all, whichever way: its own, the
 * office, a committee replaced by a handover, a handover request (decided as such). Null when it may.
 */
export function statusChangeRefusal(o: Omit<OrgFacts, 'documentsVerified'>, callerOrgId: number): string | null {
  if (o.id === callerOrgId) return SELF_SUSPENSION;
  if (o.type === 'office') return '不能暂停维修资金管理部门';
  if (o.status === 'retired') return `${o.name}所在物业区域已由新一届业主委员会接任（换届），不能恢复或暂停`;
  if (o.status === 'pending' || o.status === 'rejected')
    return `${o.name}是换届申请（${ORG_STATUS_LABELS[o.status]}），请在换届申请中审核，不能直接恢复或暂停`;
  return null;
}

export function orgActions(o: OrgFacts, caller: { orgId: number; permissions: readonly string[] }): ActionState<OrgAction>[] {
  const mayChange = caller.permissions.includes('office.suspend') ? statusChangeRefusal(o, caller.orgId) : NO_ROLE;
  const verify = !REGISTERING_TYPES.includes(o.type)
    ? '该机构不经注册开设，没有需要核验的要件'
    : o.documentsVerified
      ? `${o.name}的要件原件已核验`
      : caller.permissions.includes('office.files')
        ? null
        : NO_ROLE;
  return [
    offer('suspend', mayChange ?? (o.status === 'suspended' ? `${o.name}已暂停使用` : null)),
    offer('resume', mayChange ?? (o.status === 'active' ? `${o.name}正在使用，无需恢复` : null)),
    offer('verifyDocuments', verify),
  ];
}
