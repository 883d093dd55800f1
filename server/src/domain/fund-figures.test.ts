import { describe, expect, it } from 'vitest';
import { balanceOfFlows, depositRateBp } from './fund-figures.ts';

describe('F-63 fund figures', () => {
  it('R-52 已交 − 退款 − 支出 + 收益 gives the balance', () => {
    expect(balanceOfFlows({ deposited: 100_000n, refunded: 20_000n, disbursed: 30_000n, income: 1_234n })).toBe(51_234n);
  });
  it('F-63 交存率 rounds down in basis points and is 0 without an amount due', () => {
    expect(depositRateBp(2n, 3n)).toBe(6666);
    expect(depositRateBp(5n, 5n)).toBe(10000);
    expect(depositRateBp(0n, 0n)).toBe(0);
  });
});
