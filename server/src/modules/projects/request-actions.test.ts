import { describe, expect, it } from 'vitest';
import { acceptProjectRequest } from '../../../test/acceptance-fixtures.ts';
import type { Agent } from '../../../test/harness.ts';
import { deadlineAfter, draftProject, projectWorld } from '../../../test/project-fixtures.ts';

/** F-60: a project's 立项 / 资金拨付 application offers the office the same review steps as a registry application, from one table. */
const w = projectWorld();

type State = { action: string; allowed: boolean; blockedBy: { message: string } | null };
const requestActions = async (who: Agent, projectId: number, requestId: number) => {
  const s = await who.get(`/api/projects/${projectId}/summary`);
  expect(s.statusCode, s.body).toBe(200);
  const r = s.json().requests.find((x: { id: number }) => x.id === requestId);
  return Object.fromEntries((r.actions as State[]).map((a) => [a.action, a]));
};
const allowed = (a: Record<string, State>) =>
  Object.values(a)
    .filter((x) => x.allowed)
    .map((x) => x.action);

describe('F-60 the review steps of a project application, decided by the server', () => {
  it('F-60 submitted, accepted, approved: acceptor and reviewer are offered what their roles and the status allow; the committee none', async () => {
    const { id } = await draftProject(w.t, w.member, w.area, 'emergency', '2栋', 50_000, [50_000]);
    const notice = await w.member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(w.t, 7), content: '' });
    expect(notice.statusCode, notice.body).toBe(200);
    await w.advanceDays(8);
    const submitted = await w.member.post(`/api/projects/${id}/approval`, { note: '' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const requestId = submitted.json().requests.find((r: { kind: string }) => r.kind === 'approval').id as number;

    expect(await requestActions(w.member, id, requestId)).toEqual({});
    expect(allowed(await requestActions(w.office.accept, id, requestId))).toEqual(['accept']);
    const reviewer = await requestActions(w.office.review, id, requestId);
    expect(allowed(reviewer)).toEqual(['reject']);
    expect(reviewer.approve?.blockedBy?.message).toContain('须先受理');
    const refused = await w.office.review.post(`/api/office/project-requests/${requestId}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(reviewer.approve?.blockedBy?.message);

    expect((await acceptProjectRequest(w.office.accept, requestId, '')).statusCode).toBe(200);
    expect(allowed(await requestActions(w.office.review, id, requestId))).toEqual(['reject', 'approve']);
    expect(allowed(await requestActions(w.office.accept, id, requestId))).toEqual([]);
    expect((await w.office.review.post(`/api/office/project-requests/${requestId}/approve`)).statusCode).toBe(200);
    expect(allowed(await requestActions(w.office.review, id, requestId))).toEqual([]);
  });
});
