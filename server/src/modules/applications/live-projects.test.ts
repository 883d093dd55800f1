import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseAccounts, ledgerAccounts } from '../../db/schema/index.ts';
import { checkLedger } from '../../ledger/check.ts';
import { post, systemAccount } from '../../ledger/post.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';
import { deadlineAfter, demoArea, draftProject } from '../../../test/project-fixtures.ts';
import { houseXlsx, uploadForm } from '../../../test/registry-fixtures.ts';

let t: TestApp;
let dev: Agent;
let acceptor: Agent;
let reviewer: Agent;
let member: Agent;
let area: Awaited<ReturnType<typeof demoArea>>;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  area = await demoArea(t);
});
afterAll(async () => {
  expect(await checkLedger(t.handle.db)).toEqual([]);
  await t.close();
});

interface House {
  id: number;
  building: string;
  unit: string;
  floor: number;
  room: string;
  address: string;
  buildingArea: number;
}

async function housesOf(building: string): Promise<House[]> {
  const res = await dev.get(`/api/areas/${area.areaId}/houses?buildingId=${area.building(building)}&status=normal&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function create(type: string, reason: string) {
  const res = await dev.post('/api/applications', { type, areaId: area.areaId, form: { reason } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; no: string };
}

const refundAccount = { accountName: '业主甲', bank: '中国工商银行江门分行', accountNo: '6222020000001234567' };

async function cancellationOf(house: House) {
  const app = await create('house_cancellation', '旧城改造拆迁');
  const put = await dev.put(`/api/applications/${app.id}/items/house`, { rows: [{ houseId: house.id, refundAccount }] });
  expect(put.statusCode, put.body).toBe(200);
  return app;
}

const resultRow = (h: House, area: string) => ({
  building: h.building,
  unit: h.unit,
  floor: String(h.floor),
  room: h.room,
  address: h.address,
  buildingArea: area,
  use: '住宅',
  elevator: '有',
  salesStatus: '已售',
});

describe('R-52 registry changes and live projects', () => {
  it('R-52 refuses at submit to cancel a house in the range of an approved, unfinished project, naming the project', async () => {
    // The demo's 1栋屋面防水翻新 is approved and has had its first phase transferred.
    const [house] = await housesOf('1栋');
    if (!house) throw new Error('demo house missing');
    const app = await cancellationOf(house);
    const res = await dev.post(`/api/applications/${app.id}/submit`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain('1栋屋面防水翻新');
    expect(res.json().message).toContain(`${house.building}${house.unit}${house.room}`);
    expect(res.json().message).toContain('不能注销');
    expect(res.json().message).not.toMatch(/R-\d+/);
  });

  it('R-52 refuses at submit to merge houses in the range of a live project, naming the project', async () => {
    const [a, b] = (await housesOf('1栋')).filter((h) => h.unit === '2单元' && h.floor === 3);
    if (!a || !b) throw new Error('demo houses missing');
    const app = await create('house_split_merge', '两套合并为一套');
    expect((await dev.put(`/api/applications/${app.id}/items/source`, { rows: [{ houseId: a.id }, { houseId: b.id }] })).statusCode).toBe(
      200,
    );
    const merged = await houseXlsx([resultRow(a, ((a.buildingArea + b.buildingArea) / 100).toFixed(2))]);
    const imported = await dev.postForm(`/api/applications/${app.id}/import`, uploadForm(merged, 'merge.xlsx'));
    expect(imported.statusCode, imported.body).toBe(200);
    const res = await dev.post(`/api/applications/${app.id}/submit`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain('1栋屋面防水翻新');
    expect(res.json().message).toContain('不能拆分合并');
  });

  it('R-52 refuses at approval when a project was noticed over the house after submission, and the house keeps its account', async () => {
    const [house] = await housesOf('4栋');
    if (!house) throw new Error('demo house missing');
    const app = await cancellationOf(house);
    expect((await dev.post(`/api/applications/${app.id}/submit`)).statusCode).toBe(200);
    expect((await acceptApplication(acceptor, app.id)).statusCode).toBe(200);
    // Meanwhile the committee starts a repair of 4栋's roof and publishes its notice.
    const project = await draftProject(t, member, area, 'general', '4栋', 300_000, [300_000]);
    expect(project.houseIds).toContain(house.id);
    const notice = await member.post(`/api/projects/${project.id}/notices`, {
      kind: 'initiation',
      deadline: deadlineAfter(t, 7),
      content: '',
    });
    expect(notice.statusCode, notice.body).toBe(200);
    const res = await reviewer.post(`/api/applications/${app.id}/approve`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toContain('4栋general维修');
    expect(res.json().message).toContain('不能注销');
    const [acct] = await t.handle.db.select().from(houseAccounts).where(eq(houseAccounts.houseId, house.id));
    expect(acct?.status).toBe('open');
  });

  it('R-52 the ledger refuses any posting into a closed account', async () => {
    // A house of 3栋 (no live project) cancelled the proper way: refunded and its account closed.
    const [house] = await housesOf('3栋');
    if (!house) throw new Error('demo house missing');
    const app = await cancellationOf(house);
    expect((await dev.post(`/api/applications/${app.id}/submit`)).statusCode).toBe(200);
    expect((await acceptApplication(acceptor, app.id)).statusCode).toBe(200);
    const approved = await reviewer.post(`/api/applications/${app.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const [acct] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.houseId, house.id));
    const credit = t.handle.db.transaction(async (tx) => {
      const payable = await systemAccount(tx, 'disbursements_payable');
      await post(tx, {
        kind: 'project_refund',
        reference: 'QT-TEST',
        at: t.clock.now(),
        entries: [
          { accountId: acct?.id as number, amount: 100n },
          { accountId: payable, amount: -100n },
        ],
      });
    });
    await expect(credit).rejects.toMatchObject({ status: 409, code: 'ACCOUNT_CLOSED' });
    const [after] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.houseId, house.id));
    expect(after?.balance).toBe(0n);
  });
});
