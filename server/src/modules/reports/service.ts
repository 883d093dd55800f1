import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { REPLENISH_PERCENT } from '../../domain/replenishment.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';

interface AreaRow {
  area_id: string;
  name: string;
  district: string;
  houses: string;
  accounts: string;
  amount_due: string;
  deposited: string;
  balance: string;
  disbursed: string;
  refunded: string;
  flagged: string;
}

const n = (s: string) => Number(s);

/**
 * F-63: per area and city-wide — houses, accounts, amount due, deposited, deposit rate, balance,
 * disbursed, refunded, and houses flagged by R-31 — in one aggregate query.
 */
export async function fundReport(ctx: Ctx) {
  requirePermission(ctx, 'office.audit');
  const rows = await rowsOf<AreaRow>(
    ctx.db,
    sql`with per_house as (
          select h.area_id, h.id as house_id, ha.amount_due, coalesce(la.balance, 0) as balance,
            coalesce(sum(e.amount) filter (where t.kind in ('deposit', 'deposit_reversal')), 0) as deposited,
            coalesce(-sum(e.amount) filter (where t.kind = 'disbursement'), 0) as disbursed,
            coalesce(-sum(e.amount) filter (where t.kind = 'refund'), 0) as refunded,
            (select e2.amount from ledger_entries e2 join ledger_transactions t2 on t2.id = e2.transaction_id
              where e2.account_id = la.id and t2.kind = 'deposit' order by e2.id limit 1) as first_deposit
          from houses h
          join house_accounts ha on ha.house_id = h.id
          left join ledger_accounts la on la.house_id = h.id
          left join ledger_entries e on e.account_id = la.id
          left join ledger_transactions t on t.id = e.transaction_id
          where h.status = 'normal'
          group by h.area_id, h.id, ha.amount_due, la.balance, la.id)
        select a.id::text as area_id, a.name, a.district,
          count(p.house_id)::text as houses, count(p.house_id)::text as accounts,
          coalesce(sum(p.amount_due), 0)::text as amount_due, coalesce(sum(p.deposited), 0)::text as deposited,
          coalesce(sum(p.balance), 0)::text as balance, coalesce(sum(p.disbursed), 0)::text as disbursed,
          coalesce(sum(p.refunded), 0)::text as refunded,
          count(*) filter (where p.first_deposit > 0 and p.balance * 100 < p.first_deposit * ${Number(REPLENISH_PERCENT)})::text as flagged
        from property_areas a left join per_house p on p.area_id = a.id
        group by a.id order by a.district, a.name`,
  );
  const areas = rows.map((r) => ({
    areaId: n(r.area_id),
    name: r.name,
    district: r.district,
    houses: n(r.houses),
    accounts: n(r.accounts),
    amountDue: n(r.amount_due),
    deposited: n(r.deposited),
    balance: n(r.balance),
    disbursed: n(r.disbursed),
    refunded: n(r.refunded),
    flagged: n(r.flagged),
    /** Basis points of the amount due already deposited (10000 = 100 %), integer. */
    depositRateBp: n(r.amount_due) > 0 ? Number((BigInt(r.deposited) * 10000n) / BigInt(r.amount_due)) : 0,
  }));
  const sum = (k: 'houses' | 'accounts' | 'amountDue' | 'deposited' | 'balance' | 'disbursed' | 'refunded' | 'flagged') =>
    areas.reduce((a, r) => a + r[k], 0);
  const city = {
    houses: sum('houses'),
    accounts: sum('accounts'),
    amountDue: sum('amountDue'),
    deposited: sum('deposited'),
    balance: sum('balance'),
    disbursed: sum('disbursed'),
    refunded: sum('refunded'),
    flagged: sum('flagged'),
    depositRateBp: sum('amountDue') > 0 ? Math.floor((sum('deposited') * 10000) / sum('amountDue')) : 0,
  };
  const monthly = await rowsOf<{ month: string; deposits: string; disbursements: string }>(
    ctx.db,
    sql`select to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
          coalesce(sum(e.amount) filter (where t.kind = 'deposit'), 0)::text as deposits,
          coalesce(-sum(e.amount) filter (where t.kind = 'disbursement'), 0)::text as disbursements
        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id join ledger_accounts a on a.id = e.account_id
        where a.kind = 'house' and t.created_at >= ${new Date(ctx.clock.now().getTime() - 366 * 86_400_000)}
        group by 1 order by 1`,
  );
  return { areas, city, monthly: monthly.map((m) => ({ month: m.month, deposits: n(m.deposits), disbursements: n(m.disbursements) })) };
}
