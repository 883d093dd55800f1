import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projectItemHouses } from '../../db/schema/index.ts';
import { DEMO_BANK_API_KEY } from '../../demo/payments.ts';
import { checkLedger } from '../../ledger/check.ts';
import { bigPng, DEMO, file, smallPng } from '../../../test/fixtures.ts';
import {
  balances,
  deadlineAfter,
  officeApproves,
  payee,
  refused,
  disburse,
  uploadRequiredDocuments,
  projectWorld,
} from '../../../test/project-fixtures.ts';
import { BANK_API_HEADERS, sign } from '../payments/bank-api-auth.ts';
import { SETTINGS } from '../settings/store.ts';

const w = projectWorld();

/** A project with one item on a building's roof, its budget apportioned, and its plan. */
async function draft(type: 'general' | 'emergency' | 'simple', buildingName: string, budget: number, phases: number[]) {
  const res = await w.member.post('/api/projects', { type, name: `${buildingName}${type}维修`, description: '' });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as number;
  const facilityId = await w.area.buildingFacility(buildingName);
  expect((await w.member.put(`/api/projects/${id}/items`, { items: [{ facilityId, content: '维修', budget }] })).statusCode).toBe(200);
  expect((await w.member.post(`/api/projects/${id}/apportion`)).statusCode).toBe(200);
  if (phases.length > 0) {
    const plan = await w.member.put(`/api/projects/${id}/plan`, { phases: phases.map((amount) => ({ amount, condition: '' })) });
    expect(plan.json().warnings).toEqual([]);
  }
  await uploadRequiredDocuments(w.member, id, 'approval', type);
  const houseIds = (await w.t.handle.db.select().from(projectItemHouses).where(eq(projectItemHouses.projectId, id))).map((r) => r.houseId);
  return { id, houseIds };
}
const publish = (id: number, kind: string, content = '') =>
  w.member.post(`/api/projects/${id}/notices`, { kind, deadline: deadlineAfter(w.t, 7), content });
const allAgree = (houseIds: number[]) => ({ mode: 'houses', ballots: houseIds.map((houseId) => ({ houseId, choice: 'agree' })) });
const summaryOf = async (id: number) => (await w.member.get(`/api/projects/${id}/summary`)).json();
const transfer = (number: string, amount: number, ref: string) =>
  w.teller.post('/api/bank/project-transfers/confirm', { number, amount, bankRef: ref, bankDate: w.today() });

describe('simple project (简单拨付维修项目)', () => {
  it('R-47 approval and disbursement in one review, after acceptance: the whole budget transferred once, each house debited its share', async () => {
    const budget = 200_000;
    const { id, houseIds } = await draft('simple', '2栋', budget, []);
    refused(await w.member.put(`/api/projects/${id}/plan`, { phases: [{ amount: budget, condition: '' }] }), 400, '没有拨付计划');
    expect((await publish(id, 'initiation')).statusCode).toBe(200);
    expect((await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds))).json().passed).toBe(true);
    await w.advanceDays(9);
    refused(await w.member.post(`/api/projects/${id}/approval`, { payees: [payee(budget)] }), 409, 'R-47');
    refused(
      await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '合格', settlement: budget - 1 }),
      409,
      'R-47',
    );
    expect(
      (await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '合格', settlement: budget })).statusCode,
    ).toBe(200);
    refused(await w.member.post(`/api/projects/${id}/approval`, { payees: [payee(budget)] }), 409, 'R-47');
    expect((await publish(id, 'acceptance', '验收合格')).statusCode).toBe(200);
    refused(await w.member.post(`/api/projects/${id}/approval`, { payees: [payee(budget - 100), payee(99)] }), 400, 'R-47');
    const bad = await w.member.post(`/api/projects/${id}/approval`, { payees: [{ ...payee(budget), accountNo: '12ab' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors['payees.0.accountNo']).toContain('银行账号');
    const before = await balances(w.t, houseIds);
    const ok = await w.member.post(`/api/projects/${id}/approval`, {
      payees: [payee(budget - 50_000), payee(50_000, '江门市电梯工程有限公司')],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const approval = ok.json().requests.find((r: { kind: string }) => r.kind === 'approval');
    refused(await disburse(w.member, id, { phaseId: 1, payees: [payee(1)] }), 409, 'R-47');
    await officeApproves(w.office, approval.id);
    const s = await summaryOf(id);
    const bound = s.requests.find((r: { kind: string }) => r.kind === 'disbursement');
    expect(bound).toMatchObject({ status: 'approved', amount: budget });
    expect(bound.payees).toHaveLength(2);
    expect((await transfer(bound.no, budget, 'SIMPLE1')).statusCode).toBe(200);
    const done = await summaryOf(id);
    expect(done.status).toBe('completed');
    const after = await balances(w.t, houseIds);
    const shares = await w.t.handle.db.select().from(projectItemHouses).where(eq(projectItemHouses.projectId, id));
    for (const sh of shares) expect((before.get(sh.houseId) ?? 0n) - (after.get(sh.houseId) ?? 0n)).toBe(sh.share);
  });
});

describe('emergency project (紧急维修项目), refund (F-46) and cancellation (F-47)', () => {
  let id: number;
  let houseIds: number[];
  let before: Map<number, bigint>;
  let transferNo: string;

  it('R-43 no vote for an emergency project; the approval needs only the published notice', async () => {
    ({ id, houseIds } = await draft('emergency', '3栋', 300_000, [180_000, 120_000]));
    before = await balances(w.t, houseIds);
    refused(await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds)), 409, 'R-43');
    refused(await w.member.post(`/api/projects/${id}/approval`, {}), 409, 'R-43');
    expect((await publish(id, 'initiation')).statusCode).toBe(200);
    const res = await w.member.post(`/api/projects/${id}/approval`, {});
    expect(res.statusCode, res.body).toBe(200);
    refused(await disburse(w.member, id, { phaseId: 1, payees: [payee(1)] }), 409, 'R-44');
    await officeApproves(w.office, res.json().requests.find((r: { kind: string }) => r.kind === 'approval').id);
  });

  it('F-71 R-22 the bank’s system confirms the transfer over the signed API; a replayed request is refused', async () => {
    const phases = (await w.member.get(`/api/projects/${id}`)).json().phases;
    const app = await disburse(w.member, id, { phaseId: phases[0].id, payees: [payee(180_000)] });
    expect(app.statusCode, app.body).toBe(200);
    transferNo = app.json().no;
    await officeApproves(w.office, app.json().id);
    const path = '/api/bank-api/v1/project-transfers/confirm';
    const body = JSON.stringify({ number: transferNo, amount: 180_000, bankRef: 'API-1', bankDate: w.today() });
    const ts = String(Math.floor(w.t.clock.now().getTime() / 1000));
    const headers = {
      'content-type': 'application/json',
      [BANK_API_HEADERS.key]: DEMO_BANK_API_KEY.keyId,
      [BANK_API_HEADERS.timestamp]: ts,
      [BANK_API_HEADERS.signature]: sign(DEMO_BANK_API_KEY.secret, ts, 'POST', path, body),
    };
    const res = await w.t.app.inject({ method: 'POST', url: path, payload: body, headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ number: transferNo, kind: 'transfer', repeated: false });
    const replay = await w.t.app.inject({ method: 'POST', url: path, payload: body, headers });
    expect(replay.statusCode).toBe(401);
    const unsigned = await w.t.app.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const after = await balances(w.t, houseIds);
    expect(houseIds.reduce((a, h) => a + ((before.get(h) ?? 0n) - (after.get(h) ?? 0n)), 0n)).toBe(180_000n);
  });

  it('F-47 R-50 cancellation needs nothing transferred left unrefunded (named before the missing notice) and its notice', async () => {
    refused(await w.member.post(`/api/projects/${id}/cancel`), 409, 'R-50');
    expect((await publish(id, 'cancellation', '施工单位无法继续施工')).statusCode).toBe(200);
    refused(await w.member.post(`/api/projects/${id}/cancel`), 409, 'R-50');
    // A project without money needs only its notice.
    const draft = await w.member.post('/api/projects', { type: 'general', name: '撤销前须公示', description: '' });
    refused(await w.member.post(`/api/projects/${draft.json().id}/cancel`), 409, 'F-47');
  });

  it('F-46 refuses a refund above what was transferred; a refund notice is confirmed by the bank and credits the houses pro rata', async () => {
    const s = await summaryOf(id);
    const source = s.requests.find((r: { no: string }) => r.no === transferNo);
    refused(await w.member.post(`/api/projects/${id}/refunds`, { sourceIds: [source.id], amount: 180_001, reason: '停工' }), 409, 'F-46');
    const first = await w.member.post(`/api/projects/${id}/refunds`, { sourceIds: [source.id], amount: 100_000, reason: '停工' });
    expect(first.statusCode, first.body).toBe(200);
    refused(await w.member.post(`/api/projects/${id}/refunds`, { sourceIds: [source.id], amount: 80_001, reason: '停工' }), 409, 'F-46');
    const rest = await w.member.post(`/api/projects/${id}/refunds`, { sourceIds: [source.id], amount: 80_000, reason: '停工' });
    expect(rest.statusCode, rest.body).toBe(200);
    const refunds = rest.json().requests.filter((r: { kind: string }) => r.kind === 'refund');
    expect(refunds.map((r: { no: string }) => r.no).every((no: string) => /^QT\d{12}$/.test(no))).toBe(true);
    // The notice tells the applicant which account to pay into: the custody account of the day.
    for (const r of refunds) expect(r.payInAccount).toEqual(SETTINGS.custodyAccount.default);
    const queue = (await w.teller.get('/api/bank/project-instructions')).json().items.map((i: { number: string }) => i.number);
    for (const r of refunds) expect(queue).toContain(r.no);
    for (const r of refunds) {
      const res = await w.teller.post('/api/bank/project-refunds/confirm', {
        number: r.no,
        amount: r.amount,
        bankRef: `RF${r.id}`,
        bankDate: w.today(),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const again = await w.teller.post('/api/bank/project-refunds/confirm', {
      number: refunds[0].no,
      amount: refunds[0].amount,
      bankRef: 'X',
      bankDate: w.today(),
    });
    expect(again.json().repeated).toBe(true);
    const after = await balances(w.t, houseIds);
    for (const h of houseIds) expect(after.get(h)).toBe(before.get(h));
    expect((await summaryOf(id)).money).toMatchObject({ transferred: 180_000, refunded: 180_000 });
    expect(await checkLedger(w.t.handle.db)).toEqual([]);
  });

  it('F-47 cancels once everything is refunded; nothing more can be done', async () => {
    const res = await w.member.post(`/api/projects/${id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const blocked = res.json().actions.find((a: { action: string }) => a.action === 'disbursement');
    expect(blocked.blockedBy.rule).toBe('F-47');
  });
});

describe('R-48 shortfall', () => {
  it('R-48 refuses a disbursement some houses cannot pay, listing each house and its shortfall', async () => {
    // 5栋's deposit notice is still unpaid in the demo city: its houses hold nothing.
    const { id } = await draft('emergency', '5栋', 100_000, [60_000, 40_000]);
    expect((await publish(id, 'initiation')).statusCode).toBe(200);
    const res = await w.member.post(`/api/projects/${id}/approval`, {});
    await officeApproves(w.office, res.json().requests[0].id);
    const phases = (await w.member.get(`/api/projects/${id}`)).json().phases;
    const short = await disburse(w.member, id, { phaseId: phases[0].id, payees: [payee(60_000)] });
    refused(short, 409, 'R-48');
    const list = short.json().shortfalls as { houseId: number; name: string; balance: number; debit: number; shortfall: number }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.reduce((a, h) => a + h.debit, 0)).toBe(60_000);
    for (const h of list) expect(h.shortfall).toBe(h.debit - h.balance);
  });
});

describe('F-40 shares entered house by house and imported', () => {
  it('F-40 分摊合并 from a CSV import: every bad row listed at once and nothing saved; a clean file sets the shares', async () => {
    const { id, houseIds } = await draft('general', '4栋', 10_000, []);
    const detail = (await w.member.get(`/api/projects/${id}`)).json();
    const itemId = detail.items[0].id;
    const xlsx = await w.member.get(`/api/projects/${id}/items/${itemId}/shares.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const [a, b] = houseIds;
    const csv = (rows: string[]) => {
      const form = new FormData();
      form.append('file', new File([`房屋编号,分摊金额(元)\n${rows.join('\n')}\n`], '分摊.csv', { type: 'text/csv' }));
      return w.member.postForm(`/api/projects/${id}/items/${itemId}/shares/import`, form);
    };
    const bad = await csv([`${a},12.345`, `${a},1`, 'abc,1']);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    const good = await csv([`${a},120.50`, `${b},0.01`]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().updated).toBe(2);
    const typed = await w.member.put(`/api/projects/${id}/items/${itemId}/shares`, { rows: [{ houseId: 999_999_999, share: 1 }] });
    expect(typed.statusCode).toBe(400);
    const merged = await w.member.post(`/api/projects/${id}/merge-shares`);
    const others = (detail.items[0].shareTotal as number) - 0;
    expect(merged.json().budgetTotal).toBe(merged.json().items[0].shareTotal);
    expect(merged.json().budgetTotal).not.toBe(others);
    const range = await w.member.post(`/api/projects/${id}/items/${itemId}/houses`, { remove: [b] });
    expect(range.json()).toEqual({ added: 0, removed: 1, warning: null });
    expect((await w.member.post(`/api/projects/${id}/items/${itemId}/houses`, { add: [b] })).json().added).toBe(1);
  });
});

describe('R-14 share files read exactly', () => {
  it('R-14 分摊 import: "12,34" is refused, "1,234.56" is 1,234.56 元; an unknown house names its row and number; a renamed column is one 缺少必填列', async () => {
    const { id, houseIds } = await draft('general', '3栋', 10_000, []);
    const itemId = (await w.member.get(`/api/projects/${id}`)).json().items[0].id;
    const [a, b] = houseIds;
    const csv = (text: string) => {
      const form = new FormData();
      form.append('file', new File([text], '分摊.csv', { type: 'text/csv' }));
      return w.member.postForm(`/api/projects/${id}/items/${itemId}/shares/import`, form);
    };
    const bad = await csv(`房屋编号,分摊金额(元)\n${a},"12,34"\n999999999,1\n`);
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().errors).toEqual([
      { row: 2, column: '分摊金额(元)', message: '分摊金额“12,34”须为不小于 0 的金额，最多 2 位小数（千分位逗号可有可无）' },
      { row: 3, column: '房屋编号', message: '房屋编号 999999999 不在此项的分摊范围内，请先加入分摊范围或删除此行' },
    ]);
    const renamed = await csv(`房屋编号,金额\n${a},1\n${b},2\n`);
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().errors).toHaveLength(1);
    expect(renamed.json().errors[0]).toMatchObject({ row: 1, column: '分摊金额(元)' });
    const good = await csv(`房屋编号,分摊金额(元)\n${a},"1,234.56"\n`);
    expect(good.statusCode, good.body).toBe(200);
    const [row] = await w.t.handle.db
      .select()
      .from(projectItemHouses)
      .where(and(eq(projectItemHouses.itemId, itemId), eq(projectItemHouses.houseId, a as number)));
    expect(row?.share).toBe(123_456n);
  });
});

describe('R-40 R-41 amounts before the initiation notice', () => {
  it('R-40 R-41 the initiation notice is refused while the shares or the plan differ from the budget, naming the rule', async () => {
    const { id, houseIds } = await draft('general', '2栋', 60_000, [30_000, 30_000]);
    expect((await w.member.put(`/api/projects/${id}/plan`, { phases: [{ amount: 30_000, condition: '' }] })).statusCode).toBe(200);
    refused(await publish(id, 'initiation'), 409, 'R-41');
    await w.member.put(`/api/projects/${id}/plan`, { phases: [30_000, 30_000].map((amount) => ({ amount, condition: '' })) });

    const itemId = (await w.member.get(`/api/projects/${id}`)).json().items[0].id;
    const [first] = houseIds;
    expect((await w.member.put(`/api/projects/${id}/items/${itemId}/shares`, { rows: [{ houseId: first, share: 1 }] })).statusCode).toBe(
      200,
    );
    refused(await publish(id, 'initiation'), 409, 'R-40');
    // 预算分摊 again makes the shares exact, and the notice goes out.
    expect((await w.member.post(`/api/projects/${id}/apportion`)).statusCode).toBe(200);
    expect((await publish(id, 'initiation')).statusCode).toBe(200);
  });
});

describe('R-50 open applications at cancellation', () => {
  it('R-50 an instruction the bank holds blocks the cancellation; an application still under review closes with the project', async () => {
    const { id } = await draft('emergency', '6栋', 100_000, [40_000, 60_000]);
    expect((await publish(id, 'initiation')).statusCode).toBe(200);
    const approval = await w.member.post(`/api/projects/${id}/approval`, {});
    expect(approval.statusCode, approval.body).toBe(200);
    await officeApproves(w.office, approval.json().requests.find((r: { kind: string }) => r.kind === 'approval').id);
    const phases = (await w.member.get(`/api/projects/${id}`)).json().phases;
    const sent = await disburse(w.member, id, { phaseId: phases[0].id, payees: [payee(10_000)] });
    expect(sent.statusCode, sent.body).toBe(200);
    await officeApproves(w.office, sent.json().id);
    const waiting = await disburse(w.member, id, { phaseId: phases[0].id, payees: [payee(20_000)] });
    expect(waiting.statusCode, waiting.body).toBe(200);
    expect((await publish(id, 'cancellation', '施工单位退场')).statusCode).toBe(200);
    refused(await w.member.post(`/api/projects/${id}/cancel`), 409, 'R-50');

    // An approved instruction is the bank's to pay: the office cannot take it back. Paid and refunded,
    // it no longer stands in the way, and the application still under review closes with the project.
    expect((await w.office.review.post(`/api/office/project-requests/${sent.json().id}/reject`, { reason: '撤销' })).statusCode).toBe(409);
    expect((await transfer(sent.json().no, 10_000, 'R50-T')).statusCode).toBe(200);
    refused(await w.member.post(`/api/projects/${id}/cancel`), 409, 'R-50');
    const refund = await w.member.post(`/api/projects/${id}/refunds`, { sourceIds: [sent.json().id], amount: 10_000, reason: '撤销' });
    const refundNo = refund.json().requests.find((r: { kind: string }) => r.kind === 'refund').no;
    const paid = await w.teller.post('/api/bank/project-refunds/confirm', {
      number: refundNo,
      amount: 10_000,
      bankRef: 'R50-Q',
      bankDate: w.today(),
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const cancelled = await w.member.post(`/api/projects/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const closed = (await summaryOf(id)).requests.find((r: { no: string }) => r.no === waiting.json().no);
    expect(closed).toMatchObject({ status: 'rejected' });
  });
});

describe('F-41 a published notice keeps its list', () => {
  it('F-41 R-43 the 预算清册 stays as published when the budget is edited afterwards; the vote then waits for a new notice', async () => {
    const { id, houseIds } = await draft('general', '3栋', 90_000, [90_000]);
    const notice = (await publish(id, 'initiation')).json().notices[0];
    const before = (await w.t.agent().get(`/api/public/project-notices/${notice.no}?pageSize=200`)).json();
    expect(before.list.totalShare).toBe(90_000);

    const facilityId = await w.area.buildingFacility('3栋');
    expect(
      (await w.member.put(`/api/projects/${id}/items`, { items: [{ facilityId, content: '维修', budget: 120_000 }] })).statusCode,
    ).toBe(200);
    expect((await w.member.post(`/api/projects/${id}/apportion`)).statusCode).toBe(200);
    expect((await w.member.put(`/api/projects/${id}/plan`, { phases: [{ amount: 120_000, condition: '' }] })).statusCode).toBe(200);
    expect((await w.member.get(`/api/projects/${id}/merged-list?pageSize=1`)).json().totalShare).toBe(120_000);

    const after = (await w.t.agent().get(`/api/public/project-notices/${notice.no}?pageSize=200`)).json();
    expect(after.list).toEqual(before.list);
    expect(after.budgetTotal).toBe(90_000);

    // the owners cannot vote on a budget that was not published; a new notice carries the new one.
    refused(await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds)), 409, 'R-43');
    const republished = await publish(id, 'initiation');
    expect(republished.statusCode, republished.body).toBe(200);
    const renewed = republished.json().notices.at(-1);
    const fresh = (await w.t.agent().get(`/api/public/project-notices/${renewed.no}?pageSize=1`)).json();
    expect(fresh.list.totalShare).toBe(120_000);
    expect((await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds))).statusCode).toBe(200);
  });
});

describe('F-62 project settings and F-72 public project list', () => {
  it('F-62 R-42 F-41 the office switches to double two thirds and a 10-day notice: a vote the civil code would pass now fails', async () => {
    const refusedByCommittee = await w.member.put('/api/office/project-settings', {
      voteRule: 'double-two-thirds',
      projectNoticeMinDays: 10,
      acceptanceFirstPercent: 70,
    });
    expect(refusedByCommittee.statusCode).toBe(403);
    const admin = await w.t.login(DEMO.office.code, DEMO.office.admin);
    const set = await admin.put('/api/office/project-settings', {
      voteRule: 'double-two-thirds',
      projectNoticeMinDays: 10,
      acceptanceFirstPercent: 70,
    });
    expect(set.json()).toEqual({ voteRule: 'double-two-thirds', projectNoticeMinDays: 10, acceptanceFirstPercent: 70 });
    const { id } = await draft('general', '4栋', 50_000, [50_000]);
    // The committee's pages explain the rules with the settings in force, read from the project summary.
    expect((await w.member.get(`/api/projects/${id}/summary`)).json().rules).toEqual({
      voteRule: 'double-two-thirds',
      projectNoticeMinDays: 10,
      acceptanceFirstPercent: 70,
    });
    refused(await publish(id, 'initiation'), 400, '10 日');
    const ok = await w.member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(w.t, 10), content: '' });
    expect(ok.statusCode, ok.body).toBe(200);
    const sheet = (await w.member.get(`/api/projects/${id}/vote-sheet?pageSize=1`)).json();
    // Everyone took part and 60 % agreed: more than half (civil code) but less than two thirds.
    const vote = await w.member.post(`/api/projects/${id}/vote`, {
      mode: 'totals',
      participatingArea: sheet.rangeArea,
      participatingOwners: sheet.rangeOwners,
      agreeArea: Math.floor((sheet.rangeArea * 6) / 10),
      agreeOwners: Math.floor((sheet.rangeOwners * 6) / 10),
    });
    expect(vote.json()).toMatchObject({ rule: 'double-two-thirds', passed: false });
    expect(vote.json().reasons.join()).toContain('三分之二');
    await admin.put('/api/office/project-settings', { voteRule: 'civil-code-2021', projectNoticeMinDays: 7, acceptanceFirstPercent: 70 });
    const draftOnly = await w.member.post('/api/projects', { type: 'general', name: '未公示的草稿', description: '' });
    const pub = (await w.t.agent().get(`/api/public/areas/${w.area.areaId}/projects`)).json().items;
    expect(pub.map((p: { id: number }) => p.id)).toContain(id);
    expect(pub.map((p: { id: number }) => p.id)).not.toContain(draftOnly.json().id);
    // F-72: the public reads the same stage as the committee's own list (the failed vote).
    const own = (await w.member.get(`/api/projects?pageSize=100`)).json().items.find((p: { id: number }) => p.id === id);
    expect(own).toMatchObject({ stage: 'vote_failed', stageLabel: '表决未通过' });
    expect(pub.find((p: { id: number }) => p.id === id)).toMatchObject({ stage: own.stage, stageLabel: own.stageLabel });
  });
});

describe('F-40 attachments', () => {
  it('F-40 R-1 an emergency project carries its evidence as images checked by content; the office reads them', async () => {
    const id = (await w.member.post('/api/projects', { type: 'emergency', name: '附件测试', description: '' })).json().id;
    const upload = (f: File) => {
      const form = new FormData();
      form.append('file', f);
      return w.member.postForm(`/api/projects/${id}/documents?kind=${encodeURIComponent('紧急证明')}`, form);
    };
    const big = await upload(file(bigPng(), '现场.png'));
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('现场.png');
    const ok = await upload(file(smallPng(), '现场.png'));
    expect(ok.statusCode, ok.body).toBe(201);
    const list = (await w.member.get(`/api/projects/${id}/documents`)).json().items;
    expect(list).toEqual([expect.objectContaining({ kind: '紧急证明', fileName: '现场.png' })]);
    const seen = await w.office.review.get(`/api/files/${list[0].fileId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/png');
  });
});

describe('F-40 default ranges by location', () => {
  it('F-40 an area facility defaults to every live house of the area, a unit facility to the houses of its unit', async () => {
    const id = (await w.member.post('/api/projects', { type: 'general', name: '全区及单元设施', description: '' })).json().id;
    const unit = await w.area.unitFacility('1栋');
    const res = await w.member.put(`/api/projects/${id}/items`, {
      items: [
        { facilityId: await w.area.areaFacility(), content: '大门维修', budget: 100_000 },
        { facilityId: unit.id, content: '电梯维修', budget: 50_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [whole, lift] = res.json().items;
    const live = (await w.member.get(`/api/areas/${w.area.areaId}/houses?status=normal&pageSize=1`)).json().total;
    expect(whole.houseCount).toBe(live);
    const [n] = await w.t.handle.db
      .execute(`select count(*)::int as n from houses where unit_id = ${unit.unitId} and status = 'normal'` as never)
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(lift.houseCount).toBe(Number(n?.n));
    expect(lift.houseCount).toBeLessThan(whole.houseCount);
    const apportioned = (await w.member.post(`/api/projects/${id}/apportion`)).json();
    expect(apportioned.items.map((i: { shareTotal: number }) => i.shareTotal)).toEqual([100_000, 50_000]);
    const merged = (await w.member.get(`/api/projects/${id}/merged-list?pageSize=1`)).json();
    expect(merged).toMatchObject({ total: live, totalShare: 150_000 });
  });
});
