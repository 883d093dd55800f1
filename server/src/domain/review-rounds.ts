/**
 * F-60: an application sent back (退回) and submitted again goes through 受理 and 审核 once more. Each
 * submission opens a round; the 受理 and the 审核 that follow it belong to that round, so every round
 * keeps its own times rather than the last round's overwriting the first's.
 */
export interface ReviewRound {
  submittedAt: Date;
  acceptedAt: Date | null;
  reviewedAt: Date | null;
  result: 'approved' | 'rejected' | null;
}

export function reviewRounds(events: readonly { action: string; at: Date }[]): ReviewRound[] {
  const rounds: ReviewRound[] = [];
  for (const e of events) {
    const current = rounds.at(-1);
    if (e.action === 'submit' || e.action === 'resubmit')
      rounds.push({ submittedAt: e.at, acceptedAt: null, reviewedAt: null, result: null });
    else if (current && e.action === 'accept') current.acceptedAt = e.at;
    else if (current && (e.action === 'approve' || e.action === 'reject')) {
      current.reviewedAt = e.at;
      current.result = e.action === 'approve' ? 'approved' : 'rejected';
    }
  }
  return rounds;
}
