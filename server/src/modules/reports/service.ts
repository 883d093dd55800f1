import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { rowsOf } from '../../db/client.ts';
import { formatYuan } from '../../domain/money.ts';
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
            coalesce(-sum(e.amount) filter (where t.kind in ('project_transfer', 'project_refund')), 0) as disbursed,
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
          coalesce(-sum(e.amount) filter (where t.kind in ('project_transfer', 'project_refund')), 0)::text as disbursements
        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id join ledger_accounts a on a.id = e.account_id
        where a.kind = 'house' and t.created_at >= ${new Date(ctx.clock.now().getTime() - 366 * 86_400_000)}
        group by 1 order by 1`,
  );
  return { areas, city, monthly: monthly.map((m) => ({ month: m.month, deposits: n(m.deposits), disbursements: n(m.disbursements) })) };
}

interface FlaggedRow {
  house_id: string;
  area: string;
  building: string;
  unit: string;
  room: string;
  first_deposit: string;
  balance: string;
  total: string;
}

/** R-31 续筹提示: the houses whose balance is below 30 % of their first deposit, one area or all, a page at a time. */
export async function flaggedHouses(ctx: Ctx, q: { areaId?: number; page: number; pageSize: number }) {
  requirePermission(ctx, 'office.audit');
  const rows = await rowsOf<FlaggedRow>(
    ctx.db,
    sql`with first_deposits as (
          select distinct on (e.account_id) e.account_id, e.amount
          from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
          where t.kind = 'deposit'
          order by e.account_id, e.id)
        select h.id::text as house_id, a.name as area, b.name as building, u.name as unit, h.room,
          f.amount::text as first_deposit, la.balance::text as balance, count(*) over ()::text as total
        from houses h
        join property_areas a on a.id = h.area_id
        join buildings b on b.id = h.building_id
        join ledger_accounts la on la.house_id = h.id
        join first_deposits f on f.account_id = la.id
        join units u on u.id = h.unit_id
        where h.status = 'normal' and f.amount > 0 and la.balance * 100 < f.amount * ${Number(REPLENISH_PERCENT)}
          ${q.areaId ? sql`and h.area_id = ${q.areaId}` : sql.empty()}
        order by a.name, b.id, u.name, h.floor, h.room
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    total: n(rows[0]?.total ?? '0'),
    items: rows.map((r) => ({
      houseId: n(r.house_id),
      area: r.area,
      building: r.building,
      unit: r.unit,
      room: r.room,
      firstDeposit: n(r.first_deposit),
      balance: n(r.balance),
    })),
  };
}

const percent = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

/** F-63 导出 Excel: the per-area table with the city total, the monthly series and the R-31 houses. */
export async function fundReportWorkbook(ctx: Ctx): Promise<Buffer> {
  const report = await fundReport(ctx);
  const flagged = await flaggedHouses(ctx, { page: 1, pageSize: 100_000 });
  const wb = new ExcelJS.Workbook();
  const areas = wb.addWorksheet('按物业区域');
  areas.columns = [
    { header: '行政区', width: 10 },
    { header: '物业区域', width: 20 },
    { header: '房屋（套）', width: 12 },
    { header: '已开户（户）', width: 12 },
    { header: '应交金额（元）', width: 18 },
    { header: '已交金额（元）', width: 18 },
    { header: '交存率', width: 10 },
    { header: '余额（元）', width: 18 },
    { header: '支出（元）', width: 16 },
    { header: '退款（元）', width: 16 },
    { header: '续筹提示（户）', width: 14 },
  ];
  areas.getRow(1).font = { bold: true };
  const line = (district: string, name: string, t: (typeof report)['city']) => [
    district,
    name,
    t.houses,
    t.accounts,
    formatYuan(t.amountDue),
    formatYuan(t.deposited),
    percent(t.depositRateBp),
    formatYuan(t.balance),
    formatYuan(t.disbursed),
    formatYuan(t.refunded),
    t.flagged,
  ];
  for (const a of report.areas) areas.addRow(line(a.district, a.name, a));
  areas.addRow(line('', '全市合计', report.city)).font = { bold: true };

  const monthly = wb.addWorksheet('按月交存与支出');
  monthly.columns = [
    { header: '月份', width: 10 },
    { header: '交存（元）', width: 18 },
    { header: '支出（元）', width: 18 },
  ];
  monthly.getRow(1).font = { bold: true };
  for (const m of report.monthly) monthly.addRow([m.month, formatYuan(m.deposits), formatYuan(m.disbursements)]);

  const houses = wb.addWorksheet('续筹提示房屋');
  houses.columns = [
    { header: '物业区域', width: 20 },
    { header: '楼幢', width: 12 },
    { header: '单元', width: 10 },
    { header: '房号', width: 10 },
    { header: '首次交存（元）', width: 16 },
    { header: '余额（元）', width: 16 },
  ];
  houses.getRow(1).font = { bold: true };
  for (const h of flagged.items) houses.addRow([h.area, h.building, h.unit, h.room, formatYuan(h.firstDeposit), formatYuan(h.balance)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
