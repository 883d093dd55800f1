import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, propertyAreas } from '../../db/schema/index.ts';
import { committeeRegistration, DEMO, file, registrationForm, smallPng, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { type Agent, DEMO_PASSWORD, testApp, type TestApp } from '../../../test/harness.ts';
import { houseWithOwner, orgIdOf } from '../../../test/owner-fixtures.ts';

let t: TestApp;
let office: Agent;
let areaId: number;
let oldId: number;
let projectId: number;
let owner: Awaited<ReturnType<typeof houseWithOwner>>;

const docs = () => ({ filing: file(smallPng(), '备案证明.png'), directorId: file(smallPng(), '主任身份证.png') });
const newcomer = (code: string) => committeeRegistration(areaId, { name: '侨城花园第二届业主委员会', code, adminUsername: 'admin' });
const loginAs = (code: string) => t.agent().post('/api/auth/login', { orgCode: code, username: 'admin', password: VALID_PASSWORD });

beforeAll(async () => {
  t = await testApp();
  office = await t.login(DEMO.office.code, DEMO.office.admin);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  areaId = area?.id ?? 0;
  oldId = await orgIdOf(t, DEMO.committee.code);
  owner = await houseWithOwner(t, DEMO.areas.withCommittee);
  const committee = await t.login(DEMO.committee.code, DEMO.committee.director);
  projectId = (await committee.get('/api/projects')).json().items[0].id;
});
afterAll(() => t.close());

describe('§10 committee handover (换届)', () => {
  it('§10 handover: after a suspension the area still has its committee; a new registration for it is a handover request that cannot log in', async () => {
    const suspended = await office.post(`/api/office/organisations/${oldId}/suspend`, { reason: '换届选举期间暂停' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const areas = (await t.agent().get('/api/public/areas')).json().items as { id: number; hasCommittee: boolean }[];
    expect(areas.find((a) => a.id === areaId)?.hasCommittee).toBe(true);

    const res = await t.agent().postForm('/api/registration', registrationForm(newcomer('QCHDEJYWH'), docs()));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('pending');

    const login = await loginAs('QCHDEJYWH');
    expect(login.statusCode).toBe(403);
    expect(login.json().message).toContain('换届申请尚待维修资金管理部门审核');
    expect(login.json().message).not.toMatch(/R-|§/);
    expect(login.cookies.find((c) => c.name === 'wygl_sid')?.value ?? '').toBe('');
  });

  it('§10 handover: the office sees the request with the current and the new committee side by side', async () => {
    const res = await office.get('/api/office/handovers');
    expect(res.statusCode, res.body).toBe(200);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      area: { id: areaId, name: DEMO.areas.withCommittee },
      current: { id: oldId, code: DEMO.committee.code, status: 'suspended' },
      candidate: { code: 'QCHDEJYWH', name: '侨城花园第二届业主委员会' },
    });
  });

  it('§10 handover: before any approval the suspended committee can be reactivated and works again', async () => {
    const res = await office.post(`/api/office/organisations/${oldId}/reactivate`);
    expect(res.statusCode, res.body).toBe(200);
    const committee = await t.login(DEMO.committee.code, DEMO.committee.director);
    const form = new FormData();
    form.append('file', file(smallPng(), '现场照片.png'));
    const upload = await committee.postForm(`/api/projects/${projectId}/documents`, form);
    expect(upload.statusCode, upload.body).toBe(201);
  });

  it('§10 handover: a rejected request stays refused with the office’s reason', async () => {
    const reg = await t.agent().postForm('/api/registration', registrationForm(newcomer('QCHDSJYWH'), docs()));
    expect(reg.statusCode, reg.body).toBe(201);
    const candidateId = reg.json().orgId;
    const noReason = await office.post(`/api/office/organisations/${candidateId}/reject-handover`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fieldErrors.reason).toContain('驳回原因');
    const res = await office.post(`/api/office/organisations/${candidateId}/reject-handover`, { reason: '业主大会决议材料不全' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('rejected');
    const login = await loginAs('QCHDSJYWH');
    expect(login.statusCode).toBe(403);
    expect(login.json().message).toContain('业主大会决议材料不全');
    const again = await office.post(`/api/office/organisations/${candidateId}/approve-handover`);
    expect(again.statusCode).toBe(409);
  });

  it('§10 handover: only the office administrator decides a handover; 受理员 and 审核员 are refused', async () => {
    const candidateId = await orgIdOf(t, 'QCHDEJYWH');
    for (const username of [DEMO.office.acceptor, DEMO.office.reviewer]) {
      const clerk = await t.login(DEMO.office.code, username);
      expect((await clerk.post(`/api/office/organisations/${candidateId}/approve-handover`)).statusCode).toBe(403);
      expect((await clerk.post(`/api/office/organisations/${candidateId}/reject-handover`, { reason: '材料不全' })).statusCode).toBe(403);
    }
    expect((await office.get(`/api/office/organisations/${candidateId}`)).json().status).toBe('pending');
  });

  it('§10 handover: approval retires the old committee and passes the area, its projects and documents to the new one', async () => {
    const oldSession = await t.login(DEMO.committee.code, DEMO.committee.director);
    const candidateId = await orgIdOf(t, 'QCHDEJYWH');
    const res = await office.post(`/api/office/organisations/${candidateId}/approve-handover`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', documentsVerifiedAt: null });
    expect((await office.get(`/api/office/organisations/${oldId}`)).json().status).toBe('retired');
    expect((await office.get('/api/office/handovers')).json().items).toEqual([]);
    const [logged] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'org.handover.approve'), eq(auditLog.entityId, String(candidateId))));
    expect(logged?.before).toMatchObject({ status: 'pending', previous: { id: oldId, status: 'active' } });

    expect((await oldSession.get('/api/projects')).statusCode).toBe(401);
    const oldLogin = await t
      .agent()
      .post('/api/auth/login', { orgCode: DEMO.committee.code, username: DEMO.committee.director, password: DEMO_PASSWORD });
    expect(oldLogin.statusCode).toBe(403);
    expect(oldLogin.json().message).toContain('换届');

    const fresh = await t.login('QCHDEJYWH', 'admin', VALID_PASSWORD);
    expect((await fresh.get(`/api/projects/${projectId}`)).statusCode).toBe(200);
    const documents = (await fresh.get(`/api/projects/${projectId}/documents`)).json().items as { fileId: number; fileName: string }[];
    const photo = documents.find((d) => d.fileName === '现场照片.png');
    expect(photo).toBeDefined();
    expect((await fresh.get(`/api/files/${photo?.fileId}`)).statusCode).toBe(200);
  });

  it('§10 handover: the retired committee cannot be reactivated once the new one is approved', async () => {
    const res = await office.post(`/api/office/organisations/${oldId}/reactivate`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('新一届业主委员会');
    expect((await office.get(`/api/office/organisations/${oldId}`)).json().status).toBe('retired');
  });

  it('§10 handover: the new committee sees owners’ names but no ID numbers or phones, and publishes nothing, until its documents are verified', async () => {
    const fresh = await t.login('QCHDEJYWH', 'admin', VALID_PASSWORD);
    const house = await fresh.get(`/api/houses/${owner.houseId}`);
    expect(house.statusCode).toBe(200);
    expect(house.json().owners[0]).toMatchObject({ name: owner.name, idNumber: '', phone: '' });
    expect(house.body).not.toContain(owner.idNumber);
    const reveal = await fresh.post(`/api/houses/${owner.houseId}/reveal`);
    expect(reveal.statusCode).toBe(403);
    expect(reveal.body).not.toContain(owner.idNumber);
    const publish = await fresh.post(`/api/projects/${projectId}/notices`, { kind: 'initiation', deadline: '2026-12-31', content: '' });
    expect(publish.statusCode).toBe(403);
    expect(publish.json().message).toContain('核验');

    const verified = await office.post(`/api/office/organisations/${await orgIdOf(t, 'QCHDEJYWH')}/verify-documents`);
    expect(verified.statusCode, verified.body).toBe(200);
    const after = (await fresh.get(`/api/houses/${owner.houseId}`)).json();
    expect(after.owners[0].idNumber).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(after.owners[0].idNumber.slice(-4)).toBe(owner.idNumber.slice(-4));
  });
});
