import {
  ACCEPTANCE_BEFORE_PERCENT,
  canCancel,
  checkSimpleSettlement,
  needsAcceptanceFirst,
  phaseRemaining,
  planMatchesBudget,
} from './disbursement.ts';
import { formatYuan } from './money.ts';
import { dayAfter, noticePeriodOver } from './notice-period.ts';

/**
 * SPEC §7.2: which actions a repair project allows next, and for each one that is not allowed, the
 * rule that blocks it. A pure function of plain facts the service layer reads from the database;
 * the same checks are repeated by each use case under its lock, this only explains them.
 */
export type ProjectType = 'general' | 'emergency' | 'simple';
export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  general: '一般维修项目',
  emergency: '紧急维修项目',
  simple: '简单拨付维修项目',
};

export type ProjectStatus =
  | 'draft'
  | 'initiation_notice'
  | 'voting'
  | 'vote_failed'
  | 'approval_pending'
  | 'approved'
  | 'disbursing'
  | 'accepted'
  | 'completed'
  | 'cancelled';

export interface PhaseFacts {
  /** The plan amount of the phase (拨付计划). */
  amount: bigint;
  /** Its applications that count against it: pending, approved or transferred. */
  applied: bigint;
  /** What confirmed refunds of its disbursements gave back (F-46): that may be applied for again. */
  refunded?: bigint;
}

export interface ProjectFacts {
  type: ProjectType;
  /** Only 'completed' and 'cancelled' are read: everything else follows from the facts below. */
  status: ProjectStatus;
  /**
   * The current initiation notice and the budget it published; a new one replaces it. `listChanged`:
   * the houses or their shares now differ from the budget list (预算清册) it published.
   */
  initiationNotice: { published: boolean; deadline: string; budget: bigint; listChanged?: boolean } | null;
  /** The city's local date, 'YYYY-MM-DD'. */
  today: string;
  /** The result of the vote held after the current initiation notice; null until entered. */
  vote: { passed: boolean } | null;
  /** F-82: the current initiation notice's electronic vote is open (not yet closed); read for the stage only. */
  evoteOpen?: boolean;
  approval: 'none' | 'submitted' | 'approved' | 'rejected';
  /** `noticeDeadline`: the acceptance notice's 公示截止日, when it is published (read for the stage only). */
  acceptance: {
    done: boolean;
    noticePublished: boolean;
    noticeDeadline?: string;
    /** A disbursement or refund was applied for after the acceptance was recorded (it then stands). */
    moneySince?: boolean;
  };
  /** The settlement entered at acceptance (F-45), null before. */
  settlement: bigint | null;
  budgetTotal: bigint;
  /** The disbursement plan in phase order (general and emergency); empty for simple projects. */
  phases: readonly PhaseFacts[];
  transferred: bigint;
  refunded: bigint;
  /** Disbursement instructions approved and sent to the bank but not yet transferred. */
  awaitingTransfer: number;
  /** Whether a cancellation notice has been published. */
  cancellationNotice: boolean;
  /** R-46 percentage; ACCEPTANCE_BEFORE_PERCENT when left out. */
  acceptancePercent?: number;
}

export const ACTIONS = [
  'edit',
  'initiation_notice',
  'vote',
  'approval',
  'disbursement',
  'acceptance',
  'acceptance_notice',
  'refund',
  'cancellation_notice',
  'cancel',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/** The names on the project list's 操作 menu (owners' committee manual §1.3). */
export const ACTION_LABELS: Record<ActionName, string> = {
  edit: '编辑',
  initiation_notice: '公示管理（立项公示）',
  vote: '投票表决',
  approval: '项目立项',
  disbursement: '资金拨付',
  acceptance: '项目验收',
  acceptance_notice: '验收公示',
  refund: '清退',
  cancellation_notice: '撤销公示',
  cancel: '撤销',
};

export interface Block {
  /** The SPEC number of the rule, or '§7.2' for the order of the lifecycle itself. */
  rule: string;
  message: string;
}

export interface ActionState {
  action: ActionName;
  label: string;
  allowed: boolean;
  /** False when the action never applies to this project type (the page may hide it). */
  applicable: boolean;
  blockedBy?: Block;
}

const yuan = (fen: bigint) => `${formatYuan(fen)} 元`;
const block = (rule: string, message: string): Block => ({ rule, message });

function closed(f: ProjectFacts): Block | null {
  if (f.status === 'cancelled') return block('F-47', '项目已撤销');
  if (f.status === 'completed') return block('§7.2', '项目已完成');
  return null;
}

/** F-40 §7.1.7: the project is editable until its approval application is submitted. */
function submitted(f: ProjectFacts, rule: string, what: string): Block | null {
  if (f.approval === 'submitted' || f.approval === 'approved') return block(rule, `立项申请已提交，${what}`);
  return null;
}

function budgetAndPlan(f: ProjectFacts): Block | null {
  if (f.budgetTotal <= 0n) return block('F-40', '预算总额须大于零，请先填写维修项目的预算与分摊');
  if (f.type === 'simple') return null;
  const problem = planMatchesBudget(f.phases, f.budgetTotal);
  return problem ? block('R-41', problem) : null;
}

const voteFailed = (f: ProjectFacts) => f.vote !== null && !f.vote.passed;

function editBlock(f: ProjectFacts): Block | null {
  return closed(f) ?? submitted(f, 'F-40', '项目信息不能再修改');
}

/**
 * owners vote on, and the office approves, exactly the list that was published. The
 * editor stays open until the approval application (§7.1.7), so a budget, range or share changed
 * after the notice makes it outdated: a new notice is needed, and a vote on the old one no longer counts.
 */
export function outdatedNotice(f: ProjectFacts): Block | null {
  const n = f.initiationNotice;
  if (!n?.published) return null;
  if (n.budget !== f.budgetTotal) {
    return block('R-43', `立项公示后预算总额已由 ${yuan(n.budget)}改为 ${yuan(f.budgetTotal)}，须重新发布立项公示`);
  }
  if (n.listChanged) {
    return block('R-51', '立项公示发布后分摊范围或分摊金额已变更，公示的预算清册已过期，须重新发布立项公示后再表决和提交立项申请');
  }
  return null;
}

function initiationNoticeBlock(f: ProjectFacts): Block | null {
  const c = closed(f) ?? submitted(f, '§7.2', '不能再发布立项公示');
  if (c) return c;
  if (f.initiationNotice?.published && !voteFailed(f) && !outdatedNotice(f)) {
    return block('F-41', `立项公示已发布（截止日 ${f.initiationNotice.deadline}）`);
  }
  return budgetAndPlan(f);
}

function voteBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (f.type === 'emergency') return block('R-43', '紧急维修项目无需业主表决');
  const s = submitted(f, '§7.2', '不能再录入表决结果');
  if (s) return s;
  if (voteFailed(f)) {
    return block('R-42', '业主表决未通过，须重新发布立项公示后才能再次表决；如表决结果录入有误，可在“更正表决结果”中更正');
  }
  const outdated = outdatedNotice(f);
  if (outdated) return outdated;
  if (f.vote?.passed) return block('R-42', '业主表决已通过；如表决结果录入有误，可在提交立项申请前更正');
  if (!f.initiationNotice?.published) return block('F-42', '须先发布立项公示，再组织业主表决');
  return null;
}

function approvalBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (f.approval === 'submitted') return block('F-43', '立项申请已提交，等待维修资金管理部门审核');
  if (f.approval === 'approved') return block('F-43', '项目已立项');
  const n = f.initiationNotice;
  if (!n?.published) return block('R-43', '须先发布立项公示，才能提交立项申请');
  const outdated = outdatedNotice(f);
  if (outdated) return outdated;
  if (f.type !== 'emergency') {
    if (!noticePeriodOver(n.deadline, f.today)) {
      return block('R-43', `立项公示截止日为 ${n.deadline}，公示期满后（${dayAfter(n.deadline)} 起）才能提交立项申请`);
    }
    if (f.vote === null) return block('R-43', '须先录入业主表决结果，表决通过后才能提交立项申请');
    if (!f.vote.passed) return block('R-43', '业主表决未通过，不能提交立项申请');
  }
  if (f.type === 'simple') {
    if (!f.acceptance.done) return block('R-47', '简单拨付项目须先完成项目验收并发布验收公示，才能提交立项申请');
    if (!f.acceptance.noticePublished) return block('R-47', '简单拨付项目须先发布验收公示，才能提交立项申请');
    const problem = f.settlement === null ? '简单拨付项目须先填写结算金额' : checkSimpleSettlement(f.settlement, f.budgetTotal);
    if (problem) return block('R-47', problem);
  }
  return budgetAndPlan(f);
}

function disbursementBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (f.type === 'simple') return block('R-47', '简单拨付项目的拨付随立项申请一并提交、一次审核，无需单独申请');
  if (f.approval !== 'approved') return block('R-44', '项目立项审核通过后才能申请资金拨付');
  const open = f.phases.map((p, i) => ({ i, left: phaseRemaining(p.amount, [p.applied - (p.refunded ?? 0n)]) })).filter((p) => p.left > 0n);
  if (open.length === 0) return block('R-45', '拨付计划各期金额均已申请');
  const applied = f.phases.reduce((a, p) => a + p.applied, 0n);
  // After acceptance the settlement caps what can still be applied for, whatever the plan left.
  if (f.settlement !== null && applied - f.refunded >= f.settlement) {
    return block('R-49', `累计申请金额 ${yuan(applied - f.refunded)}已达结算金额 ${yuan(f.settlement)}，不能再申请拨付`);
  }
  if (f.acceptance.done && f.acceptance.noticePublished) return null;

  // Before acceptance, some phase other than the last must still take at least one fen within the percentage.
  const percent = f.acceptancePercent ?? ACCEPTANCE_BEFORE_PERCENT;
  const last = f.phases.length - 1;
  const roomBelowPercent = !needsAcceptanceFirst({
    budgetTotal: f.budgetTotal,
    appliedSoFar: applied,
    requested: 1n,
    isLastPhase: false,
    percent,
  });
  if (roomBelowPercent && open.some((p) => p.i !== last)) return null;
  const missing = f.acceptance.done ? '发布验收公示' : '完成项目验收并发布验收公示';
  if (!open.some((p) => p.i !== last)) return block('R-46', `最后一期拨付前须先${missing}`);
  return block('R-46', `累计申请金额 ${yuan(applied)}已达预算总额 ${yuan(f.budgetTotal)}的 ${percent}%，继续申请须先${missing}`);
}

function acceptanceBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (f.acceptance.done) return block('F-45', '项目已验收；如验收信息录入有误，可在发布验收公示前更正');
  if (f.type === 'simple') {
    if (!f.vote?.passed) return block('§7.2', '简单拨付项目须在业主表决通过后验收');
  } else if (f.approval !== 'approved') {
    return block('§7.2', '项目立项审核通过后才能验收');
  }
  return null;
}

function acceptanceNoticeBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (!f.acceptance.done) return block('F-45', '须先完成项目验收，才能发布验收公示');
  if (f.acceptance.noticePublished) return block('F-41', '验收公示已发布');
  return null;
}

function refundBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (f.transferred - f.refunded <= 0n) return block('F-46', '没有可清退的已划转资金');
  return null;
}

function cancellationNoticeBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (f.cancellationNotice) return block('F-41', '撤销公示已发布');
  return null;
}

function cancelBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  // Money comes first: with transfers unrefunded a published notice would not be enough, and the
  // committee should learn that before it posts one (manual §1.3.5: 先进行资金退回操作).
  const money = canCancel(f.transferred, f.refunded);
  if (money) return block('R-50', money);
  // Applications still under review close with the project; an instruction the bank already holds
  // may be paid out at any moment, and its transfer must be recorded (and refunded) first.
  if (f.awaitingTransfer > 0) {
    return block('R-50', `尚有 ${f.awaitingTransfer} 笔拨付指令已发送专户银行、尚未划转，须待银行划转并清退后才能撤销`);
  }
  if (!f.cancellationNotice) return block('F-47', '须先发布撤销公示，才能撤销项目');
  return null;
}

/**
 * F-42: a mistyped vote result can be corrected, with an audit trail, until the approval
 * application is submitted — and only for the current notice's list.
 */
export function voteCorrectionBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (f.type === 'emergency') return block('R-43', '紧急维修项目无需业主表决');
  const s = submitted(f, 'F-42', '表决结果不能再更正');
  if (s) return s;
  if (f.vote === null) return block('F-42', '尚未录入本次立项公示后的表决结果，无需更正');
  return outdatedNotice(f);
}

/**
 * a mistyped acceptance can be corrected, with an audit trail, until its notice is published
 * or money is applied for after it (both rely on the settlement it recorded).
 */
export function acceptanceCorrectionBlock(f: ProjectFacts): Block | null {
  const c = closed(f);
  if (c) return c;
  if (!f.acceptance.done) return block('F-45', '尚未录入项目验收，无需更正');
  if (f.acceptance.noticePublished) return block('R-49', '验收公示已发布，验收信息不能再更正');
  if (f.acceptance.moneySince) return block('R-49', '验收后已申请拨付或清退，验收信息不能再更正');
  // A simple project's approval application follows its acceptance notice, so the notice covers it.
  return null;
}

const CHECKS: Record<ActionName, (f: ProjectFacts) => Block | null> = {
  edit: editBlock,
  initiation_notice: initiationNoticeBlock,
  vote: voteBlock,
  approval: approvalBlock,
  disbursement: disbursementBlock,
  acceptance: acceptanceBlock,
  acceptance_notice: acceptanceNoticeBlock,
  refund: refundBlock,
  cancellation_notice: cancellationNoticeBlock,
  cancel: cancelBlock,
};

/** Actions that never apply to a type: an emergency project has no vote, a simple one no separate disbursement. */
export function actionApplies(type: ProjectType, action: ActionName): boolean {
  if (action === 'vote') return type !== 'emergency';
  if (action === 'disbursement') return type !== 'simple';
  return true;
}

/** SPEC §7.2: every action in menu order, allowed or with the first rule that blocks it. */
export function allowedActions(f: ProjectFacts): ActionState[] {
  return ACTIONS.map((action) => {
    const blockedBy = CHECKS[action](f);
    const state: ActionState = {
      action,
      label: ACTION_LABELS[action],
      allowed: blockedBy === null,
      applicable: actionApplies(f.type, action),
    };
    if (blockedBy) state.blockedBy = blockedBy;
    return state;
  });
}

/** The block of one action, or null when it is allowed — for use cases that refuse with the same words. */
export function actionBlock(f: ProjectFacts, action: ActionName): Block | null {
  return CHECKS[action](f);
}
