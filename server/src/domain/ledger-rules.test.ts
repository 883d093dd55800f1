import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesProblem, netByAccount, reversalOf } from './ledger-rules.ts';

describe('R-20 a ledger transaction', () => {
  it('R-20 needs at least two entries', () => {
    expect(entriesProblem([])).toBe('一笔资金变动至少包含两条分录');
    expect(entriesProblem([{ accountId: 1, amount: 0n }])).toBe('一笔资金变动至少包含两条分录');
    expect(entriesProblem([{ accountId: 1, amount: 5n }])).toBe('一笔资金变动至少包含两条分录');
  });

  it('R-20 refuses an entry of zero fen even when the rest balances', () => {
    const zero = [
      { accountId: 1, amount: 5n },
      { accountId: 2, amount: 0n },
      { accountId: 3, amount: -5n },
    ];
    expect(entriesProblem(zero)).toBe('分录金额不能为零');
  });

  it('R-20 entries must sum to zero, and the message gives the sum in fen', () => {
    expect(
      entriesProblem([
        { accountId: 1, amount: 100n },
        { accountId: 2, amount: -99n },
      ]),
    ).toBe('分录合计须为零（当前为 1 分）');
    expect(
      entriesProblem([
        { accountId: 1, amount: 100n },
        { accountId: 2, amount: -60n },
        { accountId: 3, amount: -40n },
      ]),
    ).toBeNull();
  });

  it('R-20 entries touching one account are netted, so the account is updated once', () => {
    const net = netByAccount([
      { accountId: 7, amount: 300n },
      { accountId: 8, amount: -100n },
      { accountId: 7, amount: -50n },
      { accountId: 9, amount: -150n },
    ]);
    expect([...net]).toEqual([
      [7, 250n],
      [8, -100n],
      [9, -150n],
    ]);
  });

  it('R-20 a reversal has the same accounts with opposite signs, and balances whenever the original does', () => {
    expect(
      reversalOf([
        { accountId: 3, amount: 120n },
        { accountId: 4, amount: -120n },
      ]),
    ).toEqual([
      { accountId: 3, amount: -120n },
      { accountId: 4, amount: 120n },
    ]);
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 6 }), (amounts) => {
        const total = amounts.reduce((a, b) => a + b, 0n);
        const entries = [...amounts.map((amount, i) => ({ accountId: i + 1, amount })), { accountId: 99, amount: -total }];
        return entriesProblem(entries) === null && entriesProblem(reversalOf(entries)) === null;
      }),
    );
  });
});
