import { APPLICATION_TYPE_LABELS, APPLICATION_TYPES, type ApplicationType } from './application-types.ts';

/**
 * F-60 业务总览: every business the office follows, in one list — registry applications, a repair
 * project's 立项申请, 资金拨付申请 and 清退通知单, and the 退款指令 an approved registry change
 * leaves for the bank. Each has its own statuses; the list shows and filters them by one stage.
 */
export const INBOX_SOURCES = ['application', 'project_request', 'refund'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];

export const INBOX_KINDS = [...APPLICATION_TYPES, 'approval', 'disbursement', 'project_refund', 'house_refund'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  ...APPLICATION_TYPE_LABELS,
  approval: '立项申请',
  disbursement: '资金拨付申请',
  project_refund: '清退通知单',
  house_refund: '退款指令',
};

export const INBOX_STAGES = ['to_accept', 'to_review', 'at_bank', 'done', 'rejected', 'withdrawn'] as const;
export type InboxStage = (typeof INBOX_STAGES)[number];

export const INBOX_STAGE_LABELS: Record<InboxStage, string> = {
  to_accept: '待受理',
  to_review: '待审核',
  at_bank: '待银行确认',
  done: '已办结',
  rejected: '已退回',
  withdrawn: '已撤回',
};

/** The stage a status of some kinds of a source is at. */
export interface StageRule {
  source: InboxSource;
  kinds: readonly InboxKind[];
  status: string;
  stage: InboxStage;
}

const registry: readonly ApplicationType[] = APPLICATION_TYPES;

/**
 * Which stage each status is at. An approved disbursement waits for the bank's transfer, a refund
 * notice for the applicant's payment at the bank, a 退款指令 for the bank's payout; an approved
 * registry application or 立项申请 is done. Drafts are the applicant's own and are not listed.
 */
export const STAGE_RULES: readonly StageRule[] = [
  { source: 'application', kinds: registry, status: 'submitted', stage: 'to_accept' },
  { source: 'application', kinds: registry, status: 'accepted', stage: 'to_review' },
  { source: 'application', kinds: registry, status: 'approved', stage: 'done' },
  { source: 'application', kinds: registry, status: 'rejected', stage: 'rejected' },
  { source: 'application', kinds: registry, status: 'withdrawn', stage: 'withdrawn' },
  { source: 'project_request', kinds: ['approval', 'disbursement'], status: 'submitted', stage: 'to_accept' },
  { source: 'project_request', kinds: ['approval', 'disbursement'], status: 'accepted', stage: 'to_review' },
  { source: 'project_request', kinds: ['approval'], status: 'approved', stage: 'done' },
  { source: 'project_request', kinds: ['disbursement'], status: 'approved', stage: 'at_bank' },
  { source: 'project_request', kinds: ['approval', 'disbursement', 'project_refund'], status: 'rejected', stage: 'rejected' },
  { source: 'project_request', kinds: ['disbursement', 'project_refund'], status: 'confirmed', stage: 'done' },
  { source: 'project_request', kinds: ['project_refund'], status: 'submitted', stage: 'at_bank' },
  { source: 'refund', kinds: ['house_refund'], status: 'pending', stage: 'at_bank' },
  { source: 'refund', kinds: ['house_refund'], status: 'paid', stage: 'done' },
];

/** The stage of one business (null: not listed, e.g. a draft). */
export function stageOf(source: InboxSource, kind: InboxKind, status: string): InboxStage | null {
  return STAGE_RULES.find((r) => r.source === source && r.status === status && r.kinds.includes(kind))?.stage ?? null;
}

/** The rules one row per (source, kind, status): what the list filters a stage by. */
export function stageTable(): { source: InboxSource; kind: InboxKind; status: string; stage: InboxStage }[] {
  return STAGE_RULES.flatMap((r) => r.kinds.map((kind) => ({ source: r.source, kind, status: r.status, stage: r.stage })));
}
