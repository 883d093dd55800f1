import { type ActionState, NO_ROLE, offer } from './review-steps.ts';

/**
 * F-70 退款指令: the bank 确认付款 a refund still pending; a paid one is done. Only a bank's staff with
 * the confirming role are offered the step (which bank keeps the custody account is checked when it
 * confirms). The use case refuses a paid refund with the same words.
 */
export const REFUND_ACTIONS = ['confirm'] as const;
export type RefundAction = (typeof REFUND_ACTIONS)[number];

export const paidRefundRefusal = (no: string) => `退款指令 ${no} 已付款`;

export function refundActions(
  r: { no: string; status: 'pending' | 'paid' },
  caller: { orgType: string; permissions: readonly string[] },
): ActionState<RefundAction>[] {
  if (caller.orgType !== 'bank') return [];
  return [offer('confirm', r.status === 'paid' ? paidRefundRefusal(r.no) : caller.permissions.includes('bank.confirm') ? null : NO_ROLE)];
}
