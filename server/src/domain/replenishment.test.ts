import { describe, expect, it } from 'vitest';
import { needsReplenishment } from './replenishment.ts';

describe('R-31 replenishment signal', () => {
  it('R-31 flags a balance below 30 % of the first deposit, to the fen', () => {
    expect(needsReplenishment(299_99n, 1000_00n)).toBe(true);
    expect(needsReplenishment(300_00n, 1000_00n)).toBe(false);
    expect(needsReplenishment(0n, 0n)).toBe(false);
  });
});
