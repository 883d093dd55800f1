import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, auditLog, projectRequests, propertyAreas, repairProjects } from '../../db/schema/index.ts';
import { DEFAULT_REQUIRED_DOCUMENTS, projectDocType } from '../../domain/required-documents.ts';
import { projectRequestDocType } from '../../../test/acceptance-fixtures.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Agent;
let acceptor: Agent;
let dev: Agent;
let member: Agent;
let areaId: number;

beforeAll(async () => {
  t = await testApp();
  admin = await t.login(DEMO.office.code, DEMO.office.admin);
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  member = await t.login(DEMO.committee.code, DEMO.committee.director);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
});
afterAll(() => t.close());

const lists = async (who: Agent = admin) => {
  const res = await who.get('/api/office/required-documents');
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(res.json().items.map((i: { type: string; documents: string[] }) => [i.type, i.documents])) as Record<
    string,
    string[]
  >;
};

/** A submitted ownership change of one free house of 侨城花园. */
async function submittedOwnershipChange() {
  const houses = (await dev.get(`/api/areas/${areaId}/houses?pageSize=200&status=normal`)).json().items as {
    id: number;
    heldBy: string | null;
  }[];
  const house = houses.find((h) => h.heldBy === null);
  if (!house) throw new Error('no free demo house');
  const created = await dev.post('/api/applications', { type: 'ownership_change', areaId, form: {} });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  const owners = [{ name: '陈立', idType: '护照', idNumber: 'E1234567', phone: '' }];
  expect((await dev.put(`/api/applications/${id}/items/owners`, { rows: [{ houseId: house.id, owners }] })).statusCode).toBe(200);
  expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
  return id;
}

describe('F-62 required documents (要件设置)', () => {
  it('F-62 the office reads the defaults, saves a change and the audit log keeps the lists before and after', async () => {
    const before = await lists();
    expect(before).toEqual(DEFAULT_REQUIRED_DOCUMENTS);
    const items = (await admin.get('/api/office/required-documents')).json().items;
    expect(items.find((i: { type: string }) => i.type === 'project.approval.emergency')).toMatchObject({ label: '紧急维修项目立项申请' });
    const changed = { ...before, building_change: ['业务申请表', '楼幢变更情况说明'] };
    const saved = await admin.put('/api/office/required-documents', changed);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await lists()).toEqual(changed);
    const [logged] = await t.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'config.required-documents'))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(logged).toMatchObject({ entity: 'settings', entityId: 'requiredDocuments', summary: '要件设置：修改楼幢变更（2 项）' });
    expect(logged?.before).toEqual(before);
    expect(logged?.after).toEqual(changed);
    // The submitter reads one type's list to know what to bring.
    const seen = await dev.get('/api/required-documents?type=building_change');
    expect(seen.json()).toEqual({ type: 'building_change', label: '楼幢变更', documents: ['业务申请表', '楼幢变更情况说明'] });
    expect((await t.agent().get('/api/required-documents?type=building_change')).statusCode).toBe(401);
    const badType = await dev.get('/api/required-documents?type=nothing');
    expect(badType.statusCode).toBe(400);
    expect(badType.json().message).toContain('业务类型须为');
    await admin.put('/api/office/required-documents', before);
  });

  it('F-62 a bad list is refused with field errors naming the type and the rule, and nothing changes', async () => {
    const before = await lists();
    const res = await admin.put('/api/office/required-documents', {
      ...before,
      house_change: ['业务申请表', '业务申请表'],
      'project.disbursement': ['发票', '一'.repeat(31)],
      house_supplement: Array.from({ length: 16 }, (_, i) => `材料${i + 1}`),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors).toEqual({
      'house_change.1': '房屋信息变更：要件“业务申请表”重复，每项要件只列一次',
      'project.disbursement.1': '资金拨付申请：要件名称不超过 30 个字',
      house_supplement: '房屋补充：要件不超过 15 项',
    });
    expect(await lists()).toEqual(before);
  });

  it('F-62 a committee or a developer cannot read or change the setting (403)', async () => {
    for (const who of [member, dev, acceptor]) {
      expect((await who.put('/api/office/required-documents', DEFAULT_REQUIRED_DOCUMENTS)).statusCode).toBe(403);
      expect((await who.get('/api/office/required-documents')).statusCode).toBe(403);
    }
  });

  it('F-62 受理 of a registry application is refused naming the missing documents, nothing saved; with all of them it is accepted and recorded', async () => {
    const id = await submittedOwnershipChange();
    const required = DEFAULT_REQUIRED_DOCUMENTS.ownership_change;
    const partial = await acceptor.post(`/api/applications/${id}/accept`, { note: '先收', received: [required[0]] });
    expect(partial.statusCode).toBe(409);
    expect(partial.json()).toEqual({
      code: 'RULE',
      message: `房屋权属批量变更须收齐全部要件才能受理，尚缺：${required.slice(1).join('、')}`,
      fieldErrors: { received: `房屋权属批量变更须收齐全部要件才能受理，尚缺：${required.slice(1).join('、')}` },
      rule: 'F-62',
    });
    const nothing = await acceptor.post(`/api/applications/${id}/accept`);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().message).toContain(`尚缺：${required.join('、')}`);
    const [still] = await t.handle.db.select().from(applications).where(eq(applications.id, id));
    expect(still).toMatchObject({ status: 'submitted', acceptNote: null, acceptedAt: null });
    expect(
      await t.handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'application.accept'), eq(auditLog.entityId, String(id)))),
    ).toEqual([]);

    const ok = await acceptor.post(`/api/applications/${id}/accept`, { note: '原件已核验', received: [...required].reverse() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', acceptNote: `已收要件：${required.join('、')}；原件已核验` });
    const [logged] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.accept'), eq(auditLog.entityId, String(id))));
    expect(logged?.summary).toContain(`已收要件：${required.join('、')}`);
    expect(logged?.after).toEqual({ note: '原件已核验', received: required });
  });

  it('F-62 受理 of the demo emergency approval is refused without its urgency evidence, then accepted with everything', async () => {
    const [waiting] = await t.handle.db.select().from(projectRequests).where(eq(projectRequests.status, 'submitted'));
    if (!waiting) throw new Error('the demo has an approval waiting for 受理');
    const type = await projectRequestDocType(acceptor, waiting.id);
    expect(type).toBe('project.approval.emergency');
    const required = DEFAULT_REQUIRED_DOCUMENTS['project.approval.emergency'];
    const without = required.filter((d) => d !== '紧急情况证明' && d !== '现场照片');
    const refused = await acceptor.post(`/api/office/project-requests/${waiting.id}/accept`, { received: without });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('紧急维修项目立项申请须收齐全部要件才能受理，尚缺：紧急情况证明、现场照片');
    const [still] = await t.handle.db.select().from(projectRequests).where(eq(projectRequests.id, waiting.id));
    expect(still?.status).toBe('submitted');

    const ok = await acceptor.post(`/api/office/project-requests/${waiting.id}/accept`, { received: required });
    expect(ok.statusCode, ok.body).toBe(200);
    const [after] = await t.handle.db.select().from(projectRequests).where(eq(projectRequests.id, waiting.id));
    expect(after).toMatchObject({ status: 'accepted', acceptNote: `已收要件：${required.join('、')}` });
    const [logged] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.approval.accept'), eq(auditLog.entityId, String(waiting.id))));
    expect(logged?.summary).toContain(`已收要件：${required.join('、')}`);
  });

  it('F-62 a type whose list the office emptied accepts with nothing ticked', async () => {
    const before = await lists();
    expect((await admin.put('/api/office/required-documents', { ...before, ownership_change: [] })).statusCode).toBe(200);
    const id = await submittedOwnershipChange();
    const ok = await acceptor.post(`/api/applications/${id}/accept`, { note: '无需要件' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', acceptNote: '无需要件' });
    await admin.put('/api/office/required-documents', before);
  });

  it('F-62 a change applies to what is submitted after it: an application submitted before is accepted on its own list, one submitted after needs the new document', async () => {
    const before = await lists();
    const old = before.ownership_change ?? [];
    const earlier = await submittedOwnershipChange();
    const added = [...old, '授权委托书'];
    expect((await admin.put('/api/office/required-documents', { ...before, ownership_change: added })).statusCode).toBe(200);
    const later = await submittedOwnershipChange();
    try {
      expect((await acceptor.get(`/api/applications/${earlier}`)).json().requiredDocuments).toEqual(old);
      expect((await acceptor.get(`/api/applications/${later}`)).json().requiredDocuments).toEqual(added);

      const first = await acceptor.post(`/api/applications/${earlier}/accept`, { received: old });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().acceptNote).toBe(`已收要件：${old.join('、')}`);

      const refused = await acceptor.post(`/api/applications/${later}/accept`, { received: old });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toBe('房屋权属批量变更须收齐全部要件才能受理，尚缺：授权委托书');
      expect((await acceptor.post(`/api/applications/${later}/accept`, { received: added })).statusCode).toBe(200);
    } finally {
      await admin.put('/api/office/required-documents', before);
    }
  });

  it('F-62 every demo project approval and disbursement keeps the list in force when it was submitted', async () => {
    const rows = await t.handle.db
      .select({ kind: projectRequests.kind, kept: projectRequests.requiredDocuments, projectType: repairProjects.type })
      .from(projectRequests)
      .innerJoin(repairProjects, eq(repairProjects.id, projectRequests.projectId))
      .where(inArray(projectRequests.kind, ['approval', 'disbursement']));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.kept).toEqual(
        DEFAULT_REQUIRED_DOCUMENTS[projectDocType(r.kind === 'approval' ? 'approval' : 'disbursement', r.projectType)],
      );
    }
  });
});
