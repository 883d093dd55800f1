import type { ProjectStage } from '../../../../server/src/domain/project-stage.ts';
import type { ProjectType } from './api';

export const TYPE_LABELS: Record<ProjectType, string> = {
  general: '一般维修项目',
  emergency: '紧急维修项目',
  simple: '简单拨付维修项目',
};

/** The three 新建 buttons of 维修项目列表 (manual §1.3.1–1.3.3), in the manual's order. */
export const NEW_BUTTONS: { type: ProjectType; label: string }[] = [
  { type: 'general', label: '新建一般维修项目' },
  { type: 'emergency', label: '新建紧急维修项目' },
  { type: 'simple', label: '新建简单拨付维修项目' },
];

/** The stage tag's colour: waiting on others in blue, stopped or needing repair in orange or red. */
export const STAGE_COLORS: Record<ProjectStage, string> = {
  editing: 'default',
  notice: 'processing',
  notice_outdated: 'warning',
  awaiting_vote: 'processing',
  evote_running: 'processing',
  vote_passed: 'cyan',
  vote_failed: 'error',
  awaiting_approval: 'cyan',
  approval_review: 'processing',
  approval_returned: 'warning',
  approved: 'blue',
  disbursing: 'blue',
  accepted: 'geekblue',
  acceptance_notice: 'geekblue',
  cancellation_notice: 'warning',
  completed: 'success',
  cancelled: 'error',
};

/** Timeline entries as the project page names them (the server records the action's code). */
const EVENT_LABELS: Record<string, string> = {
  create: '新建项目',
  apportion: '预算分摊',
  'merge-shares': '分摊合并',
  'notice.initiation': '发布立项公示',
  'notice.acceptance': '发布验收公示',
  'notice.cancellation': '发布撤销公示',
  'vote.passed': '录入表决结果（通过）',
  'vote.failed': '录入表决结果（未通过）',
  'vote.corrected': '更正表决结果',
  'evote.opened': '发起电子投票',
  'evote.closed': '电子投票结束',
  'approval.submit': '提交立项申请',
  'approval.accept': '立项申请受理',
  'approval.approve': '立项审核通过',
  'approval.reject': '立项申请退回',
  'disbursement.submit': '提交资金拨付申请',
  'disbursement.accept': '资金拨付申请受理',
  'disbursement.approve': '资金拨付审核通过',
  'disbursement.reject': '资金拨付申请退回',
  'disbursement.transfer': '银行划转',
  acceptance: '项目验收',
  'acceptance.corrected': '更正验收信息',
  'refund.issue': '开具清退通知单',
  'refund.accept': '清退通知单受理',
  'refund.approve': '清退审核通过',
  'refund.reject': '清退通知单退回',
  'refund.confirm': '清退到账',
  complete: '项目完成',
  cancel: '撤销项目',
};

export const eventLabel = (action: string) => EVENT_LABELS[action] ?? action;

export const NOTICE_KIND_LABELS = { initiation: '立项公示', acceptance: '验收公示', cancellation: '撤销公示' } as const;

/** The A4 print views of a project (built with the print pages). */
export const printPath = {
  initiationNotice: (id: number) => `/print/project/${id}/initiation-notice`,
  voteSheet: (id: number) => `/print/project/${id}/vote-sheet`,
  evoteResult: (id: number) => `/print/project/${id}/evote-result`,
  approvalForm: (id: number) => `/print/project/${id}/approval-form`,
  disbursementForm: (id: number, disbursementId: number) => `/print/project/${id}/disbursement-form/${disbursementId}`,
  acceptanceNotice: (id: number) => `/print/project/${id}/acceptance-notice`,
  refundNotice: (id: number, refundId: number) => `/print/project/${id}/refund-notice/${refundId}`,
  cancellationNotice: (id: number) => `/print/project/${id}/cancellation-notice`,
};
