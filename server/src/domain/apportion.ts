/**
 * R-40 (also R-11 splits, R-48 debits, F-46 refunds, F-64 interest): divide `total` fen over
 * `weights` exactly. Each share is first rounded down; the fen left over go one by one to the
 * largest remainders, ties to the earlier position. Shares sum to `total`; each is within one fen
 * of its exact value; the same inputs always give the same result. BigInt throughout: weights may
 * be area × days or balances, products exceed 2^53.
 */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('apportion: total must not be negative');
  if (weights.some((w) => w < 0n)) throw new RangeError('apportion: weights must not be negative');
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    if (total === 0n) return weights.map(() => 0n);
    throw new RangeError('apportion: weights sum to zero');
  }
  const shares = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    left -= 1n;
  }
  return shares;
}
