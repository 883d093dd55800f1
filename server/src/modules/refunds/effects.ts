import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { paymentNotices } from '../../db/schema/index.ts';
import { splitAreaWarning } from '../../domain/area.ts';
import { moveBalances } from '../../domain/balance-move.ts';
import type { ParsedHouse } from '../../domain/house-row.ts';
import { accountNameWarning } from '../../domain/refund-account.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { loadApplication } from '../applications/service.ts';
import { type HouseSnapshot, houseLabel, itemsOf, type refundAccountSchema } from '../applications/shared.ts';
import { liftChanges } from '../applications/types/building-change.ts';
import { dueEffects } from '../applications/types/house-change.ts';
import { standingOf } from '../payments/standing.ts';
import { loadStandards } from '../standards/store.ts';
import { refundsOfApplication } from './service.ts';

type Account = z.infer<typeof refundAccountSchema>;

const warningOf = (account: Account | null, before: unknown) =>
  account ? accountNameWarning(account.accountName, (before as HouseSnapshot | null)?.owners ?? []) : null;

/**
 * The money side of a registry application, for its page and its 退款申请表: before approval what
 * it would collect or refund per house (R-12 from the new amounts due, R-13 the whole balance);
 * after approval the refund instructions and 补交 notices it produced.
 */
export async function applicationFund(ctx: Ctx, id: number) {
  const actor = ctx.actor;
  if (!actor) throw notFound('业务单');
  return ctx.db.transaction(async (tx) => {
    const app = await loadApplication(tx, actor, id);
    const open = app.status !== 'approved' && app.status !== 'withdrawn';
    const effects: {
      houseId: number;
      house: string;
      oldDue: number | null;
      newDue: number | null;
      paid: number;
      balance: number;
      supplement: number;
      refund: number;
      account: Account | null;
      /** The account's name is none of the house's owners': shown, not refused — an heir or a company may be paid. */
      accountWarning: string | null;
    }[] = [];
    if (open && app.type === 'house_change') {
      const items = new Map(
        (await itemsOf<{ houseId: number; refundAccount?: Account | null }>(tx, app, 'house')).map((i) => [i.data.houseId, i]),
      );
      for (const e of await dueEffects(tx, app, await loadStandards(tx), ctx.clock.now())) {
        if (e.supplement === 0n && e.refund === 0n) continue;
        const i = items.get(e.houseId);
        const account = e.refund > 0n ? (i?.data.refundAccount ?? null) : null;
        effects.push({
          houseId: e.houseId,
          house: e.house,
          oldDue: Number(e.oldDue),
          newDue: Number(e.newDue),
          paid: Number(e.paid),
          balance: Number(e.balance),
          supplement: Number(e.supplement),
          refund: Number(e.refund),
          account,
          accountWarning: warningOf(account, i?.before),
        });
      }
    }
    if (open && app.type === 'building_change') {
      for (const l of await liftChanges(tx, app, await loadStandards(tx), ctx.clock.now())) {
        if (l.supplement === 0n && l.refund === 0n) continue;
        effects.push({
          houseId: l.houseId,
          house: l.house,
          oldDue: Number(l.oldDue),
          newDue: l.nextDue === null ? null : Number(l.nextDue),
          paid: Number(l.paid),
          balance: Number(l.balance),
          supplement: Number(l.supplement),
          refund: Number(l.refund),
          account: null,
          accountWarning: null,
        });
      }
    }
    if (open && app.type === 'house_cancellation') {
      const items = await itemsOf<{ houseId: number; refundAccount: Account | null }>(tx, app, 'house');
      const standing = await standingOf(
        tx,
        items.map((i) => i.data.houseId),
      );
      for (const i of items) {
        const s = standing.get(i.data.houseId);
        if (!s || s.balance === 0n) continue;
        effects.push({
          houseId: i.data.houseId,
          house: houseLabel(i.before as HouseSnapshot),
          oldDue: null,
          newDue: null,
          paid: Number(s.deposited),
          balance: Number(s.balance),
          supplement: 0,
          refund: Number(s.balance),
          account: i.data.refundAccount,
          accountWarning: warningOf(i.data.refundAccount, i.before),
        });
      }
    }
    // F-14 R-11: where the sources' balance goes, and whether the areas add up, before anyone approves.
    let moves: { house: string; buildingArea: number; balance: number }[] = [];
    let areaWarning: string | null = null;
    if (open && app.type === 'house_split_merge') {
      const sources = await itemsOf<{ houseId: number }>(tx, app, 'source');
      const results = (await itemsOf<ParsedHouse>(tx, app, 'result')).map((r) => r.data);
      if (sources.length > 0 && results.length > 0) {
        const standing = await standingOf(
          tx,
          sources.map((s) => s.data.houseId),
        );
        const shares = moveBalances(
          sources.map((s) => standing.get(s.data.houseId)?.balance ?? 0n),
          results.map((r) => r.buildingArea),
        );
        moves = results.map((r, k) => ({ house: houseLabel(r), buildingArea: r.buildingArea, balance: Number(shares[k] ?? 0n) }));
        const before = sources.reduce((a, s) => a + ((s.before as HouseSnapshot | null)?.buildingArea ?? 0), 0);
        areaWarning = splitAreaWarning(
          before,
          results.reduce((a, r) => a + r.buildingArea, 0),
        );
      }
    }
    const notices = await tx
      .select({ no: paymentNotices.no, total: paymentNotices.total, status: paymentNotices.status })
      .from(paymentNotices)
      .where(eq(paymentNotices.applicationId, id))
      .orderBy(asc(paymentNotices.id));
    return {
      applicationNo: app.no,
      effects,
      refundTotal: effects.reduce((a, e) => a + e.refund, 0),
      supplementTotal: effects.reduce((a, e) => a + e.supplement, 0),
      refunds: await refundsOfApplication(tx, id, actor),
      moves,
      areaWarning,
      notices: notices.map((n) => ({ ...n, total: Number(n.total) })),
    };
  });
}
