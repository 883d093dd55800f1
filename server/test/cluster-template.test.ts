import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, rowsOf } from '../src/db/client.ts';
import { migrate, migrationState } from '../src/db/migrate.ts';
import { serverDir } from './processes.ts';

let dir: string;
let template: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wygl-cluster-'));
  template = join(dir, 'template');
  // What scripts/build.mjs runs, from the sources.
  execFileSync(process.execPath, ['--import', 'tsx', 'src/tools/cluster-template.ts', template], { cwd: serverDir, stdio: 'pipe' });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('§10 the embedded database’s first start', () => {
  it('§10 the build’s template holds every migration: a folder made from it is up to date before the start migrates', async () => {
    expect(existsSync(join(template, 'postmaster.pid'))).toBe(false);
    const opened = await openPglite(join(dir, 'fresh'), template);
    try {
      expect((await migrationState(opened.db)).upToDate).toBe(true);
      await migrate(opened);
      expect(await rowsOf<{ n: string }>(opened.db, sql`select count(*)::text as n from organisations`)).toEqual([{ n: '0' }]);
    } finally {
      await opened.close();
    }
  }, 60_000);

  it('§10 a folder that holds a database is opened as it is, its rows kept, and the template is left unchanged', async () => {
    const data = join(dir, 'kept');
    const first = await openPglite(data, template);
    await first.db.execute(sql`create table kept (x int)`);
    await first.db.execute(sql`insert into kept values (7)`);
    await first.close();

    const again = await openPglite(data, template);
    try {
      expect(await rowsOf<{ x: number }>(again.db, sql`select x from kept`)).toEqual([{ x: 7 }]);
    } finally {
      await again.close();
    }
    const other = await openPglite(join(dir, 'other'), template);
    try {
      expect(await rowsOf(other.db, sql`select 1 from pg_tables where tablename = 'kept'`)).toEqual([]);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('§10 a first start stopped in the middle of the copy is copied again at the next start', async () => {
    // A copy cut short: files without PG_VERSION, one of them cut to nothing.
    const data = join(dir, 'cut');
    cpSync(template, data, { recursive: true, filter: (from) => from !== join(template, 'PG_VERSION') });
    writeFileSync(join(data, 'global', 'pg_control'), '');
    const opened = await openPglite(data, template);
    try {
      expect((await migrationState(opened.db)).upToDate).toBe(true);
    } finally {
      await opened.close();
    }
  }, 60_000);
});
