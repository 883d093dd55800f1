/**
 * Writes the cluster a new embedded data folder starts from (`CLUSTER_TEMPLATE`, read by openPglite):
 * pglite's initdb and every migration, dumped as a tarball. Run by the build, so a newcomer's first
 * start neither runs initdb nor applies the schema; a folder made from an older template gets the
 * migrations it lacks at start, as any folder does.
 *   node server/dist/cluster-template.js <tarball>
 */
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../db/migrate.ts';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: cluster-template <tarball>');
const client = await PGlite.create({ extensions: { pg_trgm } });
try {
  await migrate(drizzle(client), { migrationsFolder });
  const tarball = await client.dumpDataDir('gzip');
  writeFileSync(path, new Uint8Array(await tarball.arrayBuffer()));
} finally {
  await client.close();
}
