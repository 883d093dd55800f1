import { describe, expect, it } from 'vitest';
import type { ProjectFacts, ProjectType } from './project-actions.ts';
import { projectStage, stageOn } from './project-stage.ts';

const BUDGET = 100_000n;
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
    phases: type === 'simple' ? [] : [{ amount: BUDGET, applied: 0n }],
    transferred: 0n,
    refunded: 0n,
    awaitingTransfer: 0,
    cancellationNotice: false,
    ...over,
  };
}
const notice = (over: Partial<NonNullable<ProjectFacts['initiationNotice']>> = {}) => ({
  initiationNotice: { published: true, deadline: '2026-12-08', budget: BUDGET, ...over },
});
const on = (f: ProjectFacts, today: string) => stageOn(projectStage(f), today);

describe('§7.2 project stage', () => {
  it('§7.2 R-43 a running notice becomes 待表决 the day after its deadline (an emergency project 待申请立项)', () => {
    expect(on(facts('general', notice()), '2026-12-08')).toBe('notice');
    expect(on(facts('general', notice()), '2026-12-09')).toBe('awaiting_vote');
    expect(on(facts('emergency', notice()), '2026-12-09')).toBe('awaiting_approval');
  });

  it('F-82 an e-vote that is open shows 网上投票中, during the notice period or after it; a recorded vote replaces it', () => {
    expect(on(facts('general', { ...notice(), evoteOpen: true }), '2026-12-05')).toBe('evote_running');
    expect(on(facts('general', { ...notice(), evoteOpen: true }), '2026-12-09')).toBe('evote_running');
    expect(on(facts('general', { ...notice(), evoteOpen: false }), '2026-12-09')).toBe('awaiting_vote');
    expect(on(facts('general', { ...notice(), evoteOpen: true, vote: { passed: true } }), '2026-12-09')).toBe('vote_passed');
  });

  it('R-51 a notice outdated by a change of the list or the budget shows 待重新公示, before the vote it had', () => {
    expect(on(facts('general', { ...notice({ listChanged: true }), vote: { passed: true } }), '2026-12-09')).toBe('notice_outdated');
    expect(on(facts('general', notice({ budget: 1n })), '2026-12-02')).toBe('notice_outdated');
  });

  it('§7.2 the vote, the approval, the money and the acceptance each move the stage on', () => {
    const voted = facts('general', { ...notice(), vote: { passed: true } });
    expect(on(voted, '2026-12-02')).toBe('vote_passed');
    expect(on({ ...voted, vote: { passed: false } }, '2026-12-02')).toBe('vote_failed');
    expect(on({ ...voted, approval: 'rejected' }, '2026-12-10')).toBe('approval_returned');
    expect(on({ ...voted, approval: 'submitted' }, '2026-12-10')).toBe('approval_review');
    const approved = { ...voted, approval: 'approved' as const };
    expect(on(approved, '2026-12-10')).toBe('approved');
    expect(on({ ...approved, phases: [{ amount: BUDGET, applied: 1n }] }, '2026-12-10')).toBe('disbursing');
    const accepted = { ...approved, acceptance: { done: true, noticePublished: false } };
    expect(on(accepted, '2026-12-10')).toBe('accepted');
    const published = { ...approved, acceptance: { done: true, noticePublished: true, noticeDeadline: '2026-12-20' } };
    expect(on(published, '2026-12-20')).toBe('acceptance_notice');
    expect(on(published, '2026-12-21')).toBe('disbursing');
  });

  it('R-47 a simple project is accepted before its approval application', () => {
    const accepted = facts('simple', { ...notice(), vote: { passed: true }, acceptance: { done: true, noticePublished: false } });
    expect(on(accepted, '2026-12-10')).toBe('accepted');
    const published = { ...accepted, acceptance: { done: true, noticePublished: true, noticeDeadline: '2026-12-20' } };
    expect(on(published, '2026-12-21')).toBe('awaiting_approval');
    expect(on({ ...published, approval: 'approved' }, '2026-12-21')).toBe('disbursing');
  });

  it('F-47 a cancellation notice, a cancellation and completion are final words', () => {
    const voted = facts('general', { ...notice(), vote: { passed: true } });
    expect(on({ ...voted, cancellationNotice: true }, '2026-12-10')).toBe('cancellation_notice');
    expect(on({ ...voted, cancellationNotice: true, status: 'cancelled' }, '2026-12-10')).toBe('cancelled');
    expect(on({ ...voted, status: 'completed' }, '2026-12-10')).toBe('completed');
  });

  it('§7.2 a project without a published notice is 编辑中', () => {
    expect(on(facts('general'), '2026-12-02')).toBe('editing');
    expect(on(facts('general', notice({ published: false })), '2026-12-09')).toBe('editing');
    expect(on(facts('simple', { ...notice(), vote: { passed: true } }), '2026-12-09')).toBe('vote_passed');
  });

  it('R-43 a returned approval application shows 立项退回 only once the vote passed, or for an emergency project once its notice is out', () => {
    expect(on(facts('emergency', { ...notice(), approval: 'rejected' }), '2026-12-09')).toBe('approval_returned');
    expect(on(facts('emergency', { approval: 'rejected' }), '2026-12-09')).toBe('editing');
    expect(on(facts('general', { ...notice(), vote: { passed: false }, approval: 'rejected' }), '2026-12-09')).toBe('vote_failed');
    expect(on(facts('general', { ...notice(), approval: 'rejected' }), '2026-12-09')).toBe('awaiting_vote');
  });

  it('§7.2 an approved project is 拨付中 once money is asked for in any phase; a simple one at once', () => {
    const approved = (type: ProjectType, over: Partial<ProjectFacts> = {}) =>
      facts(type, { ...notice(), vote: { passed: true }, approval: 'approved', ...over });
    expect(on(approved('simple'), '2026-12-10')).toBe('disbursing');
    expect(
      on(
        approved('general', {
          phases: [
            { amount: 50_000n, applied: 0n },
            { amount: 50_000n, applied: 1n },
          ],
        }),
        '2026-12-10',
      ),
    ).toBe('disbursing');
    expect(on(approved('general', { transferred: 1n }), '2026-12-10')).toBe('disbursing');
  });
});
