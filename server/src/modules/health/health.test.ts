import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('§10 demo data', () => {
  it('§10 demo banner: a database the demo was loaded into says so to anyone, without login', async () => {
    const res = await t.agent().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', demo: true });
  });
});

describe('§10 sessions and the health check', () => {
  it('§10 a page that asks /api/health first still learns why its session ended: health leaves the session cookie alone', async () => {
    const here = await t.login('QCHYYWH', 'weiyuan');
    const elsewhere = await t.login('QCHYYWH', 'weiyuan');
    // Changing the password signs out the other device.
    const changed = await here.post('/api/auth/password', { oldPassword: 'Wygl@2026', newPassword: 'Weiyuan#2026x' });
    expect(changed.statusCode, changed.body).toBe(200);
    const health = await elsewhere.get('/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.cookies.find((c) => c.name === 'wygl_sid')).toBeUndefined();
    const session = await elsewhere.get('/api/auth/session');
    expect(session.statusCode).toBe(401);
    expect(session.json().code).toBe('SESSION_ENDED');
  });
});
