import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, users } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { DEMO_PASSWORD, testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function lockOut(orgCode: string, username: string) {
  for (let i = 0; i < 5; i++) await t.agent().post('/api/auth/login', { orgCode, username, password: 'wrong' });
  expect((await t.agent().post('/api/auth/login', { orgCode, username, password: DEMO_PASSWORD })).statusCode).toBe(401);
}

async function userOf(orgCode: string, username: string) {
  const [row] = await t.handle.db
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(organisations.code, orgCode), eq(users.username, username)));
  if (!row) throw new Error(`no user ${orgCode}/${username}`);
  return row;
}

const unlockAudit = (id: number) =>
  t.handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'user.unlock'), eq(auditLog.entityId, String(id))));

describe('§10 unlock', () => {
  it('§10 unlock: the organisation administrator sees 已锁定 until when, and unlocks its own user', async () => {
    const { code, director, clerk } = DEMO.committee;
    await lockOut(code, clerk);
    const me = await userOf(code, clerk);
    const admin = await t.login(code, director);
    const listed = (await admin.get('/api/org/users?pageSize=50')).json().items.find((u: { id: number }) => u.id === me.id);
    expect(listed).toMatchObject({ locked: true, lockedUntil: new Date(t.clock.now().getTime() + 15 * 60_000).toISOString() });
    const res = await admin.post(`/api/org/users/${me.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locked: false, lockedUntil: null });
    const [entry] = await unlockAudit(me.id);
    expect(entry?.before).toMatchObject({ failedLogins: 5 });
    expect(entry?.after).toEqual({ lockedUntil: null, failedLogins: 0 });
    await t.login(code, clerk);
  });

  it('§10 unlock: another organisation’s administrator cannot unlock the user', async () => {
    const { code, member } = DEMO.committee;
    await lockOut(code, member);
    const target = await userOf(code, member);
    const developer = await t.login(DEMO.developer.code, DEMO.developer.admin);
    expect((await developer.post(`/api/org/users/${target.id}/unlock`)).statusCode).toBe(404);
    expect((await developer.post(`/api/office/organisations/${target.orgId}/users/${target.id}/unlock`)).statusCode).toBe(403);
    expect((await developer.get(`/api/office/organisations/${target.orgId}/locked-users`)).statusCode).toBe(403);
    expect(await unlockAudit(target.id)).toHaveLength(0);
    expect((await t.agent().post('/api/auth/login', { orgCode: code, username: member, password: DEMO_PASSWORD })).statusCode).toBe(401);
  });

  it('§10 unlock: the office administrator unlocks any organisation’s user; other office roles only see who is locked', async () => {
    const { code, member } = DEMO.committee;
    const target = await userOf(code, member); // locked by the test before
    const acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
    const locked = await acceptor.get(`/api/office/organisations/${target.orgId}/locked-users`);
    expect(locked.json().items).toEqual([expect.objectContaining({ id: target.id, username: member })]);
    expect((await acceptor.post(`/api/office/organisations/${target.orgId}/users/${target.id}/unlock`)).statusCode).toBe(403);
    const office = await t.login(DEMO.office.code, DEMO.office.admin);
    const bank = await userOf(DEMO.bank.code, DEMO.bank.admin);
    // The user must belong to the organisation named in the address.
    expect((await office.post(`/api/office/organisations/${bank.orgId}/users/${target.id}/unlock`)).statusCode).toBe(404);
    expect((await office.post(`/api/office/organisations/${target.orgId}/users/${target.id}/unlock`)).json()).toEqual({ ok: true });
    expect((await office.get(`/api/office/organisations/${target.orgId}/locked-users`)).json().items).toEqual([]);
    const [entry] = await unlockAudit(target.id);
    expect(entry?.summary).toContain('业主委员会');
    expect(entry?.after).toEqual({ lockedUntil: null, failedLogins: 0 });
    await t.login(code, member);
  });
});
