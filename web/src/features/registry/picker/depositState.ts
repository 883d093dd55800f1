import type { HouseDeposit } from '../../payments/api';

/** How much of its amount due a house has deposited: what colours the 楼盘表 in deposit mode. */
export type DepositState = 'paid' | 'part' | 'unpaid' | 'none';

export const DEPOSIT_LABELS: Record<DepositState, string> = { paid: '已交足', part: '部分交存', unpaid: '未交存', none: '无应交' };
export const DEPOSIT_ORDER: DepositState[] = ['paid', 'part', 'unpaid', 'none'];

export function depositState(d: Pick<HouseDeposit, 'amountDue' | 'deposited'>): DepositState {
  if (d.amountDue <= 0) return 'none';
  if (d.deposited >= d.amountDue) return 'paid';
  return d.deposited > 0 ? 'part' : 'unpaid';
}
