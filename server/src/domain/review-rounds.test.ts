import { describe, expect, it } from 'vitest';
import { reviewRounds } from './review-rounds.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 2, minute));

describe('review rounds', () => {
  it('F-60 gives each submission its own 受理 and 审核', () => {
    expect(
      reviewRounds([
        { action: 'create', at: at(0) },
        { action: 'submit', at: at(1) },
        { action: 'accept', at: at(2) },
        { action: 'reject', at: at(3) },
        { action: 'resubmit', at: at(4) },
        { action: 'accept', at: at(5) },
        { action: 'approve', at: at(6) },
      ]),
    ).toEqual([
      { submittedAt: at(1), acceptedAt: at(2), reviewedAt: at(3), result: 'rejected' },
      { submittedAt: at(4), acceptedAt: at(5), reviewedAt: at(6), result: 'approved' },
    ]);
  });
  it('F-60 a draft has no round; a round just submitted has no 受理 yet', () => {
    expect(reviewRounds([{ action: 'create', at: at(0) }])).toEqual([]);
    expect(reviewRounds([{ action: 'submit', at: at(1) }])).toEqual([
      { submittedAt: at(1), acceptedAt: null, reviewedAt: null, result: null },
    ]);
  });

  it('F-60 only 审核通过 and 退回 close a round; other actions and actions before any submission change nothing', () => {
    expect(
      reviewRounds([
        { action: 'approve', at: at(0) },
        { action: 'accept', at: at(0) },
        { action: 'submit', at: at(1) },
        { action: 'withdraw', at: at(2) },
        { action: 'print', at: at(3) },
      ]),
    ).toEqual([{ submittedAt: at(1), acceptedAt: null, reviewedAt: null, result: null }]);
  });
});
