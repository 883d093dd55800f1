import { and, asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { houseOwners, houses, ownerAccounts, ownerBindings } from '../src/db/schema/index.ts';
import { hashPassword } from '../src/lib/password.ts';
import { createOwnerSession } from '../src/modules/owners/sessions.ts';
import type { Agent, TestApp } from './harness.ts';
import { deadlineAfter, type demoArea, draftProject } from './project-fixtures.ts';

export interface BoundOwner {
  houseId: number;
  ownerId: number;
  idNumber: string;
  agent: Agent;
}

/**
 * Owners of `n` houses of a building, each the only house of its ID number, bound to their house as
 * the binding use case leaves them (account + live binding) and logged in through an owner session.
 * Written directly: binding and logging in fifty owners from one test address would meet the
 * per-address throttles, which owners.test.ts proves on their own.
 */
export async function boundOwners(t: TestApp, buildingId: number, n: number): Promise<BoundOwner[]> {
  const db = t.handle.db;
  const rows = await db
    .select({ houseId: houses.id, idNumber: houseOwners.idNumber, name: houseOwners.name })
    .from(houseOwners)
    .innerJoin(houses, eq(houses.id, houseOwners.houseId))
    .where(and(eq(houses.buildingId, buildingId), eq(houses.status, 'normal'), eq(houses.salesStatus, 'sold')))
    .orderBy(asc(houses.id), asc(houseOwners.id));
  const perId = new Map<string, number>();
  for (const r of rows) perId.set(r.idNumber.toUpperCase(), (perId.get(r.idNumber.toUpperCase()) ?? 0) + 1);
  const seen = new Set<number>();
  const picked = rows.filter((r) => {
    if (seen.has(r.houseId) || perId.get(r.idNumber.toUpperCase()) !== 1) return false;
    seen.add(r.houseId);
    return true;
  });
  expect(picked.length, 'enough houses with a single owner').toBeGreaterThanOrEqual(n);
  const passwordHash = await hashPassword('Owner#2026a');
  const now = t.clock.now();
  const out: BoundOwner[] = [];
  for (const r of picked.slice(0, n)) {
    const idNumber = r.idNumber.toUpperCase();
    const [account] = await db
      .insert(ownerAccounts)
      .values({ idNumber, name: r.name, passwordHash, createdAt: now })
      .onConflictDoUpdate({ target: ownerAccounts.idNumber, set: { name: sql`excluded.name` } })
      .returning({ id: ownerAccounts.id });
    const ownerId = account?.id as number;
    await db
      .insert(ownerBindings)
      .values({ ownerId, houseId: r.houseId, boundAt: now })
      .onConflictDoNothing({ target: [ownerBindings.ownerId, ownerBindings.houseId], where: sql`ended_at is null` });
    const session = await db.transaction((tx) => createOwnerSession(tx, ownerId, now, '127.0.0.1'));
    const agent = t.agent();
    agent.cookie = `wygl_sid=${session.token}`;
    agent.csrf = session.csrfToken;
    out.push({ houseId: r.houseId, ownerId, idNumber, agent });
  }
  return out;
}

/** A general project on a building's roof with its initiation notice published: ready for the vote. */
export async function noticedProject(t: TestApp, member: Agent, area: Awaited<ReturnType<typeof demoArea>>, buildingName: string) {
  const p = await draftProject(t, member, area, 'general', buildingName, 100_000, [100_000]);
  const res = await member.post(`/api/projects/${p.id}/notices`, { kind: 'initiation', deadline: deadlineAfter(t, 7), content: '' });
  expect(res.statusCode, res.body).toBe(200);
  return p;
}

export const hoursFrom = (t: TestApp, hours: number) => new Date(t.clock.now().getTime() + hours * 3600_000).toISOString();

/** A new session for an owner (the tests move the clock past the sessions' idle limit). */
export async function freshSession(t: TestApp, o: BoundOwner) {
  const session = await t.handle.db.transaction((tx) => createOwnerSession(tx, o.ownerId, t.clock.now(), '127.0.0.1'));
  o.agent.cookie = `wygl_sid=${session.token}`;
  o.agent.csrf = session.csrfToken;
  return o.agent;
}
