import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildings, fundInstructions, houses, propertyAreas } from '../../db/schema/index.ts';
import { formatArea } from '../../domain/area.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { houseXlsx, pushThrough, uploadForm } from '../../../test/registry-fixtures.ts';

let t: TestApp;
let dev: Agent;
let office: Agent;
let areaId: number;
let otherAreaId: number;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  office = await t.login(DEMO.office.code, DEMO.office.admin);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
  otherAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
});
afterAll(() => t.close());

const parking = async (rooms: string[]) => {
  const res = await dev.get(`/api/areas/${areaId}/houses?q=B0&pageSize=200`);
  return (res.json().items as { id: number; room: string }[]).filter((h) => rooms.includes(h.room));
};

describe('F-14 房屋拆分合并', () => {
  it('F-14 R-11 merges two parking spaces into one: sources cancelled, result created with an account, balance move recorded', async () => {
    const sources = await parking(['B010', 'B011']);
    const id = (
      await dev.post('/api/applications', { type: 'house_split_merge', areaId, form: { reason: '两个车位合并为一个子母车位' } })
    ).json().id;
    expect((await dev.put(`/api/applications/${id}/items/source`, { rows: sources.map((s) => ({ houseId: s.id })) })).statusCode).toBe(200);

    const exported = await dev.get(`/api/applications/${id}/export?kind=source`);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('房屋信息')?.getRow(2).getCell(4).value).toBe('B010');

    const merged = await houseXlsx([
      {
        building: '地下车库',
        unit: '',
        floor: '-1',
        room: 'B010',
        address: '侨城花园地下车库B010子母车位',
        buildingArea: '26.40',
        use: '车位',
        elevator: '无',
        salesStatus: '未售',
      },
    ]);
    const imported = await dev.postForm(`/api/applications/${id}/import`, uploadForm(merged, 'merged.xlsx'));
    expect(imported.statusCode).toBe(200);
    await pushThrough(dev, office, id);

    const after = (await dev.get(`/api/applications/${id}`)).json();
    const [created] = after.outcome.resultIds as number[];
    const rows = await t.handle.db
      .select()
      .from(houses)
      .where(eq(houses.id, created as number));
    expect(rows[0]?.buildingArea).toBe(2640);
    expect(rows[0]?.room).toBe('B010');
    for (const s of sources) expect((await t.handle.db.select().from(houses).where(eq(houses.id, s.id)))[0]?.status).toBe('cancelled');
    const [move] = await t.handle.db
      .select()
      .from(fundInstructions)
      .where(and(eq(fundInstructions.applicationId, id), eq(fundInstructions.kind, 'balance_move')));
    expect(move?.payload).toMatchObject({ from: sources.map((s) => s.id), to: [created], weights: [2640] });
  });

  it('F-14 R-11 previews each result’s balance before approval and warns when the areas after differ from before', async () => {
    const [source] = await parking(['B030']);
    if (!source) throw new Error('demo parking space missing');
    const detail = (await dev.get(`/api/houses/${source.id}`)).json() as { buildingArea: number };
    const balance = ((await dev.get(`/api/houses/${source.id}/statement`)).json().items as { balance: number }[]).at(-1)?.balance ?? 0;
    expect(balance).toBeGreaterThan(0);
    const id = (await dev.post('/api/applications', { type: 'house_split_merge', areaId, form: { reason: '一个车位拆为两个' } })).json().id;
    await dev.put(`/api/applications/${id}/items/source`, { rows: [{ houseId: source.id }] });
    const row = (room: string, area: number) => ({
      building: '地下车库',
      unit: '',
      floor: '-1',
      room,
      address: `侨城花园地下车库${room}车位`,
      buildingArea: formatArea(area),
      use: '车位',
      elevator: '无',
      salesStatus: '未售',
    });
    const half = Math.floor(detail.buildingArea / 2);
    const split = async (areas: [number, number]) => {
      const file = await houseXlsx([row('B030A', areas[0]), row('B030B', areas[1])]);
      expect((await dev.postForm(`/api/applications/${id}/import`, uploadForm(file, 'split.xlsx'))).statusCode).toBe(200);
      return (await dev.get(`/api/applications/${id}/fund`)).json() as {
        moves: { house: string; buildingArea: number; balance: number }[];
        areaWarning: string | null;
      };
    };
    const even = await split([half, detail.buildingArea - half]);
    expect(even.areaWarning).toBeNull();
    expect(even.moves.map((m) => m.house)).toEqual(['地下车库B030A', '地下车库B030B']);
    expect(even.moves.reduce((a, m) => a + m.balance, 0)).toBe(balance);

    // Half as large again as the source: the balance still moves whole, and the page is told why to look twice.
    const larger = await split([half, detail.buildingArea]);
    expect(larger.moves.reduce((a, m) => a + m.balance, 0)).toBe(balance);
    expect(larger.moves[1]?.balance).toBeGreaterThan(larger.moves[0]?.balance ?? 0);
    expect(larger.areaWarning).toContain(formatArea(detail.buildingArea));
    expect(larger.areaWarning).toContain(formatArea(half + detail.buildingArea));
  });

  it('F-14 refuses a one-to-one "split" and results in a building the area lacks', async () => {
    const [one] = await parking(['B020']);
    const id = (await dev.post('/api/applications', { type: 'house_split_merge', areaId, form: { reason: '测试' } })).json().id;
    await dev.put(`/api/applications/${id}/items/source`, { rows: [{ houseId: one?.id }] });
    const file = await houseXlsx([
      {
        building: '99栋',
        unit: '',
        floor: '1',
        room: 'X1',
        address: '某处',
        buildingArea: '10',
        use: '车位',
        elevator: '无',
        salesStatus: '未售',
      },
    ]);
    await dev.postForm(`/api/applications/${id}/import`, uploadForm(file, 'r.xlsx'));
    const res = await dev.post(`/api/applications/${id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('不是拆分或合并');
    expect(res.json().message).toContain('99栋');
  });
});

describe('F-13 楼幢变更', () => {
  it('F-13 batch-changes year and structure, and moves a building with its houses to the developer’s other area', async () => {
    const list = (await dev.get(`/api/areas/${areaId}/buildings`)).json().items as { id: number; name: string; houseCount: number }[];
    const five = list.find((b) => b.name === '5栋');
    const six = list.find((b) => b.name === '6栋');
    if (!five || !six) throw new Error('demo buildings missing');
    const id = (await dev.post('/api/applications', { type: 'building_change', areaId, form: { reason: '测绘更正' } })).json().id;
    const base = { floorsAbove: 18, floorsBelow: 1, builtYear: 2017, structure: '混合结构', elevator: true };
    const res = await dev.put(`/api/applications/${id}/items/building`, {
      rows: [
        { buildingId: five.id, after: { ...base, name: '5栋', areaId } },
        { buildingId: six.id, after: { ...base, name: '江景6栋', areaId: otherAreaId } },
      ],
    });
    expect(res.statusCode).toBe(200);
    await pushThrough(dev, office, id);
    const [moved] = await t.handle.db.select().from(buildings).where(eq(buildings.id, six.id));
    expect(moved).toMatchObject({ areaId: otherAreaId, name: '江景6栋', structure: '混合结构', builtYear: 2017 });
    const movedHouses = await t.handle.db.select().from(houses).where(eq(houses.buildingId, six.id));
    expect(movedHouses.length).toBe(six.houseCount);
    expect(movedHouses.every((h) => h.areaId === otherAreaId)).toBe(true);
  });

  it('F-13 refuses a name already used in the target area', async () => {
    const list = (await dev.get(`/api/areas/${areaId}/buildings`)).json().items as { id: number; name: string }[];
    const one = list.find((b) => b.name === '1栋');
    const id = (await dev.post('/api/applications', { type: 'building_change', areaId, form: { reason: '改名' } })).json().id;
    await dev.put(`/api/applications/${id}/items/building`, {
      rows: [
        {
          buildingId: one?.id,
          after: { name: '2栋', floorsAbove: 18, floorsBelow: 1, builtYear: 2016, structure: '钢筋混凝土结构', elevator: true, areaId },
        },
      ],
    });
    const res = await dev.post(`/api/applications/${id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('“2栋”在目标物业区域中已存在');
  });
});

describe('F-13 楼幢变更 of the lift', () => {
  interface Building {
    id: number;
    name: string;
    floorsAbove: number;
    floorsBelow: number;
    builtYear: number;
    structure: string;
    elevator: boolean;
  }
  const buildingOf = async (area: number, name: string) => {
    const list = (await dev.get(`/api/areas/${area}/buildings`)).json().items as Building[];
    const b = list.find((x) => x.name === name);
    if (!b) throw new Error(`demo building ${name} missing`);
    return b;
  };
  const afterOf = (b: Building, area: number, patch: Partial<Building> = {}) => {
    const { name, floorsAbove, floorsBelow, builtYear, structure, elevator } = { ...b, ...patch };
    return { name, floorsAbove, floorsBelow, builtYear, structure, elevator, areaId: area };
  };
  const change = async (area: number, b: Building, patch: Partial<Building>) => {
    const id = (await dev.post('/api/applications', { type: 'building_change', areaId: area, form: { reason: '电梯加装' } })).json().id;
    expect(
      (await dev.put(`/api/applications/${id}/items/building`, { rows: [{ buildingId: b.id, after: afterOf(b, area, patch) }] }))
        .statusCode,
    ).toBe(200);
    return id as number;
  };
  const flatsOf = async (area: number, b: Building) =>
    (
      (await dev.get(`/api/areas/${area}/houses?buildingId=${b.id}&status=normal&pageSize=200`)).json().items as {
        id: number;
        use: string;
        elevator: boolean;
        buildingArea: number;
        amountDue: number;
      }[]
    ).filter((h) => h.use === '住宅');

  it('F-13 R-12 a lift change applies to the building’s houses and re-prices them; 无 → 有 collects the difference by 补交 notices', async () => {
    const three = await buildingOf(otherAreaId, '3栋');
    // The demo has lifts everywhere: take 3栋's away first (its houses are unpaid, so nothing is refunded).
    await pushThrough(dev, office, await change(otherAreaId, three, { elevator: false }));
    const [flat] = await flatsOf(otherAreaId, three);
    if (!flat) throw new Error('demo flat missing');
    expect(flat).toMatchObject({ elevator: false, amountDue: Math.round((flat.buildingArea * 2000) / 100) });

    const id = await change(otherAreaId, { ...three, elevator: false }, { elevator: true });
    const preview = (await dev.get(`/api/applications/${id}/fund`)).json();
    expect(preview.effects.find((e: { houseId: number }) => e.houseId === flat.id)).toMatchObject({
      house: expect.stringContaining('3栋'),
      supplement: Math.round((flat.buildingArea * 1000) / 100),
      refund: 0,
    });
    await pushThrough(dev, office, id);
    const flats = await flatsOf(otherAreaId, three);
    expect(flats.every((h) => h.elevator)).toBe(true);
    const again = flats.find((h) => h.id === flat.id);
    expect(again?.amountDue).toBe(Math.round((flat.buildingArea * 3000) / 100));
    const supplements = await t.handle.db.select().from(fundInstructions).where(eq(fundInstructions.applicationId, id));
    expect(supplements.filter((i) => i.kind === 'supplement').length).toBe(flats.length);
    const detail = (await dev.get(`/api/houses/${flat.id}`)).json();
    expect(detail.history[0]).toMatchObject({ kind: 'building_change', before: { elevator: false }, after: { elevator: true } });
    const notices = (await dev.get(`/api/applications/${id}/fund`)).json().notices as { total: number }[];
    expect(notices).toHaveLength(flats.length);
  });

  it('F-13 R-12 refuses a lift removal that would refund paid money, naming 房屋信息变更 where each refund account is entered', async () => {
    const four = await buildingOf(areaId, '4栋');
    const res = await dev.post(`/api/applications/${await change(areaId, four, { elevator: false })}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('房屋信息变更');
  });

  it('F-13 refuses a 楼幢变更 that changes nothing', async () => {
    const two = await buildingOf(areaId, '2栋');
    const res = await dev.post(`/api/applications/${await change(areaId, two, {})}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('没有变化');
  });
});

describe('F-14 附件', () => {
  it('F-14 R-1 attaches images to a draft, refuses other content, and freezes attachments once submitted', async () => {
    const { smallPng, file } = await import('../../../test/fixtures.ts');
    const [one, two] = await parking(['B030', 'B031']);
    const id = (await dev.post('/api/applications', { type: 'house_split_merge', areaId, form: { reason: '合并' } })).json().id;
    const form = (f: File) => {
      const fd = new FormData();
      fd.append('file', f);
      return fd;
    };
    const ok = await dev.postForm(
      `/api/applications/${id}/documents?kind=${encodeURIComponent('测绘报告')}`,
      form(file(smallPng(), '测绘报告.png')),
    );
    expect(ok.statusCode).toBe(201);
    const bad = await dev.postForm(`/api/applications/${id}/documents`, form(file(new TextEncoder().encode('%PDF-1.4'), '合同.png')));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('合同.png');
    expect((await dev.get(`/api/applications/${id}/documents`)).json().items.map((d: { kind: string }) => d.kind)).toEqual(['测绘报告']);
    // The office reviewing it can open the attachment.
    await dev.put(`/api/applications/${id}/items/source`, { rows: [{ houseId: one?.id }, { houseId: two?.id }] });
    const merged = await houseXlsx([
      {
        building: '地下车库',
        unit: '',
        floor: '-1',
        room: 'B030',
        address: '车位',
        buildingArea: '25.00',
        use: '车位',
        elevator: '无',
        salesStatus: '未售',
      },
    ]);
    await dev.postForm(`/api/applications/${id}/import`, uploadForm(merged, 'm.xlsx'));
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    const late = await dev.postForm(`/api/applications/${id}/documents`, form(file(smallPng(), 'late.png')));
    expect(late.statusCode).toBe(409);
    const fileId = (await office.get(`/api/applications/${id}/documents`)).json().items[0].fileId;
    expect((await office.get(`/api/files/${fileId}`)).headers['content-type']).toBe('image/png');
  });
});
