import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { projectItemHouses, propertyAreas } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Case, corpusFor, HOUSE_CORPUS, type ImportTemplate } from '../../../test/fixtures/spreadsheets/generate.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { demoArea } from '../../../test/project-fixtures.ts';
import { collectionDraft, houseCsv, houseRow, tower, uploadForm } from '../../../test/registry-fixtures.ts';

let t: TestApp;
let dev: Agent;
let member: Agent;

/** One kind of import: where its files go, what counts as imported, and the files made for it. */
interface ImportKind {
  kind: string;
  cases: Case[];
  post(bytes: Uint8Array, file: string): Promise<LightMyRequestResponse>;
  imported(body: Record<string, unknown>): unknown;
  /** Where this kind answers differently from the common expectation, by file. */
  differs?: Record<string, Case['expect']>;
}
const kinds: ImportKind[] = [];

/** The header and first `n` rows of an exported template, as the texts a user sees. */
async function exported(bytes: Buffer | Uint8Array, n: number) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const width = ws.getRow(1).cellCount;
  const texts = (r: number) => Array.from({ length: width }, (_, i) => ws.getCell(r, i + 1).text);
  return { sheet: ws.name, header: texts(1), rows: Array.from({ length: n }, (_, i) => texts(i + 2)) };
}

const appImport =
  (id: number, path = 'import') =>
  (bytes: Uint8Array, file: string) =>
    dev.postForm(`/api/applications/${id}/${path}`, uploadForm(bytes, file));

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  const areaId = area?.id as number;

  // 物业区域采集 and 房屋补充: the house template.
  const collection = await collectionDraft(dev, tower('语料A栋', 1, 1), '语料花园');
  kinds.push({ kind: '物业区域采集', cases: HOUSE_CORPUS, post: appImport(collection), imported: (b) => b.imported });
  const supplement = await dev.post('/api/applications', {
    type: 'house_supplement',
    areaId,
    form: { depositTiming: '商品房预售前', buildings: [] },
  });
  expect(supplement.statusCode, supplement.body).toBe(201);
  kinds.push({ kind: '房屋补充', cases: HOUSE_CORPUS, post: appImport(supplement.json().id), imported: (b) => b.imported });

  // 房屋信息变更 批量导入: the export of three picked houses, edited and imported back.
  const picked = (await dev.get(`/api/areas/${areaId}/houses?pageSize=3`)).json().items as Record<string, unknown>[];
  const change = await dev.post('/api/applications', { type: 'house_change', areaId, form: { reason: '重新测绘' } });
  const changeId = change.json().id as number;
  const after = (h: Record<string, unknown>) => {
    const { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus } = h;
    return { building, unit, floor, room, address, buildingArea, innerArea, use, elevator, salesStatus };
  };
  const items = await dev.put(`/api/applications/${changeId}/items/house`, {
    rows: picked.map((h) => ({ houseId: h.id, after: after(h) })),
  });
  expect(items.statusCode, items.body).toBe(200);
  const changeFile = await exported((await dev.get(`/api/applications/${changeId}/export?kind=house`)).rawPayload, 3);
  kinds.push({
    kind: '房屋信息变更',
    cases: corpusFor({ ...changeFile, key: 0, figure: changeFile.header.indexOf('建筑面积(㎡)*') }),
    post: appImport(changeId, 'import-changes'),
    imported: (b) => b.count,
  });

  // 分摊: a project item's share export, filled in and imported back.
  const demo = await demoArea(t);
  const project = await member.post('/api/projects', { type: 'general', name: '语料分摊', description: '' });
  const projectId = project.json().id as number;
  const facilityId = await demo.buildingFacility('1栋');
  await member.put(`/api/projects/${projectId}/items`, { items: [{ facilityId, content: '维修', budget: 100_000 }] });
  await member.post(`/api/projects/${projectId}/apportion`);
  const [range] = await t.handle.db.select().from(projectItemHouses).where(eq(projectItemHouses.projectId, projectId));
  const itemId = range?.itemId as number;
  const shares = await exported((await member.get(`/api/projects/${projectId}/items/${itemId}/shares.xlsx`)).rawPayload, 3);
  kinds.push({
    kind: '分摊',
    cases: corpusFor({ ...shares, key: 0, figure: 5 }),
    post: (bytes, file) => member.postForm(`/api/projects/${projectId}/items/${itemId}/shares/import`, uploadForm(bytes, file)),
    imported: (b) => b.updated,
  });

  // 续筹交款: the page's export of the picked houses with the amounts filled in.
  const amounts: ImportTemplate = {
    sheet: '续筹交款',
    header: ['房屋编号', '楼幢', '单元', '房号', '金额(元)'],
    rows: picked.map((h) => [String(h.id), String(h.building), String(h.unit), String(h.room), '1200.00']),
    key: 0,
    figure: 4,
  };
  kinds.push({
    kind: '续筹交款',
    cases: corpusFor(amounts),
    post: (bytes, file) => {
      const form = new FormData();
      form.append('areaId', String(areaId));
      form.append('houseIds', picked.map((h) => h.id).join(','));
      form.append('file', new File([new Uint8Array(bytes)], file));
      return dev.postForm('/api/notices/custom/import', form);
    },
    imported: (b) => (b.rows as unknown[]).length,
  });
});
afterAll(() => t.close());

type CellError = { row: number; column: string; message: string };

async function check(k: ImportKind, c: Case) {
  const expected = k.differs?.[c.file] ?? c.expect;
  const res = await k.post(await c.bytes(), c.file);
  if (expected.imported !== undefined) {
    expect(res.statusCode, res.body).toBe(200);
    expect(k.imported(res.json())).toBe(expected.imported);
  } else if (expected.fileMessage) {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(expected.fileMessage);
  } else {
    expect(res.statusCode, res.body).toBe(422);
    const errors = res.json().errors as CellError[];
    expect(
      errors.map((e) => ({ row: e.row, column: e.column })),
      res.body,
    ).toEqual((expected.errors ?? []).map((e) => ({ row: e.row, column: e.column })));
    for (const [i, e] of errors.entries()) expect(e.message).toContain(expected.errors?.[i]?.message);
  }
}

/** The table: every kind of import against its corpus files (the house-only cases against the house imports). */
const TABLE: [kind: string, file: string, name: string][] = [
  ...['物业区域采集', '房屋补充'].flatMap((kind) => HOUSE_CORPUS.map((c) => [kind, c.file, c.name] as [string, string, string])),
  ...['房屋信息变更', '分摊', '续筹交款'].flatMap((kind) =>
    // Keyed by 房屋编号: the names are those of the files made at run time from the exports.
    corpusFor({ sheet: '导出的工作表', header: ['房屋编号', '金额'], rows: [[], [], []], key: 0, figure: 1 }).map(
      (c) => [kind, c.file, c.name] as [string, string, string],
    ),
  ),
];

describe('R-14 the spreadsheet corpus: files as Excel, WPS and LibreOffice users make them, against every import', () => {
  for (const [kind, file, name] of TABLE) {
    it(`R-14 ${kind} · ${file}: ${name}`, async () => {
      const k = kinds.find((x) => x.kind === kind) as ImportKind;
      await check(k, k.cases.find((c) => c.file === file) as Case);
    });
  }

  it('R-14 a file with 300 errors answers the first 200 with the total, and the annotated file holds all 300', async () => {
    const draftId = await collectionDraft(dev, tower('语料B栋', 1, 1), '语料花园二');
    const rows = Array.from({ length: 300 }, (_, i) => houseRow({ room: `E${i}`, buildingArea: '-1' }));
    const form = () => uploadForm(houseCsv(rows), '三百处错误.csv');
    const res = await dev.postForm(`/api/applications/${draftId}/import`, form());
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toHaveLength(200);
    expect(res.json().total).toBe(300);
    expect(res.json().message).toContain('300 处错误');
    const annotated = await dev.postForm(`/api/applications/${draftId}/import/annotated`, form());
    expect(annotated.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('错误清单')?.rowCount).toBe(301);
  });
});
