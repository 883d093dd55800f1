import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, orgMessages, organisations, paymentNotices, users } from '../../db/schema/index.ts';
import { DEMO, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let dev: Agent;
let reviewer: Agent;
let committee: Agent;
let teller: Agent;

beforeAll(async () => {
  t = await testApp();
  // The demo's users were created at the real time of seeding; a user sees the messages from then on.
  t.clock.advance(Math.max(0, Date.now() - t.clock.now().getTime()) + 60_000);
  dev = await t.login(DEMO.developer.code, DEMO.developer.clerk);
  reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
  committee = await t.login(DEMO.committee.code, DEMO.committee.director);
  teller = await t.login(DEMO.bank.code, DEMO.bank.teller);
});
afterAll(async () => {
  await t.close();
});

type Todo = { key: string; count: number; capped: boolean; link: string | null };
const todos = async (a: Agent) => {
  const res = await a.get('/api/workspace/todos');
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json().items as Todo[]).map((x) => [x.key, x]));
};
const unread = async (a: Agent) => (await a.get('/api/messages/unread-count')).json().count as number;

async function submittedApplication() {
  const [dev0] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.developer.code));
  const [app] = await t.handle.db
    .select()
    .from(applications)
    .where(and(eq(applications.orgId, dev0?.id as number), eq(applications.status, 'submitted')));
  if (!app) throw new Error('the demo has no submitted application');
  return app;
}

describe('工作台 站内消息', () => {
  it('tells the applicant when the office returns its application, in its own list only', async () => {
    const app = await submittedApplication();
    const before = await unread(dev);
    const res = await reviewer.post(`/api/applications/${app.id}/reject`, { reason: '业主身份证明不清晰' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await unread(dev)).toBe(before + 1);
    const list = (await dev.get('/api/messages?unread=1')).json();
    const m = list.items[0];
    expect(m).toMatchObject({ kind: 'application.reject', read: false, link: `/registry/ownership-change/${app.id}` });
    expect(m.title).toContain(app.no);
    expect(m.body).toContain('业主身份证明不清晰');
    // Another organisation neither lists it nor can mark it.
    const theirs = (await committee.get('/api/messages')).json().items as { id: number }[];
    expect(theirs.map((x) => x.id)).not.toContain(m.id);
    expect((await committee.post(`/api/messages/${m.id}/read`)).statusCode).toBe(404);
    // Marked read by one clerk: the next unread count drops for that clerk only.
    const after = (await dev.post(`/api/messages/${m.id}/read`)).json();
    expect(after.count).toBe(before);
    const admin = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await admin.get('/api/messages?unread=1')).json().items.map((x: { id: number }) => x.id)).toContain(m.id);
  });

  it('writes nothing when the step itself is refused', async () => {
    const [returned] = await t.handle.db.select().from(applications).where(eq(applications.status, 'rejected'));
    const count = async () => (await t.handle.db.select().from(orgMessages)).length;
    const before = await count();
    // Approving a returned application is refused, and no message is written.
    const res = await reviewer.post(`/api/applications/${returned?.id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(await count()).toBe(before);
  });

  it('tells the issuer when the bank confirms a payment', async () => {
    const [n] = await t.handle.db.select().from(paymentNotices).where(eq(paymentNotices.status, 'unpaid')).limit(1);
    if (!n) throw new Error('the demo has no unpaid notice');
    const res = await teller.post('/api/bank/deposits/confirm', {
      noticeNo: n.no,
      amount: Number(n.total),
      channel: '柜台',
      bankRef: `REF-${n.no}`,
      bankDate: '2026-11-22',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [m] = await t.handle.db
      .select()
      .from(orgMessages)
      .where(and(eq(orgMessages.orgId, n.issuerOrgId), eq(orgMessages.kind, 'bank.deposit')))
      .orderBy(desc(orgMessages.id))
      .limit(1);
    expect(m?.title).toContain(n.no);
  });

  it('marks everything read at once, and a colleague added later does not inherit old messages', async () => {
    expect(await unread(dev)).toBeGreaterThan(0);
    const res = await dev.post('/api/messages/read-all');
    expect(res.json()).toEqual({ count: 0, capped: false });
    expect((await dev.get('/api/messages?unread=1')).json().items).toEqual([]);
    const admin = await t.login(DEMO.developer.code, DEMO.developer.admin);
    t.clock.advance(1000);
    const made = await admin.post('/api/org/users', {
      username: 'xinren01',
      name: '新同事',
      mobile: '13800001234',
      roles: ['clerk'],
      password: VALID_PASSWORD,
    });
    expect(made.statusCode, made.body).toBeLessThan(300);
    const [u] = await t.handle.db.select().from(users).where(eq(users.username, 'xinren01'));
    expect(u).toBeDefined();
    const newcomer = await t.login(DEMO.developer.code, 'xinren01', VALID_PASSWORD);
    expect(await unread(newcomer)).toBe(0);
    expect((await newcomer.get('/api/messages')).json().items).toEqual([]);
  });
});

describe('工作台 待办', () => {
  it('counts what waits for the developer, each line linking to the list that shows it', async () => {
    const lines = await todos(dev);
    const returned = lines.get('applicationsReturned');
    expect(returned?.link).toBe('/registry/applications?status=rejected');
    const list = (await dev.get('/api/applications?status=rejected&pageSize=200')).json();
    expect(returned?.count).toBe(list.total);
    expect(returned?.count).toBeGreaterThan(0);
    const unpaid = lines.get('noticesUnpaid');
    expect(unpaid?.link).toBe('/payments/notices?status=unpaid');
    expect(unpaid?.count).toBeGreaterThan(0);
  });

  it('counts the committee’s projects at each stage as the project list filtered by that stage does', async () => {
    const lines = await todos(committee);
    for (const key of ['approvalReturned', 'noticeOutdated', 'awaitingVote']) {
      const line = lines.get(key);
      expect(line?.link, key).toMatch(/^\/repair\/projects\?stage=/);
      const stage = line?.link?.split('=')[1];
      const list = (await committee.get(`/api/projects?stage=${stage}&pageSize=200`)).json();
      expect(line?.count, key).toBe(list.total);
    }
    expect([...lines.values()].some((l) => l.count > 0)).toBe(true);
  });

  it('shows the custodian bank what waits for its confirmation, and another organisation’s work to nobody else', async () => {
    const lines = await todos(teller);
    expect([...lines.keys()]).toEqual(['transfersWaiting', 'refundsWaiting', 'projectRefundsWaiting']);
    const queue = (await teller.get('/api/bank/project-instructions')).json().items as { kind: string }[];
    expect(lines.get('transfersWaiting')?.count).toBe(queue.filter((i) => i.kind === 'transfer').length);
    expect(lines.get('projectRefundsWaiting')?.count).toBe(queue.filter((i) => i.kind === 'project_refund').length);
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    expect((await office.get('/api/workspace/todos')).json().items).toEqual([]);
    expect((await t.agent().get('/api/workspace/todos')).statusCode).toBe(401);
  });
});
