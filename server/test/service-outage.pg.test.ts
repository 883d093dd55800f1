import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { testApp, type TestApp } from './harness.ts';

/**
 * PostgreSQL restarted or failed over under a running instance: its connections die. The embedded
 * engine lives in the process and has no connections to lose, so this file runs in the PostgreSQL
 * suite only (`*.pg.test.ts`).
 */
describe('§10 operations: the database drops its connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('§10 requests while the connections are cut answer 503 quickly, not 500 or never; then the instance answers again by itself', async () => {
    const agent = await t.login('JMWXZJ', 'admin');
    const [{ db } = { db: '' }] = await rowsOf<{ db: string }>(t.handle.db, sql`select current_database() as db`);
    const outcomes: { status: number; ms: number }[] = [];
    let stopping = false;
    const load = async () => {
      while (!stopping) {
        const started = Date.now();
        const res = await agent.get(outcomes.length % 2 ? '/api/health' : '/api/auth/session');
        outcomes.push({ status: res.statusCode, ms: Date.now() - started });
      }
    };
    const loaders = Array.from({ length: 8 }, load);
    const admin = new pg.Client({ connectionString: inject('adminUrl') });
    await admin.connect();
    try {
      for (let cut = 0; cut < 3; cut++) {
        await new Promise((r) => setTimeout(r, 300));
        await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [db]);
      }
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      stopping = true;
      await Promise.all(loaders);
      await admin.end();
    }
    const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(5_000);
    // Recovered without a restart: reads and a write answer again.
    expect((await agent.get('/api/health')).statusCode).toBe(200);
    expect((await agent.get('/api/auth/session')).statusCode).toBe(200);
    await t.login('JMWXZJ', 'shouli');
  });
});
