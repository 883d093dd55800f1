/**
 * Writes the cluster a new embedded data folder starts from (`CLUSTER_TEMPLATE`, copied by
 * openPglite): pglite's initdb and every migration, in a folder of its own. Run by the build, so a
 * newcomer's first start neither runs initdb nor applies the schema; a folder made from an older
 * template gets the migrations it lacks at start, as any folder does.
 *   node server/dist/cluster-template.js <folder>
 */
import { rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../db/migrate.ts';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: cluster-template <folder>');
rmSync(path, { recursive: true, force: true });
const client = await PGlite.create({ dataDir: path, extensions: { pg_trgm } });
try {
  await migrate(drizzle(client), { migrationsFolder });
  // Written out now, so a copy starts without replaying the migrations' log.
  await client.exec('checkpoint');
} finally {
  await client.close();
}
