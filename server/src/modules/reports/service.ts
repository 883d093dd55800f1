import { type SQL, sql } from 'drizzle-orm';
import { newWorkbook } from '../../lib/xlsx-export.ts';
import { type Conn, rowsOf } from '../../db/client.ts';
import { depositRateBp, FIGURE_KINDS, FLOW_FIGURES, type FlowFigure } from '../../domain/fund-figures.ts';
import { REPLENISH_PERCENT } from '../../domain/replenishment.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { pageWindow } from '../../lib/paging.ts';
import { paidKindsSql } from '../payments/standing.ts';

interface HouseFigures {
  area_id: string;
  name: string;
  district: string;
  houses: string;
  accounts: string;
  amount_due: string;
  paid_towards_due: string;
  balance: string;
  flagged: string;
}
type Flows = Record<FlowFigure, bigint>;

const n = (s: string) => Number(s);
const noFlows = (): Flows => ({ deposited: 0n, refunded: 0n, disbursed: 0n, income: 0n });

/** `sum(sign × amount)` of the rows of one figure's transaction kinds (`t` is the transaction). */
const flowSum = (f: FlowFigure, amount: SQL) => {
  const { kinds, sign } = FIGURE_KINDS[f];
  const list = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql`coalesce(sum(${sign < 0 ? sql`-` : sql.empty()}${amount}) filter (where t.kind in (${list})), 0)`;
};

/** The house entries' flows by area and month: few groups, whatever the number of accounts. */
const fundFlows = (db: Conn) =>
  rowsOf<{ area_id: string; month: string } & Record<FlowFigure, string>>(
    db,
    sql`with by_transaction as (
          select h.area_id, e.transaction_id, sum(e.amount) as amount
          from ledger_entries e
          join ledger_accounts la on la.id = e.account_id and la.kind = 'house'
          join houses h on h.id = la.house_id
          group by h.area_id, e.transaction_id)
        select f.area_id::text as area_id, to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
          ${flowSum('deposited', sql`f.amount`)}::text as deposited, ${flowSum('refunded', sql`f.amount`)}::text as refunded,
          ${flowSum('disbursed', sql`f.amount`)}::text as disbursed, ${flowSum('income', sql`f.amount`)}::text as income
        from by_transaction f join ledger_transactions t on t.id = f.transaction_id
        group by 1, 2 order by 2`,
  );

/** Live houses, open accounts, amount due, what was paid towards it, balance and R-31 houses, by area. */
const houseFigures = (db: Conn) =>
  rowsOf<HouseFigures>(
    db,
    sql`with live_paid as (
          select e.account_id,
            coalesce(sum(e.amount) filter (where t.kind in (${paidKindsSql})), 0) as paid,
            -- the amount of the earliest deposit entry: the smallest (id, amount) pair
            (min(array[e.id, e.amount]) filter (where t.kind = 'deposit'))[2] as first_deposit
          from ledger_entries e
          join ledger_transactions t on t.id = e.transaction_id
          join ledger_accounts la on la.id = e.account_id and la.kind = 'house'
          join houses h on h.id = la.house_id and h.status = 'normal'
          group by e.account_id),
        per_house as (
          select h.area_id, h.status = 'normal' as live, ha.status = 'open' as open, ha.amount_due,
            coalesce(la.balance, 0) as balance, coalesce(p.paid, 0) as paid, p.first_deposit
          from houses h
          join house_accounts ha on ha.house_id = h.id
          left join ledger_accounts la on la.house_id = h.id
          left join live_paid p on p.account_id = la.id)
        select a.id::text as area_id, a.name, a.district,
          count(p.area_id) filter (where p.live)::text as houses,
          count(p.area_id) filter (where p.live and p.open)::text as accounts,
          coalesce(sum(p.amount_due) filter (where p.live), 0)::text as amount_due,
          coalesce(sum(least(p.amount_due, greatest(p.paid, 0))) filter (where p.live), 0)::text as paid_towards_due,
          coalesce(sum(p.balance), 0)::text as balance,
          count(*) filter (where p.live and p.first_deposit > 0
            and p.balance * 100 < p.first_deposit * ${Number(REPLENISH_PERCENT)})::text as flagged
        from property_areas a left join per_house p on p.area_id = a.id
        group by a.id order by a.district, a.name`,
  );

/**
 * F-63 R-52: per area and city-wide — live houses, open accounts, amount due, 交存率, and the flows
 * 已交, 退款, 支出, 收益 with 余额 — built from the ledger over every house account an area ever had,
 * so deposits of houses later cancelled, split or merged stay in 已交 and their closing refunds in
 * 退款. Two passes over the house entries: the flows by area and month (few groups; the area rows
 * and the months are both sums of them, so they cannot disagree), and what each live house paid
 * with its first deposit (交存率, R-31).
 */
export async function fundReport(ctx: Ctx) {
  requirePermission(ctx, 'office.audit');
  // Both passes read one snapshot, so a posting committed between them cannot break 已交 − 退款 −
  // 支出 + 收益 = 余额; the larger work_mem keeps the per-account grouping of a city's entries in memory.
  const { flows, rows } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    return { flows: await fundFlows(tx), rows: await houseFigures(tx) };
  });
  const flowsOfArea = new Map<string, Flows>();
  const flowsOfMonth = new Map<string, Flows>();
  for (const f of flows) {
    for (const [map, key] of [
      [flowsOfArea, f.area_id],
      [flowsOfMonth, f.month],
    ] as const) {
      const sum = map.get(key) ?? noFlows();
      for (const k of FLOW_FIGURES) sum[k] += BigInt(f[k]);
      map.set(key, sum);
    }
  }
  const figures = (r: Omit<HouseFigures, 'area_id' | 'name' | 'district'>, flow: Flows) => ({
    houses: n(r.houses),
    accounts: n(r.accounts),
    amountDue: n(r.amount_due),
    deposited: Number(flow.deposited),
    /** Basis points of the amount due already paid (10000 = 100 %), integer. */
    depositRateBp: depositRateBp(BigInt(r.paid_towards_due), BigInt(r.amount_due)),
    refunded: Number(flow.refunded),
    disbursed: Number(flow.disbursed),
    income: Number(flow.income),
    balance: n(r.balance),
    flagged: n(r.flagged),
  });
  const areas = rows.map((r) => ({
    areaId: n(r.area_id),
    name: r.name,
    district: r.district,
    ...figures(r, flowsOfArea.get(r.area_id) ?? noFlows()),
  }));
  // The city row is the sum of the area rows, column by column (the rate from the summed parts).
  const total = (k: Exclude<keyof HouseFigures, 'area_id' | 'name' | 'district'>) => String(rows.reduce((s, r) => s + BigInt(r[k]), 0n));
  const cityFlows = noFlows();
  for (const f of flowsOfArea.values()) for (const k of FLOW_FIGURES) cityFlows[k] += f[k];
  const city = figures(
    {
      houses: total('houses'),
      accounts: total('accounts'),
      amount_due: total('amount_due'),
      paid_towards_due: total('paid_towards_due'),
      balance: total('balance'),
      flagged: total('flagged'),
    },
    cityFlows,
  );
  return {
    areas,
    city,
    // Every month with a movement, so the months add up to the city's flows.
    monthly: [...flowsOfMonth].map(([month, m]) => ({
      month,
      deposits: Number(m.deposited),
      refunds: Number(m.refunded),
      disbursements: Number(m.disbursed),
      income: Number(m.income),
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
  const slice = pageWindow(q);
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
        limit ${slice.limit} offset ${slice.offset}`,
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
  const wb = await newWorkbook();
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
