import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { ensureDefaultStandards } from '../src/modules/standards/store.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'postgres';
    /** pglite: path of a dumped data dir; postgres: name of the template database. */
    template: string;
    adminUrl: string;
  }
}

/**
 * Builds one migrated, demo-seeded database per run; every test file starts from a copy of it.
 * With DATABASE_URL set, the same suites run on that PostgreSQL server instead of pglite.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), 'wygl-tpl-'));
    const handle = await openPglite();
    await migrate(handle);
    await ensureDefaultStandards(handle.db);
    await seedDemo(handle);
    const dump = await handle.pglite?.dumpDataDir('none');
    if (!dump) throw new Error('pglite handle without its engine');
    const file = join(dir, 'template.tar');
    writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
    await handle.close();
    project.provide('dbKind', 'pglite');
    project.provide('template', file);
    project.provide('adminUrl', '');
    return async () => rm(dir, { recursive: true, force: true });
  }
  const template = `wygl_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const tplUrl = withDatabase(url, template);
  const handle = await openPostgres(tplUrl, 2);
  await migrate(handle, tplUrl);
  await ensureDefaultStandards(handle.db);
  await seedDemo(handle);
  await handle.close();
  project.provide('dbKind', 'postgres');
  project.provide('template', template);
  project.provide('adminUrl', url);
  return async () => {
    // Test files drop their own copies; the template goes last.
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
