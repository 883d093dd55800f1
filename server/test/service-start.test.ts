import { afterEach, describe, expect, it } from 'vitest';
import { JIANGMEN_2022 } from '../src/domain/deposit-standard.ts';
import { demoDatabase, emptyDatabase, freePort, killEverything, type ServerDb, startServer, waitReady } from './processes.ts';

afterEach(killEverything);

/** What the demo city leaves in a database; the template holds it loaded whole, as the global setup made it. */
const DEMO_TABLES = [
  'organisations',
  'users',
  'houses',
  'payment_notices',
  'bank_confirmations',
  'ledger_transactions',
  'repair_projects',
  'applications',
  'deposit_standards',
];

async function counts(db: ServerDb): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, string>>(
    `select ${DEMO_TABLES.map((t) => `(select count(*) from ${t})::text as ${t}`).join(', ')}`,
  );
  return Object.fromEntries(DEMO_TABLES.map((t) => [t, Number(row?.[t])]));
}

describe('§10 operations: starting the service', () => {
  it('§10 a start killed while loading the demo city leaves none of it: the next start loads it whole', async () => {
    const whole = await demoDatabase();
    const db = await emptyDatabase();
    try {
      const expected = await counts(whole);
      const first = startServer({ ...db.env, WYGL_DEMO: '1' }, await freePort());
      // Killed mid-load, as a power cut or a process manager's SIGKILL would: on PostgreSQL the moment
      // any of the demo city can be seen from outside (or it is loaded whole); pglite's folder cannot
      // be read while the server holds it, so there a few seconds into the load.
      while (!first.output().includes('loading the demo city')) {
        if (first.child.exitCode !== null) throw new Error(first.output());
        await new Promise((r) => setTimeout(r, 50));
      }
      if (db.kind === 'postgres') {
        while (Number((await db.query<{ n: string }>('select count(*)::text as n from organisations'))[0]?.n) === 0) {
          await new Promise((r) => setTimeout(r, 20));
        }
      } else {
        await new Promise((r) => setTimeout(r, 3_000));
      }
      first.child.kill('SIGKILL');
      await first.exited;
      const second = startServer({ ...db.env, WYGL_DEMO: '1' }, await freePort());
      await waitReady(second, 90_000);
      second.child.kill('SIGTERM');
      await second.exited;
      expect(await counts(db)).toEqual(expected);
    } finally {
      await whole.drop();
      await db.drop();
    }
  }, 180_000);

  it('§10 two instances started at once on an empty database: start-up work is done once (PostgreSQL: both start; pglite: the second is refused)', async () => {
    const whole = await demoDatabase();
    const db = await emptyDatabase();
    try {
      const expected = await counts(whole);
      const instances = [
        startServer({ ...db.env, WYGL_DEMO: '1' }, await freePort()),
        startServer({ ...db.env, WYGL_DEMO: '1' }, await freePort()),
      ];
      const ready = await Promise.allSettled(instances.map((i) => waitReady(i, 90_000)));
      for (const i of instances) i.child.kill('SIGTERM');
      const ended = await Promise.all(instances.map((i) => i.exited));
      const started = ready.filter((r) => r.status === 'fulfilled').length;
      if (db.kind === 'postgres') {
        expect(started, instances.map((i) => i.output()).join('\n')).toBe(2);
      } else {
        expect(started).toBe(1);
        expect(instances.map((i) => i.output()).join('\n')).toContain('正由进程');
      }
      // Stopped by SIGTERM, or refused: no instance crashed.
      for (const e of ended) expect(e.signal).toBeNull();
      const after = await counts(db);
      expect(after.deposit_standards).toBe(JIANGMEN_2022.length);
      expect(after).toEqual(expected);
    } finally {
      await whole.drop();
      await db.drop();
    }
  }, 180_000);
});
