/**
 * How 统计报表 (F-63) reads the ledger: each column is a sum of house-account entries of
 * the listed transaction kinds, over every account the area ever had — cancelled and split houses
 * included, so no history drops out. 退款 and 支出 are shown as positive amounts (the entries debit
 * the houses); 支出 is net of 清退. Split/merge moves stay inside an area and sum to zero, so
 * 已交 − 退款 − 支出 + 收益 = 余额 holds for every area and for the city.
 */
export const FIGURE_KINDS = {
  deposited: { kinds: ['deposit', 'deposit_reversal'], sign: 1 },
  refunded: { kinds: ['refund'], sign: -1 },
  disbursed: { kinds: ['project_transfer', 'project_refund'], sign: -1 },
  income: { kinds: ['interest'], sign: 1 },
} as const;
export type FlowFigure = keyof typeof FIGURE_KINDS;
export const FLOW_FIGURES = Object.keys(FIGURE_KINDS) as FlowFigure[];

/** 余额 as the flows explain it: 已交 − 退款 − 支出 + 收益. */
export const balanceOfFlows = (f: Record<FlowFigure, bigint>): bigint => f.deposited - f.refunded - f.disbursed + f.income;

/**
 * 交存率 in basis points (10000 = 100 %), rounded down: what live houses paid towards their amount
 * due (each house counted at most up to its own amount due) over the amount due.
 */
export const depositRateBp = (paidTowardsDue: bigint, amountDue: bigint): number =>
  amountDue > 0n ? Number((paidTowardsDue * 10000n) / amountDue) : 0;
