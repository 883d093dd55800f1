import { type ActionState, actionStates, REVIEW_STEP_RULES, type StepRule, stepRefusal } from './review-steps.ts';

/**
 * §6 business applications (业务单): their statuses, and which step each status allows — one table
 * that the use cases enforce (`refusalOf` under the row lock) and the pages read (`applicationActions`),
 * so no page repeats the rules.
 */
export const APPLICATION_STATUSES = ['draft', 'submitted', 'accepted', 'rejected', 'approved', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  accepted: '已受理',
  rejected: '已退回',
  approved: '已审核通过',
  withdrawn: '已撤回',
};

/** Still in the developer's or the office's hands: not approved and not withdrawn. */
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['draft', 'submitted', 'accepted', 'rejected'];

export const APPLICATION_ACTIONS = ['edit', 'submit', 'withdraw', 'print', 'accept', 'reject', 'approve'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** The developer's steps; the office's are the review's own (`REVIEW_STEP_RULES`). */
export const APPLICATION_STEP_RULES: Record<ApplicationAction, StepRule<ApplicationStatus>> = {
  edit: { permission: 'registry.edit', statuses: ['draft', 'rejected'], doing: '修改' },
  submit: { permission: 'registry.submit', statuses: ['draft', 'rejected'], doing: '提交' },
  withdraw: { permission: 'registry.submit', statuses: ['draft', 'submitted', 'rejected'], doing: '撤回' },
  print: { permission: null, statuses: ['submitted', 'accepted', 'rejected', 'approved'], doing: '打印申请表' },
  ...REVIEW_STEP_RULES,
};

const SIDE_STEPS: Record<'developer' | 'office', readonly ApplicationAction[]> = {
  developer: ['edit', 'submit', 'withdraw', 'print'],
  office: ['print', 'accept', 'reject', 'approve'],
};

/** Why the application's status does not allow the step, or null when it does. */
export function statusRefusal(no: string, status: ApplicationStatus, action: ApplicationAction): string | null {
  return stepRefusal(APPLICATION_STEP_RULES[action], `业务单 ${no}`, status, APPLICATION_STATUS_LABELS[status]);
}

export type ApplicationActionState = ActionState<ApplicationAction>;

/**
 * The steps the caller's side has on the application, each allowed or blocked with the reason: the
 * status first, then the caller's roles. The developer's pages get edit, submit, withdraw and print;
 * the office's get print, accept, reject and approve.
 */
export function applicationActions(
  app: { no: string; status: ApplicationStatus },
  caller: { orgType: string; permissions: readonly string[] },
): ApplicationActionState[] {
  const steps = SIDE_STEPS[caller.orgType === 'office' ? 'office' : 'developer'];
  return actionStates(
    APPLICATION_STEP_RULES,
    steps,
    { what: `业务单 ${app.no}`, status: app.status, statusLabel: APPLICATION_STATUS_LABELS[app.status] },
    caller.permissions,
  );
}
