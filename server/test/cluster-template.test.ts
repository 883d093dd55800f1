import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite, rowsOf } from '../src/db/client.ts';

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
});
