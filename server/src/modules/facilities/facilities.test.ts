import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../test/fixtures.ts';
import { testApp, type Agent, type TestApp } from '../../../test/harness.ts';
import {
  auditLog,
  facilities,
  facilityRepairRecords,
  facilityTypes,
  organisations,
  projectItems,
  propertyAreas,
  repairProjects,
} from '../../db/schema/index.ts';

let t: TestApp;
let committee: Agent;
let areaId: number;
let otherAreaId: number;
let types: Map<string, number>;

interface Tree {
  area: { id: number; name: string; count: number; total: number };
  buildings: { id: number; name: string; count: number; total: number; units: { id: number; name: string; count: number }[] }[];
}
interface FacilityRow {
  id: number;
  name: string;
  location: string;
  locationLabel: string;
  type: string;
  repairCount: number;
  repairTotal: number;
}

const areaNamed = async (name: string) => {
  const [a] = await t.handle.db.select({ id: propertyAreas.id }).from(propertyAreas).where(eq(propertyAreas.name, name));
  if (!a) throw new Error(`no area ${name}`);
  return a.id;
};
const tree = async (agent: Agent, id = areaId): Promise<Tree> => (await agent.get(`/api/areas/${id}/facility-locations`)).json();
const list = async (agent: Agent, query: string, id = areaId) => {
  const res = await agent.get(`/api/areas/${id}/facilities?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: FacilityRow[]; total: number };
};
const facilityTotal = async () => (await t.handle.db.select({ n: count() }).from(facilities))[0]?.n ?? 0;
const del = (agent: Agent, id: number) => agent.request('DELETE', `/api/facilities/${id}`);
const newFacility = (overrides: Record<string, unknown> = {}) => ({
  location: 'area',
  typeId: types.get('大门'),
  name: '北门岗亭',
  brandModel: '',
  installDate: '2020-03-01',
  quantity: 1,
  remark: '',
  ...overrides,
});

beforeAll(async () => {
  t = await testApp();
  committee = await t.login(DEMO.committee.code, DEMO.committee.clerk);
  areaId = await areaNamed(DEMO.areas.withCommittee);
  otherAreaId = await areaNamed(DEMO.areas.free);
  types = new Map((await t.handle.db.select().from(facilityTypes)).map((r) => [r.name, r.id]));
});
afterAll(() => t.close());

describe('F-30 facilities registry by location and type', () => {
  it('F-30 shows the committee its area as a tree of buildings and units with the demo facilities counted per place', async () => {
    const tr = await tree(committee);
    expect(tr.area.name).toBe('侨城花园');
    expect(tr.area.count).toBe(9);
    expect(tr.buildings.map((b) => b.name)).toEqual(['1栋', '2栋', '3栋', '4栋', '5栋', '6栋', '地下车库']);
    const first = tr.buildings[0];
    expect(first?.units.map((u) => [u.name, u.count])).toEqual([
      ['1单元', 4],
      ['2单元', 4],
    ]);
    expect(first?.count).toBe(2);
    expect(first?.total).toBe(10);
    expect(tr.buildings.find((b) => b.name === '地下车库')?.units).toEqual([]);
    expect(tr.area.total).toBe(9 + 6 * 10 + 2);
    const lifts = (await committee.get(`/api/areas/${areaId}/facility-locations?typeId=${types.get('电梯')}`)).json() as Tree;
    expect(lifts.area.count).toBe(0);
    expect(lifts.buildings[0]?.units[0]?.count).toBe(2);
  });

  it('F-30 lists exactly one location, or it with its units, filtered by type and paginated on the server', async () => {
    const tr = await tree(committee);
    const b1 = tr.buildings[0];
    const u1 = b1?.units[0];
    const lifts = await list(committee, `location=unit:${u1?.id}&typeId=${types.get('电梯')}`);
    expect(lifts.items.map((f) => f.name)).toEqual(['1号客梯', '2号客梯']);
    expect(lifts.items[0]?.locationLabel).toBe('侨城花园 1栋 1单元');
    expect((await list(committee, `location=building:${b1?.id}`)).total).toBe(2);
    expect((await list(committee, `location=building:${b1?.id}&within=1`)).total).toBe(10);
    const shared = await list(committee, 'location=area');
    expect(shared.total).toBe(9);
    expect(shared.items.every((f) => f.location === 'area' && f.locationLabel === '侨城花园（全区共有）')).toBe(true);
    const page2 = await list(committee, 'location=area&within=1&page=2&pageSize=20');
    expect(page2.total).toBe(71);
    expect(page2.items).toHaveLength(20);
    const page1 = await list(committee, 'location=area&within=1&page=1&pageSize=20');
    expect(page1.items.map((f) => f.id)).not.toContain(page2.items[0]?.id);
    expect((await list(committee, 'q=水泵')).items.map((f) => f.name)).toEqual(['消防水泵房', '生活水泵房及水箱']);
    const bad = await committee.get(`/api/areas/${areaId}/facilities?location=floor:3`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('安装位置');
  });

  it('F-30 adds a facility at a building, audited, and refuses bad input naming the field without saving anything', async () => {
    const b1 = (await tree(committee)).buildings[0];
    const before = await facilityTotal();
    const refusals = await Promise.all([
      committee.post(`/api/areas/${areaId}/facilities`, newFacility({ name: ' ' })),
      committee.post(`/api/areas/${areaId}/facilities`, newFacility({ installDate: '2027-01-01' })),
      committee.post(`/api/areas/${areaId}/facilities`, newFacility({ installDate: '2023-02-30' })),
      committee.post(`/api/areas/${areaId}/facilities`, newFacility({ quantity: 0 })),
      committee.post(`/api/areas/${areaId}/facilities`, newFacility({ typeId: 999999 })),
      committee.post(`/api/areas/${areaId}/facilities`, newFacility({ location: 'floor:1' })),
    ]);
    expect(refusals.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(refusals[0]?.json().fieldErrors.name).toBe('设施设备名称不能为空');
    expect(refusals[1]?.json().fieldErrors.installDate).toBe('安装日期不能晚于今天');
    expect(refusals[2]?.json().fieldErrors.installDate).toBe('安装日期不是有效的日期');
    expect(refusals[3]?.json().fieldErrors.quantity).toBe('数量至少为 1');
    expect(refusals[4]?.json().fieldErrors.typeId).toBe('设施设备类型不存在');
    expect(refusals[5]?.json().fieldErrors.location).toContain('安装位置');
    const otherBuilding = (await t.login(DEMO.office.code, DEMO.office.admin).then((o) => tree(o, otherAreaId))).buildings[0];
    const foreign = await committee.post(`/api/areas/${areaId}/facilities`, newFacility({ location: `building:${otherBuilding?.id}` }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().fieldErrors.location).toBe('安装位置不存在：所选楼幢不属于该物业区域');
    expect(await facilityTotal()).toBe(before);

    const res = await committee.post(
      `/api/areas/${areaId}/facilities`,
      newFacility({ location: `building:${b1?.id}`, typeId: types.get('供电'), name: '楼道照明', quantity: 40 }),
    );
    expect(res.statusCode).toBe(200);
    const made = res.json();
    expect(made).toMatchObject({ name: '楼道照明', type: '供电', location: `building:${b1?.id}`, quantity: 40, repairCount: 0 });
    expect(await facilityTotal()).toBe(before + 1);
    const [log] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'facility.create'), eq(auditLog.entityId, String(made.id))));
    expect(log?.summary).toBe('添加设施设备：侨城花园 1栋 供电 楼道照明');
  });

  it('F-30 edits a facility and deletes one never used; refuses to delete one with repair records or in a project (F-31)', async () => {
    const made = (await committee.post(`/api/areas/${areaId}/facilities`, newFacility())).json();
    const edit = await committee.put(`/api/facilities/${made.id}`, {
      ...newFacility({ name: '北门岗亭（新）', quantity: 2 }),
      location: undefined,
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ name: '北门岗亭（新）', quantity: 2 });
    const [editLog] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'facility.update'), eq(auditLog.entityId, String(made.id))));
    expect(editLog?.before).toEqual({ name: '北门岗亭', quantity: 1 });
    expect((await del(committee, made.id)).statusCode).toBe(200);
    expect((await committee.get(`/api/facilities/${made.id}`)).statusCode).toBe(404);

    const pump = (await list(committee, 'q=消防水泵房')).items[0];
    expect(pump).toMatchObject({ locationLabel: '侨城花园（全区共有）', repairCount: 1 });
    const refused = await del(committee, pump?.id ?? 0);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('该设施设备已有 1 条维修记录，不能删除');

    const gate = (await list(committee, 'q=电动伸缩门')).items[0];
    const [org] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.committee.code));
    const [project] = await t.handle.db
      .insert(repairProjects)
      .values({ no: 'WX-F30-TEST', areaId, orgId: org?.id ?? 0, type: 'general', name: '大门维修' })
      .returning();
    await t.handle.db.insert(projectItems).values({ projectId: project?.id ?? 0, seq: 1, facilityId: gate?.id ?? 0, content: '更换电机' });
    const inProject = await del(committee, gate?.id ?? 0);
    expect(inProject.statusCode).toBe(409);
    expect(inProject.json().message).toBe('该设施设备已在 1 个维修项目中使用，不能删除');
    expect((await committee.get(`/api/facilities/${gate?.id}`)).statusCode).toBe(200);
    const records = (await committee.get(`/api/facilities/${gate?.id}/repair-records`)).json();
    expect(records.ongoing).toEqual([
      expect.objectContaining({ projectNo: 'WX-F30-TEST', projectName: '大门维修', statusLabel: '编制中', content: '更换电机' }),
    ]);
  });

  it('F-30 moves the ticked facilities to another location of the area (移动到), audited; refuses ids of another area', async () => {
    const tr = await tree(committee);
    const target = tr.buildings[1]?.units[1];
    const shared = await list(committee, 'location=area');
    const picked = shared.items.filter((f) => f.type === '绿化' || f.type === '道路').map((f) => f.id);
    expect(picked).toHaveLength(2);
    const res = await committee.post(`/api/areas/${areaId}/facilities/move`, { ids: picked, location: `unit:${target?.id}` });
    expect(res.json()).toEqual({ moved: 2 });
    const moved = await list(committee, `location=unit:${target?.id}&ids=${picked.join(',')}`);
    expect(moved.items.map((f) => f.locationLabel)).toEqual(['侨城花园 2栋 2单元', '侨城花园 2栋 2单元']);
    const [log] = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'facility.move'));
    expect(log?.summary).toBe('移动 2 项设施设备到 侨城花园 2栋 2单元');
    const back = await committee.post(`/api/areas/${areaId}/facilities/move`, { ids: picked, location: 'area' });
    expect(back.json()).toEqual({ moved: 2 });
    const none = await committee.post(`/api/areas/${areaId}/facilities/move`, { ids: [], location: 'area' });
    expect(none.json().fieldErrors.ids).toBe('请勾选要移动的设施设备');
  });
});

describe('F-31 repair records', () => {
  it('F-31 shows a facility’s repairs newest first with their total, and the list counts them', async () => {
    const pump = (await list(committee, 'q=消防水泵房')).items[0];
    expect(pump).toMatchObject({ repairCount: 1, repairTotal: 8_650_000 });
    const before = (await committee.get(`/api/facilities/${pump?.id}/repair-records`)).json();
    expect(before.items).toEqual([
      expect.objectContaining({ projectName: '消防水泵更换', repairDate: '2022-07-15', amount: 8_650_000, projectId: null }),
    ]);
    // As the projects module records a completed project.
    await t.handle.db.insert(facilityRepairRecords).values({
      facilityId: pump?.id ?? 0,
      projectId: 987654,
      projectNo: 'WX202611220001',
      projectName: '消防系统年度维修',
      repairDate: '2026-11-20',
      content: '水泵检修',
      amount: 1_234_500n,
    });
    const after = (await committee.get(`/api/facilities/${pump?.id}/repair-records`)).json();
    expect(after.items.map((r: { projectNo: string; amount: number }) => [r.projectNo, r.amount])).toEqual([
      ['WX202611220001', 1_234_500],
      ['', 8_650_000],
    ]);
    expect((await list(committee, 'q=消防水泵房')).items[0]).toMatchObject({ repairCount: 2, repairTotal: 9_884_500 });
  });
});

describe('F-30 authorisation per organisation', () => {
  it('F-30 refuses the committee another area’s facilities (404) and lets the office browse any area read-only', async () => {
    const typeId = types.get('电梯') ?? 0;
    const [foreign] = await t.handle.db.insert(facilities).values({ areaId: otherAreaId, typeId, name: '江景 1 号梯' }).returning();
    const fid = foreign?.id ?? 0;
    expect((await committee.get(`/api/areas/${otherAreaId}/facility-locations`)).statusCode).toBe(404);
    expect((await committee.get(`/api/areas/${otherAreaId}/facilities`)).statusCode).toBe(404);
    expect((await committee.post(`/api/areas/${otherAreaId}/facilities`, newFacility())).statusCode).toBe(404);
    expect((await committee.get(`/api/facilities/${fid}`)).statusCode).toBe(404);
    expect((await committee.get(`/api/facilities/${fid}/repair-records`)).statusCode).toBe(404);
    expect((await committee.put(`/api/facilities/${fid}`, newFacility())).statusCode).toBe(404);
    expect((await del(committee, fid)).statusCode).toBe(404);
    const move = await committee.post(`/api/areas/${areaId}/facilities/move`, { ids: [fid], location: 'area' });
    expect(move.statusCode).toBe(400);
    const [still] = await t.handle.db.select().from(facilities).where(eq(facilities.id, fid));
    expect(still).toMatchObject({ areaId: otherAreaId, name: '江景 1 号梯' });

    const office = await t.login(DEMO.office.code, DEMO.office.reviewer);
    expect((await tree(office, otherAreaId)).area.total).toBe(1);
    expect((await list(office, 'location=area&within=1', areaId)).total).toBeGreaterThan(60);
    expect((await office.post(`/api/areas/${areaId}/facilities`, newFacility())).statusCode).toBe(403);
    const officeAdmin = await t.login(DEMO.office.code, DEMO.office.admin);
    expect((await officeAdmin.put(`/api/facilities/${fid}`, newFacility())).statusCode).toBe(403);
    expect((await del(officeAdmin, fid)).statusCode).toBe(403);
    const bank = await t.login(DEMO.bank.code, DEMO.bank.teller);
    expect((await bank.get(`/api/areas/${areaId}/facility-locations`)).statusCode).toBe(404);
  });
});

describe('F-62 facility types', () => {
  it('F-62 the office adds and disables a type, audited; a disabled type is not offered and refused for new facilities', async () => {
    const listed = (await committee.get('/api/facility-types')).json().items.map((x: { name: string }) => x.name);
    expect(listed).toEqual(['电梯', '消防设施', '给排水', '供电', '屋面', '外墙', '二次供水', '安防监控', '道路', '绿化', '大门', '其他']);
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const added = await office.post('/api/office/facility-types', { name: '充电桩' });
    expect(added.json()).toMatchObject({ name: '充电桩', active: true, sortOrder: 130 });
    const dup = await office.post('/api/office/facility-types', { name: '充电桩' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().fieldErrors.name).toBe('设施设备类型“充电桩”已存在');
    const off = await office.put(`/api/office/facility-types/${added.json().id}`, { active: false });
    expect(off.json().active).toBe(false);
    const offered = (await committee.get('/api/facility-types')).json().items.map((x: { name: string }) => x.name);
    expect(offered).not.toContain('充电桩');
    expect((await office.get('/api/facility-types?all=1')).json().items).toHaveLength(13);
    const refused = await committee.post(`/api/areas/${areaId}/facilities`, newFacility({ typeId: added.json().id }));
    expect(refused.json().fieldErrors.typeId).toBe('设施设备类型“充电桩”已停用，请选择其他类型');
    const logs = await t.handle.db.select().from(auditLog).where(eq(auditLog.entity, 'facility_type'));
    expect(logs.map((l) => l.summary)).toEqual(['新增设施设备类型：充电桩', '停用设施设备类型：充电桩']);
    const reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
    expect((await reviewer.post('/api/office/facility-types', { name: '水景' })).statusCode).toBe(403);
    expect((await committee.post('/api/office/facility-types', { name: '水景' })).statusCode).toBe(403);
  });
});
