/**
 * Every audited action and entity with its Chinese name. `audit()` accepts only these codes, so a
 * new action cannot reach the audit log without a name the office can read.
 */
export const AUDIT_ACTIONS = {
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
  'application.create': '新建业务申请',
  'application.save': '保存业务申请',
  'application.items': '编辑申请房屋',
  'application.import': '导入申请数据',
  'application.document': '上传申请附件',
  'application.document.remove': '删除申请附件',
  'application.submit': '提交业务申请',
  'application.withdraw': '撤回业务申请',
  'application.accept': '受理业务申请',
  'application.approve': '审核通过',
  'application.reject': '审核退回',
  'area.update': '物业区域变更',
  'config.deposit-standard': '设置交存标准',
  'notice.issue': '开具交款通知单',
  'notice.void': '作废交款通知单',
  'notice.confirm': '交款确认',
  'interest.allocate': '结息分配',
  'fund.execute': '业务单资金处理',
  'refund.confirm': '退款付款确认',
} as const satisfies Record<string, string>;

export const AUDIT_ENTITIES = {
  organisation: '机构',
  user: '用户',
  application: '业务申请',
  property_area: '物业区域',
  deposit_standard: '交存标准',
  payment_notice: '交款通知单',
  interest_period: '结息期间',
  refund: '退款指令',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditEntity = keyof typeof AUDIT_ENTITIES;
