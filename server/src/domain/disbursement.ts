import { formatYuan } from './money.ts';

/**
 * Disbursement guards of repair projects (SPEC §7.2, R-41…R-50). Amounts are fen; each check
 * answers null when the operation may go ahead, else the Chinese reason with the amounts in yuan.
 */

const yuan = (fen: bigint) => `${formatYuan(fen)} 元`;
const sum = (amounts: readonly bigint[]) => amounts.reduce((a, b) => a + b, 0n);

/** the share of the budget total that may be applied for before acceptance, in percent. */
export const ACCEPTANCE_BEFORE_PERCENT = 70;

/** the disbursement plan's phases (each positive) sum exactly to the budget total. */
export function planMatchesBudget(phases: readonly { amount: bigint }[], budgetTotal: bigint): string | null {
  if (phases.length === 0) return '请填写拨付计划（至少一期）';
  const bad = phases.findIndex((p) => p.amount <= 0n);
  if (bad >= 0) return `第 ${bad + 1} 期拨付金额须大于零`;
  const total = sum(phases.map((p) => p.amount));
  if (total !== budgetTotal) return `拨付计划合计 ${yuan(total)}与预算总额 ${yuan(budgetTotal)}不一致`;
  return null;
}

/**
 * R-45 / F-44: what may still be applied for in a phase, given every application counted against it
 * (pending, approved or transferred; refused ones are not passed in). Never below zero, since the
 * form proposes it as the amount.
 */
export function phaseRemaining(planAmount: bigint, applied: readonly bigint[]): bigint {
  const left = planAmount - sum(applied);
  return left > 0n ? left : 0n;
}

/**
 * R-45 with F-46: what confirmed refunds gave back, per phase. A refund takes from its chosen
 * disbursements in order, each up to what earlier refunds left of it; money given back may be
 * applied for again in its phase, so a project refunded after its last transfer can still be paid
 * up to its settlement instead of being left with nothing but cancellation.
 */
export function refundedByPhase(
  disbursements: readonly { id: number; phaseId: number | null; amount: bigint }[],
  refunds: readonly { amount: bigint; sourceIds: readonly number[] }[],
): Map<number, bigint> {
  const left = new Map(disbursements.map((d) => [d.id, d.amount]));
  const phaseOf = new Map(disbursements.map((d) => [d.id, d.phaseId]));
  const out = new Map<number, bigint>();
  for (const r of refunds) {
    let rest = r.amount;
    for (const id of r.sourceIds) {
      const available = left.get(id) ?? 0n;
      const taken = rest < available ? rest : available;
      if (taken <= 0n) continue;
      left.set(id, available - taken);
      rest -= taken;
      const phase = phaseOf.get(id);
      if (phase != null) out.set(phase, (out.get(phase) ?? 0n) + taken);
    }
  }
  return out;
}

/** an application of `requested` fen keeps the phase's applications within its plan amount. */
export function checkPhaseCap(planAmount: bigint, alreadyApplied: bigint, requested: bigint): string | null {
  if (requested <= 0n) return '申请拨付金额须大于零';
  if (alreadyApplied + requested > planAmount) {
    const left = planAmount > alreadyApplied ? planAmount - alreadyApplied : 0n;
    return `本期计划拨付 ${yuan(planAmount)}，已申请 ${yuan(alreadyApplied)}，尚可申请 ${yuan(left)}，本次申请 ${yuan(requested)}超出计划`;
  }
  return null;
}

export interface AcceptanceGateArgs {
  budgetTotal: bigint;
  /** Every application of the project so far: pending, approved or transferred. */
  appliedSoFar: bigint;
  requested: bigint;
  isLastPhase: boolean;
  /** Integer 0–100; ACCEPTANCE_BEFORE_PERCENT when left out. */
  percent?: number;
}

/**
 * whether this application needs acceptance and its published notice first — it is for the
 * last phase, or it lifts the cumulative applied amount above `percent` % of the budget total.
 * Reaching exactly the percentage is still allowed; one fen more is not. Compared as
 * (applied + requested) × 100 > budget × percent, so nothing is rounded.
 */
export function needsAcceptanceFirst(args: AcceptanceGateArgs): boolean {
  const percent = args.percent ?? ACCEPTANCE_BEFORE_PERCENT;
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new RangeError('needsAcceptanceFirst: percent must be an integer 0–100');
  return args.isLastPhase || (args.appliedSoFar + args.requested) * 100n > args.budgetTotal * BigInt(percent);
}

/** R-46 with the reason: null when the application may go ahead without (or after) acceptance. */
export function checkAcceptanceGate(args: AcceptanceGateArgs & { accepted: boolean; acceptanceNoticePublished: boolean }): string | null {
  if (!needsAcceptanceFirst(args)) return null;
  if (args.accepted && args.acceptanceNoticePublished) return null;
  const missing = args.accepted ? '发布验收公示' : '完成项目验收并发布验收公示';
  if (args.isLastPhase) return `最后一期拨付前须先${missing}`;
  const percent = args.percent ?? ACCEPTANCE_BEFORE_PERCENT;
  return `本次申请后累计申请 ${yuan(args.appliedSoFar + args.requested)}，超过预算总额 ${yuan(args.budgetTotal)}的 ${percent}%，须先${missing}`;
}

/** a simple project's payees are paid the budget total exactly, in one go. */
export function checkSimplePayees(payees: readonly { amount: bigint }[], budgetTotal: bigint): string | null {
  if (payees.length === 0) return '请至少填写一个收款账户';
  const bad = payees.findIndex((p) => p.amount <= 0n);
  if (bad >= 0) return `第 ${bad + 1} 个收款账户的金额须大于零`;
  const total = sum(payees.map((p) => p.amount));
  if (total !== budgetTotal) return `收款金额合计 ${yuan(total)}须等于预算总额 ${yuan(budgetTotal)}`;
  return null;
}

/** a simple project's settlement equals its budget total (the final list is the budget list). */
export function checkSimpleSettlement(settlement: bigint, budgetTotal: bigint): string | null {
  if (settlement !== budgetTotal) return `简单拨付项目的结算金额 ${yuan(settlement)}须等于预算总额 ${yuan(budgetTotal)}`;
  return null;
}

/**
 * the settlement cannot be below what was already transferred, nor above the budget total.
 * `transferred` is net of refunds — the money the houses have actually paid so far — since the
 * final list must be reachable by debits from there. Above the budget the plan could never
 * pay it and the houses never agreed to it: an increase goes back through a notice and a vote.
 */
export function checkSettlement(settlement: bigint, transferred: bigint, budgetTotal: bigint): string | null {
  if (settlement < 0n) return '结算金额不能为负数';
  if (settlement < transferred) return `结算金额 ${yuan(settlement)}不能低于已划转金额 ${yuan(transferred)}`;
  if (settlement > budgetTotal) {
    return `结算金额 ${yuan(settlement)}超过预算总额 ${yuan(budgetTotal)}；增加预算须重新发布立项公示并经业主表决，请按不超过预算总额填写结算金额`;
  }
  return null;
}

/**
 * F-46: what the refund notices already issued take from the chosen disbursements — every notice
 * not rejected (a pending one too, so two notices cannot take the same money) that returns money
 * from any of them, counted once however many of them it names.
 */
export function refundedFrom(
  chosen: readonly number[],
  refunds: readonly { amount: bigint; status: string; sourceIds: readonly number[] }[],
): bigint {
  return refunds.filter((r) => r.status !== 'rejected' && r.sourceIds.some((s) => chosen.includes(s))).reduce((a, r) => a + r.amount, 0n);
}

/** F-46: a refund is positive and at most what was transferred net of earlier refunds. */
export function checkRefund(transferred: bigint, refunded: bigint, amount: bigint): string | null {
  if (amount <= 0n) return '清退金额须大于零';
  const left = transferred - refunded;
  if (amount > left)
    return `清退金额 ${yuan(amount)}超过可清退金额 ${yuan(left > 0n ? left : 0n)}（已划转 ${yuan(transferred)}，已清退 ${yuan(refunded)}）`;
  return null;
}

/** a project can be cancelled only when nothing transferred remains unrefunded. */
export function canCancel(transferred: bigint, refunded: bigint): string | null {
  const left = transferred - refunded;
  if (left > 0n) return `已划转 ${yuan(transferred)}，已清退 ${yuan(refunded)}，尚有 ${yuan(left)}未清退，须先清退才能撤销`;
  return null;
}

export interface PayeeInput {
  unitName: string;
  accountName: string;
  bankName: string;
  accountNo: string;
  amount: bigint;
}

export const ACCOUNT_NO_RULE = '银行账号须为 8–32 位数字';
const NAME_MAX = 100;

/** Account numbers are often written in groups of four; spaces and hyphens are not part of them. */
export function normalizeAccountNo(accountNo: string): string {
  return accountNo.replace(/[\s-]/g, '');
}

/**
 * F-44 / R-47: one payee (收款账户) of a disbursement, as field errors keyed by field name (the
 * shape of AppError's fieldErrors); empty when valid.
 */
export function validatePayee(p: PayeeInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const text = (field: 'unitName' | 'accountName' | 'bankName', label: string) => {
    const v = p[field].trim();
    if (v === '') errors[field] = `请填写${label}`;
    else if ([...v].length > NAME_MAX) errors[field] = `${label}不能超过 ${NAME_MAX} 个字`;
  };
  text('unitName', '收款单位（施工单位）');
  text('accountName', '账户名称');
  text('bankName', '开户银行');
  if (!/^\d{8,32}$/.test(normalizeAccountNo(p.accountNo))) errors.accountNo = ACCOUNT_NO_RULE;
  if (p.amount <= 0n) errors.amount = '拨付金额须大于零';
  return errors;
}
