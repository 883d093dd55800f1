import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evoteBallots, houses, projectEvotes } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, DEMO_PASSWORD, testApp, type TestApp } from '../../../test/harness.ts';
import { demoArea, refused } from '../../../test/project-fixtures.ts';
import { type BoundOwner, boundOwners, freshSession, hoursFrom, noticedProject } from '../../../test/evote-fixtures.ts';
import { closeDueEvotes, closeDueEvotesNow } from './close.ts';

let t: TestApp;
let member: Agent;
let area: Awaited<ReturnType<typeof demoArea>>;

beforeAll(async () => {
  t = await testApp();
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  area = await demoArea(t);
});
afterAll(() => t.close());

const relogin = async () => {
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
};

async function openVote(projectId: number, hours = 48) {
  const res = await member.post(`/api/projects/${projectId}/evote`, { opensAt: hoursFrom(t, 0), closesAt: hoursFrom(t, hours) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; closesAt: string; phase: string };
}

const vote = (o: BoundOwner, evoteId: number, choice: string, houseId = o.houseId) =>
  o.agent.post('/api/owner/evote-ballots', { evoteId, houseId, choice });

async function areaOf(ids: number[]) {
  const rows = await t.handle.db.select({ id: houses.id, area: houses.buildingArea }).from(houses).where(inArray(houses.id, ids));
  return rows.reduce((a, r) => a + r.area, 0);
}

/** Moves past the end and logs everyone in again (sessions end after 30 idle minutes). */
async function pastTheEnd(hours: number, owners: BoundOwner[]) {
  t.clock.advance(hours * 3600_000);
  await relogin();
  for (const o of owners) await freshSession(t, o);
}

describe('F-82 demo city', () => {
  it('F-82 the demo owners of 侨城花园 1栋 find the demo project’s electronic vote for their house', async () => {
    const a = t.agent();
    expect((await a.post('/api/owner/login', { idNumber: '440784196401026194', password: DEMO_PASSWORD })).statusCode).toBe(200);
    const houseIds = (await a.get('/api/owner/houses')).json().items.map((h: { id: number }) => h.id);
    const votes = (await a.get('/api/owner/evotes')).json().items;
    expect(votes).toEqual([expect.objectContaining({ projectName: '1栋1单元楼梯间防火门更换', houseId: houseIds[0], choice: null })]);
  });
});

describe('F-82 electronic vote: opening and refusals', () => {
  it('F-82 the committee opens an e-vote once per notice; the period is checked field by field', async () => {
    const p = await noticedProject(t, member, area, '5栋');
    const bad = await member.post(`/api/projects/${p.id}/evote`, { opensAt: hoursFrom(t, 10), closesAt: hoursFrom(t, 5) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.closesAt).toBe('投票结束时间须晚于开始时间');
    const long = await member.post(`/api/projects/${p.id}/evote`, { opensAt: hoursFrom(t, 0), closesAt: hoursFrom(t, 61 * 24) });
    expect(long.json().fieldErrors.closesAt).toBe('投票期最长 60 天，请缩短投票期');
    const e = await openVote(p.id);
    expect(e.phase).toBe('open');
    refused(await member.post(`/api/projects/${p.id}/evote`, { opensAt: hoursFrom(t, 0), closesAt: hoursFrom(t, 5) }), 409, 'F-82');
    const [row] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'evote.open'), eq(auditLog.entityId, String(e.id))));
    expect(row?.summary).toContain('发起电子投票');
  });

  it('F-82 a project without a current initiation notice cannot open an e-vote', async () => {
    const res = await member.post('/api/projects', { type: 'general', name: '未公示项目', description: '' });
    const id = res.json().id as number;
    const r = await member.post(`/api/projects/${id}/evote`, { opensAt: hoursFrom(t, 0), closesAt: hoursFrom(t, 5) });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).not.toMatch(/R-\d|F-\d/);
  });

  it('F-80 F-82 an organisation user on an owner route is refused, and an owner on the committee route', async () => {
    refused(await member.get('/api/owner/evotes'), 403, '机构用户不能使用业主功能');
    const [o] = await boundOwners(t, area.building('5栋'), 1);
    expect((await o?.agent.get('/api/projects/1/evote'))?.statusCode).toBe(403);
  });
});

describe('F-82 R-81 R-82 one vote from opening to result', () => {
  let owners: BoundOwner[];
  let projectId: number;
  let evoteId: number;
  let rangeHouses: number[];
  const receipts: string[] = [];

  beforeAll(async () => {
    await relogin();
    const p = await noticedProject(t, member, area, '2栋');
    projectId = p.id;
    rangeHouses = p.houseIds;
    owners = await boundOwners(t, area.building('2栋'), 6);
    evoteId = (await openVote(projectId)).id;
  });

  it('F-82 an owner sees the vote for their house and votes; the answer carries a receipt code', async () => {
    const [o0] = owners;
    if (!o0) throw new Error('no owner');
    const list = (await o0.agent.get('/api/owner/evotes')).json();
    const mine = list.items.find((i: { evoteId: number }) => i.evoteId === evoteId);
    expect(mine).toMatchObject({ projectId, houseId: o0.houseId, phase: 'open', choice: null, receiptCode: null });
    const res = await vote(o0, evoteId, 'agree');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().receiptCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    receipts.push(res.json().receiptCode);
    const [audit] = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'evote.ballot'));
    expect(audit?.userName).toMatch(/^业主 /);
    expect(JSON.stringify(audit?.after)).not.toContain('agree');
  });

  it('F-82 R-81 a change before the end is a new ballot and the house counts once, with its latest choice', async () => {
    const [o0] = owners as [BoundOwner];
    const res = await vote(o0, evoteId, 'oppose');
    expect(res.json()).toMatchObject({ changed: true, choice: 'oppose' });
    receipts.push(res.json().receiptCode);
    const list = (await o0.agent.get('/api/owner/evotes')).json();
    expect(list.items.find((i: { evoteId: number }) => i.evoteId === evoteId)).toMatchObject({
      choice: 'oppose',
      receiptCode: receipts[1],
    });
    const status = (await member.get(`/api/projects/${projectId}/evote`)).json();
    expect(status.turnout).toMatchObject({ housesVoted: 1, ballots: 2, participatingOwners: 1 });
  });

  it('F-83 the owners of the range were told the vote opened, in their message list', async () => {
    const [o0] = owners as [BoundOwner];
    const messages = (await o0.agent.get('/api/owner/messages')).json().items as { kind: string; title: string; link: string }[];
    const opened = messages.filter((m) => m.kind === 'project.vote');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.title).toContain('电子投票');
    expect(opened[0]?.link).toBe('/owner');
  });

  it('F-81 R-81 the owner’s house page shows the latest online choice as how the house voted', async () => {
    const [o0] = owners as [BoundOwner];
    const projects = (await o0.agent.get(`/api/owner/houses/${o0.houseId}/projects`)).json().items as {
      id: number;
      vote: { choice: string | null; label: string; channel: string | null };
    }[];
    expect(projects.find((p) => p.id === projectId)?.vote).toEqual({ choice: 'oppose', label: '反对', channel: 'online' });
  });

  it('R-82 the owner checks a receipt: the latest counts, the replaced one says so; another owner cannot check it', async () => {
    const [o0, o1] = owners as [BoundOwner, BoundOwner];
    const latest = (await o0.agent.get(`/api/owner/evote-receipts?code=${receipts[1]?.toLowerCase().replaceAll('-', '')}`)).json();
    expect(latest.items[0]).toMatchObject({ counted: true, choice: 'oppose' });
    expect(latest.items[0].message).toMatch(/^已计入：房屋 .+，反对，/);
    const old = (await o0.agent.get(`/api/owner/evote-receipts?code=${receipts[0]}`)).json();
    expect(old.items[0]).toMatchObject({ counted: false, choice: 'agree' });
    expect((await o1.agent.get(`/api/owner/evote-receipts?code=${receipts[1]}`)).statusCode).toBe(404);
    const bad = await o0.agent.get('/api/owner/evote-receipts?code=XYZ');
    expect(bad.json().fieldErrors.code).toContain('回执码');
  });

  it('F-82 an owner cannot vote for another owner’s house, nor for a house outside the range', async () => {
    const [o0, o1] = owners as [BoundOwner, BoundOwner];
    refused(await vote(o1, evoteId, 'agree', o0.houseId), 403, '只能为本人已绑定的房屋投票');
    const [outside] = await boundOwners(t, area.building('5栋'), 2).then((os) => os.slice(1));
    const r = await vote(outside as BoundOwner, evoteId, 'agree');
    expect(r.statusCode).toBe(400);
    expect(r.json().fieldErrors.houseId).toContain('不在本项目的表决范围内');
  });

  it('F-82 while open the committee sees turnout only, never the direction, and paper entry waits for the end', async () => {
    const [, o1, o2, o3] = owners as [BoundOwner, BoundOwner, BoundOwner, BoundOwner];
    expect((await vote(o1, evoteId, 'agree')).statusCode).toBe(200);
    expect((await vote(o2, evoteId, 'abstain')).statusCode).toBe(200);
    expect((await vote(o3, evoteId, 'agree')).statusCode).toBe(200);
    const status = await member.get(`/api/projects/${projectId}/evote`);
    expect(status.body).not.toMatch(/agree|oppose|abstain/);
    expect(status.json().turnout).toMatchObject({ housesVoted: 4, participatingOwners: 4, rangeHouses: rangeHouses.length });
    expect(status.json().turnout.participatingArea).toBe(await areaOf(owners.slice(0, 4).map((o) => o.houseId)));
    const sheet = (await member.get(`/api/projects/${projectId}/vote-sheet?pageSize=200`)).json();
    const online = sheet.items.filter((h: { online: boolean }) => h.online);
    expect(online.length).toBe(4);
    expect(online.every((h: { choice: string | null }) => h.choice === null)).toBe(true);
    refused(await member.get(`/api/projects/${projectId}/evote/result`), 409, 'F-82');
    refused(await member.post(`/api/projects/${projectId}/vote`, { mode: 'houses', ballots: [] }), 409, 'F-82');
  });

  it('F-82 R-82 a ballot after the end is refused, even before the closing job has run', async () => {
    await pastTheEnd(49, owners);
    const [, , , , o4] = owners as BoundOwner[];
    const late = refused(await vote(o4 as BoundOwner, evoteId, 'agree'), 409, 'F-82');
    expect(late.message).toContain('投票已于');
    const [row] = await t.handle.db.select().from(projectEvotes).where(eq(projectEvotes.id, evoteId));
    expect(row?.status).toBe('open');
    expect((await member.get(`/api/projects/${projectId}/evote`)).json().evote.phase).toBe('closed');
  });

  it('R-81 paper entry refuses totals and paper choices for houses that voted online, naming how many', async () => {
    const [o0, , , , o4, o5] = owners as BoundOwner[];
    refused(
      await member.post(`/api/projects/${projectId}/vote`, {
        mode: 'totals',
        participatingArea: 1,
        participatingOwners: 1,
        agreeArea: 1,
        agreeOwners: 1,
      }),
      409,
      'R-81',
    );
    const both = await member.post(`/api/projects/${projectId}/vote`, {
      mode: 'houses',
      ballots: [
        { houseId: o0?.houseId, choice: 'agree' },
        { houseId: o4?.houseId, choice: 'agree' },
      ],
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().fieldErrors.ballots).toContain('1 套房屋已网上投票');
    const sheet = (await member.get(`/api/projects/${projectId}/vote-sheet?pageSize=200`)).json();
    expect(sheet.items.find((h: { houseId: number }) => h.houseId === o0?.houseId)).toMatchObject({ online: true, choice: 'oppose' });
    void o5;
  });

  it('R-81 R-42 the result over paper and online ballots equals a hand count', async () => {
    const [o0, o1, o2, o3, o4, o5] = owners as BoundOwner[] as [BoundOwner, BoundOwner, BoundOwner, BoundOwner, BoundOwner, BoundOwner];
    const res = await member.post(`/api/projects/${projectId}/vote`, {
      mode: 'houses',
      ballots: [
        { houseId: o4.houseId, choice: 'agree' },
        { houseId: o5.houseId, choice: 'oppose' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const sheet = (await member.get(`/api/projects/${projectId}/vote-sheet?pageSize=1`)).json();
    // By hand: six single-house owners took part (four online, two on paper); o1, o3 online and o4 on paper agreed.
    const hand = {
      rangeArea: sheet.rangeArea,
      rangeOwners: sheet.rangeOwners,
      participatingArea: await areaOf([o0, o1, o2, o3, o4, o5].map((o) => o.houseId)),
      participatingOwners: 6,
      agreeArea: await areaOf([o1, o3, o4].map((o) => o.houseId)),
      agreeOwners: 3,
    };
    expect(res.json().totals).toEqual(hand);
    expect(res.json().passed).toBe(false);
    const result = (await member.get(`/api/projects/${projectId}/evote/result`)).json();
    expect(result).toMatchObject({ totals: hand, onlineHouses: 4, paperHouses: 2, recorded: true, passed: false });
    expect(result.chain).toMatchObject({ valid: true, checked: 5 });
    expect(result.finalHash).toMatch(/^[0-9a-f]{64}$/);
    // Recording closed the e-vote and kept the chain's final hash.
    const [row] = await t.handle.db.select().from(projectEvotes).where(eq(projectEvotes.id, evoteId));
    expect(row).toMatchObject({ status: 'closed', finalHash: result.finalHash });
    const [a] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'project.vote'), eq(auditLog.entityId, String(projectId))));
    expect(a?.after).toMatchObject({ onlineHouses: 4, paperHouses: 2, finalHash: result.finalHash });
  });
});

describe('R-82 ballot integrity', () => {
  it('R-82 ballots are append-only: the database refuses to change or delete one', async () => {
    const [b] = await t.handle.db.select().from(evoteBallots).limit(1);
    await expect(t.handle.db.execute(sql`update evote_ballots set choice = 'agree' where id = ${b?.id}`)).rejects.toThrow();
    await expect(t.handle.db.execute(sql`delete from evote_ballots where id = ${b?.id}`)).rejects.toThrow();
  });

  it('R-82 a ballot altered behind the application’s back is reported by the chain check', async () => {
    await relogin();
    const p = await noticedProject(t, member, area, '4栋');
    const owners = await boundOwners(t, area.building('4栋'), 3);
    const { id } = await openVote(p.id);
    for (const o of owners) expect((await vote(o, id, 'agree')).statusCode).toBe(200);
    expect((await member.get(`/api/projects/${p.id}/evote/chain`)).json()).toMatchObject({ valid: true, checked: 3, broken: [] });
    const [second] = await t.handle.db
      .select()
      .from(evoteBallots)
      .where(and(eq(evoteBallots.evoteId, id), eq(evoteBallots.seq, 2)));
    await t.handle.db.execute(sql`alter table evote_ballots disable trigger evote_ballots_append_only`);
    await t.handle.db.execute(sql`update evote_ballots set choice = 'oppose' where id = ${second?.id}`);
    await t.handle.db.execute(sql`alter table evote_ballots enable trigger evote_ballots_append_only`);
    const check = (await member.get(`/api/projects/${p.id}/evote/chain`)).json();
    expect(check.valid).toBe(false);
    expect(check.broken).toEqual([expect.objectContaining({ ballotId: second?.id, seq: 2, houseId: owners[1]?.houseId })]);
    expect(check.broken[0].problem).toContain('记录被改动');
  });

  it('F-82 R-82 fifty owners voting at once: fifty ballots, one unbroken chain', async () => {
    await relogin();
    const p = await noticedProject(t, member, area, '3栋');
    const owners = await boundOwners(t, area.building('3栋'), 50);
    const { id } = await openVote(p.id);
    const answers = await Promise.all(owners.map((o, i) => vote(o, id, i % 3 === 0 ? 'oppose' : 'agree')));
    expect(answers.map((a) => a.statusCode)).toEqual(owners.map(() => 200));
    const rows = await t.handle.db.select({ seq: evoteBallots.seq }).from(evoteBallots).where(eq(evoteBallots.evoteId, id));
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(owners.map((_, i) => i + 1));
    expect(new Set(answers.map((a) => a.json().receiptCode)).size).toBe(50);
    const check = (await member.get(`/api/projects/${p.id}/evote/chain`)).json();
    expect(check).toMatchObject({ valid: true, checked: 50 });
    expect((await member.get(`/api/projects/${p.id}/evote`)).json().turnout).toMatchObject({ housesVoted: 50, participatingOwners: 50 });
  });
});

describe('F-82 the vote closes by itself', () => {
  it('F-82 two closers at once close a due e-vote once, with one audit row and the final hash', async () => {
    await relogin();
    const p = await noticedProject(t, member, area, '6栋');
    const [o] = await boundOwners(t, area.building('6栋'), 1);
    const { id } = await openVote(p.id, 1);
    expect((await vote(o as BoundOwner, id, 'agree')).statusCode).toBe(200);
    const [ballot] = await t.handle.db.select().from(evoteBallots).where(eq(evoteBallots.evoteId, id));
    t.clock.advance(2 * 3600_000);
    const ctx = { db: t.handle.db, dbKind: t.handle.kind, clock: t.clock, actor: null, owner: null, ip: 'test' };
    const [a, b] = await Promise.all([
      t.handle.db.transaction((tx) => closeDueEvotes(tx, ctx, p.id)),
      t.handle.db.transaction((tx) => closeDueEvotes(tx, ctx, p.id)),
    ]);
    expect([...(a ?? []), ...(b ?? [])].map((c) => c.id)).toEqual([id]);
    expect(await closeDueEvotesNow(t.handle, t.clock)).toBe(true);
    const [row] = await t.handle.db.select().from(projectEvotes).where(eq(projectEvotes.id, id));
    expect(row).toMatchObject({ status: 'closed', finalHash: ballot?.hash });
    expect(row?.closedAt?.getTime()).toBe(row?.closesAt.getTime());
    const audits = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'evote.close'), eq(auditLog.entityId, String(id))));
    expect(audits.length).toBe(1);
  });

  it('F-82 the project list says 网上投票中 while the e-vote runs; once it has closed, the notice’s own stage again', async () => {
    await relogin();
    const p = await noticedProject(t, member, area, '5栋');
    const stageOf = async () => {
      const list = (await member.get(`/api/projects?pageSize=200`)).json().items as { id: number; stage: string; stageLabel: string }[];
      const row = list.find((r) => r.id === p.id);
      return `${row?.stage} ${row?.stageLabel}`;
    };
    await openVote(p.id, 1);
    expect(await stageOf()).toBe('evote_running 网上投票中');
    expect((await member.get(`/api/projects?stage=evote_running`)).json().items.map((r: { id: number }) => r.id)).toContain(p.id);
    t.clock.advance(2 * 3600_000);
    expect(await closeDueEvotesNow(t.handle, t.clock)).toBe(true);
    await relogin();
    // The initiation notice still runs (its deadline is a week away).
    expect(await stageOf()).toBe('notice 公示中');
  });
});
