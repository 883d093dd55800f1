import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ledgerAccounts } from '../src/db/schema/index.ts';
import { post, systemAccount } from '../src/ledger/post.ts';
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

it('R-20 a deposit confirmation does not wait for another deposit still being posted to the custody account', async () => {
  const [held, next] = await oneHouseNotices(t, dev, 2);
  if (!held || !next) throw new Error('no notices');
  const [account] = await t.handle.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.houseId, held.houseId));
  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let posted = () => {};
  const inside = new Promise<void>((r) => {
    posted = r;
  });
  // Another deposit has credited its house and debited custody, and has not committed yet.
  const holder = t.handle.db.transaction(async (tx) => {
    const custody = await systemAccount(tx, 'custody');
    await post(tx, {
      kind: 'deposit',
      reference: 'HELD',
      at: t.clock.now(),
      entries: [
        { accountId: account?.id as number, amount: 500n },
        { accountId: custody, amount: -500n },
      ],
    });
    posted();
    await released;
  });
  await inside;
  try {
    const outcome = await Promise.race([
      bank.confirm(next.no, next.total).then((r) => ({ status: r.statusCode, body: r.body })),
      new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 15_000).unref()),
    ]);
    expect(outcome).not.toBe('waiting');
    expect(outcome === 'waiting' ? 0 : outcome.status, JSON.stringify(outcome)).toBe(200);
  } finally {
    release();
    await holder;
  }
});
