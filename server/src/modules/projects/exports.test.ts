import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectNotices, repairProjects } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let committee: Agent;
let developer: Agent;

beforeAll(async () => {
  t = await testApp();
  committee = await t.login(DEMO.committee.code, DEMO.committee.director);
  developer = await t.login(DEMO.developer.code, DEMO.developer.admin);
});
afterAll(async () => {
  await t.close();
});

async function sheetOf(a: Agent, url: string) {
  const res = await a.get(url);
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { headers: rows[0] as string[], body: rows.slice(1), ws };
}

async function noticedProject() {
  const [n] = await t.handle.db
    .select({ projectId: projectNotices.projectId, no: projectNotices.no, kind: projectNotices.kind })
    .from(projectNotices)
    .where(eq(projectNotices.kind, 'initiation'))
    .limit(1);
  if (!n) throw new Error('the demo has no published notice');
  return n;
}

describe('Excel exports of the project lists', () => {
  it('合并分摊清册 exports every house with its share as a number, the 合计 equal to the list’s', async () => {
    const n = await noticedProject();
    const list = (await committee.get(`/api/projects/${n.projectId}/merged-list?pageSize=200`)).json();
    const { headers, body } = await sheetOf(committee, `/api/projects/${n.projectId}/merged-list.xlsx`);
    expect(headers).toEqual(['楼幢', '单元', '房号', '坐落', '业主', '建筑面积（㎡）', '分摊金额（元）']);
    const houses = body.slice(0, -1);
    expect(houses.length).toBe(list.total);
    for (const row of houses) expect(typeof row[6]).toBe('number');
    const total = body.at(-1) as unknown[];
    expect(total[0]).toBe('合计');
    expect(Math.round((total[6] as number) * 100)).toBe(list.totalShare);
    // Summed in fen, the rows give the total to the fen.
    expect(houses.reduce((a, r) => a + Math.round((r[6] as number) * 100), 0)).toBe(list.totalShare);
  });

  it('a published notice’s 预算清册 exports the list it posted', async () => {
    const n = await noticedProject();
    const posted = (await t.agent().get(`/api/public/project-notices/${n.no}?pageSize=200`)).json();
    const { body } = await sheetOf(committee, `/api/projects/${n.projectId}/notices/${n.no}/list.xlsx`);
    expect(body.length - 1).toBe(posted.list.total);
    expect(Math.round(((body.at(-1) as unknown[])[6] as number) * 100)).toBe(posted.list.totalShare);
  });

  it('表决结果 exports one row per house of the range with the recorded choice', async () => {
    const n = await noticedProject();
    const sheet = (await committee.get(`/api/projects/${n.projectId}/vote-sheet?pageSize=200`)).json();
    const { headers, body } = await sheetOf(committee, `/api/projects/${n.projectId}/vote-sheet.xlsx`);
    expect(headers.slice(-2)).toEqual(['表决意见', '表决方式']);
    expect(body.length - 1).toBe(sheet.total);
    for (const row of body.slice(0, -1)) expect(['同意', '反对', '弃权', '未表决']).toContain(row[5]);
  });

  it('维修项目列表 exports the filtered list with money as numbers', async () => {
    const list = (await committee.get('/api/projects?pageSize=200')).json();
    const { headers, body } = await sheetOf(committee, '/api/projects/export.xlsx');
    expect(headers[0]).toBe('项目编号');
    expect(body.length).toBe(list.total);
    expect(body.map((r) => r[0]).sort()).toEqual(list.items.map((p: { no: string }) => p.no).sort());
    for (const row of body) expect(typeof row[5]).toBe('number');
    const approved = (await committee.get('/api/projects?stage=approved&pageSize=200')).json();
    expect((await sheetOf(committee, '/api/projects/export.xlsx?stage=approved')).body.length).toBe(approved.total);
  });

  it('§10 another organisation gets no project’s list', async () => {
    const [p] = await t.handle.db.select({ id: repairProjects.id }).from(repairProjects).limit(1);
    for (const url of [`/api/projects/${p?.id}/merged-list.xlsx`, `/api/projects/${p?.id}/vote-sheet.xlsx`]) {
      expect((await developer.get(url)).statusCode).toBe(404);
    }
    expect((await t.agent().get('/api/projects/export.xlsx')).statusCode).toBe(401);
  });
});
