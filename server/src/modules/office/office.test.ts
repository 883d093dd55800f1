import { and, count, desc, eq, gte, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, orgDocuments, propertyAreas, sessions, users } from '../../db/schema/index.ts';
import { committeeRegistration, DEMO, file, registrationForm, smallPng, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let newOrgId: number;
let officeId: number;
let developerId: number;
const NEW_CODE = 'JJHTYWH';
const DAY = 24 * 60 * 60_000;

const filingPng = smallPng();

beforeAll(async () => {
  t = await testApp();
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.free));
  const orgs = await t.handle.db.select().from(organisations);
  officeId = orgs.find((o) => o.code === DEMO.office.code)?.id ?? 0;
  developerId = orgs.find((o) => o.code === DEMO.developer.code)?.id ?? 0;
  // The demo city was loaded when the test run started; the new committee registers after it.
  const latest = Math.max(...orgs.map((o) => o.createdAt.getTime()));
  if (t.clock.now().getTime() <= latest) t.clock.advance(latest - t.clock.now().getTime() + 60_000);
  const res = await t.agent().postForm(
    '/api/registration',
    registrationForm(committeeRegistration(area?.id ?? 0), {
      filing: file(filingPng, '备案证明.png'),
      directorId: file(smallPng(), '主任身份证.png'),
    }),
  );
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.body}`);
  newOrgId = res.json().orgId;
});
afterAll(() => t.close());

const officeAdmin = () => t.login(DEMO.office.code, DEMO.office.admin);
const committeeAdmin = () => t.login(NEW_CODE, 'admin', VALID_PASSWORD);
async function orgRow(id: number) {
  const [o] = await t.handle.db.select().from(organisations).where(eq(organisations.id, id));
  if (!o) throw new Error(`no organisation ${id}`);
  return o;
}
const ids = (body: { items: { id: number }[] }) => body.items.map((o) => o.id);

describe('F-61 the office’s organisation list', () => {
  it('F-61 lists a newly registered committee first, unverified, with its area', async () => {
    const office = await officeAdmin();
    const res = await office.get('/api/office/organisations');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items[0]).toMatchObject({
      id: newOrgId,
      type: 'committee',
      typeLabel: '业主委员会',
      name: '江景豪庭业主委员会',
      code: NEW_CODE,
      contactPerson: '罗文杰',
      areaName: DEMO.areas.free,
      status: 'active',
      documentsVerifiedAt: null,
    });
  });

  it('F-61 filters the list by type, status, verified and q (name or code)', async () => {
    const office = await officeAdmin();
    const committees = (await office.get('/api/office/organisations?type=committee')).json();
    expect(committees.total).toBe(2);
    expect(committees.items.map((o: { type: string }) => o.type)).toEqual(['committee', 'committee']);
    expect(ids(committees)[0]).toBe(newOrgId);
    expect((await office.get('/api/office/organisations?type=bank')).json().total).toBe(1);
    expect((await office.get('/api/office/organisations?status=active')).json().total).toBe(5);
    expect((await office.get('/api/office/organisations?status=suspended')).json().total).toBe(0);
    const unverified = (await office.get('/api/office/organisations?verified=false&type=committee')).json();
    expect(ids(unverified)).toContain(newOrgId);
    // The demo committee has had its paper documents verified; the newcomer not yet.
    const verified = (await office.get('/api/office/organisations?verified=true')).json();
    expect(verified.items.map((o: { code: string }) => o.code)).toEqual([DEMO.committee.code]);
    const byName = (await office.get(`/api/office/organisations?q=${encodeURIComponent('江景')}`)).json();
    expect(ids(byName)).toEqual([newOrgId]);
    const byCode = (await office.get('/api/office/organisations?q=jjhty')).json();
    expect(ids(byCode)).toEqual([newOrgId]);
    expect((await office.get('/api/office/organisations?q=nosuchorg')).json()).toEqual({ items: [], total: 0 });
    const badType = await office.get('/api/office/organisations?type=person');
    expect(badType.statusCode).toBe(400);
    expect(badType.json().fieldErrors).toHaveProperty('type');
  });

  it('F-61 paginates the list: every organisation exactly once across pages, total on each page', async () => {
    const office = await officeAdmin();
    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = (await office.get(`/api/office/organisations?pageSize=2&page=${page}`)).json();
      expect(res.total).toBe(5);
      pages.push(...ids(res));
    }
    expect(pages).toHaveLength(5);
    expect(new Set(pages).size).toBe(5);
    expect(pages[0]).toBe(newOrgId);
    expect((await office.get('/api/office/organisations?pageSize=2&page=4')).json().items).toEqual([]);
    const all = (await t.handle.db.select({ id: organisations.id }).from(organisations)).map((o) => o.id);
    expect([...pages].sort((a, b) => a - b)).toEqual(all.sort((a, b) => a - b));
  });

  it('F-61 opens an organisation’s detail with both registration documents', async () => {
    const office = await officeAdmin();
    const res = await office.get(`/api/office/organisations/${newOrgId}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ id: newOrgId, code: NEW_CODE, area: { name: DEMO.areas.free }, userCount: 1, status: 'active' });
    expect(detail.registrationNo).toMatch(/^ZC\d{12}$/);
    expect(
      detail.documents.map((d: { kind: string; label: string; fileName: string; mime: string }) => [d.kind, d.label, d.fileName, d.mime]),
    ).toEqual([
      ['filing', '业主委员会备案证明', '备案证明.png', 'image/png'],
      ['directorId', '业主委员会主任身份证', '主任身份证.png', 'image/png'],
    ]);
    const missing = await office.get('/api/office/organisations/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'NOT_FOUND', message: '机构不存在' });
  });
});

describe('F-61 registration documents are served safely and only to those allowed', () => {
  it('F-61 the office fetches a document’s bytes as image/png with nosniff; the committee its own; another organisation gets 404', async () => {
    const [filing] = await t.handle.db
      .select()
      .from(orgDocuments)
      .where(and(eq(orgDocuments.orgId, newOrgId), eq(orgDocuments.kind, 'filing')));
    if (!filing) throw new Error('filing document missing');
    const url = `/api/files/${filing.fileId}`;

    const office = await (await officeAdmin()).get(url);
    expect(office.statusCode).toBe(200);
    expect(office.headers['content-type']).toBe('image/png');
    expect(office.headers['x-content-type-options']).toBe('nosniff');
    expect(office.headers['content-disposition']).toContain('inline');
    expect(Buffer.from(office.rawPayload).equals(Buffer.from(filingPng))).toBe(true);

    const reviewer = await (await t.login(DEMO.office.code, DEMO.office.reviewer)).get(url);
    expect(reviewer.statusCode).toBe(200);

    const own = await (await committeeAdmin()).get(url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(Buffer.from(own.rawPayload).equals(Buffer.from(filingPng))).toBe(true);

    for (const [code, username] of [
      [DEMO.developer.code, DEMO.developer.admin],
      [DEMO.committee.code, DEMO.committee.director],
      [DEMO.bank.code, DEMO.bank.teller],
    ] as const) {
      const other = await (await t.login(code, username)).get(url);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual({ code: 'NOT_FOUND', message: '文件不存在' });
      expect(other.headers['content-type']).toContain('application/json');
    }
    const anonymous = await t.agent().get(url);
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('F-61 verify, suspend and reactivate', () => {
  it('F-61 marks the paper originals verified; repeating it changes nothing', async () => {
    const office = await officeAdmin();
    const first = await office.post(`/api/office/organisations/${newOrgId}/verify-documents`);
    expect(first.statusCode).toBe(200);
    const at = t.clock.now().toISOString();
    expect(first.json().documentsVerifiedAt).toBe(at);
    const officeUser = (await t.handle.db.select().from(users).where(eq(users.orgId, officeId))).find((u) => u.username === 'admin');
    expect((await orgRow(newOrgId)).documentsVerifiedBy).toBe(officeUser?.id);

    t.clock.advance(60_000);
    const again = await office.post(`/api/office/organisations/${newOrgId}/verify-documents`);
    expect(again.statusCode).toBe(200);
    expect(again.json().documentsVerifiedAt).toBe(at);
    const logged = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'org.verify-documents'));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.entityId).toBe(String(newOrgId));

    const verified = (await office.get('/api/office/organisations?verified=true')).json();
    expect(verified.items.map((o: { code: string }) => o.code)).toEqual([NEW_CODE, DEMO.committee.code]);
    expect(ids((await office.get('/api/office/organisations?verified=false')).json())).not.toContain(newOrgId);
  });

  it('F-61 keeps the office and the banks out of document verification: not listed as unverified, verifying refused', async () => {
    const office = await officeAdmin();
    const unverified = (await office.get('/api/office/organisations?verified=false&pageSize=100')).json();
    expect(
      unverified.items.map((o: { type: string }) => o.type).every((type: string) => type === 'committee' || type === 'developer'),
    ).toBe(true);
    expect(ids(unverified)).not.toContain(officeId);
    const refused = await office.post(`/api/office/organisations/${officeId}/verify-documents`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('没有需要核验的要件');
    expect((await orgRow(officeId)).documentsVerifiedAt).toBeNull();
  });

  it('F-61 refuses a suspension without a reason (400 fieldErrors.reason) and leaves the organisation active', async () => {
    const office = await officeAdmin();
    const member = await committeeAdmin();
    for (const body of [{ reason: '' }, { reason: '   ' }, {}]) {
      const res = await office.post(`/api/office/organisations/${newOrgId}/suspend`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().fieldErrors.reason).toBe('请填写暂停原因');
    }
    expect((await orgRow(newOrgId)).status).toBe('active');
    expect((await member.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('F-61 suspension ends the committee’s sessions at once and refuses its logins with the reason; reactivation lets it in', async () => {
    const office = await officeAdmin();
    const member = await committeeAdmin();
    expect((await member.get('/api/org')).statusCode).toBe(200);
    const reason = '要件原件与上传件不符';

    const res = await office.post(`/api/office/organisations/${newOrgId}/suspend`, { reason });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'suspended', statusReason: reason });

    const next = await member.get('/api/org');
    expect(next.statusCode).toBe(401);
    expect(next.json().code).toBe('SESSION_ENDED');
    const committeeUsers = await t.handle.db.select().from(users).where(eq(users.orgId, newOrgId));
    for (const u of committeeUsers) expect(await t.handle.db.select().from(sessions).where(eq(sessions.userId, u.id))).toEqual([]);
    const login = await t.agent().post('/api/auth/login', { orgCode: NEW_CODE, username: 'admin', password: VALID_PASSWORD });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('ORG_SUSPENDED');
    expect(login.json().message).toContain(reason);
    expect(ids((await office.get('/api/office/organisations?status=suspended')).json())).toEqual([newOrgId]);

    const offered = (o: { actions: { action: string; allowed: boolean; blockedBy: { message: string } | null }[] }) =>
      Object.fromEntries(o.actions.map((a) => [a.action, a.allowed || a.blockedBy?.message]));
    const name = res.json().name as string;
    expect(offered(res.json())).toMatchObject({ suspend: `${name}已暂停使用`, resume: true });

    const back = await office.post(`/api/office/organisations/${newOrgId}/reactivate`);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'active', statusReason: null });
    expect(offered(back.json())).toMatchObject({ suspend: true, resume: `${name}正在使用，无需恢复` });
    // The office's own row offers neither, with the reason the use case gives.
    expect(offered((await office.get(`/api/office/organisations/${officeId}`)).json())).toMatchObject({
      suspend: '不能暂停本机构',
      resume: '不能暂停本机构',
    });
    const again = await committeeAdmin();
    expect((await again.get('/api/org')).json().status).toBe('active');

    const trail = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'organisation'), eq(auditLog.entityId, String(newOrgId))))
      .orderBy(auditLog.id);
    const suspend = trail.find((r) => r.action === 'org.suspend');
    expect(suspend?.orgId).toBe(officeId);
    expect(suspend?.before).toEqual({ status: 'active', statusReason: null });
    expect(suspend?.after).toEqual({ status: 'suspended', statusReason: reason });
    expect(trail.find((r) => r.action === 'org.reactivate')?.after).toEqual({ status: 'active', statusReason: null });
  });

  it('F-61 the office cannot suspend itself (400), and stays active', async () => {
    const office = await officeAdmin();
    const res = await office.post(`/api/office/organisations/${officeId}/suspend`, { reason: '测试' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'SELF', message: '不能暂停本机构' });
    expect((await orgRow(officeId)).status).toBe('active');
    expect((await office.get('/api/auth/session')).statusCode).toBe(200);
    const missing = await office.post('/api/office/organisations/999999/suspend', { reason: '测试' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('F-61 only office staff with the permission', () => {
  it('F-61 refuses non-office organisations (committee director, bank teller, developer admin) with 403, changing nothing', async () => {
    const before = await orgRow(developerId);
    for (const [code, username] of [
      [DEMO.committee.code, DEMO.committee.director],
      [DEMO.bank.code, DEMO.bank.teller],
      [DEMO.developer.code, DEMO.developer.admin],
    ] as const) {
      const a = await t.login(code, username);
      for (const res of [
        await a.get('/api/office/organisations'),
        await a.get(`/api/office/organisations/${developerId}`),
        await a.post(`/api/office/organisations/${developerId}/suspend`, { reason: '越权' }),
        await a.post(`/api/office/organisations/${developerId}/verify-documents`),
        await a.get('/api/office/audit'),
        await a.get('/api/office/login-attempts'),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' });
      }
    }
    expect(await orgRow(developerId)).toEqual(before);
  });

  it('§10 the office acceptor (office.orgs without office.audit) sees organisations but not the audit log (403)', async () => {
    const acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
    const session = (await acceptor.get('/api/auth/session')).json();
    expect(session.permissions).toContain('office.orgs');
    expect(session.permissions).not.toContain('office.audit');
    expect((await acceptor.get('/api/office/organisations')).statusCode).toBe(200);
    for (const url of ['/api/office/audit', '/api/office/login-attempts']) {
      const res = await acceptor.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const anonymous = await t.agent().get('/api/office/audit');
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('§10 audit search', () => {
  type Row = { id: number; at: string; orgId: number | null; action: string; entity: string; entityId: string; summary: string };
  const rowsOf = (res: { json(): { items: Row[]; total: number } }) => res.json().items;

  function expectNewestFirst(rows: Row[]) {
    for (let i = 1; i < rows.length; i++) {
      const [prev, cur] = [rows[i - 1], rows[i]];
      if (!prev || !cur) continue;
      expect(cur.id).toBeLessThan(prev.id);
      expect(Date.parse(cur.at)).toBeLessThanOrEqual(Date.parse(prev.at));
    }
  }

  it('§10 filters by organisation, entity, action, text and date range, newest first, with a correct total', async () => {
    // Two days later the committee changes its details and the developer its own: writes on another day.
    t.clock.advance(2 * DAY);
    const boundary = t.clock.now();
    const committee = await committeeAdmin();
    const own = (await committee.get('/api/org')).json();
    expect((await committee.put('/api/org', { ...own, phone: '0750-3666888' })).statusCode).toBe(200);
    const devAdmin = await t.login(DEMO.developer.code, DEMO.developer.admin);
    const dev = (await devAdmin.get('/api/org')).json();
    expect((await devAdmin.put('/api/org', { ...dev, contactPerson: '梁新' })).statusCode).toBe(200);

    const reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);

    const everything = await reviewer.get('/api/office/audit?pageSize=200');
    expect(everything.statusCode).toBe(200);
    const [{ n: all } = { n: -1 }] = await t.handle.db.select({ n: count() }).from(auditLog);
    expect(everything.json().total).toBe(all);
    expect(rowsOf(everything)).toHaveLength(all);
    expectNewestFirst(rowsOf(everything));
    expect(rowsOf(everything)[0]?.action).toBe('org.update');

    // By organisation: the committee's own writes (its registration and its information change), nothing of the office's.
    const byOrg = await reviewer.get(`/api/office/audit?orgId=${newOrgId}`);
    expect(rowsOf(byOrg).map((r) => r.action)).toEqual(['org.update', 'org.register']);
    expect(rowsOf(byOrg).every((r) => r.orgId === newOrgId)).toBe(true);
    expect(byOrg.json().total).toBe(2);

    // By entity: everything done to the committee, whoever did it.
    const byEntity = await reviewer.get(`/api/office/audit?entity=organisation&entityId=${newOrgId}`);
    expect(rowsOf(byEntity).map((r) => r.action)).toEqual([
      'org.update',
      'org.reactivate',
      'org.suspend',
      'org.verify-documents',
      'org.register',
    ]);
    expectNewestFirst(rowsOf(byEntity));
    expect(rowsOf(await reviewer.get('/api/office/audit?entity=user'))).toEqual([]);

    const byAction = await reviewer.get('/api/office/audit?action=org.update');
    expect(byAction.json().total).toBe(2);
    expect(rowsOf(byAction).map((r) => r.entityId)).toEqual([String(developerId), String(newOrgId)]);

    const byText = await reviewer.get(`/api/office/audit?q=${encodeURIComponent('核验要件原件')}`);
    expect(rowsOf(byText).map((r) => r.action)).toEqual(['org.verify-documents']);
    expect(rowsOf(byText)[0]?.summary).toContain('江景豪庭业主委员会');
    const byUser = await reviewer.get(`/api/office/audit?entity=organisation&q=${encodeURIComponent('梁伟强')}`);
    expect(rowsOf(byUser).map((r) => r.entityId)).toEqual([String(developerId)]);

    // Dates: `from` is inclusive, `to` exclusive.
    const fromIso = encodeURIComponent(boundary.toISOString());
    const later = await reviewer.get(`/api/office/audit?from=${fromIso}`);
    expect(rowsOf(later).map((r) => r.action)).toEqual(['org.update', 'org.update']);
    const earlier = await reviewer.get(`/api/office/audit?to=${fromIso}&pageSize=200`);
    const [{ n: before } = { n: -1 }] = await t.handle.db.select({ n: count() }).from(auditLog).where(lt(auditLog.at, boundary));
    expect(earlier.json().total).toBe(before);
    expect(before).toBe(all - 2);
    expect(rowsOf(earlier).every((r) => Date.parse(r.at) < boundary.getTime())).toBe(true);
    const [{ n: after } = { n: -1 }] = await t.handle.db.select({ n: count() }).from(auditLog).where(gte(auditLog.at, boundary));
    expect(after).toBe(2);
    const window = await reviewer.get(
      `/api/office/audit?from=${fromIso}&to=${encodeURIComponent(new Date(boundary.getTime() + DAY).toISOString())}&orgId=${developerId}`,
    );
    expect(rowsOf(window).map((r) => r.entityId)).toEqual([String(developerId)]);
    const badDate = await reviewer.get('/api/office/audit?from=not-a-date');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().fieldErrors.from).toBe('日期格式不正确');

    // Paging keeps the total and walks newest to oldest.
    const p1 = await reviewer.get('/api/office/audit?pageSize=1&page=1');
    const p2 = await reviewer.get('/api/office/audit?pageSize=1&page=2');
    expect(p1.json().total).toBe(all);
    expect(p2.json().total).toBe(all);
    const [newest] = await t.handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(2);
    expect(rowsOf(p1)[0]?.id).toBe(newest?.id);
    expect(rowsOf(p2)[0]?.id).toBeLessThan(rowsOf(p1)[0]?.id ?? 0);
  });

  it("§10 a page of the log carries no record's values before and after, only whether it has them; one record's are read alone", async () => {
    // A batch of notices records every notice issued: a page of twenty such records carried 367 kB.
    const [big] = await t.handle.db
      .insert(auditLog)
      .values({
        action: 'notice.issue',
        entity: 'payment_notice',
        entityId: 'JK-BATCH',
        summary: '开具交款通知单 2,000 张',
        after: { notices: Array.from({ length: 2_000 }, (_, i) => `JK${String(i).padStart(12, '0')}`) },
      })
      .returning();
    const [plain] = await t.handle.db
      .insert(auditLog)
      .values({ action: 'org.update', entity: 'organisation', entityId: '0', summary: '无变更' })
      .returning();
    const reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
    const page = await reviewer.get('/api/office/audit?pageSize=20');
    expect(page.statusCode).toBe(200);
    const items = page.json().items as Record<string, unknown>[];
    const listed = (id?: number) => items.find((r) => r.id === id);
    expect(listed(big?.id)).toMatchObject({ summary: '开具交款通知单 2,000 张', changed: true });
    expect(listed(plain?.id)).toMatchObject({ changed: false });
    for (const r of items) {
      expect(r).not.toHaveProperty('before');
      expect(r).not.toHaveProperty('after');
    }
    expect(page.body.length).toBeLessThan(20_000);

    const one = await reviewer.get(`/api/office/audit/${big?.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: big?.id, summary: '开具交款通知单 2,000 张', before: null, after: big?.after });
    expect((await reviewer.get('/api/office/audit/999999999')).statusCode).toBe(404);
    // Only those who may read the log read a record of it.
    const acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
    expect((await acceptor.get(`/api/office/audit/${big?.id}`)).statusCode).toBe(403);
    const developer = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await developer.get(`/api/office/audit/${big?.id}`)).statusCode).toBe(403);
  });

  it('§10 the login log shows a failed attempt with reason bad-password, filterable by organisation and outcome', async () => {
    const failed = await t.agent().post('/api/auth/login', { orgCode: NEW_CODE.toLowerCase(), username: 'admin', password: 'Wrong#Pass1' });
    expect(failed.statusCode).toBe(401);
    const office = await officeAdmin();
    const res = await office.get(`/api/office/login-attempts?orgCode=${NEW_CODE.toLowerCase()}&success=false`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { orgCode: string; username: string; success: boolean; reason: string; at: string }[];
    expect(items[0]).toMatchObject({ orgCode: NEW_CODE, username: 'admin', success: false, reason: 'bad-password' });
    expect(Date.parse(items[0]?.at ?? '')).toBe(t.clock.now().getTime());
    // The suspended login earlier is there too, with its own reason.
    expect(items.map((i) => i.reason)).toContain('org-suspended');
    expect(items.every((i) => i.orgCode === NEW_CODE && !i.success)).toBe(true);
    const ok = (await office.get(`/api/office/login-attempts?orgCode=${NEW_CODE}&success=true`)).json();
    expect(ok.total).toBeGreaterThan(0);
    expect(ok.items.every((i: { success: boolean; reason: string }) => i.success && i.reason === 'ok')).toBe(true);
  });
});

describe('§10 roles inside the office: suspension for the administrator, uploads for the reviewing roles', () => {
  /** An office user with only the 审计员 role, created by the office administrator. */
  async function officeAuditor() {
    const res = await (await officeAdmin()).post('/api/org/users', {
      username: 'shenji',
      name: '赵审计',
      mobile: '13800000009',
      roles: ['auditor'],
      password: VALID_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    return t.login(DEMO.office.code, 'shenji', VALID_PASSWORD);
  }

  it('§10 roles: 受理员 and 审核员 cannot suspend or reactivate an organisation (403); 管理员 can', async () => {
    const before = await orgRow(developerId);
    for (const username of [DEMO.office.acceptor, DEMO.office.reviewer]) {
      const a = await t.login(DEMO.office.code, username);
      const session = (await a.get('/api/auth/session')).json();
      expect(session.permissions).not.toContain('office.suspend');
      for (const res of [
        await a.post(`/api/office/organisations/${developerId}/suspend`, { reason: '越权' }),
        await a.post(`/api/office/organisations/${developerId}/reactivate`),
      ]) {
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' });
      }
    }
    expect(await orgRow(developerId)).toEqual(before);
    // The detail they read offers them neither step, and says why.
    const acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
    const detail = (await acceptor.get(`/api/office/organisations/${developerId}`)).json();
    expect(detail.actions.filter((a: { action: string }) => a.action !== 'verifyDocuments')).toEqual([
      { action: 'suspend', allowed: false, blockedBy: { message: '当前用户的角色无权执行此操作' } },
      { action: 'resume', allowed: false, blockedBy: { message: '当前用户的角色无权执行此操作' } },
    ]);

    const admin = await officeAdmin();
    const suspended = await admin.post(`/api/office/organisations/${developerId}/suspend`, { reason: '核查资金往来' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().status).toBe('suspended');
    const reactivated = await admin.post(`/api/office/organisations/${developerId}/reactivate`);
    expect(reactivated.statusCode, reactivated.body).toBe(200);
    expect(reactivated.json().status).toBe('active');
  });

  it('§10 roles: an office role that reviews nothing (审计员) gets 403 for an uploaded file and cannot verify originals; 受理员 and 审核员 read it', async () => {
    const [filing] = await t.handle.db
      .select()
      .from(orgDocuments)
      .where(and(eq(orgDocuments.orgId, newOrgId), eq(orgDocuments.kind, 'filing')));
    if (!filing) throw new Error('filing document missing');
    const url = `/api/files/${filing.fileId}`;
    const auditor = await officeAuditor();
    expect((await auditor.get('/api/office/organisations')).statusCode).toBe(200);
    const refused = await auditor.get(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权查阅上传的文件' });
    const verify = await auditor.post(`/api/office/organisations/${newOrgId}/verify-documents`);
    expect(verify.statusCode).toBe(403);
    const suspend = await auditor.post(`/api/office/organisations/${developerId}/suspend`, { reason: '越权' });
    expect(suspend.statusCode).toBe(403);

    for (const username of [DEMO.office.acceptor, DEMO.office.reviewer]) {
      const seen = await (await t.login(DEMO.office.code, username)).get(url);
      expect(seen.statusCode).toBe(200);
      expect(Buffer.from(seen.rawPayload).equals(Buffer.from(filingPng))).toBe(true);
    }
  });
});
