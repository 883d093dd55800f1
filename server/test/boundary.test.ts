import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { auditLog, bankApiKeys, organisations, propertyAreas } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { BANK_API_HEADERS, sign } from '../src/modules/payments/bank-api-auth.ts';
import { committeeRegistration, DEMO, file, registrationForm, smallPng, VALID_PASSWORD } from './fixtures.ts';
import { type Agent, openTestDb, testApp, type TestApp } from './harness.ts';

let t: TestApp;
let dev: Agent;
let freeAreaId: number;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  const areas = await t.handle.db.select().from(propertyAreas);
  freeAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
});
afterAll(() => t.close());

const orgCount = async () => (await t.handle.db.select({ n: count() }).from(organisations))[0]?.n;
const auditCount = async () => (await t.handle.db.select({ n: count() }).from(auditLog))[0]?.n;
const committeeDocs = () => ({ filing: file(smallPng(), '备案证明.png'), directorId: file(smallPng(), '主任身份证.jpg') });

describe('§10 control characters are refused where input enters', () => {
  it('§10 input: a NUL byte in a JSON text field of a write answers 400 naming the field, and nothing is saved', async () => {
    const own = (await dev.get('/api/org')).json();
    const audits = await auditCount();
    const res = await dev.put('/api/org', { ...own, name: `${own.name}\u0000X` });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.fieldErrors.name).toContain('控制字符');
    expect(body.message).toContain('name');
    expect((await dev.get('/api/org')).json().name).toBe(own.name);
    expect(await auditCount()).toBe(audits);
  });

  it('§10 input: ESC, DEL and a lone surrogate are refused in nested JSON, query strings and route parameters; tab and line breaks pass', async () => {
    const own = (await dev.get('/api/org')).json();
    for (const bad of ['\u001b[31m', 'x\u007f', 'x\ud800y']) {
      const res = await dev.put('/api/org', { ...own, address: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().fieldErrors.address).toContain('控制字符');
    }
    const nested = await dev.post('/api/notices/custom', {
      areaId: 1,
      purpose: 'replenish',
      rows: [{ houseId: 1, amount: 1, x: 'a\u0001' }],
    });
    expect(nested.statusCode).toBe(400);
    expect(Object.keys(nested.json().fieldErrors)).toEqual(['rows.0.x']);

    const query = await t.agent().get('/api/registration/requirements?type=committee%00');
    expect(query.statusCode).toBe(400);
    expect(query.json().fieldErrors.type).toContain('控制字符');
    const param = await dev.get('/api/files/1%00');
    expect(param.statusCode).toBe(400);
    expect(param.json().fieldErrors.id).toContain('控制字符');

    const fine = await dev.put('/api/org', { ...own, address: `${own.address}\t（东门）\r\n二楼` });
    expect(fine.statusCode).toBe(200);
  });

  it('§10 uploads: a NUL byte in a registration field or in a file name answers 400 naming it, and nothing is saved', async () => {
    const before = await orgCount();
    const field = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(committeeRegistration(freeAreaId, { name: '江景\u0000豪庭业委会' }), committeeDocs()),
      );
    expect(field.statusCode).toBe(400);
    expect(field.json().fieldErrors.name).toContain('控制字符');

    const named = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(committeeRegistration(freeAreaId), { ...committeeDocs(), filing: file(smallPng(), '备案\u0000证明.png') }),
      );
    expect(named.statusCode).toBe(400);
    expect(named.json().fieldErrors.doc_filing).toContain('备案证明.png');
    expect(named.json().fieldErrors.doc_filing).toContain('控制字符');
    expect(await orgCount()).toBe(before);

    // The other upload routes check the name before anything else.
    const form = new FormData();
    form.append('file', file(smallPng(), 'a\u0000.png'));
    const doc = await dev.postForm('/api/applications/999999/documents', form);
    expect(doc.statusCode).toBe(400);
    expect(doc.json().fieldErrors.file).toContain('控制字符');
  });

  it('§10 uploads: a file name longer than 200 characters answers 400 saying so, on registration and other uploads', async () => {
    const long = `${'扫描件'.repeat(70)}.png`;
    const before = await orgCount();
    const res = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(committeeRegistration(freeAreaId), { ...committeeDocs(), filing: file(smallPng(), long) }),
      );
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.doc_filing).toContain('200');
    expect(res.json().fieldErrors.doc_filing).toContain('扫描件扫描件');
    expect(await orgCount()).toBe(before);

    const form = new FormData();
    form.append('file', file(smallPng(), long));
    const doc = await dev.postForm('/api/applications/999999/import', form);
    expect(doc.statusCode).toBe(400);
    expect(doc.json().fieldErrors.file).toContain('200');
  });

  it('§10 uploads: registration takes at most one file per document type and a bounded data field', async () => {
    const before = await orgCount();
    const form = registrationForm(committeeRegistration(freeAreaId), committeeDocs());
    for (let i = 0; i < 6; i++) form.append('doc_filing', file(smallPng(), `备案证明${i}.png`));
    const many = await t.agent().postForm('/api/registration', form);
    expect(many.statusCode).toBe(400);
    expect(many.json().message).toContain('文件');

    const huge = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(committeeRegistration(freeAreaId, { address: '路'.repeat(200_000) }), committeeDocs()),
      );
    expect(huge.statusCode).toBe(400);
    expect(huge.json().fieldErrors.data).toContain('过长');
    expect(await orgCount()).toBe(before);
  });
});

describe('§10 the log never holds query parameters or request bodies', () => {
  it('§10 logging: a failing database statement is logged with its error code, without parameter values', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const handle = await openTestDb();
    const app = await buildApp({
      db: handle,
      clock: new ManualClock(new Date('2026-11-22T02:00:00Z')),
      logger: { level: 'error', stream },
    });
    try {
      await handle.db.execute(
        sql.raw(`create function wygl_test_refuse() returns trigger language plpgsql as $$
          begin raise exception 'refused for the test' using errcode = 'P0099'; end $$`),
      );
      await handle.db.execute(
        sql.raw('create trigger wygl_test_refuse before insert on organisations for each row execute function wygl_test_refuse()'),
      );
      const [area] = await handle.db.select().from(propertyAreas).where(eq(propertyAreas.name, DEMO.areas.free));
      const form = registrationForm(
        committeeRegistration(area?.id ?? 0, { name: 'SECRETNAME业主委员会', address: 'SECRETADDRESS路 1 号' }),
        committeeDocs(),
      );
      const req = new Request('http://localhost/', { method: 'POST', body: form });
      const res = await app.inject({
        method: 'POST',
        url: '/api/registration',
        payload: Buffer.from(await req.arrayBuffer()),
        headers: { 'content-type': req.headers.get('content-type') ?? '' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'INTERNAL', message: expect.stringMatching(/系统内部错误/) });
      const log = lines.join('');
      // Not vacuous: the failure is logged, with what an operator needs to find it.
      expect(log).toContain('P0099');
      expect(log).toContain('refused for the test');
      for (const secret of ['SECRETNAME', 'SECRETADDRESS', VALID_PASSWORD, 'scrypt', '13711112222', 'params']) {
        expect(log, secret).not.toContain(secret);
      }
    } finally {
      await app.close();
      await handle.close();
    }
  });
});

describe('§10 bank API signatures', () => {
  it('§10 bank API: only a well-formed signature counts, so no spelling of a used one passes again', async () => {
    const [bank] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.bank.code));
    await t.handle.db
      .insert(bankApiKeys)
      .values({ keyId: 'BOUNDARY-KEY', orgId: bank?.id as number, secret: 'boundary-secret-0123456789' });
    const path = '/api/bank-api/v1/deposits/confirm';
    const raw = JSON.stringify({ noticeNo: 'JK000000000000', amount: 100, channel: '柜台', bankRef: 'B-1', bankDate: '2026-11-22' });
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const signature = sign('boundary-secret-0123456789', ts, 'POST', path, raw);
    const call = (sig: string) =>
      t.app.inject({
        method: 'POST',
        url: path,
        payload: raw,
        headers: {
          'content-type': 'application/json',
          [BANK_API_HEADERS.key]: 'BOUNDARY-KEY',
          [BANK_API_HEADERS.timestamp]: ts,
          [BANK_API_HEADERS.signature]: sig,
        },
      });
    // Accepted: past authentication, the unknown notice is reported.
    const first = await call(signature);
    expect(first.statusCode).toBe(404);
    for (const variant of [`${signature}0`, `${signature}00`, `${signature}zz`, `${signature} `, `${signature}\u00a0`]) {
      const res = await call(variant);
      expect(res.statusCode, JSON.stringify(variant)).toBe(401);
      expect(res.json().message, JSON.stringify(variant)).toContain('签名');
    }
    const upper = await call(signature.toUpperCase());
    expect(upper.statusCode).toBe(401);
    expect(upper.json().message).toContain('重复的请求');
    const again = await call(signature);
    expect(again.statusCode).toBe(401);
    expect(again.json().message).toContain('重复的请求');
  });
});

describe('§10 headers and error bodies', () => {
  it('§10 headers: HSTS only when served over HTTPS (secure option, or https behind a trusted proxy)', async () => {
    const plain = await t.agent().get('/api/health');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await buildApp({ db: t.handle, clock: t.clock, secureCookies: true });
    const proxied = await buildApp({ db: t.handle, clock: t.clock, trustProxy: true });
    try {
      const res = await secure.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const viaHttps = await proxied.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(viaHttps.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const viaHttp = await proxied.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
      expect(viaHttp.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await secure.close();
      await proxied.close();
    }
  });

  it('§10 headers: every /api answer is Cache-Control: no-store, errors and files included; static assets are not', async () => {
    expect((await t.agent().get('/api/health')).headers['cache-control']).toBe('no-store');
    expect((await t.agent().get('/api/org')).headers['cache-control']).toBe('no-store');
    expect((await t.agent().get('/api/nothing-here')).headers['cache-control']).toBe('no-store');
    const dir = mkdtempSync(join(tmpdir(), 'wygl-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>wygl</title>');
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
    const withWeb = await buildApp({ db: t.handle, clock: t.clock, webDist: dir });
    try {
      const asset = await withWeb.inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).not.toContain('no-store');
    } finally {
      await withWeb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the web client is served compressed as the browser accepts, hashed assets cached for good and the page shell revalidated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wygl-web-'));
    mkdirSync(join(dir, 'assets'));
    const shell = `<!doctype html><title>wygl</title>${' '.repeat(2000)}`;
    const script = `console.log(${'1+'.repeat(2000)}1)`;
    writeFileSync(join(dir, 'index.html'), shell);
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(shell));
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), script);
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(script));
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js.gz'), gzipSync(script));
    const withWeb = await buildApp({ db: t.handle, clock: t.clock, webDist: dir });
    try {
      const get = (url: string, encoding?: string) =>
        withWeb.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
      const br = await get('/assets/app-1a2b3c.js', 'gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
      const gz = await get('/assets/app-1a2b3c.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
      const plain = await get('/assets/app-1a2b3c.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);
      // The shell names the current hashed files, so the browser asks again each time (a 304 when unchanged).
      for (const url of ['/', '/workspace', '/repair/projects/12']) {
        const page = await get(url, 'gzip');
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['cache-control'], url).toBe('no-cache');
        expect(page.headers['content-encoding'], url).toBe('gzip');
        expect(gunzipSync(page.rawPayload).toString(), url).toBe(shell);
      }
    } finally {
      await withWeb.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('§10 error bodies: an unknown /api path answers 404 and a 20 kB URL 414, both as { code, message }', async () => {
    const missing = await t.agent().get('/api/no-such-thing?x=1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'NOT_FOUND', message: expect.stringContaining('/api/no-such-thing') });

    for (const url of [`/api/${'a'.repeat(20_000)}`, `/api/files/${'1'.repeat(20_000)}`, `/api/health?x=${'a'.repeat(20_000)}`]) {
      const res = await t.agent().get(url);
      expect(res.statusCode, url.slice(0, 20)).toBe(414);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['code', 'message']);
      expect(body.code).toBe('URI_TOO_LONG');
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.length).toBeLessThan(500);
    }
  });

  it('§10 error bodies: over a real connection, a request head too large for the HTTP parser still answers { code, message }', async () => {
    const served = await buildApp({ db: t.handle, clock: t.clock });
    try {
      const address = await served.listen({ port: 0, host: '127.0.0.1' });
      const { port } = new URL(address);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: `/api/health?x=${'a'.repeat(20_000)}` }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(431);
      const body = JSON.parse(answer.body);
      expect(Object.keys(body).sort()).toEqual(['code', 'message']);
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await served.close();
    }
  });
});
