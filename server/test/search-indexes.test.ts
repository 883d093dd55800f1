import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { TRIGRAM_PENDING_KB } from '../src/db/schema/columns.ts';
import { testApp, type TestApp } from './harness.ts';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it("F-10 every search index (trigrams, or a short text's characters or pairs) keeps a short list of new entries, so a search just after a batch of rows reads none of it row by row", async () => {
  // A GIN index collects new rows in a pending list, read in full by every search until a vacuum or
  // the list's limit (4 MB by default) folds it in: after a batch of 10,000 notices a payer search
  // read 223 pending pages, 9.3 ms instead of 0.6 ms (bench/README.md).
  const indexes = await rowsOf<{ name: string; options: string[] | null }>(
    t.handle.db,
    sql`select c.relname as name, c.reloptions as options
          from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
          join pg_opclass oc on oc.oid = i.indclass[0]
         where am.amname = 'gin' and (oc.opcname = 'gin_trgm_ops' or c.relname like '%\_chars' or c.relname like '%\_pairs') order by c.relname`,
  );
  expect(indexes.map((i) => i.name)).toEqual([
    'applications_no_chars',
    'applications_no_trgm',
    'audit_log_search_chars',
    'audit_log_search_pairs',
    'audit_log_search_trgm',
    'houses_address_chars',
    'houses_address_trgm',
    'payment_notices_no_chars',
    'payment_notices_no_trgm',
    'payment_notices_payer_chars',
    'payment_notices_payer_trgm',
    'project_requests_no_chars',
    'project_requests_no_trgm',
    'refunds_no_chars',
    'refunds_no_trgm',
    'repair_projects_name_chars',
    'repair_projects_name_trgm',
    'repair_projects_no_chars',
    'repair_projects_no_trgm',
  ]);
  for (const i of indexes) expect(i.options, i.name).toContain(`gin_pending_list_limit=${TRIGRAM_PENDING_KB}`);
});

it("F-10 the indexes a house search reads carry what it filters on, so the area's houses and owners are read from them alone", async () => {
  // A search by owner name reads every house of the area (room, address, building, unit, floor) and
  // the owners of its blocks of ids; read through the table, each row cost a visit to its page too.
  const defs = await rowsOf<{ name: string; def: string }>(
    t.handle.db,
    sql`select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index
         where indexrelid::regclass::text in ('houses_area_id_idx', 'house_owners_house_idx') order by 1`,
  );
  expect(defs.map((d) => d.def.replace(/^.* USING /, ''))).toEqual([
    'btree (house_id) INCLUDE (name)',
    'btree (area_id, id) INCLUDE (unit_id, building_id, floor, room, address, status)',
  ]);
});
