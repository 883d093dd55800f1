import { type ActionState, NO_ROLE, offer, type StepRule } from './review-steps.ts';

/**
 * §5 交款通知单: which step each status allows — 作废 by the issuer, 确认缴款 by the bank, the 交款回单
 * once paid. One table that the use cases enforce and the pages read as `actions`.
 */
export type NoticeStatus = 'unpaid' | 'paid' | 'void';
export const NOTICE_STATUS_WORDS: Record<NoticeStatus, string> = { unpaid: '未缴款', paid: '已缴款', void: '已作废' };

export const NOTICE_ACTIONS = ['void', 'confirm', 'receipt'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

export const NOTICE_STEP_RULES: Record<NoticeAction, StepRule<NoticeStatus>> = {
  void: { permission: 'payment.notice', statuses: ['unpaid'], doing: '作废' },
  confirm: { permission: 'bank.confirm', statuses: ['unpaid'], doing: '确认缴款' },
  receipt: { permission: null, statuses: ['paid'], doing: '打印交款回单' },
};

/** Why the notice's status does not allow the step (“交款通知单 … 已缴款，不能作废”), or null. */
export function noticeRefusal(no: string, status: NoticeStatus, action: NoticeAction): string | null {
  const rule = NOTICE_STEP_RULES[action];
  return rule.statuses.includes(status) ? null : `交款通知单 ${no} ${NOTICE_STATUS_WORDS[status]}，不能${rule.doing}`;
}

/**
 * The steps the caller has on a notice it can see: the issuer 作废 and the 交款回单, a bank 确认缴款 and the
 * 交款回单, the office the 交款回单. Each allowed, or blocked by the status first, then the caller's roles.
 * (Which bank is the area's custodian is checked when the bank confirms.)
 */
export function noticeActions(
  n: { no: string; status: NoticeStatus },
  caller: { orgType: string; permissions: readonly string[] },
): ActionState<NoticeAction>[] {
  const steps: readonly NoticeAction[] =
    caller.orgType === 'bank' ? ['confirm', 'receipt'] : caller.orgType === 'office' ? ['receipt'] : ['void', 'receipt'];
  return steps.map((action) => {
    const rule = NOTICE_STEP_RULES[action];
    return offer(
      action,
      noticeRefusal(n.no, n.status, action) ?? (rule.permission && !caller.permissions.includes(rule.permission) ? NO_ROLE : null),
    );
  });
}
