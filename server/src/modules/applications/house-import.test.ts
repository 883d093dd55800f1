import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applicationItems, applications, propertyAreas } from '../../db/schema/index.ts';
import { HOUSE_COLUMNS } from '../../domain/house-row.ts';
import { ID_CARD_RULE } from '../../domain/id-card.ts';
import { spreadsheetWorker } from '../../lib/spreadsheet.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import {
  collectionDraft,
  gbkBytes,
  houseCsv,
  houseRow,
  houseXlsx,
  idCard,
  type Row,
  rowsToGrid,
  tower,
  uploadForm,
  utf8BomBytes,
} from '../../../test/registry-fixtures.ts';

let t: TestApp;
let dev: Agent;
/** An area collection holding two clean houses; every refused import must leave it exactly so. */
let collectionId: number;
/** A house supplement into 侨城花园 holding one clean house (9栋101). */
let supplementId: number;

const AREA_RULE_MESSAGE = '须为正数，最多 2 位小数';
const REFUSED = /^导入文件有 \d+ 处错误，未导入任何数据；请按提示修改后重新导入$/;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  collectionId = await collectionDraft(dev, tower('A栋', 1, 2), '导入测试花园');
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  const created = await dev.post('/api/applications', {
    type: 'house_supplement',
    areaId: area?.id,
    form: { depositTiming: '商品房预售前', buildings: [] },
  });
  expect(created.statusCode).toBe(201);
  supplementId = created.json().id;
  const first = await importFile(
    supplementId,
    await houseXlsx([houseRow({ building: '9栋', room: '101', address: '江门市蓬江区建设路 88 号侨城花园9栋101' })]),
    'h.xlsx',
  );
  expect(first.statusCode).toBe(200);
});
afterAll(() => t.close());

function importFile(id: number, bytes: Uint8Array | string, name: string) {
  return dev.postForm(`/api/applications/${id}/import`, uploadForm(bytes, name));
}

/** What an application holds: its header, item count and items, to prove a refused import saved nothing. */
async function snapshot(id: number) {
  const [app] = await t.handle.db.select().from(applications).where(eq(applications.id, id));
  const items = await t.handle.db
    .select({ kind: applicationItems.kind, seq: applicationItems.seq, data: applicationItems.data })
    .from(applicationItems)
    .where(eq(applicationItems.applicationId, id))
    .orderBy(asc(applicationItems.seq));
  return { itemCount: app?.itemCount, form: app?.form, updatedAt: app?.updatedAt, items };
}

/** Posts a bad file; the application must be exactly as before. */
async function refusedImport(id: number, bytes: Uint8Array | string, name: string) {
  const before = await snapshot(id);
  const res = await importFile(id, bytes, name);
  const after = await snapshot(id);
  expect(after).toEqual(before);
  return res;
}

const errorsOf = (res: { json(): { errors: { row: number; column: string; message: string }[] } }) => res.json().errors;

describe('R-14 cell errors: every row checked, every error listed, nothing imported', () => {
  it('R-14 refuses areas with 3 decimals, negative or text, naming row and column of each, and imports nothing', async () => {
    const rows = [
      houseRow({ room: '201', buildingArea: '89.155' }),
      houseRow({ room: '202', buildingArea: '-12.50' }),
      houseRow({ room: '203', buildingArea: '八十九' }),
      houseRow({ room: '204', innerArea: '70.001' }),
      houseRow({ room: '205', buildingArea: '60.00', innerArea: '60.01' }),
    ];
    const res = await refusedImport(collectionId, await houseXlsx(rows), '面积.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IMPORT_ERRORS');
    expect(res.json().message).toMatch(REFUSED);
    expect(res.json().message).toContain('5 处错误');
    expect(errorsOf(res)).toEqual([
      { row: 2, column: '建筑面积(㎡)', message: AREA_RULE_MESSAGE },
      { row: 3, column: '建筑面积(㎡)', message: AREA_RULE_MESSAGE },
      { row: 4, column: '建筑面积(㎡)', message: AREA_RULE_MESSAGE },
      { row: 5, column: '套内面积(㎡)', message: AREA_RULE_MESSAGE },
      { row: 6, column: '套内面积(㎡)', message: '不能大于建筑面积 60.00' },
    ]);
    expect((await snapshot(collectionId)).itemCount).toBe(2);
  });

  it('R-14 refuses a house repeated inside the file: the later row names the first, and nothing is imported', async () => {
    const rows = [houseRow({ room: '101' }), houseRow({ room: '102' }), houseRow({ room: '101', floor: '1' }), houseRow({ room: '103' })];
    const res = await refusedImport(collectionId, await houseXlsx(rows), '重复.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toMatch(REFUSED);
    expect(errorsOf(res)).toEqual([{ row: 4, column: '房号', message: '房屋 A栋1单元101 与第 2 行重复' }]);
  });

  it('R-14 refuses a supplement row that is already in the registry (侨城花园 1栋/1单元/101), and imports nothing', async () => {
    const rows = [
      houseRow({ building: '1栋', unit: '3单元', room: '101', address: '侨城花园1栋3单元101' }),
      houseRow({ building: '1栋', unit: '1单元', room: '101', address: '侨城花园1栋1单元101' }),
      houseRow({ building: '地下车库', unit: '', floor: '-1', room: 'B001', use: '车位', elevator: '无', address: '侨城花园车位B001' }),
    ];
    const res = await refusedImport(supplementId, await houseXlsx(rows), '补充.xlsx');
    expect(res.statusCode).toBe(422);
    expect(errorsOf(res)).toEqual([
      { row: 3, column: '房号', message: '房屋 1栋1单元101 已在登记系统中存在' },
      { row: 4, column: '房号', message: '房屋 地下车库B001 已在登记系统中存在' },
    ]);
    expect((await snapshot(supplementId)).itemCount).toBe(1);
  });

  it('R-14 refuses an unknown house type, listing row and column, and imports nothing', async () => {
    const res = await refusedImport(
      collectionId,
      await houseXlsx([houseRow({ room: '301' }), houseRow({ room: '302', use: '别墅' })]),
      'x.xlsx',
    );
    expect(res.statusCode).toBe(422);
    expect(errorsOf(res)).toEqual([{ row: 3, column: '房屋类型', message: '房屋类型不存在，须为：住宅、商业、办公、车库、车位、其他' }]);
  });

  it('R-14 lists every error of every row at once, in row order', async () => {
    const rows = [
      houseRow({ room: '', floor: '0' }),
      houseRow({ room: '402', elevator: '可能', salesStatus: '预售' }),
      houseRow({ room: '403', building: '' }),
    ];
    const res = await refusedImport(collectionId, await houseXlsx(rows), 'many.xlsx');
    expect(res.statusCode).toBe(422);
    expect(errorsOf(res)).toEqual([
      { row: 2, column: '房号', message: '必填' },
      { row: 2, column: '楼层', message: '须为非零整数（地下层为负数）' },
      { row: 3, column: '电梯', message: '须为“有”或“无”' },
      { row: 3, column: '销售状态', message: '须为“已售”或“未售”' },
      { row: 4, column: '楼幢名称', message: '必填' },
    ]);
  });

  it('R-14 refuses an invalid 居民身份证 check character in 证件号码, naming row and column', async () => {
    const good = idCard('44070319850612123');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const owner = { salesStatus: '已售', ownerName: '陈伟', ownerIdType: '居民身份证', ownerPhone: '13800138000' };
    const rows = [houseRow({ room: '501', ...owner, ownerIdNumber: good }), houseRow({ room: '502', ...owner, ownerIdNumber: bad })];
    const res = await refusedImport(collectionId, await houseXlsx(rows), 'id.xlsx');
    expect(res.statusCode).toBe(422);
    expect(errorsOf(res)).toEqual([{ row: 3, column: '证件号码', message: ID_CARD_RULE }]);
  });

  it('R-14 refuses co-owners separated by “；” whose names, ID types and numbers do not match in count', async () => {
    const a = idCard('44070319850612123');
    const b = idCard('44070419900101456');
    const rows = [
      houseRow({
        room: '601',
        salesStatus: '已售',
        ownerName: '陈伟；李芳',
        ownerIdType: '居民身份证；居民身份证',
        ownerIdNumber: a,
      }),
      houseRow({
        room: '602',
        salesStatus: '已售',
        ownerName: '陈伟；李芳',
        ownerIdType: '居民身份证；护照',
        ownerIdNumber: `${a}；E12345678`,
        ownerPhone: '13800138000',
      }),
      houseRow({
        room: '603',
        salesStatus: '已售',
        ownerName: '陈伟；李芳',
        ownerIdType: '居民身份证；居民身份证',
        ownerIdNumber: `${a}；${b.slice(0, 17)}`,
      }),
    ];
    const res = await refusedImport(collectionId, await houseXlsx(rows), 'owners.xlsx');
    expect(res.statusCode).toBe(422);
    expect(errorsOf(res)).toEqual([
      { row: 2, column: '业主姓名', message: '多个业主用“；”分隔，姓名、证件类型、证件号码（及手机号）的个数须一致' },
      { row: 3, column: '业主姓名', message: '多个业主用“；”分隔，姓名、证件类型、证件号码（及手机号）的个数须一致' },
      { row: 4, column: '证件号码', message: `第 2 位业主：${ID_CARD_RULE}` },
    ]);
  });
});

describe('R-14 file-level refusals', () => {
  it('R-14 refuses a file missing a required column (a CSV without 房号), naming the column, and imports nothing', async () => {
    const header = HOUSE_COLUMNS.filter((c) => c.key !== 'room').map((c) => c.title);
    const grid = rowsToGrid([houseRow({ room: '701' })]).map((r) => r.filter((_, i) => HOUSE_COLUMNS[i]?.key !== 'room'));
    const csv = [header, ...grid].map((r) => r.join(',')).join('\r\n');
    const res = await refusedImport(collectionId, csv, 'no-room.csv');
    expect(res.statusCode).toBe(422);
    expect(errorsOf(res)).toEqual([
      {
        row: 1,
        column: '房号',
        message: '缺少必填列：在工作表“CSV”的前 10 行中没有找到含有这些列的表头（第 1 行最接近），请使用下载的模板，不要修改表头',
      },
    ]);
  });

  it('R-14 refuses an empty (0-byte) file and a header-only file, and imports nothing', async () => {
    const empty = await refusedImport(collectionId, new Uint8Array(0), 'empty.csv');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({
      code: 'IMPORT_FILE',
      message: '文件“empty.csv”是空文件',
      fieldErrors: { file: '文件“empty.csv”是空文件' },
    });

    for (const [bytes, name] of [
      [houseCsv([]), 'header.csv'],
      [await houseXlsx([]), 'header.xlsx'],
    ] as const) {
      const res = await refusedImport(collectionId, bytes, name);
      expect(res.statusCode, name).toBe(422);
      expect(errorsOf(res), name).toEqual([{ row: 2, column: '全部', message: '文件中没有数据行' }]);
    }
    const blank = await refusedImport(collectionId, '\r\n ,\r\n', 'blank.csv');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toBe('文件是空的：没有表头和数据行');
  });

  it('R-14 refuses a file of the wrong type (.pdf, .txt), checked by name and content, and imports nothing', async () => {
    const pdf = await refusedImport(collectionId, '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', '房屋清单.pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().message).toBe('文件“房屋清单.pdf”不是有效的 .xlsx 或 .csv 文件，请使用下载的模板');
    expect(pdf.json().fieldErrors.file).toBe(pdf.json().message);

    const txt = await refusedImport(collectionId, houseCsv([houseRow({ room: '801' })]), '房屋.txt');
    expect(txt.statusCode).toBe(400);
    expect(txt.json().message).toBe('文件“房屋.txt”不是有效的 .xlsx 或 .csv 文件，请使用下载的模板');

    // A PDF renamed to .xlsx is refused by its content.
    const renamed = await refusedImport(collectionId, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n', '房屋.xlsx');
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().message).toBe('文件“房屋.xlsx”不是有效的 .xlsx 或 .csv 文件，请使用下载的模板');
  });

  it('R-14 refuses 5 MB of random junk named .xlsx, with or without a ZIP signature, and imports nothing', async () => {
    const junk = new Uint8Array(randomBytes(5 * 1024 * 1024));
    junk[0] = 0x00; // not a ZIP by accident
    const res = await refusedImport(collectionId, junk, '房屋.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('文件“房屋.xlsx”不是有效的 .xlsx 或 .csv 文件，请使用下载的模板');

    const zipLike = new Uint8Array(randomBytes(5 * 1024 * 1024));
    zipLike.set([0x50, 0x4b, 0x03, 0x04]);
    const broken = await refusedImport(collectionId, zipLike, '损坏.xlsx');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toBe('无法读取文件“损坏.xlsx”：文件已损坏或不是 Excel 文件');
  });

  it('R-14 refuses an old .xls workbook, telling the user to save it as .xlsx, and imports nothing', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const res = await refusedImport(collectionId, ole, '房屋信息.xls');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('不支持旧版 .xls 文件“房屋信息.xls”：请在 Excel 或 WPS 中“另存为” .xlsx 后导入');
  });
});

describe('R-14 accepted encodings and workbooks', () => {
  const coOwned = (room: string): Row =>
    houseRow({
      building: 'B栋',
      unit: '2单元',
      room,
      address: `江门市蓬江区新城路 1 号B栋2单元${room}`,
      salesStatus: '已售',
      ownerName: '陈伟；李芳',
      ownerIdType: '居民身份证；护照',
      ownerIdNumber: `${idCard('44070319850612123')}；E12345678`,
      ownerPhone: '13800138000；13900139000',
    });

  async function importedItems(id: number) {
    return (await dev.get(`/api/applications/${id}/items?kind=house&pageSize=50`)).json();
  }

  it('R-14 imports a CSV saved as UTF-8 with BOM, with co-owners separated by “；”', async () => {
    const id = await collectionDraft(dev, tower('A栋', 1, 1), 'BOM花园');
    const res = await importFile(id, utf8BomBytes(houseCsv([coOwned('101'), houseRow({ room: '102' })])), 'utf8.csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2, addedBuildings: ['B栋'] });
    const items = await importedItems(id);
    expect(items.total).toBe(2);
    expect(items.items[0].data).toMatchObject({
      building: 'B栋',
      unit: '2单元',
      room: '101',
      buildingArea: 8915,
      innerArea: 7230,
      use: '住宅',
      elevator: true,
      salesStatus: 'sold',
      owners: [
        { name: '陈伟', idType: '居民身份证', idNumber: idCard('44070319850612123'), phone: '13800138000' },
        { name: '李芳', idType: '护照', idNumber: 'E12345678', phone: '13900139000' },
      ],
    });
  });

  it('R-14 imports a CSV saved as GBK by Chinese Excel', async () => {
    const id = await collectionDraft(dev, tower('A栋', 1, 1), 'GBK花园');
    const csv = houseCsv([
      coOwned('201'),
      houseRow({ building: '地下车库', unit: '', floor: '-1', room: 'B001', use: '车位', elevator: '无' }),
    ]);
    const bytes = gbkBytes(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const res = await importFile(id, bytes, 'gbk.csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2, addedBuildings: ['B栋', '地下车库'] });
    const items = (await importedItems(id)).items;
    expect(items[0].data.owners.map((o: { name: string }) => o.name)).toEqual(['陈伟', '李芳']);
    expect(items[1].data).toMatchObject({ building: '地下车库', unit: '', floor: -1, room: 'B001', use: '车位', elevator: false });
  });

  it('R-14 imports an .xlsx whose sheet is not named 房屋信息 and whose headers carry * and full-width parentheses, with numeric cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(HOUSE_COLUMNS.map((c) => `${c.title.replace('(', '（').replace(')', '）')}${c.required ? '*' : ''}`));
    ws.addRow(['C栋', '1单元', 3, '301', '江门市蓬江区新城路 1 号C栋301', 95.5, 80, '住宅', '有', '未售']);
    ws.addRow(['C栋', '1单元', 3, 302, '江门市蓬江区新城路 1 号C栋302', '101.25', '', '办公', '无', '未售']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(ws.getRow(1).getCell(6).value).toBe('建筑面积（㎡）*');
    const id = await collectionDraft(dev, tower('A栋', 1, 1), 'WPS花园');
    const res = await importFile(id, bytes, 'wps.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2, addedBuildings: ['C栋'] });
    const items = (await importedItems(id)).items;
    expect(items.map((i: { data: unknown }) => i.data)).toMatchObject([
      { building: 'C栋', floor: 3, room: '301', buildingArea: 9550, innerArea: 8000, use: '住宅', elevator: true },
      { building: 'C栋', floor: 3, room: '302', buildingArea: 10125, innerArea: 0, use: '办公', elevator: false },
    ]);
  });
});

describe('R-14 annotated workbook', () => {
  it('R-14 returns the bad file as an .xlsx with a 错误说明 column holding each row’s messages, and saves nothing', async () => {
    const rows = [houseRow({ room: '901' }), houseRow({ room: '902', buildingArea: '1.234', use: '别墅' }), houseRow({ room: '901' })];
    const before = await snapshot(collectionId);
    const res = await dev.postForm(`/api/applications/${collectionId}/import/annotated`, uploadForm(await houseXlsx(rows), 'bad.xlsx'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await snapshot(collectionId)).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('房屋信息');
    if (!ws) throw new Error('no 房屋信息 sheet');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('错误说明');
    const errCol = header.length;
    const rowText = (n: number) => String(ws.getRow(n).getCell(errCol).value ?? '');
    expect(ws.getRow(2).getCell(4).value).toBe('901');
    expect(rowText(2)).toBe('');
    expect(rowText(3)).toBe(`建筑面积(㎡)：${AREA_RULE_MESSAGE}；房屋类型：房屋类型不存在，须为：住宅、商业、办公、车库、车位、其他`);
    expect(rowText(4)).toBe('房号：房屋 A栋1单元901 与第 2 行重复');
    // The offending cells are marked with the message as a note.
    const areaCell = ws.getRow(3).getCell(HOUSE_COLUMNS.findIndex((c) => c.key === 'buildingArea') + 1);
    expect(areaCell.value).toBe('1.234');
    expect(JSON.stringify(areaCell.note)).toContain(AREA_RULE_MESSAGE);
  });

  it('R-14 answers 400 for an annotated copy of a clean file, and saves nothing', async () => {
    const before = await snapshot(collectionId);
    const res = await dev.postForm(
      `/api/applications/${collectionId}/import/annotated`,
      uploadForm(await houseXlsx([houseRow({ room: '999' })]), 'clean.xlsx'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'VALIDATION',
      message: '文件没有错误，可直接导入',
      fieldErrors: { file: '文件没有错误，可直接导入' },
    });
    expect(await snapshot(collectionId)).toEqual(before);
  });
});

describe('R-14 re-import', () => {
  const buildingsOf = async (id: number) =>
    ((await dev.get(`/api/applications/${id}`)).json().form.buildings as { name: string; builtYear: number }[]).map(
      (b) => `${b.name}/${b.builtYear}`,
    );

  it('R-14 a second file replaces what the first brought: buildings only the first file named leave the form, described ones it names again stay', async () => {
    const id = await collectionDraft(dev, [...tower('甲栋', 1, 1), ...tower('乙栋', 1, 1)], '重新导入花园');
    const first = (await dev.get(`/api/applications/${id}`)).json().form;
    expect(first.buildings.map((b: { name: string }) => b.name)).toEqual(['甲栋', '乙栋']);
    // The user describes 甲栋 after the first import.
    const described = first.buildings.map((b: { name: string }) => (b.name === '甲栋' ? { ...b, builtYear: 2019 } : b));
    expect((await dev.put(`/api/applications/${id}/form`, { form: { ...first, buildings: described } })).statusCode).toBe(200);

    const again = await importFile(id, await houseXlsx([...tower('甲栋', 2, 1), ...tower('丙栋', 1, 1)]), '第二个文件.xlsx');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ imported: 3, addedBuildings: ['丙栋'] });
    const year = (await dev.get(`/api/applications/${id}`)).json().form.buildings[1].builtYear as number;
    expect(await buildingsOf(id)).toEqual(['甲栋/2019', `丙栋/${year}`]);
    expect((await dev.get(`/api/applications/${id}/items?kind=house&pageSize=50`)).json().total).toBe(3);
  });
  it('R-14 /api/health answers while a house file is still being read: the read holds no database transaction', async () => {
    const id = await collectionDraft(dev, tower('健康栋', 1, 1), '健康花园');
    const importing = importFile(id, await houseXlsx(tower('健康栋', 50, 100)), '五千套.xlsx');
    await vi.waitFor(async () => expect((await spreadsheetWorker()).reads).toBe(1), { timeout: 20_000, interval: 10 });
    const health = await t.agent().get('/api/health');
    expect(health.statusCode).toBe(200);
    // Still reading: on the embedded database a transaction open around the read made health wait for it.
    expect((await spreadsheetWorker()).reads).toBe(1);
    expect((await importing).statusCode).toBe(200);
  }, 120_000);
});
