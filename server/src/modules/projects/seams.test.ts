import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { houseOwners, houses, ledgerAccounts, projectItemHouses } from '../../db/schema/index.ts';
import { acceptProjectRequest } from '../../../test/acceptance-fixtures.ts';
import {
  allAgree,
  deadlineAfter,
  draftProject,
  officeApproves,
  payee,
  refused,
  disburse,
  projectWorld,
} from '../../../test/project-fixtures.ts';

/** Where the project's steps meet (SPEC §7.2): settlement, stale notices, pending debits, owner counting. */
const w = projectWorld();

type ActionState = { action: string; allowed: boolean; blockedBy?: { rule: string; message: string } };
const summaryOf = async (id: number) => (await w.member.get(`/api/projects/${id}/summary`)).json();
const actionOf = async (id: number, name: string): Promise<ActionState> =>
  (await summaryOf(id)).actions.find((a: ActionState) => a.action === name);
const publish = (id: number, kind = 'initiation', content = '') =>
  w.member.post(`/api/projects/${id}/notices`, { kind, deadline: deadlineAfter(w.t, 7), content });
const transfer = (number: string, amount: number, ref: string) =>
  w.teller.post('/api/bank/project-transfers/confirm', { number, amount, bankRef: ref, bankDate: w.today() });

/** a live project always has an allowed next action other than cancelling it. */
async function expectWayForward(id: number) {
  const s = await summaryOf(id);
  if (s.status === 'completed' || s.status === 'cancelled') return;
  const forward = s.actions.filter((a: ActionState) => a.allowed && !['cancellation_notice', 'cancel'].includes(a.action));
  expect(
    forward.map((a: ActionState) => a.action),
    JSON.stringify(s.actions),
  ).not.toEqual([]);
}

/** Notice, vote, notice period, approval application and the office's approval. */
async function approve(id: number, houseIds: number[]) {
  expect((await publish(id)).statusCode).toBe(200);
  await expectWayForward(id);
  const vote = await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds));
  expect(vote.statusCode, vote.body).toBe(200);
  await w.advanceDays(8);
  await expectWayForward(id);
  const submitted = await w.member.post(`/api/projects/${id}/approval`, { note: '' });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const request = submitted.json().requests.find((r: { kind: string }) => r.kind === 'approval');
  await officeApproves(w.office, request.id);
  await expectWayForward(id);
  return (await w.member.get(`/api/projects/${id}`)).json().phases as { id: number; seq: number; amount: number }[];
}

/** Applies for a phase, has the office approve it and the bank transfer it. */
async function pay(id: number, phaseId: number, amount: number) {
  const applied = await disburse(w.member, id, { phaseId, payees: [payee(amount)] });
  expect(applied.statusCode, applied.body).toBe(200);
  await officeApproves(w.office, applied.json().id);
  const done = await transfer(applied.json().no, amount, `ZZ${applied.json().id}`);
  expect(done.statusCode, done.body).toBe(200);
  await expectWayForward(id);
}

describe('R-49 settlement above the budget', () => {
  it('R-49 项目验收 refuses a settlement above the budget total, saying an increase needs a new notice and vote; the project then completes', async () => {
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '2栋', 100_000, [60_000, 40_000]);
    const phases = await approve(id, houseIds);
    await pay(id, phases[0]?.id as number, 60_000);

    const above = await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '验收合格', settlement: 100_001 });
    refused(above, 409, 'R-49');
    expect(above.json().message).toContain('超过预算总额 1,000.00 元');
    expect(above.json().message).toContain('重新发布立项公示并经业主表决');
    expect(above.json().fieldErrors.settlement).toContain('重新发布立项公示');
    expect((await summaryOf(id)).acceptance).toBeNull();

    const acc = await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '验收合格', settlement: 100_000 });
    expect(acc.statusCode, acc.body).toBe(200);
    await expectWayForward(id);
    expect((await publish(id, 'acceptance', '验收合格')).statusCode).toBe(200);
    await expectWayForward(id);
    await pay(id, phases[1]?.id as number, 40_000);
    expect((await summaryOf(id)).status).toBe('completed');
  });
});

describe('R-49 F-46 money refunded before the last transfer', () => {
  it('R-49 F-46 what a refund gave back can be applied for again in its phase, so the project still completes', async () => {
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '3栋', 30_000, [20_000, 10_000]);
    const phases = await approve(id, houseIds);
    await pay(id, phases[0]?.id as number, 20_000);
    const source = (await summaryOf(id)).requests.find((r: { kind: string; status: string }) => r.kind === 'disbursement');
    const refund = await w.member.post(`/api/projects/${id}/refunds`, { sourceIds: [source.id], amount: 5_000, reason: '返工' });
    expect(refund.statusCode, refund.body).toBe(200);
    const notice = refund.json().requests.find((r: { kind: string }) => r.kind === 'refund');
    const back = await w.teller.post('/api/bank/project-refunds/confirm', {
      number: notice.no,
      amount: 5_000,
      bankRef: 'RF1',
      bankDate: w.today(),
    });
    expect(back.statusCode, back.body).toBe(200);

    expect(
      (await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '返工后合格', settlement: 30_000 })).statusCode,
    ).toBe(200);
    expect((await publish(id, 'acceptance', '返工后合格')).statusCode).toBe(200);
    await pay(id, phases[1]?.id as number, 10_000);
    expect((await summaryOf(id)).status).not.toBe('completed');
    const proposal = (await w.member.get(`/api/projects/${id}/phases/${phases[0]?.id}/proposal`)).json();
    expect(proposal.remaining).toBe(5_000);
    await pay(id, phases[0]?.id as number, 5_000);
    expect((await summaryOf(id)).status).toBe('completed');
  });
});

describe('R-51 a notice lists exactly what is charged', () => {
  it('R-51 a house taken out of the range after the 立项公示 makes it outdated: the vote is blocked with the reason and a new notice is allowed', async () => {
    const { id, itemId, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '3栋', 90_000, [90_000]);
    expect((await publish(id)).statusCode).toBe(200);
    expect((await actionOf(id, 'vote')).allowed).toBe(true);

    const removed = houseIds[0] as number;
    const edit = await w.member.post(`/api/projects/${id}/items/${itemId}/houses`, { remove: [removed] });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await w.member.post(`/api/projects/${id}/apportion`)).statusCode).toBe(200);

    const vote = await actionOf(id, 'vote');
    expect(vote.allowed).toBe(false);
    expect(vote.blockedBy?.rule).toBe('R-51');
    expect(vote.blockedBy?.message).toContain('须重新发布立项公示');
    expect((await actionOf(id, 'approval')).blockedBy?.rule).toBe('R-51');
    const rest = houseIds.filter((h) => h !== removed);
    refused(await w.member.post(`/api/projects/${id}/vote`, allAgree(rest)), 409, 'R-51');

    expect((await actionOf(id, 'initiation_notice')).allowed).toBe(true);
    const renewed = await publish(id);
    expect(renewed.statusCode, renewed.body).toBe(200);
    const notice = renewed.json().notices.at(-1);
    const list = (await w.t.agent().get(`/api/public/project-notices/${notice.no}?pageSize=200`)).json().list;
    expect(list.total).toBe(rest.length);
    expect(list.items.map((h: { houseId: number }) => h.houseId)).not.toContain(removed);
    const again = await w.member.post(`/api/projects/${id}/vote`, allAgree(rest));
    expect(again.statusCode, again.body).toBe(200);
  });

  it('R-51 shares changed after a passed vote: the approval waits for a new notice, and the vote on the old list no longer counts', async () => {
    const { id, itemId, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '4栋', 90_000, [90_000]);
    expect((await publish(id)).statusCode).toBe(200);
    expect((await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds))).statusCode).toBe(200);
    await w.advanceDays(8);
    expect((await actionOf(id, 'approval')).allowed).toBe(true);

    // One fen moves between two houses: the budget stays, the list charged does not.
    const [a, b] = houseIds as [number, number];
    const shares = await w.t.handle.db
      .select()
      .from(projectItemHouses)
      .where(and(eq(projectItemHouses.itemId, itemId), inArray(projectItemHouses.houseId, [a, b])));
    const share = (h: number) => Number(shares.find((s) => s.houseId === h)?.share);
    const moved = await w.member.put(`/api/projects/${id}/items/${itemId}/shares`, {
      rows: [
        { houseId: a, share: share(a) - 1 },
        { houseId: b, share: share(b) + 1 },
      ],
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const approval = await actionOf(id, 'approval');
    expect(approval.blockedBy?.rule).toBe('R-51');
    refused(await w.member.post(`/api/projects/${id}/approval`, { note: '' }), 409, 'R-51');

    expect((await publish(id)).statusCode).toBe(200);
    await w.advanceDays(8);
    refused(await w.member.post(`/api/projects/${id}/approval`, { note: '' }), 409, '须先录入业主表决结果');
    expect((await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds))).statusCode).toBe(200);
    const submitted = await w.member.post(`/api/projects/${id}/approval`, { note: '' });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
});

describe('R-48 pending debits', () => {
  it('R-48 the office’s approval counts every approved but not yet transferred disbursement on the same houses', async () => {
    // A budget far above the houses' balances; each application is sized so one fits and two do not.
    const budget = 1_000_000_000;
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '1栋', budget, [budget]);
    const shares = await w.t.handle.db.select().from(projectItemHouses).where(eq(projectItemHouses.projectId, id));
    const accounts = await w.t.handle.db.select().from(ledgerAccounts).where(inArray(ledgerAccounts.houseId, houseIds));
    const balance = new Map(accounts.map((a) => [a.houseId as number, a.balance]));
    // The largest amount every house can pay its part of: min over houses of balance × budget / share.
    const most = shares.reduce((m, s) => {
      const k = ((balance.get(s.houseId) ?? 0n) * BigInt(budget)) / s.share;
      return k < m ? k : m;
    }, BigInt(budget));
    const each = Number((most * 6n) / 10n);
    expect(each).toBeGreaterThan(1000);
    expect(2 * each * 100).toBeLessThanOrEqual(budget * 70);
    const plan = await w.member.put(`/api/projects/${id}/plan`, {
      phases: [
        { amount: each, condition: '' },
        { amount: each, condition: '' },
        { amount: budget - 2 * each, condition: '' },
      ],
    });
    expect(plan.json().warnings).toEqual([]);
    const phases = await approve(id, houseIds);

    const first = await disburse(w.member, id, { phaseId: phases[0]?.id, payees: [payee(each)] });
    const second = await disburse(w.member, id, { phaseId: phases[1]?.id, payees: [payee(each)] });
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode, second.body).toBe(200);
    await officeApproves(w.office, first.json().id);

    // The second alone would fit; after the first, which the bank has not transferred yet, it cannot.
    expect((await acceptProjectRequest(w.office.accept, second.json().id, '纸质材料齐全')).statusCode).toBe(200);
    const approveSecond = await w.office.review.post(`/api/office/project-requests/${second.json().id}/approve`);
    expect(approveSecond.statusCode, approveSecond.body).toBe(409);
    expect(approveSecond.json().code).toBe('SHORTFALL');
    expect(approveSecond.json().message).toContain('余额不足');

    // Once the first is transferred the balances show it, and the bank's confirmation went through.
    expect((await transfer(first.json().no, each, 'ZZP1')).statusCode).toBe(200);
    expect((await w.office.review.post(`/api/office/project-requests/${second.json().id}/approve`)).statusCode).toBe(409);
  });
});

describe('§10 money totals stay exact', () => {
  const MAX = Number.MAX_SAFE_INTEGER;

  it('R-41 §10 every total is capped like each amount: budgets, plan and shares that sum past 2^53 fen are refused', async () => {
    const { id, itemId, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '5栋', 10_000, [10_000]);
    const facilityId = await w.area.buildingFacility('5栋');
    const items = await w.member.put(`/api/projects/${id}/items`, {
      items: [
        { id: itemId, facilityId, content: '维修', budget: MAX },
        { facilityId, content: '维修', budget: MAX },
      ],
    });
    refused(items, 400, '预算合计');
    expect(items.json().fieldErrors.items).toContain('超过上限');

    const plan = await w.member.put(`/api/projects/${id}/plan`, {
      phases: [
        { amount: MAX, condition: '' },
        { amount: 1, condition: '' },
      ],
    });
    refused(plan, 400, '拨付计划合计');

    const shares = await w.member.put(`/api/projects/${id}/items/${itemId}/shares`, {
      rows: houseIds.slice(0, 2).map((houseId) => ({ houseId, share: MAX })),
    });
    refused(shares, 400, '分摊金额合计');

    const after = (await w.member.get(`/api/projects/${id}`)).json();
    expect(after.budgetTotal).toBe(10_000);
    expect((await w.member.get(`/api/projects/${id}/merged-list?pageSize=1`)).json().totalShare).toBe(10_000);
  });
});

describe('R-42 owner counting', () => {
  it('R-42 a co-owned house recorded in a different order elsewhere counts as the same owner', async () => {
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '6栋', 10_000, [10_000]);
    const sold = await w.t.handle.db
      .select({ id: houses.id })
      .from(houses)
      .where(and(inArray(houses.id, houseIds), eq(houses.salesStatus, 'sold')));
    expect(sold.length).toBeGreaterThanOrEqual(2);
    const [a, b] = sold.map((h) => h.id) as [number, number];
    const owner = (houseId: number, name: string, idNumber: string) => ({ houseId, name, idType: '居民身份证' as const, idNumber });
    const setOwners = async (houseId: number, rows: ReturnType<typeof owner>[]) => {
      await w.t.handle.db.delete(houseOwners).where(eq(houseOwners.houseId, houseId));
      await w.t.handle.db.insert(houseOwners).values(rows);
    };
    const rangeOwners = async () => (await w.member.get(`/api/projects/${id}/vote-sheet?pageSize=1`)).json().rangeOwners as number;

    // House a: 陈 and 李; house b: 王 alone — two different owners.
    await setOwners(a, [owner(a, '陈共有', '440701199001010011'), owner(a, '李共有', '440701199202020022')]);
    await setOwners(b, [owner(b, '王独有', '440701198803030033')]);
    const apart = await rangeOwners();
    // House b now belongs to 李 and 陈, recorded the other way round: the same two owners as house a.
    await setOwners(b, [owner(b, '李共有', '440701199202020022'), owner(b, '陈共有', '440701199001010011')]);
    expect(await rangeOwners()).toBe(apart - 1);
  });
});
