import { notifyProjectOwners } from '../owners/notify.ts';
import { eq } from 'drizzle-orm';
import type { Conn } from '../../db/client.ts';
import { projectBallots, projectEvotes } from '../../db/schema/index.ts';
import { evotePhase, periodProblems } from '../../domain/evote.ts';
import { type Choice, type VoteRule, decideVote, tallyBallots, VOTE_RULE_LABELS } from '../../domain/vote.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalidFields, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { getSetting } from '../settings/store.ts';
import { committeeActor, loadProject, readerActor } from '../projects/access.ts';
import { requireAllowed, storeStage } from '../projects/actions.ts';
import { latestNotice } from '../projects/facts.ts';
import { projectRange, voteHouses } from '../projects/range.ts';
import { type EvoteRow, evoteOf, onlineTally, votedHouses } from './store.ts';
import { recordEvent } from '../workflow/events.ts';

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

/** The e-vote as the committee and the office see it; its phase is read from the clock, not from the job. */
export const describeEvote = (e: EvoteRow, now: Date) => ({
  id: e.id,
  projectId: e.projectId,
  noticeId: e.noticeId,
  opensAt: e.opensAt,
  closesAt: e.closesAt,
  phase: evotePhase(e, now),
  closedAt: e.closedAt ?? (now.getTime() >= e.closesAt.getTime() ? e.closesAt : null),
  finalHash: e.finalHash,
});

/**
 * F-82 发起电子投票: the committee opens the vote of a project whose vote may be taken now (the same
 * stage rule as the paper vote, on a current initiation notice — R-51), once per notice.
 */
export async function openEvote(ctx: Ctx, projectId: number, input: { opensAt: Date; closesAt: Date }) {
  const actor = committeeActor(ctx, 'project.submit');
  const now = ctx.clock.now();
  const problems = periodProblems(input.opensAt, input.closesAt, now);
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, projectId, true);
    await requireAllowed(tx, ctx, p, 'vote');
    const notice = await latestNotice(tx, projectId, 'initiation');
    if (!notice) throw ruleRefusal(409, 'RULE', 'F-42', '须先发布立项公示，再组织业主表决');
    if (await evoteOf(tx, projectId, notice.id)) {
      throw ruleRefusal(409, 'EVOTE_EXISTS', 'F-82', `本次立项公示（${notice.no}）已发起过电子投票，同一公示只能发起一次`);
    }
    const [e] = await tx
      .insert(projectEvotes)
      .values({ projectId, noticeId: notice.id, opensAt: input.opensAt, closesAt: input.closesAt, openedBy: actor.userId, createdAt: now })
      .returning();
    if (!e) throw new Error('e-vote not written');
    const period = `${fmt(input.opensAt)} 至 ${fmt(input.closesAt)}`;
    await recordEvent(tx, ctx, { projectId: projectId }, 'evote.opened', `发起电子投票：${period}`);
    await storeStage(tx, ctx, projectId);
    // F-83: the bound owners of the range hear of it at once; they vote on their page.
    await notifyProjectOwners(tx, projectId, {
      kind: 'project.vote',
      title: `${p.name}：电子投票已开始`,
      body: `投票时间 ${period}。请在“我的房屋”页面的投票栏选择同意、反对或弃权，截止前可以修改。`,
      link: '/owner',
      at: now,
    });
    await audit(tx, ctx, {
      action: 'evote.open',
      entity: 'evote',
      entityId: e.id,
      summary: `发起电子投票 ${p.no}（依据立项公示 ${notice.no}）：${period}`,
      after: { projectId, noticeId: notice.id, opensAt: input.opensAt, closesAt: input.closesAt },
    });
    return describeEvote(e, now);
  });
}

/**
 * F-82: the e-vote of the project's current initiation notice and its turnout — the area and the
 * owners who took part, out of the range's — never the direction while it is open.
 */
export async function evoteStatus(ctx: Ctx, projectId: number) {
  const actor = readerActor(ctx);
  const p = await loadProject(ctx.db, actor, projectId);
  const notice = await latestNotice(ctx.db, projectId, 'initiation');
  const e = notice ? await evoteOf(ctx.db, projectId, notice.id) : null;
  if (!e) return { evote: null, turnout: null };
  const range = voteHouses(await projectRange(ctx.db, p.id));
  const voted = await votedHouses(ctx.db, e.id);
  // Turnout counts like R-42 (an owner of several houses once), with every choice hidden as one.
  const asTaken = new Map<string, Choice>([...voted.houses].map((h) => [String(h), 'abstain']));
  const t = tallyBallots(range, asTaken);
  return {
    evote: describeEvote(e, ctx.clock.now()),
    turnout: {
      rangeArea: t.rangeArea,
      rangeOwners: t.rangeOwners,
      rangeHouses: range.length,
      participatingArea: t.participatingArea,
      participatingOwners: t.participatingOwners,
      housesVoted: voted.houses.size,
      ballots: voted.ballots,
    },
  };
}

/**
 * F-82 / R-81 / R-82 表决结果公告: after the end, R-42 with the configured rule over the union of the
 * paper ballots entered house by house and the latest online ballot of each house (online prevails),
 * with the chain check and its final hash. `recorded` says whether the committee has saved this
 * result as the project's vote (录入表决结果).
 */
export async function evoteResult(ctx: Ctx, projectId: number) {
  const actor = readerActor(ctx);
  const p = await loadProject(ctx.db, actor, projectId);
  const notice = await latestNotice(ctx.db, projectId, 'initiation');
  const e = notice ? await evoteOf(ctx.db, projectId, notice.id) : null;
  if (!notice || !e) throw ruleRefusal(404, 'NOT_FOUND', 'F-82', '本项目当前的立项公示没有发起电子投票');
  const now = ctx.clock.now();
  if (evotePhase(e, now) !== 'closed') {
    throw ruleRefusal(409, 'EVOTE_OPEN', 'F-82', `电子投票尚未结束（${fmt(e.closesAt)} 截止），结束后才能查看表决结果`);
  }
  const combined = await combinedBallots(ctx.db, projectId, e.id);
  const range = voteHouses(await projectRange(ctx.db, projectId));
  const totals = tallyBallots(range, combined.ballots);
  const recorded = p.voteNoticeId === notice.id && p.votePassed !== null;
  const rule: VoteRule = recorded && p.voteRule ? (p.voteRule as VoteRule) : await getSetting(ctx.db, 'voteRule');
  const decision = decideVote(rule, totals);
  return {
    projectNo: p.no,
    projectName: p.name,
    noticeNo: notice.no,
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    closedAt: e.closedAt ?? e.closesAt,
    rule,
    ruleLabel: VOTE_RULE_LABELS[rule],
    totals,
    passed: decision.passed,
    reasons: decision.reasons,
    onlineHouses: combined.online,
    paperHouses: combined.paper,
    rangeHouses: range.length,
    finalHash: combined.chain.finalHash,
    chain: combined.chain,
    recorded,
    recordedAt: recorded ? p.voteRecordedAt : null,
  };
}

/** the office's or committee's check of an e-vote's chain, naming every ballot that does not follow. */
export async function evoteChainCheck(ctx: Ctx, projectId: number) {
  const actor = readerActor(ctx);
  await loadProject(ctx.db, actor, projectId);
  const notice = await latestNotice(ctx.db, projectId, 'initiation');
  const e = notice ? await evoteOf(ctx.db, projectId, notice.id) : null;
  if (!e) throw ruleRefusal(404, 'NOT_FOUND', 'F-82', '本项目当前的立项公示没有发起电子投票');
  const { chain } = await onlineTally(ctx.db, e.id);
  return { ...chain, storedFinalHash: e.finalHash, finalHashMatches: e.finalHash === null || e.finalHash === chain.finalHash };
}

/** paper ballots as entered, with every house that voted online taking its online choice instead. */
export async function combinedBallots(db: Conn, projectId: number, evoteId: number) {
  const paper = await db.select().from(projectBallots).where(eq(projectBallots.projectId, projectId));
  const { chain, latest } = await onlineTally(db, evoteId);
  const ballots = new Map<string, Choice>();
  let paperCount = 0;
  for (const b of paper) {
    if (b.choice === 'absent' || latest.has(b.houseId)) continue;
    ballots.set(String(b.houseId), b.choice);
    paperCount++;
  }
  for (const [houseId, choice] of latest) ballots.set(String(houseId), choice);
  return { ballots, online: latest.size, paper: paperCount, chain };
}

/** Whether any e-vote exists for the project's current notice (for the paper entry's rule R-81). */
export async function currentEvote(db: Conn, projectId: number, lock = false) {
  const notice = await latestNotice(db, projectId, 'initiation');
  return notice ? evoteOf(db, projectId, notice.id, lock) : null;
}

export const evoteTimes = { fmt };
