import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_REFUSALS } from '../src/lib/http.ts';
import { DEMO } from './fixtures.ts';
import { testApp, type Agent, type TestApp } from './harness.ts';
import { deadlineAfter, demoArea, disburse, draftProject, officeApproves, payee } from './project-fixtures.ts';

/**
 * The error body as a contract: the OpenAPI document declares `{ code, message, fieldErrors?, rule?, … }`
 * for every route's refusals, and the answers that leave through those declared schemas keep every
 * field they were given.
 */

let t: TestApp;
let member: Agent;
let office: { accept: Agent; review: Agent };
let area: Awaited<ReturnType<typeof demoArea>>;

beforeAll(async () => {
  t = await testApp();
  member = await t.login(DEMO.committee.code, DEMO.committee.member);
  office = { accept: await t.login(DEMO.office.code, DEMO.office.acceptor), review: await t.login(DEMO.office.code, DEMO.office.reviewer) };
  area = await demoArea(t);
});
afterAll(() => t.close());

interface Operation {
  summary?: string;
  description?: string;
  requestBody?: unknown;
  responses: Record<string, Response>;
}
interface Response {
  $ref?: string;
  description: string;
  content?: Record<string, { schema: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { type: string; properties: Record<string, unknown>; required: string[] }>;
    responses: Record<string, Response>;
  };
}

const spec = async () => {
  const doc = (await t.agent().get('/api/openapi.json')).json() as Document;
  shared = doc.components.responses ?? {};
  return doc;
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, method, op })),
  );
const ERROR_REF = '#/components/schemas/ErrorBody';
/** The error schema a route's answer with `status` has, following a shared response (components.responses). */
const refOf = (op: Operation, status: string) => responseOf(op, status)?.content?.['application/json']?.schema.$ref;
let shared: Document['components']['responses'] = {};
const responseOf = (op: Operation, status: string) => {
  const r = op.responses[status];
  return r?.$ref ? shared[r.$ref.replace('#/components/responses/', '')] : r;
};

describe('§10 the error body in the OpenAPI document', () => {
  it('§10 declares the error body once, as a component with code, message and the optional fieldErrors and rule', async () => {
    const body = (await spec()).components.schemas.ErrorBody;
    expect(body?.type).toBe('object');
    expect(Object.keys(body?.properties ?? {})).toEqual(expect.arrayContaining(['code', 'message', 'fieldErrors', 'rule']));
    expect([...(body?.required ?? [])].sort()).toEqual(['code', 'message']);
  });

  it('§10 every route lists the refusals it can answer, each with the error body and a description', async () => {
    const ops = operations(await spec());
    expect(ops.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const { route, method, op } of ops) {
      const expected = ['400', '401', '403', '404', '409', '414', '500', '503'];
      if (method !== 'get') expected.push('413', '415');
      for (const status of expected) {
        const response = responseOf(op, status);
        if (!response) missing.push(`${route} ${status}`);
        // A status the route declares itself (the readiness check's 503) is the route's own answer.
        else if (refOf(op, status) !== ERROR_REF) continue;
        else if (!response.description || response.description === 'Default Response') missing.push(`${route} ${status} undescribed`);
      }
      // The routes' own success answers are still there next to the refusals.
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('2')),
        route,
      ).toBe(true);
    }
    expect(missing).toEqual([]);
    const byRoute = new Map(ops.map((o) => [o.route, o.op]));
    // Written once in the document and pointed at by each route.
    expect(byRoute.get('POST /api/auth/login')?.responses['400']?.$ref).toBe('#/components/responses/Refusal400');
    for (const route of ['POST /api/auth/login', 'PUT /api/org/users/{id}', 'GET /api/office/organisations/{id}']) {
      for (const status of ['400', '401', '403', '404', '409'])
        expect(refOf(byRoute.get(route) as Operation, status), `${route} ${status}`).toBe(ERROR_REF);
    }
  });

  it('§10 routes that count attempts declare 429, and a route’s own refusal schema is kept, not replaced', async () => {
    const byRoute = new Map(operations(await spec()).map((o) => [o.route, o.op]));
    for (const route of ['POST /api/auth/login', 'POST /api/owner/login', 'POST /api/registration', 'POST /api/public/fund-lookup']) {
      expect(ROUTE_REFUSALS[route]?.[429], route).toBeDefined();
    }
    // Each entry names a real route, and the route declares what the entry says.
    for (const [route, refusals] of Object.entries(ROUTE_REFUSALS)) {
      const [method, url] = route.split(' ') as [string, string];
      const op = byRoute.get(`${method} ${url.replace(/:(\w+)/g, '{$1}')}`);
      expect(op, route).toBeDefined();
      for (const status of Object.keys(refusals)) expect(refOf(op as Operation, status), `${route} ${status}`).toBe(ERROR_REF);
    }
    expect(byRoute.get('GET /api/org')?.responses['429']).toBeUndefined();
    // /api/health answers 503 with its own readiness body; an import answers 422 with its cell errors.
    const health = byRoute.get('GET /api/health') as Operation;
    expect(refOf(health, '503')).toBeUndefined();
    expect(JSON.stringify(health.responses['503'])).toContain('degraded');
    expect(JSON.stringify(byRoute.get('POST /api/applications/{id}/import')?.responses['422'])).toContain('errors');
  });

  it('§10 summaries and descriptions people read in the API document carry no rule ids', async () => {
    const doc = await spec();
    const found: string[] = [];
    const walk = (value: unknown, where: string) => {
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) walk(v, `${where}[${i}]`);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if ((k === 'summary' || k === 'description') && typeof v === 'string' && /\b[RF]-\d|§\s?\d/.test(v))
            found.push(`${where}.${k}: ${v}`);
          else walk(v, `${where}.${k}`);
        }
      }
    };
    walk(doc, '');
    expect(found).toEqual([]);
  });
});

describe('§10 refusals keep every field through the declared schemas', () => {
  it('R-42 a refusal naming its rule answers with rule and fieldErrors intact', async () => {
    const { id } = await draftProject(t, member, area, 'general', '1栋', 100_000, [100_000], false);
    const notice = await member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(t, 7), content: '' });
    expect(notice.statusCode, notice.body).toBe(200);
    const sheet = (await member.get(`/api/projects/${id}/vote-sheet`)).json();
    const res = await member.post(`/api/projects/${id}/vote`, {
      mode: 'totals',
      participatingArea: sheet.rangeArea + 1,
      participatingOwners: 1,
      agreeArea: 0,
      agreeOwners: 0,
    });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'fieldErrors', 'message', 'rule']);
    expect(body.code).toBe('VALIDATION');
    expect(body.rule).toBe('R-42');
    expect(body.fieldErrors.totals).toContain('参与表决面积');
    expect(body.message).toBe(body.fieldErrors.totals);
    expect(body.message).not.toMatch(/[RF]-\d/);
  });

  it('R-48 a refusal with its own details (the houses short of money) keeps them next to rule', async () => {
    // 5栋's deposit notice is unpaid in the demo city: its houses hold nothing.
    const { id } = await draftProject(t, member, area, 'emergency', '5栋', 100_000, [60_000, 40_000]);
    expect(
      (await member.post(`/api/projects/${id}/notices`, { kind: 'initiation', deadline: deadlineAfter(t, 7), content: '' })).statusCode,
    ).toBe(200);
    const submitted = await member.post(`/api/projects/${id}/approval`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    await officeApproves(office, submitted.json().requests[0].id);
    const phases = (await member.get(`/api/projects/${id}`)).json().phases;
    const res = await disburse(member, id, { phaseId: phases[0].id, payees: [payee(60_000)] });
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json();
    expect(body.code, res.body).toBe('SHORTFALL');
    expect(body.rule).toBe('R-48');
    expect(body.shortfalls.length).toBeGreaterThan(0);
    expect(Object.keys(body.shortfalls[0]).sort()).toEqual(['balance', 'debit', 'houseId', 'name', 'shortfall']);
  });

  it('§10 a refusal before any handler (a field with a control character) keeps its fieldErrors', async () => {
    const res = await t.agent().post('/api/auth/login', { orgCode: 'A\u0000B', username: 'x', password: 'y' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'VALIDATION',
      message: expect.stringContaining('orgCode'),
      fieldErrors: { orgCode: expect.any(String) },
    });
  });

  it('§10 a throttled request answers 429 with its message and Retry-After through the declared schema', async () => {
    // The test environment raises the per-address limit; a fresh address of its own runs into it here.
    const limit = Number(process.env.WYGL_LOGIN_LIMIT_PER_IP);
    expect(limit).toBeGreaterThan(0);
    await t.handle.db.execute(
      // The counter as the limit leaves it: the next try from this address is one too many.
      sql`insert into rate_counters (key, window_start, count) values ('login:ip:203.0.113.9', ${t.clock.now()}, ${limit})`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.9',
      payload: { orgCode: DEMO.committee.code, username: DEMO.committee.member, password: 'wrong' },
    });
    expect(res.statusCode, res.body).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('登录尝试过于频繁') });
  });
});
