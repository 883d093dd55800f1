import { asc } from 'drizzle-orm';
import { depositStandards } from '../../db/schema/index.ts';
import type { HOUSE_USES, Rate } from '../../domain/deposit-standard.ts';
import { requirePermission, type Ctx } from '../../lib/context.ts';
import { invalid } from '../../lib/errors.ts';
import { businessDate } from '../../lib/clock.ts';
import { audit } from '../audit/audit.ts';
import { checkLedger } from '../../ledger/check.ts';

export interface StandardInput {
  effectiveFrom: string;
  rows: { use: (typeof HOUSE_USES)[number] | '*'; elevator: boolean | null; rate: Rate }[];
}

export async function listStandards(ctx: Ctx) {
  requirePermission(ctx, 'office.orgs');
  const rows = await ctx.db.select().from(depositStandards).orderBy(asc(depositStandards.effectiveFrom), asc(depositStandards.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      effectiveFrom: r.effectiveFrom,
      use: r.use as StandardInput['rows'][number]['use'],
      elevator: r.elevator,
      rate: r.rate as Rate,
      createdAt: r.createdAt,
    })),
  };
}

/**
 * F-62: a new standard takes effect on a future date (or today) and never rewrites the past: rows
 * are only added, so every amount due stays explainable by the standard in force when it was set.
 */
export async function addStandard(ctx: Ctx, input: StandardInput) {
  const actor = requirePermission(ctx, 'office.config');
  if (input.effectiveFrom < businessDate(ctx.clock.now())) throw invalid('effectiveFrom', '生效日期不能早于今天：已执行的标准不能追溯修改');
  if (input.rows.length === 0) throw invalid('rows', '请至少填写一行标准');
  if (
    !input.rows.some((r) => r.use === '*' && r.elevator === null) &&
    !(input.rows.some((r) => r.use === '*' && r.elevator === true) && input.rows.some((r) => r.use === '*' && r.elevator === false))
  ) {
    throw invalid('rows', '须包含适用于全部房屋类型的标准（有电梯、无电梯各一行，或不分电梯一行），以免有房屋无标准可依');
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(depositStandards)
      .values(input.rows.map((r) => ({ ...r, effectiveFrom: input.effectiveFrom, createdBy: actor.userId, createdAt: ctx.clock.now() })));
    await audit(tx, ctx, {
      action: 'config.deposit-standard',
      entity: 'deposit_standard',
      entityId: input.effectiveFrom,
      summary: `新增交存标准，${input.effectiveFrom} 起执行`,
      after: input,
    });
  });
  return listStandards(ctx);
}

/** F-65: the ledger invariants, run on demand by the office. */
export async function runLedgerCheck(ctx: Ctx) {
  requirePermission(ctx, 'office.audit');
  const started = Date.now();
  const breaches = await checkLedger(ctx.db);
  return { checkedAt: ctx.clock.now(), millis: Date.now() - started, breaches };
}
