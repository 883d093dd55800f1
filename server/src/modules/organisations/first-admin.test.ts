import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../../app.ts';
import { openPglite, openPostgres, type DbHandle } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { auditLog, organisations } from '../../db/schema/index.ts';
import { ManualClock } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { VALID_PASSWORD } from '../../../test/fixtures.ts';
import { withDatabase } from '../../../test/global-setup.ts';
import { Agent } from '../../../test/harness.ts';
import { ensureDefaultStandards } from '../standards/store.ts';
import { createFirstAdmin, type FirstAdminInput } from './first-admin.ts';

/** A migrated platform with nothing in it, as a production server starts: not the demo template. */
async function openEmptyDb(): Promise<DbHandle> {
  if (inject('dbKind') === 'pglite') {
    const handle = await openPglite();
    await migrate(handle);
    return handle;
  }
  const adminUrl = inject('adminUrl');
  const name = `wygl_e_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const handle = await openPostgres(url, 4);
  await migrate(handle, url);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

let handle: DbHandle;
const clock = new ManualClock(new Date('2026-11-22T02:00:00Z'));
const ctx = (): Ctx => ({ db: handle.db, dbKind: handle.kind, clock, actor: null, ip: 'create-admin' });
const input: FirstAdminInput = {
  orgCode: 'jmwxzj',
  orgName: '江门市住宅专项维修资金管理中心',
  username: 'chen',
  name: '陈志明',
  mobile: '',
  password: VALID_PASSWORD,
};

beforeAll(async () => {
  handle = await openEmptyDb();
  await ensureDefaultStandards(handle.db);
});
afterAll(async () => {
  await handle.close();
});

describe('§10 first administrator', () => {
  it('§10 first admin: a weak password is refused and nothing is created', async () => {
    await expect(createFirstAdmin(ctx(), { ...input, password: 'password1' })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { password: expect.stringContaining('至少 8 位') },
    });
    await expect(createFirstAdmin(ctx(), { ...input, orgCode: '' })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { orgCode: expect.any(String) },
    });
    expect(await handle.db.select().from(organisations)).toEqual([]);
  });

  it('§10 first admin: an empty platform gets its office and first administrator, who can log in; the instance does not call itself a demo', async () => {
    const made = await createFirstAdmin(ctx(), input);
    expect(made).toMatchObject({ orgCode: 'JMWXZJ', username: 'chen', orgCreated: true });
    const orgs = await handle.db.select().from(organisations);
    expect(orgs.map((o) => [o.type, o.code])).toEqual([['office', 'JMWXZJ']]);
    const logged = await handle.db.select().from(auditLog).where(eq(auditLog.orgId, made.orgId));
    expect(logged.map((e) => e.action).sort()).toEqual(['org.create', 'user.create']);
    expect(JSON.stringify(logged)).not.toContain(VALID_PASSWORD);

    const app = await buildApp({ db: handle, clock });
    try {
      const agent = new Agent(app);
      const health = await agent.get('/api/health');
      expect(health.json()).toMatchObject({ demo: false });
      const login = await agent.post('/api/auth/login', { orgCode: 'JMWXZJ', username: 'chen', password: VALID_PASSWORD });
      expect(login.statusCode).toBe(200);
      expect((await agent.get('/api/office/bank-keys')).json()).toMatchObject({ banks: [], items: [], custodianBankId: null });
    } finally {
      await app.close();
    }
  });

  it('§10 first admin: refused once the platform has an office administrator', async () => {
    await expect(createFirstAdmin(ctx(), { ...input, username: 'second' })).rejects.toMatchObject({ status: 409, code: 'ADMIN_EXISTS' });
    await expect(createFirstAdmin(ctx(), { ...input, orgCode: 'OTHER', username: 'second' })).rejects.toMatchObject({ status: 409 });
    expect(await handle.db.select().from(organisations)).toHaveLength(1);
  });
});
