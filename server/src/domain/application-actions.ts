import type { Permission } from './roles.ts';

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

interface StepRule {
  /** Whose step it is: the developer that owns the application, the office, or either (printing). */
  side: 'developer' | 'office' | 'either';
  permission: Permission | null;
  statuses: readonly ApplicationStatus[];
  /** The step in words, after “不能”. */
  doing: string;
}

export const APPLICATION_STEP_RULES: Record<ApplicationAction, StepRule> = {
  edit: { side: 'developer', permission: 'registry.edit', statuses: ['draft', 'rejected'], doing: '修改' },
  submit: { side: 'developer', permission: 'registry.submit', statuses: ['draft', 'rejected'], doing: '提交' },
  withdraw: { side: 'developer', permission: 'registry.submit', statuses: ['draft', 'submitted', 'rejected'], doing: '撤回' },
  print: { side: 'either', permission: null, statuses: ['submitted', 'accepted', 'rejected', 'approved'], doing: '打印申请表' },
  accept: { side: 'office', permission: 'office.accept', statuses: ['submitted'], doing: '受理' },
  reject: { side: 'office', permission: 'office.review', statuses: ['submitted', 'accepted'], doing: '退回' },
  approve: { side: 'office', permission: 'office.review', statuses: ['accepted'], doing: '审核通过（须先受理）' },
};

/** Why the application's status does not allow the step, or null when it does. */
export function statusRefusal(no: string, status: ApplicationStatus, action: ApplicationAction): string | null {
  const rule = APPLICATION_STEP_RULES[action];
  if (rule.statuses.includes(status)) return null;
  return `业务单 ${no} 当前状态为“${APPLICATION_STATUS_LABELS[status]}”，不能${rule.doing}`;
}

export interface ApplicationActionState {
  action: ApplicationAction;
  allowed: boolean;
  blockedBy: { message: string } | null;
}

/**
 * The steps the caller's side has on the application, each allowed or blocked with the reason: the
 * status first, then the caller's roles. The developer's pages get edit, submit, withdraw and print;
 * the office's get accept, reject, approve and print.
 */
export function applicationActions(
  app: { no: string; status: ApplicationStatus },
  caller: { orgType: string; permissions: readonly string[] },
): ApplicationActionState[] {
  const side = caller.orgType === 'office' ? 'office' : 'developer';
  return APPLICATION_ACTIONS.filter((a) => [side, 'either'].includes(APPLICATION_STEP_RULES[a].side)).map((action) => {
    const rule = APPLICATION_STEP_RULES[action];
    const status = statusRefusal(app.no, app.status, action);
    const role = rule.permission && !caller.permissions.includes(rule.permission) ? '当前用户的角色无权执行此操作' : null;
    const message = status ?? role;
    return { action, allowed: message === null, blockedBy: message === null ? null : { message } };
  });
}
