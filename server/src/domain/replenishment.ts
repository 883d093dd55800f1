/** a house whose balance fell below 30 % of its first deposit is flagged for replenishment (续筹). */
export const REPLENISH_PERCENT = 30n;

export function needsReplenishment(balance: bigint, firstDeposit: bigint): boolean {
  return firstDeposit > 0n && balance * 100n < firstDeposit * REPLENISH_PERCENT;
}
