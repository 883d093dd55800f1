import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkLedger } from '../src/ledger/check.ts';
import { fundBalance, ledgerTotal } from '../src/ledger/balances.ts';
import { bankSystem, oneHouseNotices } from './bank-api-fixtures.ts';
import { DEMO } from './fixtures.ts';
import { type Agent, testApp, type TestApp } from './harness.ts';

let t: TestApp;
let dev: Agent;
let bank: Awaited<ReturnType<typeof bankSystem>>;

beforeAll(async () => {
  t = await testApp();
  dev = await t.login(DEMO.developer.code, DEMO.developer.admin);
  bank = await bankSystem(t);
});
afterAll(() => t.close());

it('R-20 R-21 40 parallel bank-API confirmations of distinct notices all post; the ledger check passes and custody mirrors every other account', async () => {
  const notices = await oneHouseNotices(t, dev, 40);
  const custody0 = await fundBalance(t.handle.db, 'custody');
  const results = await Promise.all(notices.map((n) => bank.confirm(n.no, n.total)));
  for (const r of results) expect(r.statusCode, r.body).toBe(200);
  expect(results.every((r) => r.json().repeated === false)).toBe(true);
  const paid = notices.reduce((a, n) => a + BigInt(n.total), 0n);
  expect(await fundBalance(t.handle.db, 'custody')).toBe(custody0 - paid);
  // Every movement balances, so the custody account is minus the sum of every other account.
  expect(await ledgerTotal(t.handle.db)).toBe(0n);
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

it('R-22 the same notice confirmed by 12 parallel requests posts once; each answers with the first result', async () => {
  const [n] = await oneHouseNotices(t, dev, 1);
  if (!n) throw new Error('no notice');
  const custody0 = await fundBalance(t.handle.db, 'custody');
  const results = await Promise.all(Array.from({ length: 12 }, () => bank.confirm(n.no, n.total)));
  for (const r of results) expect(r.statusCode, r.body).toBe(200);
  expect(results.filter((r) => r.json().repeated === false)).toHaveLength(1);
  expect(new Set(results.map((r) => r.json().confirmationId)).size).toBe(1);
  expect(await fundBalance(t.handle.db, 'custody')).toBe(custody0 - BigInt(n.total));
  expect(await checkLedger(t.handle.db)).toEqual([]);
});

it('F-71 one signed request sent 6 times at once is accepted once; the others are refused as replays', async () => {
  const [n] = await oneHouseNotices(t, dev, 1);
  if (!n) throw new Error('no notice');
  const send = bank.signed(n.no, n.total);
  const results = await Promise.all(Array.from({ length: 6 }, () => send()));
  expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401, 401]);
  for (const r of results.filter((x) => x.statusCode === 401)) expect(r.json().message).toContain('重复的请求');
  expect(await checkLedger(t.handle.db)).toEqual([]);
});
