/**
 * SPEC §5 amount due (应交金额): building area × rate, rounded to the fen half up, in integers.
 * Areas are hundredths of a square metre, rates fen per square metre.
 */
export const HOUSE_USES = ['住宅', '商业', '办公', '车库', '车位', '其他'] as const;
export type HouseUse = (typeof HOUSE_USES)[number];

export type Rate =
  | { mode: 'per_m2'; fenPerM2: number }
  /** National frame: a percentage (in basis points, 500–800 = 5 %–8 %) of a construction cost per m². */
  | { mode: 'cost_percent'; costFenPerM2: number; basisPoints: number };

export interface StandardRow {
  effectiveFrom: string; // yyyy-mm-dd
  use: HouseUse | '*';
  elevator: boolean | null; // null: either
  rate: Rate;
}

const divRoundHalfUp = (n: bigint, d: bigint) => (n + d / 2n) / d;

export function amountDue(areaHundredths: number, rate: Rate): bigint {
  const area = BigInt(areaHundredths);
  if (rate.mode === 'per_m2') return divRoundHalfUp(area * BigInt(rate.fenPerM2), 100n);
  return divRoundHalfUp(area * BigInt(rate.costFenPerM2) * BigInt(rate.basisPoints), 100n * 10_000n);
}

/**
 * The row in force on `date` for a house: the latest effective date not after `date`, and among
 * that date's rows the most specific (exact use beats '*', exact elevator beats either).
 */
export function rateFor(rows: readonly StandardRow[], use: HouseUse, elevator: boolean, date: string): Rate | null {
  const inForce = rows.filter((r) => r.effectiveFrom <= date);
  if (inForce.length === 0) return null;
  const latest = inForce
    .map((r) => r.effectiveFrom)
    .sort()
    .at(-1);
  const candidates = inForce
    .filter((r) => r.effectiveFrom === latest)
    .filter((r) => (r.use === '*' || r.use === use) && (r.elevator === null || r.elevator === elevator))
    .sort((a, b) => specificity(b) - specificity(a));
  return candidates[0]?.rate ?? null;
}

function specificity(r: StandardRow): number {
  return (r.use === '*' ? 0 : 2) + (r.elevator === null ? 0 : 1);
}

/** Jiangmen's standard in force since 2022-04-01 (SPEC §5). */
export const JIANGMEN_2022: StandardRow[] = [
  { effectiveFrom: '2022-04-01', use: '*', elevator: false, rate: { mode: 'per_m2', fenPerM2: 2000 } },
  { effectiveFrom: '2022-04-01', use: '*', elevator: true, rate: { mode: 'per_m2', fenPerM2: 3000 } },
  { effectiveFrom: '2022-04-01', use: '车库', elevator: null, rate: { mode: 'per_m2', fenPerM2: 2000 } },
  { effectiveFrom: '2022-04-01', use: '车位', elevator: null, rate: { mode: 'per_m2', fenPerM2: 2000 } },
];
