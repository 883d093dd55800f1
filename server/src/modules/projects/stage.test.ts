import { describe, expect, it } from 'vitest';
import { allAgree, deadlineAfter, draftProject, officeApproves, payee, disburse, projectWorld } from '../../../test/project-fixtures.ts';

/** §7.2 维修项目列表: the status column and its filter follow the project's stage, from one rule. */
const w = projectWorld();

const publish = (id: number, kind = 'initiation', content = '') =>
  w.member.post(`/api/projects/${id}/notices`, { kind, deadline: deadlineAfter(w.t, 7), content });

/** The stage shown by the list, the editor and the project page, and whether the list's filter finds it. */
async function expectStage(id: number, stage: string, label: string) {
  const summary = (await w.member.get(`/api/projects/${id}/summary`)).json();
  expect([summary.stage, summary.stageLabel]).toEqual([stage, label]);
  const detail = (await w.member.get(`/api/projects/${id}`)).json();
  expect([detail.stage, detail.stageLabel]).toEqual([stage, label]);
  const all = (await w.member.get('/api/projects?pageSize=100')).json();
  const row = all.items.find((p: { id: number }) => p.id === id);
  expect([row.stage, row.stageLabel]).toEqual([stage, label]);
  const filtered = await w.member.get(`/api/projects?pageSize=100&stage=${stage}`);
  expect(filtered.statusCode, filtered.body).toBe(200);
  const ids = filtered.json().items.map((p: { id: number }) => p.id);
  expect(ids).toContain(id);
  expect(filtered.json().items.every((p: { stage: string }) => p.stage === stage)).toBe(true);
}

/** What the steps below read from an answer: a request's id and number, the project's requests. */
type Answer = { id: number; no: string; requests: { id: number; kind: string }[] };
async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Answer;
}

describe('§7.2 维修项目列表 stage', () => {
  it('§7.2 R-43 R-46 a general project shows its stage at every step, in the list, its filter, the editor and its page', async () => {
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '2栋', 100_000, [60_000, 40_000]);
    await expectStage(id, 'editing', '编辑中');
    await ok(publish(id));
    await expectStage(id, 'notice', '公示中');
    await w.advanceDays(8);
    await expectStage(id, 'awaiting_vote', '待表决');
    await ok(w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds)));
    await expectStage(id, 'vote_passed', '表决通过');
    const submitted = await ok(w.member.post(`/api/projects/${id}/approval`, { note: '' }));
    await expectStage(id, 'approval_review', '立项审核中');
    const approval = submitted.requests.find((r) => r.kind === 'approval');
    const returned = await w.office.review.post(`/api/office/project-requests/${approval?.id}/reject`, { reason: '材料不全' });
    expect(returned.statusCode, returned.body).toBe(200);
    await expectStage(id, 'approval_returned', '立项退回');
    const again = await ok(w.member.post(`/api/projects/${id}/approval`, { note: '' }));
    await officeApproves(w.office, again.requests.filter((r) => r.kind === 'approval').at(-1)?.id as number);
    await expectStage(id, 'approved', '已立项');

    const phases = (await w.member.get(`/api/projects/${id}`)).json().phases as { id: number }[];
    const applied = await ok(disburse(w.member, id, { phaseId: phases[0]?.id, payees: [payee(60_000)] }));
    await expectStage(id, 'disbursing', '拨付中');
    await officeApproves(w.office, applied.id);
    await ok(
      w.teller.post('/api/bank/project-transfers/confirm', { number: applied.no, amount: 60_000, bankRef: 'ST1', bankDate: w.today() }),
    );
    await expectStage(id, 'disbursing', '拨付中');
    await ok(w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '验收合格', settlement: 100_000 }));
    await expectStage(id, 'accepted', '已验收');
    await ok(publish(id, 'acceptance', '验收合格'));
    await expectStage(id, 'acceptance_notice', '验收公示中');
    await w.advanceDays(8);
    await expectStage(id, 'disbursing', '拨付中');
    const last = await ok(disburse(w.member, id, { phaseId: phases[1]?.id, payees: [payee(40_000)] }));
    await officeApproves(w.office, last.id);
    await ok(
      w.teller.post('/api/bank/project-transfers/confirm', { number: last.no, amount: 40_000, bankRef: 'ST2', bankDate: w.today() }),
    );
    await expectStage(id, 'completed', '已完成');
  });

  it('§7.2 R-42 R-51 F-47 a failed vote, an outdated notice and a cancellation show as such', async () => {
    const { id, itemId, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '3栋', 90_000, [90_000]);
    await ok(publish(id));
    await ok(
      w.member.post(`/api/projects/${id}/vote`, { mode: 'houses', ballots: houseIds.map((houseId) => ({ houseId, choice: 'oppose' })) }),
    );
    await expectStage(id, 'vote_failed', '表决未通过');
    await ok(publish(id));
    await expectStage(id, 'notice', '公示中');
    await ok(w.member.post(`/api/projects/${id}/items/${itemId}/houses`, { remove: [houseIds[0]] }));
    await ok(w.member.post(`/api/projects/${id}/apportion`));
    await expectStage(id, 'notice_outdated', '待重新公示');
    await ok(publish(id, 'cancellation', '不再维修'));
    await expectStage(id, 'cancellation_notice', '撤销公示中');
    await ok(w.member.post(`/api/projects/${id}/cancel`, { reason: '不再维修' }));
    await expectStage(id, 'cancelled', '已撤销');
  });

  it('§7.2 R-43 the demo projects whose notices were backdated show the stage their deadlines give them', async () => {
    const all = (await w.member.get('/api/projects?pageSize=100')).json().items as { name: string; stage: string }[];
    // Its notice three weeks old, its period over, no vote yet.
    expect(all.find((p) => p.name === '6栋屋面及外墙综合维修')?.stage).toBe('awaiting_vote');
    const waiting = (await w.member.get('/api/projects?pageSize=100&stage=notice')).json().items as { name: string }[];
    expect(waiting.map((p) => p.name)).not.toContain('6栋屋面及外墙综合维修');
  });

  it('§7.2 R-43 an emergency project goes from its notice to the approval application without a vote', async () => {
    const { id } = await draftProject(w.t, w.member, w.area, 'emergency', '4栋', 50_000, [50_000]);
    await ok(publish(id));
    await expectStage(id, 'notice', '公示中');
    await w.advanceDays(8);
    await expectStage(id, 'awaiting_approval', '待申请立项');
  });
});
