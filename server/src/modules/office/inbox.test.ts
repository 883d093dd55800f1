import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, projectRequests, propertyAreas, refunds } from '../../db/schema/index.ts';
import { NAMED_ROWS } from './inbox.ts';
import { INBOX_KINDS, INBOX_STAGES, stageOf, stageTable } from '../../domain/inbox.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, statementsSent, testApp, type TestApp } from '../../../test/harness.ts';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';
import { pushThrough } from '../../../test/registry-fixtures.ts';

let t: TestApp;
let office: Agent;
let dev: Agent;
let areaId: number;
let cancellation: { id: number; no: string };

interface Row {
  key: string;
  source: string;
  id: number;
  no: string;
  kind: string;
  kindLabel: string;
  stage: string;
  stageLabel: string;
  at: string;
  orgId: number;
  orgName: string;
  areaId: number | null;
  areaName: string | null;
  amount: number | null;
  parentId: number | null;
  subject: string | null;
}

const inbox = async (query = '', who: Agent = office) => {
  const res = await who.get(`/api/office/inbox?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Row[]; total: number };
};

beforeAll(async () => {
  t = await testApp();
  office = await t.login(DEMO.office.code, DEMO.office.admin);
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  const [area] = await t.handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.withCommittee));
  areaId = area?.id ?? 0;

  // A cancellation of one paid-up house, pushed through: its approval leaves a 退款指令 for the bank (R-13).
  const houses = (await dev.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent('3栋')}&pageSize=200&status=normal`)).json().items as {
    id: number;
    building: string;
    heldBy: string | null;
  }[];
  // 3栋 has no live repair project (R-52 refuses to cancel a house in one).
  const house = houses.find((h) => h.building === '3栋' && h.heldBy === null);
  if (!house) throw new Error('no free demo house in 3栋');
  const created = await dev.post('/api/applications', { type: 'house_cancellation', areaId, form: { reason: '旧城改造拆迁' } });
  expect(created.statusCode, created.body).toBe(201);
  cancellation = created.json();
  const account = { accountName: '业主甲', bank: '中国工商银行江门分行', accountNo: '6222020000001234567' };
  const put = await dev.put(`/api/applications/${cancellation.id}/items/house`, { rows: [{ houseId: house.id, refundAccount: account }] });
  expect(put.statusCode, put.body).toBe(200);
  await pushThrough(dev, office, cancellation.id);

  // Ownership changes left at the other stages: accepted (待审核), returned (已退回), withdrawn (已撤回).
  const tower4 = (await dev.get(`/api/areas/${areaId}/houses?q=${encodeURIComponent('4栋')}&pageSize=200&status=normal`)).json().items as {
    id: number;
    heldBy: string | null;
  }[];
  const free = tower4.filter((h) => h.heldBy === null);
  for (const [i, step] of (['accept', 'reject', 'withdraw'] as const).entries()) {
    const owners = await dev.post('/api/applications', { type: 'ownership_change', areaId, form: {} });
    const { id } = owners.json();
    const owner = { name: `业主${i}`, idType: '护照', idNumber: `E1234567${i}`, phone: '' };
    expect((await dev.put(`/api/applications/${id}/items/owners`, { rows: [{ houseId: free[i]?.id, owners: [owner] }] })).statusCode).toBe(
      200,
    );
    const submitted = await dev.post(`/api/applications/${id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const res =
      step === 'accept'
        ? await acceptApplication(office, id)
        : step === 'reject'
          ? await office.post(`/api/applications/${id}/reject`, { reason: '业主身份证明不清晰' })
          : await dev.post(`/api/applications/${id}/withdraw`);
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t.close());

describe('F-60 业务总览', () => {
  it('F-60 every status of every kind reads as one stage, and drafts are not listed', () => {
    expect(stageOf('application', 'house_change', 'draft')).toBeNull();
    expect(stageOf('application', 'house_change', 'submitted')).toBe('to_accept');
    expect(stageOf('project_request', 'approval', 'approved')).toBe('done');
    expect(stageOf('project_request', 'disbursement', 'approved')).toBe('at_bank');
    expect(stageOf('project_request', 'project_refund', 'submitted')).toBe('at_bank');
    expect(stageOf('refund', 'house_refund', 'pending')).toBe('at_bank');
    expect(stageOf('refund', 'house_refund', 'paid')).toBe('done');
    // Every kind is listed at some stage, and no status of a kind reads two ways.
    const table = stageTable();
    for (const kind of INBOX_KINDS) expect(table.some((r) => r.kind === kind)).toBe(true);
    const keys = table.map((r) => `${r.source}/${r.kind}/${r.status}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(table.map((r) => r.stage))).toEqual(new Set(INBOX_STAGES));
  });

  it('F-60 lists registry applications, project requests and 退款指令 together, newest first, each at its stage and opening its parent', async () => {
    const all = await inbox();
    expect(all.total).toBe(all.items.length);
    const sources = new Set(all.items.map((r) => r.source));
    expect(sources).toEqual(new Set(['application', 'project_request', 'refund']));
    const times = all.items.map((r) => new Date(r.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(all.items.map((r) => r.key)).size).toBe(all.items.length);

    // The demo city's 房屋权属批量变更 of a parking space waits at the window.
    expect(all.items.find((r) => r.kind === 'ownership_change')).toMatchObject({
      source: 'application',
      stage: 'to_accept',
      stageLabel: '待受理',
      orgName: '江门市侨城置业有限公司',
      areaName: DEMO.areas.withCommittee,
    });

    // The approved cancellation is done; its 退款指令 waits for the bank and opens the application.
    expect(all.items.find((r) => r.no === cancellation.no)).toMatchObject({
      source: 'application',
      kind: 'house_cancellation',
      kindLabel: '房屋注销',
      stage: 'done',
      stageLabel: '已办结',
      areaId,
      amount: null,
    });
    const [refund] = await t.handle.db.select().from(refunds).where(eq(refunds.applicationId, cancellation.id));
    if (!refund) throw new Error('the cancellation left no refund');
    const [developer] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.developer.code));
    expect(all.items.find((r) => r.no === refund.no)).toMatchObject({
      source: 'refund',
      kind: 'house_refund',
      kindLabel: '退款指令',
      stage: 'at_bank',
      stageLabel: '待银行确认',
      orgId: developer?.id,
      areaName: DEMO.areas.withCommittee,
      amount: Number(refund.amount),
      parentId: cancellation.id,
      subject: cancellation.no,
    });

    // Each project request is listed once, at the stage its kind and status say, under its project.
    const requests = await t.handle.db.select().from(projectRequests);
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      const row = all.items.find((x) => x.source === 'project_request' && x.id === r.id);
      const kind = r.kind === 'refund' ? 'project_refund' : r.kind;
      expect(row).toMatchObject({ no: r.no, kind, stage: stageOf('project_request', kind, r.status), parentId: r.projectId });
      expect(row?.amount).toBe(Number(r.amount));
    }
  });

  it('F-60 filters by kind, stage, area, organisation, text and date, and counts what it filters', async () => {
    const all = (await inbox()).items;
    const count = (pred: (r: Row) => boolean) => all.filter(pred).length;

    const refundsOnly = await inbox('&kind=house_refund');
    expect(refundsOnly.total).toBe(count((r) => r.kind === 'house_refund'));
    expect(refundsOnly.items.every((r) => r.kind === 'house_refund')).toBe(true);

    const waiting = await inbox('&stage=to_accept');
    expect(waiting.total).toBe(count((r) => r.stage === 'to_accept'));
    expect(waiting.total).toBeGreaterThan(0);

    // Every kind, every stage, and every pair of them: the rows the whole list has there, in its order.
    for (const kind of [undefined, ...INBOX_KINDS]) {
      for (const stage of [undefined, ...INBOX_STAGES]) {
        const query = `${kind ? `&kind=${kind}` : ''}${stage ? `&stage=${stage}` : ''}`;
        const expected = all.filter((r) => (!kind || r.kind === kind) && (!stage || r.stage === stage)).map((r) => r.key);
        const got = await inbox(query);
        expect({ query, keys: got.items.map((r) => r.key), total: got.total }).toEqual({ query, keys: expected, total: expected.length });
      }
    }
    // The demo and this file's business put rows at every stage.
    expect(new Set(all.map((r) => r.stage))).toEqual(new Set(INBOX_STAGES));

    const inArea = await inbox(`&areaId=${areaId}`);
    expect(inArea.total).toBe(count((r) => r.areaId === areaId));
    const committeeOrg = all.find((r) => r.source === 'project_request')?.orgId;
    const byOrg = await inbox(`&orgId=${committeeOrg}`);
    expect(byOrg.total).toBe(count((r) => r.orgId === committeeOrg));

    const byNo = await inbox(`&q=${encodeURIComponent(cancellation.no)}`);
    // The application itself and its 退款指令, which names it.
    expect(new Set(byNo.items.map((r) => r.source))).toEqual(new Set(['application', 'refund']));
    // A search's % and _ are the characters themselves, not wildcards: no number or name holds them.
    for (const wildcard of ['%', '_', '\\']) expect(await inbox(`&q=${encodeURIComponent(wildcard)}`)).toEqual({ items: [], total: 0 });

    const future = await inbox('&from=2099-01-01');
    expect(future.total).toBe(0);
    const upToNow = await inbox(`&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(upToNow.total).toBe(all.length);

    const page2 = await office.get('/api/office/inbox?pageSize=2&page=2');
    expect(page2.json().items.map((r: Row) => r.key)).toEqual(all.slice(2, 4).map((r) => r.key));
    expect(page2.json().total).toBe(all.length);
    // Every later page is the list's own slice, whatever bound its branches read up to.
    for (let page = 2; (page - 1) * 3 < all.length; page++) {
      const res = await office.get(`/api/office/inbox?pageSize=3&page=${page}`);
      expect({ page, keys: res.json().items.map((r: Row) => r.key) }).toEqual({
        page,
        keys: all.slice((page - 1) * 3, page * 3).map((r) => r.key),
      });
    }
    // A page past the last has no row to carry the total, and still says it.
    const past = await office.get(`/api/office/inbox?pageSize=2&page=${all.length}`);
    expect(past.json()).toEqual({ items: [], total: all.length });

    // A page number no list reaches is refused by name, not answered with a server error.
    for (const path of ['/api/office/inbox', `/api/areas/${all.find((r) => r.areaId)?.areaId}/houses`]) {
      const far = await office.get(`${path}?pageSize=200&page=1000000000000000`);
      expect({ path, status: far.statusCode, page: far.json().fieldErrors?.page }).toEqual({ path, status: 400, page: '页码过大' });
    }

    const bad = await office.get('/api/office/inbox?stage=later');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('办理阶段不正确');
  });

  it('F-60 a search finds exactly the rows whose number, applicant, area or subject holds the text, however short, in either case', async () => {
    const all = (await inbox()).items;
    const holds = (r: Row, text: string) =>
      [r.no, r.orgName, r.areaName, r.subject].some((s) => s?.toLowerCase().includes(text.toLowerCase()));
    const application = all.find((r) => r.source === 'application');
    const request = all.find((r) => r.source === 'project_request');
    const unplaced = all.find((r) => r.areaId === null && r.areaName);
    if (!application || !request?.subject || !request.areaName) throw new Error('the demo city lacks applications or project requests');
    const texts = [
      application.no,
      application.no.slice(-4),
      application.no.slice(0, 2).toLowerCase(),
      application.orgName.slice(0, 2), // 江门: every applicant of the city
      application.orgName.slice(-4, -2),
      request.orgName.slice(0, 3),
      request.areaName.slice(0, 2),
      request.subject.slice(0, 2),
      request.subject.slice(0, 1),
      ...(unplaced?.areaName ? [unplaced.areaName.slice(0, 2), unplaced.areaName] : []),
      '没有',
    ];
    for (const text of texts) {
      const expected = all.filter((r) => holds(r, text)).map((r) => r.key);
      const got = await inbox(`&q=${encodeURIComponent(text)}`);
      expect({ text, keys: got.items.map((r) => r.key), total: got.total }).toEqual({ text, keys: expected, total: expected.length });
    }
    // No statement per row or per table: the session's, the names found, the page with its count.
    const { texts: sent } = await statementsSent(t.handle, () => office.get(`/api/office/inbox?q=${encodeURIComponent(application.no)}`));
    expect(sent, sent.join('\n')).toHaveLength(3);
    // Filters still narrow a search: the text and an area together.
    const inArea = await inbox(`&q=${encodeURIComponent(application.orgName.slice(0, 2))}&areaId=${areaId}`);
    expect(inArea.total).toBe(all.filter((r) => r.areaId === areaId && holds(r, application.orgName.slice(0, 2))).length);
    expect(inArea.total).toBeGreaterThan(0);
  });

  it('F-60 a search by the name of an applicant with more rows than are looked up one by one finds them all, newest first', async () => {
    // Up to NAMED_ROWS rows of the organisations and areas a text names are found by their ids, with a
    // plan kept for any text; past that, the statement is planned for the organisations themselves.
    const [developer] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.developer.code));
    if (!developer) throw new Error('the demo city lacks its developer');
    const text = encodeURIComponent(developer.name);
    const before = await inbox(`&q=${text}`);
    const copies = NAMED_ROWS + 1;
    const [one] = await rowsOf<{ id: string }>(
      t.handle.db,
      sql`select id::text from applications where org_id = ${developer.id} and status <> 'draft' order by id limit 1`,
    );
    await t.handle.db.execute(sql`insert into applications (no, type, org_id, area_id, status, form, created_by, submitted_at)
      select 'ZZ' || lpad(i::text, 6, '0'), type, org_id, area_id, status, form, created_by, now() + i * interval '1 second'
      from applications, generate_series(1, ${copies}) i where id = ${Number(one?.id)}`);
    // Found by the name of a new area in its form as well: one of the applicant's own (found twice,
    // listed and counted once), and one of another applicant (found by its form alone).
    const formArea = (suffix: string) => sql`jsonb_build_object('area', jsonb_build_object('name', ${`${developer.name}${suffix}`}::text))`;
    await t.handle.db.execute(sql`update applications set area_id = null, form = form || ${formArea('二期')} where no = 'ZZ000001'`);
    const [other] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.committee.code));
    await t.handle.db.execute(sql`insert into applications (no, type, org_id, area_id, status, form, created_by, submitted_at)
      select 'ZY000001', type, ${other?.id}, null, status, form || ${formArea('三期')}, created_by, submitted_at
      from applications where id = ${Number(one?.id)}`);
    try {
      const after = await inbox(`&q=${text}`);
      expect(after.total).toBe(before.total + copies + 1);
      const newest = Array.from({ length: 200 }, (_, i) => `ZZ${String(copies - i).padStart(6, '0')}`);
      expect(after.items.map((r) => r.no)).toEqual(newest);
      // With an area filter too: the copies are in the application's area.
      const inArea = await inbox(`&q=${text}&areaId=${after.items[0]?.areaId}`);
      expect(inArea.items.slice(0, 3).map((r) => r.no)).toEqual(newest.slice(0, 3));
      // Filtered to another kind, none of the newest copies is listed: the applicant's rows of that
      // kind are found however many newer rows of another kind it has, and counted alike.
      const others = before.items.filter((r) => r.source === 'application' && r.kind !== after.items[0]?.kind);
      const kind = others[0]?.kind;
      if (!kind) throw new Error('the demo developer has applications of one kind only');
      const ofKind = await inbox(`&q=${text}&kind=${kind}`);
      expect(ofKind.items.map((r) => r.no)).toEqual(before.items.filter((r) => r.kind === kind).map((r) => r.no));
      expect(ofKind.total).toBe(ofKind.items.length);
      // Page after page, the copies and the rows before them, each once, newest first: the sixth page
      // reaches past the rows that are looked up one by one.
      const pages = [after];
      for (let page = 2; page <= 6; page++) pages.push(await inbox(`&q=${text}&page=${page}`));
      for (const p of pages) expect(p.total).toBe(after.total);
      const all = pages.flatMap((p) => p.items);
      expect(all).toHaveLength(after.total);
      expect(new Set(all.map((r) => r.key)).size).toBe(all.length);
      expect(all.filter((r) => r.no.startsWith('ZZ'))).toHaveLength(copies);
      expect(all.filter((r) => r.no === 'ZY000001')).toHaveLength(1);
      const order = (r: Row) => `${new Date(r.at).toISOString()} ${r.no}`;
      expect(all.map(order)).toEqual(all.map(order).sort().reverse());
    } finally {
      await t.handle.db.execute(sql`delete from applications where no like 'ZZ%' or no = 'ZY000001'`);
    }
  });

  it('F-60 only the fund office reads it', async () => {
    for (const [code, user] of [
      [DEMO.developer.code, DEMO.developer.admin],
      [DEMO.committee.code, DEMO.committee.director],
      [DEMO.bank.code, DEMO.bank.teller],
    ] as const) {
      expect((await (await t.login(code, user)).get('/api/office/inbox')).statusCode).toBe(403);
    }
    expect((await t.agent().get('/api/office/inbox')).statusCode).toBe(401);
    expect((await dev.get('/api/office/inbox/options')).statusCode).toBe(403);
    const options = (await office.get('/api/office/inbox/options')).json();
    expect(options.kinds).toHaveLength(INBOX_KINDS.length);
    expect(options.kinds).toContainEqual({ value: 'house_refund', label: '退款指令' });
    expect(options.stages.map((s: { label: string }) => s.label)).toEqual(['待受理', '待审核', '待银行确认', '已办结', '已退回', '已撤回']);
    expect((await inbox('', await t.login(DEMO.office.code, DEMO.office.acceptor))).total).toBeGreaterThan(0);
  });
});
