import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settleDueChange } from './due-change.ts';

describe('R-12 settling a change of the amount due', () => {
  it('R-12 an increase of a fully paid house is collected in full by a 补交 notice', () => {
    expect(settleDueChange({ oldDue: 3000_00n, newDue: 3300_00n, paid: 3000_00n, balance: 3000_00n })).toEqual({
      supplement: 300_00n,
      refund: 0n,
    });
  });

  it('R-12 an increase of a house that has paid nothing asks only for the increase (the deposit notice covers the rest)', () => {
    expect(settleDueChange({ oldDue: 3000_00n, newDue: 3300_00n, paid: 0n, balance: 0n })).toEqual({ supplement: 300_00n, refund: 0n });
  });

  it('R-12 an increase already covered by what was paid needs no notice', () => {
    expect(settleDueChange({ oldDue: 3000_00n, newDue: 3300_00n, paid: 3300_00n, balance: 3300_00n })).toEqual({
      supplement: 0n,
      refund: 0n,
    });
  });

  it('R-12 a decrease below what was paid refunds the excess', () => {
    expect(settleDueChange({ oldDue: 3000_00n, newDue: 2700_00n, paid: 3000_00n, balance: 3100_00n })).toEqual({
      supplement: 0n,
      refund: 300_00n,
    });
  });

  it('R-12 a decrease that stays above what was paid refunds nothing', () => {
    expect(settleDueChange({ oldDue: 3000_00n, newDue: 2700_00n, paid: 1000_00n, balance: 1000_00n })).toEqual({
      supplement: 0n,
      refund: 0n,
    });
  });

  it('R-12 R-21 a refund never exceeds the balance left after repairs', () => {
    expect(settleDueChange({ oldDue: 3000_00n, newDue: 2700_00n, paid: 3000_00n, balance: 120_00n })).toEqual({
      supplement: 0n,
      refund: 120_00n,
    });
  });

  it('R-12 for any change: never both, never negative, a refund within the balance, a supplement within the increase and never beyond the new amount due', () => {
    const fen = fc.bigInt({ min: 0n, max: 100_000_000n });
    fc.assert(
      fc.property(fen, fen, fen, fen, (oldDue, newDue, paid, balance) => {
        const s = settleDueChange({ oldDue, newDue, paid, balance });
        return (
          s.supplement >= 0n &&
          s.refund >= 0n &&
          (s.supplement === 0n || s.refund === 0n) &&
          s.refund <= balance &&
          s.supplement <= (newDue > oldDue ? newDue - oldDue : 0n) &&
          (s.supplement === 0n || paid + s.supplement <= newDue)
        );
      }),
    );
  });

  it('R-12 an unchanged amount due settles nothing, even for a house that paid more than it owes', () => {
    expect(settleDueChange({ oldDue: 3000_00n, newDue: 3000_00n, paid: 3500_00n, balance: 3500_00n })).toEqual({
      supplement: 0n,
      refund: 0n,
    });
  });
});
