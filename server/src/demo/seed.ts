import { count } from 'drizzle-orm';
import type { Db, DbHandle, Tx } from '../db/client.ts';
import { organisations, orgDocuments, propertyAreas } from '../db/schema/index.ts';
import type { OrgType } from '../domain/roles.ts';
import { hashPassword } from '../lib/password.ts';
import { storeFile } from '../modules/files/store.ts';
import { insertOrganisation } from '../modules/organisations/create.ts';
import { putSetting } from '../modules/settings/store.ts';
import { loadStandards } from '../modules/standards/store.ts';
import { seedDemoFacilities } from './facilities.ts';
import { seedDemoPayments } from './payments.ts';
import { seedDemoApplications } from './applications.ts';
import { seedDemoOwners } from './owners.ts';
import { seedDemoProjects } from './projects.ts';
import { seedDemoRegistry } from './registry.ts';
import { solidPng } from './png.ts';

/** Every demo account uses this password; the README and the start banner list the accounts. */
export const DEMO_PASSWORD = 'Wygl@2026';

export interface DemoAccount {
  role: string;
  orgCode: string;
  username: string;
  note: string;
}

interface DemoOrg {
  type: OrgType;
  name: string;
  code: string;
  contactPerson: string;
  phone: string;
  address: string;
  legalRepresentative: string;
  area?: string;
  documents?: string[];
  users: { username: string; name: string; mobile: string; roles: string[]; note: string }[];
}

const AREAS = [
  {
    name: '侨城花园',
    district: '蓬江区',
    street: '白沙街道',
    address: '江门市蓬江区建设路 88 号',
    remark: '一期、二期',
    depositTiming: '商品房预售前',
  },
  {
    name: '江景豪庭',
    district: '江海区',
    street: '江南街道',
    address: '江门市江海区五邑路 168 号',
    remark: '',
    depositTiming: '房屋交付前',
  },
];

const ORGS: DemoOrg[] = [
  {
    type: 'office',
    name: '江门市住宅专项维修资金管理中心',
    code: 'JMWXZJ',
    contactPerson: '陈志明',
    phone: '0750-3271234',
    address: '江门市蓬江区华园中路 22 号',
    legalRepresentative: '陈志明',
    users: [
      { username: 'admin', name: '陈志明', mobile: '13800000001', roles: ['admin'], note: '管理员：机构审核、审计日志、参数配置' },
      { username: 'shouli', name: '李晓燕', mobile: '13800000002', roles: ['acceptor'], note: '受理员' },
      { username: 'shenhe', name: '王建华', mobile: '13800000003', roles: ['reviewer'], note: '审核员' },
    ],
  },
  {
    type: 'bank',
    name: '中国工商银行江门分行',
    code: 'ICBCJM',
    contactPerson: '黄丽华',
    phone: '0750-3505566',
    address: '江门市蓬江区港口一路 1 号',
    legalRepresentative: '周国强',
    users: [
      { username: 'admin', name: '周国强', mobile: '13800000011', roles: ['admin'], note: '银行管理员' },
      { username: 'teller01', name: '黄丽华', mobile: '13800000012', roles: ['teller'], note: '柜员：交款、退款、划转确认' },
    ],
  },
  {
    type: 'developer',
    name: '江门市侨城置业有限公司',
    code: '91440703MA4WJM001Q',
    contactPerson: '梁伟强',
    phone: '0750-3888001',
    address: '江门市蓬江区建设路 80 号',
    legalRepresentative: '梁国华',
    documents: ['businessLicence', 'qualification', 'legalRepId'],
    users: [
      { username: 'admin', name: '梁伟强', mobile: '13900000021', roles: ['admin'], note: '开发建设单位管理员' },
      { username: 'jingban', name: '吴敏', mobile: '13900000022', roles: ['clerk'], note: '经办人' },
    ],
  },
  {
    type: 'committee',
    name: '侨城花园业主委员会',
    code: 'QCHYYWH',
    contactPerson: '张志远',
    phone: '13900000031',
    address: '江门市蓬江区建设路 88 号侨城花园会所',
    legalRepresentative: '张志远',
    area: '侨城花园',
    documents: ['filing', 'directorId'],
    users: [
      { username: 'zhuren', name: '张志远', mobile: '13900000031', roles: ['director'], note: '业委会主任（管理员）' },
      { username: 'weiyuan', name: '刘美玲', mobile: '13900000032', roles: ['member'], note: '委员：编辑并提交维修项目' },
      { username: 'jingban', name: '何家乐', mobile: '13900000033', roles: ['clerk'], note: '经办人：准备维修项目' },
    ],
  },
];

export const DEMO_ACCOUNTS: DemoAccount[] = ORGS.flatMap((o) =>
  o.users.map((u) => ({ role: `${o.name}`, orgCode: o.code, username: u.username, note: u.note })),
);

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return (row?.n ?? 0) === 0;
}

/**
 * The demo city: loaded once, in one transaction, into an empty database (after the default
 * standards). A start killed while loading leaves nothing of it, so the next start loads it whole;
 * the use cases it runs open their own transactions, which nest inside this one.
 */
let hashed: Promise<string> | undefined;
/** The demo accounts' password hash, made once per process; a start begins it beside opening the database. */
export const demoPasswordHash = () => (hashed ??= hashPassword(DEMO_PASSWORD));

export async function seedDemo(handle: DbHandle, now = new Date()): Promise<void> {
  const passwordHash = await demoPasswordHash();
  await handle.db.transaction(async (tx) => {
    const standards = await loadStandards(tx);
    const developer = ORGS.find((o) => o.type === 'developer');
    const areaIds = new Map<string, number>();
    const areaRows = new Map<string, { id: number; depositTiming: string }>();
    const orgIds = new Map<string, number>();
    for (const o of ORGS.filter((x) => x.type !== 'committee')) orgIds.set(o.code, await insertOrg(tx, o, null, passwordHash, now));
    for (const a of AREAS) {
      const [row] = await tx
        .insert(propertyAreas)
        .values({ ...a, developerOrgId: developer ? (orgIds.get(developer.code) ?? null) : null, createdAt: now })
        .returning({ id: propertyAreas.id });
      if (row) {
        areaIds.set(a.name, row.id);
        areaRows.set(a.name, { id: row.id, depositTiming: a.depositTiming });
      }
    }
    await seedDemoRegistry(tx, areaRows, standards, now);
    for (const o of ORGS.filter((x) => x.type === 'committee')) {
      const areaId = o.area ? (areaIds.get(o.area) ?? null) : null;
      const orgId = await insertOrg(tx, o, areaId, passwordHash, now);
      orgIds.set(o.code, orgId);
      if (areaId !== null) await seedDemoFacilities(tx, areaId, orgId, now);
    }
    // Remembered in the database: every instance on it, now and after a restart, says it is a demo.
    await putSetting(tx, 'demoInstance', true, now, null);
    await putSetting(tx, 'custodianBankCode', 'ICBCJM', now, null);
    const inside: DbHandle = { ...handle, db: tx as unknown as Db };
    // Owners bind first, so the deposits, the notices and the transfer that follow reach them as
    // messages (F-83) the way they would in a running city.
    await seedDemoOwners(inside, now);
    await seedDemoPayments(inside, now);
    await seedDemoProjects(inside, now);
    await seedDemoApplications(inside, now);
  });
}

async function insertOrg(tx: Tx, o: DemoOrg, areaId: number | null, passwordHash: string, now: Date): Promise<number> {
  const { users: staff, documents, area: _area, ...fields } = o;
  const { orgId } = await insertOrganisation(
    tx,
    // The demo committee has handed in its paper documents: it reads owners' data masked and may publish.
    { ...fields, areaId, documentsVerifiedAt: o.type === 'committee' ? now : null },
    staff.map(({ note: _note, ...u }) => u),
    passwordHash,
    now,
  );
  for (const [i, kind] of (documents ?? []).entries()) {
    const bytes = solidPng(320, 200, [230 - i * 30, 235, 245]);
    const fileId = await storeFile(tx, orgId, { fileName: `${kind}.png`, bytes }, null, now);
    await tx.insert(orgDocuments).values({ orgId, kind, fileId, createdAt: now });
  }
  return orgId;
}
