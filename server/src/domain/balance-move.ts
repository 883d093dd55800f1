import { apportion } from './apportion.ts';

/**
 * R-11: the balances of the source houses of a split or merge, moved to the result houses. A merge
 * (one result) takes the sum; a split divides it by building area with R-40's remainder rule. The
 * total after equals the total before, to the fen.
 */
export function moveBalances(sourceBalances: readonly bigint[], resultAreas: readonly number[]): bigint[] {
  const total = sourceBalances.reduce((a, b) => a + b, 0n);
  return apportion(
    total,
    resultAreas.map((a) => BigInt(a)),
  );
}
