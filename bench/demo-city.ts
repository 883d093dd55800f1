/**
 * What the API benchmarks share: a migrated demo city to measure on — pglite in memory, or, when
 * DATABASE_URL names a PostgreSQL server, a scratch database created there and dropped by `close` —
 * and callers of its HTTP API through inject. `BENCH_KEEP_DB=<name>` uses that database instead,
 * creating and seeding it only if it does not exist yet, and keeps it: a large city is built once
 * and measured many times.
 */
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { type DbHandle, openPglite, openPostgres } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/src/demo/seed.ts';
import { ensureDefaultStandards } from '../server/src/modules/standards/store.ts';
import type { Clock } from '../server/src/lib/clock.ts';

process.env.WYGL_PASSWORD_MEMORY_KIB ??= '1024';

export type Headers = Record<string, string>;

export interface DemoCity {
  handle: DbHandle;
  app: Awaited<ReturnType<typeof buildApp>>;
  /** What it runs on, for the printed figures: `pglite` or `PostgreSQL <version>`. */
  engine: string;
  /** The database was kept from an earlier run (`BENCH_KEEP_DB`): its rows are already there. */
  existed: boolean;
  /** One API request as `who`; anything but 200/201 throws with the answer. */
  // biome-ignore lint/suspicious/noExplicitAny: the answers are read by the benchmark steps that use them
  call(who: Headers | null, method: 'GET' | 'POST' | 'PUT', path: string, payload?: unknown, extra?: Headers): Promise<any>;
  /** A demo user's session cookie and CSRF token. */
  login(orgCode: string, username: string, password?: string): Promise<Headers>;
  close(): Promise<void>;
}

/** The system's time moved on by `shift`, for a bench that needs a deadline to pass. */
export class ShiftedClock implements Clock {
  private offset = 0;
  now() {
    return new Date(Date.now() + this.offset);
  }
  shift(ms: number) {
    this.offset += ms;
  }
}

export async function openDemoCity(name: string, clock?: Clock): Promise<DemoCity> {
  const adminUrl = process.env.DATABASE_URL;
  const kept = process.env.BENCH_KEEP_DB;
  if (kept && !/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error(`BENCH_KEEP_DB: not a plain database name: ${kept}`);
  const scratch = kept ?? `wygl_bench_${name}_${process.pid}_${Date.now()}`;
  const admin = adminUrl ? new pg.Client({ connectionString: adminUrl }) : null;
  let url: string | undefined;
  let engine = 'pglite';
  let existed = false;
  if (admin && adminUrl) {
    await admin.connect();
    existed = Boolean(kept) && (await admin.query('select 1 from pg_database where datname = $1', [kept])).rowCount === 1;
    if (!existed) await admin.query(`create database ${scratch}`);
    engine = `PostgreSQL ${(await admin.query('show server_version')).rows[0]?.server_version}`;
    const u = new URL(adminUrl);
    u.pathname = `/${scratch}`;
    url = u.toString();
  }
  const dropScratch = async () => {
    if (!admin) return;
    if (!kept) await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  };
  let handle: DbHandle | undefined;
  try {
    handle = url ? await openPostgres(url) : await openPglite();
    await migrate(handle, url);
    if (!existed) {
      await ensureDefaultStandards(handle.db);
      await seedDemo(handle);
    }
    const app = await buildApp({ db: handle, ...(clock ? { clock } : {}) });
    const opened = handle;
    return {
      handle,
      app,
      engine,
      existed,
      async call(who, method, path, payload, extra = {}) {
        const res = await app.inject({ method, url: path, headers: { ...who, ...extra }, payload: payload as never });
        if (res.statusCode !== 200 && res.statusCode !== 201)
          throw new Error(`${method} ${path}: ${res.statusCode} ${res.body.slice(0, 500)}`);
        return res.json();
      },
      async login(orgCode, username, password = DEMO_PASSWORD) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { orgCode, username, password } });
        if (res.statusCode !== 200) throw new Error(`login ${orgCode}/${username}: ${res.body}`);
        return { cookie: `wygl_sid=${res.cookies.find((c) => c.name === 'wygl_sid')?.value}`, 'x-csrf-token': res.json().csrfToken };
      },
      async close() {
        await app.close();
        await opened.close();
        await dropScratch();
      },
    };
  } catch (err) {
    await handle?.close();
    await dropScratch();
    throw err;
  }
}
