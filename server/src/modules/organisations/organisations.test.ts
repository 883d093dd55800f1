import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organisations } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let developerId: number;
let committeeId: number;

beforeAll(async () => {
  t = await testApp();
  const orgs = await t.handle.db.select().from(organisations);
  developerId = orgs.find((o) => o.code === DEMO.developer.code)?.id ?? 0;
  committeeId = orgs.find((o) => o.code === DEMO.committee.code)?.id ?? 0;
});
afterAll(() => t.close());

async function orgRow(id: number) {
  const [o] = await t.handle.db.select().from(organisations).where(eq(organisations.id, id));
  if (!o) throw new Error(`no organisation ${id}`);
  return o;
}

const details = (o: { name: string; contactPerson: string; phone: string; address: string; legalRepresentative: string }) => ({
  name: o.name,
  contactPerson: o.contactPerson,
  phone: o.phone,
  address: o.address,
  legalRepresentative: o.legalRepresentative,
});

const orgUpdates = (orgId: number) =>
  t.handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'org.update'), eq(auditLog.entityId, String(orgId))))
    .orderBy(auditLog.id);
const auditCount = async () => (await t.handle.db.select({ n: count() }).from(auditLog))[0]?.n;

describe('F-2 the organisation’s own information', () => {
  it('F-2 shows the caller’s own organisation with its area and registration documents', async () => {
    const committee = await t.login(DEMO.committee.code, DEMO.committee.clerk);
    const res = await committee.get('/api/org');
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org).toMatchObject({
      id: committeeId,
      type: 'committee',
      typeLabel: '业主委员会',
      code: DEMO.committee.code,
      name: '侨城花园业主委员会',
      status: 'active',
      area: { name: DEMO.areas.withCommittee },
    });
    expect(org.documents.map((d: { kind: string; label: string; mime: string }) => [d.kind, d.label, d.mime])).toEqual([
      ['filing', '业主委员会备案证明', 'image/png'],
      ['directorId', '业主委员会主任身份证', 'image/png'],
    ]);
    expect(org.documents[0].size).toBeGreaterThan(0);

    const dev = (await (await t.login(DEMO.developer.code, DEMO.developer.clerk)).get('/api/org')).json();
    expect(dev.id).toBe(developerId);
    expect(dev.area).toBeNull();
    expect(dev.documents.map((d: { label: string }) => d.label)).toEqual(['营业执照', '房地产开发资质证书', '法定代表人身份证']);
  });

  it('F-2 refuses an unauthenticated read with 401 UNAUTHENTICATED', async () => {
    const res = await t.agent().get('/api/org');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    const before = await orgRow(developerId);
    const write = await t.agent().put('/api/org', { ...details(before), name: '匿名改名有限公司' });
    expect(write.statusCode).toBe(401);
    expect(write.json().code).toBe('UNAUTHENTICATED');
    expect(await orgRow(developerId)).toEqual(before);
  });
});

describe('F-2 information change', () => {
  it('F-2 saves name, contact, phone, address and legal representative with effect at once, audit-logged with old and new values', async () => {
    const admin = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const clerk = await t.login(DEMO.developer.code, DEMO.developer.clerk);
    const before = await orgRow(developerId);
    t.clock.advance(60_000);
    const changed = {
      name: '江门市侨城置业集团有限公司',
      contactPerson: '梁晓峰',
      phone: '0750-3888999',
      address: '江门市蓬江区建设路 90 号',
      legalRepresentative: '梁晓峰',
    };
    const res = await admin.put('/api/org', changed);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(changed);

    // No review step: every reader sees the new details immediately.
    expect((await clerk.get('/api/org')).json()).toMatchObject(changed);
    expect((await admin.get('/api/auth/session')).json().org.name).toBe(changed.name);
    expect((await clerk.get('/api/auth/session')).json().org.name).toBe(changed.name);
    const row = await orgRow(developerId);
    expect(details(row)).toEqual(changed);
    expect(row.updatedAt.getTime()).toBe(t.clock.now().getTime());
    expect(row.code).toBe(before.code);

    const logged = await orgUpdates(developerId);
    expect(logged).toHaveLength(1);
    const [entry] = logged;
    expect(entry?.entity).toBe('organisation');
    expect(entry?.orgId).toBe(developerId);
    expect(entry?.userName).toContain(DEMO.developer.admin);
    expect(entry?.before).toEqual(details(before));
    expect(entry?.after).toEqual(changed);
    expect(entry?.at.getTime()).toBe(t.clock.now().getTime());
  });

  it('F-2 the audit row holds only the fields that changed; saving unchanged details logs nothing', async () => {
    const admin = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const before = await orgRow(developerId);
    const res = await admin.put('/api/org', { ...details(before), phone: '13912345678' });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe('13912345678');
    const logged = await orgUpdates(developerId);
    const last = logged.at(-1);
    expect(last?.before).toEqual({ phone: before.phone });
    expect(last?.after).toEqual({ phone: '13912345678' });
    expect(last?.summary).toBe('信息变更：联系电话');

    const n = logged.length;
    const same = await admin.put('/api/org', { ...details(before), phone: '13912345678' });
    expect(same.statusCode).toBe(200);
    expect(await orgUpdates(developerId)).toHaveLength(n);
  });

  it('F-2 refuses an empty contact person and a bad phone with Chinese field errors, changing nothing', async () => {
    const admin = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const before = await orgRow(developerId);
    const audits = await auditCount();

    const emptyContact = await admin.put('/api/org', { ...details(before), contactPerson: '   ', name: '不应保存的名称' });
    expect(emptyContact.statusCode).toBe(400);
    expect(emptyContact.json().code).toBe('VALIDATION');
    expect(emptyContact.json().fieldErrors).toEqual({ contactPerson: '联系人不能为空' });
    expect(emptyContact.json().message).toBe('联系人不能为空');

    const badPhone = await admin.put('/api/org', { ...details(before), phone: '12345', name: '不应保存的名称' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().fieldErrors.phone).toBe('联系电话格式不正确：联系电话须为固定电话（如 0750-3123456）或 11 位手机号');

    const missing = await admin.put('/api/org', { name: '不应保存的名称', contactPerson: '', phone: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fieldErrors).toMatchObject({
      contactPerson: '联系人不能为空',
      phone: expect.stringContaining('联系电话格式不正确'),
      address: '地址不能为空',
      legalRepresentative: '法定代表人（负责人）不能为空',
    });

    expect(await orgRow(developerId)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('F-2 refuses a committee clerk or member, who lack the org.info permission (403), changing nothing', async () => {
    const before = await orgRow(committeeId);
    for (const username of [DEMO.committee.clerk, DEMO.committee.member]) {
      const a = await t.login(DEMO.committee.code, username);
      expect((await a.get('/api/auth/session')).json().permissions).not.toContain('org.info');
      const res = await a.put('/api/org', { ...details(before), name: '越权改名业主委员会' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' });
    }
    expect(await orgRow(committeeId)).toEqual(before);
    expect(await orgUpdates(committeeId)).toHaveLength(0);
  });

  it('F-2 refuses a change without the CSRF token (403) and changes nothing', async () => {
    const director = await t.login(DEMO.committee.code, DEMO.committee.director);
    const before = await orgRow(committeeId);
    const body = { ...details(before), name: '跨站改名业主委员会' };
    const missing = await director.request('PUT', '/api/org', body, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('CSRF');
    expect(missing.json().message).toContain('CSRF');
    const forged = await director.request('PUT', '/api/org', body, { 'x-csrf-token': 'forged-token' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF');
    expect(await orgRow(committeeId)).toEqual(before);
    expect(await orgUpdates(committeeId)).toHaveLength(0);
    // The same request with the token goes through: the refusal was about the token alone.
    const ok = await director.put('/api/org', body);
    expect(ok.statusCode).toBe(200);
    expect((await orgRow(committeeId)).name).toBe('跨站改名业主委员会');
  });
});
