/** Chinese names of the audit log's entities and actions; an unknown code is shown as it is. */
export const AUDIT_ENTITIES: Record<string, string> = {
  organisation: '机构',
  user: '用户',
  refund: '退款指令',
};

export const AUDIT_ACTIONS: Record<string, string> = {
  'org.register': '机构注册',
  'org.update': '信息变更',
  'org.verify-documents': '核验要件原件',
  'org.suspend': '暂停机构',
  'org.reactivate': '恢复机构',
  'user.create': '添加用户',
  'user.update': '修改用户',
  'user.deactivate': '注销用户',
  'user.activate': '激活用户',
  'user.reset-password': '重置密码',
  'user.password': '修改密码',
  'fund.execute': '业务单资金处理',
  'refund.confirm': '退款付款确认',
};

export const labelOf = (labels: Record<string, string>, code: string) => labels[code] ?? code;

export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Why a login attempt ended as it did (the server records a reason code per attempt). */
export const LOGIN_REASONS: Record<string, string> = {
  ok: '成功',
  'bad-password': '密码错误',
  'unknown-user': '账号不存在',
  locked: '已锁定',
  'inactive-user': '用户已注销',
  'org-suspended': '机构已暂停',
};
