import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountDue, JIANGMEN_2022, rateFor, type StandardRow } from './deposit-standard.ts';

describe('§5 amount due from the deposit standard', () => {
  it('applies Jiangmen 2022: 20 yuan/m² without elevator, 30 with, 20 for garages and parking spaces', () => {
    expect(rateFor(JIANGMEN_2022, '住宅', false, '2026-11-22')).toEqual({ mode: 'per_m2', fenPerM2: 2000 });
    expect(rateFor(JIANGMEN_2022, '住宅', true, '2026-11-22')).toEqual({ mode: 'per_m2', fenPerM2: 3000 });
    expect(rateFor(JIANGMEN_2022, '车位', true, '2026-11-22')).toEqual({ mode: 'per_m2', fenPerM2: 2000 });
    expect(rateFor(JIANGMEN_2022, '住宅', true, '2022-03-31')).toBeNull();
  });

  it('multiplies area by rate and rounds half up to the fen, in integers', () => {
    // 89.15 m² × 30 yuan = 2674.50 yuan
    expect(amountDue(8915, { mode: 'per_m2', fenPerM2: 3000 })).toBe(267450n);
    // 0.05 m² × 0.10 yuan = 0.005 yuan → 0.01 (half up); 0.04 m² → 0.004 → 0.00
    expect(amountDue(5, { mode: 'per_m2', fenPerM2: 10 })).toBe(1n);
    expect(amountDue(4, { mode: 'per_m2', fenPerM2: 10 })).toBe(0n);
    // 100 m² × 5 % of 3,000 yuan/m² = 15,000 yuan
    expect(amountDue(10000, { mode: 'cost_percent', costFenPerM2: 300000, basisPoints: 500 })).toBe(1500000n);
  });

  it('is within half a fen of the exact product for any area and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000 }), (area, rate) => {
        const due = amountDue(area, { mode: 'per_m2', fenPerM2: rate });
        const diff = due * 100n - BigInt(area) * BigInt(rate); // in hundredths of a fen
        return diff > -50n && diff <= 50n; // half up: an exact half fen rounds up
      }),
    );
  });

  it('uses the latest standard in force and the most specific row', () => {
    const rows: StandardRow[] = [
      ...JIANGMEN_2022,
      { effectiveFrom: '2027-01-01', use: '*', elevator: null, rate: { mode: 'per_m2', fenPerM2: 3500 } },
    ];
    expect(rateFor(rows, '车库', false, '2026-12-31')).toEqual({ mode: 'per_m2', fenPerM2: 2000 });
    expect(rateFor(rows, '车库', false, '2027-01-01')).toEqual({ mode: 'per_m2', fenPerM2: 3500 });
  });

  it('takes the latest effective date whatever the order of the rows, and null when no row of that date fits', () => {
    const later: StandardRow = { effectiveFrom: '2025-01-01', use: '车库', elevator: null, rate: { mode: 'per_m2', fenPerM2: 2500 } };
    const rows: StandardRow[] = [later, ...JIANGMEN_2022];
    expect(rateFor(rows, '车库', false, '2026-01-01')).toEqual({ mode: 'per_m2', fenPerM2: 2500 });
    expect(rateFor(rows, '住宅', false, '2026-01-01')).toBeNull();
  });

  it('an exact elevator beats either, and an exact use beats an exact elevator', () => {
    const per = (fenPerM2: number) => ({ mode: 'per_m2' as const, fenPerM2 });
    const rows: StandardRow[] = [
      { effectiveFrom: '2024-01-01', use: '*', elevator: null, rate: per(1000) },
      { effectiveFrom: '2024-01-01', use: '*', elevator: true, rate: per(1100) },
      { effectiveFrom: '2024-01-01', use: '车库', elevator: null, rate: per(1200) },
    ];
    expect(rateFor(rows, '住宅', true, '2024-06-01')).toEqual(per(1100));
    expect(rateFor(rows, '住宅', false, '2024-06-01')).toEqual(per(1000));
    expect(rateFor(rows, '车库', true, '2024-06-01')).toEqual(per(1200));
  });
});
