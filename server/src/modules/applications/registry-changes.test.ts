import { and, count, eq, ilike, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationHouseClaims,
  applications,
  auditLog,
  fundInstructions,
  houseAccounts,
  houseOwners,
  houses,
  propertyAreas,
} from '../../db/schema/index.ts';
import { ID_CARD_RULE, idCardCheckChar } from '../../domain/id-card.ts';
import { committeeRegistration, DEMO, file, registrationForm, smallPng, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { houseRow, houseXlsx, idCard, uploadForm } from '../../../test/registry-fixtures.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';

let t: TestApp;
let dev: Agent;
let acceptor: Agent;
let reviewer: Agent;
let areaId: number; // 侨城花园
let otherAreaId: number; // 江景豪庭, same developer

interface House {
  id: number;
  buildingId: number;
  building: string;
  unit: string;
  floor: number;
  room: string;
  address: string;
  buildingArea: number;
  use: string;
  elevator: boolean;
  salesStatus: 'sold' | 'unsold';
  status: 'normal' | 'cancelled';
  amountDue: number | null;
  ownerNames: string;
  heldBy: string | null;
}

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
  otherAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
});
afterAll(() => t.close());

async function buildingIds(area: number): Promise<Map<string, number>> {
  const res = await dev.get(`/api/areas/${area}/buildings`);
  expect(res.statusCode).toBe(200);
  return new Map(res.json().items.map((b: { name: string; id: number }) => [b.name, b.id]));
}

async function housesOf(area: number, query: Record<string, string | number> = {}): Promise<{ items: House[]; total: number }> {
  const qs = new URLSearchParams(Object.entries({ pageSize: 200, ...query }).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await dev.get(`/api/areas/${area}/houses?${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Live houses of one building of 侨城花园. */
async function buildingHouses(name: string): Promise<House[]> {
  const id = (await buildingIds(areaId)).get(name);
  return (await housesOf(areaId, { buildingId: id ?? -1, status: 'normal' })).items;
}

async function create(type: string, form: unknown, area: number | undefined = areaId, who: Agent = dev) {
  const res = await who.post('/api/applications', { type, areaId: area, form });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; no: string };
}

const putItems = (id: number, kind: string, rows: unknown[], who: Agent = dev) =>
  who.put(`/api/applications/${id}/items/${kind}`, { rows });

async function itemCount(id: number) {
  const [a] = await t.handle.db.select({ n: applications.itemCount }).from(applications).where(eq(applications.id, id));
  return a?.n;
}

/** Submit (developer), accept (受理员), approve (审核员). */
async function through(id: number) {
  for (const [who, step] of [
    [dev, 'submit'],
    [acceptor, 'accept'],
    [reviewer, 'approve'],
  ] as const) {
    const res = step === 'accept' ? await acceptApplication(who, id) : await who.post(`/api/applications/${id}/${step}`);
    expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
  }
}

const refundAccount = (name: string) => ({ accountName: name, bank: '中国工商银行江门分行', accountNo: '6222020000001234567' });

/** A valid 居民身份证 number whose check character is X, to prove a lower-case x is stored upper-case. */
function idCardEndingInX(): string {
  for (let seq = 100; seq < 1000; seq++) {
    const first17 = `44070419781105${seq}`;
    if (idCardCheckChar(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no X check character found');
}

describe('F-10 building grid and house list', () => {
  it('F-10 GET /api/buildings/:id/grid returns every house of the building with floor, room and state, top floor first', async () => {
    const ids = await buildingIds(otherAreaId);
    const buildingId = ids.get('1栋') as number;
    const res = await dev.get(`/api/buildings/${buildingId}/grid`);
    expect(res.statusCode).toBe(200);
    const { building, houses: grid } = res.json() as { building: { id: number; name: string; floorsAbove: number }; houses: House[] };
    expect(building).toMatchObject({ id: buildingId, name: '1栋', floorsAbove: 25 });
    const [inDb] = await t.handle.db.select({ n: count() }).from(houses).where(eq(houses.buildingId, buildingId));
    expect(grid).toHaveLength(inDb?.n ?? -1);
    expect(grid).toHaveLength(200); // 2 units × 25 floors × 4 rooms
    expect(new Set(grid.map((h) => h.id)).size).toBe(200);
    expect(grid.every((h) => h.buildingId === buildingId && h.building === '1栋')).toBe(true);
    expect(grid.map((h) => h.floor)).toEqual([...grid.map((h) => h.floor)].sort((a, b) => b - a));
    expect(grid[0]?.floor).toBe(25);
    expect(grid.at(-1)?.floor).toBe(1);
    const floor25 = grid.filter((h) => h.floor === 25);
    expect(floor25.map((h) => `${h.unit}/${h.room}`)).toEqual([
      '1单元/2501',
      '1单元/2502',
      '1单元/2503',
      '1单元/2504',
      '2单元/2505',
      '2单元/2506',
      '2单元/2507',
      '2单元/2508',
    ]);
    for (const h of grid) {
      expect(h.status).toBe('normal');
      expect(['sold', 'unsold']).toContain(h.salesStatus);
      expect(h.amountDue).toBeGreaterThan(0);
      expect(h.heldBy).toBeNull();
    }
    expect(grid.some((h) => h.salesStatus === 'unsold')).toBe(true);
    expect(grid.filter((h) => h.salesStatus === 'sold').every((h) => h.ownerNames.length > 0)).toBe(true);
  });

  it('F-10 GET /api/areas/:id/houses paginates (total, page 2) and searches by room and by owner name', async () => {
    const [inDb] = await t.handle.db.select({ n: count() }).from(houses).where(eq(houses.areaId, otherAreaId));
    const page1 = await housesOf(otherAreaId, { pageSize: 50 });
    const page2 = await housesOf(otherAreaId, { pageSize: 50, page: 2 });
    expect(page1.total).toBe(inDb?.n);
    expect(page1.total).toBe(900); // 4 towers × 200 flats + 100 parking spaces
    expect(page2.total).toBe(900);
    expect(page1.items).toHaveLength(50);
    expect(page2.items).toHaveLength(50);
    const first = new Set(page1.items.map((h) => h.id));
    expect(page2.items.some((h) => first.has(h.id))).toBe(false);
    expect((await housesOf(otherAreaId, { pageSize: 50, page: 18 })).items).toHaveLength(50);
    expect((await housesOf(otherAreaId, { pageSize: 50, page: 19 })).items).toHaveLength(0);
    const tooBig = await dev.get(`/api/areas/${otherAreaId}/houses?pageSize=500`);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().fieldErrors.pageSize).toBe('每页最多 200 条');

    const byRoom = await housesOf(otherAreaId, { q: '2501' });
    expect(byRoom.total).toBe(4);
    expect(byRoom.items.map((h) => `${h.building}${h.unit}${h.room}`)).toEqual([
      '1栋1单元2501',
      '2栋1单元2501',
      '3栋1单元2501',
      '4栋1单元2501',
    ]);

    // An owner of a house of this area, searched by name: every house one of whose owners carries it.
    const [owner] = await t.handle.db
      .select({ name: houseOwners.name })
      .from(houseOwners)
      .innerJoin(houses, eq(houses.id, houseOwners.houseId))
      .where(and(eq(houses.areaId, otherAreaId), eq(houses.room, '2501')));
    const name = owner?.name as string;
    const expected = await t.handle.db
      .selectDistinct({ id: houses.id })
      .from(houses)
      .innerJoin(houseOwners, eq(houseOwners.houseId, houses.id))
      .where(and(eq(houses.areaId, otherAreaId), ilike(houseOwners.name, `%${name}%`)));
    const byOwner = await housesOf(otherAreaId, { q: name });
    expect(byOwner.total).toBe(expected.length);
    expect(byOwner.items.map((h) => h.id).sort((a, b) => a - b)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
    expect(byOwner.items.every((h) => h.ownerNames.includes(name))).toBe(true);
    expect(byOwner.items.some((h) => h.room === '2501')).toBe(true);
  });
});

describe('F-12 物业区域变更', () => {
  it('F-12 changes address and remark at once, audit-logged as area.update with before and after; other fields are ignored', async () => {
    const [before] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, otherAreaId));
    const res = await dev.put(`/api/areas/${otherAreaId}`, {
      address: '江门市江海区五邑路 168 号之一',
      remark: '二期已交付',
      name: '改名豪庭',
      district: '新会区',
      developerOrgId: 1,
      depositTiming: '其他',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: otherAreaId,
      name: '江景豪庭',
      district: '江海区',
      address: '江门市江海区五邑路 168 号之一',
      remark: '二期已交付',
      depositTiming: before?.depositTiming,
      developerOrgId: before?.developerOrgId,
    });
    const [after] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, otherAreaId));
    expect(after).toMatchObject({ ...before, address: '江门市江海区五邑路 168 号之一', remark: '二期已交付', updatedAt: expect.any(Date) });
    // Effective at once: the list shows the new address.
    const listed = (await dev.get('/api/areas')).json().items.find((a: { id: number }) => a.id === otherAreaId);
    expect(listed.address).toBe('江门市江海区五邑路 168 号之一');

    const rows = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'area.update'), eq(auditLog.entityId, String(otherAreaId))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      entity: 'property_area',
      summary: '物业区域变更：江景豪庭（地址、备注）',
      before: { address: '江门市江海区五邑路 168 号', remark: '' },
      after: { address: '江门市江海区五邑路 168 号之一', remark: '二期已交付' },
      userName: '梁伟强（admin）',
    });

    // Saving the same values again changes nothing and logs nothing.
    expect(
      (await dev.put(`/api/areas/${otherAreaId}`, { address: '江门市江海区五邑路 168 号之一', remark: '二期已交付' })).statusCode,
    ).toBe(200);
    const [again] = await t.handle.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'area.update'), eq(auditLog.entityId, String(otherAreaId))));
    expect(again?.n).toBe(1);
  });

  it('F-12 refuses an empty address naming the field, and changes nothing', async () => {
    const [before] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, areaId));
    const [audits] = await t.handle.db.select({ n: count() }).from(auditLog);
    const res = await dev.put(`/api/areas/${areaId}`, { address: '   ', remark: '新备注' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', fieldErrors: { address: '物业区域地址不能为空' } });
    const [after] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, areaId));
    expect(after).toEqual(before);
    expect((await t.handle.db.select({ n: count() }).from(auditLog))[0]?.n).toBe(audits?.n);
  });

  it('F-12 the owners’ committee of the area, the bank and the office cannot change it (403), and nothing changes', async () => {
    const [before] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, areaId));
    for (const [code, user] of [
      [DEMO.committee.code, DEMO.committee.director],
      [DEMO.bank.code, DEMO.bank.admin],
      [DEMO.office.code, DEMO.office.admin],
    ] as const) {
      const agent = await t.login(code, user);
      const res = await agent.put(`/api/areas/${areaId}`, { address: '被改的地址', remark: '' });
      expect(res.statusCode, `${code}/${user}`).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' });
    }
    const [after] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, areaId));
    expect(after).toEqual(before);
  });
});

describe('F-15 房屋补充', () => {
  it('F-15 adds a new building 9栋 and new rooms in 1栋 (unit 3单元); approval opens accounts with the 2022 amount due', async () => {
    const rows = [
      ...[1, 2].flatMap((f) =>
        ['01', '02'].map((r) =>
          houseRow({
            building: '9栋',
            unit: '1单元',
            floor: String(f),
            room: `${f}${r}`,
            address: `侨城花园9栋${f}${r}`,
            buildingArea: '100.00',
          }),
        ),
      ),
      houseRow({
        building: '1栋',
        unit: '3单元',
        floor: '1',
        room: '101',
        address: '侨城花园1栋3单元101',
        buildingArea: '88.88',
        elevator: '无',
      }),
      houseRow({
        building: '1栋',
        unit: '3单元',
        floor: '1',
        room: '102',
        address: '侨城花园1栋3单元102',
        buildingArea: '120.50',
        use: '商业',
        elevator: '有',
        salesStatus: '已售',
        ownerName: '陈伟',
        ownerIdType: '居民身份证',
        ownerIdNumber: idCard('44070319850612123'),
      }),
      houseRow({
        building: '地下车库',
        unit: '',
        floor: '-1',
        room: 'B151',
        address: '侨城花园车位B151',
        buildingArea: '12.34',
        innerArea: '',
        use: '车位',
        elevator: '无',
      }),
    ];
    const before = await buildingIds(areaId);
    expect(before.has('9栋')).toBe(false);
    const app = await create('house_supplement', { depositTiming: '商品房现售前', buildings: [] });
    const imported = await dev.postForm(`/api/applications/${app.id}/import`, uploadForm(await houseXlsx(rows), '补充.xlsx'));
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ imported: 7, addedBuildings: ['9栋'] });
    expect(app.no).toMatch(/^BC\d{12}$/);
    // Nothing in the registry until approval.
    expect((await buildingIds(areaId)).has('9栋')).toBe(false);

    await through(app.id);
    const detail = (await dev.get(`/api/applications/${app.id}`)).json();
    expect(detail).toMatchObject({ status: 'approved', outcome: { houses: 7, buildings: 1 } });

    const after = await buildingIds(areaId);
    const nine = (await housesOf(areaId, { buildingId: after.get('9栋') as number })).items;
    expect(nine.map((h) => h.room)).toEqual(['101', '102', '201', '202']);
    for (const h of nine) expect(h.amountDue).toBe(300000); // 100.00 m² × 30 yuan (住宅, elevator)
    const one = (await housesOf(areaId, { buildingId: after.get('1栋') as number, q: '3单元' })).items;
    expect(one.map((h) => [h.unit, h.room, h.amountDue])).toEqual([
      ['3单元', '101', 177760], // 88.88 m² × 20 yuan (no elevator)
      ['3单元', '102', 361500], // 120.50 m² × 30 yuan (elevator)
    ]);
    expect(one[1]?.ownerNames).toBe('陈伟');
    const parking = (await housesOf(areaId, { q: 'B151' })).items;
    expect(parking.map((h) => [h.building, h.room, h.amountDue])).toEqual([['地下车库', 'B151', 24680]]); // 12.34 m² × 20 yuan

    const created = await t.handle.db
      .select()
      .from(houses)
      .innerJoin(houseAccounts, eq(houseAccounts.houseId, houses.id))
      .where(eq(houseAccounts.openedByApplicationId, app.id));
    expect(created).toHaveLength(7);
    expect(created.every((r) => r.houses.depositTiming === '商品房现售前' && r.house_accounts.status === 'open')).toBe(true);
    const history = (await dev.get(`/api/houses/${nine[0]?.id}`)).json().history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ applicationNo: app.no, kind: 'house_supplement', summary: `房屋补充开户（${app.no}）` });
    const buildingsList = (await dev.get(`/api/areas/${areaId}/buildings`)).json().items;
    expect(buildingsList.find((b: { name: string }) => b.name === '1栋').houseCount).toBe(146);
    expect(buildingsList.find((b: { name: string }) => b.name === '9栋')).toMatchObject({ houseCount: 4, floorsAbove: 2 });

    // The new houses are now part of the registry: importing them again is refused, and nothing is saved.
    const dup = await create('house_supplement', { depositTiming: '商品房现售前', buildings: [] });
    const res = await dev.postForm(`/api/applications/${dup.id}/import`, uploadForm(await houseXlsx(rows.slice(4, 5)), 'again.xlsx'));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ row: 2, column: '房号', message: '房屋 1栋3单元101 已在登记系统中存在' }]);
    expect(await itemCount(dup.id)).toBe(0);
  });

  it('F-15 a supplement imported before the same house was registered by another is refused at submit', async () => {
    const row = houseRow({ building: '2栋', unit: '3单元', floor: '1', room: '101', address: '侨城花园2栋3单元101' });
    const first = await create('house_supplement', { depositTiming: '商品房预售前', buildings: [] });
    const second = await create('house_supplement', { depositTiming: '商品房预售前', buildings: [] });
    for (const app of [first, second]) {
      expect((await dev.postForm(`/api/applications/${app.id}/import`, uploadForm(await houseXlsx([row]), 'h.xlsx'))).statusCode).toBe(200);
    }
    await through(first.id);
    const res = await dev.post(`/api/applications/${second.id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INCOMPLETE', message: '房屋重复或已登记：2栋3单元101' });
    expect((await dev.get(`/api/applications/${second.id}`)).json().status).toBe('draft');
    expect((await housesOf(areaId, { q: '2栋3单元101' })).total).toBe(1);
  });
});

describe('F-18 房屋注销', () => {
  it('F-18 R-13 cancels two picked houses on approval, with a history row and a refund instruction per house', async () => {
    // 4栋: 2栋's houses are in the range of a live repair project, which refuses 注销 (R-52).
    const [a, b] = (await buildingHouses('4栋')).filter((h) => h.unit === '1单元' && h.floor === 1);
    if (!a || !b) throw new Error('demo houses missing');
    const app = await create('house_cancellation', { reason: '旧城改造拆迁' });
    expect(app.no).toMatch(/^ZX\d{12}$/);
    const put = await putItems(app.id, 'house', [
      { houseId: a.id, refundAccount: refundAccount('业主甲') },
      { houseId: b.id, refundAccount: refundAccount('业主乙') },
    ]);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ count: 2 });
    const items = (await dev.get(`/api/applications/${app.id}/items?kind=house`)).json();
    expect(items.items.map((i: { houseId: number }) => i.houseId)).toEqual([a.id, b.id]);
    expect(items.items[0].before).toMatchObject({ id: a.id, building: '4栋', unit: '1单元', room: a.room, status: 'normal' });

    await through(app.id);
    for (const h of [a, b]) {
      const detail = (await dev.get(`/api/houses/${h.id}`)).json();
      expect(detail.status).toBe('cancelled');
      expect(detail.heldBy).toBeNull();
      expect(detail.history[0]).toMatchObject({
        applicationNo: app.no,
        kind: 'house_cancellation',
        summary: '房屋注销：旧城改造拆迁',
        before: { status: 'normal' },
        after: { status: 'cancelled' },
      });
    }
    const instructions = await t.handle.db.select().from(fundInstructions).where(eq(fundInstructions.applicationId, app.id));
    expect(instructions.map((i) => [i.kind, i.houseId, i.status])).toEqual([
      ['refund', a.id, 'done'],
      ['refund', b.id, 'done'],
    ]);
    expect(instructions[0]?.payload).toMatchObject({
      reason: 'cancellation',
      closeAccount: true,
      refundAccount: refundAccount('业主甲'),
      house: `4栋1单元${a.room}`,
    });
    // The house list now shows them among the cancelled houses.
    expect((await housesOf(areaId, { q: `4栋`, status: 'cancelled' })).items.map((h) => h.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('F-18 refuses a house of another area and a cancelled house when picked (400 naming the row), and saves nothing', async () => {
    const [cancelled] = (await housesOf(areaId, { status: 'cancelled' })).items;
    const [live] = await buildingHouses('2栋');
    const [foreign] = (await housesOf(otherAreaId, { pageSize: 1 })).items;
    if (!cancelled || !live || !foreign) throw new Error('houses missing');
    const app = await create('house_cancellation', { reason: '拆迁' });
    expect((await putItems(app.id, 'house', [{ houseId: live.id }])).statusCode).toBe(200);

    const other = await putItems(app.id, 'house', [{ houseId: foreign.id }]);
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { 'items.0.houseId': '第 1 行：房屋不存在或不属于本物业区域' },
    });
    const gone = await putItems(app.id, 'house', [{ houseId: live.id }, { houseId: cancelled.id }]);
    expect(gone.statusCode).toBe(400);
    expect(gone.json().fieldErrors).toEqual({
      'items.1.houseId': `第 2 行：房屋 ${cancelled.building}${cancelled.unit}${cancelled.room} 已注销`,
    });
    const twice = await putItems(app.id, 'house', [{ houseId: live.id }, { houseId: live.id }]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().fieldErrors['items.1.houseId']).toContain('重复选择');
    const badAccount = await putItems(app.id, 'house', [
      { houseId: live.id, refundAccount: { ...refundAccount('甲'), accountNo: '12ab' } },
    ]);
    expect(badAccount.statusCode).toBe(400);
    expect(badAccount.json().fieldErrors['items.0.refundAccount.accountNo']).toBe('第 1 行：银行账号须为 8–30 位数字');

    expect(await itemCount(app.id)).toBe(1);
    const items = (await dev.get(`/api/applications/${app.id}/items?kind=house`)).json().items;
    expect(items.map((i: { houseId: number }) => i.houseId)).toEqual([live.id]);
  });
});

describe('F-17 房屋权属批量变更', () => {
  it('F-17 replaces the owners of each picked house on approval; an unsold house becomes sold', async () => {
    const list = await buildingHouses('3栋');
    const unsold = list.find((h) => h.salesStatus === 'unsold');
    const sold = list.find((h) => h.salesStatus === 'sold' && h.ownerNames.length > 0);
    if (!unsold || !sold) throw new Error('demo houses missing');
    const xId = idCardEndingInX();
    const coOwners = [
      { name: '陈伟', idType: '居民身份证', idNumber: idCard('44070319850612123'), phone: '13800138000' },
      { name: '李芳', idType: '居民身份证', idNumber: xId.toLowerCase(), phone: '' },
    ];
    const company = { name: '江门市某某投资有限公司', idType: '统一社会信用代码', idNumber: '91440703MA4XYW0712', phone: '' };
    const app = await create('ownership_change', {});
    expect(app.no).toMatch(/^QS\d{12}$/);
    const put = await putItems(app.id, 'owners', [
      { houseId: unsold.id, owners: coOwners },
      { houseId: sold.id, owners: [company] },
    ]);
    expect(put.statusCode, put.body).toBe(200);
    // Nothing changes before approval.
    expect((await dev.get(`/api/houses/${unsold.id}`)).json().owners).toEqual([]);

    await through(app.id);
    const u = (await dev.get(`/api/houses/${unsold.id}`)).json();
    expect(u.salesStatus).toBe('sold');
    expect(u.ownerNames).toBe('陈伟、李芳');
    expect(u.owners.map(({ id: _id, ...o }: { id: number }) => o)).toEqual([coOwners[0], { ...coOwners[1], idNumber: xId }]);
    expect(u.history[0]).toMatchObject({ applicationNo: app.no, kind: 'ownership_change', before: { owners: [] } });
    const s = (await dev.get(`/api/houses/${sold.id}`)).json();
    expect(s.ownerNames).toBe(company.name);
    expect(s.owners).toHaveLength(1);
    expect(s.history[0].before.owners.map((o: { name: string }) => o.name).join('、')).toBe(sold.ownerNames);
  });

  it('F-17 refuses an invalid 居民身份证 number (400 naming the row and field) and a house without owners, and saves nothing', async () => {
    const [h] = await buildingHouses('3栋');
    if (!h) throw new Error('demo house missing');
    const app = await create('ownership_change', {});
    const good = idCard('44070319850612123');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const res = await putItems(app.id, 'owners', [
      {
        houseId: h.id,
        owners: [
          { name: '陈伟', idType: '居民身份证', idNumber: good, phone: '' },
          { name: '李芳', idType: '居民身份证', idNumber: bad, phone: '' },
        ],
      },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().fieldErrors).toEqual({ 'items.0.owners.1.idNumber': `第 1 行：${ID_CARD_RULE}` });
    const none = await putItems(app.id, 'owners', [{ houseId: h.id, owners: [] }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().fieldErrors['items.0.owners']).toBe('第 1 行：每套房屋至少一位业主');
    const badType = await putItems(app.id, 'owners', [
      { houseId: h.id, owners: [{ name: '陈伟', idType: '驾驶证', idNumber: '123', phone: '' }] },
    ]);
    expect(badType.statusCode).toBe(400);
    expect(badType.json().fieldErrors['items.0.owners.0.idType']).toContain('证件类型须为：居民身份证');
    expect(await itemCount(app.id)).toBe(0);
    const submit = await dev.post(`/api/applications/${app.id}/submit`);
    expect(submit.statusCode).toBe(400);
    expect(submit.json().message).toBe('请添加需要变更权属的房屋');
  });
});

describe('R-10 one open application per house', () => {
  it('R-10 refuses at submit a house held by a submitted application, naming it; a draft holds nothing; withdrawal frees the house', async () => {
    const [h, other] = (await buildingHouses('4栋')).filter((x) => x.unit === '2单元' && x.floor === 5);
    if (!h || !other) throw new Error('demo houses missing');
    const owners = [{ name: '黄明', idType: '居民身份证', idNumber: idCard('44078119700101001'), phone: '' }];
    const buildingId = h.buildingId;
    const heldBy = async (id: number) =>
      ((await dev.get(`/api/buildings/${buildingId}/grid`)).json().houses as House[]).find((x) => x.id === id)?.heldBy;

    // A draft picking the house holds nothing.
    const draft = await create('ownership_change', {});
    expect((await putItems(draft.id, 'owners', [{ houseId: h.id, owners }])).statusCode).toBe(200);
    expect(await heldBy(h.id)).toBeNull();

    const first = await create('ownership_change', {});
    expect((await putItems(first.id, 'owners', [{ houseId: h.id, owners }])).statusCode).toBe(200);
    expect((await dev.post(`/api/applications/${first.id}/submit`)).statusCode).toBe(200);
    expect(await heldBy(h.id)).toBe(first.no);
    expect(await heldBy(other.id)).toBeNull();
    expect((await dev.get(`/api/houses/${h.id}`)).json().heldBy).toBe(first.no);

    const second = await create('house_cancellation', { reason: '拆迁' });
    const put = await putItems(second.id, 'house', [
      { houseId: other.id, refundAccount: refundAccount('业主甲') },
      { houseId: h.id, refundAccount: refundAccount('业主乙') },
    ]);
    expect(put.statusCode).toBe(200); // picking is allowed; submitting is not
    const refused = await dev.post(`/api/applications/${second.id}/submit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      code: 'HOUSE_HELD',
      message: `1 套房屋正由业务单 ${first.no} 办理中，须待其办结或撤回后再提交`,
      rule: 'R-10',
    });
    expect((await dev.get(`/api/applications/${second.id}`)).json().status).toBe('draft');
    expect(await t.handle.db.select().from(applicationHouseClaims).where(eq(applicationHouseClaims.applicationId, second.id))).toEqual([]);
    expect(await heldBy(other.id)).toBeNull();

    // Returned for correction, the first still holds the house.
    expect((await acceptApplication(acceptor, first.id)).statusCode).toBe(200);
    expect((await reviewer.post(`/api/applications/${first.id}/reject`, { reason: '业主证件不清晰' })).statusCode).toBe(200);
    const stillHeld = await dev.post(`/api/applications/${second.id}/submit`);
    expect(stillHeld.statusCode).toBe(409);
    expect(stillHeld.json().message).toContain(first.no);

    // Withdrawn, it frees the house; the second now submits and holds both.
    expect((await dev.post(`/api/applications/${first.id}/withdraw`)).statusCode).toBe(200);
    expect(await heldBy(h.id)).toBeNull();
    const ok = await dev.post(`/api/applications/${second.id}/submit`);
    expect(ok.statusCode).toBe(200);
    expect(await heldBy(h.id)).toBe(second.no);
    expect(await heldBy(other.id)).toBe(second.no);

    const late = await dev.post(`/api/applications/${draft.id}/submit`);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain(second.no);
    expect((await dev.get(`/api/applications/${draft.id}`)).json().status).toBe('draft');
  });
});

describe('§10 isolation between developers', () => {
  it('F-10 F-12 a second developer sees none of the demo developer’s areas, houses, buildings or applications (404)', async () => {
    const code = '91440700MA5NEW003X';
    const reg = await t.agent().postForm(
      '/api/registration',
      registrationForm(
        { ...committeeRegistration(0), type: 'developer', name: '江门市新城地产有限公司', code, areaId: undefined },
        {
          businessLicence: file(smallPng(), '执照.png'),
          qualification: file(smallPng(), '资质.png'),
          legalRepId: file(smallPng(), '身份证.png'),
        },
      ),
    );
    expect(reg.statusCode, reg.body).toBe(201);
    const stranger = await t.login(code, 'admin', VALID_PASSWORD);

    expect((await stranger.get('/api/areas')).json()).toEqual({ items: [], total: 0 });
    expect((await stranger.get('/api/applications')).json()).toEqual({ items: [], total: 0 });
    const buildingId = (await buildingIds(areaId)).get('1栋') as number;
    const [house] = (await housesOf(areaId, { pageSize: 1 })).items;
    const notFound = (what: string) => ({ code: 'NOT_FOUND', message: `${what}不存在` });
    for (const [url, what] of [
      [`/api/areas/${areaId}/houses`, '物业区域'],
      [`/api/areas/${areaId}/buildings`, '物业区域'],
      [`/api/buildings/${buildingId}/grid`, '物业区域'],
      [`/api/houses/${house?.id}`, '物业区域'],
    ] as const) {
      const res = await stranger.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual(notFound(what));
    }

    const [areaBefore] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, areaId));
    const change = await stranger.put(`/api/areas/${areaId}`, { address: '他人的地址', remark: '' });
    expect(change.statusCode).toBe(404);
    expect(change.json()).toEqual(notFound('物业区域'));
    expect((await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.id, areaId)))[0]).toEqual(areaBefore);

    const [appsBefore] = await t.handle.db.select({ n: count() }).from(applications);
    const intoTheirs = await stranger.post('/api/applications', { type: 'house_cancellation', areaId, form: { reason: '拆迁' } });
    expect(intoTheirs.statusCode).toBe(404);
    expect(intoTheirs.json()).toEqual(notFound('物业区域'));
    expect((await t.handle.db.select({ n: count() }).from(applications))[0]?.n).toBe(appsBefore?.n);

    const theirs = await create('house_cancellation', { reason: '拆迁' });
    expect((await putItems(theirs.id, 'house', [{ houseId: house?.id }])).statusCode).toBe(200);
    const id = theirs.id;
    for (const [method, url, body] of [
      ['GET', `/api/applications/${id}`, undefined],
      ['GET', `/api/applications/${id}/items?kind=house`, undefined],
      ['PUT', `/api/applications/${id}/items/house`, { rows: [] }],
      ['PUT', `/api/applications/${id}/form`, { form: { reason: '改掉' } }],
      ['POST', `/api/applications/${id}/submit`, {}],
      ['POST', `/api/applications/${id}/withdraw`, {}],
    ] as const) {
      const res = await stranger.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json(), `${method} ${url}`).toEqual(notFound('业务单'));
    }
    const imp = await stranger.postForm(`/api/applications/${id}/import`, uploadForm(await houseXlsx([houseRow()]), 'h.xlsx'));
    expect(imp.statusCode).toBe(404);
    const detail = (await dev.get(`/api/applications/${id}`)).json();
    expect(detail).toMatchObject({ status: 'draft', itemCount: 1, form: { reason: '拆迁' } });
  });
});

describe('F-60 office inbox', () => {
  it('F-60 lists submitted applications (never drafts) with filters by type, status and q', async () => {
    // 5栋's deposit notice is unpaid, so the house to cancel comes from a paid building.
    const [h1] = (await buildingHouses('4栋')).filter((x) => x.floor === 10);
    const [, h2] = (await buildingHouses('5栋')).filter((x) => x.floor === 10);
    if (!h1 || !h2) throw new Error('demo houses missing');
    const draft = await create('house_cancellation', { reason: '草稿' });
    await putItems(draft.id, 'house', [{ houseId: h1.id }]);
    const cancel = await create('house_cancellation', { reason: '拆迁' });
    await putItems(cancel.id, 'house', [{ houseId: h1.id, refundAccount: refundAccount('业主丙') }]);
    expect((await dev.post(`/api/applications/${cancel.id}/submit`)).statusCode).toBe(200);
    const owners = await create('ownership_change', {});
    await putItems(owners.id, 'owners', [{ houseId: h2.id, owners: [{ name: '黄明', idType: '护照', idNumber: 'E12345678', phone: '' }] }]);
    expect((await dev.post(`/api/applications/${owners.id}/submit`)).statusCode).toBe(200);

    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const inbox = (await office.get('/api/applications?pageSize=200')).json();
    const nos = inbox.items.map((a: { no: string }) => a.no);
    expect(nos).toContain(cancel.no);
    expect(nos).toContain(owners.no);
    expect(nos).not.toContain(draft.no);
    expect(inbox.items.every((a: { status: string }) => a.status !== 'draft')).toBe(true);
    expect(inbox.total).toBe(inbox.items.length);
    expect(inbox.items.find((a: { no: string }) => a.no === cancel.no)).toMatchObject({
      type: 'house_cancellation',
      typeLabel: '房屋注销',
      status: 'submitted',
      statusLabel: '已提交',
      orgName: '江门市侨城置业有限公司',
      areaName: '侨城花园',
      itemCount: 1,
    });
    // The developer's own list still has its draft.
    expect((await dev.get('/api/applications?status=draft&pageSize=200')).json().items.map((a: { no: string }) => a.no)).toContain(
      draft.no,
    );

    const byType = (await office.get('/api/applications?type=ownership_change&pageSize=200')).json();
    expect(byType.items.map((a: { no: string }) => a.no)).toContain(owners.no);
    expect(byType.items.every((a: { type: string }) => a.type === 'ownership_change')).toBe(true);
    const byStatus = (await office.get('/api/applications?status=submitted&pageSize=200')).json();
    expect(byStatus.items.every((a: { status: string }) => a.status === 'submitted')).toBe(true);
    expect(byStatus.items.map((a: { no: string }) => a.no)).toEqual(expect.arrayContaining([cancel.no, owners.no]));
    const byNo = (await office.get(`/api/applications?q=${cancel.no}`)).json();
    expect(byNo).toMatchObject({ total: 1, items: [{ no: cancel.no }] });
    const byDraftNo = (await office.get(`/api/applications?q=${draft.no}`)).json();
    expect(byDraftNo).toEqual({ items: [], total: 0 });
    const byArea = (await office.get(`/api/applications?q=${encodeURIComponent('江景豪庭')}`)).json();
    expect(byArea.items.map((a: { no: string }) => a.no)).not.toContain(cancel.no);
    const badType = await office.get('/api/applications?type=nonsense');
    expect(badType.statusCode).toBe(400);
    expect(badType.json().fieldErrors.type).toBe('业务类型不正确');

    // The office sees the items of a submitted application, and nothing of a draft.
    expect((await office.get(`/api/applications/${cancel.id}/items?kind=house`)).json().total).toBe(1);
    expect((await office.get(`/api/applications/${draft.id}`)).statusCode).toBe(404);
  });

  it('F-60 accept only after submit, approve only after accept (409); the acceptor cannot approve (403), the reviewer can', async () => {
    const [h] = (await buildingHouses('5栋')).filter((x) => x.floor === 12);
    if (!h) throw new Error('demo house missing');
    const app = await create('ownership_change', {});
    await putItems(app.id, 'owners', [{ houseId: h.id, owners: [{ name: '黄明', idType: '护照', idNumber: 'E7654321', phone: '' }] }]);
    const status = async () => (await dev.get(`/api/applications/${app.id}`)).json().status;

    // A draft is not in the office's view at all.
    const early = await acceptor.post(`/api/applications/${app.id}/accept`);
    expect(early.statusCode).toBe(404);
    expect(early.json()).toEqual({ code: 'NOT_FOUND', message: '业务单不存在' });
    expect(await status()).toBe('draft');

    expect((await dev.post(`/api/applications/${app.id}/submit`)).statusCode).toBe(200);
    const tooEarly = await reviewer.post(`/api/applications/${app.id}/approve`);
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json()).toEqual({
      code: 'STATUS',
      message: `业务单 ${app.no} 当前状态为“已提交”，不能审核通过（须先受理）`,
    });
    expect(await status()).toBe('submitted');
    const reviewerAccept = await reviewer.post(`/api/applications/${app.id}/accept`);
    expect(reviewerAccept.statusCode).toBe(403);
    expect(reviewerAccept.json().message).toBe('当前用户的角色无权执行此操作');

    const accepted = await acceptApplication(acceptor, app.id, '收到身份证复印件 1 份');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      statusLabel: '已受理',
      acceptNote: '已收要件：业务申请表、不动产权证书（或购房合同）、业主身份证明；收到身份证复印件 1 份',
    });
    const twice = await acceptor.post(`/api/applications/${app.id}/accept`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe(`业务单 ${app.no} 当前状态为“已受理”，不能受理`);

    for (const step of ['approve', 'reject'] as const) {
      const res = await acceptor.post(`/api/applications/${app.id}/${step}`, { reason: '越权' });
      expect(res.statusCode, step).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' });
    }
    expect(await status()).toBe('accepted');
    const [owner] = await t.handle.db
      .select()
      .from(houseOwners)
      .where(and(eq(houseOwners.houseId, h.id), eq(houseOwners.name, '黄明')));
    expect(owner).toBeUndefined();

    const approved = await reviewer.post(`/api/applications/${app.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(approved.json().events.map((e: { action: string; userName: string }) => `${e.action}:${e.userName}`)).toEqual([
      'create:梁伟强',
      'submit:梁伟强',
      'accept:李晓燕',
      'approve:王建华',
    ]);
    const again = await reviewer.post(`/api/applications/${app.id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('当前状态为“已审核通过”');
    const late = await dev.post(`/api/applications/${app.id}/withdraw`);
    expect(late.statusCode).toBe(409);
    expect((await dev.get(`/api/houses/${h.id}`)).json().ownerNames).toBe('黄明');
    const claims = await t.handle.db
      .select()
      .from(applicationHouseClaims)
      .where(inArray(applicationHouseClaims.houseId, [h.id]));
    expect(claims).toEqual([]);
  });
});
