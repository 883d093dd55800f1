import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, buildings, houseAccounts, houseHistory, houses, propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { collectionDraft, houseRow, houseXlsx, newAreaForm, pushThrough, tower, uploadForm } from '../../../test/registry-fixtures.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';

let t: TestApp;
let dev: Agent;
let office: Agent;
beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  office = await t.login(DEMO.office.code, DEMO.office.admin);
});
afterAll(() => t.close());

describe('F-11 物业区域采集', () => {
  it('F-11 imports a template, derives its buildings, and opens one account per house with its amount due on approval', async () => {
    const rows = [
      ...tower('A栋', 3, 4),
      houseRow({
        building: '地下车库',
        unit: '',
        floor: '-1',
        room: 'B001',
        use: '车位',
        elevator: '无',
        buildingArea: '12.50',
        innerArea: '',
      }),
    ];
    const id = await collectionDraft(dev, rows);
    const detail = (await dev.get(`/api/applications/${id}`)).json();
    expect(detail.no).toMatch(/^QY\d{12}$/);
    expect(detail.form.buildings.map((b: { name: string }) => b.name)).toEqual(['A栋', '地下车库']);
    expect(detail.itemCount).toBe(13);
    const [before] = await t.handle.db.select({ n: count() }).from(propertyAreas).where(eq(propertyAreas.name, '新城花园'));
    expect(before?.n).toBe(0);

    await pushThrough(dev, office, id);
    const approved = (await dev.get(`/api/applications/${id}`)).json();
    expect(approved.status).toBe('approved');
    const areaId = approved.outcome.areaId as number;
    const list = await t.handle.db
      .select()
      .from(houses)
      .innerJoin(houseAccounts, eq(houseAccounts.houseId, houses.id))
      .where(eq(houses.areaId, areaId));
    expect(list).toHaveLength(13);
    const flat = list.find((r) => r.houses.room === '101');
    expect(flat?.house_accounts.amountDue).toBe(267450n); // 89.15 m² × 30 yuan (elevator)
    const parking = list.find((r) => r.houses.room === 'B001');
    expect(parking?.house_accounts.amountDue).toBe(25000n); // 12.50 m² × 20 yuan
  });
});

const appCount = async () => (await t.handle.db.select({ n: count() }).from(applications))[0]?.n ?? 0;
const houseTotal = async () => (await t.handle.db.select({ n: count() }).from(houses))[0]?.n ?? 0;
const areasNamed = (name: string) => t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, name));
const historyOf = (applicationId: number) => t.handle.db.select().from(houseHistory).where(eq(houseHistory.applicationId, applicationId));

describe('F-11 submission rules', () => {
  it('F-11 refuses to submit an area whose name is already taken in the district, naming it, and the draft stays a draft', async () => {
    const id = await collectionDraft(dev, tower('A栋', 1, 2), DEMO.areas.withCommittee);
    const res = await dev.post(`/api/applications/${id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INCOMPLETE');
    expect(res.json().message).toContain('蓬江区已有名为“侨城花园”的物业区域');
    const detail = (await dev.get(`/api/applications/${id}`)).json();
    expect(detail.status).toBe('draft');
    expect(detail.submittedAt).toBeNull();
    expect(await areasNamed(DEMO.areas.withCommittee)).toHaveLength(1);
  });

  it('F-11 rejected with a reason: the developer sees status rejected and the reason, re-imports, resubmits, and it is accepted and approved', async () => {
    const id = await collectionDraft(dev, tower('A栋', 3, 2), '江南新苑');
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    expect((await acceptApplication(office, id, '纸质材料已收')).statusCode).toBe(200);
    const noReason = await office.post(`/api/applications/${id}/reject`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fieldErrors.reason).toBe('退回原因不能为空');
    expect((await dev.get(`/api/applications/${id}`)).json().status).toBe('accepted');

    const rejected = await office.post(`/api/applications/${id}/reject`, { reason: '3 层房屋面积与测绘报告不符' });
    expect(rejected.statusCode).toBe(200);
    const seen = (await dev.get(`/api/applications/${id}`)).json();
    expect(seen).toMatchObject({ status: 'rejected', statusLabel: '已退回', rejectReason: '3 层房屋面积与测绘报告不符' });
    const listed = (await dev.get('/api/applications?status=rejected')).json().items.find((a: { id: number }) => a.id === id);
    expect(listed.rejectReason).toBe('3 层房屋面积与测绘报告不符');
    expect(await areasNamed('江南新苑')).toHaveLength(0);

    // Corrected: two floors only, re-imported into the returned application.
    const again = await dev.postForm(`/api/applications/${id}/import`, uploadForm(await houseXlsx(tower('A栋', 2, 2)), '修改后.xlsx'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ imported: 4, addedBuildings: [] });
    const resubmitted = await dev.post(`/api/applications/${id}/submit`);
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', rejectReason: null, itemCount: 4 });
    expect((await acceptApplication(office, id)).statusCode).toBe(200);
    const approved = await office.post(`/api/applications/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(approved.json().events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'accept',
      'reject',
      'resubmit',
      'accept',
      'approve',
    ]);
    expect(approved.json().events[3].note).toBe('3 层房屋面积与测绘报告不符');
    const [area] = await areasNamed('江南新苑');
    expect(area?.developerOrgId).not.toBeNull();
    const made = await t.handle.db
      .select()
      .from(houses)
      .where(eq(houses.areaId, area?.id ?? -1));
    expect(made.map((h) => h.room).sort()).toEqual(['101', '102', '201', '202']);
  });

  it('F-11 withdraw: a submitted application is withdrawn, can no longer be submitted, imported or accepted, and creates nothing', async () => {
    const id = await collectionDraft(dev, tower('A栋', 1, 2), '撤回花园');
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    const res = await dev.post(`/api/applications/${id}/withdraw`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回', open: false });
    expect(res.json().events.at(-1).action).toBe('withdraw');

    const resubmit = await dev.post(`/api/applications/${id}/submit`);
    expect(resubmit.statusCode).toBe(409);
    expect(resubmit.json()).toMatchObject({ code: 'STATUS', message: expect.stringContaining('当前状态为“已撤回”，不能提交') });
    const reimport = await dev.postForm(`/api/applications/${id}/import`, uploadForm(await houseXlsx(tower('A栋', 2, 2)), 'h.xlsx'));
    expect(reimport.statusCode).toBe(409);
    expect(reimport.json().message).toContain('已撤回');
    const accept = await office.post(`/api/applications/${id}/accept`);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().message).toContain('不能受理');
    const again = await dev.post(`/api/applications/${id}/withdraw`);
    expect(again.statusCode).toBe(409);
    expect((await dev.get(`/api/applications/${id}`)).json()).toMatchObject({ status: 'withdrawn', itemCount: 2 });
    expect(await areasNamed('撤回花园')).toHaveLength(0);
  });
});

describe('F-11 who may collect an area', () => {
  it('F-11 a developer clerk (经办人, registry.submit) creates, imports and submits an area collection', async () => {
    const clerk = await t.login(DEMO.developer.code, DEMO.developer.clerk);
    const created = await clerk.post('/api/applications', { type: 'area_collection', form: newAreaForm('经办花园') });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    const imported = await clerk.postForm(`/api/applications/${id}/import`, uploadForm(await houseXlsx(tower('A栋', 2, 3)), 'h.xlsx'));
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({ imported: 6, addedBuildings: ['A栋'] });
    const submitted = await clerk.post(`/api/applications/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().events.map((e: { userName: string }) => e.userName)).toEqual(['吴敏', '吴敏']);
    // The organisation's administrator sees the clerk's application in its list.
    const list = (await dev.get('/api/applications?q=经办花园')).json();
    expect(list.items.map((a: { id: number }) => a.id)).toEqual([id]);
  });

  it('F-11 the owners’ committee, the bank and the office cannot create a business application (403) and nothing is created', async () => {
    const before = await appCount();
    for (const [code, user] of [
      [DEMO.committee.code, DEMO.committee.director],
      [DEMO.bank.code, DEMO.bank.admin],
      [DEMO.office.code, DEMO.office.admin],
    ] as const) {
      const agent = await t.login(code, user);
      const res = await agent.post('/api/applications', { type: 'area_collection', form: newAreaForm('越权花园') });
      expect(res.statusCode, `${code}/${user}`).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' });
    }
    expect(await appCount()).toBe(before);
  });
});

describe('F-11 approval is one transaction', () => {
  it('F-11 an area of the same name created between accept and approve makes approval fail (409 STALE) and no house is created', async () => {
    const id = await collectionDraft(dev, tower('A栋', 2, 2), '抢注花园');
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    expect((await acceptApplication(office, id)).statusCode).toBe(200);
    const housesBefore = await houseTotal();
    await t.handle.db.insert(propertyAreas).values({ name: '抢注花园', district: '蓬江区', address: '江门市蓬江区某路 1 号' });

    const res = await office.post(`/api/applications/${id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE');
    expect(res.json().message).toContain('蓬江区已有名为“抢注花园”的物业区域');
    expect(res.json().message).toContain('请退回申请人修改');
    expect((await dev.get(`/api/applications/${id}`)).json()).toMatchObject({ status: 'accepted', outcome: null });
    expect(await houseTotal()).toBe(housesBefore);
    expect(await historyOf(id)).toHaveLength(0);
    const [squatter] = await areasNamed('抢注花园');
    expect(
      await t.handle.db
        .select()
        .from(buildings)
        .where(eq(buildings.areaId, squatter?.id ?? -1)),
    ).toHaveLength(0);
  });

  it('F-11 a failure half-way through approval (houses refused by the database) leaves no area, building, house or account behind', async () => {
    const id = await collectionDraft(dev, tower('A栋', 2, 2, { address: '江门市蓬江区故障路 1 号' }), '故障花园');
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    expect((await acceptApplication(office, id)).statusCode).toBe(200);
    const housesBefore = await houseTotal();
    const [accountsBefore] = await t.handle.db.select({ n: count() }).from(houseAccounts);
    // Fault injection: the area and its buildings insert fine, then the houses are refused.
    await t.handle.db.execute(sql`
      create function refuse_fault_house() returns trigger language plpgsql as $$
      begin raise exception 'injected fault'; end $$`);
    await t.handle.db.execute(sql`
      create trigger refuse_fault_house before insert on houses
      for each row when (new.address like '%故障路%') execute function refuse_fault_house()`);
    try {
      const res = await office.post(`/api/applications/${id}/approve`);
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('INTERNAL');
    } finally {
      await t.handle.db.execute(sql`drop trigger refuse_fault_house on houses`);
      await t.handle.db.execute(sql`drop function refuse_fault_house()`);
    }
    expect(await areasNamed('故障花园')).toHaveLength(0);
    expect(await houseTotal()).toBe(housesBefore);
    expect((await t.handle.db.select({ n: count() }).from(houseAccounts))[0]?.n).toBe(accountsBefore?.n);
    const detail = (await dev.get(`/api/applications/${id}`)).json();
    expect(detail).toMatchObject({ status: 'accepted', areaId: null, outcome: null });
    expect(detail.events.map((e: { action: string }) => e.action)).not.toContain('approve');

    // With the fault gone the same application goes through whole.
    const approved = await office.post(`/api/applications/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().outcome).toMatchObject({ houses: 4, buildings: 1 });
    expect(await historyOf(id)).toHaveLength(4);
  });
});

describe('F-11 buildings and standards checked at submit', () => {
  it('F-11 refuses a described building that has no houses', async () => {
    const id = await collectionDraft(dev, tower('Q栋', 1, 2), '空楼花园');
    const detail = (await dev.get(`/api/applications/${id}`)).json();
    const extra = { name: 'Z栋', floorsAbove: 5, floorsBelow: 0, builtYear: 2024, structure: '混合结构', elevator: false };
    expect(
      (await dev.put(`/api/applications/${id}/form`, { form: { ...detail.form, buildings: [...detail.form.buildings, extra] } }))
        .statusCode,
    ).toBe(200);
    const res = await dev.post(`/api/applications/${id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('楼幢 Z栋 没有房屋');
  });

  it('§5 refuses at submit, not with a server error at approval, when no deposit standard is in force', async () => {
    const id = await collectionDraft(dev, tower('S栋', 1, 2), '无标准花园');
    await t.handle.db.execute(sql`update deposit_standards set effective_from = '2099-01-01'`);
    try {
      const res = await dev.post(`/api/applications/${id}/submit`);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('没有适用的交存标准');
    } finally {
      await t.handle.db.execute(sql`update deposit_standards set effective_from = '2022-04-01'`);
    }
  });
});
