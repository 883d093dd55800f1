import { and, gte, lte, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.ts';
import { interestPeriods } from '../../db/schema/index.ts';
import { apportion } from '../../domain/apportion.ts';
import { formatYuan } from '../../domain/money.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { audit } from '../audit/audit.ts';
import { post, systemAccount } from '../../ledger/post.ts';

type Period = { from: string; to: string };

/** Advisory lock key of interest allocation (any constant unique in the platform). */
const INTEREST_LOCK = 640064;

/** An allocated period that shares a day with [from, to], if any (both ends count as days of a period). */
async function overlapping(tx: Tx, p: Period) {
  const [row] = await tx
    .select()
    .from(interestPeriods)
    .where(and(lte(interestPeriods.periodFrom, p.to), gte(interestPeriods.periodTo, p.from)))
    .orderBy(interestPeriods.periodFrom)
    .limit(1);
  return row;
}

function checkInput(input: Period & { amount: bigint }) {
  if (input.to <= input.from) throw invalid('to', '结束日期须晚于开始日期');
  if (input.amount <= 0n) throw invalid('amount', '增值收益金额须大于 0');
}

/**
 * Every open house account's share of `amount`: in proportion to balance × days held in the period,
 * both ends included (the opening balance for every day, an entry from its own day on), R-40
 * rounding, total exact. Accounts with no weight get nothing.
 */
async function interestShares(tx: Tx, input: Period & { amount: bigint }) {
  const weights = await rowsOf<{ account_id: string; area_id: string; area: string; weight: string }>(
    tx,
    sql`select a.id::text as account_id, h.area_id::text as area_id, pa.name as area,
          (coalesce(sum(e.amount) filter (where (e.created_at at time zone 'Asia/Shanghai')::date < ${input.from}::date), 0) * (${input.to}::date + 1 - ${input.from}::date)
           + coalesce(sum(e.amount * (${input.to}::date + 1 - (e.created_at at time zone 'Asia/Shanghai')::date))
                      filter (where (e.created_at at time zone 'Asia/Shanghai')::date >= ${input.from}::date
                                and (e.created_at at time zone 'Asia/Shanghai')::date <= ${input.to}::date), 0))::text as weight
        from ledger_accounts a
        join house_accounts ha on ha.house_id = a.house_id and ha.status = 'open'
        join houses h on h.id = a.house_id
        join property_areas pa on pa.id = h.area_id
        left join ledger_entries e on e.account_id = a.id
        where a.kind = 'house'
        group by a.id, h.area_id, pa.name
        order by a.id`,
  );
  const eligible = weights.filter((w) => BigInt(w.weight) > 0n);
  if (eligible.length === 0) throw invalid('amount', '该期间没有有余额的分户账，无法分配');
  const shares = apportion(
    input.amount,
    eligible.map((w) => BigInt(w.weight)),
  );
  return eligible.map((w, i) => ({
    accountId: Number(w.account_id),
    areaId: Number(w.area_id),
    area: w.area,
    amount: shares[i] as bigint,
  }));
}

/**
 * F-64 试算: what allocating `amount` over the period would give — houses, the largest and smallest
 * share, and the total per area — without posting anything; and whether the period, or a period
 * sharing days with it, has been allocated already.
 */
export async function previewInterest(ctx: Ctx, input: Period & { amount: bigint }) {
  requirePermission(ctx, 'office.config');
  checkInput(input);
  return ctx.db.transaction(async (tx) => {
    const done = await overlapping(tx, input);
    const shares = (await interestShares(tx, input)).filter((s) => s.amount > 0n);
    const byArea = new Map<number, { areaId: number; name: string; houses: number; amount: bigint }>();
    for (const s of shares) {
      const a = byArea.get(s.areaId) ?? { areaId: s.areaId, name: s.area, houses: 0, amount: 0n };
      a.houses++;
      a.amount += s.amount;
      byArea.set(s.areaId, a);
    }
    const amounts = shares.map((s) => Number(s.amount));
    return {
      from: input.from,
      to: input.to,
      amount: Number(input.amount),
      houses: shares.length,
      largest: amounts.reduce((m, a) => Math.max(m, a), 0),
      smallest: amounts.reduce((m, a) => Math.min(m, a), amounts[0] ?? 0),
      areas: [...byArea.values()].map((a) => ({ ...a, amount: Number(a.amount) })),
      allocated: done ? view(done) : null,
    };
  });
}

/**
 * F-64 结息: the interest earned in [from, to] is shared over every open house account in proportion
 * to balance × days held in the period (R-40 rounding, total exact), as one ledger transaction.
 * A period is allocated once: a repeat with the same amount answers with the first allocation; a
 * period sharing days with an allocated one is refused, so no day earns interest twice.
 */
export async function allocateInterest(ctx: Ctx, input: Period & { amount: bigint }) {
  const actor = requirePermission(ctx, 'office.config');
  checkInput(input);
  try {
    return await ctx.db.transaction(async (tx) => {
      // Allocations queue here, so two overlapping periods cannot both pass the check below.
      await tx.execute(sql`select pg_advisory_xact_lock(${INTEREST_LOCK})`);
      const done = await overlapping(tx, input);
      if (done && (done.periodFrom !== input.from || done.periodTo !== input.to))
        throw new AppError(
          409,
          'PERIOD_OVERLAP',
          `${input.from} 至 ${input.to} 与已分配的 ${done.periodFrom} 至 ${done.periodTo} 重叠，同一天的增值收益不能分配两次`,
        );
      if (done) {
        if (done.amount !== input.amount)
          throw new AppError(
            409,
            'PERIOD_DONE',
            `${input.from} 至 ${input.to} 已按 ${formatYuan(done.amount)} 元分配，不能以其他金额再次分配`,
          );
        return { ...view(done), repeated: true };
      }
      const custody = await systemAccount(tx, 'custody');
      const now = ctx.clock.now();
      const entries = (await interestShares(tx, input))
        .filter((e) => e.amount > 0n)
        .map((e) => ({ accountId: e.accountId, amount: e.amount }));
      const transactionId = await post(tx, {
        kind: 'interest',
        reference: `ZZ${input.from.replaceAll('-', '')}-${input.to.replaceAll('-', '')}`,
        memo: `增值收益分配 ${input.from} 至 ${input.to}`,
        createdBy: actor.userId,
        at: now,
        entries: [...entries, { accountId: custody, amount: -input.amount }],
      });
      const [row] = await tx
        .insert(interestPeriods)
        .values({
          periodFrom: input.from,
          periodTo: input.to,
          amount: input.amount,
          houses: entries.length,
          transactionId,
          createdBy: actor.userId,
          createdAt: now,
        })
        .returning();
      await audit(tx, ctx, {
        action: 'interest.allocate',
        entity: 'interest_period',
        entityId: `${input.from}~${input.to}`,
        summary: `分配增值收益 ${formatYuan(input.amount)} 元（${input.from} 至 ${input.to}），${entries.length} 户`,
        after: { from: input.from, to: input.to, amount: String(input.amount), houses: entries.length },
      });
      return { ...view(row as typeof interestPeriods.$inferSelect), repeated: false };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'interest_periods_uq')) throw new AppError(409, 'PERIOD_DONE', '该期间正在或已经分配，请刷新后查看');
    throw err;
  }
}

function view(p: typeof interestPeriods.$inferSelect) {
  return { id: p.id, from: p.periodFrom, to: p.periodTo, amount: Number(p.amount), houses: p.houses, createdAt: p.createdAt };
}

export async function listInterest(ctx: Ctx) {
  requirePermission(ctx, 'office.audit');
  const rows = await ctx.db.select().from(interestPeriods).orderBy(interestPeriods.periodFrom);
  return { items: rows.map(view) };
}
