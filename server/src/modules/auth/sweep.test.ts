import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiNonces, ownerAccounts, ownerSessions, rateCounters, sessions, users } from '../../db/schema/index.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';
import { sweepExpired } from './sweep.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

it('§10 sweep: deletes ended sessions, ended rate counters and stale bank signatures, and nothing still in use', async () => {
  const now = t.clock.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const [u] = await t.handle.db.select({ id: users.id }).from(users).limit(1);
  const userId = u?.id ?? 0;
  const session = (tokenHash: string, createdAt: Date, lastSeenAt: Date) => ({ tokenHash, userId, csrfToken: 'x', createdAt, lastSeenAt });
  await t.handle.db
    .insert(sessions)
    .values([
      session('sweep-idle', ago(40 * MINUTE), ago(30 * MINUTE)),
      session('sweep-old', ago(12 * 60 * MINUTE), ago(1 * MINUTE)),
      session('sweep-live', ago(11 * 60 * MINUTE), ago(29 * MINUTE)),
    ]);
  await t.handle.db.insert(rateCounters).values([
    { key: 'sweep:old', windowStart: ago(24 * 60 * MINUTE), count: 3 },
    { key: 'sweep:live', windowStart: ago(23 * 60 * MINUTE), count: 3 },
  ]);
  await t.handle.db.insert(apiNonces).values([
    { signature: 'sweep-old', keyId: 'k', at: ago(11 * MINUTE) },
    { signature: 'sweep-live', keyId: 'k', at: ago(9 * MINUTE) },
  ]);
  const a = await t.login('JMWXZJ', 'admin');
  expect(await sweepExpired(t.handle.db, now)).toEqual({ sessions: 2, rateCounters: 1, nonces: 1 });
  const left = await t.handle.db
    .select({ h: sessions.tokenHash })
    .from(sessions)
    .where(inArray(sessions.tokenHash, ['sweep-idle', 'sweep-old', 'sweep-live']));
  expect(left.map((r) => r.h)).toEqual(['sweep-live']);
  expect((await t.handle.db.select().from(rateCounters).where(eq(rateCounters.key, 'sweep:live'))).length).toBe(1);
  expect((await t.handle.db.select().from(rateCounters).where(eq(rateCounters.key, 'sweep:old'))).length).toBe(0);
  expect((await t.handle.db.select({ s: apiNonces.signature }).from(apiNonces)).map((r) => r.s)).toEqual(['sweep-live']);
  // The session just opened is untouched.
  expect((await a.get('/api/auth/session')).statusCode).toBe(200);
});

it('F-80 sweep: deletes owners’ sessions past the same idle and absolute limits, and keeps live ones', async () => {
  const now = t.clock.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const [owner] = await t.handle.db
    .insert(ownerAccounts)
    .values({ idNumber: 'SWEEP-OWNER', name: '清理', passwordHash: 'x' })
    .returning({ id: ownerAccounts.id });
  const ownerId = owner?.id ?? 0;
  await t.handle.db.insert(ownerSessions).values([
    { tokenHash: 'owner-idle', ownerId, csrfToken: 'x', createdAt: ago(40 * MINUTE), lastSeenAt: ago(30 * MINUTE) },
    { tokenHash: 'owner-old', ownerId, csrfToken: 'x', createdAt: ago(12 * 60 * MINUTE), lastSeenAt: ago(MINUTE) },
    { tokenHash: 'owner-live', ownerId, csrfToken: 'x', createdAt: ago(11 * 60 * MINUTE), lastSeenAt: ago(29 * MINUTE) },
  ]);
  expect((await sweepExpired(t.handle.db, now)).sessions).toBe(2);
  const left = await t.handle.db.select({ h: ownerSessions.tokenHash }).from(ownerSessions).where(eq(ownerSessions.ownerId, ownerId));
  expect(left.map((r) => r.h)).toEqual(['owner-live']);
});
