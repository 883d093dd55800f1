import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildings,
  houseOwners,
  houses,
  ledgerAccounts,
  ownerAccounts,
  ownerBindings,
  ownerMessages,
  paymentNoticeItems,
  paymentNotices,
  projectBallots,
  projectItemHouses,
  projectNotices,
  propertyAreas,
  repairProjects,
} from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, DEMO_PASSWORD, testApp, type TestApp } from '../../../test/harness.ts';
import { deadlineAfter, demoArea, draftProject } from '../../../test/project-fixtures.ts';
import { endOwnerAccess } from './service.ts';

const PASSWORD = 'Owner#2026a';

let t: TestApp;
/** The demo city's bound owners (F-80 seed), in binding order: ID number and house. */
let demo: { idNumber: string; houseId: number; ownerId: number }[];

beforeAll(async () => {
  t = await testApp();
  demo = await t.handle.db
    .select({ idNumber: ownerAccounts.idNumber, houseId: ownerBindings.houseId, ownerId: ownerAccounts.id })
    .from(ownerBindings)
    .innerJoin(ownerAccounts, eq(ownerAccounts.id, ownerBindings.ownerId))
    .orderBy(asc(ownerBindings.id));
});
afterAll(() => t.close());

async function ownerLogin(idNumber: string, password = DEMO_PASSWORD): Promise<Agent> {
  const a = t.agent();
  const res = await a.post('/api/owner/login', { idNumber, password });
  expect(res.statusCode, res.body).toBe(200);
  return a;
}

const demoOwner = (i: number) => {
  const o = demo[i];
  if (!o) throw new Error(`demo owner ${i} missing`);
  return o;
};

/** A house of 侨城花园's named building with one owner not bound yet, bound now through a letter from the window. */
async function bindOwnerOf(buildingName: string, skip = 0) {
  const rows = await t.handle.db
    .select({ houseId: houses.id, idNumber: houseOwners.idNumber })
    .from(houses)
    .innerJoin(buildings, eq(buildings.id, houses.buildingId))
    .innerJoin(propertyAreas, eq(propertyAreas.id, houses.areaId))
    .innerJoin(houseOwners, eq(houseOwners.houseId, houses.id))
    .where(
      and(
        eq(propertyAreas.name, DEMO.areas.withCommittee),
        eq(buildings.name, buildingName),
        eq(houses.status, 'normal'),
        eq(houseOwners.idType, '居民身份证'),
        sql`not exists (select 1 from owner_bindings b where b.house_id = ${houses.id})`,
        sql`not exists (select 1 from owner_accounts a where a.id_number = upper(${houseOwners.idNumber}))`,
        sql`(select count(*) from house_owners o where upper(o.id_number) = upper(${houseOwners.idNumber})) = 1`,
      ),
    )
    .orderBy(asc(houses.id))
    .limit(skip + 1);
  const o = rows[skip];
  if (!o) throw new Error(`no unbound owner in ${buildingName}`);
  const window = await t.login(DEMO.office.code, DEMO.office.acceptor);
  const letter = await window.post('/api/owner-letters', { houseId: o.houseId });
  expect(letter.statusCode, letter.body).toBe(200);
  const bound = await t.agent().post('/api/owner/bind', { ...o, code: letter.json().items[0].code, password: PASSWORD });
  expect(bound.statusCode, bound.body).toBe(200);
  const [acc] = await t.handle.db
    .select({ id: ownerAccounts.id })
    .from(ownerAccounts)
    .where(eq(ownerAccounts.idNumber, o.idNumber.toUpperCase()));
  return { ...o, ownerId: acc?.id as number, agent: await ownerLogin(o.idNumber, PASSWORD) };
}

describe('F-81 an owner’s house', () => {
  it('F-81 shows the house’s balance and amount due, and its statement newest first, paged, each line with the balance after it', async () => {
    const o = demoOwner(0);
    const owner = await ownerLogin(o.idNumber);
    const house = await owner.get(`/api/owner/houses/${o.houseId}`);
    expect(house.statusCode, house.body).toBe(200);
    const [account] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.houseId, o.houseId));
    expect(house.json().balance).toBe(Number(account?.balance));
    expect(house.json().balance).toBeGreaterThan(0);
    expect(Number.isInteger(house.json().amountDue)).toBe(true);

    const all = (await owner.get(`/api/owner/houses/${o.houseId}/statement?pageSize=200`)).json();
    // The demo house was paid in and charged its share of the roof's first transfer.
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.items.map((l: { kindLabel: string }) => l.kindLabel)).toEqual(expect.arrayContaining(['交存', '维修支出']));
    const lines = all.items as { id: number; amount: number; balance: number }[];
    expect(lines[0]?.balance).toBe(house.json().balance);
    for (let i = 0; i + 1 < lines.length; i++) {
      expect(lines[i]?.id).toBeGreaterThan(lines[i + 1]?.id as number);
      expect((lines[i]?.balance as number) - (lines[i]?.amount as number)).toBe(lines[i + 1]?.balance);
    }
    expect((lines.at(-1)?.balance as number) - (lines.at(-1)?.amount as number)).toBe(0);
    // A page of one line is the same line as in the whole list, its balance exact without the others.
    const second = (await owner.get(`/api/owner/houses/${o.houseId}/statement?page=2&pageSize=1`)).json();
    expect(second.total).toBe(all.total);
    expect(second.items).toEqual([all.items[1]]);
  });

  it('F-81 lists the project charging the house with its stage, the house’s share and charge, its notices and how the house voted', async () => {
    const o = demoOwner(0);
    const owner = await ownerLogin(o.idNumber);
    const res = await owner.get(`/api/owner/houses/${o.houseId}/projects`);
    expect(res.statusCode, res.body).toBe(200);
    const [roof] = await t.handle.db.select().from(repairProjects).where(eq(repairProjects.name, '1栋屋面防水翻新'));
    const p = res.json().items.find((x: { id: number }) => x.id === roof?.id);
    expect(p, res.body).toBeDefined();
    const [share] = await t.handle.db
      .select({ s: sql<string>`sum(${projectItemHouses.share})`.mapWith(String) })
      .from(projectItemHouses)
      .where(and(eq(projectItemHouses.projectId, roof?.id as number), eq(projectItemHouses.houseId, o.houseId)));
    expect(p.share).toBe(Number(share?.s));
    expect(p.share).toBeGreaterThan(0);
    expect(p.stageLabel).toBe('拨付中');
    expect(p.stageLabel).not.toMatch(/[a-z_]/);
    // Charged = what the statement shows for the transfer, as a positive amount.
    const statement = (await owner.get(`/api/owner/houses/${o.houseId}/statement?pageSize=200`)).json();
    const paidOut = statement.items
      .filter((l: { kindLabel: string }) => l.kindLabel === '维修支出')
      .reduce((s: number, l: { amount: number }) => s - l.amount, 0);
    expect(p.charged).toBe(paidOut);
    expect(p.charged).toBeGreaterThan(0);
    const [notice] = await t.handle.db
      .select()
      .from(projectNotices)
      .where(eq(projectNotices.projectId, roof?.id as number));
    expect(p.notices).toEqual([
      expect.objectContaining({ no: notice?.no, kindLabel: '立项公示', title: notice?.title, link: `/notices/${notice?.no}` }),
    ]);
    const [ballot] = await t.handle.db
      .select()
      .from(projectBallots)
      .where(and(eq(projectBallots.projectId, roof?.id as number), eq(projectBallots.houseId, o.houseId)));
    const labels = { agree: '同意', oppose: '反对', abstain: '弃权', absent: '未投票' } as const;
    expect(p.vote.label).toBe(ballot ? labels[ballot.choice] : '未投票');
    expect(p.vote.channel).toBe(ballot && ballot.choice !== 'absent' ? 'paper' : null);
  });

  it('F-81 a house with no ballot reads 未投票, and a project still in draft is not shown', async () => {
    const area = await demoArea(t);
    const member = await t.login(DEMO.committee.code, DEMO.committee.member);
    const o = demoOwner(1);
    const draft = await draftProject(t, member, area, 'general', '1栋', 120_000, [120_000], false);
    expect(draft.houseIds).toContain(o.houseId);
    const owner = await ownerLogin(o.idNumber);
    const ids = () => owner.get(`/api/owner/houses/${o.houseId}/projects`).then((r) => r.json().items.map((x: { id: number }) => x.id));
    expect(await ids()).not.toContain(draft.id);
    const notice = await member.post(`/api/projects/${draft.id}/notices`, {
      kind: 'initiation',
      deadline: deadlineAfter(t, 10),
      content: '',
    });
    expect(notice.statusCode, notice.body).toBe(200);
    const p = (await owner.get(`/api/owner/houses/${o.houseId}/projects`)).json().items.find((x: { id: number }) => x.id === draft.id);
    expect(p.vote).toEqual({ choice: null, label: '未投票', channel: null });
    expect(p.stageLabel).toBe('公示中');
    expect(p.charged).toBe(0);
  });

  it('F-81 an owner cannot read another owner’s house, an unknown house, or a house whose binding ended', async () => {
    const a = demoOwner(0);
    const b = demoOwner(1);
    const owner = await ownerLogin(a.idNumber);
    for (const path of ['', '/statement', '/projects']) {
      for (const id of [b.houseId, 99_999_999]) {
        const res = await owner.get(`/api/owner/houses/${id}${path}`);
        expect(res.statusCode, `${id}${path}`).toBe(404);
        expect(res.json().message).toBe('未找到该房屋，或该房屋未绑定到您的名下');
      }
    }
    // A binding ended by the registry (F-17) closes the house at once.
    const c = await bindOwnerOf('3栋');
    expect((await c.agent.get(`/api/owner/houses/${c.houseId}`)).statusCode).toBe(200);
    await t.handle.db.transaction((tx) => endOwnerAccess(tx, [c.houseId], t.clock.now(), 'cancelled'));
    expect((await c.agent.get(`/api/owner/houses/${c.houseId}/statement`)).statusCode).toBe(404);
  });

  it('F-81 F-83 an organisation’s user is refused on the owner’s house and message routes; nobody logged in is asked to log in', async () => {
    const o = demoOwner(0);
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const committee = await t.login(DEMO.committee.code, DEMO.committee.director);
    const urls = [
      `/api/owner/houses/${o.houseId}`,
      `/api/owner/houses/${o.houseId}/statement`,
      `/api/owner/houses/${o.houseId}/projects`,
      '/api/owner/messages',
      '/api/owner/messages/unread-count',
    ];
    for (const agent of [office, committee]) {
      for (const url of urls) {
        const res = await agent.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().message).toBe('机构用户不能使用业主功能，请在本机构工作台办理业务');
      }
      expect((await agent.post('/api/owner/messages/read-all')).statusCode).toBe(403);
    }
    for (const url of urls) expect((await t.agent().get(url)).statusCode, url).toBe(401);
  });
});

describe('F-83 owner messages', () => {
  it('F-83 the demo owners start with messages: their deposit, the roof’s notice and its transfer', async () => {
    const o = demoOwner(0);
    const owner = await ownerLogin(o.idNumber);
    const list = (await owner.get('/api/owner/messages')).json();
    const titles = list.items.map((m: { title: string }) => m.title);
    expect(titles).toEqual(expect.arrayContaining(['维修资金交存到账', '维修项目划转维修资金', '新公示：1栋屋面防水翻新立项公示']));
    // The roof's notice message names the deadline the (backdated) notice has.
    const [roofNotice] = await t.handle.db
      .select({ deadline: projectNotices.deadline })
      .from(projectNotices)
      .where(eq(projectNotices.title, '1栋屋面防水翻新立项公示'));
    const roofMessage = list.items.find((m: { title: string }) => m.title === '新公示：1栋屋面防水翻新立项公示');
    expect(roofMessage.body).toContain(`公示截止 ${roofNotice?.deadline}`);
    const unread = (await owner.get('/api/owner/messages/unread-count')).json();
    expect(unread.count).toBe(list.items.filter((m: { read: boolean }) => !m.read).length);
    expect(unread.count).toBeGreaterThanOrEqual(3);
  });

  it('F-83 the messages come a page at a time without a count of them all: each page says whether another follows', async () => {
    const owner = await ownerLogin(demoOwner(0).idNumber);
    const all = (await owner.get('/api/owner/messages?pageSize=200')).json();
    expect(all.more).toBe(false);
    const n = all.items.length as number;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(all.total).toBe(n);
    const first = (await owner.get('/api/owner/messages?pageSize=2')).json();
    expect(first).toMatchObject({ more: true, total: 3 });
    expect(first.items).toEqual(all.items.slice(0, 2));
    const last = (await owner.get(`/api/owner/messages?pageSize=2&page=${Math.ceil(n / 2)}`)).json();
    expect(last).toMatchObject({ more: false, total: n });
    expect(last.items).toEqual(all.items.slice(2 * (Math.ceil(n / 2) - 1)));
  });

  it('F-83 a published notice reaches every bound owner of the range once, in the notice’s transaction, and nobody else', async () => {
    const area = await demoArea(t);
    const member = await t.login(DEMO.committee.code, DEMO.committee.member);
    const inRange = await bindOwnerOf('2栋');
    const ended = await bindOwnerOf('2栋', 1);
    await t.handle.db.transaction((tx) => endOwnerAccess(tx, [ended.houseId], t.clock.now(), 'cancelled'));
    const outside = demoOwner(2);
    const draft = await draftProject(t, member, area, 'general', '2栋', 90_000, [90_000], false);
    expect(draft.houseIds).toEqual(expect.arrayContaining([inRange.houseId, ended.houseId]));
    expect(draft.houseIds).not.toContain(outside.houseId);
    const before = await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(ownerMessages);

    // A refused notice (deadline too soon) sends nothing.
    const refused = await member.post(`/api/projects/${draft.id}/notices`, {
      kind: 'initiation',
      deadline: deadlineAfter(t, 0),
      content: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(ownerMessages)).toEqual(before);

    const res = await member.post(`/api/projects/${draft.id}/notices`, {
      kind: 'initiation',
      deadline: deadlineAfter(t, 10),
      content: '请监督',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [notice] = await t.handle.db.select().from(projectNotices).where(eq(projectNotices.projectId, draft.id));
    const sent = await t.handle.db.select().from(ownerMessages).where(eq(ownerMessages.projectId, draft.id));
    // Every live binding of the range, each owner once.
    const live = await t.handle.db
      .selectDistinct({ ownerId: ownerBindings.ownerId })
      .from(ownerBindings)
      .where(and(inArray(ownerBindings.houseId, draft.houseIds), sql`${ownerBindings.endedAt} is null`));
    expect(sent.map((m) => m.ownerId).sort()).toEqual(live.map((l) => l.ownerId).sort());
    expect(sent.map((m) => m.ownerId)).toContain(inRange.ownerId);
    expect(sent.map((m) => m.ownerId)).not.toContain(ended.ownerId);
    expect(sent.map((m) => m.ownerId)).not.toContain(outside.ownerId);
    const mine = sent.find((m) => m.ownerId === inRange.ownerId);
    expect(mine).toMatchObject({ kind: 'project.notice', title: `新公示：${notice?.title}`, link: `/notices/${notice?.no}`, readAt: null });
    expect(mine?.body).not.toMatch(/R-\d|F-\d/);

    const list = (await inRange.agent.get('/api/owner/messages')).json();
    expect(list.items[0]).toMatchObject({ title: `新公示：${notice?.title}`, link: `/notices/${notice?.no}`, read: false });
  });

  it('F-83 a confirmed deposit tells the bound owner of each paid house its amount and new balance; owners not bound hear nothing', async () => {
    const bound = await bindOwnerOf('5栋');
    const [open] = await t.handle.db
      .select({ no: paymentNotices.no, total: paymentNotices.total, id: paymentNotices.id })
      .from(paymentNotices)
      .innerJoin(paymentNoticeItems, eq(paymentNoticeItems.noticeId, paymentNotices.id))
      .where(and(eq(paymentNoticeItems.houseId, bound.houseId), eq(paymentNotices.status, 'unpaid')));
    expect(open, 'the demo leaves 5栋’s notice unpaid').toBeDefined();
    const items = await t.handle.db
      .select()
      .from(paymentNoticeItems)
      .where(eq(paymentNoticeItems.noticeId, open?.id as number));
    const before = await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(ownerMessages);
    const teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
    const res = await teller.post('/api/bank/deposits/confirm', {
      noticeNo: open?.no,
      amount: Number(open?.total),
      channel: '柜台',
      bankRef: `OWN-${open?.no}`,
      bankDate: t.clock.now().toISOString().slice(0, 10),
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(ownerMessages);
    // One message: the notice paid many houses of 5栋, but only this one has a bound owner.
    expect(items.length).toBeGreaterThan(1);
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(1);
    const amount = Number(items.find((i) => i.houseId === bound.houseId)?.amount);
    const [house] = await t.handle.db.select({ address: houses.address }).from(houses).where(eq(houses.id, bound.houseId));
    const list = (await bound.agent.get('/api/owner/messages')).json();
    const yuan = (fen: number) => `${Math.trunc(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    const balance = (await bound.agent.get(`/api/owner/houses/${bound.houseId}`)).json().balance;
    expect(list.items[0]).toMatchObject({
      kind: 'account.money',
      title: '维修资金交存到账',
      body: `${house?.address}：交存 ${yuan(amount)} 元（${open?.no}），余额 ${yuan(balance)} 元`,
      amount,
      houseId: bound.houseId,
      link: `/owner/houses/${bound.houseId}`,
      read: false,
    });
  });

  it('F-83 an interest allocation over every account tells each bound owner of each house once, with the amount the ledger credited', async () => {
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const before = await t.handle.db.select({ id: ownerMessages.id }).from(ownerMessages).orderBy(desc(ownerMessages.id)).limit(1);
    const res = await office.post('/api/office/interest', { from: '2026-10-01', to: '2026-12-31', amount: 8_888_888 });
    expect(res.statusCode, res.body).toBe(200);
    const sent = await t.handle.db
      .select()
      .from(ownerMessages)
      .where(sql`${ownerMessages.id} > ${before[0]?.id ?? 0}`);
    const credited = await rowsOf<{ house_id: string; amount: string }>(
      t.handle.db,
      sql`select a.house_id::text, e.amount::text from ledger_entries e join ledger_accounts a on a.id = e.account_id
          join ledger_transactions x on x.id = e.transaction_id where x.kind = 'interest' and a.house_id is not null`,
    );
    const live = await t.handle.db
      .select({ ownerId: ownerBindings.ownerId, houseId: ownerBindings.houseId })
      .from(ownerBindings)
      .where(sql`${ownerBindings.endedAt} is null`);
    const creditedBy = new Map(credited.map((c) => [Number(c.house_id), Number(c.amount)]));
    const expected = live.filter((l) => (creditedBy.get(l.houseId) ?? 0) > 0);
    expect(expected.length).toBeGreaterThan(0);
    expect(sent.map((m) => `${m.ownerId}:${m.houseId}:${m.amount}`).sort()).toEqual(
      expected.map((l) => `${l.ownerId}:${l.houseId}:${creditedBy.get(l.houseId)}`).sort(),
    );
    expect(new Set(sent.map((m) => m.title))).toEqual(new Set(['增值收益分配到账']));
  });

  it('F-83 an owner marks one message or all read; another owner’s message is not found', async () => {
    const a = await ownerLogin(demoOwner(1).idNumber);
    const b = await ownerLogin(demoOwner(2).idNumber);
    const count = async (agent: Agent) => (await agent.get('/api/owner/messages/unread-count')).json().count as number;
    const start = await count(a);
    expect(start).toBeGreaterThan(1);
    const [first] = (await a.get('/api/owner/messages?unread=1')).json().items;
    const bRead = await b.post(`/api/owner/messages/${first.id}/read`);
    expect(bRead.statusCode).toBe(404);
    expect(bRead.json().message).toBe('该消息不存在');
    expect(await count(a)).toBe(start);
    const one = await a.post(`/api/owner/messages/${first.id}/read`);
    expect(one.json().count).toBe(start - 1);
    expect((await a.get('/api/owner/messages?unread=1')).json().items.map((m: { id: number }) => m.id)).not.toContain(first.id);
    expect((await a.post('/api/owner/messages/read-all')).json()).toEqual({ count: 0, capped: false });
    expect((await a.get('/api/owner/messages')).json().items.every((m: { read: boolean }) => m.read)).toBe(true);
    expect(await count(b)).toBeGreaterThan(0);
  });
});
