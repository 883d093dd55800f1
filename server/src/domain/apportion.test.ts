import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from './apportion.ts';

const weights = fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { minLength: 1, maxLength: 60 }).filter((ws) => ws.some((w) => w > 0n));
const total = fc.bigInt({ min: 0n, max: 100_000_000_000n });

describe('R-40 apportionment', () => {
  it('R-40 shares always sum exactly to the total', () => {
    fc.assert(fc.property(total, weights, (t, ws) => apportion(t, ws).reduce((a, b) => a + b, 0n) === t));
  });

  it('R-40 no share is more than one fen from its exact value', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const sum = ws.reduce((a, b) => a + b, 0n);
        return apportion(t, ws).every((s, i) => {
          const exactTimesSum = t * (ws[i] as bigint);
          const diff = s * sum - exactTimesSum;
          return diff > -sum && diff < sum;
        });
      }),
    );
  });

  it('R-40 is deterministic and gives nothing to a zero weight', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const a = apportion(t, ws);
        expect(apportion(t, [...ws])).toEqual(a);
        return ws.every((w, i) => w !== 0n || a[i] === 0n);
      }),
    );
  });

  it('R-40 hands the leftover fen to the largest remainders, ties to the earlier house', () => {
    // 100 fen over three equal areas: 33 each, the one fen left goes to the first.
    expect(apportion(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    // 10 fen over 8915 / 9032 / 12050 (hundredths of m²): exact 2.97, 3.01, 4.02 → 3, 3, 4.
    expect(apportion(10n, [8915n, 9032n, 12050n])).toEqual([3n, 3n, 4n]);
  });

  it('R-40 ties in the remainder go to the earlier positions, whatever their number', () => {
    expect(apportion(2n, [1n, 1n, 1n, 1n, 1n])).toEqual([1n, 1n, 0n, 0n, 0n]);
    // 3 fen over 2, 1 × 11, 2: remainders 6, 3 × 11, 6 — both 6s first, then the earliest 3.
    const weights13 = [2n, ...Array<bigint>(11).fill(1n), 2n];
    expect(apportion(3n, weights13)).toEqual([1n, 1n, ...Array<bigint>(10).fill(0n), 1n]);
  });

  it('R-40 refuses negative totals, negative weights and weights that sum to zero', () => {
    expect(() => apportion(-1n, [1n])).toThrow('apportion: total must not be negative');
    expect(() => apportion(5n, [3n, -1n])).toThrow('apportion: weights must not be negative');
    expect(() => apportion(5n, [0n, 0n])).toThrow('apportion: weights sum to zero');
    expect(apportion(0n, [0n, 0n])).toEqual([0n, 0n]);
  });
});
