import { allocateNumber } from '../../db/numbering.ts';
import { projectRequests } from '../../db/schema/index.ts';
import { checkSimplePayees, type PayeeInput, planMatchesBudget } from '../../domain/disbursement.ts';
import { formatYuan } from '../../domain/money.ts';
import { projectDocType } from '../../domain/required-documents.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { currentRequiredDocuments } from '../settings/required-documents.ts';
import { committeeActor, loadProject, type ProjectRow, TYPE_LABELS, touch } from './access.ts';
import { requireAllowed } from './actions.ts';
import { phasesOf, unbalancedItems } from './facts.ts';
import { checkPayees } from './payees.ts';
import type { Tx } from '../../db/client.ts';
import { shortfallError } from './debits.ts';
import { requireUploaded } from './documents.ts';
import { recordEvent } from '../workflow/events.ts';

/** what must hold of the amounts before the project can be submitted. */
export async function amountProblems(tx: Tx, p: ProjectRow): Promise<{ rule: string; message: string }[]> {
  const problems: { rule: string; message: string }[] = [];
  if (p.budgetTotal <= 0n) problems.push({ rule: 'R-40', message: '预算总额须大于零，请先填写维修设施设备及预算' });
  for (const u of await unbalancedItems(tx, p.id)) {
    const message =
      u.houses === 0
        ? `第 ${u.seq} 项的分摊范围为空`
        : `第 ${u.seq} 项预算 ${formatYuan(BigInt(u.budget))} 元与分摊金额合计 ${formatYuan(BigInt(u.shares))} 元不一致，请“预算分摊”或“分摊合并”`;
    problems.push({ rule: 'R-40', message });
  }
  if (p.type !== 'simple') {
    const plan = planMatchesBudget(await phasesOf(tx, p.id), p.budgetTotal);
    if (plan) problems.push({ rule: 'R-41', message: plan });
  }
  return problems;
}

/** Refuses with every amount problem at once, naming the first one's rule. */
export function refuseAmountProblems(problems: { rule: string; message: string }[]) {
  const [first] = problems;
  if (first) throw ruleRefusal(409, 'RULE', first.rule, problems.map((x) => x.message).join('；'));
}

/**
 * F-43 项目立项 保存并提交: R-43 preconditions (via the allowed actions), R-40/R-41 amounts, and for
 * simple projects the payees (R-47: approval and disbursement are one review), then an upload for
 * each required document (F-62). Editing stops here.
 */
export async function submitApproval(ctx: Ctx, id: number, input: { payees: PayeeInput[]; note: string }) {
  const actor = committeeActor(ctx, 'project.submit');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, actor, id, true);
    await requireAllowed(tx, ctx, p, 'approval');
    refuseAmountProblems(await amountProblems(tx, p));
    let payees: ReturnType<typeof checkPayees> = [];
    if (p.type === 'simple') {
      payees = checkPayees(input.payees);
      const r47 = checkSimplePayees(input.payees, p.budgetTotal);
      if (r47) throw ruleRefusal(400, 'VALIDATION', 'R-47', r47, { payees: r47 });
      // the houses must be able to pay the whole budget now, since approval transfers it.
      await shortfallError(tx, p, p.budgetTotal);
    } else if (input.payees.length > 0) {
      throw new AppError(400, 'VALIDATION', '只有简单拨付维修项目在立项申请时填写收款账户', {
        payees: '只有简单拨付维修项目在立项申请时填写收款账户',
      });
    }
    // F-62 last, so that what the committee must still decide or correct is named first.
    const docType = projectDocType('approval', p.type);
    const required = await currentRequiredDocuments(tx, docType);
    await requireUploaded(tx, id, 'approval', docType, required);
    const no = await allocateNumber(tx, 'LX', now);
    const [r] = await tx
      .insert(projectRequests)
      .values({
        no,
        projectId: id,
        kind: 'approval',
        status: 'submitted',
        amount: p.budgetTotal,
        payees,
        note: input.note,
        submittedBy: actor.userId,
        submittedAt: now,
        requiredDocuments: required,
      })
      .returning();
    await touch(tx, ctx, id, { status: 'submitted' });
    await recordEvent(tx, ctx, { projectId: id }, 'approval.submit', no);
    await audit(tx, ctx, {
      action: 'project.approval.submit',
      entity: 'repair_project',
      entityId: id,
      summary: `提交立项申请 ${no}（${TYPE_LABELS[p.type]} ${p.no}，预算 ${formatYuan(p.budgetTotal)} 元）`,
      after: { no, payees },
    });
    return r as typeof projectRequests.$inferSelect;
  });
}
