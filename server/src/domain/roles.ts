/** Roles per organisation type and what each may do. The server checks these on every endpoint. */
export type OrgType = 'committee' | 'developer' | 'office' | 'bank';

/** F-1: the organisation types that register themselves with documents; the office and banks are set up directly. */
export const REGISTERING_TYPES: readonly OrgType[] = ['committee', 'developer'];

export const PERMISSIONS = {
  'org.info': '信息变更',
  'org.users': '机构用户管理',
  'project.edit': '编辑维修项目',
  'project.submit': '提交维修项目申请',
  'registry.edit': '编辑物业区域业务单',
  'registry.submit': '提交物业区域业务单',
  'payment.notice': '打印交款通知单',
  'office.orgs': '机构管理（审核）',
  'office.suspend': '暂停与恢复机构、审批换届',
  'office.files': '查阅机构上传的要件与材料',
  'office.audit': '审计日志查询',
  'office.accept': '受理',
  'office.review': '审核',
  'office.config': '参数配置',
  'bank.confirm': '银行确认',
} as const;
export type Permission = keyof typeof PERMISSIONS;

interface RoleDef {
  label: string;
  description: string;
  /** An administrator manages the organisation's users; at least one must stay active. */
  admin: boolean;
  permissions: Permission[];
}

export const ROLES: Record<OrgType, Record<string, RoleDef>> = {
  committee: {
    director: {
      label: '主任',
      description: '全部业务及机构管理',
      admin: true,
      permissions: ['org.info', 'org.users', 'project.edit', 'project.submit'],
    },
    member: { label: '委员', description: '编辑并提交维修项目', admin: false, permissions: ['project.edit', 'project.submit'] },
    clerk: { label: '经办人', description: '准备维修项目，不能提交', admin: false, permissions: ['project.edit'] },
  },
  developer: {
    admin: {
      label: '管理员',
      description: '全部业务及机构管理',
      admin: true,
      permissions: ['org.info', 'org.users', 'registry.edit', 'registry.submit', 'payment.notice'],
    },
    clerk: {
      label: '经办人',
      description: '办理物业区域与交款业务',
      admin: false,
      permissions: ['registry.edit', 'registry.submit', 'payment.notice'],
    },
  },
  office: {
    admin: {
      label: '管理员',
      description: '全部业务、参数配置及用户管理',
      admin: true,
      // The administrator also handles business (受理/审核), so it reads the uploads it reviews.
      permissions: [
        'org.users',
        'office.orgs',
        'office.suspend',
        'office.files',
        'office.audit',
        'office.accept',
        'office.review',
        'office.config',
      ],
    },
    acceptor: {
      label: '受理员',
      description: '窗口受理',
      admin: false,
      permissions: ['office.orgs', 'office.files', 'office.accept'],
    },
    reviewer: {
      label: '审核员',
      description: '审核业务并查询审计日志',
      admin: false,
      permissions: ['office.orgs', 'office.files', 'office.audit', 'office.review'],
    },
    // Reads lists and the audit log without handling business: no uploads, no suspension.
    auditor: {
      label: '审计员',
      description: '查询业务与审计日志，不办理业务',
      admin: false,
      permissions: ['office.orgs', 'office.audit'],
    },
  },
  bank: {
    admin: { label: '管理员', description: '银行业务及用户管理', admin: true, permissions: ['org.users', 'bank.confirm'] },
    teller: { label: '柜员', description: '交款、退款、划转确认', admin: false, permissions: ['bank.confirm'] },
  },
};

export function isKnownRole(orgType: OrgType, role: string): boolean {
  return Object.hasOwn(ROLES[orgType], role);
}

export function permissionsOf(orgType: OrgType, roles: readonly string[]): Permission[] {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLES[orgType][r]?.permissions ?? []) set.add(p);
  return [...set].sort();
}

export function isAdmin(orgType: OrgType, roles: readonly string[]): boolean {
  return roles.some((r) => ROLES[orgType][r]?.admin === true);
}

export function adminRoleOf(orgType: OrgType): string {
  const entry = Object.entries(ROLES[orgType]).find(([, def]) => def.admin);
  if (!entry) throw new Error(`no admin role for ${orgType}`);
  return entry[0];
}

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  committee: '业主委员会',
  developer: '开发建设单位',
  office: '维修资金管理部门',
  bank: '专户银行',
};
