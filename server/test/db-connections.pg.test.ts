import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { preparedSelect, rowsOf, type Tx } from '../src/db/client.ts';
import { transaction } from '../src/db/retry.ts';
import { propertyAreas } from '../src/db/schema/index.ts';
import { testApp, type TestApp } from './harness.ts';

/**
 * How the server's PostgreSQL connections are set up and its statements prepared. The embedded
 * engine has no JIT compiler and ignores statement names, so this file runs in the PostgreSQL suite
 * only (`*.pg.test.ts`).
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

it("F-10 a list page built by the query builder is prepared under its text's name, the same statement for every area", async () => {
  const page = (db: Tx, areaId: number) => db.select({ id: propertyAreas.id }).from(propertyAreas).where(eq(propertyAreas.id, areaId));
  const kept = await transaction(t.handle.db, async (tx) => {
    await preparedSelect(page(tx, 1));
    await preparedSelect(page(tx, 2));
    return rowsOf<{ name: string; statement: string }>(
      tx,
      sql`select name, statement from pg_prepared_statements where statement like '%from "property_areas"%'`,
    );
  });
  expect(kept).toHaveLength(1);
  expect(kept[0]?.name).toMatch(/^w_[\w-]{24}$/);
});
