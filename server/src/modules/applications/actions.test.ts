import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptApplication } from '../../../test/acceptance-fixtures.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { collectionDraft, tower } from '../../../test/registry-fixtures.ts';

/**
 * §6 business applications: the server says which steps the caller may take next on an application,
 * and why each other step is blocked, so no page repeats the status rules.
 */
let t: TestApp;
let dev: Agent;
let acceptor: Agent;
let reviewer: Agent;
beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
  reviewer = await t.login(DEMO.office.code, DEMO.office.reviewer);
});
afterAll(() => t.close());

type State = { action: string; allowed: boolean; blockedBy: { message: string } | null };
const actionsOf = async (who: Agent, id: number) => {
  const res = await who.get(`/api/applications/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().actions as State[]).map((a) => [a.action, a]));
};
const allowed = (actions: Record<string, State>) =>
  Object.values(actions)
    .filter((a) => a.allowed)
    .map((a) => a.action)
    .sort();

describe('§6 the steps an application allows, decided by the server', () => {
  it('F-11 R-11 a draft: the developer edits, submits or withdraws it; it prints only once submitted', async () => {
    const id = await collectionDraft(dev, tower('动作1栋', 1, 2), '动作花园1');
    const a = await actionsOf(dev, id);
    expect(allowed(a)).toEqual(['edit', 'submit', 'withdraw']);
    expect(a.print?.blockedBy?.message).toContain('草稿');
    const list = (await dev.get('/api/applications?pageSize=50')).json();
    const row = list.items.find((r: { id: number }) => r.id === id);
    expect(allowed(Object.fromEntries((row.actions as State[]).map((s) => [s.action, s])))).toEqual(['edit', 'submit', 'withdraw']);
  });

  it('F-60 submitted: the acceptor may accept, the reviewer may only return it, and the blocked steps say why', async () => {
    const id = await collectionDraft(dev, tower('动作2栋', 1, 2), '动作花园2');
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    const d = await actionsOf(dev, id);
    expect(allowed(d)).toEqual(['print', 'withdraw']);
    expect(d.edit?.blockedBy?.message).toContain('已提交');
    expect(allowed(await actionsOf(acceptor, id))).toEqual(['accept', 'print']);
    const r = await actionsOf(reviewer, id);
    expect(allowed(r)).toEqual(['print', 'reject']);
    expect(r.approve?.blockedBy?.message).toContain('受理');
    expect(r.accept?.blockedBy?.message).toContain('无权');
  });

  it('F-60 accepted, then approved: the reviewer approves; afterwards nothing but printing is left', async () => {
    const id = await collectionDraft(dev, tower('动作3栋', 1, 2), '动作花园3');
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    expect((await acceptApplication(acceptor, id)).statusCode).toBe(200);
    expect(allowed(await actionsOf(reviewer, id))).toEqual(['approve', 'print', 'reject']);
    const d = await actionsOf(dev, id);
    expect(allowed(d)).toEqual(['print']);
    expect(d.withdraw?.blockedBy?.message).toContain('已受理');
    expect((await reviewer.post(`/api/applications/${id}/approve`)).statusCode).toBe(200);
    expect(allowed(await actionsOf(reviewer, id))).toEqual(['print']);
    expect(allowed(await actionsOf(dev, id))).toEqual(['print']);
  });

  it('§6 what the server refuses matches what it offers: a blocked step is refused with the same reason', async () => {
    const id = await collectionDraft(dev, tower('动作4栋', 1, 2), '动作花园4');
    expect((await dev.post(`/api/applications/${id}/submit`)).statusCode).toBe(200);
    const r = await actionsOf(reviewer, id);
    const refused = await reviewer.post(`/api/applications/${id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(r.approve?.blockedBy?.message);
  });
});
