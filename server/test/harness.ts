import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type AppOptions, buildApp } from '../src/app.ts';
import { checkLedger } from '../src/ledger/check.ts';
import { openPglite, openPostgres, type DbHandle } from '../src/db/client.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { withDatabase } from './global-setup.ts';

export { DEMO_PASSWORD };

/** A fresh copy of the migrated, demo-seeded template: pglite in memory, or a new PostgreSQL database. */
export async function openTestDb(): Promise<DbHandle> {
  if (inject('dbKind') === 'pglite') {
    return openPglite(undefined, new Blob([new Uint8Array(readFileSync(inject('template')))]));
  }
  const adminUrl = inject('adminUrl');
  const name = `wygl_t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${inject('template')}`);
      break;
    } catch (err) {
      // 55006: another file is copying the template at this instant.
      if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  const handle = await openPostgres(withDatabase(adminUrl, name), 20);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  handle: DbHandle;
  clock: ManualClock;
  close(): Promise<void>;
  agent(): Agent;
  /** An agent logged in as a demo (or any) user. */
  login(orgCode: string, username: string, password?: string): Promise<Agent>;
}

export async function testApp(options: Pick<AppOptions, 'onRoute' | 'metricsToken'> = {}): Promise<TestApp> {
  const handle = await openTestDb();
  const clock = new ManualClock(new Date('2026-11-22T02:00:00Z'));
  const app = await buildApp({ db: handle, clock, ...options });
  await app.ready();
  const t: TestApp = {
    app,
    handle,
    clock,
    close: async () => {
      // after every file's scenarios: whatever the tests did, the ledger still balances.
      const breaches = await checkLedger(handle.db);
      await app.close();
      await handle.close();
      if (breaches.length > 0) {
        throw new Error(
          `ledger check (F-65) found breaches: ${JSON.stringify(breaches, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
        );
      }
    },
    agent: () => new Agent(app),
    login: async (orgCode, username, password = DEMO_PASSWORD) => {
      const a = new Agent(app);
      const res = await a.post('/api/auth/login', { orgCode, username, password });
      if (res.statusCode !== 200) throw new Error(`login ${orgCode}/${username} failed: ${res.body}`);
      return a;
    },
  };
  return t;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A browser stand-in: keeps the session cookie and sends the CSRF token like the web client does. */
export class Agent {
  cookie = '';
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async request(method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      payload: payload as never,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
    });
    const set = res.cookies.find((c) => c.name === 'wygl_sid');
    if (set) this.cookie = set.value ? `wygl_sid=${set.value}` : '';
    if (res.statusCode === 200 && typeof res.json === 'function' && res.headers['content-type']?.toString().includes('json')) {
      const body = res.json() as { csrfToken?: string };
      if (body && typeof body.csrfToken === 'string' && body.csrfToken) this.csrf = body.csrfToken;
    }
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body ?? {});
  }

  /** Posts a multipart form the way a browser serialises FormData. */
  async postForm(url: string, form: FormData) {
    const req = new Request('http://localhost/', { method: 'POST', body: form });
    const payload = Buffer.from(await req.arrayBuffer());
    return this.request('POST', url, payload, { 'content-type': req.headers.get('content-type') ?? '' });
  }
}

/**
 * The statements `run` sends to the database, read at the engine's client (the pool on PostgreSQL):
 * what a request costs in round trips, whatever the code in between; with each one's values.
 */
export async function statementsSent<R>(
  handle: DbHandle,
  run: () => Promise<R>,
): Promise<{ result: R; texts: string[]; values: unknown[][] }> {
  const client = (handle.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const query = client.query;
  const texts: string[] = [];
  const values: unknown[][] = [];
  client.query = (...args: unknown[]) => {
    const config = args[0] as string | { text?: string; values?: unknown[] };
    texts.push(typeof config === 'string' ? config : String(config.text));
    values.push((Array.isArray(args[1]) ? args[1] : typeof config === 'string' ? undefined : config.values) ?? []);
    return query.apply(client, args);
  };
  try {
    return { result: await run(), texts, values };
  } finally {
    client.query = query;
  }
}
