import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { rowsOf } from '../../db/client.ts';
import { depositRateBp, FIGURE_KINDS, type FlowFigure } from '../../domain/fund-figures.ts';
import { REPLENISH_PERCENT } from '../../domain/replenishment.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { paidKindsSql } from '../payments/standing.ts';

interface AreaRow {
  area_id: string;
  name: string;
  district: string;
  houses: string;
  accounts: string;
  amount_due: string;
  paid_towards_due: string;
  deposited: string;
  refunded: string;
  disbursed: string;
  income: string;
  balance: string;
  flagged: string;
}

const n = (s: string) => Number(s);

/** `sum(sign × amount)` of the entries of one figure's transaction kinds. */
const flowSum = (f: FlowFigure, amount = sql`e.amount`) => {
  const { kinds, sign } = FIGURE_KINDS[f];
  const list = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql`coalesce(sum(${sign < 0 ? sql`-` : sql.empty()}${amount}) filter (where t.kind in (${list})), 0)`;
};

/**
 * F-63 R-52: per area and city-wide — live houses, open accounts, amount due, 交存率, and the flows
 * 已交, 退款, 支出, 收益 with 余额 — built from the ledger over every house account an area ever had,
 * so deposits of houses later cancelled, split or merged stay in 已交 and their closing refunds in
 * 退款. One pass over the house entries, grouped by account, then by area.
 */
export async function fundReport(ctx: Ctx) {
  requirePermission(ctx, 'office.audit');
  const rows = await rowsOf<AreaRow>(
    ctx.db,
    sql`with per_account as (
          select e.account_id,
            ${flowSum('deposited')} as deposited, ${flowSum('refunded')} as refunded,
            ${flowSum('disbursed')} as disbursed, ${flowSum('income')} as income,
            coalesce(sum(e.amount) filter (where t.kind in (${paidKindsSql})), 0) as paid,
            (array_agg(e.amount order by e.id) filter (where t.kind = 'deposit'))[1] as first_deposit
          from ledger_entries e
          join ledger_transactions t on t.id = e.transaction_id
          join ledger_accounts la on la.id = e.account_id and la.kind = 'house'
          group by e.account_id),
        per_house as (
          select h.area_id, h.status = 'normal' as live, ha.status = 'open' as open, ha.amount_due,
            coalesce(la.balance, 0) as balance, coalesce(p.deposited, 0) as deposited, coalesce(p.refunded, 0) as refunded,
            coalesce(p.disbursed, 0) as disbursed, coalesce(p.income, 0) as income, coalesce(p.paid, 0) as paid, p.first_deposit
          from houses h
          join house_accounts ha on ha.house_id = h.id
          left join ledger_accounts la on la.house_id = h.id
          left join per_account p on p.account_id = la.id)
        select a.id::text as area_id, a.name, a.district,
          count(p.area_id) filter (where p.live)::text as houses,
          count(p.area_id) filter (where p.live and p.open)::text as accounts,
          coalesce(sum(p.amount_due) filter (where p.live), 0)::text as amount_due,
          coalesce(sum(least(p.amount_due, greatest(p.paid, 0))) filter (where p.live), 0)::text as paid_towards_due,
          coalesce(sum(p.deposited), 0)::text as deposited, coalesce(sum(p.refunded), 0)::text as refunded,
          coalesce(sum(p.disbursed), 0)::text as disbursed, coalesce(sum(p.income), 0)::text as income,
          coalesce(sum(p.balance), 0)::text as balance,
          count(*) filter (where p.live and p.first_deposit > 0
            and p.balance * 100 < p.first_deposit * ${Number(REPLENISH_PERCENT)})::text as flagged
        from property_areas a left join per_house p on p.area_id = a.id
        group by a.id order by a.district, a.name`,
  );
  const figures = (r: AreaRow) => ({
    houses: n(r.houses),
    accounts: n(r.accounts),
    amountDue: n(r.amount_due),
    deposited: n(r.deposited),
    /** Basis points of the amount due already paid (10000 = 100 %), integer. */
    depositRateBp: depositRateBp(BigInt(r.paid_towards_due), BigInt(r.amount_due)),
    refunded: n(r.refunded),
    disbursed: n(r.disbursed),
    income: n(r.income),
    balance: n(r.balance),
    flagged: n(r.flagged),
  });
  const areas = rows.map((r) => ({ areaId: n(r.area_id), name: r.name, district: r.district, ...figures(r) }));
  // The city row is the sum of the area rows, column by column (the rate from the summed parts).
  const total = (k: Exclude<keyof AreaRow, 'area_id' | 'name' | 'district'>) => String(rows.reduce((s, r) => s + BigInt(r[k]), 0n));
  const city = figures({
    area_id: '0',
    name: '',
    district: '',
    houses: total('houses'),
    accounts: total('accounts'),
    amount_due: total('amount_due'),
    paid_towards_due: total('paid_towards_due'),
    deposited: total('deposited'),
    refunded: total('refunded'),
    disbursed: total('disbursed'),
    income: total('income'),
    balance: total('balance'),
    flagged: total('flagged'),
  });
  const monthly = await rowsOf<{ month: string } & Record<FlowFigure, string>>(
    ctx.db,
    sql`select to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
          ${flowSum('deposited')}::text as deposited, ${flowSum('refunded')}::text as refunded,
          ${flowSum('disbursed')}::text as disbursed, ${flowSum('income')}::text as income
        from ledger_entries e
        join ledger_transactions t on t.id = e.transaction_id
        join ledger_accounts la on la.id = e.account_id and la.kind = 'house'
        group by 1 order by 1`,
  );
  return {
    areas,
    city,
    // Every month with a movement, so the months add up to the city's flows.
    monthly: monthly.map((m) => ({
      month: m.month,
      deposits: n(m.deposited),
      refunds: n(m.refunded),
      disbursements: n(m.disbursed),
      income: n(m.income),
    })),
  };
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

/** Money cells hold numbers in yuan shown to the fen, so the sheet can add them up. */
const YUAN = '#,##0.00';
const yuan = (fen: number) => fen / 100;

/**
 * F-63 导出 Excel: the per-area table with the city total, the months with their total, and the
 * R-31 houses. Money is written as numbers (yuan, two decimals), the rate as a percentage.
 */
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
    { header: '应交金额（元）', width: 18, style: { numFmt: YUAN } },
    { header: '已交金额（元）', width: 18, style: { numFmt: YUAN } },
    { header: '交存率', width: 10, style: { numFmt: '0.00%' } },
    { header: '退款（元）', width: 16, style: { numFmt: YUAN } },
    { header: '支出（元）', width: 16, style: { numFmt: YUAN } },
    { header: '收益（元）', width: 16, style: { numFmt: YUAN } },
    { header: '余额（元）', width: 18, style: { numFmt: YUAN } },
    { header: '续筹提示（户）', width: 14 },
  ];
  areas.getRow(1).font = { bold: true };
  const line = (district: string, name: string, t: (typeof report)['city']) => [
    district,
    name,
    t.houses,
    t.accounts,
    yuan(t.amountDue),
    yuan(t.deposited),
    t.depositRateBp / 10000,
    yuan(t.refunded),
    yuan(t.disbursed),
    yuan(t.income),
    yuan(t.balance),
    t.flagged,
  ];
  for (const a of report.areas) areas.addRow(line(a.district, a.name, a));
  areas.addRow(line('', '全市合计', report.city)).font = { bold: true };

  const monthly = wb.addWorksheet('按月交存与支出');
  monthly.columns = [
    { header: '月份', width: 10 },
    { header: '已交（元）', width: 18, style: { numFmt: YUAN } },
    { header: '退款（元）', width: 18, style: { numFmt: YUAN } },
    { header: '支出（元）', width: 18, style: { numFmt: YUAN } },
    { header: '收益（元）', width: 18, style: { numFmt: YUAN } },
  ];
  monthly.getRow(1).font = { bold: true };
  for (const m of report.monthly) monthly.addRow([m.month, yuan(m.deposits), yuan(m.refunds), yuan(m.disbursements), yuan(m.income)]);
  const c = report.city;
  monthly.addRow(['合计', yuan(c.deposited), yuan(c.refunded), yuan(c.disbursed), yuan(c.income)]).font = { bold: true };

  const houses = wb.addWorksheet('续筹提示房屋');
  houses.columns = [
    { header: '物业区域', width: 20 },
    { header: '楼幢', width: 12 },
    { header: '单元', width: 10 },
    { header: '房号', width: 10 },
    { header: '首次交存（元）', width: 16, style: { numFmt: YUAN } },
    { header: '余额（元）', width: 16, style: { numFmt: YUAN } },
  ];
  houses.getRow(1).font = { bold: true };
  for (const h of flagged.items) houses.addRow([h.area, h.building, h.unit, h.room, yuan(h.firstDeposit), yuan(h.balance)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
