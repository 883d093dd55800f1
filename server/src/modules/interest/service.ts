import { and, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.ts';
import { interestPeriods } from '../../db/schema/index.ts';
import { apportion } from '../../domain/apportion.ts';
import { formatYuan } from '../../domain/money.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/pg-errors.ts';
import { audit } from '../audit/audit.ts';
import { post, systemAccount } from '../../ledger/post.ts';

/**
 * F-64 结息: the interest earned in [from, to] is shared over every open house account in proportion
 * to balance × days held in the period (R-40 rounding, total exact), as one ledger transaction.
 * A period is allocated once: a repeat with the same amount answers with the first allocation.
 */
export async function allocateInterest(ctx: Ctx, input: { from: string; to: string; amount: bigint }) {
  const actor = requirePermission(ctx, 'office.config');
  if (input.to <= input.from) throw invalid('to', '结束日期须晚于开始日期');
  if (input.amount <= 0n) throw invalid('amount', '增值收益金额须大于 0');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [done] = await tx
        .select()
        .from(interestPeriods)
        .where(and(eq(interestPeriods.periodFrom, input.from), eq(interestPeriods.periodTo, input.to)));
      if (done) {
        if (done.amount !== input.amount)
          throw new AppError(
            409,
            'PERIOD_DONE',
            `${input.from} 至 ${input.to} 已按 ${formatYuan(done.amount)} 元分配，不能以其他金额再次分配`,
          );
        return { ...view(done), repeated: true };
      }
      // Balance × days: the opening balance for the whole period, each later entry from its day on.
      const weights = await rowsOf<{ account_id: string; weight: string }>(
        tx,
        sql`select a.id::text as account_id,
              (coalesce(sum(e.amount) filter (where (e.created_at at time zone 'Asia/Shanghai')::date < ${input.from}::date), 0) * (${input.to}::date - ${input.from}::date)
               + coalesce(sum(e.amount * (${input.to}::date - (e.created_at at time zone 'Asia/Shanghai')::date))
                          filter (where (e.created_at at time zone 'Asia/Shanghai')::date >= ${input.from}::date
                                    and (e.created_at at time zone 'Asia/Shanghai')::date < ${input.to}::date), 0))::text as weight
            from ledger_accounts a
            join house_accounts ha on ha.house_id = a.house_id and ha.status = 'open'
            left join ledger_entries e on e.account_id = a.id
            where a.kind = 'house'
            group by a.id
            order by a.id`,
      );
      const eligible = weights.filter((w) => BigInt(w.weight) > 0n);
      if (eligible.length === 0) throw invalid('amount', '该期间没有有余额的分户账，无法分配');
      const shares = apportion(
        input.amount,
        eligible.map((w) => BigInt(w.weight)),
      );
      const custody = await systemAccount(tx, 'custody');
      const now = ctx.clock.now();
      const entries = eligible
        .map((w, i) => ({ accountId: Number(w.account_id), amount: shares[i] as bigint }))
        .filter((e) => e.amount > 0n);
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
