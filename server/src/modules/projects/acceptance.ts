import { businessDate } from '../../lib/clock.ts';
import { checkSettlement, checkSimpleSettlement } from '../../domain/disbursement.ts';
import { formatYuan } from '../../domain/money.ts';
import type { Ctx } from '../../lib/context.ts';
import { invalid, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { committeeActor, loadProject, touch } from './access.ts';
import { requireAllowed, requireCorrectable } from './actions.ts';
import { debitState, netTransferred } from './debits.ts';
import { recordEvent } from '../workflow/events.ts';

export interface AcceptanceInput {
  date: string;
  result: string;
  settlement: bigint;
  /** Replaces a mistyped acceptance already recorded (R-49), and says why. */
  correctionReason?: string | undefined;
}

/**
 * F-45 项目验收: date, result and settlement. R-49: the settlement is never below what the houses
 * have already paid nor above the budget the owners agreed to; R-47: a simple project settles at
 * its budget. A mistyped acceptance is corrected, with the reason and what it replaces in the audit
 * log, until its notice is published or money is applied for after it.
 */
export async function recordAcceptance(ctx: Ctx, id: number, input: AcceptanceInput) {
  const actor = committeeActor(ctx, 'project.submit');
  if (input.date > businessDate(ctx.clock.now())) {
    throw invalid('date', '验收日期不能晚于今天');
  }
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    const correcting = input.correctionReason !== undefined;
    if (correcting) await requireCorrectable(tx, ctx, p, 'acceptance');
    else await requireAllowed(tx, ctx, p, 'acceptance');
    const transferred = netTransferred(await debitState(tx, id));
    const r49 = checkSettlement(input.settlement, transferred, p.budgetTotal);
    if (r49) throw ruleRefusal(409, 'RULE', 'R-49', r49, { settlement: r49 });
    if (p.type === 'simple') {
      const r47 = checkSimpleSettlement(input.settlement, p.budgetTotal);
      if (r47) throw ruleRefusal(409, 'RULE', 'R-47', r47, { settlement: r47 });
    }
    await touch(tx, ctx, id, {
      acceptanceDate: input.date,
      acceptanceResult: input.result,
      settlementAmount: input.settlement,
      acceptanceRecordedAt: ctx.clock.now(),
    });
    const what = `结算金额 ${formatYuan(input.settlement)} 元：${input.result}`;
    if (correcting) await recordEvent(tx, ctx, { projectId: id }, 'acceptance.corrected', `${what}（更正原因：${input.correctionReason}）`);
    else await recordEvent(tx, ctx, { projectId: id }, 'acceptance', what);
    await audit(tx, ctx, {
      action: correcting ? 'project.acceptance.correct' : 'project.acceptance',
      entity: 'repair_project',
      entityId: id,
      summary: `${correcting ? '更正项目验收' : '项目验收'} ${p.no}：${input.date}，结算金额 ${formatYuan(input.settlement)} 元${
        correcting ? `；原因：${input.correctionReason}` : ''
      }`,
      before: {
        settlementAmount: p.settlementAmount === null ? null : String(p.settlementAmount),
        acceptanceDate: p.acceptanceDate,
        acceptanceResult: p.acceptanceResult,
      },
      after: { ...input, settlement: String(input.settlement) },
    });
  });
}
