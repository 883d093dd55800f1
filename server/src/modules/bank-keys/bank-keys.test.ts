import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bankApiKeys, organisations, paymentNotices } from '../../db/schema/index.ts';
import { hashPassword } from '../../lib/password.ts';
import { DEMO, VALID_PASSWORD } from '../../../test/fixtures.ts';
import { type Agent, testApp, type TestApp } from '../../../test/harness.ts';
import { insertOrganisation } from '../organisations/create.ts';
import { BANK_API_HEADERS, sign } from '../payments/bank-api-auth.ts';

let t: TestApp;
let office: Agent;
let demoBankId: number;
let otherBankId: number;

beforeAll(async () => {
  t = await testApp();
  office = await t.login(DEMO.office.code, DEMO.office.admin);
  const list = (await office.get('/api/office/bank-keys')).json();
  demoBankId = list.banks.find((b: { code: string }) => b.code === DEMO.bank.code).id;
  // A second bank: banks are set up directly, like the office, not through registration.
  const passwordHash = await hashPassword(VALID_PASSWORD);
  const made = await t.handle.db.transaction((tx) =>
    insertOrganisation(
      tx,
      {
        type: 'bank',
        name: '中国建设银行江门分行',
        code: 'CCBJM',
        contactPerson: '林静',
        phone: '0750-3333333',
        address: '江门',
        legalRepresentative: '林静',
      },
      [{ username: 'teller01', name: '林静', mobile: '13800000099', roles: ['teller'] }],
      passwordHash,
      t.clock.now(),
    ),
  );
  otherBankId = made.orgId;
});
afterAll(async () => {
  await t.close();
});

const today = '2026-11-22';

async function unpaidNotice() {
  const [n] = await t.handle.db.select().from(paymentNotices).where(eq(paymentNotices.status, 'unpaid')).limit(1);
  if (!n) throw new Error('the demo has no unpaid notice');
  return n;
}

let sequence = 0;
async function signedConfirm(keyId: string, secret: string, path: string, body: object) {
  const raw = JSON.stringify(body);
  t.clock.advance(1000 + sequence++);
  const ts = String(Math.floor(t.clock.now().getTime() / 1000));
  return t.app.inject({
    method: 'POST',
    url: path,
    payload: raw,
    headers: {
      'content-type': 'application/json',
      [BANK_API_HEADERS.key]: keyId,
      [BANK_API_HEADERS.timestamp]: ts,
      [BANK_API_HEADERS.signature]: sign(secret, ts, 'POST', path, raw),
    },
  });
}

const deposits = '/api/bank-api/v1/deposits/confirm';
/** A confirmation of a notice that does not exist: a key that authenticates reaches the 404. */
const probe = { noticeNo: 'JK000000000000', amount: 100, channel: '柜台', bankRef: 'PROBE', bankDate: today };

async function issue(bankOrgId: number) {
  const res = await office.post('/api/office/bank-keys', { bankOrgId });
  expect(res.statusCode).toBe(200);
  return res.json() as { keyId: string; secret: string };
}

describe('§10 bank API keys managed by the office', () => {
  it('§10 bank keys: a key issued in the workspace shows its secret once, and a request signed with it confirms a deposit', async () => {
    const { keyId, secret } = await issue(demoBankId);
    expect(keyId).toMatch(/^ICBCJM-[0-9A-F]{8}$/);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    const list = await office.get('/api/office/bank-keys');
    expect(list.body).not.toContain(secret);
    expect(list.json().items.find((k: { keyId: string }) => k.keyId === keyId)).toMatchObject({
      bankCode: DEMO.bank.code,
      status: 'active',
      lastUsedAt: null,
    });

    const n = await unpaidNotice();
    const res = await signedConfirm(keyId, secret, deposits, {
      noticeNo: n.no,
      amount: Number(n.total),
      channel: '网上银行',
      bankRef: 'KEY-1',
      bankDate: today,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ noticeNo: n.no, status: 'paid', repeated: false });
    const used = (await office.get('/api/office/bank-keys')).json().items.find((k: { keyId: string }) => k.keyId === keyId);
    expect(used.lastUsedAt).not.toBeNull();

    const logged = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'bank_api_key'), eq(auditLog.entityId, keyId)));
    expect(logged.map((e) => e.action)).toEqual(['bank-key.issue']);
    expect(JSON.stringify(logged)).not.toContain(secret);
  });

  it('§10 bank keys: a revoked key is refused at once', async () => {
    const { keyId, secret } = await issue(demoBankId);
    expect((await signedConfirm(keyId, secret, deposits, probe)).statusCode).toBe(404);
    const revoked = await office.post(`/api/office/bank-keys/${keyId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    const listed = revoked.json().items.find((k: { keyId: string }) => k.keyId === keyId);
    expect(listed.status).toBe('revoked');
    const res = await signedConfirm(keyId, secret, deposits, probe);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('BANK_API_AUTH');
    // The list offers no step on it, for the reason the use case refuses one with.
    const refusal = await office.post(`/api/office/bank-keys/${keyId}/rotate`);
    expect(refusal.statusCode).toBe(409);
    expect(listed.actions).toEqual(
      ['rotate', 'revoke'].map((action) => ({ action, allowed: false, blockedBy: { message: refusal.json().message } })),
    );
  });

  it("§10 bank keys: another bank's key cannot confirm this bank's notice, refund or transfer", async () => {
    const { keyId, secret } = await issue(otherBankId);
    const n = await unpaidNotice();
    const res = await signedConfirm(keyId, secret, deposits, {
      noticeNo: n.no,
      amount: Number(n.total),
      channel: '柜台',
      bankRef: 'OTHER',
      bankDate: today,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'NOT_CUSTODIAN_BANK' });
    expect(res.json().message).toContain('专户开户银行');
    const [still] = await t.handle.db.select().from(paymentNotices).where(eq(paymentNotices.id, n.id));
    expect(still?.status).toBe('unpaid');
    // Refused before the number is looked up: the other bank learns nothing about it.
    const refund = await signedConfirm(keyId, secret, '/api/bank-api/v1/refunds/confirm', {
      refundNo: 'TK000000000000',
      amount: 1,
      channel: '柜台',
      bankRef: 'X',
      bankDate: today,
    });
    expect(refund.statusCode).toBe(403);
    const transfer = await signedConfirm(keyId, secret, '/api/bank-api/v1/project-transfers/confirm', {
      number: 'BF000000000000',
      amount: 1,
      bankRef: 'X',
      bankDate: today,
    });
    expect(transfer.statusCode).toBe(403);
    // Its staff in the bank workspace are refused alike.
    const teller = await t.login('CCBJM', 'teller01', VALID_PASSWORD);
    const desk = await teller.post('/api/bank/deposits/confirm', {
      noticeNo: n.no,
      amount: Number(n.total),
      channel: '柜台',
      bankRef: 'DESK',
      bankDate: today,
    });
    expect(desk.statusCode).toBe(403);
  });

  it('§10 bank keys: only the office administrator manages keys', async () => {
    const acceptor = await t.login(DEMO.office.code, DEMO.office.acceptor);
    expect((await acceptor.get('/api/office/bank-keys')).statusCode).toBe(403);
    expect((await acceptor.post('/api/office/bank-keys', { bankOrgId: demoBankId })).statusCode).toBe(403);
    const bankAdmin = await t.login(DEMO.bank.code, DEMO.bank.admin);
    expect((await bankAdmin.post('/api/office/bank-keys', { bankOrgId: demoBankId })).statusCode).toBe(403);
    const [own] = await t.handle.db.select().from(organisations).where(eq(organisations.code, DEMO.office.code));
    const notBank = await office.post('/api/office/bank-keys', { bankOrgId: own?.id });
    expect(notBank.statusCode).toBe(404);
  });

  it('§10 bank keys: the office names the bank keeping the custody account, and only that bank confirms', async () => {
    const { keyId, secret } = await issue(otherBankId);
    const set = await office.put('/api/office/custodian-bank', { bankOrgId: otherBankId });
    expect(set.statusCode).toBe(200);
    expect(set.json().custodianBankId).toBe(otherBankId);
    expect((await signedConfirm(keyId, secret, deposits, probe)).statusCode).toBe(404);
    const back = await office.put('/api/office/custodian-bank', { bankOrgId: demoBankId });
    expect(back.json().custodianBankId).toBe(demoBankId);
    expect((await signedConfirm(keyId, secret, deposits, probe)).statusCode).toBe(403);
  });
  it('§10 bank keys: after a rotation the new secret works, the old one only for 24 hours', async () => {
    const { keyId, secret: old } = await issue(demoBankId);
    const rotated = await office.post(`/api/office/bank-keys/${keyId}/rotate`);
    expect(rotated.statusCode).toBe(200);
    const { secret: fresh, keyId: same } = rotated.json();
    expect(same).toBe(keyId);
    expect(fresh).not.toBe(old);
    expect((await signedConfirm(keyId, fresh, deposits, probe)).statusCode).toBe(404);
    expect((await signedConfirm(keyId, old, deposits, probe)).statusCode).toBe(404);
    t.clock.advance(24 * 3600_000 + 60_000);
    office = await t.login(DEMO.office.code, DEMO.office.admin);
    expect((await signedConfirm(keyId, old, deposits, probe)).statusCode).toBe(401);
    expect((await signedConfirm(keyId, fresh, deposits, probe)).statusCode).toBe(404);
    const [row] = await t.handle.db.select().from(bankApiKeys).where(eq(bankApiKeys.keyId, keyId));
    expect(row?.rotatedAt).not.toBeNull();
    const logged = await t.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'bank_api_key'), eq(auditLog.entityId, keyId)));
    expect(JSON.stringify(logged)).not.toContain(fresh);
  });
});
