import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, facilityRepairRecords, projectItemHouses } from '../../db/schema/index.ts';
import { finalList } from '../../domain/project-debits.ts';
import { checkLedger } from '../../ledger/check.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { acceptProjectRequest } from '../../../test/acceptance-fixtures.ts';
import {
  balances,
  deadlineAfter,
  officeApproves,
  otherCommittee,
  payee,
  refused,
  disburse,
  uploadRequiredDocuments,
  projectWorld,
} from '../../../test/project-fixtures.ts';

const w = projectWorld();
let id: number;
let houseIds: number[];
let before: Map<number, bigint>;
const BUDGET = 1_000_000;

const summary = async () => (await w.member.get(`/api/projects/${id}/summary`)).json();
const action = async (name: string) => (await summary()).actions.find((a: { action: string }) => a.action === name);

describe('F-40 project editor (general project)', () => {
  it('F-40 creates a general project in the committee’s own area; the clerk prepares but cannot publish', async () => {
    const res = await w.clerk.post('/api/projects', {
      type: 'general',
      name: '1栋屋面防水维修',
      description: '屋面渗漏',
      periodFrom: '2026-12-01',
      periodTo: '2027-01-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    id = res.json().id;
    expect(res.json()).toMatchObject({ type: 'general', status: 'draft', areaId: w.area.areaId, budgetTotal: 0 });
    expect(res.json().no).toMatch(/^WX\d{12}$/);
  });

  it('F-40 items default their apportionment range to the facility’s location (building → its houses), set-wise', async () => {
    const facilityId = await w.area.buildingFacility('1栋');
    const res = await w.clerk.put(`/api/projects/${id}/items`, {
      items: [{ facilityId, content: '屋面防水层翻新', contractor: '江门市建安工程有限公司', remark: '', budget: BUDGET }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items[0];
    const live = (
      await w.member.get(`/api/areas/${w.area.areaId}/houses?buildingId=${w.area.building('1栋')}&pageSize=1&status=normal`)
    ).json();
    expect(item.houseCount).toBe(live.total);
    expect(res.json().budgetTotal).toBe(BUDGET);
    expect(res.json().warnings.join()).toContain('分摊');
    expect(res.json().warnings.join()).not.toMatch(/R-\d/);
    const rows = await w.t.handle.db.select().from(projectItemHouses).where(eq(projectItemHouses.itemId, item.id));
    houseIds = rows.map((r) => r.houseId).sort((a, b) => a - b);
    before = await balances(w.t, houseIds);
  });

  it('F-40 refuses a facility of another area', async () => {
    const [f] = await w.t.handle.db
      .execute(`select id from facilities where area_id <> ${w.area.areaId} limit 1` as never)
      .then((r) => (r as unknown as { rows: { id: number }[] }).rows);
    const bogus = f?.id ?? 999_999;
    const res = await w.clerk.put(`/api/projects/${id}/items`, { items: [{ facilityId: bogus, content: 'x', budget: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('本物业区域');
  });

  it('R-40 预算分摊 shares the budget by building area, exact to the fen; 合并分摊清册 lists one row per house', async () => {
    const res = await w.clerk.post(`/api/projects/${id}/apportion`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0].shareTotal).toBe(BUDGET);
    expect(res.json().warnings.some((w: string) => w.startsWith('R-40'))).toBe(false);
    const list = (await w.clerk.get(`/api/projects/${id}/merged-list?pageSize=5`)).json();
    expect(list.total).toBe(houseIds.length);
    expect(list.totalShare).toBe(BUDGET);
    expect(list.items).toHaveLength(5);
  });

  it('R-41 warns while the plan differs from the budget; the plan is saved anyway', async () => {
    const res = await w.clerk.put(`/api/projects/${id}/plan`, { phases: [{ amount: 600_000, condition: '进场' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings.join()).toContain('拨付计划');
    expect(res.json().warnings.join()).not.toMatch(/R-\d/);
    const ok = await w.clerk.put(`/api/projects/${id}/plan`, {
      phases: [
        { amount: 600_000, condition: '材料进场' },
        { amount: 400_000, condition: '验收合格' },
      ],
    });
    expect(ok.json().warnings).toEqual([]);
  });
});

describe('F-41 notices and F-42 vote', () => {
  it('F-41 refuses publishing by a clerk, and a deadline shorter than the minimum notice period', async () => {
    const byClerk = await w.clerk.post(`/api/projects/${id}/notices`, {
      kind: 'initiation',
      deadline: deadlineAfter(w.t, 10),
      content: '',
    });
    expect(byClerk.statusCode).toBe(403);
    const short = await w.member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(w.t, 3), content: '' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('公示截止日');
    expect(short.json().message).toContain('7 日');
  });

  it('R-43 the approval application needs the initiation notice', async () => {
    refused(await w.member.post(`/api/projects/${id}/approval`, {}), 409, 'R-43');
  });

  it('F-41 publishes the initiation notice: public at once with its budget list, no owners’ names', async () => {
    const res = await w.member.post(`/api/projects/${id}/notices`, {
      kind: 'initiation',
      deadline: deadlineAfter(w.t, 7),
      content: '屋面防水维修，请业主监督',
    });
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json().notices[0];
    const list = (await w.t.agent().get(`/api/public/project-notices?areaId=${w.area.areaId}&kind=initiation`)).json();
    expect(list.items.map((n: { no: string }) => n.no)).toContain(notice.no);
    const detail = (await w.t.agent().get(`/api/public/project-notices/${notice.no}?pageSize=3`)).json();
    expect(detail).toMatchObject({ budgetTotal: BUDGET, projectName: '1栋屋面防水维修' });
    expect(detail.list.totalShare).toBe(BUDGET);
    expect(detail.list.items[0]).not.toHaveProperty('owners');
  });

  it('R-43 the approval waits for the notice period to end', async () => {
    refused(await w.member.post(`/api/projects/${id}/approval`, {}), 409, 'R-43');
  });

  it('R-42 a failed vote (too few took part) blocks the approval and a re-vote until a new notice', async () => {
    const sheet = (await w.member.get(`/api/projects/${id}/vote-sheet?pageSize=1`)).json();
    const res = await w.member.post(`/api/projects/${id}/vote`, {
      mode: 'totals',
      participatingArea: Math.floor(sheet.rangeArea / 2),
      participatingOwners: Math.floor(sheet.rangeOwners / 2),
      agreeArea: Math.floor(sheet.rangeArea / 2),
      agreeOwners: Math.floor(sheet.rangeOwners / 2),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ passed: false, rule: 'civil-code-2021' });
    expect(res.json().reasons.join()).toContain('三分之二');
    await w.advanceDays(9);
    refused(await w.member.post(`/api/projects/${id}/approval`, {}), 409, 'R-43');
    refused(
      await w.member.post(`/api/projects/${id}/vote`, {
        mode: 'totals',
        participatingArea: 1,
        participatingOwners: 1,
        agreeArea: 1,
        agreeOwners: 1,
      }),
      409,
      'R-42',
    );
    expect((await action('vote')).blockedBy.rule).toBe('R-42');
  });

  it('R-42 refuses impossible totals, naming the field', async () => {
    await w.member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(w.t, 7), content: '重新公示' });
    const sheet = (await w.member.get(`/api/projects/${id}/vote-sheet`)).json();
    refused(
      await w.member.post(`/api/projects/${id}/vote`, {
        mode: 'totals',
        participatingArea: sheet.rangeArea + 1,
        participatingOwners: 1,
        agreeArea: 0,
        agreeOwners: 0,
      }),
      400,
      '参与表决面积',
    );
  });

  it('F-42 R-42 house by house from the signed sheet: the system computes the totals and the vote passes', async () => {
    const ballots = houseIds.map((houseId, i) => ({ houseId, choice: i % 10 === 0 ? 'oppose' : 'agree' }));
    const res = await w.member.post(`/api/projects/${id}/vote`, { mode: 'houses', ballots });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().passed).toBe(true);
    expect(res.json().totals.participatingArea).toBe(res.json().totals.rangeArea);
    const sheet = (await w.member.get(`/api/projects/${id}/vote-sheet?pageSize=2`)).json();
    expect(sheet.items[0].choice).toBe('oppose');
  });
});

describe('F-43 approval and F-60 office review', () => {
  it('F-43 submits after the notice period; editing stops (F-40)', async () => {
    await w.advanceDays(9);
    await uploadRequiredDocuments(w.member, id, 'approval', 'general');
    const res = await w.member.post(`/api/projects/${id}/approval`, { note: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('submitted');
    refused(await w.clerk.put(`/api/projects/${id}/plan`, { phases: [{ amount: BUDGET, condition: '' }] }), 409, '不能再修改');
  });

  it('F-60 the office rejects with a reason: the project is editable again; resubmitted, accepted and approved', async () => {
    const s = await summary();
    const approval = s.requests.find((r: { kind: string }) => r.kind === 'approval');
    const list = (await w.office.review.get('/api/office/project-requests?kind=approval&status=submitted')).json();
    expect(list.items.map((r: { id: number }) => r.id)).toContain(approval.id);
    const rej = await w.office.review.post(`/api/office/project-requests/${approval.id}/reject`, { reason: '缺少施工合同' });
    expect(rej.statusCode).toBe(200);
    expect((await summary()).status).toBe('draft');
    const again = await w.member.post(`/api/projects/${id}/approval`, { note: '补充施工合同' });
    expect(again.statusCode, again.body).toBe(200);
    const second = again
      .json()
      .requests.filter((r: { kind: string }) => r.kind === 'approval')
      .at(-1);
    refused(await w.office.review.post(`/api/office/project-requests/${second.id}/approve`), 409, '须先受理');
    await officeApproves(w.office, second.id);
    expect((await summary()).status).toBe('approved');
  });
});

describe('F-44 disbursement, bank transfer, F-45 acceptance and completion', () => {
  let phases: { id: number; seq: number; amount: number }[];
  let firstNo: string;

  it('R-45 refuses more than the phase’s plan amount; R-46 refuses the last phase before acceptance', async () => {
    phases = (await w.member.get(`/api/projects/${id}`)).json().phases;
    refused(await disburse(w.member, id, { phaseId: phases[0]?.id, payees: [payee(600_001)] }), 409, 'R-45');
    refused(await disburse(w.member, id, { phaseId: phases[1]?.id, payees: [payee(100)] }), 409, 'R-46');
  });

  it('F-44 one phase split over two applications and payees; the proposal shows what is left', async () => {
    const a = await disburse(w.member, id, { phaseId: phases[0]?.id, payees: [payee(400_000)] });
    expect(a.statusCode, a.body).toBe(200);
    firstNo = a.json().no;
    const left = (await w.member.get(`/api/projects/${id}/phases/${phases[0]?.id}/proposal`)).json();
    expect(left).toMatchObject({ plan: 600_000, applied: 400_000, remaining: 200_000 });
    const b = await disburse(w.member, id, {
      phaseId: phases[0]?.id,
      payees: [payee(150_000), payee(50_000, '江门市监理有限公司')],
    });
    expect(b.statusCode, b.body).toBe(200);
    const oneFenMore = async () => refused(await disburse(w.member, id, { phaseId: phases[0]?.id, payees: [payee(1)] }), 409, 'R-45');
    await oneFenMore();
    // R-45 counts an application at every stage it passes: 受理, 审核通过 and (below) transferred.
    expect((await acceptProjectRequest(w.office.accept, a.json().id, '纸质材料齐全')).statusCode).toBe(200);
    await oneFenMore();
    expect((await w.office.review.post(`/api/office/project-requests/${a.json().id}/approve`)).statusCode).toBe(200);
    await oneFenMore();
    await officeApproves(w.office, b.json().id);
    await oneFenMore();
  });

  it('F-70 R-48 R-22 the bank transfers: houses debited by their shares in one balanced transaction; a repeat changes nothing', async () => {
    const queue = (await w.teller.get('/api/bank/project-instructions')).json();
    expect(queue.items.map((i: { number: string }) => i.number)).toContain(firstNo);
    const body = { number: firstNo, amount: 400_000, bankRef: 'ZZ0001', bankDate: '2026-12-10' };
    const wrong = await w.teller.post('/api/bank/project-transfers/confirm', { ...body, amount: 399_999 });
    expect(wrong.statusCode).toBe(400);
    const first = await w.teller.post('/api/bank/project-transfers/confirm', body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().repeated).toBe(false);
    const again = await w.teller.post('/api/bank/project-transfers/confirm', body);
    expect(again.json()).toEqual({ ...first.json(), repeated: true });
    refused(await w.teller.post('/api/bank/project-transfers/confirm', { ...body, amount: 400_001 }), 409, 'R-22');
    const after = await balances(w.t, houseIds);
    const paid = houseIds.reduce((a, h) => a + ((before.get(h) ?? 0n) - (after.get(h) ?? 0n)), 0n);
    expect(paid).toBe(400_000n);
    expect(await checkLedger(w.t.handle.db)).toEqual([]);
    const other = (await summary()).requests.filter(
      (r: { kind: string; status: string }) => r.kind === 'disbursement' && r.status === 'approved',
    );
    for (const r of other) {
      const res = await w.teller.post('/api/bank/project-transfers/confirm', {
        number: r.no,
        amount: r.amount,
        bankRef: `ZZ${r.id}`,
        bankDate: '2026-12-10',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await summary()).money).toMatchObject({ budget: BUDGET, plan: BUDGET, applied: 600_000, transferred: 600_000, refunded: 0 });
    // Transferred, the phase's money still counts against its plan.
    refused(await w.member.post(`/api/projects/${id}/disbursements`, { phaseId: phases[0]?.id, payees: [payee(1)] }), 409, 'R-45');
  });

  it('R-49 refuses a settlement below what was transferred', async () => {
    refused(await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '合格', settlement: 599_999 }), 409, 'R-49');
  });

  it('F-45 R-48 acceptance, its notice, and the last phase: every house ends on the final list; repair records written (F-31)', async () => {
    const acc = await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '验收合格', settlement: 950_000 });
    expect(acc.statusCode, acc.body).toBe(200);
    refused(await disburse(w.member, id, { phaseId: phases[1]?.id, payees: [payee(350_000)] }), 409, 'R-46');
    const notice = await w.member.post(`/api/projects/${id}/notices`, {
      kind: 'acceptance',
      deadline: deadlineAfter(w.t, 7),
      content: '验收合格',
    });
    expect(notice.statusCode, notice.body).toBe(200);
    const no = notice.json().notices.at(-1).no;
    const pub = (await w.t.agent().get(`/api/public/project-notices/${no}?pageSize=200`)).json();
    expect(pub.list.totalShare).toBe(950_000);
    refused(await disburse(w.member, id, { phaseId: phases[1]?.id, payees: [payee(350_001)] }), 409, 'R-49');
    // the form proposes what the settlement leaves, not the rest of the plan's phase.
    const proposal = (await w.member.get(`/api/projects/${id}/phases/${phases[1]?.id}/proposal`)).json();
    expect(proposal.remaining).toBe(350_000);
    expect(proposal.plan).toBeGreaterThan(350_000);
    const last = await disburse(w.member, id, { phaseId: phases[1]?.id, payees: [payee(350_000)] });
    expect(last.statusCode, last.body).toBe(200);
    await officeApproves(w.office, last.json().id);
    const res = await w.teller.post('/api/bank/project-transfers/confirm', {
      number: last.json().no,
      amount: 350_000,
      bankRef: 'ZZ9',
      bankDate: '2026-12-28',
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = await summary();
    expect(s.status).toBe('completed');
    expect(s.money).toMatchObject({ transferred: 950_000, settlement: 950_000 });
    const after = await balances(w.t, houseIds);
    const shares = (await w.t.handle.db.select().from(projectItemHouses).where(eq(projectItemHouses.projectId, id))).sort(
      (a, b) => a.houseId - b.houseId,
    );
    const final = finalList(
      shares.map((x) => ({ houseId: String(x.houseId), share: x.share })),
      950_000n,
    );
    for (const f of final) expect((before.get(Number(f.houseId)) ?? 0n) - (after.get(Number(f.houseId)) ?? 0n)).toBe(f.share);
    const records = await w.t.handle.db.select().from(facilityRepairRecords).where(eq(facilityRepairRecords.projectId, id));
    expect(records).toHaveLength(1);
    expect(records[0]?.amount).toBe(950_000n);
    expect(s.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'vote.failed', 'vote.passed', 'approval.approve', 'disbursement.transfer', 'complete']),
    );
    expect((await action('disbursement')).allowed).toBe(false);
    expect(await checkLedger(w.t.handle.db)).toEqual([]);
  });

  it('SPEC §10 every write of the project is audit-logged', async () => {
    const rows = await w.t.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'project.create',
      'project.items',
      'project.apportion',
      'project.plan',
      'project.notice.initiation',
      'project.vote',
      'project.approval.submit',
      'project.acceptance',
      'project.complete',
    ]) {
      expect(actions).toContain(a);
    }
  });
});

describe('SPEC §10 isolation', () => {
  it('another committee, a developer and the bank get 404 for this project; the office reads it', async () => {
    const other = await otherCommittee(w.t, w.area.freeAreaId);
    expect((await other.get(`/api/projects/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/projects/${id}/summary`)).statusCode).toBe(404);
    expect(
      (await other.post(`/api/projects/${id}/notices`, { kind: 'cancellation', deadline: deadlineAfter(w.t, 8), content: 'x' })).statusCode,
    ).toBe(404);
    expect((await other.get('/api/projects')).json().items).toEqual([]);
    // Writes too: the other committee cannot touch anything of this project.
    expect((await other.put(`/api/projects/${id}/items`, { items: [] })).statusCode).toBe(404);
    expect((await other.post(`/api/projects/${id}/vote`, { mode: 'houses', ballots: [] })).statusCode).toBe(404);
    expect((await other.post(`/api/projects/${id}/disbursements`, { phaseId: 1, payees: [payee(1)] })).statusCode).toBe(404);
    expect((await other.post(`/api/projects/${id}/refunds`, { sourceIds: [1], amount: 1, reason: 'x' })).statusCode).toBe(404);
    expect((await other.get(`/api/projects/${id}/merged-list`)).statusCode).toBe(404);
    // A committee cannot act as the office or the bank.
    expect((await w.member.post('/api/office/project-requests/1/approve')).statusCode).toBe(403);
    expect(
      (await w.member.post('/api/bank/project-transfers/confirm', { number: 'BF2026', amount: 1, bankRef: 'x', bankDate: '2026-12-01' }))
        .statusCode,
    ).toBe(403);
    const dev = await w.t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await dev.get(`/api/projects/${id}`)).statusCode).toBe(404);
    expect((await w.teller.get(`/api/projects/${id}`)).statusCode).toBe(404);
    expect((await w.office.review.get(`/api/projects/${id}/summary`)).statusCode).toBe(200);
    expect((await w.teller.get('/api/office/project-requests')).statusCode).toBe(403);
  });
});

describe('SPEC §10 demo projects', () => {
  it('侨城花园 shows a general project with its first phase transferred, an emergency approval at the office, and a draft', async () => {
    const list = (await w.member.get('/api/projects?q=1栋屋面防水翻新')).json().items;
    expect(list).toHaveLength(1);
    const roof = (await w.member.get(`/api/projects/${list[0].id}/summary`)).json();
    expect(roof).toMatchObject({ type: 'general', status: 'approved' });
    expect(roof.money).toMatchObject({ budget: 18_600_000, plan: 18_600_000, applied: 9_300_000, transferred: 9_300_000 });
    expect(roof.vote.passed).toBe(true);
    expect(list[0]).toMatchObject({ budgetTotal: 18_600_000, transferred: 9_300_000, refunded: 0 });
    const walls = (await w.member.get('/api/projects?type=emergency&status=submitted')).json().items;
    expect(walls.map((p: { name: string }) => p.name)).toContain('2栋外墙饰面脱落应急处理');
    const drafts = (await w.member.get('/api/projects?status=draft&q=电梯')).json().items;
    expect(drafts).toHaveLength(1);
    const waiting = (await w.office.accept.get('/api/office/project-requests?kind=approval&status=submitted')).json().items;
    expect(waiting.map((r: { projectName: string }) => r.projectName)).toContain('2栋外墙饰面脱落应急处理');
  });
});
