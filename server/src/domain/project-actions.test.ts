import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type ActionName,
  acceptanceCorrectionBlock,
  actionBlock,
  allowedActions,
  type ProjectFacts,
  type ProjectType,
  voteCorrectionBlock,
} from './project-actions.ts';

const BUDGET = 100_000n; // 1,000.00 yuan

function facts(type: ProjectType, over: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    type,
    status: 'draft',
    initiationNotice: null,
    today: '2026-12-02',
    vote: null,
    approval: 'none',
    acceptance: { done: false, noticePublished: false },
    settlement: null,
    budgetTotal: BUDGET,
    phases:
      type === 'simple'
        ? []
        : [
            { amount: 30_000n, applied: 0n },
            { amount: 40_000n, applied: 0n },
            { amount: 30_000n, applied: 0n },
          ],
    transferred: 0n,
    refunded: 0n,
    awaitingTransfer: 0,
    cancellationNotice: false,
    ...over,
  };
}

const allowed = (f: ProjectFacts) =>
  allowedActions(f)
    .filter((a) => a.allowed)
    .map((a) => a.action);

const blockOf = (f: ProjectFacts, action: ActionName) => allowedActions(f).find((a) => a.action === action)?.blockedBy;

const published = (deadline = '2026-12-08', budget = BUDGET) => ({ initiationNotice: { published: true, deadline, budget } });
const phases = (...applied: bigint[]) => [30_000n, 40_000n, 30_000n].map((amount, i) => ({ amount, applied: applied[i] ?? 0n }));

describe('§7.2 general project', () => {
  it('§7.2 general happy path: notice, vote, approval, phases, acceptance, notice, last phase', () => {
    let f = facts('general');
    expect(allowed(f)).toEqual(['edit', 'initiation_notice', 'cancellation_notice']);

    f = { ...f, status: 'initiation_notice', ...published() };
    expect(allowed(f)).toEqual(['edit', 'vote', 'cancellation_notice']);

    f = { ...f, status: 'approval_pending', vote: { passed: true }, today: '2026-12-09' };
    expect(allowed(f)).toEqual(['edit', 'approval', 'cancellation_notice']);

    f = { ...f, approval: 'submitted' };
    expect(allowed(f)).toEqual(['cancellation_notice']);

    f = { ...f, status: 'approved', approval: 'approved' };
    expect(allowed(f)).toEqual(['disbursement', 'acceptance', 'cancellation_notice']);

    // Phase 1 transferred; phase 2 brings the total to exactly 70 %, still before acceptance.
    f = { ...f, status: 'disbursing', phases: phases(30_000n), transferred: 30_000n };
    expect(allowed(f)).toEqual(['disbursement', 'acceptance', 'refund', 'cancellation_notice']);

    f = { ...f, phases: phases(30_000n, 40_000n), transferred: 70_000n };
    expect(allowed(f)).toEqual(['acceptance', 'refund', 'cancellation_notice']);

    f = { ...f, status: 'accepted', acceptance: { done: true, noticePublished: false }, settlement: 95_000n };
    expect(allowed(f)).toEqual(['acceptance_notice', 'refund', 'cancellation_notice']);

    f = { ...f, acceptance: { done: true, noticePublished: true } };
    expect(allowed(f)).toEqual(['disbursement', 'refund', 'cancellation_notice']);

    f = { ...f, status: 'completed', phases: phases(30_000n, 40_000n, 25_000n), transferred: 95_000n };
    expect(allowed(f)).toEqual([]);
    expect(blockOf(f, 'refund')).toEqual({ rule: '§7.2', message: '项目已完成' });
  });

  it('R-46 before acceptance only the last phase left blocks the disbursement, naming acceptance and its notice', () => {
    const f = facts('general', { ...published(), vote: { passed: true }, approval: 'approved', phases: phases(30_000n, 40_000n) });
    expect(blockOf(f, 'disbursement')).toEqual({ rule: 'R-46', message: '最后一期拨付前须先完成项目验收并发布验收公示' });
    const accepted = { ...f, acceptance: { done: true, noticePublished: false } };
    expect(blockOf(accepted, 'disbursement')).toEqual({ rule: 'R-46', message: '最后一期拨付前须先发布验收公示' });
  });

  it('R-46 reaching 70 % of the budget blocks further applications before acceptance; one fen of room allows it', () => {
    const plan = (a: bigint, b: bigint) => [
      { amount: 50_000n, applied: a },
      { amount: 30_000n, applied: b },
      { amount: 20_000n, applied: 0n },
    ];
    const base = facts('general', { ...published(), vote: { passed: true }, approval: 'approved' });
    expect(blockOf({ ...base, phases: plan(50_000n, 20_000n) }, 'disbursement')).toEqual({
      rule: 'R-46',
      message: '累计申请金额 700.00 元已达预算总额 1,000.00 元的 70%，继续申请须先完成项目验收并发布验收公示',
    });
    expect(blockOf({ ...base, phases: plan(50_000n, 19_999n) }, 'disbursement')).toBeUndefined();
    // A configured 80 % leaves room again.
    expect(blockOf({ ...base, phases: plan(50_000n, 20_000n), acceptancePercent: 80 }, 'disbursement')).toBeUndefined();
  });

  it('R-44 the first disbursement needs the approval to have passed', () => {
    for (const approval of ['none', 'submitted', 'rejected'] as const) {
      const f = facts('general', { ...published(), vote: { passed: true }, approval, today: '2026-12-09' });
      expect(blockOf(f, 'disbursement')).toEqual({ rule: 'R-44', message: '项目立项审核通过后才能申请资金拨付' });
    }
  });

  it('R-45 once every phase is applied for in full, there is nothing left to apply for', () => {
    const f = facts('general', {
      ...published(),
      vote: { passed: true },
      approval: 'approved',
      acceptance: { done: true, noticePublished: true },
      phases: phases(30_000n, 40_000n, 30_000n),
    });
    expect(blockOf(f, 'disbursement')).toEqual({ rule: 'R-45', message: '拨付计划各期金额均已申请' });
  });

  it('R-49 once the applications reach the settlement, the plan’s remainder cannot be applied for', () => {
    const accepted = {
      ...published(),
      vote: { passed: true },
      approval: 'approved' as const,
      acceptance: { done: true, noticePublished: true },
      settlement: 90_000n,
    };
    const reached = facts('general', { ...accepted, phases: phases(30_000n, 40_000n, 20_000n) });
    expect(blockOf(reached, 'disbursement')).toEqual({
      rule: 'R-49',
      message: '累计申请金额 900.00 元已达结算金额 900.00 元，不能再申请拨付',
    });
    // A fen below the settlement, or a refund that frees some, leaves room.
    expect(blockOf(facts('general', { ...accepted, phases: phases(30_000n, 40_000n, 19_999n) }), 'disbursement')).toBeUndefined();
    expect(blockOf({ ...reached, transferred: 90_000n, refunded: 1n }, 'disbursement')).toBeUndefined();
  });

  it('R-43 the approval application waits for the notice period to end and for a passed vote', () => {
    const f = facts('general');
    expect(blockOf(f, 'approval')).toEqual({ rule: 'R-43', message: '须先发布立项公示，才能提交立项申请' });
    const noticed = { ...f, ...published('2026-12-08'), today: '2026-12-08' };
    expect(blockOf(noticed, 'approval')).toEqual({
      rule: 'R-43',
      message: '立项公示截止日为 2026-12-08，公示期满后（2026-12-09 起）才能提交立项申请',
    });
    const over = { ...noticed, today: '2026-12-09' };
    expect(blockOf(over, 'approval')).toEqual({ rule: 'R-43', message: '须先录入业主表决结果，表决通过后才能提交立项申请' });
    expect(blockOf({ ...over, vote: { passed: false } }, 'approval')).toEqual({
      rule: 'R-43',
      message: '业主表决未通过，不能提交立项申请',
    });
    expect(blockOf({ ...over, vote: { passed: true } }, 'approval')).toBeUndefined();
  });

  it('R-43 an unpublished (draft) notice does not count', () => {
    const f = facts('general', {
      initiationNotice: { published: false, deadline: '2026-12-01', budget: BUDGET },
      vote: { passed: true },
      today: '2026-12-09',
    });
    expect(blockOf(f, 'approval')?.rule).toBe('R-43');
    expect(blockOf({ ...f, vote: null }, 'vote')).toEqual({ rule: 'F-42', message: '须先发布立项公示，再组织业主表决' });
  });

  it('R-43 a submitted or approved application cannot be submitted again; a rejected one can', () => {
    const ready = facts('general', { ...published(), vote: { passed: true }, today: '2026-12-09' });
    expect(blockOf({ ...ready, approval: 'submitted' }, 'approval')).toEqual({
      rule: 'F-43',
      message: '立项申请已提交，等待维修资金管理部门审核',
    });
    expect(blockOf({ ...ready, approval: 'approved' }, 'approval')).toEqual({ rule: 'F-43', message: '项目已立项' });
    expect(blockOf({ ...ready, approval: 'rejected' }, 'approval')).toBeUndefined();
    expect(blockOf({ ...ready, approval: 'rejected' }, 'edit')).toBeUndefined();
  });

  it('R-41 a plan that does not sum to the budget blocks the notice and the approval application', () => {
    const f = facts('general', {
      ...published(),
      vote: { passed: true },
      today: '2026-12-09',
      phases: [
        { amount: 30_000n, applied: 0n },
        { amount: 69_999n, applied: 0n },
      ],
    });
    const r41 = { rule: 'R-41', message: '拨付计划合计 999.99 元与预算总额 1,000.00 元不一致' };
    expect(blockOf(f, 'approval')).toEqual(r41);
    expect(blockOf({ ...f, initiationNotice: null }, 'initiation_notice')).toEqual(r41);
  });

  it('F-40 a project without a budget cannot be noticed', () => {
    expect(blockOf(facts('general', { budgetTotal: 0n, phases: [] }), 'initiation_notice')).toEqual({
      rule: 'F-40',
      message: '预算总额须大于零，请先填写维修项目的预算与分摊',
    });
  });

  it('F-40 editing stops when the approval application is submitted', () => {
    expect(blockOf(facts('general', { approval: 'submitted' }), 'edit')).toEqual({
      rule: 'F-40',
      message: '立项申请已提交，项目信息不能再修改',
    });
    expect(blockOf(facts('general', { approval: 'approved' }), 'edit')?.rule).toBe('F-40');
  });

  it('R-42 a failed vote allows a new initiation notice, and a new vote only after it', () => {
    const failed = facts('general', { status: 'vote_failed', ...published(), vote: { passed: false }, today: '2026-12-09' });
    expect(blockOf(failed, 'vote')).toEqual({
      rule: 'R-42',
      message: '业主表决未通过，须重新发布立项公示后才能再次表决；如表决结果录入有误，可在“更正表决结果”中更正',
    });
    expect(blockOf(failed, 'initiation_notice')).toBeUndefined();
    expect(allowed(failed)).toEqual(['edit', 'initiation_notice', 'cancellation_notice']);
    // The new notice replaces the old one and clears the result.
    const renoticed = { ...failed, status: 'initiation_notice' as const, ...published('2026-12-16'), vote: null };
    expect(blockOf(renoticed, 'vote')).toBeUndefined();
    expect(blockOf(renoticed, 'initiation_notice')).toEqual({ rule: 'F-41', message: '立项公示已发布（截止日 2026-12-16）' });
  });

  it('R-42 a passed vote is not entered again', () => {
    expect(blockOf(facts('general', { ...published(), vote: { passed: true } }), 'vote')).toEqual({
      rule: 'R-42',
      message: '业主表决已通过；如表决结果录入有误，可在提交立项申请前更正',
    });
  });

  it('§7.2 acceptance follows the approval, and its notice follows acceptance, once', () => {
    expect(blockOf(facts('general'), 'acceptance')).toEqual({ rule: '§7.2', message: '项目立项审核通过后才能验收' });
    expect(blockOf(facts('general'), 'acceptance_notice')).toEqual({ rule: 'F-45', message: '须先完成项目验收，才能发布验收公示' });
    const done = facts('general', { approval: 'approved', acceptance: { done: true, noticePublished: true } });
    expect(blockOf(done, 'acceptance')).toEqual({ rule: 'F-45', message: '项目已验收；如验收信息录入有误，可在发布验收公示前更正' });
    expect(blockOf(done, 'acceptance_notice')).toEqual({ rule: 'F-41', message: '验收公示已发布' });
  });
});

describe('§7.2 emergency project', () => {
  it('§7.2 emergency happy path: no vote, approval as soon as the notice is published', () => {
    let f = facts('emergency');
    expect(allowed(f)).toEqual(['edit', 'initiation_notice', 'cancellation_notice']);
    f = { ...f, ...published('2026-12-08') };
    expect(allowed(f)).toEqual(['edit', 'approval', 'cancellation_notice']);
    f = { ...f, approval: 'approved' };
    expect(allowed(f)).toEqual(['disbursement', 'acceptance', 'cancellation_notice']);
    f = { ...f, phases: phases(30_000n, 40_000n), transferred: 70_000n, acceptance: { done: true, noticePublished: true } };
    expect(allowed(f)).toEqual(['disbursement', 'refund', 'cancellation_notice']);
  });

  it('R-43 an emergency project has no vote: the action never applies', () => {
    const states = allowedActions(facts('emergency', published()));
    const vote = states.find((s) => s.action === 'vote');
    expect(vote).toMatchObject({ allowed: false, applicable: false, blockedBy: { rule: 'R-43', message: '紧急维修项目无需业主表决' } });
    expect(states.filter((s) => !s.applicable).map((s) => s.action)).toEqual(['vote']);
  });
});

describe('§7.2 simple project', () => {
  it('§7.2 simple happy path: notice, vote, acceptance, its notice, then approval with payees in one', () => {
    let f = facts('simple');
    expect(allowed(f)).toEqual(['edit', 'initiation_notice', 'cancellation_notice']);
    f = { ...f, ...published() };
    expect(allowed(f)).toEqual(['edit', 'vote', 'cancellation_notice']);
    f = { ...f, vote: { passed: true } };
    expect(allowed(f)).toEqual(['edit', 'acceptance', 'cancellation_notice']);
    f = { ...f, acceptance: { done: true, noticePublished: false }, settlement: BUDGET };
    expect(allowed(f)).toEqual(['edit', 'acceptance_notice', 'cancellation_notice']);
    f = { ...f, acceptance: { done: true, noticePublished: true }, today: '2026-12-09' };
    expect(allowed(f)).toEqual(['edit', 'approval', 'cancellation_notice']);
    f = { ...f, approval: 'submitted' };
    expect(allowed(f)).toEqual(['cancellation_notice']);
    f = { ...f, status: 'completed', approval: 'approved', transferred: BUDGET };
    expect(allowed(f)).toEqual([]);
  });

  it('R-47 a simple project needs acceptance, its notice and a settlement equal to the budget before the approval application', () => {
    const f = facts('simple', { ...published(), vote: { passed: true }, today: '2026-12-09' });
    expect(blockOf(f, 'approval')).toEqual({ rule: 'R-47', message: '简单拨付项目须先完成项目验收并发布验收公示，才能提交立项申请' });
    const accepted = { ...f, acceptance: { done: true, noticePublished: false }, settlement: BUDGET };
    expect(blockOf(accepted, 'approval')).toEqual({ rule: 'R-47', message: '简单拨付项目须先发布验收公示，才能提交立项申请' });
    const noticed = { ...accepted, acceptance: { done: true, noticePublished: true } };
    expect(blockOf({ ...noticed, settlement: 99_999n }, 'approval')).toEqual({
      rule: 'R-47',
      message: '简单拨付项目的结算金额 999.99 元须等于预算总额 1,000.00 元',
    });
    expect(blockOf({ ...noticed, settlement: null }, 'approval')).toEqual({ rule: 'R-47', message: '简单拨付项目须先填写结算金额' });
    expect(blockOf(noticed, 'approval')).toBeUndefined();
  });

  it('R-47 a simple project has no separate disbursement, and needs no plan', () => {
    const f = facts('simple', { approval: 'approved' });
    expect(blockOf(f, 'disbursement')).toEqual({ rule: 'R-47', message: '简单拨付项目的拨付随立项申请一并提交、一次审核，无需单独申请' });
    expect(allowedActions(f).find((s) => s.action === 'disbursement')?.applicable).toBe(false);
    expect(blockOf(facts('simple'), 'initiation_notice')).toBeUndefined();
  });

  it('§7.2 a simple project is accepted only after a passed vote', () => {
    expect(blockOf(facts('simple', published()), 'acceptance')).toEqual({ rule: '§7.2', message: '简单拨付项目须在业主表决通过后验收' });
  });
});

describe('R-43 a budget changed after the notice', () => {
  it('R-43 blocks the vote and the approval until the notice is published again with the new budget', () => {
    const changed = facts('general', { ...published('2026-12-01', 90_000n), vote: null });
    const r43 = { rule: 'R-43', message: '立项公示后预算总额已由 900.00 元改为 1,000.00 元，须重新发布立项公示' };
    expect(blockOf(changed, 'vote')).toEqual(r43);
    expect(blockOf({ ...changed, vote: { passed: true } }, 'approval')).toEqual(r43);
    expect(blockOf(facts('emergency', published('2026-12-01', 90_000n)), 'approval')).toEqual(r43);
    expect(allowed(changed)).toContain('initiation_notice');
    expect(blockOf(facts('general', published('2026-12-01')), 'initiation_notice')?.rule).toBe('F-41');
  });
});

describe('R-51 houses or shares changed after the notice', () => {
  it('R-51 blocks the vote and the approval with the reason and allows a new notice', () => {
    const notice = published('2026-12-01');
    const stale = facts('general', {
      initiationNotice: { ...(notice.initiationNotice as NonNullable<ProjectFacts['initiationNotice']>), listChanged: true },
    });
    const r51 = blockOf(stale, 'vote');
    expect(r51?.rule).toBe('R-51');
    expect(r51?.message).toContain('须重新发布立项公示');
    expect(blockOf({ ...stale, vote: { passed: true } }, 'approval')).toEqual(r51);
    expect(allowed(stale)).toContain('initiation_notice');
  });
});

describe('F-46 refund, F-47 and R-50 cancellation', () => {
  const running = facts('general', {
    ...published(),
    vote: { passed: true },
    approval: 'approved',
    phases: phases(30_000n),
    transferred: 30_000n,
  });

  it('F-46 refund needs transferred money not yet refunded', () => {
    expect(blockOf(facts('general'), 'refund')).toEqual({ rule: 'F-46', message: '没有可清退的已划转资金' });
    expect(blockOf(running, 'refund')).toBeUndefined();
    expect(blockOf({ ...running, refunded: 30_000n }, 'refund')).toEqual({ rule: 'F-46', message: '没有可清退的已划转资金' });
  });

  it('F-47 cancellation needs its notice first, and the notice is published once', () => {
    expect(blockOf(facts('general'), 'cancel')).toEqual({ rule: 'F-47', message: '须先发布撤销公示，才能撤销项目' });
    const noticed = facts('general', { cancellationNotice: true });
    expect(blockOf(noticed, 'cancel')).toBeUndefined();
    expect(blockOf(noticed, 'cancellation_notice')).toEqual({ rule: 'F-41', message: '撤销公示已发布' });
  });

  it('R-50 a project with unrefunded transfers cannot be cancelled, at any stage', () => {
    const f = { ...running, cancellationNotice: true };
    expect(blockOf(f, 'cancel')).toEqual({
      rule: 'R-50',
      message: '已划转 300.00 元，已清退 0.00 元，尚有 300.00 元未清退，须先清退才能撤销',
    });
    expect(blockOf({ ...f, refunded: 30_000n }, 'cancel')).toBeUndefined();
    // Without the notice yet, the money is still what the committee is told first.
    expect(blockOf(running, 'cancel')?.rule).toBe('R-50');
  });

  it('R-50 an instruction the bank holds blocks the cancellation; applications under review close with the project', () => {
    const f = { ...running, transferred: 0n, cancellationNotice: true, awaitingTransfer: 2 };
    expect(blockOf(f, 'cancel')).toEqual({
      rule: 'R-50',
      message: '尚有 2 笔拨付指令已发送专户银行、尚未划转，须待银行划转并清退后才能撤销',
    });
    expect(blockOf({ ...f, awaitingTransfer: 0 }, 'cancel')).toBeUndefined();
  });

  it('F-47 a cancelled project allows nothing', () => {
    const f = facts('general', { status: 'cancelled', cancellationNotice: true });
    expect(allowed(f)).toEqual([]);
    expect(allowedActions(f).every((s) => s.blockedBy?.rule === 'F-47' && s.blockedBy.message === '项目已撤销')).toBe(true);
  });
});

describe('§7.2 properties', () => {
  const anyFacts = fc.record({
    type: fc.constantFrom<ProjectType>('general', 'emergency', 'simple'),
    status: fc.constantFrom<ProjectFacts['status']>(
      'draft',
      'initiation_notice',
      'voting',
      'vote_failed',
      'approved',
      'disbursing',
      'accepted',
      'completed',
      'cancelled',
    ),
    initiationNotice: fc.option(
      fc.record({
        published: fc.boolean(),
        deadline: fc.constantFrom('2026-12-01', '2026-12-08', '2026-12-31'),
        budget: fc.bigInt({ min: 0n, max: 200_000n }),
        listChanged: fc.boolean(),
      }),
    ),
    today: fc.constantFrom('2026-12-01', '2026-12-08', '2026-12-09'),
    vote: fc.option(fc.record({ passed: fc.boolean() })),
    approval: fc.constantFrom<ProjectFacts['approval']>('none', 'submitted', 'approved', 'rejected'),
    acceptance: fc.record({ done: fc.boolean(), noticePublished: fc.boolean() }),
    settlement: fc.option(fc.bigInt({ min: 0n, max: 200_000n })),
    budgetTotal: fc.bigInt({ min: 0n, max: 200_000n }),
    phases: fc.array(fc.record({ amount: fc.bigInt({ min: 1n, max: 100_000n }), applied: fc.bigInt({ min: 0n, max: 100_000n }) }), {
      maxLength: 4,
    }),
    transferred: fc.bigInt({ min: 0n, max: 200_000n }),
    refunded: fc.bigInt({ min: 0n, max: 200_000n }),
    awaitingTransfer: fc.integer({ min: 0, max: 3 }),
    cancellationNotice: fc.boolean(),
  });

  it('§7.2 every action is listed once, in menu order, and is either allowed or explained by a rule in Chinese', () => {
    fc.assert(
      fc.property(anyFacts, (f) => {
        const states = allowedActions(f);
        expect(states.map((s) => s.action)).toEqual([...ACTIONS]);
        for (const s of states) {
          expect(s.allowed).toBe(s.blockedBy === undefined);
          expect(actionBlock(f, s.action)).toEqual(s.blockedBy ?? null);
          if (s.blockedBy) {
            expect(s.blockedBy.rule).toMatch(/^(R-\d+|F-\d+|§7\.2)$/);
            expect(s.blockedBy.message).toMatch(/[\u4e00-\u9fff]/);
          }
          if (!s.applicable) expect(s.allowed).toBe(false);
        }
      }),
    );
  });

  it('R-50 cancel is never allowed while transferred money is unrefunded; R-44 no disbursement before approval', () => {
    fc.assert(
      fc.property(anyFacts, (f) => {
        const states = new Map(allowedActions(f).map((s) => [s.action, s.allowed]));
        if (f.transferred > f.refunded) expect(states.get('cancel')).toBe(false);
        if (f.approval !== 'approved') expect(states.get('disbursement')).toBe(false);
        if (f.type !== 'emergency' && !f.vote?.passed) expect(states.get('approval')).toBe(false);
      }),
    );
  });

  it('F-42 a vote result is correctable until the approval application is submitted', () => {
    const voted = facts('general', { ...published(), vote: { passed: false } });
    expect(voteCorrectionBlock(voted)).toBeNull();
    expect(voteCorrectionBlock(facts('general', { ...published() }))?.rule).toBe('F-42');
    expect(voteCorrectionBlock({ ...voted, approval: 'submitted' })).toEqual({
      rule: 'F-42',
      message: '立项申请已提交，表决结果不能再更正',
    });
    expect(voteCorrectionBlock({ ...voted, approval: 'rejected' })).toBeNull();
    expect(voteCorrectionBlock(facts('emergency', { ...published() }))?.rule).toBe('R-43');
  });

  it('R-49 an acceptance is correctable until its notice is published or money is applied for after it', () => {
    const accepted = facts('general', { approval: 'approved', acceptance: { done: true, noticePublished: false } });
    expect(acceptanceCorrectionBlock(accepted)).toBeNull();
    expect(acceptanceCorrectionBlock(facts('general', { approval: 'approved' }))?.rule).toBe('F-45');
    expect(acceptanceCorrectionBlock({ ...accepted, acceptance: { done: true, noticePublished: true } })?.message).toBe(
      '验收公示已发布，验收信息不能再更正',
    );
    expect(acceptanceCorrectionBlock({ ...accepted, acceptance: { done: true, noticePublished: false, moneySince: true } })?.rule).toBe(
      'R-49',
    );
  });

  it('F-42 R-49 a closed project corrects nothing, and each refusal says why in words', () => {
    const voted = facts('general', { ...published(), vote: { passed: false } });
    expect(voteCorrectionBlock({ ...voted, status: 'cancelled' })).toEqual({ rule: 'F-47', message: '项目已撤销' });
    expect(voteCorrectionBlock(facts('emergency', { ...published() }))).toEqual({ rule: 'R-43', message: '紧急维修项目无需业主表决' });
    expect(voteCorrectionBlock(facts('general', { ...published() }))).toEqual({
      rule: 'F-42',
      message: '尚未录入本次立项公示后的表决结果，无需更正',
    });
    const accepted = facts('general', { approval: 'approved', acceptance: { done: true, noticePublished: false } });
    expect(acceptanceCorrectionBlock({ ...accepted, status: 'completed' })).toEqual({ rule: '§7.2', message: '项目已完成' });
    expect(acceptanceCorrectionBlock(facts('general', { approval: 'approved' }))).toEqual({
      rule: 'F-45',
      message: '尚未录入项目验收，无需更正',
    });
    expect(acceptanceCorrectionBlock({ ...accepted, acceptance: { done: true, noticePublished: true } })?.rule).toBe('R-49');
    expect(acceptanceCorrectionBlock({ ...accepted, acceptance: { done: true, noticePublished: false, moneySince: true } })).toEqual({
      rule: 'R-49',
      message: '验收后已申请拨付或清退，验收信息不能再更正',
    });
  });

  it('§7.2 after the approval application is submitted, the notice and the vote say so', () => {
    const f = facts('general', {
      status: 'approval_pending',
      ...published(),
      vote: { passed: true },
      approval: 'submitted',
      today: '2026-12-09',
    });
    expect(blockOf(f, 'initiation_notice')).toEqual({ rule: '§7.2', message: '立项申请已提交，不能再发布立项公示' });
    expect(blockOf(f, 'vote')).toEqual({ rule: '§7.2', message: '立项申请已提交，不能再录入表决结果' });
  });

  it('R-43 R-47 the vote applies to general and simple projects, a separate disbursement to general and emergency ones', () => {
    const applicable = (type: ProjectType) =>
      allowedActions(facts(type))
        .filter((s) => s.applicable)
        .map((s) => s.action);
    expect(applicable('general')).toEqual([...ACTIONS]);
    expect(applicable('simple')).toEqual(ACTIONS.filter((a) => a !== 'disbursement'));
    expect(applicable('emergency')).toEqual(ACTIONS.filter((a) => a !== 'vote'));
  });

  it('R-45 F-46 money refunded from a phase may be applied for again in that phase', () => {
    const f = facts('general', {
      status: 'accepted',
      approval: 'approved',
      acceptance: { done: true, noticePublished: true },
      phases: [
        { amount: 30_000n, applied: 30_000n, refunded: 10_000n },
        { amount: 40_000n, applied: 40_000n },
        { amount: 30_000n, applied: 30_000n },
      ],
      transferred: 100_000n,
      refunded: 10_000n,
    });
    expect(blockOf(f, 'disbursement')).toBeUndefined();
  });

  it('R-49 once the applications net of refunds reach the settlement, the block names that net amount', () => {
    const f = facts('general', {
      status: 'accepted',
      approval: 'approved',
      acceptance: { done: true, noticePublished: true },
      settlement: 95_000n,
      phases: [
        { amount: 30_000n, applied: 30_000n, refunded: 5_000n },
        { amount: 40_000n, applied: 40_000n },
        { amount: 30_000n, applied: 30_000n },
      ],
      transferred: 100_000n,
      refunded: 5_000n,
    });
    expect(blockOf(f, 'disbursement')).toEqual({ rule: 'R-49', message: '累计申请金额 950.00 元已达结算金额 950.00 元，不能再申请拨付' });
  });

  it('R-46 with room below the percentage but only the last phase left, acceptance comes first', () => {
    const f = facts('general', {
      status: 'disbursing',
      approval: 'approved',
      acceptancePercent: 80,
      phases: phases(30_000n, 40_000n),
      transferred: 70_000n,
    });
    expect(blockOf(f, 'disbursement')).toEqual({ rule: 'R-46', message: '最后一期拨付前须先完成项目验收并发布验收公示' });
  });
});
