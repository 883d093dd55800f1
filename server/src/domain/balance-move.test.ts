import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveBalances } from './balance-move.ts';

describe('R-11 balances on split and merge', () => {
  it('R-11 a merge sums the sources’ balances', () => {
    expect(moveBalances([123_45n, 678_90n, 1n], [25000])).toEqual([802_36n]);
  });

  it('R-11 a split divides by building area to the fen: 1000.01 yuan over 60 m² and 40 m²', () => {
    expect(moveBalances([100_001n], [6000, 4000])).toEqual([60_001n, 40_000n]);
  });

  it('R-11 the total after equals the total before, for any sources and result areas', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10_000_000_00n }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 100_000_00 }), { minLength: 1, maxLength: 12 }),
        (balances, areas) => moveBalances(balances, areas).reduce((a, b) => a + b, 0n) === balances.reduce((a, b) => a + b, 0n),
      ),
    );
  });
});
