import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organisations, orgDocuments, propertyAreas } from '../../db/schema/index.ts';
import { bigPng, committeeRegistration, DEMO, file, registrationForm, smallPng, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let freeAreaId: number;
let takenAreaId: number;

beforeAll(async () => {
  t = await testApp();
  const areas = await t.handle.db.select().from(propertyAreas);
  freeAreaId = areas.find((a) => a.name === DEMO.areas.free)?.id ?? 0;
  takenAreaId = areas.find((a) => a.name === DEMO.areas.withCommittee)?.id ?? 0;
});
afterAll(() => t.close());

const orgCount = async () => (await t.handle.db.select({ n: count() }).from(organisations))[0]?.n;
const committeeDocs = () => ({ filing: file(smallPng(), '备案证明.png'), directorId: file(smallPng(), '主任身份证.jpg') });

describe('F-1 registration', () => {
  it('F-1 lists the areas to choose from, marking the one that already has a committee', async () => {
    const res = await t.agent().get('/api/public/areas');
    const items = res.json().items as { name: string; hasCommittee: boolean }[];
    expect(items.find((a) => a.name === DEMO.areas.withCommittee)?.hasCommittee).toBe(true);
    expect(items.find((a) => a.name === DEMO.areas.free)?.hasCommittee).toBe(false);
  });

  it('F-1 offers the registration agreement and the documents each type must upload', async () => {
    const res = await t.agent().get('/api/registration/requirements?type=developer');
    expect(res.statusCode).toBe(200);
    expect(res.json().agreement).toContain('机构注册协议');
    expect(res.json().documents.map((d: { label: string }) => d.label)).toContain('营业执照');
  });

  it('F-1 suggests a pinyin organisation code from the area name, avoiding taken codes', async () => {
    const res = await t.agent().get(`/api/registration/code-suggestion?areaId=${freeAreaId}`);
    expect(res.json()).toEqual({ code: 'JJHTYWH' });
    const taken = await t.agent().get(`/api/registration/code-suggestion?areaId=${takenAreaId}`);
    expect(taken.json()).toEqual({ code: 'QCHYYWH2' });
  });

  it('R-1 refuses a 1.5 MB PNG, naming the file and the limit, and saves nothing', async () => {
    const before = await orgCount();
    const res = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(committeeRegistration(freeAreaId), { ...committeeDocs(), filing: file(bigPng(), '大照片.png') }),
      );
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.doc_filing).toContain('大照片.png');
    expect(res.json().fieldErrors.doc_filing).toContain('1M');
    expect(await orgCount()).toBe(before);
  });

  it('R-1 judges by content: a PDF renamed to .png is refused', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    const res = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(committeeRegistration(freeAreaId), { ...committeeDocs(), directorId: file(pdf, '身份证.png') }),
      );
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.doc_directorId).toContain('身份证.png');
    expect(res.json().fieldErrors.doc_directorId).toContain('不是有效的图片');
  });

  it('R-1 refuses a real image with a wrong extension (.gif) and reports every problem at once', async () => {
    const res = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(committeeRegistration(freeAreaId, { phone: '12', password: 'short' }), { filing: file(smallPng(), 'scan.gif') }),
      );
    expect(res.statusCode).toBe(400);
    const errors = res.json().fieldErrors;
    expect(errors.doc_filing).toContain('scan.gif');
    expect(errors.doc_directorId).toContain('请上传要件');
    expect(errors.phone).toContain('联系电话');
    expect(errors.password).toContain('至少 8 位');
  });

  it('F-1 refuses a registration whose agreement was not accepted', async () => {
    const res = await t
      .agent()
      .postForm('/api/registration', registrationForm(committeeRegistration(freeAreaId, { agreementAccepted: false }), committeeDocs()));
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.agreementAccepted).toContain('机构注册协议');
  });

  it('F-1 registers a committee with valid documents; it can log in at once and its documents are kept', async () => {
    const res = await t.agent().postForm('/api/registration', registrationForm(committeeRegistration(freeAreaId), committeeDocs()));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.code).toBe('JJHTYWH');
    expect(body.registrationNo).toMatch(/^ZC\d{8}\d{4}$/);
    expect(body.status).toBe('active');
    const docs = await t.handle.db.select().from(orgDocuments).where(eq(orgDocuments.orgId, body.orgId));
    expect(docs.map((d) => d.kind).sort()).toEqual(['directorId', 'filing']);
    const agent = await t.login('jjhtywh', 'admin', VALID_PASSWORD);
    const me = await agent.get('/api/org');
    expect(me.json().area.name).toBe(DEMO.areas.free);
    expect(me.json().documents).toHaveLength(2);
    const [logged] = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'org.register'));
    expect(logged?.orgId).toBe(body.orgId);
    expect(JSON.stringify(logged?.after)).not.toContain(VALID_PASSWORD);
  });

  it('R-2 refuses an organisation code that is already registered', async () => {
    const res = await t
      .agent()
      .postForm(
        '/api/registration',
        registrationForm(
          { ...committeeRegistration(freeAreaId), type: 'developer', code: DEMO.developer.code.toLowerCase(), areaId: undefined },
          { businessLicence: file(smallPng(), 'a.png'), qualification: file(smallPng(), 'b.png'), legalRepId: file(smallPng(), 'c.png') },
        ),
      );
    expect(res.statusCode).toBe(409);
    expect(res.json().fieldErrors.code).toContain('已被注册');
  });

  it('§10 handover: a second committee for an area that already has one is a handover request without access', async () => {
    const res = await t
      .agent()
      .postForm('/api/registration', registrationForm(committeeRegistration(takenAreaId, { code: 'OTHERYWH' }), committeeDocs()));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('pending');
    const login = await t.agent().post('/api/auth/login', { orgCode: 'OTHERYWH', username: 'admin', password: VALID_PASSWORD });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('ORG_PENDING');
    const [logged] = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'organisation'), eq(auditLog.entityId, String(res.json().orgId))));
    expect(logged?.summary).toContain('换届申请');
  });

  it('F-1 registers a developer, whose administrator gets the developer admin role', async () => {
    const res = await t.agent().postForm(
      '/api/registration',
      registrationForm(
        { ...committeeRegistration(0), type: 'developer', name: '江门市新城地产有限公司', code: '91440700MA5NEW000L', areaId: undefined },
        {
          businessLicence: file(smallPng(), '执照.png'),
          qualification: file(smallPng(), '资质.png'),
          legalRepId: file(smallPng(), '身份证.png'),
        },
      ),
    );
    expect(res.statusCode).toBe(201);
    const agent = await t.login('91440700MA5NEW000L', 'admin', VALID_PASSWORD);
    const session = (await agent.get('/api/auth/session')).json();
    expect(session.org.type).toBe('developer');
    expect(session.permissions).toContain('registry.submit');
  });

  it('R-2 refuses a 统一社会信用代码 whose check digit is wrong (GB 32100-2015), naming the field, and registers nothing', async () => {
    const before = await orgCount();
    const res = await t.agent().postForm(
      '/api/registration',
      registrationForm(
        // The check character of 91440700MA5NEW002 is not Q.
        { ...committeeRegistration(0), type: 'developer', name: '江门市错码地产有限公司', code: '91440700MA5NEW002Q', areaId: undefined },
        {
          businessLicence: file(smallPng(), '执照.png'),
          qualification: file(smallPng(), '资质.png'),
          legalRepId: file(smallPng(), '身份证.png'),
        },
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.code).toContain('统一社会信用代码');
    expect(await orgCount()).toBe(before);
  });

  it('F-1 refuses a cross-site registration post', async () => {
    const cross = await t
      .agent()
      .request('POST', '/api/registration', '{}', { origin: 'https://evil.example', 'content-type': 'application/json' });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('CSRF');
  });
});
