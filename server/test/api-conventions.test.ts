import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allocateNumber } from '../src/db/numbering.ts';
import { businessCounters, organisations } from '../src/db/schema/index.ts';
import { DEMO } from './fixtures.ts';
import { testApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const CHINESE = /[\u4e00-\u9fff]/;

/** The consistent error body: `{ code, message, fieldErrors? }` and nothing else. */
function expectErrorBody(body: Record<string, unknown>) {
  expect(typeof body.code).toBe('string');
  expect(body.message).toMatch(CHINESE);
  expect(Object.keys(body).every((k) => ['code', 'message', 'fieldErrors'].includes(k))).toBe(true);
}

/**
 * Every registered route as "METHOD /path", read from Fastify's own route tree (HEAD twins left out).
 * Each one is checked with `hasRoute`, so a parsing slip cannot invent or drop routes unnoticed.
 */
function registeredRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    const path = (depth > 0 ? (prefixes[depth - 1] ?? '') : '') + m[2];
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (!method || method === '-' || method === 'HEAD') continue;
      expect(app.hasRoute({ method: method as 'GET', url: path }), `${method} ${path}`).toBe(true);
      out.push(`${method} ${path}`);
    }
  }
  return out;
}

describe('§10 health and API description', () => {
  it('§10 /api/health reports ok, the database kind actually running and migrations up to date', async () => {
    const res = await t.agent().get('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.database).toBe(inject('dbKind'));
    expect(body.database).toBe(t.handle.kind);
    expect(body.migrations.upToDate).toBe(true);
    expect(body.migrations.applied).toBe(body.migrations.known);
    expect(body.migrations.applied).toBeGreaterThanOrEqual(1);
    expect(body.migrations.latest).toMatch(/^\d{4}_/);
  });

  it('§10 /api/openapi.json is an OpenAPI 3 document describing every registered /api route (itself excepted)', async () => {
    const res = await t.agent().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const spec = res.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.info.title).toContain('住宅专项维修资金');

    const routes = registeredRoutes(t.app)
      .filter((r) => r.split(' ')[1]?.startsWith('/api/'))
      .filter((r) => r !== 'GET /api/openapi.json')
      .map((r) => r.replace(/:(\w+)/g, '{$1}'))
      .sort();
    // Not vacuous: the routes of every module are there.
    expect(routes.length).toBeGreaterThanOrEqual(23);
    for (const known of [
      'GET /api/health',
      'POST /api/auth/login',
      'POST /api/registration',
      'PUT /api/org',
      'POST /api/org/users/{id}/reset-password',
      'POST /api/office/organisations/{id}/suspend',
      'GET /api/office/audit',
      'GET /api/files/{id}',
    ]) {
      expect(routes).toContain(known);
    }

    const documented = Object.entries(spec.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(documented).toEqual(routes);
    expect(spec.paths['/api/openapi.json']).toBeUndefined();
  });
});

describe('§10 consistent errors', () => {
  it('§10 answers an unknown /api path with 404 {code: NOT_FOUND, message}', async () => {
    const res = await t.agent().get('/api/no/such/thing?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在：GET /api/no/such/thing' });

    const a = await t.login(DEMO.committee.code, DEMO.committee.director);
    const wrongMethod = await a.request('DELETE', '/api/org');
    expect(wrongMethod.statusCode).toBe(404);
    expect(wrongMethod.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在：DELETE /api/org' });
  });

  it('§10 answers a malformed JSON body with 400 and the error body, changing nothing', async () => {
    const anonymous = await t.agent().request('POST', '/api/auth/login', '{"orgCode": "QCHYYWH", ', { 'content-type': 'application/json' });
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.json()).toEqual({ code: 'BAD_REQUEST', message: '请求格式不正确' });
    expect(anonymous.cookies.find((c) => c.name === 'wygl_sid')).toBeUndefined();

    const a = await t.login(DEMO.committee.code, DEMO.committee.director);
    const [before] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.committee.code));
    const res = await a.request('PUT', '/api/org', '{"name": "半截', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expectErrorBody(res.json());
    expect(res.json().code).toBe('BAD_REQUEST');
    const [after] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.committee.code));
    expect(after).toEqual(before);
  });

  it('§10 gives validation errors per field (fieldErrors) with a Chinese message naming the field', async () => {
    const res = await t.agent().post('/api/auth/login', { orgCode: 42, username: '' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expectErrorBody(body);
    expect(body.code).toBe('VALIDATION');
    expect(Object.keys(body.fieldErrors).sort()).toEqual(['orgCode', 'password', 'username']);
    expect(body.fieldErrors.orgCode).toBe('机构代码不能为空');
    expect(body.fieldErrors.username).toBe('用户名不能为空');
    for (const message of Object.values(body.fieldErrors)) expect(body.message).toContain(message);

    const query = await t.agent().get('/api/registration/requirements?type=bank');
    expect(query.statusCode).toBe(400);
    expectErrorBody(query.json());
    expect(query.json().fieldErrors).toHaveProperty('type');
  });

  it('§10 answers 401, 403 and 415 with the same error body shape', async () => {
    const unauthenticated = await t.agent().get('/api/org/users');
    expect(unauthenticated.statusCode).toBe(401);
    expectErrorBody(unauthenticated.json());
    const clerk = await t.login(DEMO.committee.code, DEMO.committee.clerk);
    const forbidden = await clerk.get('/api/org/users');
    expect(forbidden.statusCode).toBe(403);
    expectErrorBody(forbidden.json());
    const xml = await t.agent().request('POST', '/api/auth/login', '<login/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求格式' });
  });
});

describe('§10 business numbers', () => {
  const serials = (prefix: string, day: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${day}${String(from + i).padStart(4, '0')}`);
  const counter = async (prefix: string, day: string) =>
    (
      await t.handle.db
        .select()
        .from(businessCounters)
        .where(and(eq(businessCounters.prefix, prefix), eq(businessCounters.day, day)))
    )[0]?.value;

  it('§10 20 concurrent allocations in separate transactions get 20 distinct consecutive numbers', async () => {
    const at = t.clock.now(); // 2026-11-22 10:00 in Jiangmen
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.handle.db.transaction(async (tx) => {
          await new Promise((r) => setTimeout(r, (i * 7) % 5));
          const n = await allocateNumber(tx, 'CS', at);
          // Hold the transaction open a moment so the others really queue behind it.
          await new Promise((r) => setTimeout(r, 3));
          return n;
        }),
      ),
    );
    for (const n of numbers) expect(n).toMatch(/^CS20261122\d{4}$/);
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(serials('CS', '20261122', 1, 20));
    expect(await counter('CS', '20261122')).toBe(20);
  });

  it('§10 a rolled-back transaction gives its number back: committed numbers stay unique and gap-free', async () => {
    const at = t.clock.now();
    const committed: string[] = [];
    const rolledBack: string[] = [];
    committed.push(await t.handle.db.transaction((tx) => allocateNumber(tx, 'RB', at)));
    await expect(
      t.handle.db.transaction(async (tx) => {
        rolledBack.push(await allocateNumber(tx, 'RB', at));
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    committed.push(await t.handle.db.transaction((tx) => allocateNumber(tx, 'RB', at)));
    expect(committed).toEqual(serials('RB', '20261122', 1, 2));
    expect(rolledBack).toEqual(['RB202611220002']);

    // Mixed and concurrent: every other transaction fails after taking a number.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        t.handle.db.transaction(async (tx) => {
          const n = await allocateNumber(tx, 'RB', at);
          await new Promise((r) => setTimeout(r, 2));
          if (i % 2 === 1) throw new Error(`abandoned ${n}`);
          return n;
        }),
      ),
    );
    const ok = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(ok).toHaveLength(5);
    committed.push(...ok);
    expect(new Set(committed).size).toBe(committed.length);
    expect([...committed].sort()).toEqual(serials('RB', '20261122', 1, 7));
    expect(await counter('RB', '20261122')).toBe(7);
  });

  it('§10 numbers follow the city’s business day: a new day in Jiangmen starts again at 0001', async () => {
    const lateEvening = new Date('2026-11-22T15:59:00Z'); // 23:59 in Jiangmen
    const midnight = new Date('2026-11-22T16:00:00Z'); // 00:00 on the 23rd in Jiangmen
    const a = await t.handle.db.transaction((tx) => allocateNumber(tx, 'DY', lateEvening));
    const b = await t.handle.db.transaction((tx) => allocateNumber(tx, 'DY', midnight));
    const c = await t.handle.db.transaction((tx) => allocateNumber(tx, 'DY', lateEvening));
    expect([a, b, c]).toEqual(['DY202611220001', 'DY202611230001', 'DY202611220002']);
  });
});
