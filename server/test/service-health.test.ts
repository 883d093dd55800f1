import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rowsOf } from '../src/db/client.ts';
import { testApp, type TestApp } from './harness.ts';

/** What the office's operators and their monitoring see of a running instance. */

const TOKEN = 'metrics-token-for-the-test';
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ metricsToken: TOKEN });
});
afterAll(() => t.close());

describe('§10 operations: health, request ids and metrics', () => {
  it('§10 liveness answers without asking the database; readiness says it answers and has every migration', async () => {
    const live = await t.agent().get('/api/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.agent().get('/api/health');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', migrations: { upToDate: true } });
  });

  it('§10 readiness answers 503 when the database lacks a migration this code needs', async () => {
    const [last] = await rowsOf<{ id: number; hash: string; created_at: string }>(
      t.handle.db,
      sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by id desc limit 1`,
    );
    await t.handle.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last?.id}`);
    try {
      const res = await t.agent().get('/api/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', migrations: { upToDate: false } });
    } finally {
      await t.handle.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last?.id}, ${last?.hash}, ${last?.created_at}::bigint)`,
      );
    }
    expect((await t.agent().get('/api/health')).statusCode).toBe(200);
  });

  it('§10 every answer names its request id, which the logs carry', async () => {
    const a = await t.agent().get('/api/health/live');
    const b = await t.agent().get('/api/health/live');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);
  });

  it('§10 metrics in Prometheus text for the bearer of the configured token only', async () => {
    await t.agent().get('/api/health');
    expect((await t.agent().get('/api/metrics')).statusCode).toBe(401);
    expect((await t.agent().request('GET', '/api/metrics', undefined, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    const res = await t.agent().request('GET', '/api/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/^wygl_http_requests_total\{method="GET",route="\/api\/health",status="200"\} [1-9]\d*$/m);
    expect(res.body).toMatch(/^wygl_http_request_duration_seconds_count\{method="GET",route="\/api\/health"\} [1-9]\d*$/m);
    expect(res.body).toContain('# TYPE wygl_job_runs_total counter');
    if (inject('dbKind') === 'postgres') expect(res.body).toMatch(/^wygl_db_pool_connections\{state="total"\} \d+$/m);
  });

  it('§10 without a configured token the metrics endpoint is off', async () => {
    const plain = await testApp();
    try {
      expect((await plain.agent().request('GET', '/api/metrics', undefined, { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
