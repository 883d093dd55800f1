import { businessDate } from '../lib/clock.ts';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbHandle } from '../db/client.ts';
import { bankApiKeys, buildings, organisations, propertyAreas } from '../db/schema/index.ts';
import type { Ctx } from '../lib/context.ts';
import { actorOf } from '../modules/auth/sessions.ts';
import { confirmDeposit } from '../modules/payments/bank.ts';
import { developerBatchNotices, noticeDetail } from '../modules/payments/service.ts';

export const DEMO_BANK_API_KEY = { keyId: 'ICBCJM-DEMO', secret: 'wygl-demo-bank-secret-2026' };

/**
 * Deposits of the demo city, made through the same use cases as real ones: the developer prints
 * a batch notice per building and the bank confirms most of them; 侨城花园 5栋 and 江景豪庭 1栋
 * keep an unpaid notice to confirm by hand.
 */
export async function seedDemoPayments(handle: DbHandle, now: Date) {
  const db = handle.db;
  const clock = { now: () => now };
  const dev = await actorOf(db, '91440703MA4WJM001Q', 'admin');
  const teller = await actorOf(db, 'ICBCJM', 'teller01');
  const ctx = (actor: typeof dev): Ctx => ({ db, dbKind: handle.kind, clock, actor, ip: 'demo' });
  const [bank] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'ICBCJM'));
  await db.insert(bankApiKeys).values({ ...DEMO_BANK_API_KEY, orgId: bank?.id as number, createdAt: now });

  const areas = await db
    .select()
    .from(propertyAreas)
    .where(inArray(propertyAreas.name, ['侨城花园', '江景豪庭']));
  for (const area of areas) {
    const list = await db.select().from(buildings).where(eq(buildings.areaId, area.id)).orderBy(asc(buildings.id));
    const chosen = area.name === '侨城花园' ? list : list.slice(0, 1);
    const { issued } = await developerBatchNotices(
      ctx(dev),
      area.id,
      chosen.map((b) => b.id),
    );
    for (const [i, no] of issued.entries()) {
      const building = chosen[i]?.name;
      if (area.name === '江景豪庭' || building === '5栋') continue;
      const n = await noticeDetail(ctx(dev), no);
      await confirmDeposit(
        ctx(teller),
        teller.orgId,
        teller.userId,
        {
          noticeNo: no,
          amount: BigInt(n.total),
          channel: '柜台',
          bankRef: `DEMO${String(i + 1).padStart(6, '0')}`,
          bankDate: businessDate(now),
        },
        'workspace',
      );
    }
  }
}
