/** Chinese names of the audit log's entities and actions (kept with the server's audit module); an unknown code is shown as it is. */
export { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../../../server/src/modules/audit/labels.ts';

export const labelOf = (labels: Readonly<Record<string, string>>, code: string) => labels[code] ?? code;

export const optionsOf = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Why a login attempt ended as it did (the server records a reason code per attempt). */
export const LOGIN_REASONS: Record<string, string> = {
  ok: '成功',
  'bad-password': '密码错误',
  'unknown-user': '账号不存在',
  locked: '已锁定',
  'inactive-user': '用户已注销',
  'org-suspended': '机构已暂停',
};
