import { randomBytes, scryptSync } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, loginAttempts, organisations, users } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { DEMO_PASSWORD, testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

describe('§10 login and sessions', () => {
  it('logs in with organisation code (any case), user name and password, and answers with a CSRF token', async () => {
    const a = t.agent();
    const res = await a.post('/api/auth/login', { orgCode: 'qchyywh', username: DEMO.committee.director, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().org.code).toBe('QCHYYWH');
    expect(res.json().csrfToken).toHaveLength(43);
    const cookie = res.cookies.find((c) => c.name === 'wygl_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url
    // §10: a browser-session cookie; the server ends idle and old sessions itself.
    expect(cookie?.maxAge).toBeUndefined();
    expect(cookie?.expires).toBeUndefined();
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('gives one message for an unknown user and a wrong password, and logs every attempt', async () => {
    const unknown = await t.agent().post('/api/auth/login', { orgCode: 'NOSUCH', username: 'x', password: 'y' });
    const wrong = await t.agent().post('/api/auth/login', { orgCode: DEMO.bank.code, username: DEMO.bank.admin, password: 'wrong' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().message).toContain('机构代码、用户名或密码错误');
    expect(wrong.json().message).toContain('机构代码、用户名或密码错误');
    const attempts = await t.handle.db.select().from(loginAttempts).where(eq(loginAttempts.orgCode, 'NOSUCH'));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.reason).toBe('unknown-user');
  });

  it('§10 lockout: 5 failed logins lock the user for 15 minutes, refusing even the right password alike, then let it in', async () => {
    const who = { orgCode: DEMO.office.code, username: DEMO.office.reviewer };
    const first = await t.agent().post('/api/auth/login', { ...who, password: 'bad-1' });
    expect(first.statusCode).toBe(401);
    for (let i = 2; i <= 5; i++) {
      const res = await t.agent().post('/api/auth/login', { ...who, password: `bad-${i}` });
      expect(res.json()).toEqual(first.json());
    }
    const right = await t.agent().post('/api/auth/login', { ...who, password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(first.json());
    t.clock.advance(14 * MINUTE);
    expect((await t.agent().post('/api/auth/login', { ...who, password: DEMO_PASSWORD })).statusCode).toBe(401);
    t.clock.advance(1 * MINUTE + 1000);
    expect((await t.agent().post('/api/auth/login', { ...who, password: DEMO_PASSWORD })).statusCode).toBe(200);
    const reasons = await t.handle.db
      .select({ reason: loginAttempts.reason })
      .from(loginAttempts)
      .where(eq(loginAttempts.username, DEMO.office.reviewer));
    expect(reasons.map((r) => r.reason).sort()).toEqual([
      'bad-password',
      'bad-password',
      'bad-password',
      'bad-password',
      'bad-password',
      'locked',
      'locked',
      'ok',
    ]);
  });

  it('§10 lockout: a right password starts the count afresh', async () => {
    const who = { orgCode: DEMO.developer.code, username: DEMO.developer.clerk };
    for (let i = 0; i < 4; i++) await t.agent().post('/api/auth/login', { ...who, password: 'wrong' });
    await t.login(who.orgCode, who.username);
    for (let i = 0; i < 4; i++) expect((await t.agent().post('/api/auth/login', { ...who, password: 'wrong' })).statusCode).toBe(401);
    await t.login(who.orgCode, who.username);
  });

  it('expires a session after 30 minutes idle, with a message that says so', async () => {
    const a = await t.login(DEMO.developer.code, DEMO.developer.clerk);
    t.clock.advance(29 * MINUTE);
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE); // active 29 minutes ago: still alive
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    const res = await a.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SESSION_ENDED', message: expect.stringContaining('登录已超时') });
    // The ended session's cookie was cleared with that answer: the next request is simply not logged in.
    expect((await a.get('/api/auth/session')).json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('expires a session 12 hours after login however busy it is', async () => {
    const a = await t.login(DEMO.developer.code, DEMO.developer.admin);
    for (let h = 0; h < 24; h++) {
      t.clock.advance(29 * MINUTE);
      await a.get('/api/auth/session');
    }
    t.clock.advance(29 * MINUTE);
    const res = await a.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('12 小时');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const a = await t.login(DEMO.committee.code, DEMO.committee.director);
    const res = await a.request('PUT', '/api/org', { name: 'x' }, { 'x-csrf-token': '' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    const forged = await a.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(forged.statusCode).toBe(403);
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('§10 logs in again over a live session without its CSRF token, and the replaced session ends', async () => {
    const a = await t.login(DEMO.bank.code, DEMO.bank.teller);
    const old = a.cookie;
    const again = await a.request(
      'POST',
      '/api/auth/login',
      { orgCode: DEMO.committee.code, username: DEMO.committee.director, password: DEMO_PASSWORD },
      { 'x-csrf-token': '' },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().user.username).toBe(DEMO.committee.director);
    const replay = t.agent();
    replay.cookie = old;
    expect((await replay.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('refuses a login posted from another site', async () => {
    const res = await t
      .agent()
      .post(
        '/api/auth/login',
        { orgCode: DEMO.bank.code, username: DEMO.bank.teller, password: DEMO_PASSWORD },
        { origin: 'https://evil.example' },
      );
    expect(res.statusCode).toBe(403);
  });

  it('logs out: the old cookie no longer works', async () => {
    const a = await t.login(DEMO.bank.code, DEMO.bank.teller);
    const cookie = a.cookie;
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    const replay = t.agent();
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('changes the password by the policy, ending the user’s other sessions', async () => {
    const here = await t.login(DEMO.committee.code, DEMO.committee.member);
    const elsewhere = await t.login(DEMO.committee.code, DEMO.committee.member);
    const weak = await here.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fieldErrors.newPassword).toContain('三类');
    const wrongOld = await here.post('/api/auth/password', { oldPassword: 'nope', newPassword: 'New#Pass2026' });
    expect(wrongOld.json().fieldErrors.oldPassword).toBe('原密码不正确');
    const same = await here.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.json().fieldErrors.newPassword).toBe('新密码不能与原密码相同');
    expect((await here.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: 'New#Pass2026' })).statusCode).toBe(200);
    expect((await here.get('/api/auth/session')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).statusCode).toBe(401);
    await t.login(DEMO.committee.code, DEMO.committee.member, 'New#Pass2026');
  });

  it('answers a malformed login with field errors in Chinese', async () => {
    const res = await t.agent().post('/api/auth/login', { orgCode: '', username: 'a' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.orgCode).toBe('机构代码不能为空');
    expect(res.json().fieldErrors.password).toBe('密码不能为空');
  });

  it('§10 a hash stored with older parameters still logs in, and that login re-hashes it to argon2id without an audit entry', async () => {
    // The format written before argon2id: scrypt$N$r$p$salt$key (N=1024 keeps the test quick).
    const salt = randomBytes(16);
    const key = scryptSync(DEMO_PASSWORD, salt, 32, { N: 1024, r: 8, p: 1 });
    const legacy = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    const [teller] = await t.handle.db
      .select({ id: users.id })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(and(eq(organisations.code, DEMO.bank.code), eq(users.username, DEMO.bank.teller)));
    if (!teller) throw new Error('demo teller missing');
    await t.handle.db.update(users).set({ passwordHash: legacy }).where(eq(users.id, teller.id));
    const storedHash = async () => (await t.handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, teller.id)))[0]?.h;
    const auditsBefore = (await t.handle.db.select({ id: auditLog.id }).from(auditLog)).length;

    const wrong = await t.agent().post('/api/auth/login', { orgCode: DEMO.bank.code, username: DEMO.bank.teller, password: 'wrong' });
    expect(wrong.statusCode).toBe(401);
    expect(await storedHash()).toBe(legacy);

    await t.login(DEMO.bank.code, DEMO.bank.teller);
    const upgraded = await storedHash();
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=\d+,p=1,t=2\$/);
    expect((await t.handle.db.select({ id: auditLog.id }).from(auditLog)).length).toBe(auditsBefore);
    // The new hash verifies; logging in again leaves it as it is.
    await t.login(DEMO.bank.code, DEMO.bank.teller);
    expect(await storedHash()).toBe(upgraded);
  });
});
