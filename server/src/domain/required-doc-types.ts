import { APPLICATION_TYPE_LABELS, APPLICATION_TYPES } from './application-types.ts';

/**
 * F-62 要件设置: the paper documents the fund office's window asks for, per kind of request. The
 * registry application types are those of `APPLICATION_TYPES`; a repair
 * project's approval depends on the project type, its disbursements are one kind.
 */
export const REQUIRED_DOC_TYPES = [
  ...APPLICATION_TYPES,
  'project.approval.general',
  'project.approval.emergency',
  'project.approval.simple',
  'project.disbursement',
] as const;
export type RequiredDocType = (typeof REQUIRED_DOC_TYPES)[number];

export const REQUIRED_DOC_TYPE_LABELS: Record<RequiredDocType, string> = {
  ...APPLICATION_TYPE_LABELS,
  'project.approval.general': '一般维修项目立项申请',
  'project.approval.emergency': '紧急维修项目立项申请',
  'project.approval.simple': '简单拨付维修项目立项（含拨付）申请',
  'project.disbursement': '资金拨付申请',
};

/** The type whose list a repair project's request is checked against (refunds are paid at the bank, not accepted). */
export function projectDocType(kind: 'approval' | 'disbursement', projectType: 'general' | 'emergency' | 'simple'): RequiredDocType {
  return kind === 'disbursement' ? 'project.disbursement' : `project.approval.${projectType}`;
}
