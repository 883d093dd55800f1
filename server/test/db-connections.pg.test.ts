import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { testApp, type TestApp } from './harness.ts';

/**
 * How the server's PostgreSQL connections are set up. The embedded engine has no JIT compiler, so
 * this file runs in the PostgreSQL suite only (`*.pg.test.ts`).
 */
let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it('F-10 a statement the planner prices high is never compiled to machine code first: a city search waited 150 ms for that', async () => {
  // PostgreSQL compiles a statement whose estimated cost passes jit_above_cost before running it. A
  // house search by owner name, priced at 1.1 million for lookups that took 4 ms, spent 152 ms
  // compiling (bench/README.md). Every connection of both pools is asked.
  const priced = sql`select count(*) from generate_series(1, 1000) a, generate_series(1, 1000) b, generate_series(1, 10) c`;
  for (const db of [t.handle.db, t.handle.autonomous]) {
    if (!db) throw new Error('the PostgreSQL handle has its side pool');
    const plans = await Promise.all(Array.from({ length: 3 }, () => rowsOf<{ 'QUERY PLAN': string }>(db, sql`explain ${priced}`)));
    for (const plan of plans) expect(plan.map((l) => l['QUERY PLAN']).join('\n')).not.toContain('JIT');
  }
});
