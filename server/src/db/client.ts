import { createHash } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** One type for both drivers: services never know which one they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbKind = 'pglite' | 'postgres';
/** Either the database or a transaction: for reads that work inside or outside a use case. */
export type Conn = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
  /** The embedded engine, when that is what runs (tests copy its data dir as a template). */
  pglite?: PGlite;
  /**
   * PostgreSQL only: a small pool of its own for single autocommit statements that must neither
   * wait for nor hold a use case's transaction (allocating a batch's notice numbers). Its own pool,
   * so a use case holding a connection of the main pool never waits for a second one from it.
   */
  autonomous?: Db;
  /** PostgreSQL's connection pool (its usage is reported in the metrics). */
  pool?: pg.Pool;
}

// pg returns int8 and numeric as strings by default; ids and money are bigint columns we map ourselves.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => BigInt(v));

/**
 * A database cluster as pglite's initdb leaves it with every migration applied, made by the build
 * beside the server bundle (`tools/cluster-template.ts`, run by scripts/build.mjs with the installed
 * pglite whenever the sources or the lock file change). A new data folder starts as a copy of it
 * instead of running initdb and the migrations, which took most of a first start's time and memory.
 * It is a plain folder copied by the file system: unpacking a tarball through pglite took a second
 * more. Absent when running from the sources: pglite runs initdb itself and the start migrates.
 */
export const CLUSTER_TEMPLATE = fileURLToPath(new URL('./pglite-cluster', import.meta.url));

/**
 * Copies a template cluster into a new data folder. PG_VERSION, which marks a folder as holding a
 * database, is copied last: a copy cut short by a crash is copied again at the next start.
 */
export function copyCluster(template: string, dataDir: string) {
  const left = new Set([join(template, 'PG_VERSION'), join(template, 'postmaster.pid')]);
  cpSync(template, dataDir, { recursive: true, filter: (from) => !left.has(from) });
  cpSync(join(template, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
}

/**
 * A folder is opened by one process at a time (see data-dir-lock.ts); in memory when none is given.
 * `template`: what a new database starts from, a cluster folder or (in memory) a dumped tarball.
 */
export async function openPglite(dataDir?: string, template: string | Blob | undefined = CLUSTER_TEMPLATE): Promise<DbHandle> {
  const lock = dataDir ? lockDataDir(dataDir) : null;
  let client: PGlite;
  try {
    // A folder that already holds a database is opened as it is; only a new one starts from a copy.
    const fresh = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
    let loadDataDir: Blob | undefined;
    if (fresh && template instanceof Blob) loadDataDir = template;
    else if (fresh && dataDir && typeof template === 'string' && existsSync(template)) copyCluster(template, dataDir);
    // pg_trgm: the trigram indexes behind searches for part of a name (the migrations create the extension).
    client = await PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm } });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const close = async () => {
    try {
      await client.close();
    } finally {
      lock?.release();
    }
  };
  return { db, kind: 'pglite', close, pglite: client };
}

/**
 * Every connection runs without JIT compilation. PostgreSQL compiles a statement whose estimated cost
 * passes `jit_above_cost` to machine code before running it, which pays off for analytics scanning
 * millions of rows; this server's statements read a page or a batch through indexes, and a search
 * whose subqueries the planner priced at 1.1 million spent 152 ms compiling to run 4 ms
 * (bench/README.md). A setting of the connection, so a database's own configuration need not change.
 */
const CONNECTION_OPTIONS = '-c jit=off';

export async function openPostgres(url: string, max = 10): Promise<DbHandle> {
  // A request waits at most 10 s for a connection (the database down, or every connection busy
  // under a burst): then it answers 503 instead of hanging until the proxy gives up.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, options: CONNECTION_OPTIONS });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on next use.
  pool.on('error', (err) => console.warn(`postgres: idle connection closed (${(err as { code?: string }).code ?? err.message})`));
  // Fail fast on a wrong URL instead of at the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const side = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000, options: CONNECTION_OPTIONS });
  side.on('error', (err) => console.warn(`postgres: idle connection closed (${(err as { code?: string }).code ?? err.message})`));
  const autonomous = drizzlePg(side, { schema }) as unknown as Db;
  return { db, kind: 'postgres', autonomous, close: async () => void (await Promise.all([pool.end(), side.end()])), pool };
}

/**
 * Raw SQL for what the query builder cannot say (set-based checks and updates). Both drivers answer
 * with `{ rows }`; select columns as ::text and convert, since int8 comes back differently per driver.
 */
export async function rowsOf<T>(db: Conn, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** What `preparedRowsOf` reaches inside drizzle: both drivers' sessions take a statement name. */
interface Prepares {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      arrayMode: false,
    ): { execute(values?: Record<string, unknown>): Promise<unknown> };
  };
}

/** The most rows a statement given to `preparedRowsOf` should carry; see there. */
export const PREPARED_ROWS = 64;

/**
 * `rowsOf` for a statement a use case sends many times a second (a single deposit's): on
 * PostgreSQL it is prepared once per connection, named after its text, so each later execution
 * skips parsing and, once PostgreSQL settles on a generic plan (after five runs whose plans cost
 * no less), planning. Measured on one deposit confirmation, parsing and planning its statements
 * took about 7 of the 11 ms PostgreSQL spent on it (bench/README.md). A generic plan is made
 * without the parameters' values, so a caller uses this only for small inputs (at most
 * `PREPARED_ROWS` rows in its parameters) and `rowsOf` for large ones, which keep a plan made for
 * their size. pglite ignores the name: there it is `rowsOf`.
 */
export async function preparedRowsOf<T>(db: Conn, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as Prepares;
  const built = dialect.sqlToQuery(query);
  const result = (await session.prepareQuery(built, undefined, statementName(built.sql), false).execute()) as { rows: T[] };
  return result.rows;
}

/**
 * A list of integers as one `bigint[]` parameter (PostgreSQL's array literal): a statement holds at
 * most 65,535 parameters, and one per value would fail for a city's accounts.
 */
export function bigintArray(values: readonly (number | bigint)[]) {
  for (const v of values) if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error(`${v} is not an integer`);
  return sql`${`{${values.join(',')}}`}::bigint[]`;
}

/** Small integers (positions, counts) as one `int[]` parameter. */
export function intArray(values: readonly number[]) {
  return sql`${`{${values.join(',')}}`}::int[]`;
}

/**
 * An array parameter (`bigintArray`, `intArray`) the planner does not look into, for a prepared
 * statement of a few rows: a plan made for the values it can see is dearer to make than to run
 * (0.5 ms each for a deposit's posting), and PostgreSQL keeps making one while it prices a little
 * cheaper than the plan for any values. Hidden, the one generic plan is kept. Not for a statement
 * of thousands of rows, which needs a plan made for its size.
 */
export function outOfSight(array: SQL, type: 'bigint[]' | 'int[]') {
  return sql`(select ${array})::${sql.raw(type)}`;
}

/**
 * How a statement carrying `rows` rows in its parameters is sent: at most `PREPARED_ROWS` (a single
 * deposit's, a short day file's), prepared (`run` is `preparedRowsOf`) with its arrays out of the
 * planner's sight (`array`), so PostgreSQL keeps one generic plan; more, unnamed with its arrays in
 * sight, planned for their size.
 */
export function sentAs(rows: number) {
  const small = rows <= PREPARED_ROWS;
  return {
    run: small ? preparedRowsOf : rowsOf,
    array: (array: SQL, type: 'bigint[]' | 'int[]') => (small ? outOfSight(array, type) : array),
  };
}

/** `builtOnce` for a statement written in SQL: its rows. */
export async function builtOnceRows<T>(db: Conn, shape: BuiltShape, build: () => SQL, values: Record<string, unknown>): Promise<T[]> {
  const { dialect, session } = db as unknown as Prepares;
  const result = (await builtOnce(
    db,
    shape,
    () => ({ prepare: (name: string) => session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false) }),
    values,
  )) as {
    rows: T[];
  };
  return result.rows;
}

/** A prepared statement's name: its text's, so one text is one statement on each connection. */
const statementName = (text: string) => `w_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;

/** A query builder's select (or anything that prepares under a name). */
export interface PreparableSelect<T> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<T> };
}

/** Where node-postgres's prepared query keeps the name it sends (pglite's has neither: it ignores names). */
interface NamedConfigs {
  rawQueryConfig?: { name?: string; text: string };
  queryConfig?: { name?: string; text: string };
}

/**
 * The builder's statement, built, under the name of its text: prepared on PostgreSQL, like
 * `preparedRowsOf`'s, with the same caution (only a statement whose text does not grow with its
 * input). Named when built: asking the builder for the text first built it twice.
 */
function named<T>(query: PreparableSelect<T>): ReturnType<PreparableSelect<T>['prepare']> {
  const prepared = query.prepare('') as ReturnType<PreparableSelect<T>['prepare']> & NamedConfigs;
  const text = prepared.queryConfig?.text;
  if (text !== undefined) {
    const name = statementName(text);
    for (const config of [prepared.rawQueryConfig, prepared.queryConfig]) if (config) config.name = name;
  }
  return prepared;
}

/** Most shapes `builtOnce` keeps for one database handle: the shapes a caller names are few. */
const SHAPES_KEPT = 256;
const builtFor = new WeakMap<object, Map<string, ReturnType<PreparableSelect<unknown>['prepare']>>>();

/**
 * What `builtOnce` keeps a statement under: a shape (a string naming everything that changes the
 * statement's text); `{ planned: shape }`, built once alike but sent without a name, so PostgreSQL plans
 * it for each run's values (a statement whose best plan depends on them: an applicant's ids, of 20 rows
 * or 100,000); null, built every time (a caller's list of ids written into it, say), not prepared.
 */
export type BuiltShape = string | { planned: string } | null;

/**
 * A query builder's select, built once and prepared: the first request of each `shape` builds it, with
 * drizzle's placeholders (`sql.placeholder`) where its values go, and every later one only runs it
 * with its own `values`. Building a city list's search through the query builder — walking its
 * parts, quoting its names — cost the server more CPU than running it (bench/README.md).
 */
export function builtOnce<T>(db: object, shape: BuiltShape, build: () => PreparableSelect<T>, values: Record<string, unknown>): Promise<T> {
  if (shape === null) return build().prepare('').execute(values);
  const planned = typeof shape !== 'string';
  const key = planned ? `${shape.planned}\u0000planned` : shape;
  let shapes = builtFor.get(db);
  if (shapes === undefined) {
    shapes = new Map();
    builtFor.set(db, shapes);
  }
  let statement = shapes.get(key) as ReturnType<PreparableSelect<T>['prepare']> | undefined;
  if (!statement) {
    if (shapes.size >= SHAPES_KEPT) shapes.clear();
    statement = planned ? build().prepare('') : named(build());
    shapes.set(key, statement);
  }
  return statement.execute(values);
}
