import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../test/fixtures.ts';
import { HOUSE_CORPUS } from '../../../test/fixtures/spreadsheets/generate.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { collectionDraft, houseCsv, houseRow, tower, uploadForm } from '../../../test/registry-fixtures.ts';

let t: TestApp;
let dev: Agent;
let draftId: number;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  draftId = await collectionDraft(dev, tower('语料A栋', 1, 1), '语料花园');
});
afterAll(() => t.close());

type CellError = { row: number; column: string; message: string };

describe('R-14 the spreadsheet corpus: files as Excel, WPS and LibreOffice users make them', () => {
  for (const c of HOUSE_CORPUS) {
    it(`R-14 ${c.name}`, async () => {
      const res = await dev.postForm(`/api/applications/${draftId}/import`, uploadForm(await c.bytes(), c.file));
      if (c.expect.imported !== undefined) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().imported).toBe(c.expect.imported);
      } else if (c.expect.fileMessage) {
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().message).toContain(c.expect.fileMessage);
      } else {
        expect(res.statusCode, res.body).toBe(422);
        const errors = res.json().errors as CellError[];
        expect(
          errors.map((e) => ({ row: e.row, column: e.column })),
          res.body,
        ).toEqual((c.expect.errors ?? []).map((e) => ({ row: e.row, column: e.column })));
        for (const [i, e] of errors.entries()) expect(e.message).toContain(c.expect.errors?.[i]?.message);
      }
    });
  }

  it('R-14 a file with 300 errors answers the first 200 with the total, and the annotated file holds all 300', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => houseRow({ room: `E${i}`, buildingArea: '-1' }));
    const form = () => uploadForm(houseCsv(rows), '三百处错误.csv');
    const res = await dev.postForm(`/api/applications/${draftId}/import`, form());
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toHaveLength(200);
    expect(res.json().total).toBe(300);
    expect(res.json().message).toContain('300 处错误');
    const annotated = await dev.postForm(`/api/applications/${draftId}/import/annotated`, form());
    expect(annotated.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('错误清单')?.rowCount).toBe(301);
  });
});
