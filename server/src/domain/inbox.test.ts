import { describe, expect, it } from 'vitest';
import { APPLICATION_TYPES } from './application-types.ts';
import { INBOX_KIND_LABELS, stageOf, stageTable } from './inbox.ts';

describe('F-60 业务总览 stages', () => {
  it('F-60 a registry application waits for 受理, then 审核, and ends approved, returned or withdrawn; a draft is not listed', () => {
    for (const type of APPLICATION_TYPES) {
      expect(stageOf('application', type, 'submitted')).toBe('to_accept');
      expect(stageOf('application', type, 'accepted')).toBe('to_review');
      expect(stageOf('application', type, 'approved')).toBe('done');
      expect(stageOf('application', type, 'rejected')).toBe('rejected');
      expect(stageOf('application', type, 'withdrawn')).toBe('withdrawn');
      expect(stageOf('application', type, 'draft')).toBeNull();
    }
  });

  it('F-60 an approved 立项申请 is done; an approved 资金拨付申请 and a submitted 清退通知单 wait for the bank', () => {
    expect(stageOf('project_request', 'approval', 'submitted')).toBe('to_accept');
    expect(stageOf('project_request', 'disbursement', 'accepted')).toBe('to_review');
    expect(stageOf('project_request', 'approval', 'approved')).toBe('done');
    expect(stageOf('project_request', 'disbursement', 'approved')).toBe('at_bank');
    expect(stageOf('project_request', 'disbursement', 'confirmed')).toBe('done');
    expect(stageOf('project_request', 'project_refund', 'submitted')).toBe('at_bank');
    expect(stageOf('project_request', 'project_refund', 'confirmed')).toBe('done');
    expect(stageOf('project_request', 'project_refund', 'rejected')).toBe('rejected');
    expect(stageOf('project_request', 'approval', 'confirmed')).toBeNull();
    expect(stageOf('project_request', 'project_refund', 'accepted')).toBeNull();
    expect(stageOf('refund', 'house_refund', 'pending')).toBe('at_bank');
    expect(stageOf('refund', 'house_refund', 'paid')).toBe('done');
    // The source matters, not the kind alone.
    expect(stageOf('application', 'approval', 'submitted')).toBeNull();
    expect(stageOf('refund', 'disbursement', 'pending')).toBeNull();
  });

  it('F-60 the filter table has one row per source, kind and status, each with a label', () => {
    const table = stageTable();
    expect(table).toHaveLength(APPLICATION_TYPES.length * 5 + 14);
    expect(new Set(table.map((r) => `${r.source}/${r.kind}/${r.status}`)).size).toBe(table.length);
    for (const r of table) {
      expect(stageOf(r.source, r.kind, r.status)).toBe(r.stage);
      expect(INBOX_KIND_LABELS[r.kind]).toBeTruthy();
    }
    expect(table).toContainEqual({ source: 'project_request', kind: 'disbursement', status: 'approved', stage: 'at_bank' });
  });
});
