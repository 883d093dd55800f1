import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite, rowsOf } from '../src/db/client.ts';
import { migrate, migrationState } from '../src/db/migrate.ts';
import { serverDir } from './processes.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('§10 the embedded database’s first start', () => {
  it('§10 a new data folder starts from a copy of the empty cluster; a folder that holds a database is opened as it is, its rows kept', async () => {
    // The cluster as the build dumps it (scripts/build.mjs): a fresh pglite's data folder.
    const made = await openPglite();
    const template = await made.pglite?.dumpDataDir('gzip');
    await made.close();
    if (!template) throw new Error('no pglite');
    const dir = mkdtempSync(join(tmpdir(), 'wygl-cluster-'));
    dirs.push(dir);
    const data = join(dir, 'data');

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
  }, 60_000);

  it('§10 the build’s template holds every migration: a folder made from it is up to date before the start migrates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wygl-cluster-'));
    dirs.push(dir);
    const tarball = join(dir, 'cluster.tgz');
    // What scripts/build.mjs runs, from the sources.
    execFileSync(process.execPath, ['--import', 'tsx', 'src/tools/cluster-template.ts', tarball], { cwd: serverDir, stdio: 'pipe' });
    const opened = await openPglite(join(dir, 'data'), new Blob([new Uint8Array(readFileSync(tarball))]));
    try {
      expect((await migrationState(opened.db)).upToDate).toBe(true);
      await migrate(opened);
      expect(await rowsOf<{ n: string }>(opened.db, sql`select count(*)::text as n from organisations`)).toEqual([{ n: '0' }]);
    } finally {
      await opened.close();
    }
  }, 120_000);
});
