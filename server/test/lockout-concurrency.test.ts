import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAttempts, rateCounters, users } from '../src/db/schema/index.ts';
import { THROTTLES } from '../src/modules/auth/throttle.ts';
import { committeeRegistration, DEMO, registrationForm } from './fixtures.ts';
import { DEMO_PASSWORD, testApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

async function reasonsOf(username: string, orgCode: string) {
  const rows = await t.handle.db
    .select({ reason: loginAttempts.reason })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.orgCode, orgCode)));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  return counts;
}

const attempt = (orgCode: string, username: string, password: string) => t.agent().post('/api/auth/login', { orgCode, username, password });

it('§10 lockout: 30 parallel wrong passwords make at most 5 password checks, then the right password is refused', async () => {
  const { code, teller } = DEMO.bank;
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(code, teller, `wrong-${i}`)));
  expect(new Set(results.map((r) => r.statusCode))).toEqual(new Set([401]));
  expect(new Set(results.map((r) => r.body)).size).toBe(1);
  // Each check leaves a bad-password row; the others were refused without looking at the password.
  expect(await reasonsOf(teller, code)).toEqual({ 'bad-password': 5, locked: 25 });
  const right = await attempt(code, teller, DEMO_PASSWORD);
  expect(right.statusCode).toBe(401);
  expect(right.body).toBe(results[0]?.body);
  expect(await reasonsOf(teller, code)).toEqual({ 'bad-password': 5, locked: 26 });
});

it('§10 lockout: in a parallel batch of wrong passwords and a right one, at most five are checked, and a right one that comes after the limit neither logs in nor clears the lock', async () => {
  const { code, clerk } = DEMO.developer;
  const batch = [...Array.from({ length: 30 }, (_, i) => attempt(code, clerk, `wrong-${i}`)), attempt(code, clerk, DEMO_PASSWORD)];
  const results = await Promise.all(batch);
  const reasons = await reasonsOf(clerk, code);
  // Whatever the order, exactly five passwords were checked and every other attempt was refused unchecked.
  expect((reasons['bad-password'] ?? 0) + (reasons.ok ?? 0)).toBe(5);
  expect(reasons.locked).toBe(26);
  // On PostgreSQL the requests really run side by side, so the right one may be among the five
  // checked (it then logs in, as it should); only a right password checked within the limit does.
  const rightChecked = reasons.ok === 1;
  expect(results.at(-1)?.statusCode).toBe(rightChecked ? 200 : 401);
  const [u] = await t.handle.db
    .select({ lockedUntil: users.lockedUntil })
    .from(users)
    .where(and(eq(users.username, clerk), sql`${users.orgId} = (select id from organisations where code = ${code})`));
  if (!rightChecked) {
    expect((await attempt(code, clerk, DEMO_PASSWORD)).statusCode).toBe(401);
    expect(u?.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + 15 * MINUTE);
  }
});

it('§10 lockout: an unknown account, a wrong password and a locked account get the identical answer', async () => {
  const { code, director } = DEMO.committee;
  const unknown = await attempt(code, 'nobody-here', 'whatever');
  const unknownOrg = await attempt('NOSUCHORG', director, 'whatever');
  const wrong = await attempt(code, director, 'wrong');
  for (let i = 0; i < 4; i++) await attempt(code, director, 'wrong');
  const locked = await attempt(code, director, DEMO_PASSWORD);
  for (const r of [unknownOrg, wrong, locked]) {
    expect(r.statusCode).toBe(unknown.statusCode);
    expect(r.json()).toEqual(unknown.json());
  }
  expect(unknown.statusCode).toBe(401);
  expect(unknown.json()).toMatchObject({ code: 'BAD_CREDENTIALS', message: expect.stringContaining('机构代码、用户名或密码错误') });
  expect(await reasonsOf(director, code)).toEqual({ 'bad-password': 5, locked: 1 });
});

it('§10 lockout: wrong old passwords in 修改密码 count toward the same lock', async () => {
  const { code, member } = DEMO.committee;
  const a = await t.login(code, member);
  for (let i = 1; i <= 4; i++) {
    const res = await a.post('/api/auth/password', { oldPassword: `nope-${i}`, newPassword: 'New#Pass2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.oldPassword).toBe('原密码不正确');
  }
  // The fifth check, a login this time, uses up the account's checks.
  expect((await attempt(code, member, 'wrong')).statusCode).toBe(401);
  expect((await attempt(code, member, DEMO_PASSWORD)).statusCode).toBe(401);
  const refused = await a.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: 'New#Pass2026' });
  expect(refused.statusCode).toBe(423);
  expect(refused.json()).toMatchObject({ code: 'LOCKED', message: expect.stringContaining('账户已锁定') });
  expect(await reasonsOf(member, code)).toEqual({ ok: 1, 'bad-old-password': 4, 'bad-password': 1, locked: 1 });
  t.clock.advance(15 * MINUTE);
  expect((await a.post('/api/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: 'New#Pass2026' })).statusCode).toBe(200);
  await t.login(code, member, 'New#Pass2026');
});

it('§10 throttle: one address gets 429 with Retry-After after its login limit, counted in the database', async () => {
  const key = 'login:ip:127.0.0.1';
  const now = t.clock.now();
  const { limit } = THROTTLES.login;
  await t.handle.db
    .insert(rateCounters)
    .values({ key, windowStart: now, count: limit - 2 })
    .onConflictDoUpdate({ target: rateCounters.key, set: { windowStart: now, count: limit - 2 } });
  await t.login(DEMO.office.code, DEMO.office.admin);
  expect((await attempt(DEMO.office.code, DEMO.office.admin, 'wrong')).statusCode).toBe(401);
  const refused = await t
    .agent()
    .post('/api/auth/login', { orgCode: DEMO.office.code, username: DEMO.office.admin, password: DEMO_PASSWORD });
  expect(refused.statusCode).toBe(429);
  expect(refused.json()).toEqual({ code: 'RATE_LIMITED', message: '登录尝试过于频繁，请 15 分钟后再试' });
  expect(refused.headers['retry-after']).toBe('900');
  t.clock.advance(10 * MINUTE);
  expect((await attempt(DEMO.office.code, DEMO.office.admin, DEMO_PASSWORD)).headers['retry-after']).toBe('300');
  t.clock.advance(5 * MINUTE);
  await t.login(DEMO.office.code, DEMO.office.admin);
});

it('§10 throttle: registrations from one address are limited per hour', async () => {
  const key = 'registration:ip:127.0.0.1';
  const now = t.clock.now();
  await t.handle.db.insert(rateCounters).values({ key, windowStart: now, count: THROTTLES.registration.limit - 1 });
  const form = () => registrationForm(committeeRegistration(1, { agreementAccepted: false }), {});
  // Still under the limit: the form itself is judged (and refused for its missing consent).
  expect((await t.agent().postForm('/api/registration', form())).statusCode).toBe(400);
  const refused = await t.agent().postForm('/api/registration', form());
  expect(refused.statusCode).toBe(429);
  expect(refused.json().message).toBe('注册提交过于频繁，请 60 分钟后再试');
  expect(refused.headers['retry-after']).toBe('3600');
});
