import type { Permission } from './roles.ts';

/**
 * F-60 the office's review of whatever is brought to it — a registry application or a project's
 * 立项 / 资金拨付 application: 受理 at the window, then 审核通过 or 退回. One table of which status
 * allows which step, enforced by the use cases and offered to the pages as `actions`.
 */
export const REVIEW_STEPS = ['accept', 'reject', 'approve'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];
export type ReviewStatus = 'submitted' | 'accepted';

export interface StepRule<S extends string> {
  permission: Permission | null;
  statuses: readonly S[];
  /** The step in words, after “不能”. */
  doing: string;
}

export const REVIEW_STEP_RULES: Record<ReviewStep, StepRule<ReviewStatus>> = {
  accept: { permission: 'office.accept', statuses: ['submitted'], doing: '受理' },
  reject: { permission: 'office.review', statuses: ['submitted', 'accepted'], doing: '退回' },
  approve: { permission: 'office.review', statuses: ['accepted'], doing: '审核通过（须先受理）' },
};

export interface ActionState<A extends string> {
  action: A;
  allowed: boolean;
  blockedBy: { message: string } | null;
}

export const NO_ROLE = '当前用户的角色无权执行此操作';

/** One step offered: allowed when nothing refuses it, else blocked with the refusal as its reason. */
export function offer<A extends string>(action: A, refusal: string | null): ActionState<A> {
  return { action, allowed: refusal === null, blockedBy: refusal === null ? null : { message: refusal } };
}

/** Why `status` does not allow the step: “<what> 当前状态为“<label>”，不能<doing>”, or null. */
export function stepRefusal<S extends string>(rule: StepRule<S>, what: string, status: S, statusLabel: string): string | null {
  return rule.statuses.includes(status) ? null : `${what} 当前状态为“${statusLabel}”，不能${rule.doing}`;
}

/** Each step of `rules` for the caller: allowed, or blocked by the status first, then the caller's roles. */
export function actionStates<A extends string, S extends string>(
  rules: Partial<Record<A, StepRule<S>>>,
  steps: readonly A[],
  subject: { what: string; status: S; statusLabel: string },
  permissions: readonly string[],
): ActionState<A>[] {
  return steps.map((action) => {
    const rule = rules[action] as StepRule<S>;
    return offer(
      action,
      stepRefusal(rule, subject.what, subject.status, subject.statusLabel) ??
        (rule.permission && !permissions.includes(rule.permission) ? NO_ROLE : null),
    );
  });
}
