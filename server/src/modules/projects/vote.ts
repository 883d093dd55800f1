import { eq } from 'drizzle-orm';
import { projectBallots } from '../../db/schema/index.ts';
import {
  type Choice,
  ballotsOutsideRange,
  decideVote,
  tallyBallots,
  type VoteTotals,
  validateTotals,
  countOwners,
} from '../../domain/vote.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { chunks } from '../registry/bulk.ts';
import { getSetting } from '../settings/store.ts';
import { committeeActor, loadProject, readerActor, touch } from './access.ts';
import { requireAllowed, requireCorrectable } from './actions.ts';
import { latestNotice } from './facts.ts';
import { projectRange, rangePage, voteHouses } from './range.ts';
import { evotePhase } from '../../domain/evote.ts';
import { closeDueEvotes } from '../evote/close.ts';
import { currentEvote, evoteTimes } from '../evote/service.ts';
import { onlineTally } from '../evote/store.ts';
import { recordEvent } from '../workflow/events.ts';

/** `correctionReason`: the entry replaces a mistyped result already recorded (F-42), and says why. */
export type VoteInput = (
  | { mode: 'totals'; participatingArea: number; participatingOwners: number; agreeArea: number; agreeOwners: number }
  | { mode: 'houses'; ballots: { houseId: number; choice: Choice }[] }
) & { correctionReason?: string | undefined };

/**
 * F-42 录入投票表决结果: totals as counted, or house by house from the signed sheet (the totals are
 * then computed). The range's area and owner count always come from the project itself, so they
 * cannot be mistyped. R-42 with the configured rule decides; a failed vote stands until a new
 * initiation notice is published — unless the result was mistyped: it is then corrected, with the
 * reason and the result it replaces in the audit log, until the approval application is submitted.
 */
export async function recordVote(ctx: Ctx, id: number, input: VoteInput) {
  const actor = committeeActor(ctx, 'project.submit');
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    const correcting = input.correctionReason !== undefined;
    if (correcting) await requireCorrectable(tx, ctx, p, 'vote');
    else await requireAllowed(tx, ctx, p, 'vote');
    const range = voteHouses(await projectRange(tx, id));
    const rangeArea = range.reduce((a, h) => a + h.areaHundredths, 0);
    // with an e-vote on the current notice the result is taken once it has ended, house by
    // house, and the online ballots prevail over paper for the same house.
    const evote = await currentEvote(tx, id, true);
    let online: Awaited<ReturnType<typeof onlineTally>> | null = null;
    if (evote) {
      if (evotePhase(evote, ctx.clock.now()) !== 'closed') {
        throw ruleRefusal(
          409,
          'EVOTE_OPEN',
          'F-82',
          `本次表决已发起电子投票，投票至 ${evoteTimes.fmt(evote.closesAt)} 结束；结束后再录入纸质表决票并确认表决结果`,
        );
      }
      if (input.mode === 'totals') {
        throw ruleRefusal(
          409,
          'EVOTE_TOTALS',
          'R-81',
          '本次表决有网上投票，须按签字表逐户录入纸质表决票，与网上投票逐户合并计票；按合计录入无法判断哪些房屋已网上投票',
        );
      }
      await closeDueEvotes(tx, ctx, id);
      online = await onlineTally(tx, evote.id);
      const both = input.ballots.filter((b) => online?.latest.has(b.houseId)).length;
      if (both > 0) {
        throw invalid(
          'ballots',
          `${both} 套房屋已网上投票，以网上投票为准，纸质表决票不再计入；请在录入表中去掉这些房屋（已标注“已网上投票”）`,
        );
      }
    }
    let totals: VoteTotals;
    await tx.delete(projectBallots).where(eq(projectBallots.projectId, id));
    if (input.mode === 'totals') {
      const { participatingArea, participatingOwners, agreeArea, agreeOwners } = input;
      totals = { rangeArea, rangeOwners: countOwners(range), participatingArea, participatingOwners, agreeArea, agreeOwners };
      const problems = validateTotals(totals);
      if (problems.length > 0) throw ruleRefusal(400, 'VALIDATION', 'R-42', problems.join('；'), { totals: problems.join('；') });
    } else {
      const ballots = new Map(input.ballots.map((b) => [String(b.houseId), b.choice]));
      if (ballots.size !== input.ballots.length) throw invalid('ballots', '同一房屋录入了多次表决意见');
      const outside = ballotsOutsideRange(range, ballots);
      if (outside.length > 0) throw invalid('ballots', `${outside.length} 套房屋不在本项目的分摊（表决）范围内`);
      // the union of paper and online ballots, one choice per house.
      if (online) for (const [houseId, choice] of online.latest) ballots.set(String(houseId), choice);
      totals = tallyBallots(range, ballots);
      for (const part of chunks(input.ballots)) {
        await tx.insert(projectBallots).values(part.map((b) => ({ projectId: id, houseId: b.houseId, choice: b.choice })));
      }
    }
    const rule = await getSetting(tx, 'voteRule');
    const decision = decideVote(rule, totals);
    const notice = await latestNotice(tx, id, 'initiation');
    await touch(tx, ctx, id, {
      voteRule: rule,
      votePassed: decision.passed,
      voteTotals: totals,
      voteNoticeId: notice?.id ?? null,
      voteRecordedAt: ctx.clock.now(),
    });
    const verdict = decision.passed ? '表决通过' : `表决未通过：${decision.reasons.join('；')}`;
    const how =
      input.mode === 'totals' ? '按合计' : online ? `逐户，网上 ${online.latest.size} 户、纸质 ${input.ballots.length} 户` : '逐户';
    if (correcting) {
      await recordEvent(tx, ctx, { projectId: id }, 'vote.corrected', `${verdict}（更正原因：${input.correctionReason}）`);
    } else {
      await recordEvent(tx, ctx, { projectId: id }, decision.passed ? 'vote.passed' : 'vote.failed', verdict);
    }
    await audit(tx, ctx, {
      action: correcting ? 'project.vote.correct' : 'project.vote',
      entity: 'repair_project',
      entityId: id,
      summary: correcting
        ? `更正投票表决结果 ${p.no}（${how}）：${verdict}；原因：${input.correctionReason}`
        : `录入投票表决结果 ${p.no}（${how}）：${verdict}`,
      before: { votePassed: p.votePassed, voteTotals: p.voteTotals },
      after: {
        rule,
        totals,
        passed: decision.passed,
        ...(online && evote
          ? {
              evoteId: evote.id,
              onlineHouses: online.latest.size,
              paperHouses: input.mode === 'houses' ? input.ballots.length : 0,
              finalHash: online.chain.finalHash,
            }
          : {}),
        ...(correcting ? { correctionReason: input.correctionReason } : {}),
      },
    });
    return { rule, totals, passed: decision.passed, reasons: decision.reasons };
  });
}

/** 投票表决签字表: every house of the range with its area and owners, a page at a time, and the range totals. */
export async function voteSheet(ctx: Ctx, id: number, page: number, pageSize: number, q?: string) {
  const actor = readerActor(ctx);
  const p = await loadProject(ctx.db, actor, id);
  const [list, range] = await Promise.all([rangePage(ctx.db, id, page, pageSize, q), projectRange(ctx.db, id)]);
  const ballots = await ctx.db.select().from(projectBallots).where(eq(projectBallots.projectId, id));
  const choice = new Map<number, string>(ballots.map((b) => [b.houseId, b.choice]));
  // houses that voted online are marked; their online choice shows only once the e-vote has ended.
  const evote = await currentEvote(ctx.db, id);
  const onlineHouses = new Set<number>();
  if (evote) {
    const closed = evotePhase(evote, ctx.clock.now()) === 'closed';
    const { latest } = await onlineTally(ctx.db, evote.id);
    for (const [houseId, c] of latest) {
      onlineHouses.add(houseId);
      if (closed) choice.set(houseId, c);
      else choice.delete(houseId);
    }
  }
  return {
    projectNo: p.no,
    projectName: p.name,
    rangeArea: list.totalArea,
    rangeOwners: countOwners(voteHouses(range)),
    evote: evote ? { id: evote.id, phase: evotePhase(evote, ctx.clock.now()), onlineHouses: onlineHouses.size } : null,
    items: list.items.map((h) => ({ ...h, choice: choice.get(h.houseId) ?? null, online: onlineHouses.has(h.houseId) })),
    total: list.total,
  };
}
