import { count, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, loginAttempts } from '../../db/schema/index.ts';
import { DEMO } from '../../../test/fixtures.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  // One row in each table for the statements below to aim at.
  await t.login(DEMO.office.code, DEMO.office.admin);
});
afterAll(() => t.close());

/** The SQLSTATE and message PostgreSQL (either driver) answered with. */
async function refusal(statement: SQL): Promise<{ code?: string; message: string }> {
  try {
    await t.handle.db.execute(statement);
  } catch (err) {
    for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
      const o = e as { code?: string; message: string };
      if (o.code) return o;
    }
    return err as { message: string };
  }
  throw new Error(`not refused: ${statement.queryChunks.map(String).join('')}`);
}

const total = async (table: typeof auditLog | typeof loginAttempts) => (await t.handle.db.select({ n: count() }).from(table))[0]?.n;

describe('§10 the audit tables are append-only in the database itself', () => {
  for (const table of ['audit_log', 'login_attempts'] as const) {
    it(`§10 append-only: update, delete and truncate of ${table} raise`, async () => {
      const schema = table === 'audit_log' ? auditLog : loginAttempts;
      const before = await total(schema);
      expect(before).toBeGreaterThan(0);
      const name = sql.identifier(table);
      for (const [op, statement] of [
        ['UPDATE', sql`update ${name} set ip = '10.0.0.1'`],
        ['DELETE', sql`delete from ${name}`],
        ['TRUNCATE', sql`truncate ${name}`],
      ] as const) {
        const err = await refusal(statement);
        expect(err.code).toBe('42501');
        expect(err.message).toContain(`${table} is append-only: ${op} refused`);
      }
      expect(await total(schema)).toBe(before);
      const changed = await t.handle.db.execute(sql`select count(*)::int as n from ${name} where ip = '10.0.0.1'`);
      expect((changed as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    });
  }

  it('§10 append-only: the application still appends (a login attempt and a user change are recorded)', async () => {
    const [audits, attempts] = [await total(auditLog), await total(loginAttempts)];
    const admin = await t.login(DEMO.office.code, DEMO.office.admin);
    const created = await admin.post('/api/org/users', {
      username: 'xinren',
      name: '新人',
      mobile: '13800000011',
      roles: ['acceptor'],
      password: 'Secret#2026',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await total(loginAttempts)).toBe((attempts ?? 0) + 1);
    expect(await total(auditLog)).toBe((audits ?? 0) + 1);
  });
});
