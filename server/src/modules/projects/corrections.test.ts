import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import {
  allAgree,
  deadlineAfter,
  demoArea,
  draftProject,
  officeApproves,
  payee,
  refused,
  disburse,
} from '../../../test/project-fixtures.ts';

/** F-42 / R-49: a mistyped vote result or acceptance is corrected, with a reason and an audit trail, until what relies on it. */
let t: TestApp;
let member: Agent;
let office: { accept: Agent; review: Agent };
let area: Awaited<ReturnType<typeof demoArea>>;

async function loginAll() {
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  office = { accept: await t.login(DEMO.office.code, DEMO.office.acceptor), review: await t.login(DEMO.office.code, DEMO.office.reviewer) };
}
async function advanceDays(days: number) {
  t.clock.advance(days * 24 * 3600_000);
  await loginAll();
}
const today = () => new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await testApp();
  await loginAll();
  area = await demoArea(t);
});
afterAll(async () => {
  await t.close();
});

const summaryOf = async (id: number) => (await member.get(`/api/projects/${id}/summary`)).json();
const publish = (id: number, kind = 'initiation', content = '') =>
  member.post(`/api/projects/${id}/notices`, { kind, deadline: deadlineAfter(t, 7), content });
const auditOf = (id: number, action: string) =>
  t.handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, String(id)), eq(auditLog.action, action)));

/** Publish, vote for all, wait out the notice, submit and have the office approve. */
async function approve(id: number, houseIds: number[]) {
  expect((await publish(id)).statusCode).toBe(200);
  expect((await member.post(`/api/projects/${id}/vote`, allAgree(houseIds))).statusCode).toBe(200);
  await advanceDays(8);
  const submitted = await member.post(`/api/projects/${id}/approval`, { note: '' });
  expect(submitted.statusCode, submitted.body).toBe(200);
  await officeApproves(office, submitted.json().requests.find((r: { kind: string }) => r.kind === 'approval').id);
  return (await member.get(`/api/projects/${id}`)).json().phases as { id: number }[];
}

describe('F-42 correcting a vote result', () => {
  it('F-42 a mistyped result that fails the vote is corrected with a reason until the approval application; the audit log keeps both', async () => {
    const { id } = await draftProject(t, member, area, 'general', '2栋', 60_000, [60_000]);
    expect((await publish(id)).statusCode).toBe(200);
    const sheet = (await member.get(`/api/projects/${id}/vote-sheet?pageSize=1`)).json();
    const all = { participatingArea: sheet.rangeArea, participatingOwners: sheet.rangeOwners, agreeArea: sheet.rangeArea };
    // The agreeing owners typed as 1 instead of every owner: the vote fails.
    const typo = await member.post(`/api/projects/${id}/vote`, { mode: 'totals', ...all, agreeOwners: 1 });
    expect(typo.statusCode, typo.body).toBe(200);
    expect(typo.json().passed).toBe(false);
    const s = await summaryOf(id);
    expect(s.corrections.vote).toEqual({ allowed: true, blockedBy: null });
    expect(s.actions.find((a: { action: string }) => a.action === 'vote').blockedBy.message).toContain('更正表决结果');

    // Entering it again without saying it is a correction stays refused: a failed vote stands.
    refused(await member.post(`/api/projects/${id}/vote`, { mode: 'totals', ...all, agreeOwners: sheet.rangeOwners }), 409, 'R-42');
    const noReason = await member.post(`/api/projects/${id}/vote`, {
      mode: 'totals',
      ...all,
      agreeOwners: sheet.rangeOwners,
      correctionReason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fieldErrors.correctionReason).toBe('请填写更正原因');

    const fixed = await member.post(`/api/projects/${id}/vote`, {
      mode: 'totals',
      ...all,
      agreeOwners: sheet.rangeOwners,
      correctionReason: '同意人数录入错误，签字表为全体同意',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().passed).toBe(true);
    const after = await summaryOf(id);
    expect(after.vote.passed).toBe(true);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'vote.corrected' });
    expect(after.timeline.at(-1).note).toContain('同意人数录入错误');
    const [row] = await auditOf(id, 'project.vote.correct');
    expect(row?.before).toMatchObject({ votePassed: false });
    expect(row?.after).toMatchObject({ passed: true, correctionReason: '同意人数录入错误，签字表为全体同意' });

    await advanceDays(8);
    expect((await member.post(`/api/projects/${id}/approval`, { note: '' })).statusCode).toBe(200);
    const closed = await summaryOf(id);
    expect(closed.corrections.vote.allowed).toBe(false);
    expect(closed.corrections.vote.blockedBy.message).toContain('立项申请已提交');
    refused(await member.post(`/api/projects/${id}/vote`, { mode: 'houses', ballots: [], correctionReason: '再次更正' }), 409, 'F-42');
    expect((await summaryOf(id)).vote.passed).toBe(true);
  });

  it('F-42 a correction needs a result to correct', async () => {
    const { id, houseIds } = await draftProject(t, member, area, 'general', '3栋', 30_000, [30_000]);
    expect((await publish(id)).statusCode).toBe(200);
    expect((await summaryOf(id)).corrections.vote.blockedBy.message).toContain('无需更正');
    refused(await member.post(`/api/projects/${id}/vote`, { ...allAgree(houseIds), correctionReason: '更正' }), 409, 'F-42');
  });
});

describe('R-49 correcting an acceptance', () => {
  it('R-49 a mistyped settlement is corrected with a reason until the acceptance notice is published', async () => {
    const { id, houseIds } = await draftProject(t, member, area, 'general', '4栋', 100_000, [60_000, 40_000]);
    await approve(id, houseIds);
    const typo = await member.post(`/api/projects/${id}/acceptance`, { date: today(), result: '验收合格', settlement: 10_000 });
    expect(typo.statusCode, typo.body).toBe(200);
    expect((await summaryOf(id)).corrections.acceptance).toEqual({ allowed: true, blockedBy: null });
    refused(await member.post(`/api/projects/${id}/acceptance`, { date: today(), result: '验收合格', settlement: 100_000 }), 409, 'F-45');

    const fixed = await member.post(`/api/projects/${id}/acceptance`, {
      date: today(),
      result: '验收合格',
      settlement: 100_000,
      correctionReason: '结算金额少录一位',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().acceptance.settlement).toBe(100_000);
    const [row] = await auditOf(id, 'project.acceptance.correct');
    expect(row?.before).toMatchObject({ settlementAmount: '10000' });
    expect(row?.after).toMatchObject({ settlement: '100000', correctionReason: '结算金额少录一位' });

    expect((await publish(id, 'acceptance', '验收合格')).statusCode).toBe(200);
    const s = await summaryOf(id);
    expect(s.corrections.acceptance.blockedBy.message).toContain('验收公示已发布');
    refused(
      await member.post(`/api/projects/${id}/acceptance`, { date: today(), result: '合格', settlement: 90_000, correctionReason: '再改' }),
      409,
      'R-49',
    );
  });

  it('R-49 money applied for after the acceptance makes it final', async () => {
    const { id, houseIds } = await draftProject(t, member, area, 'general', '1栋', 100_000, [60_000, 40_000]);
    const phases = await approve(id, houseIds);
    expect(
      (await member.post(`/api/projects/${id}/acceptance`, { date: today(), result: '验收合格', settlement: 100_000 })).statusCode,
    ).toBe(200);
    const applied = await disburse(member, id, { phaseId: phases[0]?.id, payees: [payee(60_000)] });
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await summaryOf(id)).corrections.acceptance.blockedBy.message).toContain('验收后已申请拨付');
    refused(
      await member.post(`/api/projects/${id}/acceptance`, { date: today(), result: '合格', settlement: 90_000, correctionReason: '改' }),
      409,
      'R-49',
    );
  });
});
