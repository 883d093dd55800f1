import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
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

/** F-42 / R-49: a mistyped vote result or acceptance is corrected, with a reason and an audit trail, until what relies on it. */
const w = projectWorld();

const summaryOf = async (id: number) => (await w.member.get(`/api/projects/${id}/summary`)).json();
const publish = (id: number, kind = 'initiation', content = '') =>
  w.member.post(`/api/projects/${id}/notices`, { kind, deadline: deadlineAfter(w.t, 7), content });
const auditOf = (id: number, action: string) =>
  w.t.handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, String(id)), eq(auditLog.action, action)));

/** Publish, vote for all, wait out the notice, submit and have the office approve. */
async function approve(id: number, houseIds: number[]) {
  expect((await publish(id)).statusCode).toBe(200);
  expect((await w.member.post(`/api/projects/${id}/vote`, allAgree(houseIds))).statusCode).toBe(200);
  await w.advanceDays(8);
  const submitted = await w.member.post(`/api/projects/${id}/approval`, { note: '' });
  expect(submitted.statusCode, submitted.body).toBe(200);
  await officeApproves(w.office, submitted.json().requests.find((r: { kind: string }) => r.kind === 'approval').id);
  return (await w.member.get(`/api/projects/${id}`)).json().phases as { id: number }[];
}

describe('F-42 correcting a vote result', () => {
  it('F-42 a mistyped result that fails the vote is corrected with a reason until the approval application; the audit log keeps both', async () => {
    const { id } = await draftProject(w.t, w.member, w.area, 'general', '2栋', 60_000, [60_000]);
    expect((await publish(id)).statusCode).toBe(200);
    const sheet = (await w.member.get(`/api/projects/${id}/vote-sheet?pageSize=1`)).json();
    const all = { participatingArea: sheet.rangeArea, participatingOwners: sheet.rangeOwners, agreeArea: sheet.rangeArea };
    // The agreeing owners typed as 1 instead of every owner: the vote fails.
    const typo = await w.member.post(`/api/projects/${id}/vote`, { mode: 'totals', ...all, agreeOwners: 1 });
    expect(typo.statusCode, typo.body).toBe(200);
    expect(typo.json().passed).toBe(false);
    const s = await summaryOf(id);
    expect(s.corrections.vote).toEqual({ allowed: true, blockedBy: null });
    expect(s.actions.find((a: { action: string }) => a.action === 'vote').blockedBy.message).toContain('更正表决结果');

    // Entering it again without saying it is a correction stays refused: a failed vote stands.
    refused(await w.member.post(`/api/projects/${id}/vote`, { mode: 'totals', ...all, agreeOwners: sheet.rangeOwners }), 409, 'R-42');
    const noReason = await w.member.post(`/api/projects/${id}/vote`, {
      mode: 'totals',
      ...all,
      agreeOwners: sheet.rangeOwners,
      correctionReason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fieldErrors.correctionReason).toBe('请填写更正原因');

    const fixed = await w.member.post(`/api/projects/${id}/vote`, {
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

    await w.advanceDays(8);
    expect((await w.member.post(`/api/projects/${id}/approval`, { note: '' })).statusCode).toBe(200);
    const closed = await summaryOf(id);
    expect(closed.corrections.vote.allowed).toBe(false);
    expect(closed.corrections.vote.blockedBy.message).toContain('立项申请已提交');
    refused(await w.member.post(`/api/projects/${id}/vote`, { mode: 'houses', ballots: [], correctionReason: '再次更正' }), 409, 'F-42');
    expect((await summaryOf(id)).vote.passed).toBe(true);
  });

  it('F-42 a correction needs a result to correct', async () => {
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '3栋', 30_000, [30_000]);
    expect((await publish(id)).statusCode).toBe(200);
    expect((await summaryOf(id)).corrections.vote.blockedBy.message).toContain('无需更正');
    refused(await w.member.post(`/api/projects/${id}/vote`, { ...allAgree(houseIds), correctionReason: '更正' }), 409, 'F-42');
  });
});

describe('R-49 correcting an acceptance', () => {
  it('R-49 a mistyped settlement is corrected with a reason until the acceptance notice is published', async () => {
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '4栋', 100_000, [60_000, 40_000]);
    await approve(id, houseIds);
    const typo = await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '验收合格', settlement: 10_000 });
    expect(typo.statusCode, typo.body).toBe(200);
    expect((await summaryOf(id)).corrections.acceptance).toEqual({ allowed: true, blockedBy: null });
    refused(
      await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '验收合格', settlement: 100_000 }),
      409,
      'F-45',
    );

    const fixed = await w.member.post(`/api/projects/${id}/acceptance`, {
      date: w.today(),
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
      await w.member.post(`/api/projects/${id}/acceptance`, {
        date: w.today(),
        result: '合格',
        settlement: 90_000,
        correctionReason: '再改',
      }),
      409,
      'R-49',
    );
  });

  it('R-49 money applied for after the acceptance makes it final', async () => {
    const { id, houseIds } = await draftProject(w.t, w.member, w.area, 'general', '1栋', 100_000, [60_000, 40_000]);
    const phases = await approve(id, houseIds);
    expect(
      (await w.member.post(`/api/projects/${id}/acceptance`, { date: w.today(), result: '验收合格', settlement: 100_000 })).statusCode,
    ).toBe(200);
    const applied = await disburse(w.member, id, { phaseId: phases[0]?.id, payees: [payee(60_000)] });
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await summaryOf(id)).corrections.acceptance.blockedBy.message).toContain('验收后已申请拨付');
    refused(
      await w.member.post(`/api/projects/${id}/acceptance`, {
        date: w.today(),
        result: '合格',
        settlement: 90_000,
        correctionReason: '改',
      }),
      409,
      'R-49',
    );
  });
});
