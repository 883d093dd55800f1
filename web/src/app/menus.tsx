import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  DollarOutlined,
  FundOutlined,
  HomeOutlined,
  SearchOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
  TransactionOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import type { OrgType, SessionInfo } from '../api/types';
import { hasPermission, type Permission } from './session';

interface MenuLeaf {
  path: string;
  label: string;
  icon?: ReactNode;
  /** Shown to users with this permission (or any of these). */
  permission?: Permission | readonly Permission[];
}

interface MenuGroup {
  key: string;
  label: string;
  icon: ReactNode;
  children: MenuLeaf[];
}

type MenuEntry = MenuLeaf | MenuGroup;

const home: MenuLeaf = { path: '/workspace', label: '工作台', icon: <HomeOutlined /> };
const orgInfo: MenuLeaf = { path: '/org/info', label: '信息变更', permission: 'org.info' };
const orgUsers: MenuLeaf = { path: '/org/users', label: '机构用户管理', permission: 'org.users' };

const registry = (path: string, label: string): MenuLeaf => ({ path: `/registry/${path}`, label, permission: 'registry.edit' });

/** 物业区域管理 (developer manual §1.3), in the manual's order. */
const registryMenu: MenuGroup = {
  key: 'registry',
  label: '物业区域管理',
  icon: <ApartmentOutlined />,
  children: [
    registry('area-collection', '物业区域采集'),
    registry('area-change', '物业区域变更'),
    registry('building-change', '楼幢变更'),
    registry('split-merge', '房屋拆分合并'),
    registry('house-supplement', '房屋补充'),
    registry('house-change', '房屋信息变更'),
    registry('ownership-change', '房屋权属批量变更'),
    registry('house-cancellation', '房屋注销'),
    registry('applications', '业务单查询'),
  ],
};

const payment = (path: string, label: string): MenuLeaf => ({ path: `/payments/${path}`, label, permission: 'payment.notice' });

/** 交款管理 (developer manual §1.4), in the manual's order. */
const paymentMenu: MenuGroup = {
  key: 'payments',
  label: '交款管理',
  icon: <DollarOutlined />,
  children: [
    payment('developer-batch', '开发建设单位批量交款'),
    payment('owner-notices', '代打交款通知单'),
    payment('custom', '自定义交款'),
    payment('notices', '交款通知单查询'),
  ],
};

const bankMenu: MenuGroup = {
  key: 'bank',
  label: '银行业务',
  icon: <TransactionOutlined />,
  children: [
    { path: '/bank/deposits', label: '交款确认', permission: 'bank.confirm' },
    { path: '/bank/refunds', label: '退款确认', permission: 'bank.confirm' },
    { path: '/bank/project-transfers', label: '划转确认', permission: 'bank.confirm' },
    { path: '/bank/project-refunds', label: '清退确认', permission: 'bank.confirm' },
    { path: '/bank/reconciliation', label: '日终对账', permission: 'bank.confirm' },
  ],
};

const houseQuery: MenuGroup = {
  key: 'query',
  label: '综合查询',
  icon: <SearchOutlined />,
  children: [{ path: '/query/houses', label: '房屋查询' }],
};

/** 综合查询 › 设施设备查询 (committee manual §1.4.1): the committee keeps its area's; the office reads all. */
const facilityQuery: MenuGroup = {
  ...houseQuery,
  children: [...houseQuery.children, { path: '/query/facilities', label: '设施设备查询' }],
};

/** 维修项目管理 (committee manual §1.3). */
const repairMenu: MenuGroup = {
  key: 'repair',
  label: '维修项目管理',
  icon: <ToolOutlined />,
  children: [{ path: '/repair/projects', label: '维修项目列表', permission: 'project.edit' }],
};

/** 业主告知书 (F-80): letters with one-time binding codes, printed for a house or a whole building. */
const ownerLetters = (permission: Permission): MenuLeaf => ({ path: '/owner-letters', label: '业主告知书', permission });

/** The left menus of each kind of organisation, named as in the user manuals (§1.2 机构管理, §1.3 物业区域管理). */
const MENUS: Record<OrgType, MenuEntry[]> = {
  committee: [
    home,
    repairMenu,
    { key: 'owners', label: '业主服务', icon: <TeamOutlined />, children: [ownerLetters('project.submit')] },
    facilityQuery,
    { key: 'org', label: '机构管理', icon: <BankOutlined />, children: [orgInfo, orgUsers] },
  ],
  developer: [
    home,
    registryMenu,
    paymentMenu,
    houseQuery,
    { key: 'org', label: '机构管理', icon: <BankOutlined />, children: [orgInfo, orgUsers] },
  ],
  office: [
    home,
    {
      key: 'inbox',
      label: '业务受理',
      icon: <AuditOutlined />,
      children: [
        { path: '/office/business', label: '业务总览', permission: ['office.accept', 'office.review'] },
        { path: '/office/inbox', label: '待办业务', permission: ['office.accept', 'office.review'] },
        { path: '/office/project-requests', label: '维修项目申请', permission: ['office.accept', 'office.review'] },
        { path: '/office/receipts', label: '交款回单补打', permission: 'office.accept' },
        ownerLetters('office.accept'),
      ],
    },
    facilityQuery,
    {
      key: 'fund',
      label: '资金管理',
      icon: <FundOutlined />,
      children: [
        { path: '/office/reports', label: '统计报表', permission: 'office.audit' },
        { path: '/office/interest', label: '增值收益分配', permission: 'office.config' },
      ],
    },
    {
      key: 'org',
      label: '机构管理',
      icon: <BankOutlined />,
      children: [{ path: '/office/organisations', label: '机构列表', permission: 'office.orgs' }],
    },
    {
      key: 'system',
      label: '系统管理',
      icon: <SettingOutlined />,
      children: [
        { path: '/office/deposit-standards', label: '交存标准', permission: 'office.config' },
        { path: '/office/required-documents', label: '要件设置', permission: 'office.config' },
        { path: '/office/facility-types', label: '设施设备类型', permission: 'office.config' },
        { path: '/office/ledger-check', label: '分户账核查', permission: 'office.config' },
        { path: '/office/bank-keys', label: '银行接口密钥', permission: 'office.config' },
        { path: '/office/audit', label: '审计日志', permission: 'office.audit' },
        { path: '/office/login-log', label: '登录日志', permission: 'office.audit' },
        orgUsers,
      ],
    },
  ],
  bank: [home, bankMenu, { key: 'org', label: '机构管理', icon: <BankOutlined />, children: [orgUsers] }],
};

const isGroup = (e: MenuEntry): e is MenuGroup => 'children' in e;

/** The menu entries this user may use; a group whose entries are all hidden is hidden too. */
function visibleEntries(session: SessionInfo): MenuEntry[] {
  const allowed = (leaf: MenuLeaf) => !leaf.permission || hasPermission(session, leaf.permission);
  return MENUS[session.org.type]
    .map((e) => (isGroup(e) ? { ...e, children: e.children.filter(allowed) } : e))
    .filter((e) => (isGroup(e) ? e.children.length > 0 : allowed(e)));
}

export function menuItems(session: SessionInfo): NonNullable<MenuProps['items']> {
  const leaf = (l: MenuLeaf) => ({ key: l.path, label: l.label, icon: l.icon });
  return visibleEntries(session).map((e) =>
    isGroup(e) ? { key: e.key, label: e.label, icon: e.icon, children: e.children.map(leaf) } : leaf(e),
  );
}

export function menuGroupKeys(session: SessionInfo): string[] {
  return visibleEntries(session)
    .filter(isGroup)
    .map((g) => g.key);
}

/** The leaves of the user's menu, e.g. for shortcuts on the workspace home page. */
export function menuLeaves(session: SessionInfo): MenuLeaf[] {
  return visibleEntries(session).flatMap((e) => (isGroup(e) ? e.children : [e]));
}

/** The menu entry a page belongs to: the longest menu path that starts the current path. */
export function selectedMenuKey(session: SessionInfo, pathname: string): string | undefined {
  return menuLeaves(session)
    .map((l) => l.path)
    .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
}
