import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { propertyAreas } from '../../db/schema/index.ts';
import { spreadsheetWorker } from '../../lib/spreadsheet.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { orgIdOf } from '../../../test/owner-fixtures.ts';

let t: TestApp;
let dev: Agent;
let areaId: number;
let freeAreaId: number;
let picked: { id: number; building: string; unit: string; room: string }[];

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  const areas = await t.handle.db.select().from(propertyAreas);
  areaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
  freeAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
  picked = (await dev.get(`/api/areas/${areaId}/houses?pageSize=3`)).json().items;
  expect(picked).toHaveLength(3);
});
afterAll(() => t.close());

const HEADER = ['房屋编号', '楼幢', '单元', '房号', '金额(元)'];
type Cell = ExcelJS.CellValue;

/** The page's 导出 file, filled in: `amounts[i]` goes to the i-th picked house. */
async function amountsXlsx(amounts: Cell[], build?: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('续筹交款');
  ws.addRow(HEADER);
  amounts.forEach((a, i) => {
    const h = picked[i % picked.length] as (typeof picked)[number];
    ws.addRow([h.id, h.building, h.unit, h.room, a]);
  });
  build?.(wb, ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function form(bytes: Uint8Array | string, name: string, houseIds = picked.map((h) => h.id), area = areaId) {
  const f = new FormData();
  f.append('areaId', String(area));
  f.append('houseIds', houseIds.join(','));
  f.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  return f;
}

const upload = (f: FormData) => dev.postForm('/api/notices/custom/import', f);
type CellError = { row: number; column: string; message: string };
const where = (res: { json(): { errors: CellError[] } }) => res.json().errors.map((e) => `${e.row}:${e.column}`);

describe('F-22 / R-14 续筹交款: the amounts file is read on the server by the one import reader', () => {
  it('F-22 / R-14 formula amounts, full-width digits, a zero-width space and thousands separators give the exact amounts in fen', async () => {
    const bytes = await amountsXlsx(['１２３４．５６', { formula: 'E2*2', result: 2469.12 }, '1,000.5\u200b']);
    const res = await upload(form(bytes, '续筹交款.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([
      { houseId: picked[0]?.id, amount: 123456 },
      { houseId: picked[1]?.id, amount: 246912 },
      { houseId: picked[2]?.id, amount: 100050 },
    ]);
  });

  it('F-22 / R-14 a hidden sheet left behind is skipped: the visible 续筹交款 sheet is read', async () => {
    const bytes = await amountsXlsx(['10', '20', '30'], (wb) => {
      const old = wb.addWorksheet('旧数据', { state: 'hidden' });
      old.addRow(HEADER);
      for (const h of picked) old.addRow([h.id, h.building, h.unit, h.room, '999']);
    });
    const res = await upload(form(bytes, '隐藏工作表.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.map((r: { amount: number }) => r.amount)).toEqual([1000, 2000, 3000]);
  });

  it('F-22 / R-14 a GBK CSV saved by Excel is read too', async () => {
    const { gbkBytes } = await import('../../../test/registry-fixtures.ts');
    const csv = [HEADER, ...picked.map((h, i) => [h.id, h.building, h.unit, h.room, `${i + 1}00.00`])].map((r) => r.join(',')).join('\r\n');
    const res = await upload(form(gbkBytes(csv), 'gbk.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.map((r: { amount: number }) => r.amount)).toEqual([10000, 20000, 30000]);
  });

  it('F-22 / R-14 "12,34", an empty amount, zero, a date and an unpicked or repeated house are each refused by row and column; no amount is answered', async () => {
    const bytes = await amountsXlsx(['12,34', '', '0', '5', '6'], (_wb, ws) => {
      ws.getCell(5, 1).value = 999_999_999;
      const d = ws.getCell(6, 5);
      d.value = new Date(Date.UTC(2026, 2, 12));
      d.numFmt = 'yyyy-mm-dd';
    });
    const res = await upload(form(bytes, '有错误.xlsx'));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().rows).toBeUndefined();
    expect(where(res)).toEqual(['2:金额(元)', '3:金额(元)', '4:金额(元)', '5:房屋编号', '6:金额(元)', '6:房屋编号']);
    const [comma, empty, zero, unpicked, date, repeated] = res.json().errors as CellError[];
    expect(comma?.message).toContain('金额“12,34”须为非负金额');
    expect(empty?.message).toBe('请填写金额');
    expect(zero?.message).toBe('金额须大于 0');
    expect(unpicked?.message).toContain('房屋编号“999999999”不是已勾选的房屋');
    expect(date?.message).toContain('内容被表格软件识别成了日期');
    expect(repeated?.message).toContain(`房屋编号 ${picked[1]?.id} 与第 3 行重复`);
    expect(res.json().message).not.toMatch(/R-\d/);
  });

  it('F-22 / R-14 a renamed 金额 column is one 缺少必填列 error; an .ods renamed .xlsx is told to save as .xlsx', async () => {
    const renamed = await amountsXlsx(['1', '2', '3'], (_wb, ws) => {
      ws.getCell(1, 5).value = '交款金额';
    });
    const res = await upload(form(renamed, '改列名.xlsx'));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0]).toMatchObject({ row: 1, column: '金额(元)' });
    expect(res.json().errors[0].message).toContain('缺少必填列');
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
    zip.file('content.xml', '<?xml version="1.0"?><office:document-content/>');
    const ods = await upload(form(await zip.generateAsync({ type: 'uint8array' }), '金额.xlsx'));
    expect(ods.statusCode, ods.body).toBe(400);
    expect(ods.json().message).toContain('“另存为” .xlsx');
  });

  it('F-22 / R-14 300 bad rows: the first 200 errors are listed with the total, and the annotated file holds every one', async () => {
    const bytes = await amountsXlsx(Array.from({ length: 300 }, () => '-1'));
    const res = await upload(form(bytes, '三百处错误.xlsx'));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toHaveLength(200);
    // Every row is refused: the amount, and from the fourth row on the repeated house too.
    expect(res.json().total).toBe(300 + 297);
    const annotated = await dev.postForm('/api/notices/custom/import/annotated', form(bytes, '三百处错误.xlsx'));
    expect(annotated.statusCode).toBe(200);
    expect(annotated.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('错误清单')?.rowCount).toBe(1 + 597);
    const clean = await dev.postForm('/api/notices/custom/import/annotated', form(await amountsXlsx(['1', '2', '3']), 'ok.xlsx'));
    expect(clean.statusCode).toBe(400);
    expect(clean.json().message).toBe('文件没有错误，可直接导入');
  });

  it('R-14 a parse worker that dies fails the read in flight and those queued behind it with a plain message; the next import gets a fresh worker', async () => {
    // 20,000 rows (the limit): each read takes the worker a while, so all three are still unanswered.
    const big = await amountsXlsx(Array.from({ length: 20_000 }, () => '1'));
    const dying = await spreadsheetWorker();
    const answers = Promise.all(['甲', '乙', '丙'].map((n) => upload(form(big, `${n}.xlsx`))));
    await vi.waitFor(async () => expect((await spreadsheetWorker()).reads).toBe(3), { timeout: 20_000, interval: 20 });
    // What a crash or running out of memory does to the thread, from outside it.
    await dying.worker.terminate();
    for (const res of await answers) {
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toEqual({
        code: 'IMPORT_WORKER',
        message: '读取文件时出现故障，本次没有导入任何数据；请稍后重新导入，如仍不成功请联系维修资金管理中心',
      });
    }
    const next = await upload(form(await amountsXlsx(['1', '2', '3']), '重新导入.xlsx'));
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().rows).toHaveLength(3);
    expect((await spreadsheetWorker()).worker.threadId).not.toBe(dying.worker.threadId);
  });

  it('F-22 refuses an upload without picked houses, naming the field', async () => {
    const res = await upload(form(await amountsXlsx(['1']), 'a.xlsx', []));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().fieldErrors.houseIds).toBe('请先选择房屋，再导入金额');
  });

  it('§10 authorisation: houses of another area and an area of another developer are refused on the server', async () => {
    const other = (await dev.get(`/api/areas/${freeAreaId}/houses?pageSize=1`)).json().items[0].id as number;
    const mixed = await upload(form(await amountsXlsx(['1']), 'a.xlsx', [picked[0]?.id as number, other]));
    expect(mixed.statusCode, mixed.body).toBe(400);
    expect(mixed.json().fieldErrors.houseIds).toContain('不属于本物业区域');
    await t.handle.db
      .update(propertyAreas)
      .set({ developerOrgId: await orgIdOf(t, DEMO.office.code) })
      .where(eq(propertyAreas.id, freeAreaId));
    const foreign = await upload(form(await amountsXlsx(['1']), 'a.xlsx', [other], freeAreaId));
    expect(foreign.statusCode, foreign.body).toBe(404);
    const annotated = await dev.postForm(
      '/api/notices/custom/import/annotated',
      form(await amountsXlsx(['x']), 'a.xlsx', [other], freeAreaId),
    );
    expect(annotated.statusCode).toBe(404);
    const teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
    expect((await teller.postForm('/api/notices/custom/import', form(await amountsXlsx(['1']), 'a.xlsx'))).statusCode).toBe(403);
  });
});
